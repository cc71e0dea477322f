using IpsecTun.Ike.Authentication;
using IpsecTun.Ike.Eap;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tasks;

/// <summary>
/// The responder's side of IKE_AUTH with EAP (RFC 7296 §2.16), one task kept by the IKE SA over every round:
/// the first request (IDi without AUTH) is answered with IDr, our certificate and AUTH (none under EAP-only,
/// RFC 5998) and the server's first EAP Request; each EAP Response goes to the <see cref="IEapAuthenticator"/>,
/// whose answer may come later (RADIUS); after EAP-Success the initiator's AUTH must be keyed by the MSK, and
/// ours answers it together with mode-config and the Child SA the first request proposed.
/// </summary>
internal sealed class EapResponderTask : IkeTask, IDisposable
{
    private readonly IReadOnlyList<Payload> _first;
    private readonly IdentificationPayload _idi;
    private IdentificationPayload? _idr;
    private AuthenticationPayload? _firstAuth;
    private bool _answeredFirst;
    private IEapAuthenticator? _authenticator;
    private EapRound? _round;
    private EapRound? _success;
    private NotifyType? _error;
    private AuthenticationPayload? _finalAuth;
    private ConfigurationPayload? _modeConfigReply;
    private bool _addressFailure;
    private ChildSaAnswer? _answer;

    public EapResponderTask(IReadOnlyList<Payload> first, IdentificationPayload idi)
    {
        _first = first;
        _idi = idi;
    }

    public override ExchangeType Exchange => ExchangeType.IkeAuth;

    /// <summary>The EAP server has not answered the request being processed yet.</summary>
    public bool IsWaiting => _round?.Kind == EapRoundKind.Pending;

    public override void BuildRequest(IkeSa sa, List<Payload> payloads) =>
        throw new InvalidOperationException("The responder's EAP task answers requests only.");

    public override TaskOutcome ProcessResponse(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output) =>
        throw new InvalidOperationException("The responder's EAP task answers requests only.");

    public override void ProcessRequest(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        if (_idr is null)
        {
            Open(sa, output);
        }
        else if (_success is null)
        {
            if (Find<EapPayload>(payloads) is not { } eap)
            {
                Refuse(sa, output, "the initiator sent no EAP payload during EAP authentication");
                return;
            }

            _round = _authenticator!.Process(eap.Message);
        }
        else
        {
            Conclude(sa, payloads, output);
        }
    }

    /// <summary>Why the EAP server failed the conversation while it waits for the initiator (see <see cref="IEapAuthenticator.PendingFailure"/>).</summary>
    public string? PendingFailure => _authenticator?.PendingFailure;

    /// <summary>The pending round, if the EAP server has it ready now.</summary>
    public EapRound? Poll() => IsWaiting ? _authenticator?.Poll() : null;

    /// <summary>The answer of an EAP server that was <see cref="EapRoundKind.Pending"/>.</summary>
    public void Resume(EapRound round) => _round = round;

    public override void BuildResponse(IkeSa sa, List<Payload> payloads, IkeSaOutput output)
    {
        if (_error is { } error)
        {
            payloads.Add(new NotifyPayload(error));
            End(sa, output);
            return;
        }

        if (_finalAuth is not null)
        {
            payloads.Add(_finalAuth);
            sa.MoveTo(IkeSaState.Established);
            output.Raise(IkeSaEventKind.Established, $"IKE SA established with {sa.Remote} after EAP authentication of {sa.EapIdentity}");
            if (_modeConfigReply is not null)
            {
                payloads.Add(_modeConfigReply);
            }

            if (_addressFailure)
            {
                payloads.Add(new NotifyPayload(NotifyType.InternalAddressFailure));
            }

            _answer?.AddPayloads(payloads);
            sa.EapResponder = null;
            Dispose();
            return;
        }

        if (!_answeredFirst)
        {
            _answeredFirst = true;
            payloads.Add(_idr!);
            if (_firstAuth is not null)
            {
                payloads.AddRange(LocalAuthenticator.Certificates(sa.Settings, sa.PeerRequestedCas));
                payloads.Add(_firstAuth);
            }
        }

        AnswerRound(sa, payloads, output);
    }

    public void Dispose()
    {
        _authenticator?.Dispose();
        _authenticator = null;
        _round?.Dispose();
        _success?.Dispose();
    }

