using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tests.Authentication;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>IKE_AUTH with certificates made at test time: every key type, RFC 7427 and the classic methods, both roles.</summary>
public sealed class CertificateNegotiationTests
{
    public static TheoryData<string, bool, bool, string> Schemes => new()
    {
        { "rsa", false, true, "RSA PKCS#1 v1.5 with SHA256 (RFC 7427)" },
        { "rsa-pss", true, true, "RSASSA-PSS with SHA256 (RFC 7427)" },
        { "p256", false, true, "ECDSA with SHA256 (RFC 7427)" },
        { "p384", false, true, "ECDSA with SHA384 (RFC 7427)" },
        { "p521", false, true, "ECDSA with SHA512 (RFC 7427)" },
        { "rsa", false, false, "RSA PKCS#1 v1.5 with SHA1 (auth method 1)" },
        { "rsa-pss", true, false, "RSA PKCS#1 v1.5 with SHA1 (auth method 1)" },
        { "p256", false, false, "ECDSA with SHA256 (auth method 9)" },
        { "p384", false, false, "ECDSA with SHA384 (auth method 10)" },
        { "p521", false, false, "ECDSA with SHA512 (auth method 11)" },
    };

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Initiator_certificate_authenticates_with_the_expected_scheme(string key, bool pss, bool rfc7427, string scheme)
    {
        PeerCertificateValidation? validation = rfc7427 ? null : CertificatePeers.Classic;
        using var peers = new TwoPeers(CertificatePeers.Initiator(key, validation, pss), CertificatePeers.Responder(validation: validation));

        (IkeSaOutput responderAuth, IkeSaOutput initiatorAuth) = EstablishStepByStep(peers);

        Assert.True(CertificatePeers.Logged(responderAuth, $"fqdn:{TestPki.DnsName(key)} authenticated with {scheme} by certificate CN={TestPki.DnsName(key)}"));
        string responderScheme = rfc7427 ? "ECDSA with SHA256 (RFC 7427)" : "ECDSA with SHA256 (auth method 9)";
        Assert.True(CertificatePeers.Logged(initiatorAuth, $"authenticated with {responderScheme} by certificate CN=responder.example.org"));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Responder_certificate_authenticates_with_the_expected_scheme(string key, bool pss, bool rfc7427, string scheme)
    {
        PeerCertificateValidation? validation = rfc7427 ? null : CertificatePeers.Classic;
        using var peers = new TwoPeers(CertificatePeers.Initiator("p256", validation), CertificatePeers.Responder(key, validation, pss));

        (_, IkeSaOutput initiatorAuth) = EstablishStepByStep(peers);

        Assert.True(CertificatePeers.Logged(initiatorAuth, $"fqdn:{TestPki.DnsName(key)} authenticated with {scheme} by certificate CN={TestPki.DnsName(key)}"));
    }

    [Fact]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 7296 §3.7 names CAs by SHA-1.")]
    public void Rfc7427_announcement_is_in_both_ike_sa_init_messages_and_certreq_in_the_response()
    {
        using var peers = new TwoPeers(CertificatePeers.Initiator("p256"), CertificatePeers.Responder());

        IkeSaOutput request = peers.Initiator.Start();
        IkeSaOutput response = peers.ToResponder(request);

        foreach (IkeSaOutput init in new[] { request, response })
        {
            Assert.True(IkeMessage.TryParse(Assert.Single(init.Datagrams).Data.Span, out IkeMessage? message, out _));
            NotifyPayload hashes = message.Payloads.OfType<NotifyPayload>().Single(n => n.NotifyType == NotifyType.SignatureHashAlgorithms);
            Assert.Equal([2, 3, 4], NotifyData.ReadSignatureHashAlgorithms(hashes));
            if (init == response)
            {
                CertificateRequestPayload certreq = message.Payloads.OfType<CertificateRequestPayload>().Single();
                Assert.Equal(CertificateEncoding.X509Signature, certreq.Encoding);
                Assert.Equal(System.Security.Cryptography.SHA1.HashData(TestPki.Instance.Root.PublicKey.ExportSubjectPublicKeyInfo()), Assert.Single(certreq.AuthorityHashes).ToArray());
            }
            else
            {
                Assert.Empty(message.Payloads.OfType<CertificateRequestPayload>());
            }
        }
    }

    [Fact]
    public void Ike_auth_request_carries_id_cert_chain_certreq_and_a_der_ecdsa_signature()
    {
        using var peers = new TwoPeers(CertificatePeers.Initiator("p384"), CertificatePeers.Responder());

        IkeSaOutput authRequest = peers.ToInitiator(peers.ToResponder(peers.Initiator.Start()));
        List<Payload> payloads = CertificatePeers.Open(peers.Responder, Assert.Single(authRequest.Datagrams));

        Assert.Equal(
            [PayloadType.IdInitiator, PayloadType.Certificate, PayloadType.Certificate, PayloadType.CertificateRequest, PayloadType.Authentication],
            payloads.Select(p => p.Type).Take(5));
        CertificatePayload[] certificates = [.. payloads.OfType<CertificatePayload>()];
        Assert.Equal(TestPki.Instance.Certificate("p384").RawData, certificates[0].Data.ToArray());
        Assert.Equal(TestPki.Instance.Intermediate.RawData, certificates[1].Data.ToArray());
        AuthenticationPayload auth = payloads.OfType<AuthenticationPayload>().Single();
        Assert.True(SignatureAuthData.TryParse(auth.Data.Span, out SignatureAuthData signature));
        Assert.Equal(SignatureAlgorithmIdentifier.EcdsaWithSha384, signature.Algorithm);
        Assert.Equal(0x30, signature.Signature.Span[0]);
    }

    [Fact]
    public void Distinguished_name_ids_are_checked_against_the_certificate_subject()
    {
        IkeSaSettings initiator = CertificatePeers.Initiator("rsa") with
        {
            LocalId = IkeIdentity.FromDistinguishedName(TestPki.Instance.Certificate("rsa").SubjectName),
        };
        using var peers = new TwoPeers(initiator, CertificatePeers.Responder());

        (IkeSaOutput responderAuth, _) = EstablishStepByStep(peers);

        Assert.True(CertificatePeers.Logged(responderAuth, "dn:CN=rsa.example.org authenticated with"));
    }

    [Theory]
    [InlineData("email")]
    [InlineData("ip")]
    public void Email_and_address_ids_are_found_in_the_subject_alt_name(string kind)
    {
        IkeIdentity id = kind == "email" ? IkeIdentity.FromEmail(TestPki.Email("p256")) : IkeIdentity.FromAddress(TestPki.Address("p256"));
        using var peers = new TwoPeers(CertificatePeers.Initiator("p256") with { LocalId = id }, CertificatePeers.Responder());

        (IkeSaOutput responderAuth, _) = EstablishStepByStep(peers);

        Assert.True(CertificatePeers.Logged(responderAuth, $"{id.Describe()} authenticated with"));
    }

    /// <summary>Runs both exchanges, checking both sides' states after every message; returns the outputs of the two IKE_AUTH steps.</summary>
    internal static (IkeSaOutput Responder, IkeSaOutput Initiator) EstablishStepByStep(TwoPeers peers)
    {
        IkeSaOutput initRequest = peers.Initiator.Start();
        Assert.Equal((IkeSaState.InitSent, IkeSaState.Created), (peers.Initiator.State, peers.Responder.State));
        IkeSaOutput initResponse = peers.ToResponder(initRequest);
        Assert.Equal((IkeSaState.InitSent, IkeSaState.Authenticating), (peers.Initiator.State, peers.Responder.State));
        IkeSaOutput authRequest = peers.ToInitiator(initResponse);
        Assert.Equal((IkeSaState.Authenticating, IkeSaState.Authenticating), (peers.Initiator.State, peers.Responder.State));
        IkeSaOutput authResponse = peers.ToResponder(authRequest);
        Assert.True(peers.Responder.State == IkeSaState.Established, string.Join(" / ", authResponse.Events.Select(e => e.Message)));
        Assert.Single(peers.ResponderHost.Installed);
        IkeSaOutput end = peers.ToInitiator(authResponse);
        Assert.True(peers.Initiator.State == IkeSaState.Established, string.Join(" / ", end.Events.Select(e => e.Message)));
        Assert.Empty(end.Datagrams);
        Assert.Single(peers.InitiatorHost.Installed);
        return (authResponse, end);
    }
}
