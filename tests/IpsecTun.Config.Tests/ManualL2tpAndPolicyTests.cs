using System.Net;

namespace IpsecTun.Config.Tests;

/// <summary>The manual's L2TP, policy and local-address examples, and its snippets that are print output or typos.</summary>
public sealed class ManualL2tpAndPolicyTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void L2tp_server_keeps_only_its_pool_and_takes_range_for_ranges()
    {
        var import = Fixture.Imported("l2tp-server");
        Assert.Equal(
            [
                "skipped: /interface l2tp-server server (line 3)",
                "skipped: /ppp profile (line 6)",
                "skipped: /ppp secret (line 8)",
                "skipped: /ppp secret (line 9)",
            ],
            import.Skipped);
        var range = Assert.Single(Fixture.Valid(import, directory).Pool("vpn-pool").Ranges);
        Assert.Equal((IPAddress.Parse("192.168.99.2"), IPAddress.Parse("192.168.99.100")), (range.First, range.Last));
    }

    [Fact]
    public void L2tp_client_is_skipped_whole_across_its_continuation()
    {
        var import = Fixture.Imported("l2tp-client");
        Assert.Equal(["skipped: /interface l2tp-client (line 3)"], import.Skipped);
        Assert.Equal("{}", import.Json!.Trim());
    }

    [Fact]
    public void L2tp_dynamic_peer_is_split_like_RouterOS_6_43_and_main_l2tp_is_refused()
    {
        var import = Fixture.Imported("l2tp-dynamic-peer");
        var result = Fixture.Load(import, directory);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("ip.ipsec.peer[0] (peer1)", "exchange-mode"), (error.Entry, error.Property));
        Assert.Equal("\"main-l2tp\" is not allowed; allowed: ike2 (main, aggressive and base are IKEv1, which ipsectun does not implement)", error.Message);

        var config = Fixture.Valid(import, directory, "ip.ipsec.peer.0.exchange-mode=ike2");
        var peer = config.Peer("peer1");
        Assert.Equal((PeerAddress.Any, IPAddress.Any, true, 500, true), (peer.Address, peer.LocalAddress, peer.Passive, peer.Port, peer.SendInitialContact));
        Assert.Equal("peer1", peer.Profile);
        var identity = Assert.Single(config.IdentitiesOf("peer1"));
        Assert.Equal((AuthMethod.PreSharedKey, GeneratePolicy.PortStrict), (identity.AuthMethod, identity.GeneratePolicy));
        Assert.Equal("123"u8.ToArray(), identity.Secret!.Value.ToArray());
        var profile = config.Profile("peer1");
        Assert.Equal(["3des", "aes-128", "aes-192", "aes-256"], profile.EncAlgorithms.Select(a => a.ProfileName ?? a.Name));
        Assert.Equal(["modp1024"], profile.DhGroups.Select(g => g.Name));
        Assert.Equal(("sha1", TimeSpan.FromDays(1), TimeSpan.FromMinutes(2), 5, true),
            (profile.HashAlgorithm.Name, profile.Lifetime, profile.DpdInterval!.Value, profile.DpdMaximumFailures, profile.NatTraversal));
    }

    [Fact]
    public void Print_output_is_an_error_on_each_line_not_a_silent_skip()
    {
        var import = Fixture.Import("l2tp-dynamic-peer-print");
        Assert.False(import.Succeeded);
        Assert.Equal("l2tp-dynamic-peer-print.rsc:1: [admin@MikroTik] is a console prompt or expression, not a command; keep only the command after the prompt", import.Errors[0]);
        Assert.Equal("l2tp-dynamic-peer-print.rsc:2: this is the output of print, not a command; write the entry as add property=value …", import.Errors[1]);
        Assert.Equal("l2tp-dynamic-peer-print.rsc:3: expected a command such as add or set before auth-method=…", import.Errors[2]);
        Assert.Equal(6, import.Errors.Length);
        Assert.DoesNotContain(import.Errors, e => e.Contains("\"123\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Generic_discard_policy_drops_its_sa_address_with_a_note()
    {
        var import = Fixture.Imported("allow-only-ipsec");
        Assert.Equal(4, import.Skipped.Count(s => s.StartsWith("skipped: /ip firewall filter (line ", StringComparison.Ordinal)));
        Assert.Equal(["note: allow-only-ipsec.rsc:9: sa-src-address and sa-dst-address left out: this policy does not take its SA addresses from them (action=discard)"], import.Notes);
        var policy = Fixture.Valid(import, directory).Policies.Single(p => !p.IsDefault);
        Assert.Equal((IPNetwork.Parse("1.1.1.1/32"), IPNetwork.Parse("0.0.0.0/0")), (policy.SrcAddress, policy.DstAddress));
        Assert.Equal((17, 1701, (int?)null, true, PolicyAction.Discard), (policy.Protocol!.Value, policy.SrcPort!.Value, policy.DstPort, policy.Tunnel, policy.Action));
        Assert.Null(policy.Peer);
    }

    [Fact]
    public void Policy_matcher_typo_src_equals_address_is_an_error_with_the_fix()
    {
        var import = Fixture.Import("policy-matcher-typo");
        Assert.Equal(
            ["policy-matcher-typo.rsc:3: \"src=address=192.168.33.1\" has a second = in its value; quote the value if it holds one (did you mean src-address=192.168.33.1?)"],
            import.Errors);
    }

    [Fact]
    public void Print_of_the_generic_policy_as_add_stops_at_manual_sa()
    {
        var import = Fixture.Import("generic-policy-print");
        var error = Assert.Single(import.Errors);
        Assert.StartsWith("generic-policy-print.rsc:4: /ip ipsec policy has no property manual-sa", error, StringComparison.Ordinal);
        Assert.Contains("allowed: action, comment, disabled", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_manuals_filter_rule_broken_without_a_backslash_is_a_clear_error()
    {
        const string script = """
            /ip firewall filter
            add chain=forward action=accept place-before=1
            src-address=10.1.101.0/24 dst-address=10.1.202.0/24 connection-state=established,related
            """;
        var import = Config.Import.RouterOsImporter.Import(script, "filter.rsc");
        Assert.Equal(["filter.rsc:3: expected a command such as add or set before src-address=…"], import.Errors);
    }

    [Fact]
    public void Troubleshooting_logging_is_skipped_with_its_negated_topic()
    {
        var import = Fixture.Imported("troubleshooting-logging");
        Assert.Equal(["skipped: /system logging (line 2)"], import.Skipped);
    }

    [Theory]
    [InlineData("local-address-routing-table", "10.155.107.8")]
    [InlineData("local-address-same-table", "172.22.2.3")]
    public void Pre_6_43_peer_and_policy_become_peer_identity_and_policy_with_peer(string fixture, string localAddress)
    {
        var import = Fixture.Imported(fixture);
        Assert.Equal([$"note: {fixture}.rsc:5: sa-dst-address 10.155.130.136 became peer=peer1"], import.Notes);
        var exchangeMode = Loader.ErrorAbout(Fixture.Load(import, directory), "ip.ipsec.peer[0] (peer1)", "exchange-mode");
        Assert.Contains("IKEv1", exchangeMode.Message, StringComparison.Ordinal);

        var config = Fixture.Valid(import, directory, "ip.ipsec.peer.0.exchange-mode=ike2");
        var peer = config.Peer("peer1");
        Assert.Equal((IPNetwork.Parse("10.155.130.136/32"), IPAddress.Parse(localAddress)), (peer.Address.Prefix!.Value, peer.LocalAddress));
        Assert.Equal("test"u8.ToArray(), Assert.Single(config.IdentitiesOf("peer1")).Secret!.Value.ToArray());
        var policy = config.Policies.Single(p => !p.IsDefault);
        Assert.Equal((IPNetwork.Parse("192.168.1.0/24"), IPNetwork.Parse("172.16.0.0/24"), "peer1", true),
            (policy.SrcAddress, policy.DstAddress, policy.Peer, policy.Tunnel));
    }
}
