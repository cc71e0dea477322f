using System.Buffers.Binary;

namespace IpsecTun.Core;

/// <summary>
/// A view of the fixed IPv6 header (RFC 8200 §3) at the start of a packet, read and written in place.
/// <code>
/// |Version| Traffic Class |           Flow Label                  |
/// |         Payload Length        |  Next Header  |   Hop Limit   |
/// |                     Source Address (128 bits)                 |
/// |                  Destination Address (128 bits)               |
/// </code>
/// </summary>
public readonly ref struct Ipv6Header
{
    public const int Length = 40;
    public const int AddressLength = 16;

    private readonly Span<byte> _bytes;

    private Ipv6Header(Span<byte> bytes) => _bytes = bytes;

    /// <summary>Accepts a packet whose version is 6 and whose payload length fits in <paramref name="packet"/>.</summary>
    public static bool TryRead(Span<byte> packet, out Ipv6Header header)
    {
        header = default;
        if (packet.Length < Length || packet[0] >> 4 != 6
            || BinaryPrimitives.ReadUInt16BigEndian(packet[4..]) > packet.Length - Length)
        {
            return false;
        }

        header = new Ipv6Header(packet);
        return true;
    }

    public static Ipv6Header Write(
        Span<byte> packet, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, byte nextHeader, int payloadLength,
        byte hopLimit = 64)
    {
        BinaryPrimitives.WriteUInt32BigEndian(packet, 0x6000_0000);
        BinaryPrimitives.WriteUInt16BigEndian(packet[4..], (ushort)payloadLength);
        packet[6] = nextHeader;
        packet[7] = hopLimit;
        source.CopyTo(packet[8..24]);
        destination.CopyTo(packet[24..40]);
        return new Ipv6Header(packet);
    }

    /// <summary>Version, traffic class and flow label as one word.</summary>
    public uint VersionClassFlow
    {
        get => BinaryPrimitives.ReadUInt32BigEndian(_bytes);
        set => BinaryPrimitives.WriteUInt32BigEndian(_bytes, value);
    }

    public int PayloadLength
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes[4..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_bytes[4..], (ushort)value);
    }

    public byte NextHeader
    {
        get => _bytes[6];
        set => _bytes[6] = value;
    }

    public byte HopLimit
    {
        get => _bytes[7];
        set => _bytes[7] = value;
    }

    public Span<byte> Source => _bytes.Slice(8, AddressLength);

    public Span<byte> Destination => _bytes.Slice(24, AddressLength);

    public Span<byte> Bytes => _bytes[..Length];

    public Span<byte> Payload => _bytes.Slice(Length, PayloadLength);

    public int TotalLength => Length + PayloadLength;
}
