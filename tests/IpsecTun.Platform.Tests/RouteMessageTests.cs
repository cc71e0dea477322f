using System.Buffers.Binary;
using System.Net;
using IpsecTun.Platform.Netlink;

namespace IpsecTun.Platform.Tests;

/// <summary>Gateway routes, route lookups and their answers, field by field against linux/rtnetlink.h.</summary>
public sealed class RouteMessageTests
{
    [Fact]
    public void A_gateway_route_has_universe_scope_a_gateway_and_a_priority()
    {
        var route = new RouteEntry(IPAddress.Parse("198.51.100.7"), 32, 2, IPAddress.Parse("10.99.0.2"), 7);
        Span<byte> message = RouteMessages.Route(new byte[RouteMessages.MaxRequestSize], RouteMessages.NewRoute, route);

        Assert.Equal(16 + 12 + 8 + 8 + 8 + 8, message.Length);
        Assert.Equal(new byte[] { 2, 32, 0, 0, 254, 4, 0, 1, 0, 0, 0, 0 }, message[16..28].ToArray()); // scope universe
        Assert.Equal(new byte[] { 8, 0, 1, 0, 198, 51, 100, 7 }, message[28..36].ToArray()); // RTA_DST
        Assert.Equal(new byte[] { 8, 0, 4, 0, 2, 0, 0, 0 }, message[36..44].ToArray()); // RTA_OIF
        Assert.Equal(new byte[] { 8, 0, 5, 0, 10, 99, 0, 2 }, message[44..52].ToArray()); // RTA_GATEWAY
        Assert.Equal(new byte[] { 8, 0, 6, 0, 7, 0, 0, 0 }, message[52..60].ToArray()); // RTA_PRIORITY
    }

    [Fact]
    public void A_lookup_asks_for_a_full_length_destination_without_an_acknowledgement()
    {
        Span<byte> message = RouteMessages.Lookup(new byte[RouteMessages.MaxRequestSize], IPAddress.Parse("2001:db8::1"));

        Assert.Equal(16 + 12 + 20, message.Length);
        Assert.Equal(26, BinaryPrimitives.ReadUInt16LittleEndian(message[4..])); // RTM_GETROUTE
        Assert.Equal(0x001, BinaryPrimitives.ReadUInt16LittleEndian(message[6..])); // NLM_F_REQUEST only
        Assert.Equal(10, message[16]);
        Assert.Equal(128, message[17]);
        Assert.Equal(IPAddress.Parse("2001:db8::1").GetAddressBytes(), message[32..48].ToArray());
    }

    [Fact]
    public void A_route_in_a_table_of_its_own_names_the_table_and_its_source()
    {
        var route = new RouteEntry(IPAddress.Parse("10.99.0.1"), 32, 3) { Table = 4500, PreferredSource = IPAddress.Parse("10.99.0.2") };
        Span<byte> message = RouteMessages.Route(new byte[RouteMessages.MaxRequestSize], RouteMessages.NewRoute, route);

        Assert.Equal(16 + 12 + 8 + 8 + 8 + 8, message.Length);
        Assert.Equal(new byte[] { 2, 32, 0, 0, 0, 4, 253, 1 }, message[16..24].ToArray()); // RT_TABLE_UNSPEC beyond 255, link scope
        Assert.Equal(new byte[] { 8, 0, 7, 0, 10, 99, 0, 2 }, message[44..52].ToArray()); // RTA_PREFSRC
        Assert.Equal(new byte[] { 8, 0, 15, 0, 0x94, 0x11, 0, 0 }, message[52..60].ToArray()); // RTA_TABLE 4500
    }

    [Fact]
    public void The_rule_for_packets_this_host_sends_looks_up_the_table_by_input_interface()
    {
        var rule = new RoutingRule(System.Net.Sockets.AddressFamily.InterNetwork, 4501) { InputInterface = "lo", Table = 4500 };
        Span<byte> message = RouteMessages.Rule(new byte[RouteMessages.MaxRequestSize], RouteMessages.NewRule, rule);

        Assert.Equal(16 + 12 + 8 + 8 + 8, message.Length);
        Assert.Equal(32, BinaryPrimitives.ReadUInt16LittleEndian(message[4..])); // RTM_NEWRULE
        Assert.Equal(new byte[] { 2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 }, message[16..28].ToArray()); // FR_ACT_TO_TBL, table beyond 255
        Assert.Equal(new byte[] { 8, 0, 6, 0, 0x95, 0x11, 0, 0 }, message[28..36].ToArray()); // FRA_PRIORITY 4501
        Assert.Equal(new byte[] { 7, 0, 3, 0, (byte)'l', (byte)'o', 0, 0 }, message[36..44].ToArray()); // FRA_IIFNAME "lo\0", padded
        Assert.Equal(new byte[] { 8, 0, 15, 0, 0x94, 0x11, 0, 0 }, message[44..52].ToArray()); // FRA_TABLE 4500
    }

