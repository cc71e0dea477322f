using IpsecTun.Ike.Authentication;
using IpsecTun.Ike.Eap;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tasks;

/// <summary>
/// IKE_AUTH of an initiator that authenticates with EAP (RFC 7296 §2.16), one task over every round:
/// <code>
/// IDi, [CERTREQ,] [IDr,] [N(EAP_ONLY)], [CP,] SA, TSi, TSr  --&gt;  &lt;-- IDr, [CERT,] AUTH, EAP
/// EAP                                                      --&gt;  &lt;-- EAP ... EAP(Success)
/// AUTH (keyed by the MSK)                                   --&gt;  &lt;-- AUTH, [CP,] SA, TSi, TSr
/// </code>
/// The responder proves itself first by certificate (or pre-shared key) unless both agreed on EAP-only
/// (RFC 5998), in which case only its MSK-keyed AUTH at the end does, so the method must derive an MSK.
/// Each round ends with <see cref="TaskOutcome.Retry"/>, which sends the next request under a new message ID.
/// </summary>
internal sealed class EapInitiatorTask : IkeTask, IDisposable
{
    private readonly List<Payload> _next = [];
    private ChildSaOffer? _offer;
    private IdentificationPayload? _idi;
    private IdentificationPayload? _idr;
    private bool _responderAuthenticated;
    private IEapClient? _client;
    private EapRound? _success;

    public override ExchangeType Exchange => ExchangeType.IkeAuth;

    public override void BuildRequest(IkeSa sa, List<Payload> payloads)
    {
        if (_idi is not null)
        {
            payloads.AddRange(_next);
            return;
        }

        _idi = sa.Settings.LocalId.ToPayload(PayloadType.IdInitiator);
        payloads.Add(_idi);
        if (CertificateAuthorities.Request(sa.Settings) is { } certificateRequest)
        {
            payloads.Add(certificateRequest);
        }

        if (sa.Settings.RemoteId is { } remoteId)
        {
            payloads.Add(remoteId.ToPayload(PayloadType.IdResponder));
        }

        if (sa.Settings.ExpectedRemoteAuthMethod == IkeAuthMethod.Eap)
        {
            payloads.Add(new NotifyPayload(NotifyType.EapOnlyAuthentication));
        }

        _offer = IkeAuthTask.AddOffer(sa, payloads);
    }

    public override TaskOutcome ProcessResponse(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        _next.Clear();
        TaskOutcome outcome = _success is not null ? Finish(sa, payloads, output)
            : _idr is null && CheckResponder(sa, payloads, output) is { } refused ? refused
            : Converse(sa, payloads, output);
        if (outcome != TaskOutcome.Retry)
        {
            Dispose();
        }

        return outcome;
    }

