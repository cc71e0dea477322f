using System.ComponentModel;
using System.Net;
using System.Runtime.Versioning;
using IpsecTun.Core;
using static IpsecTun.Platform.Tests.Sockets.SocketsUnderTest;

namespace IpsecTun.Platform.Tests.Sockets;

/// <summary>Both raw IP paths for ESP and AH over loopback, each in a network namespace of its own.</summary>
[SupportedOSPlatform("linux")]
public sealed class RawIpSocketTests
{
    private static readonly byte[] EspPayload = [0x00, 0x00, 0x10, 0x01, 0x00, 0x00, 0x00, 0x01, 0xAA, 0xBB, 0xCC, 0xDD];

    [Theory]
    [InlineData(SocketKind.Batched)]
    [InlineData(SocketKind.Managed)]
    public void An_IPv4_ESP_datagram_arrives_with_the_IP_header_and_a_portless_source(SocketKind kind)
    {
        InLoopback(() =>
        {
            using IRawIpSocket socket = Raw(kind, IPAddress.Loopback, IpProtocol.Esp);
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

    [Theory]
    [InlineData(SocketKind.Batched)]
    [InlineData(SocketKind.Managed)]
    public void IPv6_ESP_datagrams_arrive_without_an_IP_header(SocketKind kind)
    {
        InLoopback(() =>
        {
            using IRawIpSocket socket = Raw(kind, IPAddress.IPv6Loopback, IpProtocol.Esp);
            Assert.False(socket.ReceivesIpHeader);

            Assert.Equal(2, socket.SendBatch([Datagrams.With(EspPayload), Datagrams.With(EspPayload[..8])], [socket.LocalEndpoint, socket.LocalEndpoint]));
            var received = Datagrams.Receive(socket, 2);

            Assert.Equal([EspPayload, EspPayload[..8]], received.Select(r => r.Data));
            Assert.All(received, r => Assert.Equal(socket.LocalEndpoint, r.Source));
        });
    }

    [Theory]
    [InlineData(SocketKind.Batched)]
    [InlineData(SocketKind.Managed)]
    public void With_the_header_included_the_caller_written_IPv4_header_goes_out_as_written(SocketKind kind)
    {
        InLoopback(() =>
        {
            using IRawIpSocket sender = Raw(kind, IPAddress.Loopback, IpProtocol.Ah, includeIpHeader: true);
            using IRawIpSocket receiver = Raw(kind, IPAddress.Loopback, IpProtocol.Ah);
            Assert.True(sender.SendsIpHeader);
            Assert.False(receiver.SendsIpHeader);
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

    [Theory]
    [InlineData(SocketKind.Batched)]
    [InlineData(SocketKind.Managed)]
    public void A_caller_written_header_is_refused_for_IPv6(SocketKind kind) =>
        Assert.Throws<ArgumentException>(() => Raw(kind, IPAddress.IPv6Loopback, IpProtocol.Ah, includeIpHeader: true));

    [Theory]
    [InlineData(SocketKind.Batched)]
    [InlineData(SocketKind.Managed)]
    public void An_address_no_interface_has_fails_with_one_error_naming_it(SocketKind kind)
    {
        InLoopback(() =>
        {
            var error = Assert.ThrowsAny<Win32Exception>(() => Raw(kind, IPAddress.Parse("192.0.2.1"), IpProtocol.Esp));

            Assert.Equal(Tmds.Linux.LibC.EADDRNOTAVAIL, error.NativeErrorCode);
            Assert.Contains("192.0.2.1", error.Message, StringComparison.Ordinal);
        });
    }
}
