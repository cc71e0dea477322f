using System.Buffers.Binary;
using System.Net;
using IpsecTun.Core;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>Packets as an application behind an endpoint would send them.</summary>
internal static class TestPackets
{
    public static byte[] Udp(string source, string destination, ushort port, string text)
    {
        byte[] payload = System.Text.Encoding.ASCII.GetBytes(text);
        byte[] packet = new byte[Ipv4Header.MinLength + UdpHeader.Length + payload.Length];
        payload.CopyTo(packet.AsSpan(Ipv4Header.MinLength + UdpHeader.Length));
        UdpHeader.Write(packet.AsSpan(Ipv4Header.MinLength), 40000, port, UdpHeader.Length + payload.Length);
        Ipv4Header.Write(packet, IPAddress.Parse(source).GetAddressBytes(), IPAddress.Parse(destination).GetAddressBytes(), IpProtocol.Udp, packet.Length);
        return packet;
    }

    /// <summary>An IPv6 UDP packet (its UDP checksum left zero: nothing here checks it).</summary>
    public static byte[] Udp6(string source, string destination, ushort port, string text)
    {
        byte[] payload = System.Text.Encoding.ASCII.GetBytes(text);
        int udpLength = UdpHeader.Length + payload.Length;
        byte[] packet = new byte[40 + udpLength];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)udpLength);
        packet[6] = (byte)IpProtocol.Udp;
        packet[7] = 64;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(packet, 8);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(packet, 24);
        UdpHeader.Write(packet.AsSpan(40), 40000, port, udpLength);
        payload.CopyTo(packet.AsSpan(40 + UdpHeader.Length));
        return packet;
    }

    /// <summary>A TCP SYN whose only option is the MSS.</summary>
    public static byte[] Syn(string source, string destination, ushort mss)
    {
        byte[] packet = new byte[Ipv4Header.MinLength + 24];
        Span<byte> tcp = packet.AsSpan(Ipv4Header.MinLength);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, 40000);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], 5201);
        tcp[12] = 6 << 4;
        tcp[13] = 0x02;
        tcp[20] = 2;
        tcp[21] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[22..], mss);
        Ipv4Header.Write(packet, IPAddress.Parse(source).GetAddressBytes(), IPAddress.Parse(destination).GetAddressBytes(), IpProtocol.Tcp, packet.Length);
        ulong sum = InternetChecksum.PseudoHeader(packet.AsSpan(12, 4), packet.AsSpan(16, 4), IpProtocol.Tcp, tcp.Length);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], InternetChecksum.Finish(InternetChecksum.Add(sum, tcp)));
        return packet;
    }
}
