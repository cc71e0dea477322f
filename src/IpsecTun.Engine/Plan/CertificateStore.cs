using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Config;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// The configuration's certificate entries as IKE credentials. As in RouterOS's certificate store, every CA
/// certificate in an entry's file (a CA entry, or the CA a PKCS#12 bundle carries) is trusted to issue peer
/// certificates. An entry an identity signs with is opened once, with its chain, and must hold an RSA or
/// ECDSA key that signs for its certificate; what is wrong with it is an error on the certificate entry.
/// </summary>
internal sealed class CertificateStore(IpsecConfiguration configuration, PlanErrors errors)
{
    private readonly Dictionary<string, LocalCertificate?> locals = new(StringComparer.Ordinal);
    private IReadOnlyList<X509Certificate2>? authorities;

    /// <summary>The CA certificates of every entry, in configured order.</summary>
    public IReadOnlyList<X509Certificate2> Authorities => authorities ??= [.. configuration.Certificates.SelectMany(CaCertificates)];

    /// <summary>The certificate of entry <paramref name="name"/> (a remote-certificate), without its key.</summary>
    public X509Certificate2 Certificate(string name) => configuration.Certificate(name).Certificate;

    /// <summary>Entry <paramref name="name"/> with its private key and chain, or null (an error on the entry) when it cannot sign.</summary>
    public LocalCertificate? Local(string name)
    {
        if (!locals.TryGetValue(name, out LocalCertificate? local))
        {
            local = Open(configuration.Certificate(name));
            locals[name] = local;
        }

        return local;
    }

    private LocalCertificate? Open(CertificateEntry entry)
    {
        string property = entry.KeyFile is null ? "file" : "key-file";
        string? password = entry.Passphrase?.RevealText();
        LocalCertificate local;
        try
        {
            local = IsPkcs12(entry)
                ? CredentialLoader.FromPkcs12File(entry.File, password)
                : CredentialLoader.FromPemFiles(entry.File, entry.KeyFile ?? entry.File, password);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            errors.Certificate(entry, property, $"{entry.KeyFile ?? entry.File} gives no key IKE can sign with: {e.Message}");
            return null;
        }

        if (local.SigningProblem() is { } problem)
        {
            errors.Certificate(entry, property, $"{entry.KeyFile ?? entry.File}: {problem}");
            local.Dispose();
            return null;
        }

        return local;
    }

    /// <summary>The CA certificates in an entry's file (the others are released).</summary>
    private static List<X509Certificate2> CaCertificates(CertificateEntry entry)
    {
        IEnumerable<X509Certificate2> all;
        try
        {
            all = IsPkcs12(entry)
                ? X509CertificateLoader.LoadPkcs12CollectionFromFile(entry.File, entry.Passphrase?.RevealText(), X509KeyStorageFlags.EphemeralKeySet)
                : CredentialLoader.CertificatesFromFile(entry.File);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            // The loader opened this file a moment ago; one that changed since still counts with the certificate read then.
            return IsCa(entry.Certificate) ? [entry.Certificate] : [];
        }

        var cas = new List<X509Certificate2>();
        foreach (X509Certificate2 certificate in all)
        {
            if (IsCa(certificate))
            {
                cas.Add(certificate);
            }
            else
            {
                certificate.Dispose();
            }
        }

        return cas;
    }

    private static bool IsCa(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(c => c.CertificateAuthority);

    private static bool IsPkcs12(CertificateEntry entry) => X509Certificate2.GetCertContentType(entry.File) == X509ContentType.Pkcs12;
}
