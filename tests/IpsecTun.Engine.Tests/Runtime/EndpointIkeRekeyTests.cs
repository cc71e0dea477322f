using IpsecTun.Engine.Control;
using IpsecTun.Engine.Runtime;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>An IKE SA rekeyed on a running endpoint: the new IKE SA takes over on both sides and keeps the tunnel.</summary>
public sealed class EndpointIkeRekeyTests
{
    [Fact]
    public void After_an_ike_sa_rekey_both_endpoints_keep_one_established_ike_sa_and_the_traffic_flows()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: false, dpd: TimeSpan.FromMinutes(10)));
        TwoEndpoints.Eventually(() => pair.Client.Sad.InstalledSas.Count == 2, "the active peer to come up at start");
        pair.ClientToGateway("before");

        // The soft IKE lifetime of the 8 h profile is 6.8-7.2 h; the rekeyed SA's uptime starts again.
        DateTimeOffset start = pair.Clock.GetUtcNow();
        pair.AdvanceUntil(
            () => pair.Clock.GetUtcNow() - start > TimeSpan.FromHours(6.5) && Fresh(pair.Client) && Fresh(pair.Gateway),
            TimeSpan.FromMinutes(30),
            TimeSpan.FromHours(7.5));

        Assert.Equal("after", System.Text.Encoding.ASCII.GetString(pair.ClientToGateway("after").AsSpan(28)));
        Assert.Contains(pair.Client.Show(ViewMenu.ActivePeers, withKeys: false), row => EndpointTrafficTests.Value(row, "ph2-total") == "1");
    }

    /// <summary>Exactly one established IKE SA, up for less than an hour.</summary>
    private static bool Fresh(Endpoint endpoint)
    {
        var established = endpoint.Show(ViewMenu.ActivePeers, withKeys: false).Where(row => EndpointTrafficTests.Value(row, "state") == "established").ToList();
        return established.Count == 1 && !EndpointTrafficTests.Value(established[0], "uptime").Contains('h', StringComparison.Ordinal);
    }
}
