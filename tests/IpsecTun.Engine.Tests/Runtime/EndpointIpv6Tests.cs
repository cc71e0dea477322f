using System.Buffers.Binary;
using System.Net;
using IpsecTun.Core;
using IpsecTun.Engine.Control;
using IpsecTun.Engine.Plan;
using IpsecTun.Engine.Runtime;
using IpsecTun.Engine.Tests.Runtime.Fakes;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>Tunnels between endpoints that reach each other over IPv6, and IPv6 inside a tunnel over IPv4.</summary>
public sealed class EndpointIpv6Tests
{
    [Fact]
    public void Ipv6_packets_between_ipv6_sites_acquire_a_tunnel_over_ipv6_and_cross_it_both_ways()
    {
        using TwoEndpoints pair = Pair(TestPlans.GatewayAddress6, TestPlans.ClientAddress6);

        CrossBothWays(pair, "hello over ipv6");

        AssertTunnel(pair, TestPlans.GatewayAddress6, TestPlans.ClientAddress6, "fd02::/64", "fd01::/64");
        Assert.Equal(["fd01::/64"], pair.ClientAdapter.Routes.Keys);
    }

    [Fact]
    public void Ipv4_packets_cross_a_tunnel_whose_endpoints_reach_each_other_over_ipv6()
    {
        using TwoEndpoints pair = Pair(TestPlans.GatewayAddress6, TestPlans.ClientAddress6, TestPlans.GatewayNet, TestPlans.ClientNet);

        Assert.Equal("v4 in v6", System.Text.Encoding.ASCII.GetString(pair.ClientToGateway("v4 in v6").AsSpan(28)));
        Assert.Equal("back", System.Text.Encoding.ASCII.GetString(pair.GatewayToClient("back").AsSpan(28)));

        AssertTunnel(pair, TestPlans.GatewayAddress6, TestPlans.ClientAddress6, TestPlans.ClientNet, TestPlans.GatewayNet);
    }

    [Fact]
    public void Ipv6_packets_cross_a_tunnel_whose_endpoints_reach_each_other_over_ipv4()
    {
        using TwoEndpoints pair = Pair(TestPlans.GatewayAddress, TestPlans.ClientAddress);

        CrossBothWays(pair, "v6 in v4");

        AssertTunnel(pair, TestPlans.GatewayAddress, TestPlans.ClientAddress, "fd02::/64", "fd01::/64");
    }

    [Fact]
    public void A_gateway_known_by_a_name_that_resolves_to_an_ipv6_address_is_reached_over_ipv6()
    {
        (EndpointPlan gatewayPlan, EndpointPlan clientPlan) = TestPlans.Between(TestPlans.GatewayAddress6, TestPlans.ClientAddress6, gatewayName: "gw.example");
        using var pair = new TwoEndpoints(
            gatewayPlan, clientPlan, new CountingResolver("gw.example", TestPlans.GatewayAddress6),
            gatewayAddress: TestPlans.GatewayAddress6, clientAddress: TestPlans.ClientAddress6);

        CrossBothWays(pair, "to a name");

        AssertTunnel(pair, TestPlans.GatewayAddress6, TestPlans.ClientAddress6, "fd02::/64", "fd01::/64");
    }

    /// <summary>A plan holds the unspecified address as the ID of a peer without a local-address; the address in use goes out instead.</summary>
    [Theory]
    [InlineData("2001:db8::1", "2001:db8::2")]
    [InlineData("192.0.2.1", "198.51.100.2")]
    public void A_client_without_a_local_address_presents_the_address_it_sends_from_as_its_id(string gatewayAddress, string clientAddress)
    {
        (IPAddress gateway, IPAddress client) = (IPAddress.Parse(gatewayAddress), IPAddress.Parse(clientAddress));
        (EndpointPlan gatewayPlan, EndpointPlan clientPlan) = TestPlans.WithAddressIds(TestPlans.Between(gateway, client), client);
        using var pair = new TwoEndpoints(gatewayPlan, clientPlan, new DnsHostNameResolver(), gatewayAddress: gateway, clientAddress: client);

        CrossBothWays(pair, "known by address");

        AssertTunnel(pair, gateway, client, "fd02::/64", "fd01::/64");
    }

    [Fact]
    public void An_ipv6_policy_covering_the_peer_routes_everything_but_the_peers_ipv6_address_into_the_adapter()
    {
        using TwoEndpoints pair = Pair(TestPlans.GatewayAddress6, TestPlans.ClientAddress6, gatewayNet: "::/0");

        IReadOnlyCollection<string> routes = [.. pair.ClientAdapter.Routes.Keys];
        Assert.Equal(128, routes.Count);
        Assert.Contains("8000::/1", routes);
        Assert.Contains("2001:db8::/128", routes);
        Assert.DoesNotContain(routes, r => IPNetwork.Parse(r).Contains(TestPlans.GatewayAddress6));
    }

