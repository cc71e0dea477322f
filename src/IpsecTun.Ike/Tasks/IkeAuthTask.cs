using System.Security.Cryptography;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tasks;

/// <summary>
/// IKE_AUTH with a pre-shared key (RFC 7296 §1.2, §2.15) and the first Child SA: ESP proposal
/// selection, traffic selector narrowing (§2.9) and tunnel or transport mode.
/// </summary>
internal sealed class IkeAuthTask : IkeTask
{
    private uint _inboundSpi;
    private NotifyType? _authError;
    private NotifyPayload? _childError;
    private Proposal? _childProposal;
    private bool _transport;
    private List<TrafficSelector> _tsi = [];
    private List<TrafficSelector> _tsr = [];

    public override ExchangeType Exchange => ExchangeType.IkeAuth;

    public override void BuildRequest(IkeSa sa, List<Payload> payloads)
    {
        IdentificationPayload idi = sa.Settings.LocalId.ToPayload(PayloadType.IdInitiator);
        payloads.Add(idi);
        if (sa.Settings.RemoteId is { } remoteId)
        {
            payloads.Add(remoteId.ToPayload(PayloadType.IdResponder));
        }

        payloads.Add(new AuthenticationPayload(AuthMethod.SharedKeyMessageIntegrityCode, OwnAuth(sa, idi)));
        ChildSaSettings child = sa.Settings.Child;
        if (child.Mode == ChildSaMode.Transport)
        {
            payloads.Add(new NotifyPayload(NotifyType.UseTransportMode));
        }

        _inboundSpi = sa.Host.AllocateSpi(ProtocolId.Esp);
        payloads.Add(new SecurityAssociationPayload(ProposalBuilder.Esp(child.Proposals, _inboundSpi)));
        payloads.Add(new TrafficSelectorPayload(PayloadType.TrafficSelectorInitiator, child.LocalSelectors));
        payloads.Add(new TrafficSelectorPayload(PayloadType.TrafficSelectorResponder, child.RemoteSelectors));
    }

    public override TaskOutcome ProcessResponse(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        var idr = payloads.OfType<IdentificationPayload>().FirstOrDefault(p => p.Type == PayloadType.IdResponder);
        var auth = Find<AuthenticationPayload>(payloads);
        if (idr is null || auth is null)
        {
            output.Log($"IKE_AUTH failed: peer answered {FindError(payloads)?.NotifyType.ToString() ?? "without IDr and AUTH"}");
            return TaskOutcome.Failed;
        }

        if (!Authenticate(sa, idr, auth, sa.InitResponse, sa.NonceI, sa.Keys.SkPr, output))
        {
            return TaskOutcome.Failed;
        }

        sa.MoveTo(IkeSaState.Established);
        output.Raise(IkeSaEventKind.Established, $"IKE SA established with {sa.Remote} as {IdText(idr)}");
        if (FindError(payloads) is { } childError)
        {
            output.Raise(IkeSaEventKind.ChildSaFailed, $"peer refused the Child SA: {childError.NotifyType}");
            return TaskOutcome.Done;
        }

        InstallOffered(sa, payloads, output);
        return TaskOutcome.Done;
    }

    public override void ProcessRequest(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        var idi = payloads.OfType<IdentificationPayload>().FirstOrDefault(p => p.Type == PayloadType.IdInitiator);
        var auth = Find<AuthenticationPayload>(payloads);
        if (idi is null || auth is null || !Authenticate(sa, idi, auth, sa.InitRequest, sa.NonceR, sa.Keys.SkPi, output))
        {
            _authError = NotifyType.AuthenticationFailed;
            return;
        }

        ChildSaSettings child = sa.Settings.Child;
        var sap = Find<SecurityAssociationPayload>(payloads);
        if (sap is null)
        {
            return;
        }

        var rejections = new List<string>();
        if (!ProposalSelector.TrySelect(sap.Proposals, ProposalBuilder.Esp(child.Proposals, 0), 0, out _childProposal, rejections)
            || NegotiatedTransforms.FromProposal(_childProposal) is not { } transforms)
        {
            output.Log("no suitable proposal found for the Child SA");
            rejections.ForEach(output.Log);
            _childError = new NotifyPayload(NotifyType.NoProposalChosen);
            return;
        }

        _tsi = TrafficSelectorNarrowing.Narrow(FindSelectors(payloads, PayloadType.TrafficSelectorInitiator)!.Selectors, child.RemoteSelectors);
        _tsr = TrafficSelectorNarrowing.Narrow(FindSelectors(payloads, PayloadType.TrafficSelectorResponder)!.Selectors, child.LocalSelectors);
        if (_tsi.Count == 0 || _tsr.Count == 0)
        {
            output.Log($"traffic selectors unacceptable: TSi {string.Join(", ", FindSelectors(payloads, PayloadType.TrafficSelectorInitiator)!.Selectors)} "
                + $"TSr {string.Join(", ", FindSelectors(payloads, PayloadType.TrafficSelectorResponder)!.Selectors)}");
            _childError = new NotifyPayload(NotifyType.TsUnacceptable);
            return;
        }

        _transport = child.Mode == ChildSaMode.Transport && payloads.OfType<NotifyPayload>().Any(n => n.NotifyType == NotifyType.UseTransportMode);
        _inboundSpi = sa.Host.AllocateSpi(ProtocolId.Esp);
        ChildSaInstaller.Install(
            sa, transforms, _transport ? ChildSaMode.Transport : ChildSaMode.Tunnel, _inboundSpi, ChildSaInstaller.ReadSpi(_childProposal), _tsr, _tsi, output);
    }

