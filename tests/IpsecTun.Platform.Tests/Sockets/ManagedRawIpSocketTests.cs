using System.Net;
using System.Runtime.Versioning;
using IpsecTun.Core;
using IpsecTun.Platform.Sockets;

namespace IpsecTun.Platform.Tests.Sockets;

/// <summary>The raw IP path for ESP and AH over System.Net.Sockets, run here over loopback.</summary>
[SupportedOSPlatform("linux")]
public sealed class ManagedRawIpSocketTests
{
    private const int LoopbackIndex = 1;
    private static readonly byte[] EspPayload = [0x00, 0x00, 0x10, 0x01, 0x00, 0x00, 0x00, 0x01, 0xAA, 0xBB, 0xCC, 0xDD];

    [Fact]
    public void An_IPv4_ESP_datagram_arrives_with_the_IP_header_and_a_portless_source()
    {
        InLoopback(() =>
        {
            using var socket = ManagedRawIpSocket.Open(IPAddress.Loopback, IpProtocol.Esp);
            Assert.True(socket.ReceivesIpHeader);
            Assert.Equal(0, socket.LocalEndpoint.Port);

            Assert.Equal(1, socket.SendBatch([Datagrams.With(EspPayload)], [socket.LocalEndpoint]));
            var (received, source) = Datagrams.Receive(socket, 1)[0];

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
        InLoopback(() =>
        {
            using var socket = ManagedRawIpSocket.Open(IPAddress.IPv6Loopback, IpProtocol.Esp);
            Assert.False(socket.ReceivesIpHeader);

            Assert.Equal(2, socket.SendBatch([Datagrams.With(EspPayload), Datagrams.With(EspPayload[..8])], [socket.LocalEndpoint, socket.LocalEndpoint]));
            var received = Datagrams.Receive(socket, 2);

            Assert.Equal([EspPayload, EspPayload[..8]], received.Select(r => r.Data));
            Assert.All(received, r => Assert.Equal(socket.LocalEndpoint, r.Source));
        });
    }

    [Fact]
    public void With_the_header_included_the_caller_written_IPv4_header_goes_out_as_written()
    {
        InLoopback(() =>
        {
            using var sender = ManagedRawIpSocket.Open(IPAddress.Loopback, IpProtocol.Ah, includeIpHeader: true);
            using var receiver = ManagedRawIpSocket.Open(IPAddress.Loopback, IpProtocol.Ah);
            Assert.True(sender.SendsIpHeader);
            var packet = new byte[Ipv4Header.MinLength + EspPayload.Length];
            EspPayload.CopyTo(packet, Ipv4Header.MinLength);
            byte[] loopback = IPAddress.Loopback.GetAddressBytes();
            Ipv4Header.Write(packet, loopback, loopback, IpProtocol.Ah, packet.Length, ttl: 17, identification: 0x1234);

            Assert.Equal(1, sender.SendBatch([Datagrams.With(packet)], [receiver.LocalEndpoint]));
            byte[] received = Datagrams.Receive(receiver, 1)[0].Data;

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
        Assert.Throws<ArgumentException>(() => ManagedRawIpSocket.Open(IPAddress.IPv6Loopback, IpProtocol.Ah, includeIpHeader: true));
    }

    [Fact]
    public void An_address_no_interface_has_fails_with_one_error_naming_the_protocol_and_the_address()
    {
        InLoopback(() =>
        {
            var error = Assert.Throws<System.Net.Sockets.SocketException>(() => ManagedRawIpSocket.Open(IPAddress.Parse("192.0.2.1"), IpProtocol.Esp));

            Assert.Equal(System.Net.Sockets.SocketError.AddressNotAvailable, error.SocketErrorCode);
            Assert.StartsWith("raw IP socket for protocol 50 on 192.0.2.1:0:", error.Message, StringComparison.Ordinal);
        });
    }

    private static void InLoopback(Action body) => IsolatedNetwork.Run(() =>
    {
        using var network = new NetlinkNetworkConfigurator();
        network.SetLinkUp(LoopbackIndex, true);
        body();
    });
}
