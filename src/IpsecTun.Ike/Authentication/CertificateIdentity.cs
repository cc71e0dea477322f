using System.Net;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Authentication;

/// <summary>
/// Whether a peer's ID names its certificate (RFC 7296 §3.5, RFC 4945 §3.1): an ID_DER_ASN1_DN is the
/// subject, an ID_FQDN a dNSName, an ID_RFC822_ADDR an rfc822Name and an IP address ID an iPAddress of
/// the subjectAltName, and an ID_KEY_ID the certificate's subjectKeyIdentifier (as strongSwan matches key IDs);
/// names compare without regard to ASCII case.
/// </summary>
internal static class CertificateIdentity
{
    public static bool Matches(IdentificationPayload id, X509Certificate2 certificate, [NotNullWhen(false)] out string? reason)
    {
        string described = new IkeIdentity(id.IdType, id.Data).Describe();
        SubjectAltNames names = SubjectAltNames.Of(certificate);
        bool matches = id.IdType switch
        {
            IdentificationType.DerAsn1Dn => DistinguishedNames.Same(id.Data.Span, certificate.SubjectName.RawData),
            IdentificationType.Fqdn => id.TryGetText(out string? fqdn) && names.DnsNames.Any(n => string.Equals(n, fqdn, StringComparison.OrdinalIgnoreCase)),
            IdentificationType.Rfc822Address => id.TryGetText(out string? email) && names.Emails.Any(n => string.Equals(n, email, StringComparison.OrdinalIgnoreCase)),
            IdentificationType.Ipv4Address or IdentificationType.Ipv6Address => id.TryGetAddress(out IPAddress? address) && names.Addresses.Contains(address),
            IdentificationType.KeyId => certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>()
                .Any(k => k.SubjectKeyIdentifierBytes.Span.SequenceEqual(id.Data.Span)),
            _ => false,
        };
        reason = matches ? null
            : id.IdType == IdentificationType.DerAsn1Dn ? $"ID {described} does not match certificate subject {certificate.Subject}"
            : id.IdType is IdentificationType.Fqdn or IdentificationType.Rfc822Address or IdentificationType.Ipv4Address or IdentificationType.Ipv6Address
                ? $"ID {described} does not match certificate SAN ({Describe(names)})"
            : id.IdType == IdentificationType.KeyId ? $"ID {described} is not the subjectKeyIdentifier of certificate {certificate.Subject}"
            : $"ID {described} cannot be checked against a certificate";
        return matches;
    }

    private static string Describe(SubjectAltNames names) => names.IsEmpty
        ? "none"
        : string.Join(", ", names.DnsNames.Concat(names.Emails).Concat(names.Addresses.Select(a => a.ToString())));
}
