using System.Net;
using IpsecTun.Core;

namespace IpsecTun.Esp.Tests;

/// <summary>Builds plain IP packets for the datapath to protect.</summary>
internal static class Packets
{
    public const int Headroom = 128;
    public const int Capacity = 2048;

    /// <summary>A UDP packet with a patterned payload of <paramref name="payloadLength"/> bytes.</summary>
    public static byte[] Udp(string source, string destination, ushort sourcePort, ushort destinationPort, int payloadLength)
    {
        byte[] src = IPAddress.Parse(source).GetAddressBytes();
        byte[] dst = IPAddress.Parse(destination).GetAddressBytes();
        int ipLength = src.Length == 4 ? Ipv4Header.MinLength : Ipv6Header.Length;
        byte[] packet = new byte[ipLength + UdpHeader.Length + payloadLength];
        Span<byte> datagram = packet.AsSpan(ipLength);
        UdpHeader udp = UdpHeader.Write(datagram, sourcePort, destinationPort, datagram.Length);
        for (int i = 0; i < payloadLength; i++)
        {
            udp.Payload[i] = (byte)(i * 7 + 3);
        }

        udp.UpdateChecksum(src, dst);
        if (src.Length == 4)
        {
            Ipv4Header.Write(packet, src, dst, IpProtocol.Udp, packet.Length, ttl: 61, identification: 0x1234);
        }
        else
        {
            Ipv6Header.Write(packet, src, dst, IpProtocol.Udp, datagram.Length, hopLimit: 61);
        }

        return packet;
    }

    public static PacketBuffer Buffer(byte[] packet)
    {
        var buffer = new PacketBuffer(Capacity, Headroom);
        Assert.True(buffer.TrySet(packet));
        return buffer;
    }

    public static FlowKey Key(byte[] packet)
    {
        Assert.True(FlowKey.TryRead(packet, out FlowKey key));
        return key;
    }
}
