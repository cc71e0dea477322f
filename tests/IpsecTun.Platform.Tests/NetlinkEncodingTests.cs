using System.Buffers.Binary;
using System.Net;
using IpsecTun.Platform.Netlink;

namespace IpsecTun.Platform.Tests;

/// <summary>Message layouts checked field by field against linux/netlink.h, linux/rtnetlink.h and linux/if_addr.h.</summary>
public sealed class NetlinkEncodingTests
{
    [Fact]
    public void An_IPv4_address_request_is_header_ifaddrmsg_then_local_and_address_attributes()
    {
        Span<byte> message = RouteMessages.Address(new byte[RouteMessages.MaxRequestSize], RouteMessages.NewAddress, 7, IPAddress.Parse("192.0.2.1"), 24);

        Assert.Equal(16 + 8 + 8 + 8, message.Length);
        Assert.Equal((uint)message.Length, BinaryPrimitives.ReadUInt32LittleEndian(message));
        Assert.Equal(20, BinaryPrimitives.ReadUInt16LittleEndian(message[4..])); // RTM_NEWADDR
        Assert.Equal(0x001 | 0x004 | 0x400 | 0x200, BinaryPrimitives.ReadUInt16LittleEndian(message[6..])); // REQUEST|ACK|CREATE|EXCL
        Assert.Equal(new byte[] { 2, 24, 0, 0, 7, 0, 0, 0 }, message[16..24].ToArray()); // AF_INET, /24, no flags, scope 0, index 7
        Assert.Equal(new byte[] { 8, 0, 2, 0, 192, 0, 2, 1 }, message[24..32].ToArray()); // IFA_LOCAL
        Assert.Equal(new byte[] { 8, 0, 1, 0, 192, 0, 2, 1 }, message[32..40].ToArray()); // IFA_ADDRESS
    }

    [Fact]
    public void An_IPv6_address_request_skips_duplicate_address_detection()
    {
        Span<byte> message = RouteMessages.Address(new byte[RouteMessages.MaxRequestSize], RouteMessages.NewAddress, 3, IPAddress.Parse("2001:db8::1"), 64);

        Assert.Equal(16 + 8 + 20 + 20, message.Length);
        Assert.Equal(new byte[] { 10, 64, 0x02, 0, 3, 0, 0, 0 }, message[16..24].ToArray()); // AF_INET6, IFA_F_NODAD
        Assert.Equal(20, BinaryPrimitives.ReadUInt16LittleEndian(message[24..]));
        Assert.Equal(IPAddress.Parse("2001:db8::1").GetAddressBytes(), message[28..44].ToArray());
    }

    [Fact]
    public void A_route_request_carries_rtmsg_destination_and_output_interface()
    {
        Span<byte> message = RouteMessages.Route(new byte[RouteMessages.MaxRequestSize], RouteMessages.DeleteRoute, new RouteEntry(IPAddress.Parse("198.51.100.0"), 24, 9));

        Assert.Equal(16 + 12 + 8 + 8, message.Length);
        Assert.Equal(25, BinaryPrimitives.ReadUInt16LittleEndian(message[4..])); // RTM_DELROUTE
        Assert.Equal(0x001 | 0x004, BinaryPrimitives.ReadUInt16LittleEndian(message[6..]));
        // AF_INET, dst /24, src /0, tos 0, main table, static, link scope, unicast, no flags.
        Assert.Equal(new byte[] { 2, 24, 0, 0, 254, 4, 253, 1, 0, 0, 0, 0 }, message[16..28].ToArray());
        Assert.Equal(new byte[] { 8, 0, 1, 0, 198, 51, 100, 0 }, message[28..36].ToArray()); // RTA_DST
        Assert.Equal(new byte[] { 8, 0, 4, 0, 9, 0, 0, 0 }, message[36..44].ToArray()); // RTA_OIF
    }

    [Fact]
    public void A_default_route_has_no_destination_attribute()
    {
        Span<byte> message = RouteMessages.Route(new byte[RouteMessages.MaxRequestSize], RouteMessages.NewRoute, new RouteEntry(IPAddress.Any, 0, 9));

        Assert.Equal(16 + 12 + 8, message.Length);
        Assert.Equal(4, BinaryPrimitives.ReadUInt16LittleEndian(message[30..])); // only RTA_OIF
    }

    [Fact]
    public void An_acknowledgement_for_the_request_is_found_among_other_messages()
    {
        byte[] datagram = new byte[16 + 36];
        new NetlinkHeader(16, NetlinkHeader.TypeNoop, 0, 5, 0).WriteTo(datagram);
        WriteError(datagram.AsSpan(16), sequence: 6, errno: 17);

        Assert.True(NetlinkSocket.TryFindAcknowledgement(datagram, 6, out int errno));
        Assert.Equal(17, errno);
        Assert.False(NetlinkSocket.TryFindAcknowledgement(datagram, 7, out _));
    }

    [Fact]
    public void A_truncated_message_is_rejected()
    {
        byte[] datagram = new byte[36];
        WriteError(datagram, sequence: 1, errno: 0);

        Assert.True(NetlinkHeader.TryRead(datagram, out _, out int consumed));
        Assert.Equal(36, consumed);
        Assert.False(NetlinkHeader.TryRead(datagram.AsSpan(0, 35), out _, out _));
        Assert.False(NetlinkHeader.TryRead(datagram.AsSpan(0, 15), out _, out _));
        BinaryPrimitives.WriteUInt32LittleEndian(datagram, 12); // shorter than a header
        Assert.False(NetlinkHeader.TryRead(datagram, out _, out _));
    }

    [Fact]
    public void An_error_payload_without_the_original_header_is_rejected()
    {
        byte[] datagram = new byte[20];
        new NetlinkHeader(20, NetlinkHeader.TypeError, 0, 1, 0).WriteTo(datagram);

        Assert.Throws<InvalidDataException>(() => NetlinkSocket.TryFindAcknowledgement(datagram, 1, out _));
    }

    [Fact]
    public void A_positive_error_code_is_not_an_acknowledgement()
    {
        byte[] payload = new byte[NetlinkError.MinPayloadLength];
        BinaryPrimitives.WriteInt32LittleEndian(payload, 1);

        Assert.False(NetlinkError.TryRead(payload, out _, out _));
    }

    private static void WriteError(Span<byte> destination, uint sequence, int errno)
    {
        new NetlinkHeader(36, NetlinkHeader.TypeError, 0, sequence, 0).WriteTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[16..], -errno);
        new NetlinkHeader(40, 20, 0x205, sequence, 0).WriteTo(destination[20..]);
    }
}
