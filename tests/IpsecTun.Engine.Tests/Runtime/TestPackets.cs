using System.Net;
using IpsecTun.Core;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>UDP packets as an application behind an endpoint would send them.</summary>
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
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)udpLength);
        packet[6] = (byte)IpProtocol.Udp;
        packet[7] = 64;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(packet, 8);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(packet, 24);
        UdpHeader.Write(packet.AsSpan(40), 40000, port, udpLength);
        payload.CopyTo(packet.AsSpan(40 + UdpHeader.Length));
        return packet;
    }
}
