using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace IpsecTun.Ike.Messages;

/// <summary>
/// One traffic selector (RFC 7296 §3.13.1): an address range, an IP protocol (0 = any) and a port
/// range. Selector types other than the two address ranges keep their body in <see cref="OtherData"/>.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   TS Type     |IP Protocol ID*|       Selector Length         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Start Port*         |           End Port*           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                         Starting Address*                     ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                         Ending Address*                       ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class TrafficSelector
{
    private const int HeaderSize = 4;
    private const int RangeHeaderSize = 8;

    private TrafficSelector(TrafficSelectorType type, byte protocol, ushort startPort, ushort endPort, IPAddress? start, IPAddress? end, ReadOnlyMemory<byte> otherData)
    {
        Type = type;
        Protocol = protocol;
        StartPort = startPort;
        EndPort = endPort;
        StartAddress = start;
        EndAddress = end;
        OtherData = otherData;
    }

    public TrafficSelectorType Type { get; }

    /// <summary>IP protocol number, 0 for any.</summary>
    public byte Protocol { get; }

    public ushort StartPort { get; }

    public ushort EndPort { get; }

    public IPAddress? StartAddress { get; }

    public IPAddress? EndAddress { get; }

    /// <summary>The selector body after the first four octets, for types other than the address ranges.</summary>
    public ReadOnlyMemory<byte> OtherData { get; }

    public bool IsAddressRange => Type is TrafficSelectorType.Ipv4AddressRange or TrafficSelectorType.Ipv6AddressRange;

    /// <summary>An address range; both addresses of one family, start ≤ end, start port ≤ end port (or the OPAQUE 65535/0).</summary>
    public static TrafficSelector AddressRange(IPAddress start, IPAddress end, byte protocol = 0, ushort startPort = 0, ushort endPort = ushort.MaxValue)
    {
        if (start.AddressFamily != end.AddressFamily)
        {
            throw new ArgumentException("Both ends of a range need the same address family.", nameof(end));
        }

        TrafficSelectorType type = start.AddressFamily == AddressFamily.InterNetwork ? TrafficSelectorType.Ipv4AddressRange : TrafficSelectorType.Ipv6AddressRange;
        return new TrafficSelector(type, protocol, startPort, endPort, start, end, default);
    }

    public static TrafficSelector Other(TrafficSelectorType type, byte secondOctet, ReadOnlyMemory<byte> data) =>
        new(type, secondOctet, 0, 0, null, null, data);

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out TrafficSelector? selector, out int consumed)
    {
        selector = null;
        consumed = 0;
        if (data.Length < HeaderSize)
        {
            return false;
        }

        var type = (TrafficSelectorType)data[0];
        int length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if (length < HeaderSize || length > data.Length)
        {
            return false;
        }

        int addressSize = type switch
        {
            TrafficSelectorType.Ipv4AddressRange => 4,
            TrafficSelectorType.Ipv6AddressRange => 16,
            _ => 0,
        };
        if (addressSize == 0)
        {
            selector = Other(type, data[1], data[HeaderSize..length].ToArray());
            consumed = length;
            return true;
        }

        if (length != RangeHeaderSize + (2 * addressSize))
        {
            return false;
        }

        selector = new TrafficSelector(
            type,
            data[1],
            BinaryPrimitives.ReadUInt16BigEndian(data[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(data[6..]),
            new IPAddress(data.Slice(RangeHeaderSize, addressSize)),
            new IPAddress(data.Slice(RangeHeaderSize + addressSize, addressSize)),
            default);
        consumed = length;
        return true;
    }

    public int GetSize() => Type switch
    {
        TrafficSelectorType.Ipv4AddressRange => RangeHeaderSize + 8,
        TrafficSelectorType.Ipv6AddressRange => RangeHeaderSize + 32,
        _ => HeaderSize + OtherData.Length,
    };

    public int WriteTo(Span<byte> destination)
    {
        int size = GetSize();
        destination[0] = (byte)Type;
        destination[1] = Protocol;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], checked((ushort)size));
        if (!IsAddressRange)
        {
            OtherData.Span.CopyTo(destination[HeaderSize..]);
            return size;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], StartPort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], EndPort);
        int addressSize = (size - RangeHeaderSize) / 2;
        StartAddress!.TryWriteBytes(destination[RangeHeaderSize..], out _);
        EndAddress!.TryWriteBytes(destination[(RangeHeaderSize + addressSize)..], out _);
        return size;
    }

    public override string ToString() => IsAddressRange
        ? $"{StartAddress}-{EndAddress} proto {Protocol} ports {StartPort}-{EndPort}"
        : $"{Type}";
}