    /// <summary>The first request: our own proof (unless EAP-only) and the EAP server's opening.</summary>
    private void Open(IkeSa sa, IkeSaOutput output)
    {
        IkeSaSettings settings = sa.Settings;
        _idr = settings.LocalId.ToPayload(PayloadType.IdResponder);
        var initiator = new IkeIdentity(_idi.IdType, _idi.Data);
        if (sa.Configuration is null && settings.RemoteId is { } expected && !expected.Matches(_idi))
        {
            Refuse(sa, output, $"peer identity {initiator.Describe()} does not match the expected {expected.Describe()}");
            return;
        }

        if (settings.EapAuthenticator is null)
        {
            Refuse(sa, output, $"{initiator.Describe()} wants EAP authentication, but no EAP server is configured");
            return;
        }

        if (settings.AuthMethod == IkeAuthMethod.Eap)
        {
            if (!_first.OfType<NotifyPayload>().Any(n => n.NotifyType == NotifyType.EapOnlyAuthentication))
            {
                Refuse(sa, output, $"no certificate is configured to authenticate us, and {initiator.Describe()} does not offer EAP-only authentication (RFC 5998)");
                return;
            }

            output.Log("authenticating by EAP only (RFC 5998): the initiator offered it and we have no certificate");
        }
        else
        {
            if (!IkeAuthTask.TryOwnAuth(sa, _idr, out _firstAuth, out string? signingProblem))
            {
                sa.FailAuthentication(IkeSaFailureKind.OwnCredentials, signingProblem, output);
                _error = NotifyType.AuthenticationFailed;
                return;
            }
        }

        _authenticator = settings.EapAuthenticator(new EapContext(sa, initiator));
        _round = _authenticator.Start();
    }

    private void AnswerRound(IkeSa sa, List<Payload> payloads, IkeSaOutput output)
    {
        EapRound round = _round!;
        if (round.Message is { } message)
        {
            payloads.Add(new EapPayload(message));
        }

        switch (round.Kind)
        {
            case EapRoundKind.Send:
                round.Dispose();
                break;
            case EapRoundKind.Succeeded:
                output.Log($"EAP authentication of {round.Identity ?? "the initiator"} succeeded{(round.Msk.IsEmpty ? " (the method derives no MSK)" : string.Empty)}");
                _success = round;
                break;
            default:
                sa.FailAuthentication(IkeSaFailureKind.PeerNotAuthenticated, $"EAP authentication failed: {round.Reason}", output);
                payloads.Add(new NotifyPayload(NotifyType.AuthenticationFailed));
                End(sa, output);
                break;
        }

        _round = null;
    }

    /// <summary>The last request: the initiator's MSK-keyed AUTH; then ours, mode-config and the Child SA of the first request.</summary>
    private void Conclude(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        EapRound success = _success!;
        if (Find<AuthenticationPayload>(payloads) is not { } auth || !EapAuthentication.Verify(sa, _idi, auth, success.Msk))
        {
            Refuse(sa, output, "the initiator's AUTH after EAP is missing or does not verify (it does not hold the MSK)");
            return;
        }

        if (sa.Settings.AuthMethod == IkeAuthMethod.Eap && success.Msk.IsEmpty)
        {
            Refuse(sa, output, "EAP-only authentication needs a method that derives an MSK; this one derives none");
            return;
        }

        sa.EapIdentity = success.Identity ?? new IkeIdentity(_idi.IdType, _idi.Data).ToString();
        sa.EapAssignedAddress = success.AssignedAddress;
        _finalAuth = EapAuthentication.Own(sa, _idr!, success.Msk);
        if (_first.OfType<NotifyPayload>().Any(n => n.NotifyType == NotifyType.InitialContact))
        {
            output.Raise(IkeSaEventKind.InitialContact, new IkeIdentity(_idi.IdType, _idi.Data).ToString());
        }

        sa.PeerIdentity = new IkeIdentity(_idi.IdType, _idi.Data);
        _modeConfigReply = IkeAuthTask.AnswerModeConfig(sa, _first, output, out _addressFailure);
        if (Find<SecurityAssociationPayload>(_first) is not null && !_addressFailure)
        {
            _answer = new ChildSaAnswer();
            _answer.Negotiate(sa, sa.Settings.Children, _first, withPfs: false, sa.NonceI, sa.NonceR, output);
        }
    }

    private void Refuse(IkeSa sa, IkeSaOutput output, string reason)
    {
        sa.FailAuthentication(IkeSaFailureKind.PeerNotAuthenticated, reason, output);
        _error = NotifyType.AuthenticationFailed;
    }

    private void End(IkeSa sa, IkeSaOutput output)
    {
        sa.EapResponder = null;
        Dispose();
        sa.Close(output, IkeSaState.Failed);
    }
}
