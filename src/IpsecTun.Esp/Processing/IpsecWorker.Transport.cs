using System.Buffers.Binary;
using IpsecTun.Core;

namespace IpsecTun.Esp;

/// <summary>Transport mode: the ESP or AH header goes between the IP header and its payload, so the IP header moves.</summary>
public sealed partial class IpsecWorker
{
    /// <summary>
    /// The ESP/AH next header of an outbound packet: IPv4 or IPv6 in tunnel mode, where nothing of the
    /// packet stays in front (<paramref name="headerLength"/> 0), or the protocol behind the IP header in
    /// transport mode.
    /// </summary>
    private static bool TryGetNextHeader(Span<byte> packet, SecurityAssociation sa, out int headerLength, out byte nextHeader)
    {
        if (sa.Mode == SaMode.Transport)
        {
            return TryGetTransportHeader(packet, sa, out headerLength, out nextHeader);
        }

        headerLength = 0;
        nextHeader = packet.IsEmpty ? (byte)0 : (packet[0] >> 4) switch
        {
            4 => IpProtocol.Ipv4,
            6 => IpProtocol.Ipv6,
            _ => (byte)0,
        };
        return nextHeader != 0;
    }

    /// <summary>
    /// Reads the IP header of an outbound transport-mode packet. Only packets between the SA's own
    /// addresses qualify (the manual's Policies section), and for IPv6 only those without extension
    /// headers before the payload, since ESP and AH would go after them.
    /// </summary>
    private static bool TryGetTransportHeader(Span<byte> packet, SecurityAssociation sa, out int headerLength, out byte protocol)
    {
        headerLength = 0;
        protocol = 0;
        if (sa.Version == 4)
        {
            if (!Ipv4Header.TryRead(packet, out Ipv4Header ip) || ip.HeaderLength != Ipv4Header.MinLength
                || !ip.Source.SequenceEqual(sa.SourceBytes) || !ip.Destination.SequenceEqual(sa.DestinationBytes))
            {
                return false;
            }

            headerLength = Ipv4Header.MinLength;
            protocol = ip.Protocol;
            return ip.TotalLength == packet.Length;
        }

        if (!Ipv6Header.TryRead(packet, out Ipv6Header ip6) || ip6.TotalLength != packet.Length
            || !ip6.Source.SequenceEqual(sa.SourceBytes) || !ip6.Destination.SequenceEqual(sa.DestinationBytes)
            || ip6.NextHeader is IpProtocol.HopByHop or IpProtocol.Ipv6Routing or IpProtocol.Ipv6Fragment or IpProtocol.Ipv6DestinationOptions)
        {
            return false;
        }

        headerLength = Ipv6Header.Length;
        protocol = ip6.NextHeader;
        return true;
    }

    /// <summary>Opens a gap of <paramref name="gap"/> bytes after the IP header by moving the header forward into the headroom.</summary>
    private static void OpenAfterIpHeader(PacketBuffer packet, int headerLength, int gap)
    {
        packet.TryPrepend(gap, out _);
        Span<byte> data = packet.Data;
        data.Slice(gap, headerLength).CopyTo(data);
    }

    /// <summary>Closes a gap after the IP header by moving the header back over it.</summary>
    private static void CloseAfterIpHeader(PacketBuffer packet, int headerLength, int gap)
    {
        Span<byte> data = packet.Data;
        data[..headerLength].CopyTo(data[gap..]);
        packet.TryTrimFront(gap);
    }

    /// <summary>Sets the protocol and length of a transport-mode IP header after its payload changed.</summary>
    private static void FinishIpHeader(Span<byte> packet, byte protocol)
    {
        if (packet[0] >> 4 == 4)
        {
            packet[9] = protocol;
            BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)packet.Length);
            Ipv4Header.TryRead(packet, out Ipv4Header ip);
            ip.UpdateChecksum();
        }
        else
        {
            packet[6] = protocol;
            BinaryPrimitives.WriteUInt16BigEndian(packet[4..], (ushort)(packet.Length - Ipv6Header.Length));
        }
    }

    /// <summary>
    /// Recomputes the TCP or UDP checksum of a transport-mode packet that arrived UDP-encapsulated: its
    /// sender computed it over addresses that a NAT has since rewritten in the IP header (RFC 3948
    /// §3.1.2, which allows recomputing it). ESP's integrity check has already authenticated the payload.
    /// An IPv4 UDP datagram sent without a checksum keeps none.
    /// </summary>
    private static void RepairTransportChecksum(Span<byte> packet, int ipHeaderLength, byte protocol)
    {
        int checksumOffset = protocol switch
        {
            IpProtocol.Tcp => 16,
            IpProtocol.Udp => 6,
            _ => -1,
        };
        Span<byte> segment = packet[ipHeaderLength..];
        bool ipv4 = packet[0] >> 4 == 4;
        if (checksumOffset < 0 || segment.Length < checksumOffset + 2
            || (ipv4 && protocol == IpProtocol.Udp && BinaryPrimitives.ReadUInt16BigEndian(segment[checksumOffset..]) == 0))
        {
            return;
        }

        ReadOnlySpan<byte> source = ipv4 ? packet.Slice(12, 4) : packet.Slice(8, 16);
        ReadOnlySpan<byte> destination = ipv4 ? packet.Slice(16, 4) : packet.Slice(24, 16);
        segment.Slice(checksumOffset, 2).Clear();
        ulong sum = InternetChecksum.Add(InternetChecksum.PseudoHeader(source, destination, protocol, segment.Length), segment);
        ushort checksum = InternetChecksum.Finish(sum);
        BinaryPrimitives.WriteUInt16BigEndian(segment[checksumOffset..], protocol == IpProtocol.Udp && checksum == 0 ? (ushort)0xFFFF : checksum);
    }

    /// <summary>The DSCP/ECN byte of an inner packet, copied to the outer header (RFC 4301 §5.1.2).</summary>
    private static byte TrafficClassOf(ReadOnlySpan<byte> packet) =>
        packet[0] >> 4 == 4 ? packet[1] : (byte)(((packet[0] & 0xF) << 4) | (packet[1] >> 4));
}
