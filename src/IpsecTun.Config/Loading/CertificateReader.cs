using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IpsecTun.Config.Loading;

/// <summary>
/// Reads a <c>certificate</c> entry and opens its files, so that a wrong path or passphrase is a
/// configuration error now rather than a failed negotiation later.
/// </summary>
internal static class CertificateReader
{
    /// <summary>The entry, or null when its files cannot be opened (the error is recorded).</summary>
    public static CertificateEntry? Read(EntryReader r)
    {
        var name = r.Name();
        var file = r.Text("file");
        var keyFile = r.Text("key-file");
        var passphrase = r.Secret("passphrase");
        if (file is null)
        {
            r.Error("file", "is required: a PEM, DER or PKCS#12 file");
            return null;
        }

        var path = Path.GetFullPath(file, r.BaseDirectory);
        var keyPath = keyFile is null ? null : Path.GetFullPath(keyFile, r.BaseDirectory);
        foreach (var (property, missing) in new[] { ("file", path), ("key-file", keyPath) })
        {
            if (missing is not null && !File.Exists(missing))
            {
                r.Error(property, $"{missing} cannot be read: it does not exist");
                return null;
            }
        }

        try
        {
            return new CertificateEntry(name, path, keyPath, passphrase, Open(path, keyPath, passphrase));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            r.Error("file", $"cannot be read: {e.Message}");
        }
        catch (CryptographicException e)
        {
            var with = passphrase is null ? "without a passphrase" : "with the passphrase given";
            r.Error(keyPath is null ? "file" : "key-file", $"{keyPath ?? path} cannot be opened {with}: {e.Message}");
        }
        catch (ArgumentException)
        {
            r.Error("key-file", $"{keyPath} holds a private key that does not belong to the certificate in {path}");
        }

        return null;
    }

    private static X509Certificate2 Open(string path, string? keyPath, Secret? passphrase)
    {
        var password = passphrase?.RevealText();
        if (X509Certificate2.GetCertContentType(path) == X509ContentType.Pkcs12)
        {
            return OpenPkcs12(path, password);
        }

        if (keyPath is not null)
        {
            return password is null
                ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        }

        var text = File.ReadAllText(path);
        if (text.Contains("ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return X509Certificate2.CreateFromEncryptedPemFile(path, password ?? "");
        }

        return text.Contains("PRIVATE KEY-----", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPemFile(path)
            : X509CertificateLoader.LoadCertificateFromFile(path);
    }

    /// <summary>The bundle's certificate with a private key (the end entity), or its first one; the others are released.</summary>
    private static X509Certificate2 OpenPkcs12(string path, string? password)
    {
        var bundle = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password);
        var chosen = bundle.FirstOrDefault(c => c.HasPrivateKey) ?? bundle.FirstOrDefault()
            ?? throw new CryptographicException("the PKCS#12 file holds no certificate");
        foreach (var other in bundle.Where(c => !ReferenceEquals(c, chosen)))
        {
            other.Dispose();
        }

        return chosen;
    }
}
