using System.Net;
using System.Runtime.Versioning;
using System.Text.Json;

namespace IpsecTun.Platform.Tests;

[SupportedOSPlatform("linux")]
public sealed class NetlinkNetworkConfiguratorTests
{
    [Fact]
    public void Mtu_link_state_and_addresses_set_over_netlink_are_what_the_kernel_reports()
    {
        IsolatedNetwork.Run(() =>
        {
            using var tunnel = new TunnelFixture();
            string name = tunnel.Device.Name;

            JsonElement link = IpCommand.Json("link", "show", "dev", name)[0];
            Assert.Equal(TunnelFixture.Mtu, link.GetProperty("mtu").GetInt32());
            Assert.Contains("UP", link.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));

            var addresses = Addresses(name);
            Assert.Contains(("10.77.0.1", 24), addresses);
            Assert.Contains(("fd77::1", 64), addresses);

            var routes = Routes(name);
            Assert.Contains("10.78.0.0/24", routes);
            Assert.Contains("fd78::/64", routes);
        });
    }

    [Fact]
    public void Dispose_removes_the_addresses_and_routes_it_added_and_leaves_the_link()
    {
        IsolatedNetwork.Run(() =>
        {
            using var device = TunDevice.Open("ipt%d");
            var network = new NetlinkNetworkConfigurator();
            network.SetLinkUp(device.InterfaceIndex, true);
            network.AddAddress(device.InterfaceIndex, TunnelFixture.LocalV4, 24);
            network.AddAddress(device.InterfaceIndex, TunnelFixture.LocalV6, 64);
            network.AddRoute(device.InterfaceIndex, TunnelFixture.RoutedNetworkV4, 24);
            network.AddRoute(device.InterfaceIndex, TunnelFixture.RoutedNetworkV6, 64);
            Assert.Contains(("10.77.0.1", 24), Addresses(device.Name));
            Assert.Contains("10.78.0.0/24", Routes(device.Name));

            network.Dispose();

            var addresses = Addresses(device.Name);
            Assert.DoesNotContain(("10.77.0.1", 24), addresses);
            Assert.DoesNotContain(("fd77::1", 64), addresses);
            var routes = Routes(device.Name);
            Assert.DoesNotContain("10.78.0.0/24", routes);
            Assert.DoesNotContain("fd78::/64", routes);
            Assert.Contains(device.Name, IpCommand.LinkNames());
        });
    }

    [Fact]
    public void Closing_the_device_without_undoing_leaves_no_device_address_or_route_and_a_later_Dispose_does_not_fail()
    {
        IsolatedNetwork.Run(() =>
        {
            // What a crash leaves: the descriptor closes, nothing is undone.
            var tunnel = new TunnelFixture();
            string name = tunnel.Device.Name;
            tunnel.Device.Dispose();

            IpCommand.WaitUntilLinkGone(name);
            Assert.DoesNotContain(name, IpCommand.LinkNames());
            string addresses = IpCommand.Json("addr", "show").GetRawText();
            Assert.DoesNotContain("10.77.0.1", addresses, StringComparison.Ordinal);
            Assert.DoesNotContain("fd77::1", addresses, StringComparison.Ordinal);
            string routes = IpCommand.Json("route", "show", "table", "all").GetRawText() + IpCommand.Json("-6", "route", "show", "table", "all").GetRawText();
            Assert.DoesNotContain("10.78.0.0", routes, StringComparison.Ordinal);
            Assert.DoesNotContain("fd78::", routes, StringComparison.Ordinal);

            tunnel.Network.Dispose();
        });
    }

    [Fact]
    public void Removing_an_address_takes_it_off_the_interface_and_out_of_the_undo_list()
    {
        IsolatedNetwork.Run(() =>
        {
            using var tunnel = new TunnelFixture();
            tunnel.Network.RemoveAddress(tunnel.Device.InterfaceIndex, TunnelFixture.LocalV4, 24);
            Assert.DoesNotContain(("10.77.0.1", 24), Addresses(tunnel.Device.Name));

            tunnel.Network.AddAddress(tunnel.Device.InterfaceIndex, IPAddress.Parse("10.77.0.2"), 24);
            Assert.Contains(("10.77.0.2", 24), Addresses(tunnel.Device.Name));
        });
    }

    [Fact]
    public void A_kernel_refusal_surfaces_with_its_errno()
    {
        IsolatedNetwork.Run(() =>
        {
            using var tunnel = new TunnelFixture();
            var error = Assert.Throws<System.ComponentModel.Win32Exception>(
                () => tunnel.Network.AddAddress(tunnel.Device.InterfaceIndex, TunnelFixture.LocalV4, 24));
            Assert.Equal(17, error.NativeErrorCode); // EEXIST: the fixture already added it
        });
    }

    [Fact]
    public void A_route_with_host_bits_is_refused_before_reaching_the_kernel()
    {
        IsolatedNetwork.Run(() =>
        {
            using var network = new NetlinkNetworkConfigurator();
            Assert.Throws<ArgumentException>(() => network.AddRoute(1, IPAddress.Parse("10.78.0.1"), 24));
        });
    }

    private static List<(string Address, int Prefix)> Addresses(string device) =>
        IpCommand.Json("addr", "show", "dev", device).EnumerateArray()
            .SelectMany(link => link.GetProperty("addr_info").EnumerateArray())
            .Select(a => (a.GetProperty("local").GetString()!, a.GetProperty("prefixlen").GetInt32()))
            .ToList();

    private static List<string> Routes(string device) =>
        IpCommand.Json("route", "show", "dev", device).EnumerateArray()
            .Concat(IpCommand.Json("-6", "route", "show", "dev", device).EnumerateArray())
            .Select(r => r.GetProperty("dst").GetString()!)
            .ToList();
}
