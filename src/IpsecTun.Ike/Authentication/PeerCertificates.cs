using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Authentication;

/// <summary>
/// The X.509 certificates of a peer's CERT payloads: the first is its end entity (RFC 7296 §3.6), the
/// rest candidate intermediates. Other encodings are not used; a CERT that does not parse makes the set unusable.
/// </summary>
internal sealed class PeerCertificates : IDisposable
{
    private readonly List<X509Certificate2> _certificates;

    private PeerCertificates(List<X509Certificate2> certificates, string? error)
    {
        _certificates = certificates;
        Error = error;
    }

    /// <summary>The peer's own certificate; null when it sent none (or <see cref="Error"/> is set).</summary>
    public X509Certificate2? EndEntity => Error is null && _certificates.Count > 0 ? _certificates[0] : null;

    public IEnumerable<X509Certificate2> Intermediates => _certificates.Skip(1);

    /// <summary>Why the CERT payloads cannot be used, if they cannot.</summary>
    public string? Error { get; }

    public static PeerCertificates From(IReadOnlyList<Payload> payloads)
    {
        var certificates = new List<X509Certificate2>();
        foreach (CertificatePayload cert in payloads.OfType<CertificatePayload>())
        {
            if (cert.Encoding != CertificateEncoding.X509Signature)
            {
                continue;
            }

            try
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(cert.Data.Span));
            }
            catch (CryptographicException e)
            {
                return new PeerCertificates(certificates, $"peer sent a malformed certificate: {e.Message}");
            }
        }

        return new PeerCertificates(certificates, null);
    }

    public void Dispose() => _certificates.ForEach(c => c.Dispose());
}
