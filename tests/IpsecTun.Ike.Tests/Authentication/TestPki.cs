using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tests.Protection;

namespace IpsecTun.Ike.Tests.Authentication;

/// <summary>
/// Certificates made at test time, valid around <see cref="ManualTime.Epoch"/>: a root CA (RSA 2048), an
/// intermediate (RSA 2048) also cross-signed by a second root (ECDSA P-256), end entities under the
/// intermediate and an unrelated "Evil CA" with its own end entity. Keys are made once per test run.
/// </summary>
internal sealed class TestPki
{
    private static readonly Lazy<TestPki> Shared = new(() => new TestPki());

    private readonly Dictionary<string, (X509Certificate2 Certificate, AsymmetricAlgorithm Key)> _endEntities = [];

    private TestPki()
    {
        DateTimeOffset now = ManualTime.Epoch;
        RootKey = RSA.Create(2048);
        Root = Issue("CN=Test Root CA", RootKey, null, null, ca: true, now.AddYears(-1), now.AddYears(10));
        RootBKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        RootB = Issue("CN=Test Root B", RootBKey, null, null, ca: true, now.AddYears(-1), now.AddYears(10));
        IntermediateKey = RSA.Create(2048);
        Intermediate = Issue("CN=Test Intermediate CA", IntermediateKey, Root, RootKey, ca: true, now.AddMonths(-6), now.AddYears(5));
        IntermediateByB = Issue("CN=Test Intermediate CA", IntermediateKey, RootB, RootBKey, ca: true, now.AddMonths(-6), now.AddYears(5));
        EvilKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        EvilRoot = Issue("CN=Evil CA", EvilKey, null, null, ca: true, now.AddYears(-1), now.AddYears(10));

        Add("rsa", RSA.Create(2048), Intermediate, IntermediateKey);
        Add("rsa-pss", RSA.Create(2048), Intermediate, IntermediateKey, RSASignaturePadding.Pss);
        Add("p256", ECDsa.Create(ECCurve.NamedCurves.nistP256), Intermediate, IntermediateKey);
        Add("p384", ECDsa.Create(ECCurve.NamedCurves.nistP384), Intermediate, IntermediateKey);
        Add("p521", ECDsa.Create(ECCurve.NamedCurves.nistP521), Intermediate, IntermediateKey);
        Add("responder", ECDsa.Create(ECCurve.NamedCurves.nistP256), Intermediate, IntermediateKey);
        Add("evil", ECDsa.Create(ECCurve.NamedCurves.nistP256), EvilRoot, EvilKey);
    }

    public static TestPki Instance => Shared.Value;

    public RSA RootKey { get; }

    public X509Certificate2 Root { get; }

    public ECDsa RootBKey { get; }

    public X509Certificate2 RootB { get; }

    public RSA IntermediateKey { get; }

    public X509Certificate2 Intermediate { get; }

    /// <summary>The intermediate's subject and key, signed by <see cref="RootB"/>.</summary>
    public X509Certificate2 IntermediateByB { get; }

    public ECDsa EvilKey { get; }

    public X509Certificate2 EvilRoot { get; }

    /// <summary>The DNS name in the subjectAltName of end entity <paramref name="name"/>.</summary>
    public static string DnsName(string name) => name + ".example.org";

    public static string Email(string name) => name + "@example.org";

    public static IPAddress Address(string name) => IPAddress.Parse($"192.0.2.{100 + name.Length}");

    public X509Certificate2 Certificate(string name) => _endEntities[name].Certificate;

    /// <summary>End entity <paramref name="name"/> with its key and the chain it was issued under (intermediate and root).</summary>
    public LocalCertificate Local(string name, bool useRsaPss = false)
    {
        (X509Certificate2 certificate, AsymmetricAlgorithm key) = _endEntities[name];
        X509Certificate2[] chain = name == "evil" ? [Copy(EvilRoot)] : [Copy(Intermediate), Copy(Root)];
        return new LocalCertificate(Copy(certificate), CopyKey(key), chain, useRsaPss);
    }

    /// <summary>End entity <paramref name="name"/> with its key and the given <paramref name="chain"/>.</summary>
    public LocalCertificate Local(string name, IEnumerable<X509Certificate2> chain)
    {
        (X509Certificate2 certificate, AsymmetricAlgorithm key) = _endEntities[name];
        return new LocalCertificate(Copy(certificate), CopyKey(key), chain.Select(Copy));
    }

    /// <summary>A copy of <paramref name="key"/> that a <see cref="LocalCertificate"/> may own and dispose.</summary>
    public static AsymmetricAlgorithm CopyKey(AsymmetricAlgorithm key)
    {
        byte[] pkcs8 = key.ExportPkcs8PrivateKey();
        AsymmetricAlgorithm copy = key is RSA ? RSA.Create() : ECDsa.Create();
        copy.ImportPkcs8PrivateKey(pkcs8, out _);
        return copy;
    }

    public static X509Certificate2 Copy(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);

    /// <summary>Trust in <paramref name="cas"/> only.</summary>
    public static PeerCertificateValidation Trusting(params X509Certificate2[] cas) => new(cas);

    /// <summary>An end entity of the intermediate CA, valid from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public X509Certificate2 IssueEndEntity(string name, AsymmetricAlgorithm key, DateTimeOffset from, DateTimeOffset to) =>
        Issue("CN=" + DnsName(name), key, Intermediate, IntermediateKey, ca: false, from, to, name);

    /// <summary>An end entity that names the intermediate CA as its issuer but is signed by the Evil CA's key.</summary>
    public X509Certificate2 ForgeEndEntity(string name, AsymmetricAlgorithm key)
    {
        DateTimeOffset now = ManualTime.Epoch;
        return Issue("CN=" + DnsName(name), key, Intermediate, EvilKey, ca: false, now.AddDays(-1), now.AddYears(1), name);
    }

    private void Add(string name, AsymmetricAlgorithm key, X509Certificate2 issuer, AsymmetricAlgorithm issuerKey, RSASignaturePadding? padding = null)
    {
        DateTimeOffset now = ManualTime.Epoch;
        _endEntities[name] = (Issue("CN=" + DnsName(name), key, issuer, issuerKey, ca: false, now.AddDays(-1), now.AddYears(1), name, padding), key);
    }

    private static X509Certificate2 Issue(
        string subject, AsymmetricAlgorithm key, X509Certificate2? issuer, AsymmetricAlgorithm? issuerKey, bool ca, DateTimeOffset from, DateTimeOffset to,
        string? altName = null, RSASignaturePadding? padding = null)
    {
        var name = new X500DistinguishedName(subject);
        CertificateRequest request = key is RSA rsa
            ? new CertificateRequest(name, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(name, (ECDsa)key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            ca ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign : X509KeyUsageFlags.DigitalSignature, true));
        var subjectKeyId = new X509SubjectKeyIdentifierExtension(request.PublicKey, false);
        request.CertificateExtensions.Add(subjectKeyId);
        if (issuer is not null)
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        }

        if (altName is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(DnsName(altName));
            names.AddEmailAddress(Email(altName));
            names.AddIpAddress(Address(altName));
            request.CertificateExtensions.Add(names.Build());
        }

        AsymmetricAlgorithm signer = issuerKey ?? key;
        X509SignatureGenerator generator = signer is RSA rsaSigner
            ? X509SignatureGenerator.CreateForRSA(rsaSigner, padding ?? RSASignaturePadding.Pkcs1)
            : X509SignatureGenerator.CreateForECDsa((ECDsa)signer);
        byte[] serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7f;
        return request.Create(issuer?.SubjectName ?? name, generator, from, to, serial);
    }
}
