using System.Net;

namespace IpsecTun.Platform.Tests;

/// <summary>What a configurator written before route entries (a test double) gets from the interface's defaults.</summary>
public sealed class NetworkConfiguratorDefaultsTests
{
    [Fact]
    public void An_on_link_route_entry_reaches_the_interface_and_prefix_overloads()
    {
        INetworkConfigurator configurator = new OnLinkOnlyConfigurator();
        var route = new RouteEntry(IPAddress.Parse("10.78.0.0"), 24, 4);

        configurator.AddRoute(route);
        configurator.RemoveRoute(route);

        Assert.Equal(["add 4 10.78.0.0/24", "remove 4 10.78.0.0/24"], ((OnLinkOnlyConfigurator)configurator).Calls);
    }

    [Fact]
    public void A_gateway_or_a_metric_is_refused_rather_than_dropped()
    {
        INetworkConfigurator configurator = new OnLinkOnlyConfigurator();

        Assert.Throws<NotSupportedException>(() => configurator.AddRoute(new RouteEntry(IPAddress.Parse("198.51.100.7"), 32, 4, IPAddress.Parse("10.99.0.2"))));
        Assert.Throws<NotSupportedException>(() => configurator.AddRoute(new RouteEntry(IPAddress.Parse("10.78.0.0"), 24, 4, null, 5)));
        Assert.Empty(((OnLinkOnlyConfigurator)configurator).Calls);
    }

    private sealed class OnLinkOnlyConfigurator : INetworkConfigurator
    {
        public List<string> Calls { get; } = [];

        public void SetLinkUp(int interfaceIndex, bool up) => Calls.Add("link");

        public void SetMtu(int interfaceIndex, int mtu) => Calls.Add("mtu");

        public void AddAddress(int interfaceIndex, IPAddress address, int prefixLength) => Calls.Add("address");

        public void RemoveAddress(int interfaceIndex, IPAddress address, int prefixLength) => Calls.Add("address");

        public void AddRoute(int interfaceIndex, IPAddress destination, int prefixLength) =>
            Calls.Add($"add {interfaceIndex} {destination}/{prefixLength}");

        public void RemoveRoute(int interfaceIndex, IPAddress destination, int prefixLength) =>
            Calls.Add($"remove {interfaceIndex} {destination}/{prefixLength}");

        public void Dispose()
        {
        }
    }
}
