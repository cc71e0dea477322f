using IpsecTun.Crypto;
using IpsecTun.Ike.Authentication;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tasks;

/// <summary>
/// IKE_AUTH (RFC 7296 §1.2, §2.15) with a pre-shared key or a certificate and signature (RFC 7427 or the
/// classic methods), CERT and CERTREQ, and the first Child SA: ESP proposal selection, traffic selector
/// narrowing (§2.9) and tunnel or transport mode. Each side may use its own method. An initiator with
/// further Child SAs to create queues a CREATE_CHILD_SA for each once the IKE SA is established. A request
/// without AUTH from an initiator that must use EAP starts an <see cref="EapResponderTask"/>, which answers this
/// and the following requests.
/// </summary>
internal sealed class IkeAuthTask : IkeTask
{
    private NotifyType? _authError;
    private ChildSaOffer? _offer;
    private ChildSaAnswer? _answer;
    private AuthenticationPayload? _requestAuth;
    private AuthenticationPayload? _responseAuth;
    private ConfigurationPayload? _modeConfigReply;
    private bool _addressFailure;
    private bool _eap;

    public override ExchangeType Exchange => ExchangeType.IkeAuth;

    /// <summary>Signs our AUTH before the request exists, so that a key that cannot sign fails the SA cleanly.</summary>
    public override IkeSaFailure? Prepare(IkeSa sa) =>
        TryOwnAuth(sa, sa.Settings.LocalId.ToPayload(PayloadType.IdInitiator), out _requestAuth, out string? problem)
            ? null
            : new IkeSaFailure(IkeSaFailureKind.OwnCredentials, problem);

    public override void BuildRequest(IkeSa sa, List<Payload> payloads)
    {
        payloads.Add(sa.Settings.LocalId.ToPayload(PayloadType.IdInitiator));
        payloads.AddRange(LocalAuthenticator.Certificates(sa.Settings, sa.PeerRequestedCas));
        if (CertificateAuthorities.Request(sa.Settings) is { } certificateRequest)
        {
            payloads.Add(certificateRequest);
        }

        if (sa.Settings.RemoteId is { } remoteId)
        {
            payloads.Add(remoteId.ToPayload(PayloadType.IdResponder));
        }

        payloads.Add(_requestAuth!);
        _offer = AddOffer(sa, payloads);
    }

    /// <summary>What follows the authentication payloads of the first IKE_AUTH request: INITIAL_CONTACT, CP and the first Child SA.</summary>
    internal static ChildSaOffer AddOffer(IkeSa sa, List<Payload> payloads)
    {
        if (sa.Settings.SendInitialContact)
        {
            payloads.Add(new NotifyPayload(NotifyType.InitialContact));
        }

        if (ModeConfigExchange.Request(sa.Settings) is { } modeConfigRequest)
        {
            payloads.Add(modeConfigRequest);
        }

        ChildSaSettings child = sa.ChildrenToCreate[0];
        var offer = new ChildSaOffer(child, ModeConfigExchange.InitiatorSelectors(sa.Settings, child), child.RemoteSelectors, child.Mode, withPfs: false);
        offer.AddPayloads(sa, payloads);
        return offer;
    }

    public override TaskOutcome ProcessResponse(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        var idr = payloads.OfType<IdentificationPayload>().FirstOrDefault(p => p.Type == PayloadType.IdResponder);
        var auth = Find<AuthenticationPayload>(payloads);
        if (idr is null || auth is null)
        {
            NotifyType? refusal = FindError(payloads)?.NotifyType;
            string reason = $"IKE_AUTH failed: peer answered {refusal?.ToString() ?? "without IDr and AUTH"}";
            sa.NoteFailure(refusal is { } notify ? IkeSaFailures.FromNotify(notify) : IkeSaFailureKind.ProtocolError, reason, output);
            return TaskOutcome.Failed;
        }

        using (PeerCertificates certificates = PeerCertificates.From(payloads))
        {
            if (!Authenticate(sa, idr, certificates, auth, output))
            {
                sa.QueueTask(new AuthenticationFailedTask());
                return TaskOutcome.Done;
            }
        }

        sa.PeerIdentity = new IkeIdentity(idr.IdType, idr.Data);
        sa.MoveTo(IkeSaState.Established);
        output.Raise(IkeSaEventKind.Established, $"IKE SA established with {sa.Remote} as {IdText(idr)}");
        Complete(sa, _offer!, payloads, output);
        return TaskOutcome.Done;
    }

