using System.Net;
using IpsecTun.Core;
using IpsecTun.Engine.Control;
using IpsecTun.Engine.Tests.Runtime.Fakes;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>The road-warrior client applying what the gateway's mode-config assigned, and undoing it.</summary>
public sealed class ModeConfigClientTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void The_virtual_address_a_policy_and_a_route_per_split_network_and_dns_come_up_carry_traffic_and_go_on_disconnect()
    {
        var dns = new RecordingDns();
        using var pair = new TwoEndpoints(ModeConfigPlans.Gateway("10.1.0.0/24", "10.1.0.0/24"), ModeConfigPlans.Client(), clientDns: dns);
        TwoEndpoints.Eventually(() => pair.Client.Sad.InstalledSas.Count == 2, "the client to come up at start");

        Assert.Equal(["10.77.0.5/32"], pair.ClientAdapter.Addresses.Keys);
        Assert.Equal(["10.1.0.0/24"], pair.ClientAdapter.Routes.Keys);
        var applied = Assert.NotNull(dns.Current);
        Assert.Equal("cl0", applied.Interface);
        Assert.Equal(["10.1.0.53"], applied.Servers);
        Assert.Equal(["corp.example"], applied.Domains);
        SecurityPolicy policy = Assert.Single(pair.Client.Spd.Policies);
        Assert.Equal("10.77.0.5/32", policy.Selector.Source.ToString());
        Assert.Equal("10.1.0.0/24", policy.Selector.Destination.ToString());
        Assert.True(policy.Dynamic);
        Assert.Equal(PolicyLevel.Unique, policy.Level);
        Assert.Equal("gw", policy.Peer);
        Assert.Equal(Ph2State.Established, policy.Ph2State);

        byte[] sent = TestPackets.Udp(ModeConfigPlans.VirtualAddress, "10.1.0.7", 7777, "from the virtual address");
        pair.ClientTun.Inject(sent);
        Assert.Equal(sent, TwoEndpoints.Take(pair.GatewayTun));
        byte[] reply = TestPackets.Udp("10.1.0.7", ModeConfigPlans.VirtualAddress, 7777, "to the virtual address");
        pair.GatewayTun.Inject(reply);
        Assert.Equal(reply, TwoEndpoints.Take(pair.ClientTun));

        ViewRow peer = Assert.Single(pair.Client.Show(ViewMenu.ActivePeers, withKeys: false));
        Assert.Equal(ModeConfigPlans.VirtualAddress, EndpointTrafficTests.Value(peer, "dynamic-address"));
        ViewRow row = Assert.Single(pair.Client.Show(ViewMenu.Policy, withKeys: false));
        Assert.Contains("D", row.Flags, StringComparison.Ordinal);
        Assert.Equal("established", EndpointTrafficTests.Value(row, "ph2-state"));

        Assert.True(pair.Client.Disconnect("gw"));
        Assert.Empty(pair.ClientAdapter.Addresses);
        Assert.Empty(pair.ClientAdapter.Routes);
        Assert.Empty(pair.Client.Spd.Policies);
        Assert.Null(dns.Current);
        Assert.Equal(1, dns.Restores);
    }

    [Fact]
    public void A_full_tunnel_routes_all_but_the_gateway_and_the_local_network_and_discards_ipv6_it_has_no_address_for()
    {
        using var pair = new TwoEndpoints(ModeConfigPlans.Gateway("0.0.0.0/0"), ModeConfigPlans.Client());
        TwoEndpoints.Eventually(() => pair.Client.Sad.InstalledSas.Count == 2, "the client to come up at start");

        IPNetwork[] routes = [.. pair.ClientAdapter.Routes.Keys.Select(IPNetwork.Parse)];
        foreach (string tunnelled in new[] { "8.8.8.8", "10.1.0.7", "198.51.101.1", "255.255.255.254", "2001:db8::1", "fe80::1" })
        {
            Assert.Single(routes, r => r.Contains(IPAddress.Parse(tunnelled)));
        }

        foreach (string bypass in new[] { TestPlans.GatewayAddress.ToString(), TestPlans.ClientAddress.ToString(), "198.51.100.200" })
        {
            Assert.DoesNotContain(routes, r => r.Contains(IPAddress.Parse(bypass)));
        }

        Assert.DoesNotContain(routes, r => r.PrefixLength == 0);
        Assert.Contains(IPNetwork.Parse("::/1"), routes);
        Assert.Contains(IPNetwork.Parse("8000::/1"), routes);

        byte[] anywhere = TestPackets.Udp(ModeConfigPlans.VirtualAddress, "8.8.8.8", 53, "anywhere through the tunnel");
        pair.ClientTun.Inject(anywhere);
        Assert.Equal(anywhere, TwoEndpoints.Take(pair.GatewayTun));

        SecurityPolicy block = pair.Client.Spd.Policies[^1];
        Assert.Equal((PolicyAction.Discard, "::/0", "::/0"), (block.Action, block.Selector.Source.ToString(), block.Selector.Destination.ToString()));
        pair.ClientTun.Inject(TestPackets.Udp6("2001:db8:1::2", "2001:db8::1", 53, "ipv6 must not leak"));
        TwoEndpoints.Eventually(() => pair.Client.Statistics[IpsecCounter.OutPolicyBlocked] == 1, "the IPv6 packet to be discarded");

        pair.Client.Stop();
        Assert.Empty(pair.ClientAdapter.Routes);
        Assert.Empty(pair.ClientAdapter.Addresses);
    }

    [Fact]
    public void A_gateway_found_dead_takes_the_address_routes_policies_and_dns_with_it()
    {
        var dns = new RecordingDns();
        using var pair = new TwoEndpoints(ModeConfigPlans.Gateway("10.1.0.0/24", "10.1.0.0/24"), ModeConfigPlans.Client(dpd: TimeSpan.FromSeconds(10)), clientDns: dns);
        TwoEndpoints.Eventually(() => pair.Client.Sad.InstalledSas.Count == 2 && dns.Current is not null, "the client to come up at start");

        pair.Network.Cut(TestPlans.GatewayAddress, cut: true);
        pair.AdvanceUntil(() => pair.ClientAdapter.Addresses.IsEmpty, Second, TimeSpan.FromSeconds(40));
        Assert.Empty(pair.ClientAdapter.Routes);
        Assert.Empty(pair.Client.Spd.Policies);
        Assert.Null(dns.Current);

        // Back again: the next connection applies a fresh result.
        pair.Network.Cut(TestPlans.GatewayAddress, cut: false);
        pair.AdvanceUntil(() => !pair.ClientAdapter.Addresses.IsEmpty && pair.Client.Sad.InstalledSas.Count == 2, Second, TimeSpan.FromSeconds(60));
        Assert.Equal(["10.1.0.0/24"], pair.ClientAdapter.Routes.Keys);
        Assert.NotNull(dns.Current);
        Assert.Equal(1, dns.Restores);
    }

    [Fact]
    public void A_split_network_without_a_child_sa_gets_its_own_from_the_virtual_address()
    {
        using var pair = new TwoEndpoints(ModeConfigPlans.Gateway("10.0.0.0/8", "10.1.0.0/24", "10.3.0.0/24"), ModeConfigPlans.Client());
        TwoEndpoints.Eventually(() => pair.Client.Spd.Policies.Count(p => p.Ph2State == Ph2State.Established) >= 2, "both split networks to get an SA");

        foreach (string destination in new[] { "10.1.0.7", "10.3.0.7" })
        {
            byte[] sent = TestPackets.Udp(ModeConfigPlans.VirtualAddress, destination, 7777, "split " + destination);
            pair.ClientTun.Inject(sent);
            Assert.Equal(sent, TwoEndpoints.Take(pair.GatewayTun));
        }

        Assert.Equal(["10.1.0.0/24", "10.3.0.0/24"], pair.ClientAdapter.Routes.Keys.Order());
    }
}
