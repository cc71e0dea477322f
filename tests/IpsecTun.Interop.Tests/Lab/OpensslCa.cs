using System.Globalization;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// A test certificate authority made with the openssl command at test time: an RSA or P-256 CA and end
/// entities it issues, as PEM files (certificate, PKCS#8 key) in a private folder.
/// </summary>
internal sealed class OpensslCa
{
    private readonly TemporaryDirectory _directory;
    private readonly string _algorithm;
    private readonly string _caKey;

    public OpensslCa(TemporaryDirectory directory, string name, bool ecdsa)
    {
        _directory = directory;
        _algorithm = ecdsa ? "ec" : "rsa";
        _caKey = NewKey(name);
        CaCertificate = Path.Combine(directory.Path, name + ".pem");
        Openssl(
            "req", "-x509", "-new", "-key", _caKey, "-subj", $"/O=ipsectun lab/CN={name}", "-days", "2", "-out", CaCertificate,
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    /// <summary>The CA's certificate, PEM.</summary>
    public string CaCertificate { get; }

    /// <summary>Issues an end entity <c>/O=ipsectun lab/CN=<paramref name="name"/></c>, with a DNS subjectAltName when given.</summary>
    public (string Certificate, string Key) Issue(string name, string? dnsName)
    {
        string key = NewKey(name);
        string request = Path.Combine(_directory.Path, name + ".csr");
        string certificate = Path.Combine(_directory.Path, name + ".pem");
        string extensions = _directory.Write(
            name + ".ext",
            "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n" + (dnsName is null ? "" : $"subjectAltName=DNS:{dnsName}\n"));
        Openssl("req", "-new", "-key", key, "-subj", $"/O=ipsectun lab/CN={name}", "-out", request);
        Openssl(
            "x509", "-req", "-in", request, "-CA", CaCertificate, "-CAkey", _caKey, "-days", "2", "-out", certificate, "-extfile", extensions,
            "-set_serial", Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture));
        return (certificate, key);
    }

    private string NewKey(string name)
    {
        string key = Path.Combine(_directory.Path, name + ".key");
        string[] parameters = _algorithm == "ec" ? ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"] : ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"];
        Openssl(["genpkey", .. parameters, "-out", key]);
        return key;
    }

    private static void Openssl(params string[] arguments) => Command.Run("openssl", arguments, TimeSpan.FromSeconds(60)).EnsureSuccess();
}
