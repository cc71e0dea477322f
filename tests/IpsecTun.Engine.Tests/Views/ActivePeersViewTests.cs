using IpsecTun.Engine.Control;
using IpsecTun.Engine.Runtime;
using IpsecTun.Engine.Tests.Runtime;

namespace IpsecTun.Engine.Tests.Views;

/// <summary>active-peers on the endpoints' fake clock.</summary>
public sealed class ActivePeersViewTests
{
    [Fact]
    public void Last_seen_is_the_time_since_the_last_message_from_the_peer()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: false, dpd: TimeSpan.FromSeconds(30)));
        TwoEndpoints.Eventually(
            () => UptimeAndLastSeen(pair.Client) == ("0s", "0s") && UptimeAndLastSeen(pair.Gateway) == ("0s", "0s"), "both sides to record the SA as established");

        // Nothing has passed between the two since IKE_AUTH, which established the SA.
        pair.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(("20s", "20s"), UptimeAndLastSeen(pair.Client));
        Assert.Equal(("20s", "20s"), UptimeAndLastSeen(pair.Gateway));

        // Past the client's 30 s of silence: its DPD request reaches the gateway and the answer comes back, both at 31 s.
        pair.Clock.Advance(TimeSpan.FromSeconds(11));
        TwoEndpoints.Eventually(() => UptimeAndLastSeen(pair.Client).LastSeen == "0s", "the answer to the client's DPD request");
        Assert.Equal(("31s", "0s"), UptimeAndLastSeen(pair.Client));
        Assert.Equal(("31s", "0s"), UptimeAndLastSeen(pair.Gateway));

        pair.Clock.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(("38s", "7s"), UptimeAndLastSeen(pair.Client));
        Assert.Equal(("38s", "7s"), UptimeAndLastSeen(pair.Gateway));
    }

    /// <summary>The one active peer's uptime (empty until established) and last-seen; empty both while there is none.</summary>
    private static (string Uptime, string LastSeen) UptimeAndLastSeen(Endpoint endpoint) =>
        endpoint.Show(ViewMenu.ActivePeers, withKeys: false) is [var row] ? (RowAssert.Value(row, "uptime"), RowAssert.Value(row, "last-seen")) : ("", "");
}
