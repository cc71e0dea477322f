using System.Buffers.Binary;
using System.Net;
using IpsecTun.Engine.Control;
using IpsecTun.Engine.Tests.Runtime.Fakes;
using IpsecTun.Engine.Tests.Views;
using IpsecTun.Esp;
using static IpsecTun.Engine.Tests.Runtime.SourceNatPlans;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>The manual's RoadWarrior client with NAT, end to end through two in-memory endpoints.</summary>
public sealed class EndpointSourceNatTests
{
    private const int UdpSourcePort = 20;
    private const int UdpPayload = 28;

    [Fact]
    public void A_host_behind_the_client_reaches_the_office_as_the_virtual_address_and_gets_its_reply()
    {
        var forwarding = new FakeIpForwarding(enabled: false);
        using var pair = new TwoEndpoints(Gateway(), Client(passive: false), clientForwarding: forwarding);
        TwoEndpoints.Eventually(() => pair.Client.SourceNat.RuleCount == 1, "the mode-config result to set up the source NAT");
        Assert.True(forwarding.Ipv4Enabled);

        pair.ClientTun.Inject(TestPackets.Udp(HostA, Office, 7777, "from the lan"));
        byte[] arrived = TwoEndpoints.Take(pair.GatewayTun);
        Assert.Equal(IPAddress.Parse(VirtualAddress), Source(arrived));
        Assert.Equal("from the lan", Text(arrived));

        pair.GatewayTun.Inject(SwapPorts(TestPackets.Udp(Office, VirtualAddress, 0, "reply"), 7777, SourcePort(arrived)));
        byte[] back = TwoEndpoints.Take(pair.ClientTun);
        Assert.Equal(IPAddress.Parse(HostA), Destination(back));
        Assert.Equal(40000, BinaryPrimitives.ReadUInt16BigEndian(back.AsSpan(22)));
        Assert.Equal("reply", Text(back));

        ViewRow statistics = Assert.Single(pair.Client.Show(ViewMenu.Statistics, withKeys: false));
        Assert.Equal("1", RowAssert.Value(statistics, "src-nat-out-translated"));
        Assert.Equal("1", RowAssert.Value(statistics, "src-nat-in-translated"));
        Assert.Equal("1", RowAssert.Value(statistics, "src-nat-connections"));
    }

    [Fact]
    public void Two_hosts_on_the_same_port_leave_on_distinct_ports_and_each_gets_its_own_reply()
    {
        using var pair = new TwoEndpoints(Gateway(), Client(passive: false));
        TwoEndpoints.Eventually(() => pair.Client.SourceNat.RuleCount == 1, "the mode-config result to set up the source NAT");

        pair.ClientTun.Inject(TestPackets.Udp(HostA, Office, 7777, "a"));
        byte[] fromA = TwoEndpoints.Take(pair.GatewayTun);
        pair.ClientTun.Inject(TestPackets.Udp(HostB, Office, 7777, "b"));
        byte[] fromB = TwoEndpoints.Take(pair.GatewayTun);
        Assert.Equal(IPAddress.Parse(VirtualAddress), Source(fromB));
        Assert.NotEqual(SourcePort(fromA), SourcePort(fromB));

        pair.GatewayTun.Inject(SwapPorts(TestPackets.Udp(Office, VirtualAddress, 0, "to b"), 7777, SourcePort(fromB)));
        byte[] toB = TwoEndpoints.Take(pair.ClientTun);
        pair.GatewayTun.Inject(SwapPorts(TestPackets.Udp(Office, VirtualAddress, 0, "to a"), 7777, SourcePort(fromA)));
        byte[] toA = TwoEndpoints.Take(pair.ClientTun);
        Assert.Equal((IPAddress.Parse(HostB), "to b"), (Destination(toB), Text(toB)));
        Assert.Equal((IPAddress.Parse(HostA), "to a"), (Destination(toA), Text(toA)));
    }

