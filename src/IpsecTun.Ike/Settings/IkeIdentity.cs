using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IpsecTun.Ike.Authentication;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Settings;

/// <summary>An IKE identity (ID payload contents): its type and the raw identification data.</summary>
public sealed class IkeIdentity
{
    public IkeIdentity(IdentificationType type, ReadOnlyMemory<byte> data)
    {
        Type = type;
        Data = data;
    }

    public IdentificationType Type { get; }

    public ReadOnlyMemory<byte> Data { get; }

    public static IkeIdentity FromAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        IdentificationPayload payload = IdentificationPayload.FromAddress(PayloadType.IdInitiator, address);
        return new IkeIdentity(payload.IdType, payload.Data);
    }

    public static IkeIdentity FromFqdn(string fqdn) => new(IdentificationType.Fqdn, Encoding.ASCII.GetBytes(fqdn));

    /// <summary>An ID_RFC822_ADDR (user-fqdn), such as user@example.com.</summary>
    public static IkeIdentity FromEmail(string address) => new(IdentificationType.Rfc822Address, Encoding.ASCII.GetBytes(address));

    /// <summary>An ID_DER_ASN1_DN carrying the DER of <paramref name="name"/>.</summary>
    public static IkeIdentity FromDistinguishedName(X500DistinguishedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new IkeIdentity(IdentificationType.DerAsn1Dn, name.RawData);
    }

    /// <summary>
    /// The ID my-id=auto picks for a certificate: its first subjectAltName (DNS name, then e-mail, then
    /// IP address), or its subject DN when it has none.
    /// </summary>
    public static IkeIdentity FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        SubjectAltNames names = SubjectAltNames.Of(certificate);
        return names.DnsNames.Count > 0 ? FromFqdn(names.DnsNames[0])
            : names.Emails.Count > 0 ? FromEmail(names.Emails[0])
            : names.Addresses.Count > 0 ? FromAddress(names.Addresses[0])
            : FromDistinguishedName(certificate.SubjectName);
    }

    public IdentificationPayload ToPayload(PayloadType type) => new(type, Type, Data);

    /// <summary>
    /// Whether <paramref name="payload"/> is this identity, as an ID check against a configured remote ID needs: the
    /// same type and data, a distinguished name compared as a name (see <see cref="DistinguishedNames"/>).
    /// </summary>
    public bool Matches(IdentificationPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload.IdType == Type
            && (Type == IdentificationType.DerAsn1Dn ? DistinguishedNames.Same(payload.Data.Span, Data.Span) : payload.Data.Span.SequenceEqual(Data.Span));
    }

    public override string ToString() => Type switch
    {
        IdentificationType.Fqdn or IdentificationType.Rfc822Address => Encoding.ASCII.GetString(Data.Span),
        IdentificationType.Ipv4Address or IdentificationType.Ipv6Address => new IPAddress(Data.Span).ToString(),
        IdentificationType.DerAsn1Dn => DistinguishedNameText(Data.Span),
        _ => $"{Type}:{Convert.ToHexString(Data.Span)}",
    };

    /// <summary>The ID with its type, as failure logs show it: fqdn:gw.example.com, email:…, ip:…, dn:CN=….</summary>
    public string Describe() => Type switch
    {
        IdentificationType.Fqdn => "fqdn:" + this,
        IdentificationType.Rfc822Address => "email:" + this,
        IdentificationType.Ipv4Address or IdentificationType.Ipv6Address => "ip:" + this,
        IdentificationType.DerAsn1Dn => "dn:" + this,
        _ => ToString(),
    };

    private static string DistinguishedNameText(ReadOnlySpan<byte> der)
    {
        try
        {
            return new X500DistinguishedName(der).Name;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return "(malformed DN) " + Convert.ToHexString(der);
        }
    }
}
