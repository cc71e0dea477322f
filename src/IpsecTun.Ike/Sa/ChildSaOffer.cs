using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// The initiator's half of a Child SA negotiation (IKE_AUTH or CREATE_CHILD_SA): it offers ESP
/// proposals with a fresh inbound SPI and its selectors, and checks and installs what the responder chose.
/// </summary>
internal sealed class ChildSaOffer
{
    private readonly IReadOnlyList<TrafficSelector> _local;
    private readonly IReadOnlyList<TrafficSelector> _remote;
    private readonly ChildSaMode _mode;
    private uint _inboundSpi;

    public ChildSaOffer(IReadOnlyList<TrafficSelector> local, IReadOnlyList<TrafficSelector> remote, ChildSaMode mode)
    {
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

        _inboundSpi = sa.Host.AllocateSpi(ProtocolId.Esp);
        payloads.Add(new SecurityAssociationPayload(ProposalBuilder.Esp(sa.Settings.Child.Proposals, _inboundSpi)));
        payloads.Add(new TrafficSelectorPayload(PayloadType.TrafficSelectorInitiator, _local));
        payloads.Add(new TrafficSelectorPayload(PayloadType.TrafficSelectorResponder, _remote));
    }

    /// <summary>Installs the Child SA the response describes, or raises ChildSaFailed and returns false.</summary>
    public bool TryInstall(IkeSa sa, IReadOnlyList<Payload> payloads, ReadOnlySpan<byte> nonceI, ReadOnlySpan<byte> nonceR, IkeSaOutput output)
    {
        if (payloads.OfType<NotifyPayload>().FirstOrDefault(n => n.IsError) is { } error)
        {
            output.Raise(IkeSaEventKind.ChildSaFailed, $"peer refused the Child SA: {error.NotifyType}");
            return false;
        }

        var sap = payloads.OfType<SecurityAssociationPayload>().FirstOrDefault();
        var tsi = payloads.OfType<TrafficSelectorPayload>().FirstOrDefault(p => p.Type == PayloadType.TrafficSelectorInitiator);
        var tsr = payloads.OfType<TrafficSelectorPayload>().FirstOrDefault(p => p.Type == PayloadType.TrafficSelectorResponder);
        if (sap is null || tsi is null || tsr is null)
        {
            output.Raise(IkeSaEventKind.ChildSaFailed, "peer created no Child SA");
            return false;
        }

        var rejections = new List<string>();
        List<Proposal> ours = ProposalBuilder.Esp(sa.Settings.Child.Proposals, _inboundSpi);
        if (sap.Proposals.Count != 1
            || !ProposalSelector.TrySelect(sap.Proposals, [.. ours.Where(p => p.Number == sap.Proposals[0].Number)], 0, out Proposal? chosen, rejections)
            || NegotiatedTransforms.FromProposal(chosen) is not { } transforms)
        {
            rejections.ForEach(output.Log);
            output.Raise(IkeSaEventKind.ChildSaFailed, "the responder chose an ESP proposal we did not offer");
            return false;
        }

        if (!TrafficSelectorNarrowing.IsSubset(tsi.Selectors, _local) || !TrafficSelectorNarrowing.IsSubset(tsr.Selectors, _remote))
        {
            output.Raise(IkeSaEventKind.ChildSaFailed, "the responder widened the traffic selectors");
            return false;
        }

        bool transport = payloads.OfType<NotifyPayload>().Any(n => n.NotifyType == NotifyType.UseTransportMode);
        if (transport && _mode != ChildSaMode.Transport)
        {
            output.Raise(IkeSaEventKind.ChildSaFailed, "the responder chose transport mode we did not ask for");
            return false;
        }

        ChildSaInstaller.Install(
            sa, transforms, transport ? ChildSaMode.Transport : ChildSaMode.Tunnel, _inboundSpi, ChildSaInstaller.ReadSpi(chosen),
            tsi.Selectors, tsr.Selectors, nonceI, nonceR, output);
        return true;
    }
}
