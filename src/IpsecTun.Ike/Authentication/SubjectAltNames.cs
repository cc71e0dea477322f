using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace IpsecTun.Ike.Authentication;

/// <summary>
/// The dNSName, rfc822Name and iPAddress entries of a certificate's subjectAltName (RFC 5280 §4.2.1.6),
/// the names an FQDN, RFC 822 or IP address ID is checked against.
/// </summary>
internal sealed class SubjectAltNames
{
    private const string ExtensionOid = "2.5.29.17";
    private static readonly Asn1Tag Rfc822Name = new(TagClass.ContextSpecific, 1);
    private static readonly Asn1Tag DnsName = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag IpAddress = new(TagClass.ContextSpecific, 7);

    private SubjectAltNames(List<string> dnsNames, List<string> emails, List<IPAddress> addresses)
    {
        DnsNames = dnsNames;
        Emails = emails;
        Addresses = addresses;
    }

    public IReadOnlyList<string> DnsNames { get; }

    public IReadOnlyList<string> Emails { get; }

    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>The names of <paramref name="certificate"/>; empty when it has no (readable) subjectAltName.</summary>
    public static SubjectAltNames Of(X509Certificate2 certificate)
    {
        List<string> dnsNames = [];
        List<string> emails = [];
        List<IPAddress> addresses = [];
        if (certificate.Extensions[ExtensionOid] is { } extension)
        {
            try
            {
                var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
                while (names.HasData)
                {
                    Asn1Tag tag = names.PeekTag();
                    if (tag == DnsName)
                    {
                        dnsNames.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, DnsName));
                    }
                    else if (tag == Rfc822Name)
                    {
                        emails.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, Rfc822Name));
                    }
                    else if (tag == IpAddress && names.ReadOctetString(IpAddress) is { Length: 4 or 16 } address)
                    {
                        addresses.Add(new IPAddress(address));
                    }
                    else
                    {
                        names.ReadEncodedValue();
                    }
                }
            }
            catch (AsnContentException)
            {
                // A malformed extension names nothing, so no ID can match it.
                return new SubjectAltNames([], [], []);
            }
        }

        return new SubjectAltNames(dnsNames, emails, addresses);
    }

    public bool IsEmpty => DnsNames.Count == 0 && Emails.Count == 0 && Addresses.Count == 0;
}