    /// <summary>
    /// A 1400-byte path less the IPv6 header, ESP's header, IV and ICV leaves 1328 bytes, whose largest
    /// multiple of 4 less ESP's 2-byte trailer is 1326: the tunnel's MTU, above the IPv6 minimum of 1280.
    /// </summary>
    [Fact]
    public void An_ipv6_packet_too_big_for_a_tunnel_over_ipv6_is_answered_with_packet_too_big_and_the_tunnels_mtu()
    {
        using TwoEndpoints pair = Pair(TestPlans.GatewayAddress6, TestPlans.ClientAddress6);
        pair.Network.LinkMtu = 1400;
        byte[] big = TestPackets.Udp6("fd02::5", "fd01::7", 7777, new string('x', 1380 - 48));

        // The first one waits for the tunnel, the second finds it up.
        foreach (int _ in new[] { 1, 2 })
        {
            pair.ClientTun.Inject(big);
            byte[] icmp = TwoEndpoints.Take(pair.ClientTun);

            SecurityAssociation outbound = pair.Client.Sad.InstalledSas.Single(sa => sa.Direction == SaDirection.Outbound);
            Assert.Equal(1326, outbound.InnerMtu);
            Assert.Equal(6, icmp[0] >> 4);
            Assert.Equal(IpProtocol.Icmpv6, icmp[6]);
            Assert.Equal(icmp.Length - 40, BinaryPrimitives.ReadUInt16BigEndian(icmp.AsSpan(4)));
            Assert.Equal(big.AsSpan(24, 16), icmp.AsSpan(8, 16));
            Assert.Equal(big.AsSpan(8, 16), icmp.AsSpan(24, 16));
            Assert.Equal((byte)2, icmp[40]);
            Assert.Equal((byte)0, icmp[41]);
            Assert.Equal((uint)outbound.InnerMtu, BinaryPrimitives.ReadUInt32BigEndian(icmp.AsSpan(44)));
            ulong sum = InternetChecksum.PseudoHeader(icmp.AsSpan(8, 16), icmp.AsSpan(24, 16), IpProtocol.Icmpv6, icmp.Length - 40);
            Assert.Equal(0xFFFF, InternetChecksum.Fold(InternetChecksum.Add(sum, icmp.AsSpan(40))));
            // The answer quotes what fits in the IPv6 minimum MTU (RFC 4443 §2.4 c).
            Assert.Equal(1280, icmp.Length);
            Assert.Equal(big.AsSpan(0, 1280 - 48), icmp.AsSpan(48));
        }

        Assert.Equal(2, pair.Client.Counters.TooBig);
        Assert.Empty(pair.GatewayTun.Written);
        byte[] fits = TestPackets.Udp6("fd02::5", "fd01::7", 7777, new string('y', 1326 - 48));
        pair.ClientTun.Inject(fits);
        Assert.Equal(fits, TwoEndpoints.Take(pair.GatewayTun));
    }

    private static TwoEndpoints Pair(IPAddress gateway, IPAddress client, string gatewayNet = TestPlans.GatewayNet6, string clientNet = TestPlans.ClientNet6)
    {
        (EndpointPlan gatewayPlan, EndpointPlan clientPlan) = TestPlans.Between(gateway, client, gatewayNet, clientNet);
        return new TwoEndpoints(gatewayPlan, clientPlan, new DnsHostNameResolver(), gatewayAddress: gateway, clientAddress: client);
    }

    /// <summary>An IPv6 packet from the client's site to the gateway's comes out unchanged, and one back.</summary>
    private static void CrossBothWays(TwoEndpoints pair, string text)
    {
        byte[] sent = TestPackets.Udp6("fd02::5", "fd01::7", 7777, text);
        pair.ClientTun.Inject(sent);
        Assert.Equal(sent, TwoEndpoints.Take(pair.GatewayTun));
        byte[] reply = TestPackets.Udp6("fd01::7", "fd02::5", 7777, "back");
        pair.GatewayTun.Inject(reply);
        Assert.Equal(reply, TwoEndpoints.Take(pair.ClientTun));
    }

    /// <summary>Both sides see one established peer at the other's outer address, with an SA pair between the outer addresses and the client's selectors.</summary>
    private static void AssertTunnel(TwoEndpoints pair, IPAddress gateway, IPAddress client, string clientNet, string gatewayNet)
    {
        ViewRow peer = Assert.Single(pair.Client.Show(ViewMenu.ActivePeers, withKeys: false));
        Assert.Equal("established", EndpointTrafficTests.Value(peer, "state"));
        Assert.Equal(gateway.ToString(), EndpointTrafficTests.Value(peer, "remote-address"));
        Assert.Equal(client.ToString(), EndpointTrafficTests.Value(Assert.Single(pair.Gateway.Show(ViewMenu.ActivePeers, withKeys: false)), "remote-address"));

        SecurityAssociation outbound = Assert.Single(pair.Client.Sad.InstalledSas, sa => sa.Direction == SaDirection.Outbound);
        SecurityAssociation inbound = Assert.Single(pair.Client.Sad.InstalledSas, sa => sa.Direction == SaDirection.Inbound);
        Assert.Equal((client, gateway), (outbound.Source, outbound.Destination));
        Assert.Equal((gateway, client), (inbound.Source, inbound.Destination));
        Assert.Null(outbound.Encapsulation);
        Assert.Equal(2, pair.Gateway.Sad.InstalledSas.Count(sa => sa.State == SaState.Mature));

        SecurityPolicy policy = Assert.Single(pair.Client.Spd.Policies);
        Assert.Equal((clientNet, gatewayNet), (policy.Selector.Source.ToString(), policy.Selector.Destination.ToString()));
        Assert.Equal(Ph2State.Established, policy.Ph2State);
        Assert.Equal(0, pair.Client.Counters.LoopFaults + pair.Gateway.Counters.LoopFaults);
    }
}