    private TaskOutcome Converse(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {

        if (Find<EapPayload>(payloads) is not { } eap)
        {
            sa.FailAuthentication(IkeSaFailureKind.RejectedByPeer, $"EAP authentication failed: the responder sent {FindError(payloads)?.NotifyType.ToString() ?? "no EAP payload"}", output);
            return TaskOutcome.Failed;
        }

        _client ??= sa.Settings.EapClient?.Invoke();
        if (_client is null)
        {
            sa.FailAuthentication(IkeSaFailureKind.OwnCredentials, "EAP authentication is configured without an EAP client", output);
            return TaskOutcome.Failed;
        }

        EapRound round = _client.Process(eap.Message);
        switch (round.Kind)
        {
            case EapRoundKind.Send:
                _next.Add(new EapPayload(round.Message));
                return TaskOutcome.Retry;
            case EapRoundKind.Succeeded when !_responderAuthenticated && round.Msk.IsEmpty:
                sa.FailAuthentication(IkeSaFailureKind.PeerNotAuthenticated, "EAP-only authentication needs a method that derives an MSK, so that the responder proves itself; this one derives none", output);
                round.Dispose();
                return TaskOutcome.Failed;
            case EapRoundKind.Succeeded:
                output.Log($"EAP authentication succeeded{(round.Msk.IsEmpty ? " (the method derives no MSK)" : string.Empty)}");
                _success = round;
                _next.Add(EapAuthentication.Own(sa, _idi!, round.Msk));
                return TaskOutcome.Retry;
            default:
                sa.FailAuthentication(IkeSaFailureKind.RejectedByPeer, $"EAP authentication failed: {round.Reason}", output);
                if (eap.Code == EapPayload.Failure)
                {
                    return TaskOutcome.Failed;
                }

                // We gave up, not the server: tell the responder, which still waits for our next EAP message.
                sa.QueueTask(new AuthenticationFailedTask());
                return TaskOutcome.Done;
        }
    }

    public override void ProcessRequest(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output) =>
        throw new InvalidOperationException("EAP IKE_AUTH requests are answered by the responder's own task.");

    public override void BuildResponse(IkeSa sa, List<Payload> payloads, IkeSaOutput output) =>
        throw new InvalidOperationException("EAP IKE_AUTH requests are answered by the responder's own task.");

    public void Dispose()
    {
        _client?.Dispose();
        _success?.Dispose();
    }

    /// <summary>
    /// The first response: IDr, and the responder's certificate and AUTH unless EAP-only was agreed. Null when the
    /// conversation goes on; otherwise how the exchange ends (a rejected responder is told so first).
    /// </summary>
    private TaskOutcome? CheckResponder(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        _idr = payloads.OfType<IdentificationPayload>().FirstOrDefault(p => p.Type == PayloadType.IdResponder);
        if (_idr is null)
        {
            output.Log($"IKE_AUTH failed: peer answered {FindError(payloads)?.NotifyType.ToString() ?? "without IDr"}");
            return TaskOutcome.Failed;
        }

        if (Find<AuthenticationPayload>(payloads) is not { } auth)
        {
            if (sa.Settings.ExpectedRemoteAuthMethod != IkeAuthMethod.Eap)
            {
                sa.FailAuthentication(IkeSaFailureKind.PeerNotAuthenticated, "IKE_AUTH failed: the responder sent no AUTH, but EAP-only authentication of the responder is not configured", output);
                return TaskOutcome.Failed;
            }

            if (sa.Settings.RemoteId is { } expected && !expected.Matches(_idr))
            {
                sa.FailAuthentication(IkeSaFailureKind.PeerNotAuthenticated, $"peer identity {new IkeIdentity(_idr.IdType, _idr.Data).Describe()} does not match the expected {expected.Describe()}", output);
                return TaskOutcome.Failed;
            }

            output.Log("the responder authenticates by EAP only (RFC 5998)");
            return null;
        }

        using PeerCertificates certificates = PeerCertificates.From(payloads);
        IkeSaSettings expectsSignature = sa.Settings with
        {
            RemoteAuthMethod = sa.Settings.ExpectedRemoteAuthMethod == IkeAuthMethod.Eap ? IkeAuthMethod.DigitalSignature : sa.Settings.ExpectedRemoteAuthMethod,
        };
        _responderAuthenticated = IkeAuthTask.Authenticate(sa, expectsSignature, _idr, certificates, auth, output);
        if (_responderAuthenticated)
        {
            return null;
        }

        sa.QueueTask(new AuthenticationFailedTask());
        return TaskOutcome.Done;
    }

    /// <summary>The last response: the responder's MSK-keyed AUTH, then mode-config and the first Child SA.</summary>
    private TaskOutcome Finish(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        if (Find<AuthenticationPayload>(payloads) is not { } auth)
        {
            output.Log($"IKE_AUTH failed: peer answered {FindError(payloads)?.NotifyType.ToString() ?? "the EAP AUTH without its own"}");
            return TaskOutcome.Failed;
        }

        if (!EapAuthentication.Verify(sa, _idr!, auth, _success!.Msk))
        {
            sa.FailAuthentication(IkeSaFailureKind.PeerNotAuthenticated, "the responder's AUTH after EAP does not verify (it does not hold the MSK)", output);
            sa.QueueTask(new AuthenticationFailedTask());
            return TaskOutcome.Done;
        }

        sa.MoveTo(IkeSaState.Established);
        output.Raise(IkeSaEventKind.Established, $"IKE SA established with {sa.Remote} as {new IkeIdentity(_idr!.IdType, _idr.Data)} after EAP");
        IkeAuthTask.Complete(sa, _offer!, payloads, output);
        Dispose();
        return TaskOutcome.Done;
    }
}
