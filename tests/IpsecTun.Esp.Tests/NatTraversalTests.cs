using IpsecTun.Core;

namespace IpsecTun.Esp.Tests;

public class NatTraversalTests
{
    [Fact]
    public void Demultiplexes_esp_ike_and_keepalives_as_rfc_3948_frames_them()
    {
        Assert.Equal(UdpPayloadKind.Keepalive, NatTraversal.Classify([0xFF]));
        Assert.Equal(UdpPayloadKind.Ike, NatTraversal.Classify([0, 0, 0, 0, 1, 2, 3]));
        Assert.Equal(UdpPayloadKind.Esp, NatTraversal.Classify([0, 0, 1, 0, 0, 0, 0, 1]));
        Assert.Equal(UdpPayloadKind.Invalid, NatTraversal.Classify([0, 0, 1, 0, 0, 0, 0]));
        Assert.Equal(UdpPayloadKind.Invalid, NatTraversal.Classify([0x00]));
        Assert.Equal(UdpPayloadKind.Invalid, NatTraversal.Classify([]));
    }

    [Fact]
    public void Keepalive_is_one_ff_byte_and_ike_gets_the_four_byte_marker()
    {
        byte[] keepalive = new byte[4];
        Assert.Equal(1, NatTraversal.WriteKeepalive(keepalive));
        Assert.Equal(0xFF, keepalive[0]);

        var message = new PacketBuffer(64, 8);
        message.TrySet([0xAA, 0xBB]);
        Assert.True(NatTraversal.TryPrependNonEspMarker(message));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0xAA, 0xBB }, message.Data.ToArray());
        Assert.Equal(UdpPayloadKind.Ike, NatTraversal.Classify(message.Data));
        Assert.Equal(new byte[] { 0xAA, 0xBB }, NatTraversal.IkeMessage(message.Data).ToArray());
    }

    [Fact]
    public void Rebuilt_ipv4_udp_headers_carry_the_socket_addresses()
    {
        var packet = new PacketBuffer(128, 64);
        packet.TrySet([1, 2, 3, 4, 5, 6, 7, 8]);

        Assert.True(OuterHeaders.TryPrependIpUdp(packet, [192, 0, 2, 1], [192, 0, 2, 2], 4501, 4500));

        Assert.True(Ipv4Header.TryRead(packet.Data, out Ipv4Header ip));
        Assert.Equal(IpProtocol.Udp, ip.Protocol);
        Assert.True(ip.IsChecksumValid);
        Assert.True(UdpHeader.TryRead(ip.Payload, out UdpHeader udp));
        Assert.Equal(4501, udp.SourcePort);
        Assert.Equal(4500, udp.DestinationPort);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, udp.Payload.ToArray());
    }
}