    /// <summary>The last IKE_AUTH response of an initiator: mode-config, the first Child SA, and the others queued.</summary>
    internal static void Complete(IkeSa sa, ChildSaOffer offer, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        ModeConfigExchange.ApplyReply(sa, payloads, output);
        offer.TryInstall(sa, payloads, sa.NonceI, sa.NonceR, output);
        foreach (ChildSaSettings more in sa.ChildrenToCreate.Skip(1))
        {
            sa.QueueTask(new CreateChildTask(more));
        }
    }

    public override void ProcessRequest(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        var idi = payloads.OfType<IdentificationPayload>().FirstOrDefault(p => p.Type == PayloadType.IdInitiator);
        var auth = Find<AuthenticationPayload>(payloads);
        sa.ReadCertificateRequests(payloads);
        using PeerCertificates certificates = PeerCertificates.From(payloads);
        if (idi is not null && sa.Configuration is { } configuration)
        {
            if (configuration.FindIdentity(sa.Settings, idi, certificates.EndEntity) is not { } identity)
            {
                sa.FailAuthentication(IkeSaFailureKind.PeerNotAuthenticated, $"no identity matches {IdText(idi)}", output);
                _authError = NotifyType.AuthenticationFailed;
                return;
            }

            sa.UseIdentitySettings(identity);
        }

        if (idi is not null && auth is null && sa.Settings.ExpectedRemoteAuthMethod == IkeAuthMethod.Eap)
        {
            _eap = true;
            sa.EapResponder = new EapResponderTask(payloads, idi);
            sa.EapResponder.ProcessRequest(sa, payloads, output);
            return;
        }

        if (LocalAuthenticator.Problem(sa.Settings) is { } problem)
        {
            sa.FailAuthentication(IkeSaFailureKind.OwnCredentials, problem, output);
            _authError = NotifyType.AuthenticationFailed;
            return;
        }

        if (idi is null || auth is null || !Authenticate(sa, idi, certificates, auth, output))
        {
            _authError = NotifyType.AuthenticationFailed;
            return;
        }

        // Signed here rather than in BuildResponse so that a key that cannot sign fails this exchange, logged.
        if (!TryOwnAuth(sa, sa.Settings.LocalId.ToPayload(PayloadType.IdResponder), out _responseAuth, out string? signingProblem))
        {
            sa.FailAuthentication(IkeSaFailureKind.OwnCredentials, signingProblem, output);
            _authError = NotifyType.AuthenticationFailed;
            return;
        }

        if (payloads.OfType<NotifyPayload>().Any(n => n.NotifyType == NotifyType.InitialContact))
        {
            output.Raise(IkeSaEventKind.InitialContact, IdText(idi));
        }

        sa.PeerIdentity = new IkeIdentity(idi.IdType, idi.Data);
        _modeConfigReply = AnswerModeConfig(sa, payloads, output, out _addressFailure);
        if (Find<SecurityAssociationPayload>(payloads) is not null && !_addressFailure)
        {
            _answer = new ChildSaAnswer();
            _answer.Negotiate(sa, sa.Settings.Children, payloads, withPfs: false, sa.NonceI, sa.NonceR, output);
        }
    }

