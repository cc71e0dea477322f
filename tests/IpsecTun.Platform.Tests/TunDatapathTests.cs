using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using IpsecTun.Core;

namespace IpsecTun.Platform.Tests;

/// <summary>Packets crossing between the kernel's stack and the TUN device, in both directions.</summary>
[SupportedOSPlatform("linux")]
public sealed class TunDatapathTests
{
    private const int IcmpEchoReply = 0;
    private const int IcmpEchoRequest = 8;

    [Fact]
    public void A_UDP_datagram_to_a_routed_address_comes_out_of_the_TUN_as_that_IPv4_packet()
    {
        IsolatedNetwork.Run(() =>
        {
            using var tunnel = new TunnelFixture();
            byte[] payload = "datagram into the tunnel"u8.ToArray();
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(TunnelFixture.LocalV4, 0));
            int localPort = ((IPEndPoint)socket.LocalEndPoint!).Port;
            socket.SendTo(payload, new IPEndPoint(TunnelFixture.RemoteV4, 9000));

            byte[] packet = TunReader.ReadFirst(tunnel.Device, p => Ipv4Header.TryRead(p, out var h) && h.Protocol == IpProtocol.Udp);

            Assert.True(Ipv4Header.TryRead(packet, out Ipv4Header ip));
            Assert.Equal(packet.Length, ip.TotalLength);
            Assert.True(ip.IsChecksumValid);
            Assert.Equal(TunnelFixture.LocalV4.GetAddressBytes(), ip.Source.ToArray());
            Assert.Equal(TunnelFixture.RemoteV4.GetAddressBytes(), ip.Destination.ToArray());
            Assert.True(UdpHeader.TryRead(ip.Payload, out UdpHeader udp));
            Assert.Equal(localPort, udp.SourcePort);
            Assert.Equal(9000, udp.DestinationPort);
            Assert.Equal(payload, udp.Payload.ToArray());
        });
    }

    [Fact]
    public void A_UDP_datagram_to_a_routed_IPv6_address_comes_out_of_the_TUN_as_that_IPv6_packet()
    {
        IsolatedNetwork.Run(() =>
        {
            using var tunnel = new TunnelFixture();
            byte[] payload = "v6 datagram"u8.ToArray();
            var remote = IPAddress.Parse("fd78::5");
            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            socket.SendTo(payload, new IPEndPoint(remote, 9001));

            byte[] packet = TunReader.ReadFirst(tunnel.Device, p => Ipv6Header.TryRead(p, out var h) && h.NextHeader == IpProtocol.Udp);

            Assert.True(Ipv6Header.TryRead(packet, out Ipv6Header ip));
            Assert.Equal(packet.Length, ip.TotalLength);
            Assert.Equal(TunnelFixture.LocalV6.GetAddressBytes(), ip.Source.ToArray());
            Assert.Equal(remote.GetAddressBytes(), ip.Destination.ToArray());
            Assert.True(UdpHeader.TryRead(ip.Payload, out UdpHeader udp));
            Assert.Equal(9001, udp.DestinationPort);
            Assert.Equal(payload, udp.Payload.ToArray());
        });
    }

    [Fact]
    public void An_echo_request_written_into_the_TUN_is_answered_by_the_kernel_through_the_TUN()
    {
        IsolatedNetwork.Run(() =>
        {
            using var tunnel = new TunnelFixture();
            byte[] echoData = "ping through the tun"u8.ToArray();
            var request = new PacketBuffer(2048, 128);
            Assert.True(request.TrySet(EchoRequest(TunnelFixture.RemoteV4, TunnelFixture.LocalV4, 0x4242, 7, echoData)));

            Assert.Equal(1, tunnel.Device.WriteBatch([request]));
            Assert.Equal(0, tunnel.Device.WriteErrors);

            byte[] reply = TunReader.ReadFirst(tunnel.Device, p => Ipv4Header.TryRead(p, out var h) && h.Protocol == IpProtocol.Icmp);

            Assert.True(Ipv4Header.TryRead(reply, out Ipv4Header ip));
            Assert.True(ip.IsChecksumValid);
            Assert.Equal(TunnelFixture.LocalV4.GetAddressBytes(), ip.Source.ToArray());
            Assert.Equal(TunnelFixture.RemoteV4.GetAddressBytes(), ip.Destination.ToArray());
            Span<byte> icmp = ip.Payload;
            Assert.True(InternetChecksum.IsValid(icmp));
            Assert.Equal(IcmpEchoReply, icmp[0]);
            Assert.Equal(0, icmp[1]);
            Assert.Equal(0x4242, BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]));
            Assert.Equal(7, BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]));
            Assert.Equal(echoData, icmp[8..].ToArray());
        });
    }

    [Fact]
    public void A_packet_the_kernel_refuses_is_counted_and_the_rest_of_the_batch_is_written()
    {
        IsolatedNetwork.Run(() =>
        {
            using var tunnel = new TunnelFixture();
            var empty = new PacketBuffer(2048, 128);
            var good = new PacketBuffer(2048, 128);
            Assert.True(good.TrySet(EchoRequest(TunnelFixture.RemoteV4, TunnelFixture.LocalV4, 1, 1, [1, 2, 3])));

            Assert.Equal(1, tunnel.Device.WriteBatch([empty, good]));
            Assert.Equal(1, tunnel.Device.WriteErrors);
            TunReader.ReadFirst(tunnel.Device, p => Ipv4Header.TryRead(p, out var h) && h.Protocol == IpProtocol.Icmp);
        });
    }

    [Fact]
    public void A_packet_larger_than_the_read_buffer_is_dropped_and_counted_and_the_next_one_is_read_whole()
    {
        IsolatedNetwork.Run(() =>
        {
            using var tunnel = new TunnelFixture();
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.SendTo(new byte[1000], new IPEndPoint(TunnelFixture.RemoteV4, 9002));
            socket.SendTo(new byte[10], new IPEndPoint(TunnelFixture.RemoteV4, 9003));

            byte[] packet = TunReader.ReadFirst(tunnel.Device, p => Ipv4Header.TryRead(p, out var h) && h.Protocol == IpProtocol.Udp, capacity: 600);

            Assert.Equal(Ipv4Header.MinLength + UdpHeader.Length + 10, packet.Length);
            Assert.True(Ipv4Header.TryRead(packet, out Ipv4Header ip));
            Assert.True(UdpHeader.TryRead(ip.Payload, out UdpHeader udp));
            Assert.Equal(9003, udp.DestinationPort);
            Assert.Equal(1, tunnel.Device.OversizedReads);
        });
    }

    private static byte[] EchoRequest(IPAddress source, IPAddress destination, ushort identifier, ushort sequence, byte[] data)
    {
        var packet = new byte[Ipv4Header.MinLength + 8 + data.Length];
        Span<byte> icmp = packet.AsSpan(Ipv4Header.MinLength);
        icmp[0] = IcmpEchoRequest;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[4..], identifier);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[6..], sequence);
        data.CopyTo(icmp[8..]);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Compute(icmp));
        Ipv4Header.Write(packet, source.GetAddressBytes(), destination.GetAddressBytes(), IpProtocol.Icmp, packet.Length);
        return packet;
    }
}
