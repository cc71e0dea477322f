using System.Security.Cryptography.X509Certificates;
using IpsecTun.Crypto;
using IpsecTun.Ike.Authentication;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tests.Authentication;
using IpsecTun.Ike.Tests.TwoPeer;

namespace IpsecTun.Ike.Tests.Fixtures;

/// <summary>
/// strongSwan's certificate IKE_AUTH messages checked by the same code an IKE SA runs on a peer's AUTH:
/// the CERT chained to the capture's CA, the ID_DER_ASN1_DN bound to the certificate, the RFC 7427 ECDSA signature.
/// </summary>
public sealed class StrongSwanAuthenticationTests
{
    private readonly StrongSwanCapture _capture = StrongSwanCapture.Load(StrongSwanCapture.EcdsaP256Gcm16);

    [Theory]
    [InlineData(2, "CN=left.example.org")]
    [InlineData(3, "CN=right.example.org")]
    public void Strongswan_auth_verifies_against_the_fixture_ca(int index, string subject)
    {
        using X509Certificate2 ca = X509Certificate2.CreateFromPem(File.ReadAllText(_capture.CaCertificatePath));

        bool verified = Verify(index, new PeerCertificateValidation([ca]), hoursAfterIssue: 1, out string outcome);

        Assert.True(verified, outcome);
        Assert.Equal($"dn:{subject} authenticated with ECDSA with SHA256 (RFC 7427) by certificate {subject}", outcome);
    }

    [Fact]
    public void Strongswan_certificate_is_refused_under_another_ca()
    {
        bool verified = Verify(2, TestPki.Trusting(TestPki.Instance.Root), hoursAfterIssue: 1, out string outcome);

        Assert.False(verified);
        Assert.Equal("peer certificate not trusted: no trusted CA issued CN=left.example.org (issuer CN=Fixture CA)", outcome);
    }

    [Fact]
    public void Strongswan_certificate_is_refused_once_expired()
    {
        using X509Certificate2 ca = X509Certificate2.CreateFromPem(File.ReadAllText(_capture.CaCertificatePath));

        bool verified = Verify(2, new PeerCertificateValidation([ca]), hoursAfterIssue: 24 * 365 * 20, out string outcome);

        Assert.False(verified);
        Assert.Contains("peer certificate CN=left.example.org expired on", outcome, StringComparison.Ordinal);
    }

    [Fact]
    public void Strongswan_auth_over_other_octets_is_refused()
    {
        using X509Certificate2 ca = X509Certificate2.CreateFromPem(File.ReadAllText(_capture.CaCertificatePath));

        bool verified = Verify(2, new PeerCertificateValidation([ca]), hoursAfterIssue: 1, out string outcome, flipLastOctet: true);

        Assert.False(verified);
        Assert.Equal("ECDSA with SHA256 (RFC 7427) signature does not verify with the key of CN=left.example.org", outcome);
    }

    /// <summary>Runs <see cref="PeerAuthenticator"/> on IKE_AUTH message <paramref name="index"/> as its receiver would.</summary>
    private bool Verify(int index, PeerCertificateValidation validation, int hoursAfterIssue, out string outcome, bool flipLastOctet = false)
    {
        List<Payload> payloads = _capture.Open(index);
        bool fromInitiator = index == 2;
        IdentificationPayload id = payloads.OfType<IdentificationPayload>().First();
        AuthenticationPayload auth = payloads.OfType<AuthenticationPayload>().Single();
        using PeerCertificates certificates = PeerCertificates.From(payloads);
        Assert.True(TransformRegistry.TryGetPrf(PrfTransformId.HmacSha2_256, out PrfAlgorithm? prf));
        NoncePayload peerNonce = _capture.Parse(fromInitiator ? 1 : 0).Payloads.OfType<NoncePayload>().Single();
        byte[] octets = SignedOctets.Build(prf, _capture.Datagrams[fromInitiator ? 0 : 1], peerNonce.Data.Span, _capture.Keys[fromInitiator ? "Sk_pi" : "Sk_pr"], id);
        if (flipLastOctet)
        {
            octets[^1] ^= 1;
        }

        IkeSaSettings settings = TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, psk: "") with
        {
            AuthMethod = IkeAuthMethod.DigitalSignature,
            PeerValidation = validation,
        };
        DateTimeOffset now = new DateTimeOffset(certificates.EndEntity!.NotBefore.ToUniversalTime()).AddHours(hoursAfterIssue);
        return PeerAuthenticator.TryVerify(settings, id, certificates, auth, prf, octets, now, out outcome);
    }
}