    [Fact]
    public void Marked_packets_jump_past_the_table_to_a_rule_that_does_nothing()
    {
        var jump = new RoutingRule(System.Net.Sockets.AddressFamily.InterNetworkV6, 4500) { Mark = 0x4500, GotoPriority = 4502 };
        Span<byte> message = RouteMessages.Rule(new byte[RouteMessages.MaxRequestSize], RouteMessages.DeleteRule, jump);

        Assert.Equal(33, BinaryPrimitives.ReadUInt16LittleEndian(message[4..])); // RTM_DELRULE
        Assert.Equal(new byte[] { 10, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0 }, message[16..28].ToArray()); // FR_ACT_GOTO
        Assert.Equal(new byte[] { 8, 0, 10, 0, 0, 0x45, 0, 0 }, message[36..44].ToArray()); // FRA_FWMARK
        Assert.Equal(new byte[] { 8, 0, 16, 0, 255, 255, 255, 255 }, message[44..52].ToArray()); // FRA_FWMASK
        Assert.Equal(new byte[] { 8, 0, 4, 0, 0x96, 0x11, 0, 0 }, message[52..60].ToArray()); // FRA_GOTO 4502

        Span<byte> nop = RouteMessages.Rule(new byte[RouteMessages.MaxRequestSize], RouteMessages.NewRule, new RoutingRule(System.Net.Sockets.AddressFamily.InterNetwork, 4502));
        Assert.Equal(16 + 12 + 8, nop.Length);
        Assert.Equal(3, nop[23]); // FR_ACT_NOP
    }

    [Fact]
    public void A_route_answer_yields_interface_gateway_and_preferred_source()
    {
        byte[] payload = Answer(2, (4, [5, 0, 0, 0]), (15, [254, 0, 0, 0]), (5, [10, 99, 0, 2]), (7, [10, 99, 0, 1]));

        Assert.True(RouteReply.TryRead(payload, out RoutePath? path));
        Assert.Equal(new RoutePath(5, IPAddress.Parse("10.99.0.2"), IPAddress.Parse("10.99.0.1")), path);
    }

    [Fact]
    public void An_on_link_answer_has_no_gateway()
    {
        Assert.True(RouteReply.TryRead(Answer(2, (4, [5, 0, 0, 0])), out RoutePath? path));
        Assert.Equal(new RoutePath(5, null, null), path);
    }

    [Theory]
    [InlineData(2, 4)] // an IPv4 answer whose gateway is not 4 bytes
    [InlineData(10, 4)] // an IPv6 answer with an IPv4-sized gateway
    public void A_gateway_of_the_wrong_size_is_rejected(byte family, int gatewayLength)
    {
        byte[] gateway = new byte[family == 2 ? gatewayLength + 1 : gatewayLength];
        Assert.False(RouteReply.TryRead(Answer(family, (4, [5, 0, 0, 0]), (5, gateway)), out _));
    }

    [Fact]
    public void An_answer_without_an_output_interface_or_with_a_runaway_attribute_is_rejected()
    {
        Assert.False(RouteReply.TryRead(Answer(2, (5, [10, 99, 0, 2])), out _));
        byte[] runaway = Answer(2, (4, [5, 0, 0, 0]));
        BinaryPrimitives.WriteUInt16LittleEndian(runaway.AsSpan(12), 200);
        Assert.False(RouteReply.TryRead(runaway, out _));
        Assert.False(RouteReply.TryRead(new byte[8], out _));
    }

    private static byte[] Answer(byte family, params (ushort Type, byte[] Value)[] attributes)
    {
        var bytes = new List<byte> { family, 32, 0, 0, 254, 2, 0, 1, 0, 0, 0, 0 };
        foreach ((ushort type, byte[] value) in attributes)
        {
            int length = 4 + value.Length;
            bytes.AddRange([(byte)length, (byte)(length >> 8), (byte)type, (byte)(type >> 8)]);
            bytes.AddRange(value);
            while (bytes.Count % 4 != 0)
            {
                bytes.Add(0);
            }
        }

        return [.. bytes];
    }
}
