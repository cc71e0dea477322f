using System.Security.Cryptography.X509Certificates;
using IpsecTun.Eap.Methods.Ttls;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap;

/// <summary>
/// What the TLS-based methods (EAP-TLS, EAP-TTLS, PEAP) need besides a password: the certificate authorities
/// that vouch for the other side, our own certificate, and for the tunnelled methods the inner method. The
/// peer and the server each take one; the certificates stay owned by the caller.
/// </summary>
public sealed class EapTlsSettings
{
    /// <summary>The certificate authorities the other side's chain must end in (its name is not consulted for a client).</summary>
    public required X509Certificate2Collection TrustedAuthorities { get; init; }

    /// <summary>
    /// At the peer, the name the server certificate must carry (a DNS subjectAltName, as RFC 6125 matches it);
    /// null accepts any certificate the authorities vouch for. Also sent as SNI.
    /// </summary>
    public string? ServerName { get; init; }

    /// <summary>Our certificate with its private key (RSA or ECDSA): the server's always, the peer's for EAP-TLS.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Intermediate certificates sent after <see cref="Certificate"/>.</summary>
    public X509Certificate2Collection IntermediateCertificates { get; init; } = [];

    /// <summary>Whether EAP-TLS may negotiate TLS 1.3 (RFC 9190); EAP-TTLS and PEAP always use TLS 1.2.</summary>
    public bool AllowTls13 { get; init; } = true;

    /// <summary>
    /// At the peer, the identity sent in the clear in the EAP-Identity Response (such as "anonymous@realm"),
    /// so that only the tunnel of EAP-TTLS or PEAP carries the user's name; null sends the user's name.
    /// </summary>
    public string? OuterIdentity { get; init; }

    /// <summary>The most TLS data one EAP packet carries before the message is fragmented (RFC 5216 §2.1.5).</summary>
    public int MaxFragmentSize { get; init; } = 1000;

    /// <summary>At the peer, how EAP-TTLS authenticates the user inside the tunnel.</summary>
    public TtlsInnerMethod TtlsInnerMethod { get; init; } = TtlsInnerMethod.MsChapV2;

    /// <summary>
    /// The EAP methods run inside EAP-TTLS (with <see cref="TtlsInnerMethod.Eap"/>) and PEAP: at the peer the
    /// acceptable ones, at the server the ones offered, most preferred first. EAP-TLS inside uses these same
    /// settings; EAP-TTLS and PEAP cannot be nested.
    /// </summary>
    public IReadOnlyList<EapType> InnerEapMethods { get; init; } = [EapType.MsChapV2];
}
