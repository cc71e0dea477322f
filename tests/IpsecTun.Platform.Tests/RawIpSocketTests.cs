using System.Net;
using System.Runtime.Versioning;
using IpsecTun.Core;

namespace IpsecTun.Platform.Tests;

[SupportedOSPlatform("linux")]
public sealed class RawIpSocketTests
{
    private const int LoopbackIndex = 1;
    private static readonly byte[] EspPayload = [0x00, 0x00, 0x10, 0x01, 0x00, 0x00, 0x00, 0x01, 0xAA, 0xBB, 0xCC, 0xDD];

    [Fact]
    public void An_IPv4_ESP_datagram_arrives_with_the_IP_header_the_kernel_wrote()
    {
        IsolatedNetwork.Run(() =>
        {
            using var network = new NetlinkNetworkConfigurator();
            network.SetLinkUp(LoopbackIndex, true);
            using var socket = RawIpSocket.Open(IPAddress.Loopback, IpProtocol.Esp);
            Assert.True(socket.ReceivesIpHeader);

            Assert.Equal(1, socket.SendBatch([Datagram(EspPayload)], [socket.LocalEndpoint]));
            byte[] received = ReceiveOne(socket, out NetworkEndpoint source);

            Assert.Equal(socket.LocalEndpoint, source);
            Assert.True(Ipv4Header.TryRead(received, out Ipv4Header ip));
            Assert.Equal(IpProtocol.Esp, ip.Protocol);
            Assert.Equal(IPAddress.Loopback.GetAddressBytes(), ip.Destination.ToArray());
            Assert.Equal(EspPayload, ip.Payload.ToArray());
        });
    }

    [Fact]
    public void An_IPv6_ESP_datagram_arrives_without_an_IP_header()
    {
        IsolatedNetwork.Run(() =>
        {
            using var network = new NetlinkNetworkConfigurator();
            network.SetLinkUp(LoopbackIndex, true);
            using var socket = RawIpSocket.Open(IPAddress.IPv6Loopback, IpProtocol.Esp);
            Assert.False(socket.ReceivesIpHeader);

            Assert.Equal(1, socket.SendBatch([Datagram(EspPayload)], [socket.LocalEndpoint]));

            Assert.Equal(EspPayload, ReceiveOne(socket, out NetworkEndpoint source));
            Assert.Equal(socket.LocalEndpoint, source);
        });
    }

    [Fact]
    public void With_the_header_included_the_caller_written_IPv4_header_goes_out_as_written()
    {
        IsolatedNetwork.Run(() =>
        {
            using var network = new NetlinkNetworkConfigurator();
            network.SetLinkUp(LoopbackIndex, true);
            using var sender = RawIpSocket.Open(IPAddress.Loopback, IpProtocol.Ah, includeIpHeader: true);
            using var receiver = RawIpSocket.Open(IPAddress.Loopback, IpProtocol.Ah);
            var packet = new byte[Ipv4Header.MinLength + EspPayload.Length];
            EspPayload.CopyTo(packet, Ipv4Header.MinLength);
            byte[] loopback = IPAddress.Loopback.GetAddressBytes();
            Ipv4Header.Write(packet, loopback, loopback, IpProtocol.Ah, packet.Length, ttl: 17, identification: 0x1234);

            Assert.Equal(1, sender.SendBatch([Datagram(packet)], [receiver.LocalEndpoint]));
            byte[] received = ReceiveOne(receiver, out _);

            Assert.True(Ipv4Header.TryRead(received, out Ipv4Header ip));
            Assert.Equal(17, ip.TimeToLive);
            Assert.Equal(0x1234, ip.Identification);
            Assert.Equal(IpProtocol.Ah, ip.Protocol);
            Assert.Equal(EspPayload, ip.Payload.ToArray());
        });
    }

    [Fact]
    public void A_caller_written_header_is_refused_for_IPv6()
    {
        Assert.Throws<ArgumentException>(() => RawIpSocket.Open(IPAddress.IPv6Loopback, IpProtocol.Ah, includeIpHeader: true));
    }

    private static byte[] ReceiveOne(RawIpSocket socket, out NetworkEndpoint source)
    {
        var buffers = new[] { new PacketBuffer(2048, 64) };
        var sources = new NetworkEndpoint[1];
        using var deadline = new Timer(_ => socket.StopReceiving(), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        Assert.Equal(1, socket.ReceiveBatch(buffers, sources));
        source = sources[0];
        return buffers[0].Data.ToArray();
    }

    private static PacketBuffer Datagram(byte[] payload)
    {
        var buffer = new PacketBuffer(2048, 64);
        Assert.True(buffer.TrySet(payload));
        return buffer;
    }
}
