using System.Net;

namespace IpsecTun.Config.Tests;

/// <summary>Values in RouterOS syntax and in the natural JSON types mean the same.</summary>
public sealed class ValueSyntaxTests
{
    [Fact]
    public void Json_booleans_numbers_and_arrays_equal_their_RouterOS_spelling()
    {
        const string routerOs = """
            { "ip": { "ipsec": { "profile": [ { "name": "p", "dh-group": "ecp256,modp2048", "nat-traversal": "no", "lifetime": "8h", "dpd-maximum-failures": "7" } ] } } }
            """;
        const string natural = """
            { "ip": { "ipsec": { "profile": [ { "name": "p", "dh-group": ["ecp256", "modp2048"], "nat-traversal": false, "lifetime": 28800, "dpd-maximum-failures": 7 } ] } } }
            """;
        var a = Loader.Valid(routerOs).Profile("p");
        var b = Loader.Valid(natural).Profile("p");
        Assert.Equal(["ecp256", "modp2048"], b.DhGroups.Select(g => g.Name));
        Assert.Equal(a.DhGroups, b.DhGroups);
        Assert.False(b.NatTraversal);
        Assert.Equal(TimeSpan.FromHours(8), b.Lifetime);
        Assert.Equal(a.Lifetime, b.Lifetime);
        Assert.Equal(7, b.DpdMaximumFailures);
    }

    [Fact]
    public void Dpd_can_be_disabled()
    {
        var profile = Loader.Valid("""{ "ip": { "ipsec": { "profile": [ { "name": "p", "dpd-interval": "disable-dpd" } ] } } }""").Profile("p");
        Assert.False(profile.DpdEnabled);
    }

    [Fact]
    public void A_secret_starting_with_0x_is_hexadecimal()
    {
        var config = Loader.Valid(PskIdentity("0x00ff10"));
        Assert.Equal(new byte[] { 0x00, 0xff, 0x10 }, Assert.Single(config.Identities).Secret!.Value.ToArray());
    }

    [Fact]
    public void A_secret_is_read_from_a_file_relative_to_the_configuration()
    {
        using var directory = new TempDirectory();
        directory.Write("psk.txt", "from-a-file\n");
        var config = Loader.Valid(Loader.Load(directory, PskIdentity("file:psk.txt")));
        Assert.Equal("from-a-file"u8.ToArray(), Assert.Single(config.Identities).Secret!.Value.ToArray());
    }

    [Fact]
    public void A_secret_is_read_from_an_environment_variable()
    {
        Environment.SetEnvironmentVariable("CONFIG_TEST_SECRET_FROM_ENV", "0x0102");
        var config = Loader.Valid(PskIdentity("env:CONFIG_TEST_SECRET_FROM_ENV"));
        Assert.Equal(new byte[] { 1, 2 }, Assert.Single(config.Identities).Secret!.Value.ToArray());
    }

    [Fact]
    public void Secrets_never_show_in_ToString()
    {
        var config = Loader.Valid(PskIdentity("hunter2-psk"));
        Assert.DoesNotContain("hunter2", config.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", Assert.Single(config.Identities).ToString(), StringComparison.Ordinal);
        Assert.Equal("(secret)", Assert.Single(config.Identities).Secret!.ToString());
    }

    [Fact]
    public void Addresses_may_be_IPv6_and_a_peer_may_be_a_DNS_name()
    {
        var config = Loader.Valid("""
            { "ip": { "ipsec": {
                "peer": [ { "name": "p", "address": "n.mynetname.net", "exchange-mode": "ike2" } ],
                "identity": [ { "peer": "p", "secret": "s" } ],
                "policy": [ { "peer": "p", "src-address": "2001:db8:1::/48", "dst-address": "2001:db8:2::/48", "protocol": "tcp", "dst-port": 443 } ] } } }
            """);
        Assert.Equal("n.mynetname.net", config.Peer("p").Address.HostName);
        var policy = config.Policies.Single(p => !p.IsDefault);
        Assert.Equal(IPNetwork.Parse("2001:db8:1::/48"), policy.SrcAddress);
        Assert.Equal(6, policy.Protocol);
        Assert.Equal(443, policy.DstPort);
    }

    [Fact]
    public void An_address_without_a_length_is_a_host_prefix()
    {
        var config = Loader.Valid("""{ "ip": { "ipsec": { "policy": [ { "action": "discard", "src-address": "1.1.1.1", "dst-address": "0.0.0.0/0" } ] } } }""");
        Assert.Equal(IPNetwork.Parse("1.1.1.1/32"), config.Policies.Single(p => !p.IsDefault).SrcAddress);
    }

    [Fact]
    public void Identity_ids_carry_their_type_and_value()
    {
        var config = Loader.Valid(PskIdentity("s", """, "my-id": "fqdn:gw.example.com", "remote-id": "user-fqdn:alice@example.com" """));
        var identity = Assert.Single(config.Identities);
        Assert.Equal(new IdentityId(IdentityIdKind.Fqdn, "gw.example.com"), identity.MyId);
        Assert.Equal(new IdentityId(IdentityIdKind.UserFqdn, "alice@example.com"), identity.RemoteId);
    }

    internal static string PskIdentity(string secret, string more = "") => $$"""
        { "ip": { "ipsec": {
            "peer": [ { "name": "p", "address": "192.0.2.1", "exchange-mode": "ike2" } ],
            "identity": [ { "peer": "p", "secret": "{{secret}}" {{more}} } ] } } }
        """;
}
