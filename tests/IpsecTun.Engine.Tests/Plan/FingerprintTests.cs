namespace IpsecTun.Engine.Tests.Plan;

/// <summary>A peer's fingerprint changes exactly when a setting feeding that peer changes.</summary>
public sealed class FingerprintTests
{
    private static Dictionary<string, string> Fingerprints(string json) =>
        ConfigurationText.Plan(json).Peers.ToDictionary(p => p.Name, p => p.Fingerprint);

    private static Dictionary<string, string> Original { get; } = Fingerprints(SiteToSitePlanTests.Json);

    [Fact]
    public void The_same_configuration_loaded_again_gives_the_same_fingerprints()
    {
        Assert.Equal(Original, Fingerprints(SiteToSitePlanTests.Json));
        Assert.Matches("^[0-9a-f]{64}$", Original["office"]);
        Assert.NotEqual(Original["office"], Original["branch"]);
    }

    [Fact]
    public void A_changed_proposal_changes_only_the_peer_whose_policies_use_it()
    {
        var changed = Fingerprints(SiteToSitePlanTests.Json.Replace("\"lifetime\": \"45m\"", "\"lifetime\": \"50m\"", StringComparison.Ordinal));
        Assert.NotEqual(Original["office"], changed["office"]);
        Assert.Equal(Original["branch"], changed["branch"]);
    }

    [Fact]
    public void A_changed_secret_changes_only_its_peer_and_never_appears_in_the_fingerprint()
    {
        var changed = Fingerprints(SiteToSitePlanTests.Json.Replace("branch-psk", "branch-psk2", StringComparison.Ordinal));
        Assert.Equal(Original["office"], changed["office"]);
        Assert.NotEqual(Original["branch"], changed["branch"]);
        Assert.DoesNotContain("branch-psk", changed["branch"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_profile_setting_changes_the_peers_using_that_profile()
    {
        var changed = Fingerprints(SiteToSitePlanTests.Json.Replace("\"dpd-interval\": \"30s\"", "\"dpd-interval\": \"40s\"", StringComparison.Ordinal));
        Assert.NotEqual(Original["office"], changed["office"]);
        Assert.Equal(Original["branch"], changed["branch"]); // branch uses the default profile
    }

    [Fact]
    public void A_changed_policy_selector_changes_its_peer()
    {
        var changed = Fingerprints(SiteToSitePlanTests.Json.Replace("\"dst-port\": \"443\"", "\"dst-port\": \"8443\"", StringComparison.Ordinal));
        Assert.NotEqual(Original["office"], changed["office"]);
        Assert.Equal(Original["branch"], changed["branch"]);
    }

    [Fact]
    public void A_changed_peer_port_changes_that_peer_only()
    {
        var changed = Fingerprints(SiteToSitePlanTests.Json.Replace("\"port\": 4501", "\"port\": 4502", StringComparison.Ordinal));
        Assert.NotEqual(Original["office"], changed["office"]);
        Assert.Equal(Original["branch"], changed["branch"]);
    }

    [Fact]
    public void A_comment_changes_nothing()
    {
        var changed = Fingerprints(SiteToSitePlanTests.Json.Replace("\"name\": \"office\",", "\"name\": \"office\", \"comment\": \"HQ\",", StringComparison.Ordinal));
        Assert.Equal(Original, changed);
    }
}
