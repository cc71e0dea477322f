using System.Net;

namespace IpsecTun.Config.Tests;

/// <summary>The file of the configuration contract, loaded and checked property by property.</summary>
public sealed class IssueExampleTests : IDisposable
{
    private const string Json = """
        {
          "ip": {
            "ipsec": {
              "profile":      [ { "name": "ike2", "dh-group": "ecp256,modp2048", "enc-algorithm": "aes-256,aes-128" } ],
              "proposal":     [ { "name": "ike2", "auth-algorithms": "sha256", "enc-algorithms": "aes-128-gcm", "pfs-group": "none" } ],
              "peer":         [ { "name": "office", "address": "198.51.100.1/32", "exchange-mode": "ike2", "profile": "ike2" } ],
              "identity":     [ { "peer": "office", "auth-method": "pre-shared-key", "secret": "env:CONFIG_TEST_OFFICE_PSK" } ],
              "policy":       [ { "src-address": "10.1.0.0/24", "dst-address": "10.2.0.0/24", "tunnel": "yes", "peer": "office", "proposal": "ike2" } ],
              "policy-group": [ { "name": "rw" } ],
              "mode-config":  [ { "name": "rw", "address-pool": "rw-pool", "split-include": "10.5.8.0/24" } ],
              "settings":     { "xauth-use-radius": "no" }
            },
            "pool":     [ { "name": "rw-pool", "ranges": "192.168.77.2-192.168.77.254" } ],
            "firewall": { "address-list": [ { "list": "local", "address": "192.168.88.0/24" } ] },
            "dns":      { "servers": "10.5.8.1" }
          },
          "certificate": [ { "name": "server1", "file": "server1.p12", "passphrase": "file:p12.pass" },
                           { "name": "ca", "file": "ca.pem" },
                           { "name": "gw", "file": "gw.pem", "key-file": "gw.key" } ],
          "radius":      [ { "address": "127.0.0.1", "secret": "radius-secret", "service": "ipsec" } ],
          "ipsectun":    { "interface": { "name": "ipsec0", "mtu": 1400 }, "replay-window": 1024,
                           "ike-fragment-size": 1280, "listen": { "ike-port": 500, "nat-t-port": 4500 },
                           "control": "/run/ipsectun/ipsectun.sock" }
        }
        """;

    private readonly TempDirectory directory = new();

    public IssueExampleTests()
    {
        TestCertificates.WritePkcs12(directory, "server1.p12", "2.2.2.2", "p12-passphrase");
        directory.Write("p12.pass", "p12-passphrase\n");
        TestCertificates.WritePem(directory, "ca.pem", "ca");
        TestCertificates.WritePemWithKey(directory, "gw.pem", "gw.key", "gw");
        Environment.SetEnvironmentVariable("CONFIG_TEST_OFFICE_PSK", "office-psk");
    }

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Every_menu_of_the_example_loads_as_written()
    {
        var config = Loader.Valid(Loader.Load(directory, Json));

        var profile = config.Profile("ike2");
        Assert.Equal(["ecp256", "modp2048"], profile.DhGroups.Select(g => g.Name));
        Assert.Equal(["aes-256", "aes-128"], profile.EncAlgorithms.Select(a => a.ProfileName ?? a.Name));

        var proposal = config.Proposal("ike2");
        Assert.Equal(["sha256"], proposal.AuthAlgorithms.Select(a => a!.Name));
        Assert.Equal(["aes-128-gcm"], proposal.EncAlgorithms.Select(a => a.Name));
        Assert.Null(proposal.PfsGroup);

        var peer = config.Peer("office");
        Assert.Equal(IPNetwork.Parse("198.51.100.1/32"), peer.Address.Prefix);
        Assert.Equal(ExchangeMode.Ike2, peer.ExchangeMode);
        Assert.Equal("ike2", peer.Profile);

        var identity = Assert.Single(config.IdentitiesOf("office"));
        Assert.Equal(AuthMethod.PreSharedKey, identity.AuthMethod);
        Assert.Equal("office-psk"u8.ToArray(), identity.Secret!.Value.ToArray());

        var policy = config.Policies.Single(p => !p.IsDefault);
        Assert.Equal(IPNetwork.Parse("10.1.0.0/24"), policy.SrcAddress);
        Assert.Equal(IPNetwork.Parse("10.2.0.0/24"), policy.DstAddress);
        Assert.True(policy.Tunnel);
        Assert.Equal("office", policy.Peer);
        Assert.Equal("ike2", policy.Proposal);

        Assert.Contains(config.PolicyGroups, g => g.Name == "rw");
        var modeConfig = config.ModeConfig("rw");
        Assert.Equal("rw-pool", modeConfig.AddressPool);
        Assert.Equal([IPNetwork.Parse("10.5.8.0/24")], modeConfig.SplitInclude);
        Assert.False(config.Settings.XauthUseRadius);

        var range = Assert.Single(config.Pool("rw-pool").Ranges);
        Assert.Equal(IPAddress.Parse("192.168.77.2"), range.First);
        Assert.Equal(IPAddress.Parse("192.168.77.254"), range.Last);
        var listEntry = Assert.Single(config.AddressLists);
        Assert.Equal(("local", IPNetwork.Parse("192.168.88.0/24")), (listEntry.List, listEntry.Address));
        Assert.Equal([IPAddress.Parse("10.5.8.1")], config.Dns.Servers);

        Assert.True(config.Certificate("server1").HasPrivateKey);
        Assert.Equal("CN=2.2.2.2", config.Certificate("server1").Certificate.Subject);
        Assert.False(config.Certificate("ca").HasPrivateKey);
        Assert.True(config.Certificate("gw").HasPrivateKey);

        var radius = Assert.Single(config.RadiusServers);
        Assert.Equal(IPAddress.Loopback, radius.Address);
        Assert.Equal(["ipsec"], radius.Service);
        Assert.Equal(1812, radius.AuthenticationPort);

        Assert.Equal(new EndpointSettings(new InterfaceSettings("ipsec0", 1400), 1024, 1280, new ListenSettings(500, 4500), "/run/ipsectun/ipsectun.sock"), config.Endpoint);
    }

    [Fact]
    public void A_wrong_pkcs12_passphrase_is_an_error_on_the_certificate()
    {
        directory.Write("p12.pass", "not-the-passphrase");
        var error = Loader.ErrorAbout(Loader.Load(directory, Json), "certificate[0] (server1)", "file");
        Assert.Contains("cannot be opened with the passphrase given", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-passphrase", error.ToString(), StringComparison.Ordinal);
    }
}
