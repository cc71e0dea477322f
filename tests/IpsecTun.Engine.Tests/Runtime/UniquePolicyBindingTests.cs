using IpsecTun.Esp;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>
/// Policy level unique where the SAs are tied to policies: the client's second Child SA (for its wide policy) comes
/// back narrowed by the gateway to exactly the selectors of its first policy. A unique first policy keeps the one SA
/// negotiated for it, and the narrowed SA gets a dynamic policy of its own; a require policy takes it as well.
/// </summary>
public sealed class UniquePolicyBindingTests
{
    [Fact]
    public void A_unique_policy_is_not_given_another_policys_sa_with_its_selectors()
    {
        (var gateway, var client) = TestPlans.NestedClientPolicies(PolicyLevel.Unique);
        using var pair = new TwoEndpoints(gateway, client);
        SecurityPolicy unique = pair.Client.Spd.Policies.Single(p => p.Level == PolicyLevel.Unique);

        TwoEndpoints.Eventually(() => pair.Client.Spd.Policies.Any(p => p.Dynamic && p.Ph2State == Ph2State.Established), "the narrowed SA's dynamic policy");

        Assert.Equal(1, unique.Ph2Count);
        SecurityPolicy dynamic = pair.Client.Spd.Policies.Single(p => p.Dynamic);
        Assert.Equal(unique.Selector, dynamic.Selector);
        Assert.Equal(PolicyLevel.Require, dynamic.Level);
        Assert.Equal(1, dynamic.Ph2Count);
        Assert.NotSame(unique.OutboundSa, dynamic.OutboundSa);
        // Listed first, the unique policy keeps matching its traffic, which goes on its own SA.
        Assert.Same(unique, pair.Client.Spd.Policies[0]);
        byte[] sent = TestPackets.Udp("10.2.0.9", "10.1.0.9", 7777, "over the unique policy's SA");
        pair.ClientTun.Inject(sent);
        Assert.Equal(sent, TwoEndpoints.Take(pair.GatewayTun));
        Assert.Equal(1, unique.OutboundSa!.Packets);
        Assert.Equal(0, dynamic.OutboundSa!.Packets);
    }

    [Fact]
    public void A_require_policy_takes_the_narrowed_sa_too()
    {
        (var gateway, var client) = TestPlans.NestedClientPolicies(PolicyLevel.Require);
        using var pair = new TwoEndpoints(gateway, client);
        SecurityPolicy narrow = pair.Client.Spd.Policies[0];

        TwoEndpoints.Eventually(() => narrow.Ph2Count == 2, "both SAs on the narrow policy");

        Assert.DoesNotContain(pair.Client.Spd.Policies, p => p.Dynamic);
    }
}
