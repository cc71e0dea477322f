using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IpsecTun.Eap.Tests;

/// <summary>A throw-away PKI for the TLS-based methods: a CA, a server and a client certificate it issued, and a stranger CA.</summary>
internal sealed class TestCertificates : IDisposable
{
    public const string ServerName = "radius.example.test";

    private static readonly Lazy<TestCertificates> SharedEcdsa = new(() => new TestCertificates(rsa: false));
    private static readonly Lazy<TestCertificates> SharedRsa = new(() => new TestCertificates(rsa: true));

    private TestCertificates(bool rsa)
    {
        Authority = CreateAuthority("CN=EAP Test CA", rsa);
        Stranger = CreateAuthority("CN=Someone Else's CA", rsa);
        Server = Issue(Authority, "CN=" + ServerName, rsa, ServerName, serverAuth: true);
        Client = Issue(Authority, "CN=alice", rsa, null, serverAuth: false);
        StrangerClient = Issue(Stranger, "CN=mallory", rsa, null, serverAuth: false);
    }

    public static TestCertificates Ecdsa => SharedEcdsa.Value;

    public static TestCertificates Rsa => SharedRsa.Value;

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Stranger { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public X509Certificate2 StrangerClient { get; }

    public EapTlsSettings ServerSettings(int fragment = 1000, bool tls13 = true) => new()
    {
        TrustedAuthorities = [Authority],
        Certificate = Server,
        MaxFragmentSize = fragment,
        AllowTls13 = tls13,
        InnerEapMethods = [Packets.EapType.MsChapV2, Packets.EapType.Gtc, Packets.EapType.Md5Challenge, Packets.EapType.Tls],
    };

    public EapTlsSettings PeerSettings(X509Certificate2? client = null, X509Certificate2? trusted = null, string serverName = ServerName, int fragment = 1000, bool tls13 = true) => new()
    {
        TrustedAuthorities = [trusted ?? Authority],
        ServerName = serverName,
        Certificate = client,
        MaxFragmentSize = fragment,
        AllowTls13 = tls13,
    };

    public void Dispose()
    {
        Authority.Dispose();
        Stranger.Dispose();
        Server.Dispose();
        Client.Dispose();
        StrangerClient.Dispose();
    }

    private static X509Certificate2 CreateAuthority(string subject, bool rsa)
    {
        var request = Request(subject, rsa, out var key);
        using (key)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        }
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, string subject, bool rsa, string? dnsName, bool serverAuth)
    {
        var request = Request(subject, rsa, out var key);
        using (key)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                [serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
            if (dnsName is not null)
            {
                var names = new SubjectAlternativeNameBuilder();
                names.AddDnsName(dnsName);
                request.CertificateExtensions.Add(names.Build());
            }

            byte[] serial = RandomNumberGenerator.GetBytes(8);
            using var issued = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), serial);
            return key is RSA rsaKey ? issued.CopyWithPrivateKey(rsaKey) : issued.CopyWithPrivateKey((ECDsa)key);
        }
    }

    private static CertificateRequest Request(string subject, bool rsa, out AsymmetricAlgorithm key)
    {
        if (rsa)
        {
            var rsaKey = RSA.Create(2048);
            key = rsaKey;
            return new CertificateRequest(subject, rsaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        var ecKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        key = ecKey;
        return new CertificateRequest(subject, ecKey, HashAlgorithmName.SHA256);
    }
}
