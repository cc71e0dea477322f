using System.Buffers.Binary;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tasks;

/// <summary>
/// CREATE_CHILD_SA for a Child SA (RFC 7296 §1.3.1, §1.3.3): a new one, or the rekey of an existing one
/// named by REKEY_SA. KEYMAT comes from this exchange's nonces and, with a pfs-group, a fresh key exchange
/// (retried once with the group an INVALID_KE_PAYLOAD asks for). The rekey initiator deletes the old Child
/// SA once the new one is installed. When both peers rekey the same Child SA at once (§2.8.1), both new
/// SAs are installed on both sides first; then the exchange holding the lowest of the four nonces is
/// redundant, its initiator deletes the SA it created, and the other initiator deletes the old SA.
/// </summary>
internal sealed class CreateChildTask : IkeTask
{
    private readonly ChildSaReference? _rekeyed;
    private readonly ChildSaSettings? _child;
    private readonly ChildSaAnswer _answer = new();
    private ChildSaOffer? _offer;
    private KeyExchangeGroup? _pfsGroup;
    private byte[] _nonceI = [];
    private byte[] _nonceR = [];
    private byte[]? _peerLowestNonce;

    /// <summary>The responder's task.</summary>
    public CreateChildTask()
    {
    }

    /// <summary>A new Child SA from <paramref name="child"/>.</summary>
    public CreateChildTask(ChildSaSettings child) => _child = child;

    /// <summary>The rekey of <paramref name="rekeyed"/>, offered with the settings it was negotiated under.</summary>
    public CreateChildTask(ChildSaReference rekeyed) => _rekeyed = rekeyed;

    public override ExchangeType Exchange => ExchangeType.CreateChildSa;

    /// <summary>Whether this task creates a new Child SA from <paramref name="child"/>.</summary>
    public bool Creates(ChildSaSettings child) => _child is not null && _child.Equals(child);

    public override void BuildRequest(IkeSa sa, List<Payload> payloads)
    {
        if (_rekeyed is not null)
        {
            payloads.Add(new NotifyPayload(NotifyType.RekeySa, protocol: _rekeyed.Protocol, spi: ProposalBuilder.SpiBytes(_rekeyed.InboundSpi)));
            _offer = new ChildSaOffer(_rekeyed.Settings, _rekeyed.LocalSelectors, _rekeyed.RemoteSelectors, _rekeyed.Mode, withPfs: true, _pfsGroup);
        }
        else
        {
            ChildSaSettings child = _child ?? throw new InvalidOperationException("A responder task sends no request.");
            _offer = new ChildSaOffer(child, child.LocalSelectors, child.RemoteSelectors, child.Mode, withPfs: true, _pfsGroup);
        }

        _nonceI = sa.NewNonce();
        _offer.AddPayloads(sa, payloads);
        payloads.Add(new NoncePayload(_nonceI));
    }

    public override TaskOutcome ProcessResponse(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        if (FindError(payloads) is { NotifyType: NotifyType.InvalidKePayload } invalidKe && _pfsGroup is null
            && RequestedPfsGroup(invalidKe) is { } group)
        {
            output.Log($"peer asked for PFS group {group}; retrying CREATE_CHILD_SA");
            _pfsGroup = group;
            return TaskOutcome.Retry;
        }

        _nonceR = Find<NoncePayload>(payloads)?.Data.ToArray() ?? [];
        ChildSaReference? installed = _offer!.TryInstall(sa, payloads, _nonceI, _nonceR, output);
        if (_rekeyed is null)
        {
            return TaskOutcome.Done;
        }

        sa.ChildRekeyEnded(_rekeyed, failed: installed is null);
        if (installed is null)
        {
            return TaskOutcome.Done;
        }

        if (_peerLowestNonce is not null && LowestNonce.Compare(LowestNonce.Of(_nonceI, _nonceR), _peerLowestNonce) < 0)
        {
            output.Log($"Child SA rekey collision: our exchange has the lowest nonce; deleting our new Child SA 0x{installed.InboundSpi:x8}");
            sa.QueueChildDelete(installed);
            return TaskOutcome.Done;
        }

        output.Log($"Child SA 0x{_rekeyed.InboundSpi:x8} rekeyed; deleting it");
        sa.QueueChildDelete(_rekeyed);
        return TaskOutcome.Done;
    }

    public override void ProcessRequest(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        _nonceI = Find<NoncePayload>(payloads)!.Data.ToArray();
        _nonceR = sa.NewNonce();
        ChildSaReference? rekeyed = null;
        if (payloads.OfType<NotifyPayload>().FirstOrDefault(n => n.NotifyType == NotifyType.RekeySa) is { } rekey)
        {
            // REKEY_SA names the SPI the peer receives on, which is our outbound SPI.
            uint outbound = rekey.Spi.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(rekey.Spi.Span) : 0;
            rekeyed = outbound == 0 ? null : sa.ChildSas.FirstOrDefault(c => c.Protocol == rekey.Protocol && c.OutboundSpi == outbound);
            if (rekeyed is null)
            {
                output.Log($"rekey of unknown Child SA 0x{outbound:x8}");
                _answer.Refuse(NotifyType.ChildSaNotFound, output);
                return;
            }

            if (sa.IsClosing(rekeyed))
            {
                output.Log($"rekey of Child SA 0x{rekeyed.InboundSpi:x8}, which is being deleted");
                _answer.Refuse(NotifyType.TemporaryFailure, output);
                return;
            }
        }

        if (sa.State != IkeSaState.Established || sa.ActiveTask is IkeRekeyTask)
        {
            output.Log($"CREATE_CHILD_SA refused while the IKE SA is {sa.State} or being rekeyed");
            _answer.Refuse(NotifyType.TemporaryFailure, output);
            return;
        }

        if (FindSelectors(payloads, PayloadType.TrafficSelectorInitiator) is null)
        {
            _answer.Refuse(NotifyType.NoProposalChosen, output);
            return;
        }

        _answer.Negotiate(sa, rekeyed is null ? sa.Settings.Children : [rekeyed.Settings], payloads, withPfs: true, _nonceI, _nonceR, output);
        if (rekeyed is not null && _answer.Installed is not null && sa.ActiveTask is CreateChildTask { _rekeyed: { } ours } own && ours == rekeyed)
        {
            own._peerLowestNonce = LowestNonce.Of(_nonceI, _nonceR);
        }
    }

    public override void BuildResponse(IkeSa sa, List<Payload> payloads, IkeSaOutput output) =>
        _answer.AddPayloads(payloads, new NoncePayload(_nonceR));

    private KeyExchangeGroup? RequestedPfsGroup(NotifyPayload error)
    {
        KeyExchangeGroupId requested = NotifyData.ReadInvalidKeGroup(error);
        ChildSaSettings offered = _rekeyed?.Settings ?? _child!;
        return offered.Proposals.SelectMany(p => p.PfsGroups ?? []).FirstOrDefault(g => g.Id == requested);
    }
}
