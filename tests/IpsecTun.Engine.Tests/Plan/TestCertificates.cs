using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IpsecTun.Engine.Tests.Plan;

/// <summary>
/// A CA and end entities it issues, written as the files certificate entries name. They are valid from two
/// years ago, so that the runtime tests' fake clock (which starts on 2026-01-01) finds them current too.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private static readonly DateTimeOffset ValidFrom = DateTimeOffset.UtcNow.AddYears(-2);
    private static readonly DateTimeOffset ValidTo = DateTimeOffset.UtcNow.AddYears(1);

    private readonly ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificates(string caName = "Lab CA")
    {
        var request = new CertificateRequest("CN=" + caName, caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        Ca = request.CreateSelfSigned(ValidFrom, ValidTo);
    }

    public X509Certificate2 Ca { get; }

    public void WriteCa(string directory, string file) => File.WriteAllText(Path.Combine(directory, file), Ca.ExportCertificatePem());

    /// <summary>An end entity with an RSA key and, when <paramref name="dnsName"/> is given, that subjectAltName.</summary>
    public (X509Certificate2 Certificate, RSA Key) Issue(string subject, string? dnsName)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        if (dnsName is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(dnsName);
            request.CertificateExtensions.Add(names.Build());
        }

        byte[] serial = RandomNumberGenerator.GetBytes(8);
        serial[0] &= 0x7f;
        X509Certificate2 certificate = request.Create(
            Ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), ValidFrom, ValidTo, serial);
        return (certificate, key);
    }

    /// <summary>Writes an end entity as <paramref name="name"/>.pem and its key as <paramref name="name"/>.key; returns the certificate.</summary>
    public X509Certificate2 WritePem(string directory, string name, string subject, string? dnsName)
    {
        (X509Certificate2 certificate, RSA key) = Issue(subject, dnsName);
        using (key)
        {
            File.WriteAllText(Path.Combine(directory, name + ".pem"), certificate.ExportCertificatePem());
            File.WriteAllText(Path.Combine(directory, name + ".key"), key.ExportPkcs8PrivateKeyPem());
        }

        return certificate;
    }

    public void Dispose()
    {
        caKey.Dispose();
        Ca.Dispose();
    }
}
