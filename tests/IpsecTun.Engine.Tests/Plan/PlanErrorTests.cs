using IpsecTun.Engine.Plan;

namespace IpsecTun.Engine.Tests.Plan;

/// <summary>What the IKE engine cannot do yet is an error naming the entry and property, never a silent pre-shared key.</summary>
public sealed class PlanErrorTests
{
    [Fact]
    public void A_disabled_identity_is_left_out()
    {
        const string json = """
            {
              "ip": { "ipsec": {
                "peer":     [ { "name": "rw", "address": "192.0.2.1/32", "exchange-mode": "ike2" } ],
                "identity": [ { "peer": "rw", "secret": "s", "disabled": "yes" },
                              { "peer": "rw", "auth-method": "eap", "eap-methods": "eap-mschapv2", "username": "u", "password": "p" } ] } }
            }
            """;
        var plan = EndpointPlanBuilder.Build(ConfigurationText.Load(json));
        Assert.Empty(plan.Errors);
        Assert.Equal(Ike.Settings.IkeAuthMethod.Eap, Assert.Single(plan.Plan!.Peers).Settings.AuthMethod);
    }

    [Fact]
    public void A_peer_without_an_enabled_identity_is_an_error_on_the_peer()
    {
        const string json = """
            { "ip": { "ipsec": {
                "peer":     [ { "name": "lonely", "address": "192.0.2.1/32", "exchange-mode": "ike2" } ],
                "identity": [ { "peer": "lonely", "secret": "s", "disabled": "yes" } ] } } }
            """;
        var error = Assert.Single(EndpointPlanBuilder.Build(ConfigurationText.Load(json)).Errors);
        Assert.Equal(("ip.ipsec.peer[0] (lonely)", null), (error.Entry, error.Property));
        Assert.Contains("no enabled identity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_whose_proposal_is_disabled_is_an_error_on_the_policy()
    {
        const string json = """
            { "ip": { "ipsec": {
                "proposal": [ { "name": "off", "disabled": "yes" } ],
                "peer":     [ { "name": "p", "address": "192.0.2.1/32", "exchange-mode": "ike2" } ],
                "identity": [ { "peer": "p", "secret": "s" } ],
                "policy":   [ { "src-address": "10.1.0.0/24", "dst-address": "10.2.0.0/24", "tunnel": "yes", "peer": "p", "proposal": "off" } ] } } }
            """;
        var error = Assert.Single(EndpointPlanBuilder.Build(ConfigurationText.Load(json)).Errors);
        Assert.Equal(("ip.ipsec.policy (10.1.0.0/24 to 10.2.0.0/24)", "proposal"), (error.Entry, error.Property));
        Assert.Contains("disabled", error.Message, StringComparison.Ordinal);
    }
}
