using IpsecTun.Engine.Plan;

namespace IpsecTun.Engine.Tests.Plan;

public sealed class PeerChangesTests
{
    [Fact]
    public void A_reload_sorts_peers_into_unchanged_changed_added_and_removed()
    {
        var previous = ConfigurationText.Plan(SiteToSitePlanTests.Json);
        string edited = SiteToSitePlanTests.Json
            .Replace("\"port\": 4501", "\"port\": 4502", StringComparison.Ordinal)
            .Replace("\"name\": \"old\", \"address\": \"198.51.100.9/32\", \"exchange-mode\": \"ike2\", \"disabled\": \"yes\"",
                "\"name\": \"old\", \"address\": \"198.51.100.9/32\", \"exchange-mode\": \"ike2\"", StringComparison.Ordinal)
            .Replace("\"name\": \"branch\", \"address\": \"192.0.2.0/24\", \"exchange-mode\": \"ike2\", \"passive\": \"yes\"",
                "\"name\": \"branch\", \"address\": \"192.0.2.0/24\", \"exchange-mode\": \"ike2\", \"passive\": \"yes\", \"disabled\": \"yes\"", StringComparison.Ordinal);

        var changes = PeerChanges.Between(previous, ConfigurationText.Plan(edited));

        Assert.Equal(["office"], changes.Changed);
        Assert.Equal(["old"], changes.Added);
        Assert.Equal(["branch"], changes.Removed);
        Assert.Empty(changes.Unchanged);
        Assert.Equal(["office", "branch"], PeerChanges.Between(previous, ConfigurationText.Plan(SiteToSitePlanTests.Json)).Unchanged);
    }
}
