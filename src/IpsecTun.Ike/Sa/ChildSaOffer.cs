using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// The initiator's half of a Child SA negotiation (IKE_AUTH or CREATE_CHILD_SA): it offers the proposals
/// of one Child SA's settings with a fresh inbound SPI and its selectors, and checks and installs what the
/// responder chose.
/// </summary>
internal sealed class ChildSaOffer
{
    private readonly ChildSaSettings _child;
    private readonly IReadOnlyList<TrafficSelector> _local;
    private readonly IReadOnlyList<TrafficSelector> _remote;
    private readonly ChildSaMode _mode;
    private readonly bool _withPfs;
    private readonly KeyExchangeGroup? _pfsGroup;
    private uint _inboundSpi;
    private KeyExchange? _keyExchange;

    /// <summary>With PFS the key exchange uses <paramref name="pfsGroup"/> (the group an INVALID_KE_PAYLOAD asked for), else the first pfs-group.</summary>
    public ChildSaOffer(
        ChildSaSettings child, IReadOnlyList<TrafficSelector> local, IReadOnlyList<TrafficSelector> remote, ChildSaMode mode, bool withPfs,
        KeyExchangeGroup? pfsGroup = null)
    {
        _child = child;
        _withPfs = withPfs;
        _pfsGroup = pfsGroup;
        _local = local;
        _remote = remote;
        _mode = mode;
    }

    public void AddPayloads(IkeSa sa, List<Payload> payloads)
    {
        if (_mode == ChildSaMode.Transport)
        {
            payloads.Add(new NotifyPayload(NotifyType.UseTransportMode));
        }

        _inboundSpi = sa.Host.AllocateSpi(_child.Protocol);
        payloads.Add(new SecurityAssociationPayload(ProposalBuilder.Child(_child.Proposals, _child.Protocol, _inboundSpi, _withPfs)));
        if (_withPfs && (_pfsGroup ?? _child.Proposals.SelectMany(p => p.PfsGroups ?? []).FirstOrDefault()) is { } group)
        {
            _keyExchange = group.Create(sa.Random);
            payloads.Add(new KeyExchangePayload(group.Id, _keyExchange.PublicValue.ToArray()));
        }

        payloads.Add(new TrafficSelectorPayload(PayloadType.TrafficSelectorInitiator, _local));
        payloads.Add(new TrafficSelectorPayload(PayloadType.TrafficSelectorResponder, _remote));
    }

    /// <summary>Installs the Child SA the response describes, or raises ChildSaFailed and returns null.</summary>
    public ChildSaReference? TryInstall(IkeSa sa, IReadOnlyList<Payload> payloads, ReadOnlySpan<byte> nonceI, ReadOnlySpan<byte> nonceR, IkeSaOutput output)
    {
        if (payloads.OfType<NotifyPayload>().FirstOrDefault(n => n.IsError) is { } error)
        {
            output.Raise(IkeSaEventKind.ChildSaFailed, $"peer refused the Child SA: {error.NotifyType}", IkeSaFailures.FromNotify(error.NotifyType));
            return null;
        }

        var sap = payloads.OfType<SecurityAssociationPayload>().FirstOrDefault();
        var tsi = payloads.OfType<TrafficSelectorPayload>().FirstOrDefault(p => p.Type == PayloadType.TrafficSelectorInitiator);
        var tsr = payloads.OfType<TrafficSelectorPayload>().FirstOrDefault(p => p.Type == PayloadType.TrafficSelectorResponder);
        if (sap is null || tsi is null || tsr is null)
        {
            output.Raise(IkeSaEventKind.ChildSaFailed, "peer created no Child SA", IkeSaFailureKind.ProtocolError);
            return null;
        }

        var rejections = new List<string>();
        List<Proposal> ours = ProposalBuilder.Child(_child.Proposals, _child.Protocol, _inboundSpi, _withPfs);
        if (sap.Proposals.Count != 1
            || !ProposalSelector.TrySelect(sap.Proposals, [.. ours.Where(p => p.Number == sap.Proposals[0].Number)], _keyExchange?.Group.Id ?? 0, out Proposal? chosen, rejections)
            || NegotiatedTransforms.FromProposal(chosen) is not { } transforms)
        {
            rejections.ForEach(output.Log);
            output.Raise(IkeSaEventKind.ChildSaFailed, "the responder chose an ESP proposal we did not offer", IkeSaFailureKind.NoProposalChosen);
            return null;
        }

        if (!TrafficSelectorNarrowing.IsSubset(tsi.Selectors, _local) || !TrafficSelectorNarrowing.IsSubset(tsr.Selectors, _remote))
        {
            output.Raise(IkeSaEventKind.ChildSaFailed, "the responder widened the traffic selectors", IkeSaFailureKind.TsUnacceptable);
            return null;
        }

        bool transport = payloads.OfType<NotifyPayload>().Any(n => n.NotifyType == NotifyType.UseTransportMode);
        if (transport && _mode != ChildSaMode.Transport)
        {
            output.Raise(IkeSaEventKind.ChildSaFailed, "the responder chose transport mode we did not ask for", IkeSaFailureKind.ProtocolError);
            return null;
        }

        byte[] shared = [];
        if (transforms.Group is not null
            && !PfsSecret.TryCompute(_keyExchange, transforms.Group, payloads.OfType<KeyExchangePayload>().FirstOrDefault(), out shared, output))
        {
            output.Raise(IkeSaEventKind.ChildSaFailed, "the responder's PFS key exchange does not fit", IkeSaFailureKind.ProtocolError);
            return null;
        }

        try
        {
            return ChildSaInstaller.Install(
                sa, exchangeInitiator: true, _child, chosen.Protocol, transforms, transport ? ChildSaMode.Transport : ChildSaMode.Tunnel, _inboundSpi, ChildSaInstaller.ReadSpi(chosen),
                tsi.Selectors, tsr.Selectors, shared, nonceI, nonceR, output);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(shared);
            _keyExchange?.Dispose();
        }
    }
}
