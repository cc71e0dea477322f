using IpsecTun.Core;

namespace IpsecTun.Esp;

/// <summary>
/// Writes the outer IP header (and UDP header for NAT traversal) in front of a packet. A datapath that
/// sends through a UDP socket skips these bytes; a raw socket, a capture file and AH's ICV need them.
/// Also rebuilds them for ESP received on a UDP socket, so that inbound processing sees whole datagrams.
/// </summary>
public static class OuterHeaders
{
    public static int IpHeaderLength(byte version) => version == 4 ? Ipv4Header.MinLength : Ipv6Header.Length;

    /// <summary>Writes an IP header at the front of <paramref name="packet"/> (which already holds its payload).</summary>
    public static void WriteIp(Span<byte> packet, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, byte protocol, byte trafficClass)
    {
        if (source.Length == Ipv4Header.AddressLength)
        {
            Ipv4Header.Write(packet, source, destination, protocol, packet.Length, tos: trafficClass);
        }
        else
        {
            Ipv6Header header = Ipv6Header.Write(packet, source, destination, protocol, packet.Length - Ipv6Header.Length);
            header.VersionClassFlow |= (uint)trafficClass << 20;
        }
    }

    /// <summary>Writes a UDP header at <paramref name="datagram"/>, with a checksum over IPv6 and none over IPv4 (RFC 3948 §2.1).</summary>
    public static void WriteUdp(Span<byte> datagram, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, ushort sourcePort, ushort destinationPort)
    {
        UdpHeader udp = UdpHeader.Write(datagram, sourcePort, destinationPort, datagram.Length);
        if (source.Length == Ipv6Header.AddressLength)
        {
            udp.UpdateChecksum(source, destination);
        }
    }

    /// <summary>Prepends IP and UDP headers to a UDP payload, as a received datagram had them.</summary>
    public static bool TryPrependIpUdp(PacketBuffer packet, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, ushort sourcePort, ushort destinationPort)
    {
        ArgumentNullException.ThrowIfNull(packet);
        int ipLength = source.Length == Ipv4Header.AddressLength ? Ipv4Header.MinLength : Ipv6Header.Length;
        if (source.Length != destination.Length || !packet.TryPrepend(ipLength + UdpHeader.Length, out _))
        {
            return false;
        }

        Span<byte> data = packet.Data;
        WriteUdp(data[ipLength..], source, destination, sourcePort, destinationPort);
        WriteIp(data, source, destination, IpProtocol.Udp, 0);
        return true;
    }
}
