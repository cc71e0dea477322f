using System.Net;

namespace IpsecTun.Config.Tests;

/// <summary>The manual's site to site examples (IKEv1, and GRE over IKEv2), imported and checked property by property.</summary>
public sealed class ManualSiteToSiteTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Ikev1_site1_imports_and_skips_the_firewall_and_print_commands()
    {
        var import = Fixture.Imported("site-to-site-ikev1-site1");
        Assert.Equal(
            [
                "skipped: /ip ipsec active-peers print (line 13)",
                "skipped: /ip ipsec installed-sa print (line 14)",
                "skipped: /ip firewall nat (line 16)",
                "skipped: /ip firewall filter (line 19)",
                "skipped: /ip firewall filter (line 21)",
                "skipped: /ip firewall raw (line 24)",
                "skipped: /ip firewall raw (line 25)",
            ],
            import.Skipped);
    }

    [Fact]
    public void Ikev1_site1_is_refused_for_its_IKEv1_peer_until_it_says_ike2()
    {
        var import = Fixture.Imported("site-to-site-ikev1-site1");
        var error = Assert.Single(Fixture.Load(import, directory).Errors);
        Assert.Equal(("ip.ipsec.peer[0] (ike1-site2)", "exchange-mode"), (error.Entry, error.Property));
        Assert.Contains("IKEv1", error.Message, StringComparison.Ordinal);

        var config = Fixture.Valid(import, directory, "ip.ipsec.peer.0.exchange-mode=ike2");
        var profile = config.Profile("ike1-site2");
        Assert.Equal(["modp2048"], profile.DhGroups.Select(g => g.Name));
        Assert.Equal(["aes-128"], profile.EncAlgorithms.Select(a => a.ProfileName ?? a.Name));
        Assert.Equal("sha1", profile.HashAlgorithm.Name);
        var proposal = config.Proposal("ike1-site2");
        Assert.Equal(["aes-128-cbc"], proposal.EncAlgorithms.Select(a => a.Name));
        Assert.Equal("modp2048", proposal.PfsGroup!.Name);
        Assert.Equal(["sha1"], proposal.AuthAlgorithms.Select(a => a!.Name));
        var peer = config.Peer("ike1-site2");
        Assert.Equal(IPNetwork.Parse("192.168.80.1/32"), peer.Address.Prefix);
        Assert.Equal("ike1-site2", peer.Profile);
        var identity = Assert.Single(config.IdentitiesOf("ike1-site2"));
        Assert.Equal(AuthMethod.PreSharedKey, identity.AuthMethod);
        Assert.Equal("thisisnotasecurepsk"u8.ToArray(), identity.Secret!.Value.ToArray());
        var policy = config.Policies.Single(p => !p.IsDefault);
        Assert.Equal(IPNetwork.Parse("10.1.202.0/24"), policy.SrcAddress);
        Assert.Null(policy.SrcPort);
        Assert.Equal(IPNetwork.Parse("10.1.101.0/24"), policy.DstAddress);
        Assert.Null(policy.DstPort);
        Assert.True(policy.Tunnel);
        Assert.Equal(PolicyAction.Encrypt, policy.Action);
        Assert.Equal(("ike1-site2", "ike1-site2"), (policy.Proposal, policy.Peer));
    }

    [Fact]
    public void Ikev1_site2_mirrors_site1()
    {
        var import = Fixture.Imported("site-to-site-ikev1-site2");
        Assert.Equal(["skipped: /ip firewall nat (line 13)"], import.Skipped);
        var config = Fixture.Valid(import, directory, "ip.ipsec.peer.0.exchange-mode=ike2");
        Assert.Equal(IPNetwork.Parse("192.168.90.1/32"), config.Peer("ike1-site1").Address.Prefix);
        var policy = config.Policies.Single(p => !p.IsDefault);
        Assert.Equal((IPNetwork.Parse("10.1.101.0/24"), IPNetwork.Parse("10.1.202.0/24")), (policy.SrcAddress, policy.DstAddress));
        Assert.Equal("ike1-site1", policy.Peer);
    }

    [Fact]
    public void Gre_over_ipsec_server_loads_as_written()
    {
        var import = Fixture.Imported("gre-over-ipsec-site1-server");
        Assert.Equal(
            [
                "skipped: /interface bridge (line 3)",
                "skipped: /ip address (line 5)",
                "skipped: /interface gre (line 21)",
                "skipped: /ip address (line 23)",
                "skipped: /ip route (line 25)",
            ],
            import.Skipped);
        var config = Fixture.Valid(import, directory);

        var profile = config.Profile("ike2");
        Assert.Equal(["ecp256", "modp2048", "modp1024"], profile.DhGroups.Select(g => g.Name));
        Assert.Equal(["aes-256", "aes-192", "aes-128"], profile.EncAlgorithms.Select(a => a.ProfileName ?? a.Name));
        var proposal = config.Proposal("ike2-gre");
        Assert.Equal([null], proposal.AuthAlgorithms);
        Assert.Equal(["aes-128-gcm"], proposal.EncAlgorithms.Select(a => a.Name));
        Assert.Null(proposal.PfsGroup);

        var modeConfig = config.ModeConfig("ike2-gre");
        Assert.Equal(IPAddress.Parse("192.168.99.2"), modeConfig.Address);
        Assert.Equal(32, modeConfig.AddressPrefixLength);
        Assert.Equal([IPNetwork.Parse("192.168.99.1/32")], modeConfig.SplitInclude);
        Assert.False(modeConfig.SystemDns);
        Assert.True(modeConfig.Responder);

        Assert.Contains(config.PolicyGroups, g => g.Name == "ike2-gre");
        var template = config.Policies.Single(p => p.Group == "ike2-gre");
        Assert.True(template.Template);
        Assert.Equal(IPNetwork.Parse("192.168.99.1/32"), template.SrcAddress);
        Assert.Equal(IPNetwork.Parse("192.168.99.2/32"), template.DstAddress);
        Assert.Equal("ike2-gre", template.Proposal);

        var peer = config.Peer("ike2");
        Assert.Equal(ExchangeMode.Ike2, peer.ExchangeMode);
        Assert.True(peer.Passive);
        Assert.Equal("ike2", peer.Profile);
        Assert.Equal(PeerAddress.Any, peer.Address);

        var identity = Assert.Single(config.IdentitiesOf("ike2"));
        Assert.Equal(GeneratePolicy.PortStrict, identity.GeneratePolicy);
        Assert.Equal("ike2-gre", identity.ModeConfig);
        Assert.Equal("ike2-gre", identity.PolicyTemplateGroup);
        Assert.Equal("test"u8.ToArray(), identity.Secret!.Value.ToArray());
    }

    [Fact]
    public void Gre_over_ipsec_client_reaches_its_server_by_dns_name()
    {
        var import = Fixture.Imported("gre-over-ipsec-site2-client");
        Assert.Contains("skipped: /ip ipsec policy print (line 16)", import.Skipped);
        var config = Fixture.Valid(import, directory);

        Assert.Equal(["ecp256"], config.Profile("ike2-gre").DhGroups.Select(g => g.Name));
        Assert.False(config.ModeConfig("ike2-gre").Responder);
        var peer = config.Peer("p1.ez");
        Assert.Equal("n.mynetname.net", peer.Address.HostName);
        Assert.Equal("ike2-gre", peer.Profile);
        var template = config.Policies.Single(p => p.Group == "ike2-gre");
        Assert.Equal((IPNetwork.Parse("192.168.99.2/32"), IPNetwork.Parse("192.168.99.1/32")), (template.SrcAddress, template.DstAddress));
        Assert.Equal("ike2-gre", Assert.Single(config.IdentitiesOf("p1.ez")).ModeConfig);
    }
}