    public override void BuildResponse(IkeSa sa, List<Payload> payloads, IkeSaOutput output)
    {
        if (_eap)
        {
            sa.EapResponder!.BuildResponse(sa, payloads, output);
            return;
        }

        if (_authError is { } error)
        {
            payloads.Add(new NotifyPayload(error));
            sa.Close(output, IkeSaState.Failed);
            return;
        }

        payloads.Add(sa.Settings.LocalId.ToPayload(PayloadType.IdResponder));
        payloads.AddRange(LocalAuthenticator.Certificates(sa.Settings, sa.PeerRequestedCas));
        payloads.Add(_responseAuth!);
        sa.MoveTo(IkeSaState.Established);
        output.Raise(IkeSaEventKind.Established, $"IKE SA established with {sa.Remote}");
        if (_modeConfigReply is not null)
        {
            payloads.Add(_modeConfigReply);
        }

        if (_addressFailure)
        {
            payloads.Add(new NotifyPayload(NotifyType.InternalAddressFailure));
        }

        _answer?.AddPayloads(payloads);
    }

    /// <summary>
    /// A CFG_REQUEST is answered with what the host assigns to this client, or the settings' fixed answer, with
    /// an address an EAP server assigned in place of the configured one; <paramref name="addressFailure"/> when
    /// an address was asked for and none can be given.
    /// </summary>
    internal static ConfigurationPayload? AnswerModeConfig(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output, out bool addressFailure)
    {
        addressFailure = false;
        if (ModeConfigResponder.Requested(payloads) is not { } requested
            || sa.WithEapAddress(sa.Configuration is { } configuration
                ? configuration.AssignModeConfig(sa.Settings, sa.PeerIdentity!, requested)
                : sa.Settings.ModeConfigAnswer) is not { } answer)
        {
            return null;
        }

        if (ModeConfigResponder.TryReply(requested, answer, out ConfigurationPayload? reply, out ModeConfigResult? given))
        {
            sa.ModeConfig = given;
            output.Log($"mode-config: assigned {given}");
            return reply;
        }

        addressFailure = true;
        output.Log("mode-config: no address could be assigned; answering INTERNAL_ADDRESS_FAILURE without a Child SA");
        output.Raise(IkeSaEventKind.ChildSaFailed, "Child SA refused: InternalAddressFailure");
        return null;
    }

    internal static bool TryOwnAuth(
        IkeSa sa, IdentificationPayload id, [NotNullWhen(true)] out AuthenticationPayload? auth, [NotNullWhen(false)] out string? problem)
    {
        PrfAlgorithm prf = sa.Transforms!.Prf!;
        byte[] octets = sa.IsInitiator
            ? SignedOctets.Build(prf, sa.InitRequest, sa.NonceR, sa.Keys.SkPi, id)
            : SignedOctets.Build(prf, sa.InitResponse, sa.NonceI, sa.Keys.SkPr, id);
        return LocalAuthenticator.TryAuth(sa.Settings, prf, octets, sa.PeerSignatureHashes, out auth, out problem);
    }

    private static bool Authenticate(IkeSa sa, IdentificationPayload id, PeerCertificates certificates, AuthenticationPayload auth, IkeSaOutput output) =>
        Authenticate(sa, sa.Settings, id, certificates, auth, output);

    /// <summary>Checks the peer's ID, certificate and AUTH over its IKE_SA_INIT message as <paramref name="settings"/> say; logs what authenticated it or why not.</summary>
    internal static bool Authenticate(IkeSa sa, IkeSaSettings settings, IdentificationPayload id, PeerCertificates certificates, AuthenticationPayload auth, IkeSaOutput output)
    {
        PrfAlgorithm prf = sa.Transforms!.Prf!;
        byte[] octets = sa.IsInitiator
            ? SignedOctets.Build(prf, sa.InitResponse, sa.NonceI, sa.Keys.SkPr, id)
            : SignedOctets.Build(prf, sa.InitRequest, sa.NonceR, sa.Keys.SkPi, id);
        bool authenticated = PeerAuthenticator.TryVerify(settings, id, certificates, auth, prf, octets, sa.Time.GetUtcNow(), out string outcome);
        if (authenticated)
        {
            output.Log(outcome);
        }
        else
        {
            sa.FailAuthentication(IkeSaFailureKind.PeerNotAuthenticated, outcome, output);
        }

        return authenticated;
    }

    private static string IdText(IdentificationPayload id) => new IkeIdentity(id.IdType, id.Data).ToString();
}
