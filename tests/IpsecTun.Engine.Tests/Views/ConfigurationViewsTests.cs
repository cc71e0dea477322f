using IpsecTun.Engine.Control;
using IpsecTun.Engine.Tests.Plan;
using IpsecTun.Engine.Views;

namespace IpsecTun.Engine.Tests.Views;

public sealed class ConfigurationViewsTests
{
    private const string ModeConfigJson = """
        { "ip": { "ipsec": {
            "mode-config": [ { "name": "rw-conf", "address-pool": "rw-pool", "address-prefix-length": 32, "split-include": "10.5.8.0/24",
                               "system-dns": "no", "static-dns": "10.5.8.1", "responder": "yes" } ] },
          "pool": [ { "name": "rw-pool", "ranges": "192.168.77.2-192.168.77.254" } ] } }
        """;

    private readonly IpsecTun.Config.IpsecConfiguration configuration = ConfigurationText.Load(SiteToSitePlanTests.Json);

    [Fact]
    public void Secrets_are_masked_unless_keys_are_asked_for()
    {
        var masked = ConfigurationViews.Build(ViewMenu.Identity, configuration, withKeys: false);
        Assert.All(masked, row => Assert.Equal("********", RowAssert.Value(row, "secret")));
        Assert.DoesNotContain(masked.SelectMany(r => r.Properties), p => p.Value.Contains("branch-psk", StringComparison.Ordinal));

        var shown = ConfigurationViews.Build(ViewMenu.Identity, configuration, withKeys: true);
        Assert.Equal("0x0123456789abcdef", RowAssert.Value(shown[0], "secret"));
        Assert.Equal("branch-psk", RowAssert.Value(shown[1], "secret"));
        Assert.Equal(("fqdn:gw.example.com", "user-fqdn:office@example.com"), (RowAssert.Value(shown[0], "my-id"), RowAssert.Value(shown[0], "remote-id")));
        Assert.Equal(("pre-shared-key", "auto", "none"), (RowAssert.Value(shown[1], "auth-method"), RowAssert.Value(shown[1], "my-id"), RowAssert.Value(shown[1], "mode-config")));
    }

    [Fact]
    public void Peers_show_address_port_and_disabled_flag()
    {
        var rows = ConfigurationViews.Build(ViewMenu.Peer, configuration, withKeys: false);
        Assert.Equal(["office", "branch", "old"], rows.Select(r => RowAssert.Value(r, "name")));
        Assert.Equal(("198.51.100.1/32", "4501", "203.0.113.5", "no"),
            (RowAssert.Value(rows[0], "address"), RowAssert.Value(rows[0], "port"), RowAssert.Value(rows[0], "local-address"), RowAssert.Value(rows[0], "send-initial-contact")));
        Assert.Equal(("yes", "yes"), (RowAssert.Value(rows[1], "passive"), RowAssert.Value(rows[1], "responder")));
        Assert.Equal("X", rows[2].Flags);
    }

    [Fact]
    public void Profiles_use_RouterOS_durations_and_names()
    {
        var rows = ConfigurationViews.Build(ViewMenu.Profile, configuration, withKeys: false);
        var ike2 = rows.Single(r => RowAssert.Value(r, "name") == "ike2");
        Assert.Equal(("aes-256,aes-128-gcm", "ecp256,modp2048", "sha256"),
            (RowAssert.Value(ike2, "enc-algorithm"), RowAssert.Value(ike2, "dh-group"), RowAssert.Value(ike2, "hash-algorithm")));
        Assert.Equal(("8h", "30s", "yes"), (RowAssert.Value(ike2, "lifetime"), RowAssert.Value(ike2, "dpd-interval"), RowAssert.Value(ike2, "nat-traversal")));
        var builtIn = rows.Single(r => RowAssert.Value(r, "name") == "default");
        Assert.Equal(("*", "1d", "2m"), (builtIn.Flags, RowAssert.Value(builtIn, "lifetime"), RowAssert.Value(builtIn, "dpd-interval")));
    }

    [Fact]
    public void Proposals_show_algorithms_lifetime_and_pfs_group()
    {
        var rows = ConfigurationViews.Build(ViewMenu.Proposal, configuration, withKeys: false);
        var esp = rows.Single(r => RowAssert.Value(r, "name") == "esp");
        Assert.Equal(("sha256,sha1", "aes-128-gcm,aes-256-cbc", "45m", "modp2048"),
            (RowAssert.Value(esp, "auth-algorithms"), RowAssert.Value(esp, "enc-algorithms"), RowAssert.Value(esp, "lifetime"), RowAssert.Value(esp, "pfs-group")));
    }

    [Fact]
    public void Mode_configs_show_pool_split_include_and_dns()
    {
        var rows = ConfigurationViews.Build(ViewMenu.ModeConfig, ConfigurationText.Load(ModeConfigJson), withKeys: false);
        var rw = rows.Single(r => RowAssert.Value(r, "name") == "rw-conf");
        Assert.Equal(("rw-pool", "32", "10.5.8.0/24", "10.5.8.1", "no", "yes"),
            (RowAssert.Value(rw, "address-pool"), RowAssert.Value(rw, "address-prefix-length"), RowAssert.Value(rw, "split-include"),
             RowAssert.Value(rw, "static-dns"), RowAssert.Value(rw, "system-dns"), RowAssert.Value(rw, "responder")));
        Assert.Equal("*", rows.Single(r => RowAssert.Value(r, "name") == "request-only").Flags);
    }

    [Fact]
    public void Live_menus_are_not_configuration_views()
    {
        Assert.False(ConfigurationViews.Shows(ViewMenu.InstalledSa));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfigurationViews.Build(ViewMenu.ActivePeers, configuration, withKeys: false));
    }
}
