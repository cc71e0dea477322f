using System.Buffers.Binary;

namespace IpsecTun.Core;

/// <summary>
/// A view of an IPv4 header (RFC 791) at the start of a packet, read and written in place.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// |Version|  IHL  |Type of Service|          Total Length         |
/// |         Identification        |Flags|      Fragment Offset    |
/// |  Time to Live |    Protocol   |         Header Checksum       |
/// |                       Source Address                          |
/// |                    Destination Address                        |
/// </code>
/// </summary>
public readonly ref struct Ipv4Header
{
    public const int MinLength = 20;
    public const int AddressLength = 4;

    private readonly Span<byte> _bytes;

    private Ipv4Header(Span<byte> bytes) => _bytes = bytes;

    /// <summary>
    /// Accepts a packet whose version is 4, whose header length is at least 20 and fits, and whose total
    /// length covers the header and does not exceed <paramref name="packet"/>.
    /// </summary>
    public static bool TryRead(Span<byte> packet, out Ipv4Header header)
    {
        header = default;
        if (packet.Length < MinLength || packet[0] >> 4 != 4)
        {
            return false;
        }

        int headerLength = (packet[0] & 0xF) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (headerLength < MinLength || totalLength < headerLength || totalLength > packet.Length)
        {
            return false;
        }

        header = new Ipv4Header(packet);
        return true;
    }

    /// <summary>Writes a 20-byte header without options, with its checksum, and returns its view.</summary>
    public static Ipv4Header Write(
        Span<byte> packet, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, byte protocol, int totalLength,
        byte ttl = 64, byte tos = 0, ushort identification = 0)
    {
        packet[0] = 0x45;
        packet[1] = tos;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)totalLength);
        BinaryPrimitives.WriteUInt16BigEndian(packet[4..], identification);
        BinaryPrimitives.WriteUInt16BigEndian(packet[6..], 0x4000); // DF: tunnels rely on PMTU discovery
        packet[8] = ttl;
        packet[9] = protocol;
        source.CopyTo(packet[12..16]);
        destination.CopyTo(packet[16..20]);
        var header = new Ipv4Header(packet);
        header.UpdateChecksum();
        return header;
    }

    public int HeaderLength => (_bytes[0] & 0xF) * 4;

    public byte TypeOfService
    {
        get => _bytes[1];
        set => _bytes[1] = value;
    }

    public int TotalLength
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_bytes[2..], (ushort)value);
    }

    public ushort Identification => BinaryPrimitives.ReadUInt16BigEndian(_bytes[4..]);

    /// <summary>Flags and fragment offset as one word.</summary>
    public ushort FlagsAndFragmentOffset
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_bytes[6..], value);
    }

    /// <summary>True for any fragment but a whole datagram (MF set or a non-zero offset).</summary>
    public bool IsFragment => (FlagsAndFragmentOffset & 0x3FFF) != 0;

    public byte TimeToLive
    {
        get => _bytes[8];
        set => _bytes[8] = value;
    }

    public byte Protocol
    {
        get => _bytes[9];
        set => _bytes[9] = value;
    }

    public ushort Checksum
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes[10..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_bytes[10..], value);
    }

    public Span<byte> Source => _bytes.Slice(12, AddressLength);

    public Span<byte> Destination => _bytes.Slice(16, AddressLength);

    /// <summary>The header including options.</summary>
    public Span<byte> Bytes => _bytes[..HeaderLength];

    /// <summary>What follows the header, up to the total length.</summary>
    public Span<byte> Payload => _bytes[HeaderLength..TotalLength];

    public bool IsChecksumValid => InternetChecksum.IsValid(Bytes);

    public void UpdateChecksum()
    {
        Checksum = 0;
        Checksum = InternetChecksum.Compute(Bytes);
    }
}
