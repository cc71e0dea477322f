using IpsecTun.Core;
using IpsecTun.Engine.Runtime;

namespace IpsecTun.Engine.Tests.Runtime;

public sealed class RouteExclusionTests
{
    [Theory]
    [InlineData("0.0.0.0/0", "192.0.2.1", 32)]
    [InlineData("10.0.0.0/8", "10.20.30.40", 24)]
    [InlineData("2001:db8::/32", "2001:db8::1", 96)]
    public void A_peer_inside_a_prefix_is_left_out_and_everything_else_is_covered_once(string prefix, string peer, int expected)
    {
        IpPrefix whole = IpPrefix.Parse(prefix);
        IpPrefix excluded = IpPrefix.Parse(peer);
        List<IpPrefix> routes = RouteExclusion.Exclude(whole, [excluded]);

        Assert.Equal(expected, routes.Count);
        Assert.DoesNotContain(routes, r => r.Contains(excluded));
        // The routes are disjoint and, with the peer, add up to the whole prefix.
        UInt128 size = routes.Aggregate(UInt128.One, (sum, r) => sum + (UInt128.One << (IpAddressBits.BitLength(r.Version) - r.Length)));
        Assert.Equal(UInt128.One << (IpAddressBits.BitLength(whole.Version) - whole.Length), size);
    }

    [Fact]
    public void A_prefix_without_a_peer_stays_whole()
    {
        Assert.Equal([IpPrefix.Parse("10.1.0.0/24")], RouteExclusion.Exclude(IpPrefix.Parse("10.1.0.0/24"), [IpPrefix.Parse("192.0.2.1")]));
    }
}
