using System.Buffers.Binary;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tasks;

/// <summary>
/// CREATE_CHILD_SA for a Child SA (RFC 7296 §1.3.1, §1.3.3): a new one, or the rekey of an existing one
/// named by REKEY_SA. KEYMAT comes from this exchange's nonces and, with a pfs-group, a fresh key exchange.
/// The rekey initiator deletes the old Child SA once the new one is installed.
/// </summary>
internal sealed class CreateChildTask : IkeTask
{
    private readonly ChildSaReference? _rekeyed;
    private readonly ChildSaAnswer _answer = new();
    private ChildSaOffer? _offer;
    private byte[] _nonceI = [];
    private byte[] _nonceR = [];

    /// <summary>A responder task, or an initiator task that rekeys <paramref name="rekeyed"/>.</summary>
    public CreateChildTask(ChildSaReference? rekeyed = null) => _rekeyed = rekeyed;

    public override ExchangeType Exchange => ExchangeType.CreateChildSa;

    public override void BuildRequest(IkeSa sa, List<Payload> payloads)
    {
        if (_rekeyed is not null)
        {
            payloads.Add(new NotifyPayload(NotifyType.RekeySa, protocol: _rekeyed.Protocol, spi: ProposalBuilder.SpiBytes(_rekeyed.InboundSpi)));
            _offer = new ChildSaOffer(_rekeyed.LocalSelectors, _rekeyed.RemoteSelectors, _rekeyed.Mode, withPfs: true);
        }
        else
        {
            _offer = new ChildSaOffer(sa.Settings.Child.LocalSelectors, sa.Settings.Child.RemoteSelectors, sa.Settings.Child.Mode, withPfs: true);
        }

        _nonceI = sa.NewNonce();
        _offer.AddPayloads(sa, payloads);
        payloads.Add(new NoncePayload(_nonceI));
    }

    public override TaskOutcome ProcessResponse(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        _nonceR = Find<NoncePayload>(payloads)?.Data.ToArray() ?? [];
        if (_offer!.TryInstall(sa, payloads, _nonceI, _nonceR, output) && _rekeyed is not null)
        {
            output.Log($"Child SA 0x{_rekeyed.InboundSpi:x8} rekeyed; deleting it");
            sa.QueueTask(new InformationalTask(new DeletePayload(_rekeyed.Protocol, [_rekeyed.InboundSpi])));
        }

        return TaskOutcome.Done;
    }

    public override void ProcessRequest(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        _nonceI = Find<NoncePayload>(payloads)!.Data.ToArray();
        _nonceR = sa.NewNonce();
        if (payloads.OfType<NotifyPayload>().FirstOrDefault(n => n.NotifyType == NotifyType.RekeySa) is { } rekey)
        {
            // REKEY_SA names the SPI the peer receives on, which is our outbound SPI.
            uint outbound = rekey.Spi.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(rekey.Spi.Span) : 0;
            if (outbound == 0 || !sa.ChildSas.Any(c => c.Protocol == rekey.Protocol && c.OutboundSpi == outbound))
            {
                output.Log($"rekey of unknown Child SA 0x{outbound:x8}");
                _answer.Refuse(NotifyType.ChildSaNotFound, output);
                return;
            }
        }

        if (FindSelectors(payloads, PayloadType.TrafficSelectorInitiator) is null)
        {
            _answer.Refuse(NotifyType.NoProposalChosen, output);
            return;
        }

        _answer.Negotiate(sa, payloads, withPfs: true, _nonceI, _nonceR, output);
    }

    public override void BuildResponse(IkeSa sa, List<Payload> payloads, IkeSaOutput output) =>
        _answer.AddPayloads(payloads, new NoncePayload(_nonceR));
}
