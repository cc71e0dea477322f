using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// A certificate authority made for one test and the gateway certificate it issues (ECDSA P-256, subjectAltName
/// DNS <see cref="GatewayName"/>), as PEM text for strongSwan's swanctl folders and ipsectun's certificate entries.
/// </summary>
internal sealed class LabPki
{
    public const string GatewayName = "gw.lab";

    public LabPki(string caName = "Lab EAP CA")
    {
        using ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        CaPem = ca.ExportCertificatePem();

        using ECDsa gatewayKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={GatewayName}", gatewayKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(GatewayName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 gateway = request.Create(ca, now.AddDays(-1), now.AddDays(29), [1, 2, 3, 4]);
        GatewayPem = gateway.ExportCertificatePem();
        GatewayKeyPem = gatewayKey.ExportPkcs8PrivateKeyPem();
    }

    public string CaPem { get; }

    public string GatewayPem { get; }

    public string GatewayKeyPem { get; }

    /// <summary>Puts the CA (and the gateway certificate and key) where swanctl loads them from, before charon starts.</summary>
    public void WriteForStrongSwan(TemporaryDirectory directory, bool withGateway)
    {
        directory.Write("swanctl/x509ca/ca.pem", CaPem);
        if (withGateway)
        {
            directory.Write("swanctl/x509/gw.pem", GatewayPem);
            directory.Write("swanctl/private/gw.pem", GatewayKeyPem);
        }
    }

    /// <summary>Writes the PEM files for ipsectun's certificate entries into <paramref name="directory"/>.</summary>
    public void WriteFor(TemporaryDirectory directory)
    {
        directory.Write("ca.pem", CaPem);
        directory.Write("gw.pem", GatewayPem);
        directory.Write("gw.key", GatewayKeyPem);
    }
}
