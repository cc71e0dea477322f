using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IpsecTun.Ike.Settings;

/// <summary>
/// How the peer's certificate is checked. Its chain must end at one of <paramref name="TrustedCas"/>
/// (the system store only with <paramref name="UseSystemTrust"/>; revocation as
/// <paramref name="Revocation"/> says, off by default); a <paramref name="RemoteCertificate"/>
/// (remote-certificate) is trusted as it is and must be the one the peer uses. Unless
/// <paramref name="MatchBy"/> is <see cref="PeerMatch.Certificate"/> or <paramref name="RequireIdInCertificate"/>
/// is false (remote-id ignore), the peer's ID must name its certificate: the subject for an ID_DER_ASN1_DN,
/// a subjectAltName for FQDN, RFC 822 and IP address IDs. <paramref name="SignatureHashes"/> are
/// announced in SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4); empty, nothing is announced and the peer
/// signs with the classic methods.
/// </summary>
public sealed record PeerCertificateValidation(
    IReadOnlyList<X509Certificate2> TrustedCas,
    X509Certificate2? RemoteCertificate = null,
    PeerMatch MatchBy = PeerMatch.RemoteId,
    bool RequireIdInCertificate = true,
    bool UseSystemTrust = false,
    X509RevocationMode Revocation = X509RevocationMode.NoCheck,
    IReadOnlyList<HashAlgorithmName>? SignatureHashes = null)
{
    /// <summary>SHA2-256, SHA2-384 and SHA2-512, the hashes announced unless told otherwise.</summary>
    public static IReadOnlyList<HashAlgorithmName> Sha2 { get; } = [HashAlgorithmName.SHA256, HashAlgorithmName.SHA384, HashAlgorithmName.SHA512];

    public IReadOnlyList<HashAlgorithmName> AnnouncedHashes => SignatureHashes ?? Sha2;
}