    [Fact]
    public void Traffic_of_the_client_itself_and_of_hosts_outside_the_list_is_left_alone()
    {
        using var pair = new TwoEndpoints(Gateway(), Client(passive: false));
        TwoEndpoints.Eventually(() => pair.Client.SourceNat.RuleCount == 1, "the mode-config result to set up the source NAT");

        byte[] own = TestPackets.Udp(VirtualAddress, Office, 7777, "own");
        pair.ClientTun.Inject(own);
        Assert.Equal(own, TwoEndpoints.Take(pair.GatewayTun));

        pair.ClientTun.Inject(TestPackets.Udp("192.168.99.1", Office, 7777, "stranger"));
        pair.ClientTun.Inject(TestPackets.Udp(HostA, Office, 7777, "listed"));
        Assert.Equal("listed", Text(TwoEndpoints.Take(pair.GatewayTun)));
        Assert.Equal(1, pair.Client.SourceNat.Statistics[SourceNatCounter.OutboundTranslated]);
    }

    [Fact]
    public void The_rule_goes_with_the_peer_and_forwarding_is_turned_off_again()
    {
        var forwarding = new FakeIpForwarding(enabled: false);
        using var pair = new TwoEndpoints(Gateway(), Client(passive: false), clientForwarding: forwarding);
        TwoEndpoints.Eventually(() => pair.Client.SourceNat.RuleCount == 1, "the mode-config result to set up the source NAT");

        Assert.True(pair.Client.Disconnect("gw"));
        TwoEndpoints.Eventually(() => pair.Client.SourceNat.RuleCount == 0, "the source NAT to go with the peer");
        TwoEndpoints.Eventually(() => !forwarding.Ipv4Enabled, "forwarding to be turned off");
        Assert.Equal(2, forwarding.Writes);
    }

    [Fact]
    public void Forwarding_already_on_is_left_on()
    {
        var forwarding = new FakeIpForwarding(enabled: true);
        using var pair = new TwoEndpoints(Gateway(), Client(passive: false), clientForwarding: forwarding);
        TwoEndpoints.Eventually(() => pair.Client.SourceNat.RuleCount == 1, "the mode-config result to set up the source NAT");

        pair.Client.Stop();
        Assert.Equal(0, pair.Client.SourceNat.RuleCount);
        Assert.True(forwarding.Ipv4Enabled);
        Assert.Equal(0, forwarding.Writes);
    }

    [Fact]
    public void Without_a_src_address_list_nothing_is_translated_and_statistics_show_no_source_nat()
    {
        using var pair = new TwoEndpoints(Gateway(), Client(passive: false, srcAddressList: null));
        TwoEndpoints.Eventually(() => pair.Client.Show(ViewMenu.ActivePeers, withKeys: false).Count == 1, "the tunnel");

        Assert.Equal(0, pair.Client.SourceNat.RuleCount);
        ViewRow statistics = Assert.Single(pair.Client.Show(ViewMenu.Statistics, withKeys: false));
        Assert.DoesNotContain(statistics.Properties, p => p.Key.StartsWith("src-nat-", StringComparison.Ordinal));
    }

    private static IPAddress Source(byte[] packet) => new(packet.AsSpan(12, 4));

    private static IPAddress Destination(byte[] packet) => new(packet.AsSpan(16, 4));

    private static ushort SourcePort(byte[] packet) => BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(UdpSourcePort));

    private static string Text(byte[] packet) => System.Text.Encoding.ASCII.GetString(packet.AsSpan(UdpPayload));

    /// <summary>A reply from the office: its source port is the service's, its destination the port the request came from.</summary>
    private static byte[] SwapPorts(byte[] packet, ushort source, ushort destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(UdpSourcePort), source);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(UdpSourcePort + 2), destination);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(UdpSourcePort + 6), 0); // no UDP checksum, since the ports changed
        return packet;
    }
}