    public override void BuildResponse(IkeSa sa, List<Payload> payloads, IkeSaOutput output)
    {
        if (_authError is { } error)
        {
            payloads.Add(new NotifyPayload(error));
            sa.Close(output, IkeSaState.Failed);
            return;
        }

        IdentificationPayload idr = sa.Settings.LocalId.ToPayload(PayloadType.IdResponder);
        payloads.Add(idr);
        payloads.Add(new AuthenticationPayload(AuthMethod.SharedKeyMessageIntegrityCode, OwnAuth(sa, idr)));
        sa.MoveTo(IkeSaState.Established);
        output.Raise(IkeSaEventKind.Established, $"IKE SA established with {sa.Remote}");
        if (_childError is not null)
        {
            payloads.Add(_childError);
            output.Raise(IkeSaEventKind.ChildSaFailed, $"Child SA refused: {_childError.NotifyType}");
            return;
        }

        if (_childProposal is null)
        {
            return;
        }

        if (_transport)
        {
            payloads.Add(new NotifyPayload(NotifyType.UseTransportMode));
        }

        payloads.Add(new SecurityAssociationPayload(
            [new Proposal(_childProposal.Number, ProtocolId.Esp, ProposalBuilder.SpiBytes(_inboundSpi), _childProposal.Transforms)]));
        payloads.Add(new TrafficSelectorPayload(PayloadType.TrafficSelectorInitiator, _tsi));
        payloads.Add(new TrafficSelectorPayload(PayloadType.TrafficSelectorResponder, _tsr));
    }

    private void InstallOffered(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        ChildSaSettings child = sa.Settings.Child;
        var sap = Find<SecurityAssociationPayload>(payloads);
        if (sap is null)
        {
            output.Raise(IkeSaEventKind.ChildSaFailed, "peer created no Child SA");
            return;
        }

        var rejections = new List<string>();
        List<Proposal> ours = ProposalBuilder.Esp(child.Proposals, _inboundSpi);
        List<TrafficSelector> tsi = [.. FindSelectors(payloads, PayloadType.TrafficSelectorInitiator)!.Selectors];
        List<TrafficSelector> tsr = [.. FindSelectors(payloads, PayloadType.TrafficSelectorResponder)!.Selectors];
        if (sap.Proposals.Count != 1
            || !ProposalSelector.TrySelect(sap.Proposals, [.. ours.Where(p => p.Number == sap.Proposals[0].Number)], 0, out Proposal? chosen, rejections)
            || NegotiatedTransforms.FromProposal(chosen) is not { } transforms)
        {
            rejections.ForEach(output.Log);
            output.Raise(IkeSaEventKind.ChildSaFailed, "the responder chose an ESP proposal we did not offer");
            return;
        }

        if (!TrafficSelectorNarrowing.IsSubset(tsi, child.LocalSelectors) || !TrafficSelectorNarrowing.IsSubset(tsr, child.RemoteSelectors))
        {
            output.Raise(IkeSaEventKind.ChildSaFailed, "the responder widened the traffic selectors");
            return;
        }

        bool transport = payloads.OfType<NotifyPayload>().Any(n => n.NotifyType == NotifyType.UseTransportMode);
        if (transport && child.Mode != ChildSaMode.Transport)
        {
            output.Raise(IkeSaEventKind.ChildSaFailed, "the responder chose transport mode we did not ask for");
            return;
        }

        ChildSaInstaller.Install(
            sa, transforms, transport ? ChildSaMode.Transport : ChildSaMode.Tunnel, _inboundSpi, ChildSaInstaller.ReadSpi(chosen), tsi, tsr, output);
    }

    private static byte[] OwnAuth(IkeSa sa, IdentificationPayload id) => sa.IsInitiator
        ? PskAuthentication.Compute(sa.Transforms!.Prf!, sa.Settings.PreSharedKey.Secret, sa.InitRequest, sa.NonceR, sa.Keys.SkPi, id)
        : PskAuthentication.Compute(sa.Transforms!.Prf!, sa.Settings.PreSharedKey.Secret, sa.InitResponse, sa.NonceI, sa.Keys.SkPr, id);

    /// <summary>Checks the peer's identity against the configured remote ID and its AUTH against the PSK.</summary>
    private static bool Authenticate(
        IkeSa sa, IdentificationPayload id, AuthenticationPayload auth, byte[] peerMessage, byte[] ownNonce, ReadOnlySpan<byte> peerSkP, IkeSaOutput output)
    {
        if (sa.Settings.RemoteId is { } expected && !expected.Matches(id))
        {
            output.Log($"peer identity {IdText(id)} does not match the expected {expected}");
            return false;
        }

        if (auth.Method != AuthMethod.SharedKeyMessageIntegrityCode)
        {
            output.Log($"peer authenticates with {auth.Method}; only a pre-shared key is configured");
            return false;
        }

        byte[] computed = PskAuthentication.Compute(sa.Transforms!.Prf!, sa.Settings.PreSharedKey.Secret, peerMessage, ownNonce, peerSkP, id);
        if (!CryptographicOperations.FixedTimeEquals(computed, auth.Data.Span))
        {
            output.Log($"pre-shared key AUTH of {IdText(id)} does not verify (mismatched secret)");
            return false;
        }

        return true;
    }

    private static string IdText(IdentificationPayload id) => new IkeIdentity(id.IdType, id.Data).ToString();
}
