using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using HashAlgorithm = Org.BouncyCastle.Tls.HashAlgorithm;

namespace IpsecTun.Eap.Tls;

/// <summary>
/// Turns the configured certificate and private key into BouncyCastle signing credentials, with a signature
/// scheme the other side offered that fits the key: ECDSA with the hash of the curve's size, or RSA-PSS
/// (required by TLS 1.3) falling back to PKCS#1 v1.5 under TLS 1.2.
/// </summary>
internal static class TlsSignerCredentials
{
    /// <returns>The credentials, or null when the key type or the offered schemes leave nothing to sign with.</returns>
    public static TlsCredentialedSigner? Create(
        TlsContext context, BcTlsCrypto crypto, EapTlsSettings settings, IList<SignatureAndHashAlgorithm>? offered, byte[]? requestContext)
    {
        var own = settings.Certificate!;
        bool tls13 = TlsUtilities.IsTlsV13(context);
        var key = PrivateKey(own);
        var scheme = Candidates(key, tls13).FirstOrDefault(candidate => offered is null || offered.Contains(candidate));
        if (scheme is null)
        {
            return null;
        }

        var chain = new List<byte[]> { own.RawData };
        chain.AddRange(settings.IntermediateCertificates.Select(c => c.RawData));
        var certificates = chain.Select(der => crypto.CreateCertificate(der)).ToArray();
        var certificate = tls13
            ? new Certificate(requestContext ?? TlsUtilities.EmptyBytes, [.. certificates.Select(c => new CertificateEntry(c, null))])
            : new Certificate(certificates);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, key, certificate, scheme);
    }

    /// <summary>Whether the configured key is an elliptic-curve key (which picks ECDSA cipher suites under TLS 1.2).</summary>
    public static bool IsEcdsa(EapTlsSettings settings) => settings.Certificate!.GetECDsaPublicKey() is not null;

    private static AsymmetricKeyParameter PrivateKey(X509Certificate2 certificate)
    {
        AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException("The TLS certificate needs an RSA or ECDSA private key.", nameof(certificate));
        byte[] pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            return PrivateKeyFactory.CreateKey(pkcs8);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
            key.Dispose();
        }
    }

    private static IEnumerable<SignatureAndHashAlgorithm> Candidates(AsymmetricKeyParameter key, bool tls13)
    {
        if (key is ECPrivateKeyParameters ec)
        {
            short hash = ec.Parameters.Curve.FieldSize switch
            {
                <= 256 => HashAlgorithm.sha256,
                <= 384 => HashAlgorithm.sha384,
                _ => HashAlgorithm.sha512,
            };
            yield return new SignatureAndHashAlgorithm(hash, SignatureAlgorithm.ecdsa);
            yield break;
        }

        yield return SignatureAndHashAlgorithm.rsa_pss_rsae_sha256;
        if (!tls13)
        {
            yield return new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.rsa);
        }
    }
}
