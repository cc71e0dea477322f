using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Tests.Fixtures;

/// <summary>The certificate capture: CERT, CERTREQ, ID_DER_ASN1_DN and RFC 7427 ECDSA signatures as strongSwan sends them.</summary>
public class StrongSwanCertificateTests
{
    private readonly StrongSwanCapture _capture = StrongSwanCapture.Load(StrongSwanCapture.EcdsaP256Gcm16);

    [Fact]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 7296 §3.7 names CAs by SHA-1.")]
    public void Certificate_requests_name_the_ca_by_the_sha1_of_its_public_key()
    {
        using X509Certificate2 ca = X509Certificate2.CreateFromPem(File.ReadAllText(_capture.CaCertificatePath));
        byte[] keyHash = SHA1.HashData(ca.PublicKey.ExportSubjectPublicKeyInfo());

        CertificateRequestPayload inInit = _capture.Parse(1).Payloads.OfType<CertificateRequestPayload>().Single();
        CertificateRequestPayload inAuth = _capture.Open(2).OfType<CertificateRequestPayload>().Single();

        foreach (CertificateRequestPayload request in new[] { inInit, inAuth })
        {
            Assert.Equal(CertificateEncoding.X509Signature, request.Encoding);
            Assert.Equal(keyHash, Assert.Single(request.AuthorityHashes).ToArray());
        }
    }

    [Theory]
    [InlineData(2, "CN=left.example.org")]
    [InlineData(3, "CN=right.example.org")]
    public void Ecdsa_digital_signature_auth_verifies_with_the_certificate_it_came_with(int index, string subject)
    {
        List<Payload> payloads = _capture.Open(index);
        bool fromInitiator = index == 2;
        IdentificationPayload id = payloads.OfType<IdentificationPayload>().First();
        Assert.Equal(IdentificationType.DerAsn1Dn, id.IdType);
        Assert.Equal(subject, new X500DistinguishedName(id.Data.Span).Name);

        CertificatePayload certificate = payloads.OfType<CertificatePayload>().Single();
        Assert.Equal(CertificateEncoding.X509Signature, certificate.Encoding);
        using X509Certificate2 x509 = X509CertificateLoader.LoadCertificate(certificate.Data.Span);
        Assert.Equal(subject, x509.Subject);

        AuthenticationPayload auth = payloads.OfType<AuthenticationPayload>().Single();
        Assert.Equal(AuthMethod.DigitalSignature, auth.Method);
        Assert.True(SignatureAuthData.TryParse(auth.Data.Span, out SignatureAuthData signature));
        Assert.Equal(SignatureAlgorithmIdentifier.EcdsaWithSha256, signature.Algorithm);

        byte[] realMessage = _capture.Datagrams[fromInitiator ? 0 : 1];
        NoncePayload peerNonce = _capture.Parse(fromInitiator ? 1 : 0).Payloads.OfType<NoncePayload>().Single();
        byte[] signedOctets = StrongSwanCapture.SignedOctets(realMessage, peerNonce.Data.Span, _capture.Keys[fromInitiator ? "Sk_pi" : "Sk_pr"], id);
        using ECDsa key = x509.GetECDsaPublicKey()!;
        Assert.True(key.VerifyData(signedOctets, signature.Signature.Span, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        signedOctets[^1] ^= 1;
        Assert.False(key.VerifyData(signedOctets, signature.Signature.Span, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void Signature_hash_algorithms_offer_sha2()
    {
        NotifyPayload offer = _capture.Parse(0).Payloads.OfType<NotifyPayload>().Single(n => n.NotifyType == NotifyType.SignatureHashAlgorithms);
        Assert.Superset(new HashSet<ushort> { 2, 3, 4 }, NotifyData.ReadSignatureHashAlgorithms(offer).ToHashSet());
    }
}
