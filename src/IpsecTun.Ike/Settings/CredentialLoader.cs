using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace IpsecTun.Ike.Settings;

/// <summary>
/// Loads certificates and keys as RouterOS exports them: a PKCS#12 bundle with its passphrase, or PEM
/// certificates with a PEM private key (PKCS#1, SEC 1, PKCS#8 or passphrase-encrypted PKCS#8). The
/// certificate whose public key belongs to the private key is the end entity; the others are its chain.
/// </summary>
public static class CredentialLoader
{
    private const X509KeyStorageFlags KeyFlags = X509KeyStorageFlags.EphemeralKeySet;

    public static LocalCertificate FromPkcs12(ReadOnlySpan<byte> data, string? password, bool useRsaPss = false)
    {
        X509Certificate2Collection all = X509CertificateLoader.LoadPkcs12Collection(data, password, KeyFlags);
        X509Certificate2[] withKey = [.. all.Where(c => c.HasPrivateKey)];
        if (withKey.Length != 1)
        {
            DisposeAll(all);
            throw new CryptographicException($"The PKCS#12 bundle holds {withKey.Length} private keys; one is needed.");
        }

        X509Certificate2 endEntity = withKey[0];
        AsymmetricAlgorithm? key = (AsymmetricAlgorithm?)endEntity.GetRSAPrivateKey() ?? endEntity.GetECDsaPrivateKey();
        if (key is null)
        {
            DisposeAll(all);
            throw new CryptographicException($"The key of {endEntity.Subject} is neither RSA nor ECDSA.");
        }

        return new LocalCertificate(endEntity, key, all.Where(c => c != endEntity), useRsaPss);
    }

    public static LocalCertificate FromPkcs12File(string path, string? password, bool useRsaPss = false) =>
        FromPkcs12(File.ReadAllBytes(path), password, useRsaPss);

    /// <summary>
    /// <paramref name="certificatesPem"/> holds the end entity and optionally its chain; an encrypted
    /// <paramref name="privateKeyPem"/> needs <paramref name="password"/>.
    /// </summary>
    public static LocalCertificate FromPem(string certificatesPem, string privateKeyPem, string? password = null, bool useRsaPss = false)
    {
        var all = new X509Certificate2Collection();
        all.ImportFromPem(certificatesPem);
        AsymmetricAlgorithm key = ReadPrivateKey(privateKeyPem, password);
        byte[] publicKey = key switch
        {
            RSA rsa => rsa.ExportSubjectPublicKeyInfo(),
            _ => ((ECDsa)key).ExportSubjectPublicKeyInfo(),
        };
        X509Certificate2? endEntity = all.FirstOrDefault(c => c.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(publicKey));
        if (endEntity is null)
        {
            key.Dispose();
            DisposeAll(all);
            throw new CryptographicException("The private key belongs to none of the certificates.");
        }

        return new LocalCertificate(endEntity, key, all.Where(c => c != endEntity), useRsaPss);
    }

    public static LocalCertificate FromPemFiles(string certificatesPath, string privateKeyPath, string? password = null, bool useRsaPss = false) =>
        FromPem(File.ReadAllText(certificatesPath), File.ReadAllText(privateKeyPath), password, useRsaPss);

    /// <summary>Certificates (CAs to trust, a remote certificate) from PEM text or a single DER certificate.</summary>
    public static IReadOnlyList<X509Certificate2> Certificates(ReadOnlySpan<byte> pemOrDer)
    {
        if (pemOrDer.IndexOf("-----BEGIN"u8) < 0)
        {
            return [X509CertificateLoader.LoadCertificate(pemOrDer)];
        }

        var all = new X509Certificate2Collection();
        all.ImportFromPem(Encoding.ASCII.GetString(pemOrDer));
        return [.. all];
    }

    public static IReadOnlyList<X509Certificate2> CertificatesFromFile(string path) => Certificates(File.ReadAllBytes(path));

    private static AsymmetricAlgorithm ReadPrivateKey(string pem, string? password)
    {
        foreach (Func<AsymmetricAlgorithm> create in new Func<AsymmetricAlgorithm>[] { RSA.Create, ECDsa.Create })
        {
            AsymmetricAlgorithm key = create();
            try
            {
                if (password is null)
                {
                    key.ImportFromPem(pem);
                }
                else
                {
                    key.ImportFromEncryptedPem(pem, password);
                }

                return key;
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                // Not this algorithm (or a wrong password, reported below once both were tried).
                key.Dispose();
            }
        }

        throw new CryptographicException(password is null
            ? "No unencrypted RSA or ECDSA private key found in the PEM text."
            : "No RSA or ECDSA private key could be decrypted from the PEM text with the given password.");
    }

    private static void DisposeAll(X509Certificate2Collection certificates)
    {
        foreach (X509Certificate2 certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
