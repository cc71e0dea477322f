using IpsecTun.Config;
using IpsecTun.Engine.Plan;
using IpsecTun.Engine.Runtime;

namespace IpsecTun.Engine.Tests.Runtime;

public sealed class EndpointReloadTests
{
    [Fact]
    public void Reload_keeps_the_tunnel_of_a_peer_whose_settings_did_not_change()
    {
        EndpointPlan next = TestPlans.Client(passive: true);
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: true), () => new EndpointPlanResult(next, []));
        pair.ClientToGateway("before");
        uint[] spis = [.. pair.Client.Sad.InstalledSas.Select(sa => sa.Spi)];

        var outcome = pair.Client.Reload();

        Assert.True(outcome.Succeeded);
        Assert.Equal(1, outcome.TunnelsKept);
        Assert.Equal(0, outcome.TunnelsRestarted);
        Assert.Same(next, pair.Client.Plan);
        Assert.Equal("after", System.Text.Encoding.ASCII.GetString(pair.ClientToGateway("after").AsSpan(28)));
        Assert.Equal(spis, pair.Client.Sad.InstalledSas.Select(sa => sa.Spi));
    }

    [Fact]
    public void Reload_restarts_the_tunnel_of_a_peer_whose_settings_changed()
    {
        EndpointPlan next = TestPlans.Client(passive: true, fingerprint: "2");
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: true), () => new EndpointPlanResult(next, []));
        pair.ClientToGateway("before");
        uint[] spis = [.. pair.Client.Sad.InstalledSas.Select(sa => sa.Spi)];

        var outcome = pair.Client.Reload();

        Assert.Equal(0, outcome.TunnelsKept);
        Assert.Equal(1, outcome.TunnelsRestarted);
        Assert.Equal("after", System.Text.Encoding.ASCII.GetString(pair.ClientToGateway("after").AsSpan(28)));
        Assert.Empty(pair.Client.Sad.InstalledSas.Select(sa => sa.Spi).Intersect(spis));
    }

    [Fact]
    public void A_reload_with_errors_changes_nothing()
    {
        EndpointPlan first = TestPlans.Client(passive: true);
        using var pair = new TwoEndpoints(TestPlans.Gateway(), first, () => new EndpointPlanResult(null, [new ConfigurationError("config.json", "peer gw", "address", "not an address")]));

        var outcome = pair.Client.Reload();

        Assert.False(outcome.Succeeded);
        Assert.Equal(["config.json: peer gw: address: not an address"], outcome.Errors);
        Assert.Same(first, pair.Client.Plan);
    }
}
