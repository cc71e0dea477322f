using System.Buffers.Binary;

namespace IpsecTun.Core;

/// <summary>
/// Lowers the maximum segment size a TCP SYN announces (RFC 9293 §3.7.1) so that the connection's
/// segments fit the tunnel without fragmentation, for senders whose path MTU discovery does not work.
/// The option is rewritten in place and the TCP checksum updated incrementally (RFC 1624). Nothing
/// here throws; anything malformed is left alone.
/// </summary>
public static class TcpMss
{
    private const int TcpHeaderLength = 20;
    private const byte Syn = 0x02;
    private const byte OptionEnd = 0;
    private const byte OptionNop = 1;
    private const byte OptionMss = 2;

    /// <summary>The largest MSS whose segments fit <paramref name="mtu"/>: minus the IP header (20 or 40) and the TCP header (20).</summary>
    public static int ForMtu(int mtu, byte ipVersion) => mtu - (ipVersion == 6 ? Ipv6Header.Length : Ipv4Header.MinLength) - TcpHeaderLength;

    /// <summary>
    /// True when <paramref name="packet"/> (an IPv4 or IPv6 packet) is a TCP SYN or SYN-ACK whose MSS
    /// option exceeded <paramref name="maximum"/> and now says <paramref name="maximum"/>.
    /// </summary>
    public static bool TryClamp(Span<byte> packet, ushort maximum)
    {
        if (!TryFindTcp(packet, out int tcp, out int end) || end - tcp < TcpHeaderLength || (packet[tcp + 13] & Syn) == 0)
        {
            return false;
        }

        int dataOffset = (packet[tcp + 12] >> 4) * 4;
        if (dataOffset < TcpHeaderLength || tcp + dataOffset > end)
        {
            return false;
        }

        int option = tcp + TcpHeaderLength;
        int optionsEnd = tcp + dataOffset;
        while (option < optionsEnd)
        {
            byte kind = packet[option];
            if (kind == OptionEnd)
            {
                return false;
            }

            if (kind == OptionNop)
            {
                option++;
                continue;
            }

            if (option + 1 >= optionsEnd)
            {
                return false;
            }

            int length = packet[option + 1];
            if (length < 2 || option + length > optionsEnd)
            {
                return false;
            }

            if (kind == OptionMss && length == 4)
            {
                return Lower(packet, tcp, option + 2, maximum);
            }

            option += length;
        }

        return false;
    }

    private static bool Lower(Span<byte> packet, int tcp, int valueOffset, ushort maximum)
    {
        if (BinaryPrimitives.ReadUInt16BigEndian(packet[valueOffset..]) <= maximum)
        {
            return false;
        }

        // The checksum sums words at even offsets from the TCP header; after an odd number of NOPs the
        // value straddles two of them, and each changed word is updated.
        int first = valueOffset - ((valueOffset - tcp) & 1);
        int words = first == valueOffset ? 1 : 2;
        Span<ushort> before = stackalloc ushort[2];
        for (int i = 0; i < words; i++)
        {
            before[i] = BinaryPrimitives.ReadUInt16BigEndian(packet[(first + (2 * i))..]);
        }

        BinaryPrimitives.WriteUInt16BigEndian(packet[valueOffset..], maximum);
        Span<byte> checksumField = packet.Slice(tcp + 16, 2);
        ushort checksum = BinaryPrimitives.ReadUInt16BigEndian(checksumField);
        for (int i = 0; i < words; i++)
        {
            checksum = IncrementalChecksum.Update(checksum, before[i], BinaryPrimitives.ReadUInt16BigEndian(packet[(first + (2 * i))..]));
        }

        BinaryPrimitives.WriteUInt16BigEndian(checksumField, checksum);
        return true;
    }

    /// <summary>The TCP header's offset and the end of the IP payload, for whole (unfragmented or first-fragment) TCP packets.</summary>
    private static bool TryFindTcp(ReadOnlySpan<byte> packet, out int tcp, out int end)
    {
        tcp = 0;
        end = 0;
        if (packet.Length < Ipv4Header.MinLength)
        {
            return false;
        }

        if (packet[0] >> 4 == 4)
        {
            int headerLength = (packet[0] & 0xF) * 4;
            end = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
            tcp = headerLength;
            return headerLength >= Ipv4Header.MinLength && end >= headerLength && end <= packet.Length
                && packet[9] == IpProtocol.Tcp && (BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) & 0x1FFF) == 0;
        }

        if (packet[0] >> 4 != 6 || packet.Length < Ipv6Header.Length)
        {
            return false;
        }

        end = Ipv6Header.Length + BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        return end <= packet.Length && Ipv6UpperLayer.TryFind(packet, end, out byte protocol, out tcp) && protocol == IpProtocol.Tcp;
    }
}
