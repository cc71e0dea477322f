using IpsecTun.Engine.Control;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>A peer with two encrypt policies: each gets its own Child SA, at start and again on traffic after a flush.</summary>
public sealed class EndpointChildSaTests
{
    [Fact]
    public void An_active_peer_brings_up_a_child_sa_for_each_of_its_policies()
    {
        (var gateway, var client) = TestPlans.TwoSubnetPairs(clientPassive: false);
        using var pair = new TwoEndpoints(gateway, client);

        TwoEndpoints.Eventually(() => pair.Client.Spd.Policies.All(p => p.Ph2State == Ph2State.Established), "both client policies to have an SA");
        TwoEndpoints.Eventually(() => pair.Gateway.Spd.Policies.All(p => p.Ph2State == Ph2State.Established), "both gateway policies to have an SA");
        Assert.Equal(4, pair.Client.Show(ViewMenu.InstalledSa, withKeys: false).Count);
        Assert.Equal("2", EndpointTrafficTests.Value(Assert.Single(pair.Client.Show(ViewMenu.ActivePeers, withKeys: false)), "ph2-total"));

        AssertThrough(pair, "10.2.1.9", "10.1.1.9");
        AssertThrough(pair, "10.2.0.9", "10.1.0.9");
        Assert.DoesNotContain(pair.Gateway.Spd.Policies, p => p.Dynamic);
    }

    [Fact]
    public void After_a_flush_traffic_of_the_second_policy_brings_up_that_policys_child_sa()
    {
        (var gateway, var client) = TestPlans.TwoSubnetPairs(clientPassive: false);
        using var pair = new TwoEndpoints(gateway, client);
        TwoEndpoints.Eventually(() => pair.Client.Spd.Policies.All(p => p.Ph2State == Ph2State.Established), "both client policies to have an SA");

        pair.Client.FlushSa();
        TwoEndpoints.Eventually(() => pair.Client.Spd.Policies.All(p => p.Ph2Count == 0), "the flushed SAs to go");
        AssertThrough(pair, "10.2.1.9", "10.1.1.9");

        SecurityPolicy second = pair.Client.Spd.Policies.Single(p => p.Selector.Source.ToString() == "10.2.1.0/24");
        SecurityPolicy first = pair.Client.Spd.Policies.Single(p => p.Selector.Source.ToString() == "10.2.0.0/24");
        Assert.Equal(Ph2State.Established, second.Ph2State);
        Assert.Equal(0, first.Ph2Count);
    }

    private static void AssertThrough(TwoEndpoints pair, string from, string to)
    {
        byte[] sent = TestPackets.Udp(from, to, 7777, $"{from} to {to}");
        pair.ClientTun.Inject(sent);
        Assert.Equal(sent, TwoEndpoints.Take(pair.GatewayTun));
    }
}
