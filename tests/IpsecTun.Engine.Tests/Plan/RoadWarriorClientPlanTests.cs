using IpsecTun.Engine.Plan;

namespace IpsecTun.Engine.Tests.Plan;

/// <summary>
/// The manual's road-warrior client: an identity whose mode-config entry has responder=no makes the peer ask
/// for an address, DNS and split networks; a responder entry does not.
/// </summary>
public sealed class RoadWarriorClientPlanTests
{
    private static string Client(string modeConfig) => $$"""
        { "ip": {
            "ipsec": {
              "mode-config":  [ {{modeConfig}} ],
              "policy-group": [ { "name": "rw" } ],
              "policy":       [ { "group": "rw", "template": "yes", "src-address": "0.0.0.0/0", "dst-address": "0.0.0.0/0" } ],
              "peer":         [ { "name": "office", "address": "203.0.113.1/32", "exchange-mode": "ike2" } ],
              "identity":     [ { "peer": "office", "secret": "road", "generate-policy": "port-strict", "mode-config": "rw-client",
                                  "policy-template-group": "rw" } ] } } }
        """;

    [Fact]
    public void A_client_entry_requests_mode_config_and_offers_the_template_as_remote_selector()
    {
        PeerPlan peer = Assert.Single(ConfigurationText.Plan(Client("""{ "name": "rw-client", "responder": "no" }""")).Peers);

        Assert.Equal("rw-client", peer.ModeConfigClient?.Name);
        Assert.NotNull(peer.Settings.ModeConfig);
        Assert.True(peer.Settings.ModeConfig.Ip4Address && peer.Settings.ModeConfig.DnsServers && peer.Settings.ModeConfig.SplitNetworks);
        Assert.Empty(peer.Children);
        Assert.Equal(["0.0.0.0-255.255.255.255"], peer.Settings.Child.RemoteSelectors.Select(s => $"{s.StartAddress}-{s.EndAddress}"));
    }

    [Fact]
    public void A_responder_entry_does_not_make_the_peer_a_client()
    {
        PeerPlan peer = Assert.Single(ConfigurationText.Plan(Client("""{ "name": "rw-client", "responder": "yes", "address": "192.168.77.2" }""")).Peers);

        Assert.Null(peer.ModeConfigClient);
        Assert.Null(peer.Settings.ModeConfig);
    }
}
