using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IpsecTun.Ike.Messages;

/// <summary>
/// The Identification payloads IDi and IDr (RFC 7296 §3.5). The data is kept as sent, since AUTH is
/// computed over it; the typed accessors read the common ID types.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   ID Type     |                 RESERVED                      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// ~                   Identification Data                         ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class IdentificationPayload : Payload
{
    private const int FixedSize = 4;

    public IdentificationPayload(PayloadType type, IdentificationType idType, ReadOnlyMemory<byte> data)
        : base(type is PayloadType.IdInitiator or PayloadType.IdResponder ? type : throw new ArgumentOutOfRangeException(nameof(type)))
    {
        IdType = idType;
        Data = data;
    }

    public IdentificationType IdType { get; }

    public ReadOnlyMemory<byte> Data { get; }

    public static IdentificationPayload FromAddress(PayloadType type, IPAddress address) =>
        new(type, address.AddressFamily == AddressFamily.InterNetwork ? IdentificationType.Ipv4Address : IdentificationType.Ipv6Address,
            address.GetAddressBytes());

    public static IdentificationPayload FromText(PayloadType type, IdentificationType idType, string text) =>
        new(type, idType, Encoding.ASCII.GetBytes(text));

    /// <summary>Parses IDi or IDr; which one is known only from the previous payload's Next Payload field.</summary>
    public static bool TryParse(PayloadType type, ReadOnlySpan<byte> data, [NotNullWhen(true)] out IdentificationPayload? payload, out int consumed)
    {
        if (type is not (PayloadType.IdInitiator or PayloadType.IdResponder))
        {
            payload = null;
            consumed = 0;
            return false;
        }

        return PayloadHeader.TryParsePayload(data, body => ParseBody(type, body), out payload, out consumed);
    }

    /// <summary>The address of an ID_IPV4_ADDR or ID_IPV6_ADDR.</summary>
    public bool TryGetAddress([NotNullWhen(true)] out IPAddress? address)
    {
        address = IdType is IdentificationType.Ipv4Address or IdentificationType.Ipv6Address ? new IPAddress(Data.Span) : null;
        return address is not null;
    }

    /// <summary>The text of an ID_FQDN or ID_RFC822_ADDR.</summary>
    public bool TryGetText([NotNullWhen(true)] out string? text)
    {
        text = IdType is IdentificationType.Fqdn or IdentificationType.Rfc822Address ? Encoding.ASCII.GetString(Data.Span) : null;
        return text is not null;
    }

    public override int GetBodySize() => FixedSize + Data.Length;

    public override void WriteBody(Span<byte> destination)
    {
        destination[0] = (byte)IdType;
        destination[1..FixedSize].Clear();
        Data.Span.CopyTo(destination[FixedSize..]);
    }

    private static IdentificationPayload? ParseBody(PayloadType type, ReadOnlySpan<byte> body)
    {
        if (body.Length < FixedSize)
        {
            return null;
        }

        var idType = (IdentificationType)body[0];
        ReadOnlySpan<byte> data = body[FixedSize..];
        bool valid = idType switch
        {
            IdentificationType.Ipv4Address => data.Length == 4,
            IdentificationType.Ipv6Address => data.Length == 16,
            IdentificationType.Fqdn or IdentificationType.Rfc822Address => !data.IsEmpty && Ascii.IsValid(data),
            IdentificationType.Null => true,
            _ => !data.IsEmpty,
        };
        return valid ? new IdentificationPayload(type, idType, data.ToArray()) : null;
    }
}
