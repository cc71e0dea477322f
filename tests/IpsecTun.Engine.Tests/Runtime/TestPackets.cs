using System.Net;
using IpsecTun.Core;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>IPv4 UDP packets as an application behind an endpoint would send them.</summary>
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
}
