using System.Security.Cryptography;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tests.Authentication;
using IpsecTun.Ike.Tests.Protection;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>Certificates that must not authenticate: each refused with AUTHENTICATION_FAILED and the reason logged on the side that checked.</summary>
public sealed class CertificateFailureTests
{
    [Fact]
    public void Certificate_from_an_untrusted_ca_is_refused_by_the_responder()
    {
        using var peers = new TwoPeers(CertificatePeers.Initiator("evil"), CertificatePeers.Responder());

        AssertResponderRefuses(peers, "peer certificate not trusted: no trusted CA issued CN=evil.example.org (issuer CN=Evil CA)");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Certificate_with_a_forged_issuer_signature_is_refused(bool trustIntermediate)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        TestPki pki = TestPki.Instance;
        IkeSaSettings initiator = CertificatePeers.Initiator("p256") with
        {
            Certificate = new Settings.LocalCertificate(pki.ForgeEndEntity("p256", key), TestPki.CopyKey(key), [TestPki.Copy(pki.Intermediate)]),
        };
        IkeSaSettings responder = CertificatePeers.Responder(validation: TestPki.Trusting(trustIntermediate ? pki.Intermediate : pki.Root));
        using var peers = new TwoPeers(initiator, responder);

        AssertResponderRefuses(peers, "peer certificate not trusted: no trusted CA issued CN=p256.example.org (issuer CN=Test Intermediate CA)");
    }

    [Fact]
    public void Certificate_expired_by_the_injected_clock_is_refused()
    {
        using var peers = new TwoPeers(CertificatePeers.Initiator("p256"), CertificatePeers.Responder());
        peers.Time.Advance(TimeSpan.FromDays(400));

        AssertResponderRefuses(peers, "peer certificate CN=p256.example.org expired on 2027-06-01 00:00:00 UTC");
    }

    [Fact]
    public void Certificate_not_yet_valid_is_refused()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        IkeSaSettings initiator = CertificatePeers.Initiator("p256") with
        {
            Certificate = new Settings.LocalCertificate(
                TestPki.Instance.IssueEndEntity("p256", key, ManualTime.Epoch.AddDays(1), ManualTime.Epoch.AddYears(1)), TestPki.CopyKey(key)),
        };
        using var peers = new TwoPeers(initiator, CertificatePeers.Responder());

