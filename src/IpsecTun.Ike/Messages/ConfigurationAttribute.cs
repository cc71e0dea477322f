using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace IpsecTun.Ike.Messages;

/// <summary>
/// A configuration attribute (RFC 7296 §3.15.1). A request carries most of them empty; the value sizes
/// of the RFC 7296 and RFC 8598 types are checked on parse and read by the typed accessors.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |R|         Attribute Type      |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// ~                             Value                             ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "RFC 7296 calls these attributes.")]
public sealed class ConfigurationAttribute
{
    private const int HeaderSize = 4;
    private const ushort TypeMask = 0x7fff;

    public ConfigurationAttribute(ConfigurationAttributeType type, ReadOnlyMemory<byte> value = default)
    {
        Type = (ConfigurationAttributeType)((ushort)type & TypeMask);
        Value = value;
    }

    public ConfigurationAttributeType Type { get; }

    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>INTERNAL_IP4_ADDRESS, _NETMASK, _DNS, _NBNS, _DHCP, or the IPv6 DNS and DHCP attributes.</summary>
    public static ConfigurationAttribute Address(ConfigurationAttributeType type, IPAddress address) => new(type, address.GetAddressBytes());

    /// <summary>INTERNAL_IP6_ADDRESS or INTERNAL_IP6_SUBNET: an address and a prefix length.</summary>
    public static ConfigurationAttribute Ip6Prefix(ConfigurationAttributeType type, IPAddress address, byte prefixLength) =>
        new(type, (byte[])[.. address.GetAddressBytes(), prefixLength]);

    /// <summary>INTERNAL_IP4_SUBNET: a split-include network and its mask.</summary>
    public static ConfigurationAttribute Ip4Subnet(IPAddress network, IPAddress mask) =>
        new(ConfigurationAttributeType.InternalIp4Subnet, (byte[])[.. network.GetAddressBytes(), .. mask.GetAddressBytes()]);

    /// <summary>INTERNAL_DNS_DOMAIN (RFC 8598 §4.1), as an ASCII domain name without the trailing dot.</summary>
    public static ConfigurationAttribute DnsDomain(string domain) => new(ConfigurationAttributeType.InternalDnsDomain, Encoding.ASCII.GetBytes(domain));

    public static ConfigurationAttribute ApplicationVersion(string version) => new(ConfigurationAttributeType.ApplicationVersion, Encoding.UTF8.GetBytes(version));

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out ConfigurationAttribute? attribute, out int consumed)
    {
        attribute = null;
        consumed = 0;
        if (data.Length < HeaderSize)
        {
            return false;
        }

        var type = (ConfigurationAttributeType)(BinaryPrimitives.ReadUInt16BigEndian(data) & TypeMask);
        int length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if (length > data.Length - HeaderSize)
        {
            return false;
        }

        ReadOnlySpan<byte> value = data.Slice(HeaderSize, length);
        if (!IsValidValue(type, value))
        {
            return false;
        }

        attribute = new ConfigurationAttribute(type, value.ToArray());
        consumed = HeaderSize + length;
        return true;
    }

    /// <summary>The address of a 4- or 16-byte address attribute, or the address part of an IPv6 prefix.</summary>
    public bool TryGetAddress([NotNullWhen(true)] out IPAddress? address)
    {
        address = Value.Length switch
        {
            4 or 16 => new IPAddress(Value.Span),
            17 => new IPAddress(Value.Span[..16]),
            _ => null,
        };
        return address is not null;
    }

    /// <summary>The prefix length of INTERNAL_IP6_ADDRESS or INTERNAL_IP6_SUBNET.</summary>
    public bool TryGetPrefixLength(out byte prefixLength)
    {
        prefixLength = Value.Length == 17 ? Value.Span[16] : (byte)0;
        return Value.Length == 17;
    }

    /// <summary>The network and mask of INTERNAL_IP4_SUBNET (a RouterOS split-include entry).</summary>
    public bool TryGetIp4Subnet([NotNullWhen(true)] out IPAddress? network, [NotNullWhen(true)] out IPAddress? mask)
    {
        bool isSubnet = Type == ConfigurationAttributeType.InternalIp4Subnet && Value.Length == 8;
        network = isSubnet ? new IPAddress(Value.Span[..4]) : null;
        mask = isSubnet ? new IPAddress(Value.Span[4..]) : null;
        return isSubnet;
    }

    /// <summary>The domain of INTERNAL_DNS_DOMAIN or the text of APPLICATION_VERSION.</summary>
    public bool TryGetText([NotNullWhen(true)] out string? text)
    {
        text = Type switch
        {
            ConfigurationAttributeType.InternalDnsDomain => Encoding.ASCII.GetString(Value.Span),
            ConfigurationAttributeType.ApplicationVersion => Encoding.UTF8.GetString(Value.Span),
            _ => null,
        };
        return text is not null;
    }

    public int GetSize() => HeaderSize + Value.Length;

    public int WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)Type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], checked((ushort)Value.Length));
        Value.Span.CopyTo(destination[HeaderSize..]);
        return GetSize();
    }

    /// <summary>Value sizes of RFC 7296 §3.15.1 and RFC 8598 §4: empty (a request) or the one size the type has.</summary>
    private static bool IsValidValue(ConfigurationAttributeType type, ReadOnlySpan<byte> value) => type switch
    {
        ConfigurationAttributeType.InternalIp4Address or ConfigurationAttributeType.InternalIp4Netmask or ConfigurationAttributeType.InternalIp4Dns
            or ConfigurationAttributeType.InternalIp4Nbns or ConfigurationAttributeType.InternalIp4Dhcp => value.Length is 0 or 4,
        ConfigurationAttributeType.InternalIp6Dns or ConfigurationAttributeType.InternalIp6Dhcp => value.Length is 0 or 16,
        ConfigurationAttributeType.InternalIp6Address or ConfigurationAttributeType.InternalIp6Subnet => value.Length is 0 or 17 && (value.IsEmpty || value[16] <= 128),
        ConfigurationAttributeType.InternalIp4Subnet => value.Length is 0 or 8,
        ConfigurationAttributeType.SupportedAttributes => value.Length % 2 == 0,
        ConfigurationAttributeType.InternalDnsDomain => IsDomainName(value),
        _ => true,
    };

    /// <summary>An empty request, or a name of LDH labels of 1 to 63 octets separated by single dots (RFC 8598 §4.1).</summary>
    private static bool IsDomainName(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return true;
        }

        int labelLength = 0;
        foreach (byte b in value)
        {
            if (b == (byte)'.')
            {
                if (labelLength == 0)
                {
                    return false;
                }

                labelLength = 0;
                continue;
            }

            bool isLdh = b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_';
            if (!isLdh || ++labelLength > 63)
            {
                return false;
            }
        }

        return labelLength > 0 && value.Length <= 253;
    }
}
