using System.Net;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tests.Authentication;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>Mixed methods, remote-certificate and match-by, CERTREQ choosing the chain, identity lookup by certificate.</summary>
public sealed class CertificateMatchingTests
{
    [Fact]
    public void Initiator_with_a_pre_shared_key_and_responder_with_a_certificate_authenticate_each_other()
    {
        IkeSaSettings initiator = TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm) with
        {
            RemoteAuthMethod = IkeAuthMethod.DigitalSignature,
            PeerValidation = TestPki.Trusting(TestPki.Instance.Root),
        };
        IkeSaSettings responder = CertificatePeers.Responder() with
        {
            PreSharedKey = new PreSharedKey("shared secret"u8),
            RemoteAuthMethod = IkeAuthMethod.PreSharedKey,
            PeerValidation = null,
        };
        using var peers = new TwoPeers(initiator, responder);

        IkeSaOutput initResponse = peers.ToResponder(peers.Initiator.Start());
        Assert.True(IkeMessage.TryParse(Assert.Single(initResponse.Datagrams).Data.Span, out IkeMessage? init, out _));
        Assert.Empty(init.Payloads.OfType<CertificateRequestPayload>());
        IkeSaOutput authRequest = peers.ToInitiator(initResponse);
        List<Payload> request = CertificatePeers.Open(peers.Responder, Assert.Single(authRequest.Datagrams));
        Assert.Empty(request.OfType<CertificatePayload>());
        Assert.Single(request.OfType<CertificateRequestPayload>());
        Assert.Equal(AuthMethod.SharedKeyMessageIntegrityCode, request.OfType<AuthenticationPayload>().Single().Method);

        IkeSaOutput authResponse = peers.ToResponder(authRequest);
        IkeSaOutput end = peers.ToInitiator(authResponse);