        AssertResponderRefuses(peers, "peer certificate CN=p256.example.org is not valid before 2026-06-02 00:00:00 UTC");
    }

    [Fact]
    public void Id_not_named_by_the_certificate_is_refused()
    {
        IkeSaSettings initiator = CertificatePeers.Initiator("p256") with { LocalId = IkeIdentity.FromFqdn("gw.example.com") };
        using var peers = new TwoPeers(initiator, CertificatePeers.Responder());

        AssertResponderRefuses(peers, "ID fqdn:gw.example.com does not match certificate SAN (p256.example.org, p256@example.org, 192.0.2.104)");
    }

    [Fact]
    public void Distinguished_name_id_of_another_subject_is_refused()
    {
        IkeSaSettings initiator = CertificatePeers.Initiator("p256") with
        {
            LocalId = IkeIdentity.FromDistinguishedName(new System.Security.Cryptography.X509Certificates.X500DistinguishedName("CN=p384.example.org")),
        };
        using var peers = new TwoPeers(initiator, CertificatePeers.Responder());

        AssertResponderRefuses(peers, "ID dn:CN=p384.example.org does not match certificate subject CN=p256.example.org");
    }

    [Fact]
    public void Id_check_against_the_certificate_can_be_turned_off()
    {
        IkeSaSettings initiator = CertificatePeers.Initiator("p256") with { LocalId = IkeIdentity.FromFqdn("gw.example.com") };
        IkeSaSettings responder = CertificatePeers.Responder(validation: TestPki.Trusting(TestPki.Instance.Root) with { RequireIdInCertificate = false });
        using var peers = new TwoPeers(initiator, responder);

        (IkeSaOutput responderAuth, _) = CertificateNegotiationTests.EstablishStepByStep(peers);

        Assert.True(CertificatePeers.Logged(responderAuth, "fqdn:gw.example.com authenticated with ECDSA with SHA256 (RFC 7427) by certificate CN=p256.example.org"));
    }

    [Fact]
    public void Id_other_than_the_configured_remote_id_is_refused()
    {
        IkeSaSettings responder = CertificatePeers.Responder() with { RemoteId = IkeIdentity.FromFqdn(TestPki.DnsName("rsa")) };
        using var peers = new TwoPeers(CertificatePeers.Initiator("p256"), responder);

        AssertResponderRefuses(peers, "peer identity fqdn:p256.example.org does not match the expected fqdn:rsa.example.org");
    }

    [Fact]
    public void Someone_elses_certificate_without_its_key_is_refused()
    {
        using ECDsa attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        IkeSaSettings initiator = CertificatePeers.Initiator("p256") with
        {
            Certificate = new Settings.LocalCertificate(TestPki.Copy(TestPki.Instance.Certificate("p256")), TestPki.CopyKey(attacker), [TestPki.Copy(TestPki.Instance.Intermediate)]),
        };
        using var peers = new TwoPeers(initiator, CertificatePeers.Responder());

        AssertResponderRefuses(peers, "ECDSA with SHA256 (RFC 7427) signature does not verify with the key of CN=p256.example.org");
    }

    [Fact]
    public void Signature_of_another_key_type_than_the_certificate_is_refused()
    {
        using RSA attacker = RSA.Create(2048);
        IkeSaSettings initiator = CertificatePeers.Initiator("p256") with
        {
            Certificate = new Settings.LocalCertificate(TestPki.Copy(TestPki.Instance.Certificate("p256")), TestPki.CopyKey(attacker), [TestPki.Copy(TestPki.Instance.Intermediate)]),
        };
        using var peers = new TwoPeers(initiator, CertificatePeers.Responder());

        AssertResponderRefuses(peers, "RSA PKCS#1 v1.5 with SHA256 (RFC 7427) needs an RSA key, CN=p256.example.org has none");
    }

    [Fact]
    public void Untrusted_responder_certificate_is_refused_by_the_initiator_which_tells_the_responder()
    {
        using var peers = new TwoPeers(CertificatePeers.Initiator("p256"), CertificatePeers.Responder("evil"));
        IkeSaOutput authRequest = peers.ToInitiator(peers.ToResponder(peers.Initiator.Start()));
        IkeSaOutput authResponse = peers.ToResponder(authRequest);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        ChildSaInstallation installed = Assert.Single(peers.ResponderHost.Installed);

        IkeSaOutput informational = peers.ToInitiator(authResponse);

        Assert.True(CertificatePeers.Logged(informational, "peer certificate not trusted: no trusted CA issued CN=evil.example.org (issuer CN=Evil CA)"));
        Assert.Equal(IkeSaState.Deleting, peers.Initiator.State);
        Assert.Empty(peers.InitiatorHost.Installed);
        List<Payload> request = CertificatePeers.Open(peers.Responder, Assert.Single(informational.Datagrams));
        Assert.Contains(request, p => p is NotifyPayload { NotifyType: NotifyType.AuthenticationFailed });
        Assert.Contains(request, p => p is DeletePayload { Protocol: ProtocolId.Ike });

        IkeSaOutput answer = peers.ToResponder(informational);
        Assert.Equal(IkeSaState.Closed, peers.Responder.State);
        Assert.Equal([installed.InboundSpi], peers.ResponderHost.Deleted);

        peers.ToInitiator(answer);
        Assert.Equal(IkeSaState.Failed, peers.Initiator.State);
    }

    [Fact]
    public void Pre_shared_key_from_a_peer_expected_to_sign_is_refused()
    {
        IkeSaSettings initiator = TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm) with { RemoteAuthMethod = IkeAuthMethod.DigitalSignature };
        using var peers = new TwoPeers(initiator, CertificatePeers.Responder());

        AssertResponderRefuses(peers, "peer fqdn:initiator.example authenticates with SharedKeyMessageIntegrityCode, but DigitalSignature is configured for it");
    }

    [Fact]
    public void Responder_configured_to_sign_without_a_certificate_answers_authentication_failed()
    {
        using var peers = new TwoPeers(CertificatePeers.Initiator("p256"), CertificatePeers.Responder() with { Certificate = null });

        AssertResponderRefuses(peers, "digital-signature authentication is configured without a certificate");
    }

    [Fact]
    public void Responder_key_that_cannot_sign_answers_authentication_failed()
    {
        // RSASSA-PSS over SHA-256 needs at least 66 octets of modulus; a 512-bit key has 64.
        using RSA weak = RSA.Create(512);
        IkeSaSettings responder = CertificatePeers.Responder() with
        {
            Certificate = new Settings.LocalCertificate(
                TestPki.Instance.IssueEndEntity("weak", weak, ManualTime.Epoch.AddDays(-1), ManualTime.Epoch.AddDays(1)), TestPki.CopyKey(weak), useRsaPss: true),
        };
        using var peers = new TwoPeers(CertificatePeers.Initiator("p256"), responder);

        AssertResponderRefuses(peers, "our private key for CN=weak.example.org cannot sign RSASSA-PSS with SHA256");
        Assert.Equal(IkeSaFailureKind.OwnCredentials, peers.Responder.Failure?.Kind);
    }

    [Fact]
    public void Initiator_key_that_cannot_sign_fails_cleanly_before_ike_auth_and_the_responder_times_out()
    {
        using RSA weak = RSA.Create(512);
        IkeSaSettings initiator = CertificatePeers.Initiator("p256") with
        {
            Certificate = new Settings.LocalCertificate(
                TestPki.Instance.IssueEndEntity("weak", weak, ManualTime.Epoch.AddDays(-1), ManualTime.Epoch.AddDays(1)), TestPki.CopyKey(weak), useRsaPss: true),
        };
        using var peers = new TwoPeers(initiator, CertificatePeers.Responder());
        IkeSaOutput initResponse = peers.ToResponder(peers.Initiator.Start());
        Assert.Equal((IkeSaState.InitSent, IkeSaState.Authenticating), (peers.Initiator.State, peers.Responder.State));

        IkeSaOutput output = peers.ToInitiator(initResponse);

        Assert.Empty(output.Datagrams);
        Assert.Equal(IkeSaState.Failed, peers.Initiator.State);
        Assert.Equal(IkeSaFailureKind.OwnCredentials, peers.Initiator.Failure?.Kind);
        Assert.StartsWith("our private key for CN=weak.example.org cannot sign RSASSA-PSS with SHA256", peers.Initiator.Failure!.Reason, StringComparison.Ordinal);
        Assert.True(CertificatePeers.Logged(output, peers.Initiator.Failure.Reason));
        Assert.Contains(output.Events, e => e.Kind == IkeSaEventKind.Failed);
        Assert.Empty(peers.InitiatorHost.Installed);

        // Nothing more goes out; the responder's half-open SA ends by itself.
        peers.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(peers.Initiator.Tick().Datagrams);
        peers.Responder.Tick();
        Assert.Equal(IkeSaState.Failed, peers.Responder.State);
        Assert.Empty(peers.ResponderHost.Installed);
    }

    [Fact]
    public void Initiator_configured_to_sign_without_a_certificate_stops_after_ike_sa_init()
    {
        using var peers = new TwoPeers(CertificatePeers.Initiator("p256") with { Certificate = null }, CertificatePeers.Responder());

        IkeSaOutput output = peers.ToInitiator(peers.ToResponder(peers.Initiator.Start()));

        Assert.Empty(output.Datagrams);
        Assert.Equal(IkeSaState.Failed, peers.Initiator.State);
        Assert.True(CertificatePeers.Logged(output, "digital-signature authentication is configured without a certificate"));
        Assert.Equal(IkeSaFailureKind.OwnCredentials, peers.Initiator.Failure?.Kind);
    }

    /// <summary>The responder refuses the IKE_AUTH request with <paramref name="reason"/>; both sides end failed with no Child SA.</summary>
    private static void AssertResponderRefuses(TwoPeers peers, string reason)
    {
        IkeSaOutput authRequest = peers.ToInitiator(peers.ToResponder(peers.Initiator.Start()));
        Assert.Equal((IkeSaState.Authenticating, IkeSaState.Authenticating), (peers.Initiator.State, peers.Responder.State));

        IkeSaOutput authResponse = peers.ToResponder(authRequest);

        Assert.True(CertificatePeers.Logged(authResponse, reason), string.Join(" / ", authResponse.Events.Select(e => e.Message)));
        Assert.Equal(IkeSaState.Failed, peers.Responder.State);
        List<Payload> answer = CertificatePeers.Open(peers.Initiator, Assert.Single(authResponse.Datagrams));
        Assert.Equal(NotifyType.AuthenticationFailed, Assert.IsType<NotifyPayload>(Assert.Single(answer)).NotifyType);
        IkeSaOutput end = peers.ToInitiator(authResponse);
        Assert.True(CertificatePeers.Logged(end, "AuthenticationFailed"));
        Assert.Equal(IkeSaState.Failed, peers.Initiator.State);
        Assert.Equal(IkeSaFailureKind.RejectedByPeer, peers.Initiator.Failure?.Kind);
        Assert.Contains(reason, peers.Responder.Failure?.Reason, StringComparison.Ordinal);
        Assert.Empty(peers.ResponderHost.Installed);
        Assert.Empty(peers.InitiatorHost.Installed);
    }
}
