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
    private NotifyType? _authError;
    private ChildSaOffer? _offer;
    private ChildSaAnswer? _answer;
    private ConfigurationPayload? _modeConfigReply;

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
        if (sa.Settings.SendInitialContact)
        {
            payloads.Add(new NotifyPayload(NotifyType.InitialContact));
        }

        if (ModeConfigExchange.Request(sa.Settings) is { } modeConfigRequest)
        {
            payloads.Add(modeConfigRequest);
        }

        ChildSaSettings child = sa.Settings.Child;
        _offer = new ChildSaOffer(ModeConfigExchange.InitiatorSelectors(sa.Settings), child.RemoteSelectors, child.Mode, withPfs: false);
        _offer.AddPayloads(sa, payloads);
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
        ModeConfigExchange.ApplyReply(sa, payloads, output);
        _offer!.TryInstall(sa, payloads, sa.NonceI, sa.NonceR, output);
        return TaskOutcome.Done;
    }

    public override void ProcessRequest(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        var idi = payloads.OfType<IdentificationPayload>().FirstOrDefault(p => p.Type == PayloadType.IdInitiator);
        var auth = Find<AuthenticationPayload>(payloads);
        if (idi is not null && sa.Configuration is { } configuration)
        {
            if (configuration.FindIdentity(sa.Settings, idi) is not { } identity)
            {
                output.Log($"no identity matches {IdText(idi)}");
                _authError = NotifyType.AuthenticationFailed;
                return;
            }

            sa.UseIdentitySettings(identity);
        }

        if (idi is null || auth is null || !Authenticate(sa, idi, auth, sa.InitRequest, sa.NonceR, sa.Keys.SkPi, output))
        {
            _authError = NotifyType.AuthenticationFailed;
            return;
        }

        if (payloads.OfType<NotifyPayload>().Any(n => n.NotifyType == NotifyType.InitialContact))
        {
            output.Raise(IkeSaEventKind.InitialContact, IdText(idi));
        }

        _modeConfigReply = ModeConfigExchange.Answer(sa.Settings, payloads, out IReadOnlyList<TrafficSelector>? clientSelectors);
        if (Find<SecurityAssociationPayload>(payloads) is not null)
        {
            _answer = new ChildSaAnswer();
            _answer.Negotiate(sa, payloads, withPfs: false, sa.NonceI, sa.NonceR, output, clientSelectors);
        }
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
        if (_modeConfigReply is not null)
        {
            payloads.Add(_modeConfigReply);
        }

        _answer?.AddPayloads(payloads);
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
