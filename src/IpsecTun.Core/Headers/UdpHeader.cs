using System.Buffers.Binary;

namespace IpsecTun.Core;

/// <summary>A view of a UDP header (RFC 768), read and written in place.</summary>
public readonly ref struct UdpHeader
{
    public const int Length = 8;

    private readonly Span<byte> _bytes;

    private UdpHeader(Span<byte> bytes) => _bytes = bytes;

    /// <summary>Accepts a datagram whose length field covers the header and fits in <paramref name="datagram"/>.</summary>
    public static bool TryRead(Span<byte> datagram, out UdpHeader header)
    {
        header = default;
        if (datagram.Length < Length)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]);
        if (length < Length || length > datagram.Length)
        {
            return false;
        }

        header = new UdpHeader(datagram);
        return true;
    }

    /// <summary>Writes a header with a zero checksum.</summary>
    public static UdpHeader Write(Span<byte> datagram, ushort sourcePort, ushort destinationPort, int length)
    {
        BinaryPrimitives.WriteUInt16BigEndian(datagram, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram[4..], (ushort)length);
        BinaryPrimitives.WriteUInt16BigEndian(datagram[6..], 0);
        return new UdpHeader(datagram);
    }

    public ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(_bytes);

    public ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);

    /// <summary>Header plus payload, from the length field.</summary>
    public int DatagramLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes[4..]);

    public ushort Checksum
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_bytes[6..], value);
    }

    public Span<byte> Payload => _bytes[Length..DatagramLength];

    /// <summary>Computes the checksum over the pseudo-header of the given addresses (4 or 16 bytes each).</summary>
    public void UpdateChecksum(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        Checksum = 0;
        ulong sum = InternetChecksum.PseudoHeader(source, destination, IpProtocol.Udp, DatagramLength);
        ushort checksum = InternetChecksum.Finish(InternetChecksum.Add(sum, _bytes[..DatagramLength]));
        Checksum = checksum == 0 ? (ushort)0xFFFF : checksum; // RFC 768: a computed zero is sent as all ones
    }
}
