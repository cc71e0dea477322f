using IpsecTun.Engine.Control;
using IpsecTun.Engine.Runtime;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>
/// extended-sequence-numbers from the configuration to the datapath: the setting is negotiated, the installed SAs
/// count in 64 bits and show it, and sides that disagree end a connect as no proposal chosen.
/// </summary>
public sealed class EndpointEsnTests
{
    [Theory]
    [InlineData("yes", "yes")]
    [InlineData("allowed", "yes")]
    [InlineData("yes", "allowed")]
    public async Task Sas_negotiated_with_extended_sequence_numbers_use_them_and_show_it(string gateway, string client)
    {
        using var pair = new TwoEndpoints(ConfigurationText.Plan(Gateway(gateway)), ConfigurationText.Plan(Client(client)));

        Assert.Equal(ConnectResult.Established, (await Connect(pair)).Result);
        Assert.Equal(TestPackets.Udp("10.2.0.5", "10.1.0.7", 7777, "esn"), pair.ClientToGateway("esn"));
        Assert.Equal(TestPackets.Udp("10.1.0.7", "10.2.0.5", 7777, "back"), pair.GatewayToClient("back"));

        foreach (Endpoint endpoint in new[] { pair.Gateway, pair.Client })
        {
            Assert.All(endpoint.Sad.InstalledSas, sa => Assert.True(sa.ExtendedSequenceNumbers));
            IReadOnlyList<ViewRow> rows = endpoint.Show(ViewMenu.InstalledSa, withKeys: false);
            Assert.Equal(2, rows.Count);
            Assert.All(rows, row => Assert.Equal("ES", row.Flags));
        }
    }

    [Fact]
    public async Task Without_the_setting_sas_count_in_32_bits()
    {
        using var pair = new TwoEndpoints(ConfigurationText.Plan(Gateway(null)), ConfigurationText.Plan(Client("allowed")));

        Assert.Equal(ConnectResult.Established, (await Connect(pair)).Result);

        Assert.All(pair.Client.Sad.InstalledSas, sa => Assert.False(sa.ExtendedSequenceNumbers));
        Assert.All(pair.Client.Show(ViewMenu.InstalledSa, withKeys: false), row => Assert.Equal("E", row.Flags));
    }

    [Theory]
    [InlineData("yes", "no")]
    [InlineData("no", "yes")]
    public async Task Sides_that_disagree_end_the_connect_as_no_proposal_chosen(string gateway, string client)
    {
        using var pair = new TwoEndpoints(ConfigurationText.Plan(Gateway(gateway)), ConfigurationText.Plan(Client(client)));

        ConnectOutcome outcome = await Connect(pair);

        Assert.Equal(ConnectResult.NoProposalChosen, outcome.Result);
        Assert.StartsWith("no proposal chosen", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(pair.Client.Show(ViewMenu.InstalledSa, withKeys: false));
    }

    private static async Task<ConnectOutcome> Connect(TwoEndpoints pair)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await pair.Client.ConnectAsync("gw", new Progress<ConnectPhase>(), timeout.Token);
    }

    private static string Gateway(string? esn) =>
        Site("client", TestPlans.ClientAddress.ToString(), TestPlans.GatewayNet, TestPlans.ClientNet, esn);

    private static string Client(string? esn) =>
        Site("gw", TestPlans.GatewayAddress.ToString(), TestPlans.ClientNet, TestPlans.GatewayNet, esn);

    private static string Site(string peer, string address, string localNet, string remoteNet, string? esn) => $$"""
        {
          "ip": {
            "ipsec": {
              "profile":  [ { "name": "p", "enc-algorithm": "aes-128-gcm", "hash-algorithm": "sha256", "dh-group": "ecp256" } ],
              "proposal": [ { "name": "p", "enc-algorithms": "aes-128-gcm", "pfs-group": "none" } ],
              "peer":     [ { "name": "{{peer}}", "address": "{{address}}/32", "exchange-mode": "ike2", "profile": "p", "passive": "yes" } ],
              "identity": [ { "peer": "{{peer}}", "secret": "shared secret" } ],
              "policy":   [ { "src-address": "{{localNet}}", "dst-address": "{{remoteNet}}", "tunnel": "yes", "peer": "{{peer}}", "proposal": "p" } ]
            }
          },
          "ipsectun": { {{(esn is null ? "" : $"\"extended-sequence-numbers\": \"{esn}\"")}} }
        }
        """;
}
