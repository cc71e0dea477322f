using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Authentication;

/// <summary>
/// CERTREQ both ways (RFC 7296 §3.7): the request names the CAs we trust by the SHA-1 hash of their
/// SubjectPublicKeyInfo; from the peer's request we pick the chain to send, the path from our end entity
/// to the first CA it trusts (so a cross-signed intermediate goes out in the version it can use).
/// </summary>
internal static class CertificateAuthorities
{
    private const int MaxDepth = 8;

    [SuppressMessage("Security", "CA5350", Justification = "RFC 7296 §3.7 names CAs by the SHA-1 hash of their public key.")]
    public static string KeyHash(X509Certificate2 certificate) =>
        Convert.ToHexString(SHA1.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    /// <summary>
    /// Our CERTREQ when the peer is to sign, naming the CAs we trust; empty when only a remote certificate or
    /// the system store is configured, which still asks peers that send certificates only on request.
    /// </summary>
    public static CertificateRequestPayload? Request(IkeSaSettings settings)
    {
        if (settings.ExpectedRemoteAuthMethod != IkeAuthMethod.DigitalSignature || settings.PeerValidation is not { } validation)
        {
            return null;
        }

        byte[] hashes = [.. validation.TrustedCas.SelectMany(ca => Convert.FromHexString(KeyHash(ca)))];
        return new CertificateRequestPayload(CertificateEncoding.X509Signature, hashes);
    }

    /// <summary>The CA key hashes of the peer's X.509 CERTREQ payloads.</summary>
    public static IReadOnlySet<string> Requested(IReadOnlyList<Payload> payloads) =>
        payloads.OfType<CertificateRequestPayload>()
            .Where(r => r.Encoding == CertificateEncoding.X509Signature)
            .SelectMany(r => r.AuthorityHashes)
            .Select(h => Convert.ToHexString(h.Span))
            .ToHashSet();

    /// <summary>
    /// The end entity and the intermediates up to, not including, the first CA the peer asked for; when it
    /// asked for none of ours, the first path we have, without its self-signed root.
    /// </summary>
    public static List<X509Certificate2> ChainToSend(LocalCertificate local, IReadOnlySet<string> requested)
    {
        List<X509Certificate2>? fallback = null;
        foreach (List<X509Certificate2> path in Paths(local, [local.Certificate]))
        {
            int trusted = path.FindIndex(1, c => requested.Contains(KeyHash(c)));
            if (trusted > 0)
            {
                return path[..trusted];
            }

            fallback ??= IsSelfIssued(path[^1]) && path.Count > 1 ? path[..^1] : path;
        }

        return fallback ?? [local.Certificate];
    }

    /// <summary>Every issuer path from the end entity through the configured chain, depth first.</summary>
    private static IEnumerable<List<X509Certificate2>> Paths(LocalCertificate local, List<X509Certificate2> path)
    {
        X509Certificate2 top = path[^1];
        X509Certificate2[] issuers = IsSelfIssued(top) || path.Count == MaxDepth
            ? []
            : [.. local.Chain.Where(c => c.SubjectName.RawData.AsSpan().SequenceEqual(top.IssuerName.RawData) && !path.Contains(c))];
        if (issuers.Length == 0)
        {
            yield return path;
            yield break;
        }

        foreach (X509Certificate2 issuer in issuers)
        {
            foreach (List<X509Certificate2> longer in Paths(local, [.. path, issuer]))
            {
                yield return longer;
            }
        }
    }

    public static bool IsSelfIssued(X509Certificate2 certificate) => certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
}
