using IpsecTun.Engine.Plan;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Tests.Plan;

/// <summary>
/// The ipsectun section's extended-sequence-numbers reaches every Child SA proposal of every peer: ESP ones (AEAD
/// and not), AH ones, and the fallback of a peer without policies of its own.
/// </summary>
public sealed class ExtendedSequenceNumberPlanTests
{
    private static readonly string WithAh = SiteToSitePlanTests.Json.Replace(
        "\"peer\": \"office\", \"proposal\": \"esp\" },", "\"peer\": \"office\", \"proposal\": \"esp\", \"ipsec-protocols\": \"ah\" },", StringComparison.Ordinal);

    [Theory]
    [InlineData(null, EsnPolicy.Never)]
    [InlineData("no", EsnPolicy.Never)]
    [InlineData("yes", EsnPolicy.Required)]
    [InlineData("allowed", EsnPolicy.Allowed)]
    public void Every_child_proposal_of_every_peer_carries_the_setting(string? setting, EsnPolicy expected)
    {
        EndpointPlan plan = ConfigurationText.Plan(Configure(WithAh, setting));

        IReadOnlyList<ChildSaSettings> children = [.. plan.Peers.SelectMany(p => p.Settings.Children)];
        Assert.Contains(children, c => c.Protocol == ProtocolId.Ah);
        Assert.Contains(children, c => c.Protocol == ProtocolId.Esp && c.Proposals.Count == 2); // an AEAD and a CBC proposal
        Assert.Contains(plan.FindPeer("branch")!.Settings.Children, c => c.LocalSelectors[0].ToString().StartsWith("0.0.0.0-", StringComparison.Ordinal));
        Assert.All(children.SelectMany(c => c.Proposals), p => Assert.Equal(expected, p.Esn));
    }

    [Fact]
    public void Changing_the_setting_changes_every_peers_fingerprint()
    {
        Dictionary<string, string> without = Fingerprints(SiteToSitePlanTests.Json);
        Dictionary<string, string> with = Fingerprints(Configure(SiteToSitePlanTests.Json, "yes"));

        Assert.Equal(without, Fingerprints(Configure(SiteToSitePlanTests.Json, "no")));
        Assert.All(without, p => Assert.NotEqual(p.Value, with[p.Key]));
    }

    private static string Configure(string json, string? setting) => setting is null
        ? json
        : json.Replace("\"ike-fragment-size\": 1200", $"\"ike-fragment-size\": 1200, \"extended-sequence-numbers\": \"{setting}\"", StringComparison.Ordinal);

    private static Dictionary<string, string> Fingerprints(string json) =>
        ConfigurationText.Plan(json).Peers.ToDictionary(p => p.Name, p => p.Fingerprint);
}
