using IpsecTun.Engine.Control;
using IpsecTun.Engine.Runtime;
using IpsecTun.Engine.Tests.Runtime.Fakes;

namespace IpsecTun.Engine.Tests.Runtime;

public sealed class EndpointLivenessTests
{
    [Fact]
    public void A_dead_peer_found_by_dpd_is_initiated_again_with_backoff_once_it_answers()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: false, dpd: TimeSpan.FromSeconds(10)));
        TwoEndpoints.Eventually(() => pair.Client.Sad.InstalledSas.Count == 2, "the active peer to come up at start");

        pair.Network.Cut(TestPlans.GatewayAddress, cut: true);
        pair.AdvanceUntil(() => pair.Client.Show(ViewMenu.ActivePeers, false).Count == 0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Empty(pair.Client.Sad.InstalledSas);

        // Attempts while the gateway is away fail too; each one waits longer before the next.
        pair.AdvanceUntil(() => pair.Client.Show(ViewMenu.ActivePeers, false).Count == 1, TimeSpan.FromSeconds(1), ReconnectBackoff.First + TimeSpan.FromSeconds(1));
        pair.Network.Cut(TestPlans.GatewayAddress, cut: false);
        pair.AdvanceUntil(
            () => pair.Client.Show(ViewMenu.ActivePeers, false) is [var row] && EndpointTrafficTests.Value(row, "state") == "established",
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Equal("alive", System.Text.Encoding.ASCII.GetString(pair.ClientToGateway("alive").AsSpan(28)));
    }

    [Fact]
    public void A_peer_named_by_dns_is_resolved_at_each_connection()
    {
        var resolver = new CountingResolver("gw.example", TestPlans.GatewayAddress);
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: false, gatewayName: "gw.example"), resolver);
        TwoEndpoints.Eventually(() => pair.Client.Sad.InstalledSas.Count == 2, "the peer to come up through its name");
        Assert.Equal(1, resolver.Lookups);

        pair.Client.KillConnections();
        pair.AdvanceUntil(() => resolver.Lookups == 2 && pair.Client.Sad.InstalledSas.Count == 2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.Equal("named", System.Text.Encoding.ASCII.GetString(pair.ClientToGateway("named").AsSpan(28)));
    }

    [Fact]
    public void Backoff_doubles_from_five_seconds_to_at_most_five_minutes_and_starts_again_after_success()
    {
        var backoff = new ReconnectBackoff();
        TimeSpan[] waits = [.. Enumerable.Range(0, 9).Select(_ => backoff.Next())];
        Assert.Equal([5, 10, 20, 40, 80, 160, 300, 300, 300], waits.Select(w => (int)w.TotalSeconds));
        backoff.Reset();
        Assert.Equal(ReconnectBackoff.First, backoff.Next());
    }
}