        Assert.Equal((IkeSaState.Established, IkeSaState.Established), (peers.Initiator.State, peers.Responder.State));
        Assert.True(CertificatePeers.Logged(authResponse, "fqdn:initiator.example authenticated with a pre-shared key"));
        Assert.True(CertificatePeers.Logged(end, "fqdn:responder.example.org authenticated with ECDSA with SHA256 (RFC 7427) by certificate CN=responder.example.org"));
    }

    [Fact]
    public void Initiator_with_a_certificate_and_responder_with_a_pre_shared_key_authenticate_each_other()
    {
        IkeSaSettings initiator = CertificatePeers.Initiator("rsa") with
        {
            PreSharedKey = new PreSharedKey("shared secret"u8),
            RemoteAuthMethod = IkeAuthMethod.PreSharedKey,
        };
        IkeSaSettings responder = TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm) with
        {
            RemoteAuthMethod = IkeAuthMethod.DigitalSignature,
            PeerValidation = TestPki.Trusting(TestPki.Instance.Root),
        };
        using var peers = new TwoPeers(initiator, responder);

        (IkeSaOutput responderAuth, IkeSaOutput initiatorAuth) = CertificateNegotiationTests.EstablishStepByStep(peers);

        Assert.True(CertificatePeers.Logged(responderAuth, "fqdn:rsa.example.org authenticated with RSA PKCS#1 v1.5 with SHA256 (RFC 7427) by certificate CN=rsa.example.org"));
        Assert.True(CertificatePeers.Logged(initiatorAuth, "fqdn:responder.example authenticated with a pre-shared key"));
    }

    [Fact]
    public void Pre_shared_key_auth_is_refused_when_no_key_is_configured()
    {
        IkeSaSettings initiator = TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, psk: "") with
        {
            RemoteAuthMethod = IkeAuthMethod.DigitalSignature,
            PeerValidation = TestPki.Trusting(TestPki.Instance.Root),
        };
        IkeSaSettings responder = CertificatePeers.Responder() with { RemoteAuthMethod = IkeAuthMethod.PreSharedKey };
        using var peers = new TwoPeers(initiator, responder);

        IkeSaOutput authResponse = peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.Start())));

        Assert.Equal(IkeSaState.Failed, peers.Responder.State);
        Assert.True(CertificatePeers.Logged(authResponse, "peer fqdn:initiator.example authenticates with a pre-shared key, but none is configured"));
    }

    [Fact]
    public void Match_by_certificate_accepts_the_configured_certificate_whatever_the_id()
    {
        IkeSaSettings initiator = CertificatePeers.Initiator("p256") with { LocalId = IkeIdentity.FromFqdn("anything.example") };
        var pinned = new PeerCertificateValidation([], RemoteCertificate: TestPki.Instance.Certificate("p256"), MatchBy: PeerMatch.Certificate);
        using var peers = new TwoPeers(initiator, CertificatePeers.Responder(validation: pinned));

        (IkeSaOutput responderAuth, _) = CertificateNegotiationTests.EstablishStepByStep(peers);

        Assert.True(CertificatePeers.Logged(responderAuth, "fqdn:anything.example authenticated with ECDSA with SHA256 (RFC 7427) by certificate CN=p256.example.org"));
    }

    [Fact]
    public void Match_by_certificate_refuses_any_other_certificate_even_from_a_trusted_ca()
    {
        var pinned = new PeerCertificateValidation([TestPki.Instance.Root], RemoteCertificate: TestPki.Instance.Certificate("p256"), MatchBy: PeerMatch.Certificate);
        using var peers = new TwoPeers(CertificatePeers.Initiator("p384"), CertificatePeers.Responder(validation: pinned));

        IkeSaOutput authResponse = peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.Start())));

        Assert.Equal(IkeSaState.Failed, peers.Responder.State);
        Assert.True(CertificatePeers.Logged(authResponse, "peer certificate CN=p384.example.org is not the configured remote certificate CN=p256.example.org"));
    }

    [Fact]
    public void Key_id_is_checked_against_the_subject_key_identifier()
    {
        byte[] keyId = TestPki.Instance.Certificate("p256").Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray();
        IkeSaSettings own = CertificatePeers.Initiator("p256") with { LocalId = new IkeIdentity(IdentificationType.KeyId, keyId) };
        IkeSaSettings other = CertificatePeers.Initiator("p256") with { LocalId = new IkeIdentity(IdentificationType.KeyId, "p256"u8.ToArray()) };
        using var good = new TwoPeers(own, CertificatePeers.Responder());
        using var bad = new TwoPeers(other, CertificatePeers.Responder());

        CertificateNegotiationTests.EstablishStepByStep(good);
        IkeSaOutput authResponse = bad.ToResponder(bad.ToInitiator(bad.ToResponder(bad.Initiator.Start())));

        Assert.Equal((IkeSaState.Established, IkeSaState.Failed), (good.Responder.State, bad.Responder.State));
        Assert.True(CertificatePeers.Logged(authResponse, "is not the subjectKeyIdentifier of certificate CN=p256.example.org"));
    }

    [Fact]
    public void Remote_certificate_without_a_ca_still_has_its_id_checked()
    {
        var pinned = new PeerCertificateValidation([], RemoteCertificate: TestPki.Instance.Certificate("p256"));
        IkeSaSettings wrongId = CertificatePeers.Initiator("p256") with { LocalId = IkeIdentity.FromFqdn("anything.example") };
        using var good = new TwoPeers(CertificatePeers.Initiator("p256"), CertificatePeers.Responder(validation: pinned));
        using var bad = new TwoPeers(wrongId, CertificatePeers.Responder(validation: pinned));

        CertificateNegotiationTests.EstablishStepByStep(good);
        IkeSaOutput initResponse = bad.ToResponder(bad.Initiator.Start());
        Assert.True(IkeMessage.TryParse(Assert.Single(initResponse.Datagrams).Data.Span, out IkeMessage? init, out _));
        Assert.Empty(init.Payloads.OfType<CertificateRequestPayload>().Single().AuthorityHashes);
        IkeSaOutput authResponse = bad.ToResponder(bad.ToInitiator(initResponse));

        Assert.Equal(IkeSaState.Failed, bad.Responder.State);
        Assert.True(CertificatePeers.Logged(authResponse, "ID fqdn:anything.example does not match certificate SAN"));
    }

    public static TheoryData<string, string[]> Requests => new()
    {
        { "root", ["CN=p256.example.org", "CN=Test Intermediate CA issued by CN=Test Root CA"] },
        { "root-b", ["CN=p256.example.org", "CN=Test Intermediate CA issued by CN=Test Root B"] },
        { "intermediate", ["CN=p256.example.org"] },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Certificate_request_chooses_the_chain_that_reaches_the_peers_ca(string trusted, string[] expected)
    {
        TestPki pki = TestPki.Instance;
        X509Certificate2 ca = trusted switch
        {
            "root" => pki.Root,
            "root-b" => pki.RootB,
            _ => pki.Intermediate,
        };
        IkeSaSettings initiator = CertificatePeers.Initiator("p256") with
        {
            Certificate = pki.Local("p256", [pki.Intermediate, pki.IntermediateByB, pki.Root, pki.RootB]),
        };
        using var peers = new TwoPeers(initiator, CertificatePeers.Responder(validation: TestPki.Trusting(ca)));

        IkeSaOutput authRequest = peers.ToInitiator(peers.ToResponder(peers.Initiator.Start()));
        List<Payload> request = CertificatePeers.Open(peers.Responder, Assert.Single(authRequest.Datagrams));
        string[] sent = [.. request.OfType<CertificatePayload>().Select(Describe)];
        peers.ToInitiator(peers.ToResponder(authRequest));

        Assert.Equal(expected.Select(e => e.Replace("CN=p256.example.org", "CN=p256.example.org issued by CN=Test Intermediate CA", StringComparison.Ordinal)), sent);
        Assert.Equal((IkeSaState.Established, IkeSaState.Established), (peers.Initiator.State, peers.Responder.State));
    }

    [Fact]
    public void Responder_answers_the_initiators_certificate_request_with_the_matching_chain()
    {
        TestPki pki = TestPki.Instance;
        IkeSaSettings responder = CertificatePeers.Responder() with
        {
            Certificate = pki.Local("responder", [pki.Intermediate, pki.IntermediateByB, pki.Root, pki.RootB]),
        };
        using var peers = new TwoPeers(CertificatePeers.Initiator("p256", TestPki.Trusting(pki.RootB)), responder);

        IkeSaOutput authResponse = peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.Start())));
        string[] sent = [.. CertificatePeers.Open(peers.Initiator, Assert.Single(authResponse.Datagrams)).OfType<CertificatePayload>().Select(Describe)];
        peers.ToInitiator(authResponse);

        Assert.Equal(["CN=responder.example.org issued by CN=Test Intermediate CA", "CN=Test Intermediate CA issued by CN=Test Root B"], sent);
        Assert.Equal((IkeSaState.Established, IkeSaState.Established), (peers.Initiator.State, peers.Responder.State));
    }

    [Fact]
    public void Responder_configuration_can_choose_the_identity_by_the_certificate()
    {
        var configuration = new ByCertificate(TestPki.Instance.Certificate("p384"));
        using var peers = new TwoPeers(CertificatePeers.Initiator("p384") with { LocalId = IkeIdentity.FromFqdn("roaming.example") }, configuration);

        IkeSaOutput authResponse = peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.Start())));
        peers.ToInitiator(authResponse);

        Assert.Equal(TestPki.Instance.Certificate("p384").RawData, configuration.Offered?.RawData);
        Assert.Equal((IkeSaState.Established, IkeSaState.Established), (peers.Initiator.State, peers.Responder.State));
        Assert.True(CertificatePeers.Logged(authResponse, "fqdn:roaming.example authenticated with ECDSA with SHA384 (RFC 7427) by certificate CN=p384.example.org"));
    }

    private static string Describe(CertificatePayload payload)
    {
        using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(payload.Data.Span);
        return $"{certificate.Subject} issued by {certificate.Issuer}";
    }

    /// <summary>One peer whose identities are told apart by certificate (match-by=certificate), as RouterOS's remote-certificate does.</summary>
    private sealed class ByCertificate(X509Certificate2 known) : IResponderConfiguration
    {
        public X509Certificate2? Offered { get; private set; }

        public IkeSaSettings? FindPeer(IPEndPoint local, IPEndPoint remote) => CertificatePeers.Responder(validation: TestPki.Trusting(TestPki.Instance.Root));

        public IkeSaSettings? FindIdentity(IkeSaSettings peer, IdentificationPayload initiatorId) => null;

        public IkeSaSettings? FindIdentity(IkeSaSettings peer, IdentificationPayload initiatorId, X509Certificate2? certificate)
        {
            Offered = certificate is null ? null : TestPki.Copy(certificate);
            return certificate is not null && certificate.RawDataMemory.Span.SequenceEqual(known.RawData)
                ? peer with { PeerValidation = new PeerCertificateValidation([], RemoteCertificate: known, MatchBy: PeerMatch.Certificate) }
                : null;
        }
    }
}
