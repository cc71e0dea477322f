using System.Buffers.Binary;

namespace IpsecTun.Esp;

/// <summary>
/// The AH format (RFC 4302 §2) and the fields of the IP header that change in transit, which enter the ICV
/// as zeros (§3.3.3.1).
/// <code>
/// | Next Header   |  Payload Len  |          RESERVED             |
/// |                 Security Parameters Index (SPI)               |
/// |                    Sequence Number Field                      |
/// |                Integrity Check Value-ICV (variable)           |
/// </code>
/// </summary>
internal static class AhLayout
{
    public const int FixedLength = 12;

    /// <summary>The header length: the ICV field is padded to 32 bits over IPv4 and 64 bits over IPv6 (§2.6).</summary>
    public static int HeaderLength(int icvSize, byte ipVersion)
    {
        int alignment = ipVersion == 4 ? 4 : 8;
        int length = FixedLength + icvSize;
        return (length + alignment - 1) / alignment * alignment;
    }

    /// <summary>Payload Len: the header length in 32-bit words minus 2.</summary>
    public static byte PayloadLength(int headerLength) => (byte)(headerLength / 4 - 2);

    public static int HeaderLengthOf(byte payloadLength) => (payloadLength + 2) * 4;

    /// <summary>
    /// The IPv4 header's TOS, flags and fragment offset, TTL and checksum (bytes 1, 6-8, 10-11), or the
    /// IPv6 header's traffic class, flow label and hop limit, saved in 8 bytes.
    /// </summary>
    public static ulong SaveMutable(ReadOnlySpan<byte> ip) => ip[0] >> 4 == 4
        ? ((ulong)ip[1] << 48) | ((ulong)BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) << 32) | ((ulong)ip[8] << 16) | BinaryPrimitives.ReadUInt16BigEndian(ip[10..])
        : ((ulong)BinaryPrimitives.ReadUInt32BigEndian(ip) << 8) | ip[7];

    public static void ZeroMutable(Span<byte> ip)
    {
        if (ip[0] >> 4 == 4)
        {
            ip[1] = 0;
            ip[6] = 0;
            ip[7] = 0;
            ip[8] = 0;
            ip[10] = 0;
            ip[11] = 0;
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(ip, 0x6000_0000);
            ip[7] = 0;
        }
    }

    public static void RestoreMutable(Span<byte> ip, ulong saved)
    {
        if (ip[0] >> 4 == 4)
        {
            ip[1] = (byte)(saved >> 48);
            BinaryPrimitives.WriteUInt16BigEndian(ip[6..], (ushort)(saved >> 32));
            ip[8] = (byte)(saved >> 16);
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], (ushort)saved);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(ip, (uint)(saved >> 8));
            ip[7] = (byte)saved;
        }
    }
}
