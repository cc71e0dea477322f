using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tests.TwoPeer;

namespace IpsecTun.Ike.Tests.Authentication;

/// <summary>PKCS#12 and PEM credentials written with .NET's exporters and read back by <see cref="CredentialLoader"/>.</summary>
public sealed class CredentialLoaderTests
{
    private const string Passphrase = "1234567890";

    [Theory]
    [InlineData("rsa")]
    [InlineData("p384")]
    public void Pkcs12_bundle_round_trips_with_key_and_chain(string name)
    {
        byte[] bundle = ExportPkcs12(name, Passphrase);

        using LocalCertificate loaded = CredentialLoader.FromPkcs12(bundle, Passphrase);

        AssertSameCredential(name, loaded);
        Assert.Equal(
            new[] { TestPki.Instance.Intermediate.Thumbprint, TestPki.Instance.Root.Thumbprint }.Order(),
            loaded.Chain.Select(c => c.Thumbprint).Order());
    }

    [Fact]
    public void Pkcs12_bundle_with_a_wrong_passphrase_is_refused()
    {
        byte[] bundle = ExportPkcs12("p256", Passphrase);

        Assert.ThrowsAny<CryptographicException>(() => CredentialLoader.FromPkcs12(bundle, "wrong"));
    }

    public static TheoryData<string, string> PemKeys => new()
    {
        { "rsa", "pkcs8" },
        { "rsa", "pkcs1" },
        { "rsa", "encrypted" },
        { "p256", "pkcs8" },
        { "p256", "sec1" },
        { "p256", "encrypted" },
    };

    [Theory]
    [MemberData(nameof(PemKeys))]
    public void Pem_certificates_and_key_round_trip(string name, string format)
    {
        using LocalCertificate source = TestPki.Instance.Local(name);
        string certificates = TestPki.Instance.Intermediate.ExportCertificatePem() + "\n" + source.Certificate.ExportCertificatePem() + "\n";
        AsymmetricAlgorithm key = source.PrivateKey;
        string keyPem = (format, key) switch
        {
            ("pkcs1", RSA rsa) => rsa.ExportRSAPrivateKeyPem(),
            ("sec1", ECDsa ecdsa) => ecdsa.ExportECPrivateKeyPem(),
            ("encrypted", _) => key.ExportEncryptedPkcs8PrivateKeyPem(Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)),
            _ => key.ExportPkcs8PrivateKeyPem(),
        };

        using LocalCertificate loaded = CredentialLoader.FromPem(certificates, keyPem, format == "encrypted" ? Passphrase : null);

