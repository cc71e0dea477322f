using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IpsecTun.Config.Tests;

/// <summary>Writes freshly made certificates in the file forms a certificate entry accepts.</summary>
internal static class TestCertificates
{
    /// <summary>A PKCS#12 file with the certificate and its key, protected by <paramref name="passphrase"/>.</summary>
    public static string WritePkcs12(TempDirectory directory, string name, string commonName, string passphrase)
    {
        using var certificate = Create(commonName);
        return Write(directory, name, certificate.Export(X509ContentType.Pkcs12, passphrase));
    }

    /// <summary>A PEM certificate alone (no key), as a CA certificate is distributed.</summary>
    public static string WritePem(TempDirectory directory, string name, string commonName)
    {
        using var certificate = Create(commonName);
        return directory.Write(name, certificate.ExportCertificatePem());
    }

    /// <summary>A PEM certificate and its PEM private key in two files.</summary>
    public static (string Certificate, string Key) WritePemWithKey(TempDirectory directory, string name, string keyName, string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = Create(commonName, key);
        return (directory.Write(name, certificate.ExportCertificatePem()), directory.Write(keyName, key.ExportPkcs8PrivateKeyPem()));
    }

    private static X509Certificate2 Create(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Create(commonName, key);
    }

    private static X509Certificate2 Create(string commonName, ECDsa key)
    {
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static string Write(TempDirectory directory, string name, byte[] content)
    {
        var path = System.IO.Path.Combine(directory.Path, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
