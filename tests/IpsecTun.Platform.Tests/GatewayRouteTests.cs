using System.Net;
using System.Runtime.Versioning;
using System.Text.Json;

namespace IpsecTun.Platform.Tests;

[SupportedOSPlatform("linux")]
public sealed class GatewayRouteTests
{
    [Theory]
    [InlineData("198.51.100.7")]
    [InlineData("2001:db8:7::7")]
    public void A_host_route_through_the_current_gateway_is_installed_with_its_metric_and_removed(string peer)
    {
        IsolatedNetwork.Run(() =>
        {
            var uplink = new UplinkFixture();
            var address = IPAddress.Parse(peer);
            using var lookup = new NetlinkRouteLookup();
            using var network = new NetlinkNetworkConfigurator();
            RouteEntry route = RouteEntry.HostRoute(address, lookup.Lookup(address)!, metric: 7);

            network.AddRoute(route);

            JsonElement installed = Assert.Single(HostRoutes(address));
            Assert.Equal(UplinkFixture.GatewayFor(address).ToString(), installed.GetProperty("gateway").GetString());
            Assert.Equal(UplinkFixture.Name, installed.GetProperty("dev").GetString());
            Assert.Equal(7, installed.GetProperty("metric").GetInt32());
            Assert.Equal(uplink.Index, route.InterfaceIndex);

            network.RemoveRoute(route);
            Assert.Empty(HostRoutes(address));
        });
    }

    [Theory]
    [InlineData("198.51.100.7", "198.51.100.8", "0.0.0.0", "128.0.0.0", 1)]
    [InlineData("2001:db8:7::7", "2001:db8:7::8", "::", "8000::", 1)]
    public void A_pinned_peer_keeps_its_real_path_when_the_tunnel_takes_every_other_destination(
        string peer, string other, string lowHalf, string highHalf, int halfPrefix)
    {
        IsolatedNetwork.Run(() =>
        {
            var uplink = new UplinkFixture();
            using var tunnel = new TunnelFixture();
            using var lookup = new NetlinkRouteLookup();
            var peerAddress = IPAddress.Parse(peer);
            var network = new NetlinkNetworkConfigurator();
            network.AddRoute(RouteEntry.HostRoute(peerAddress, lookup.Lookup(peerAddress)!));
            int tun = tunnel.Device.InterfaceIndex;
            network.AddRoute(new RouteEntry(IPAddress.Parse(lowHalf), halfPrefix, tun));
            network.AddRoute(new RouteEntry(IPAddress.Parse(highHalf), halfPrefix, tun));

            Assert.Equal(tun, lookup.Lookup(IPAddress.Parse(other))!.InterfaceIndex);
            RoutePath pinned = lookup.Lookup(peerAddress)!;
            Assert.Equal(uplink.Index, pinned.InterfaceIndex);
            Assert.Equal(UplinkFixture.GatewayFor(peerAddress), pinned.Gateway);

            network.Dispose();
            Assert.Empty(HostRoutes(peerAddress));
            Assert.Equal(uplink.Index, lookup.Lookup(IPAddress.Parse(other))!.InterfaceIndex);
        });
    }

    [Fact]
    public void An_IPv6_peer_behind_a_link_local_gateway_is_pinned_through_that_gateway_and_interface()
    {
        IsolatedNetwork.Run(() =>
        {
            var uplink = new UplinkFixture(withDefaultRoutes: false);
            IpCommand.Json("-6", "route", "add", "default", "via", "fe80::2", "dev", UplinkFixture.Name);
            var peer = IPAddress.Parse("2001:db8:7::7");
            using var lookup = new NetlinkRouteLookup();
            using var network = new NetlinkNetworkConfigurator();

            RoutePath path = lookup.Lookup(peer)!;
            network.AddRoute(RouteEntry.HostRoute(peer, path));

            Assert.Equal(IPAddress.Parse("fe80::2"), path.Gateway);
            JsonElement installed = Assert.Single(HostRoutes(peer));
            Assert.Equal("fe80::2", installed.GetProperty("gateway").GetString());
            Assert.Equal(uplink.Index, lookup.Lookup(peer)!.InterfaceIndex);
        });
    }

    [Fact]
    public void A_gateway_of_the_other_family_is_refused_before_reaching_the_kernel()
    {
        var route = new RouteEntry(IPAddress.Parse("198.51.100.7"), 32, 2, IPAddress.Parse("fd99::2"));
        Assert.Throws<ArgumentException>(route.Validate);
    }

    private static List<JsonElement> HostRoutes(IPAddress address)
    {
        string family = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? "-4" : "-6";
        return [.. IpCommand.Json(family, "route", "show", "exact", address.ToString()).EnumerateArray()];
    }
}
