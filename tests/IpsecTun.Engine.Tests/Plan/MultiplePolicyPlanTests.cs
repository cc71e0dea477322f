using IpsecTun.Engine.Plan;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Tests.Plan;

/// <summary>What the IKE settings of a peer carry from the policies that name it and from the ipsectun section.</summary>
public sealed class MultiplePolicyPlanTests
{
    [Fact]
    public void Every_encrypt_policy_of_a_peer_is_a_child_sa_of_its_ike_settings_in_policy_order()
    {
        EndpointPlan plan = ConfigurationText.Plan(SiteToSitePlanTests.Json);
        PeerPlan office = plan.FindPeer("office")!;

        Assert.Equal(2, office.Children.Count);
        Assert.Same(office.Children[0].Settings, office.Settings.Child);
        Assert.Same(office.Children[1].Settings, Assert.Single(office.Settings.AdditionalChildren!));
        Assert.Equal(office.Children.Select(c => c.Settings), office.Settings.Children);
        Assert.Equal("10.1.0.0-10.1.0.255 proto 6 ports 0-65535", office.Settings.Children[1].LocalSelectors[0].ToString());
        Assert.Null(plan.FindPeer("branch")!.Settings.AdditionalChildren);
    }

    [Fact]
    public void A_policy_with_level_unique_makes_its_child_sa_settings_unique()
    {
        PeerPlan office = ConfigurationText.Plan(SiteToSitePlanTests.Json).FindPeer("office")!;

        Assert.Equal([Esp.PolicyLevel.Require, Esp.PolicyLevel.Unique], office.Children.Select(c => c.Policy.Level));
        Assert.Equal([false, true], office.Children.Select(c => c.Settings.Unique));
    }

    [Fact]
    public void A_policy_with_ipsec_protocols_ah_asks_for_an_ah_child_sa()
    {
        PeerPlan esp = ConfigurationText.Plan(SiteToSitePlanTests.Json).FindPeer("office")!;
        PeerPlan ah = ConfigurationText.Plan(SiteToSitePlanTests.Json.Replace(
            "\"peer\": \"office\", \"proposal\": \"esp\" },", "\"peer\": \"office\", \"proposal\": \"esp\", \"ipsec-protocols\": \"ah\" },", StringComparison.Ordinal))
            .FindPeer("office")!;

        Assert.Equal([Ike.Messages.ProtocolId.Esp, Ike.Messages.ProtocolId.Esp], esp.Children.Select(c => c.Settings.Protocol));
        Assert.Equal([Ike.Messages.ProtocolId.Ah, Ike.Messages.ProtocolId.Esp], ah.Children.Select(c => c.Settings.Protocol));
        Assert.Equal(Esp.IpsecProtocols.Ah, ah.Children[0].Policy.Protocols);

        // AH encrypts nothing: whatever enc-algorithms say, it offers the auth-algorithms alone.
        ChildProposalSettings offer = Assert.Single(ah.Children[0].Settings.Proposals);
        Assert.Empty(offer.Encryption);
        Assert.NotEmpty(offer.Integrity);
    }

    [Fact]
    public void The_ike_retransmission_comes_from_the_ipsectun_section_with_strongswan_like_defaults()
    {
        PeerPlan byDefault = ConfigurationText.Plan(SiteToSitePlanTests.Json).FindPeer("office")!;
        PeerPlan tuned = ConfigurationText.Plan(SiteToSitePlanTests.Json.Replace(
            "\"ike-fragment-size\": 1200", "\"ike-fragment-size\": 1200, \"ike-retransmit-timeout\": \"500ms\", \"ike-retransmit-tries\": 2", StringComparison.Ordinal))
            .FindPeer("office")!;

        Assert.Equal(new RetransmissionSettings(TimeSpan.FromSeconds(2), 5), byDefault.Settings.Retransmission);
        Assert.Equal(new RetransmissionSettings(TimeSpan.FromMilliseconds(500), 2), tuned.Settings.Retransmission);
        Assert.NotEqual(byDefault.Fingerprint, tuned.Fingerprint);
    }
}
