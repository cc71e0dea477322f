using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.Json;

namespace IpsecTun.Platform.Tests;

/// <summary>
/// A peer's address routed into a TUN device in the policy routing table, as the kernel then routes it: into the
/// device for packets this host sends, on the uplink for marked ones and for forwarded ones, and back on the
/// uplink once Dispose removed the route and the rules.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PolicyRoutingTests
{
    private static readonly IPAddress PeerV4 = IPAddress.Parse("10.99.0.7");
    private static readonly IPAddress PeerV6 = IPAddress.Parse("fd99::7");

    [Fact]
    public void Unmarked_packets_from_this_host_to_the_peer_enter_the_device_and_marked_or_forwarded_ones_keep_the_uplink_until_Dispose()
    {
        IsolatedNetwork.Run(() =>
        {
            _ = new UplinkFixture();
            using var tunnel = new TunnelFixture();
            var network = new NetlinkNetworkConfigurator();
            int index = tunnel.Device.InterfaceIndex;
            network.AddRoute(new RouteEntry(PeerV4, 32, index) { Table = PolicyRouting.Table, PreferredSource = UplinkFixture.LocalV4 });
            network.AddRoute(new RouteEntry(PeerV6, 128, index) { Table = PolicyRouting.Table, PreferredSource = UplinkFixture.LocalV6 });
            foreach (RoutingRule rule in PolicyRouting.RulesFor(AddressFamily.InterNetwork).Concat(PolicyRouting.RulesFor(AddressFamily.InterNetworkV6)))
            {
                network.AddRule(rule);
            }

            foreach ((IPAddress peer, IPAddress local) in new[] { (PeerV4, UplinkFixture.LocalV4), (PeerV6, UplinkFixture.LocalV6) })
            {
                JsonElement unmarked = Get(peer);
                Assert.Equal(tunnel.Device.Name, unmarked.GetProperty("dev").GetString());
                Assert.Equal(local.ToString(), unmarked.GetProperty("prefsrc").GetString());
                Assert.Equal(UplinkFixture.Name, Get(peer, "mark", "0x4500").GetProperty("dev").GetString());
            }

            // A packet another host sent through this one is not the transport-mode SA's to protect.
            File.WriteAllText("/proc/sys/net/ipv4/ip_forward", "1");
            JsonElement forwarded = Get(PeerV4, "from", "10.99.0.50", "iif", UplinkFixture.Name);
            Assert.Equal(UplinkFixture.Name, forwarded.GetProperty("dev").GetString());

            network.Dispose();

            Assert.Equal(UplinkFixture.Name, Get(PeerV4).GetProperty("dev").GetString());
            Assert.Equal(UplinkFixture.Name, Get(PeerV6).GetProperty("dev").GetString());
            Assert.DoesNotContain("450", IpCommand.Json("rule", "show").GetRawText() + IpCommand.Json("-6", "rule", "show").GetRawText(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_rule_for_the_main_table_or_jumping_backwards_is_refused_before_reaching_the_kernel()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RoutingRule(AddressFamily.InterNetwork, 4500) { Table = 254 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new RoutingRule(AddressFamily.InterNetwork, 4500) { GotoPriority = 4499 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new RoutingRule(AddressFamily.InterNetwork, 4500) { Table = 4500, GotoPriority = 4502 }.Validate());
        Assert.Throws<ArgumentException>(() => new RoutingRule(AddressFamily.Unix, 4500).Validate());
        Assert.All(PolicyRouting.RulesFor(AddressFamily.InterNetworkV6), rule => rule.Validate());
        Assert.Throws<ArgumentException>(() => new RouteEntry(PeerV4, 32, 1) { PreferredSource = UplinkFixture.LocalV6 }.Validate());
    }

    private static JsonElement Get(IPAddress destination, params string[] more) =>
        IpCommand.Json([.. destination.AddressFamily == AddressFamily.InterNetworkV6 ? ["-6"] : Array.Empty<string>(), "route", "get", destination.ToString(), .. more])[0];
}
