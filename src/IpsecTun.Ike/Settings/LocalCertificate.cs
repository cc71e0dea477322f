using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IpsecTun.Ike.Settings;

/// <summary>
/// This side's certificate, the RSA or ECDSA private key that signs AUTH, and the intermediate
/// certificates up to (optionally including) the root, in any order. <see cref="CredentialLoader"/>
/// builds one from PKCS#12 or PEM and checks that key and certificate belong together; with RSA,
/// <see cref="UseRsaPss"/> signs RFC 7427 AUTH with RSASSA-PSS instead of PKCS#1 v1.5.
/// </summary>
public sealed class LocalCertificate : IDisposable
{
    public LocalCertificate(X509Certificate2 certificate, AsymmetricAlgorithm privateKey, IEnumerable<X509Certificate2>? chain = null, bool useRsaPss = false)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey is not (RSA or ECDsa))
        {
            throw new ArgumentException("IKE signatures need an RSA or ECDSA key.", nameof(privateKey));
        }

        Certificate = certificate;
        PrivateKey = privateKey;
        Chain = [.. chain ?? []];
        UseRsaPss = useRsaPss && privateKey is RSA;
    }

    public X509Certificate2 Certificate { get; }

    public AsymmetricAlgorithm PrivateKey { get; }

    public IReadOnlyList<X509Certificate2> Chain { get; }

    public bool UseRsaPss { get; }

    public void Dispose()
    {
        PrivateKey.Dispose();
        Certificate.Dispose();
        foreach (X509Certificate2 certificate in Chain)
        {
            certificate.Dispose();
        }
    }

    public override string ToString() => Certificate.Subject;
}