        AssertSameCredential(name, loaded);
        Assert.Equal(TestPki.Instance.Intermediate.RawData, Assert.Single(loaded.Chain).RawData);
    }

    [Fact]
    public void Encrypted_pem_key_needs_the_right_password()
    {
        using LocalCertificate source = TestPki.Instance.Local("p256");
        string certificate = source.Certificate.ExportCertificatePem();
        string keyPem = source.PrivateKey.ExportEncryptedPkcs8PrivateKeyPem(Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 10_000));

        Assert.ThrowsAny<CryptographicException>(() => CredentialLoader.FromPem(certificate, keyPem));
        Assert.ThrowsAny<CryptographicException>(() => CredentialLoader.FromPem(certificate, keyPem, "wrong"));
    }

    [Fact]
    public void Pem_key_of_another_certificate_is_refused()
    {
        using LocalCertificate p256 = TestPki.Instance.Local("p256");
        using LocalCertificate other = TestPki.Instance.Local("responder");

        CryptographicException e = Assert.ThrowsAny<CryptographicException>(
            () => CredentialLoader.FromPem(p256.Certificate.ExportCertificatePem(), other.PrivateKey.ExportPkcs8PrivateKeyPem()));
        Assert.Contains("belongs to none of the certificates", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ca_certificates_load_from_pem_and_der()
    {
        TestPki pki = TestPki.Instance;
        byte[] pem = System.Text.Encoding.ASCII.GetBytes(pki.Root.ExportCertificatePem() + "\n" + pki.RootB.ExportCertificatePem());

        IReadOnlyList<X509Certificate2> fromPem = CredentialLoader.Certificates(pem);
        IReadOnlyList<X509Certificate2> fromDer = CredentialLoader.Certificates(pki.Intermediate.RawData);

        Assert.Equal([pki.Root.Thumbprint, pki.RootB.Thumbprint], fromPem.Select(c => c.Thumbprint));
        Assert.Equal(pki.Intermediate.Thumbprint, Assert.Single(fromDer).Thumbprint);
    }

    [Fact]
    public void Credentials_loaded_from_pkcs12_and_pem_files_establish_an_ike_sa()
    {
        string directory = Directory.CreateTempSubdirectory("ipsectun-credentials").FullName;
        try
        {
            string bundle = Path.Combine(directory, "initiator.p12");
            File.WriteAllBytes(bundle, ExportPkcs12("rsa", Passphrase));
            using LocalCertificate responderSource = TestPki.Instance.Local("responder");
            string certificate = Path.Combine(directory, "responder.pem");
            string key = Path.Combine(directory, "responder.key");
            string ca = Path.Combine(directory, "ca.pem");
            File.WriteAllText(certificate, responderSource.Certificate.ExportCertificatePem() + "\n" + TestPki.Instance.Intermediate.ExportCertificatePem());
            File.WriteAllText(key, responderSource.PrivateKey.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(ca, TestPki.Instance.Root.ExportCertificatePem());

            var trust = new PeerCertificateValidation(CredentialLoader.CertificatesFromFile(ca));
            IkeSaSettings initiator = CertificatePeers.Initiator("rsa") with { Certificate = CredentialLoader.FromPkcs12File(bundle, Passphrase), PeerValidation = trust };
            IkeSaSettings responder = CertificatePeers.Responder() with { Certificate = CredentialLoader.FromPemFiles(certificate, key), PeerValidation = trust };
            using var peers = new TwoPeers(initiator, responder);

            CertificateNegotiationTests.EstablishStepByStep(peers);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void My_id_auto_takes_the_first_subject_alt_name_or_else_the_subject()
    {
        Assert.Equal("fqdn:rsa.example.org", IkeIdentity.FromCertificate(TestPki.Instance.Certificate("rsa")).Describe());
        Assert.Equal("dn:CN=Test Root CA", IkeIdentity.FromCertificate(TestPki.Instance.Root).Describe());
    }

    private static byte[] ExportPkcs12(string name, string password)
    {
        using LocalCertificate source = TestPki.Instance.Local(name);
        using X509Certificate2 withKey = source.PrivateKey switch
        {
            RSA rsa => source.Certificate.CopyWithPrivateKey(rsa),
            _ => source.Certificate.CopyWithPrivateKey((ECDsa)source.PrivateKey),
        };
        var collection = new X509Certificate2Collection(new[] { withKey, TestPki.Instance.Intermediate, TestPki.Instance.Root });
        return collection.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
    }

    /// <summary>The loaded certificate is <paramref name="name"/>'s and its key signs what the certificate's public key verifies.</summary>
    private static void AssertSameCredential(string name, LocalCertificate loaded)
    {
        Assert.Equal(TestPki.Instance.Certificate(name).RawData, loaded.Certificate.RawData);
        byte[] data = "signed by the loaded key"u8.ToArray();
        if (loaded.PrivateKey is RSA rsa)
        {
            using RSA publicKey = loaded.Certificate.GetRSAPublicKey()!;
            Assert.True(publicKey.VerifyData(data, rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss), HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        }
        else
        {
            using ECDsa publicKey = loaded.Certificate.GetECDsaPublicKey()!;
            Assert.True(publicKey.VerifyData(data, ((ECDsa)loaded.PrivateKey).SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
        }
    }
}
