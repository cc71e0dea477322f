using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Ike.Authentication;

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

    /// <summary>
    /// Why this key cannot sign IKE AUTH payloads that verify with <see cref="Certificate"/>, or null when it can:
    /// a probe is signed and verified with the RFC 7427 scheme a peer announcing SHA-2 gets and with the classic
    /// method of the key type, so a key that cannot sign or belongs to another certificate shows before any peer sees it.
    /// </summary>
    public string? SigningProblem()
    {
        byte[] probe = "ipsectun signing key check"u8.ToArray();
        foreach (IReadOnlySet<HashAlgorithmName>? peerHashes in new[] { PeerCertificateValidation.Sha2.ToHashSet(), null })
        {
            SignatureScheme scheme = SignatureScheme.ForLocal(this, peerHashes);
            if (!scheme.TrySign(this, probe, out Messages.AuthenticationPayload? auth, out string? problem))
            {
                return problem;
            }

            if (!SignatureScheme.TryFromAuth(auth, out _, out ReadOnlyMemory<byte> signature, out problem)
                || !scheme.Verify(Certificate, probe, signature.Span, out problem))
            {
                return $"the private key does not belong to the certificate {Certificate.Subject}: {problem}";
            }
        }

        return null;
    }

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
