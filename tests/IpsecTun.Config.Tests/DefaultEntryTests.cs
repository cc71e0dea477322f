using System.Net;

namespace IpsecTun.Config.Tests;

/// <summary>An empty file yields RouterOS's built-in entries with the manual's defaults.</summary>
public sealed class DefaultEntryTests
{
    private readonly IpsecConfiguration config = Loader.Valid("{}");

    [Fact]
    public void Profile_default_has_the_manuals_defaults()
    {
        var profile = Assert.Single(config.Profiles);
        Assert.Equal("default", profile.Name);
        Assert.Equal(["modp1024", "modp2048"], profile.DhGroups.Select(g => g.Name));
        Assert.Equal(TimeSpan.FromMinutes(2), profile.DpdInterval);
        Assert.Equal(5, profile.DpdMaximumFailures);
        Assert.Equal(["aes-128"], profile.EncAlgorithms.Select(a => a.ProfileName ?? a.Name));
        Assert.Equal("sha1", profile.HashAlgorithm.Name);
        Assert.Equal(0, profile.Lifebytes);
        Assert.Equal(TimeSpan.FromDays(1), profile.Lifetime);
        Assert.True(profile.NatTraversal);
        Assert.Equal(ProposalCheck.Obey, profile.ProposalCheck);
    }

    [Fact]
    public void Proposal_default_has_the_manuals_defaults()
    {
        var proposal = Assert.Single(config.Proposals);
        Assert.Equal("default", proposal.Name);
        Assert.Equal(["sha1"], proposal.AuthAlgorithms.Select(a => a!.Name));
        Assert.Equal(["aes-256-cbc", "aes-192-cbc", "aes-128-cbc"], proposal.EncAlgorithms.Select(a => a.Name));
        Assert.Equal(TimeSpan.FromMinutes(30), proposal.Lifetime);
        Assert.Equal("modp1024", proposal.PfsGroup!.Name);
        Assert.False(proposal.Disabled);
    }

    [Fact]
    public void Policy_group_default_holds_the_any_to_any_template()
    {
        Assert.Equal("default", Assert.Single(config.PolicyGroups).Name);
        var template = Assert.Single(config.Policies);
        Assert.True(template.IsDefault);
        Assert.True(template.Template);
        Assert.Equal("default", template.Group);
        Assert.Equal("default", template.Proposal);
        Assert.Equal(IPNetwork.Parse("::/0"), template.SrcAddress);
        Assert.Equal(IPNetwork.Parse("::/0"), template.DstAddress);
        Assert.Null(template.Protocol);
        Assert.Equal(PolicyLevel.Require, template.Level);
    }

    [Fact]
    public void Mode_config_request_only_is_an_initiator()
    {
        var modeConfig = Assert.Single(config.ModeConfigs);
        Assert.Equal("request-only", modeConfig.Name);
        Assert.False(modeConfig.Responder);
    }

    [Fact]
    public void Settings_dns_and_endpoint_have_their_defaults()
    {
        Assert.Equal(new IpsecSettings(Accounting: true, InterimUpdate: TimeSpan.Zero, XauthUseRadius: false), config.Settings);
        Assert.Empty(config.Dns.Servers);
        Assert.Equal(new InterfaceSettings("ipsec0", 1400), config.Endpoint.Interface);
        Assert.Equal(new ListenSettings(500, 4500), config.Endpoint.Listen);
        Assert.Equal(1024, config.Endpoint.ReplayWindow);
        Assert.Equal(1280, config.Endpoint.IkeFragmentSize);
        Assert.Equal("/run/ipsectun/ipsectun.sock", config.Endpoint.Control);
    }

    [Fact]
    public void New_entries_take_the_manuals_defaults()
    {
        var loaded = Loader.Valid("""
            { "ip": { "ipsec": {
                "peer": [ { "name": "p", "exchange-mode": "ike2" } ],
                "identity": [ { "peer": "p", "secret": "s" } ],
                "policy": [ { "peer": "p" } ],
                "mode-config": [ { "name": "m" } ] } } }
            """);
        var peer = loaded.Peer("p");
        Assert.Equal(PeerAddress.Any, peer.Address);
        Assert.Equal(500, peer.Port);
        Assert.Equal("default", peer.Profile);
        Assert.False(peer.Passive);
        Assert.True(peer.SendInitialContact);
        Assert.Null(peer.LocalAddress);

        var identity = Assert.Single(loaded.Identities);
        Assert.Equal(AuthMethod.PreSharedKey, identity.AuthMethod);
        Assert.Equal([EapMethod.EapTls], identity.EapMethods);
        Assert.Equal(GeneratePolicy.No, identity.GeneratePolicy);
        Assert.Equal(MatchBy.RemoteId, identity.MatchBy);
        Assert.Null(identity.ModeConfig);
        Assert.Equal(IdentityId.Auto, identity.MyId);
        Assert.Equal(IdentityId.Auto, identity.RemoteId);
        Assert.Equal("default", identity.PolicyTemplateGroup);

        var policy = loaded.Policies.Single(p => !p.IsDefault);
        Assert.Equal(PolicyAction.Encrypt, policy.Action);
        Assert.Equal(IPNetwork.Parse("0.0.0.0/32"), policy.SrcAddress);
        Assert.Equal(IPNetwork.Parse("0.0.0.0/32"), policy.DstAddress);
        Assert.Null(policy.SrcPort);
        Assert.Null(policy.DstPort);
        Assert.Equal(IpsecProtocol.Esp, policy.IpsecProtocols);
        Assert.Equal(PolicyLevel.Require, policy.Level);
        Assert.Equal("default", policy.Proposal);
        Assert.False(policy.Template);
        Assert.False(policy.Tunnel);

        var modeConfig = loaded.ModeConfig("m");
        Assert.True(modeConfig.Responder);
        Assert.True(modeConfig.SystemDns);
    }

    [Fact]
    public void An_entry_named_default_replaces_the_built_in_one()
    {
        var loaded = Loader.Valid("""{ "ip": { "ipsec": { "profile": [ { "name": "default", "enc-algorithm": "aes-256" } ] } } }""");
        var profile = Assert.Single(loaded.Profiles);
        Assert.Equal(["aes-256"], profile.EncAlgorithms.Select(a => a.ProfileName ?? a.Name));
        Assert.Equal(["modp1024", "modp2048"], profile.DhGroups.Select(g => g.Name));
    }

    [Fact]
    public void A_policy_with_default_yes_edits_the_built_in_template()
    {
        var loaded = Loader.Valid("""{ "ip": { "ipsec": { "policy": [ { "default": "yes", "proposal": "p2" } ], "proposal": [ { "name": "p2" } ] } } }""");
        var template = Assert.Single(loaded.Policies);
        Assert.True(template.IsDefault);
        Assert.True(template.Template);
        Assert.Equal("p2", template.Proposal);
        Assert.Equal(IPNetwork.Parse("::/0"), template.SrcAddress);
    }
}
