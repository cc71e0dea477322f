using System.Net;
using System.Runtime.Versioning;

namespace IpsecTun.Platform.Tests;

[SupportedOSPlatform("linux")]
public sealed class RouteLookupTests
{
    [Theory]
    [InlineData("198.51.100.7")]
    [InlineData("2001:db8:7::7")]
    public void A_destination_behind_the_default_gateway_resolves_to_the_uplink_and_that_gateway(string destination)
    {
        IsolatedNetwork.Run(() =>
        {
            var uplink = new UplinkFixture();
            using var lookup = new NetlinkRouteLookup();
            var address = IPAddress.Parse(destination);

            RoutePath? path = lookup.Lookup(address);

            Assert.NotNull(path);
            Assert.Equal(uplink.Index, path.InterfaceIndex);
            Assert.Equal(UplinkFixture.GatewayFor(address), path.Gateway);
            Assert.Equal(UplinkFixture.LocalFor(address), path.PreferredSource);
        });
    }

    [Theory]
    [InlineData("10.99.0.9")]
    [InlineData("fd99::9")]
    public void An_on_link_destination_has_no_gateway(string destination)
    {
        IsolatedNetwork.Run(() =>
        {
            var uplink = new UplinkFixture();
            using var lookup = new NetlinkRouteLookup();

            RoutePath? path = lookup.Lookup(IPAddress.Parse(destination));

            Assert.NotNull(path);
            Assert.Equal(uplink.Index, path.InterfaceIndex);
            Assert.Null(path.Gateway);
        });
    }

    [Theory]
    [InlineData("198.51.100.7")]
    [InlineData("2001:db8:7::7")]
    public void A_destination_without_a_route_has_no_path(string destination)
    {
        IsolatedNetwork.Run(() =>
        {
            _ = new UplinkFixture(withDefaultRoutes: false);
            using var lookup = new NetlinkRouteLookup();

            Assert.Null(lookup.Lookup(IPAddress.Parse(destination)));
        });
    }
}
