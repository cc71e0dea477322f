namespace IpsecTun.Config.Tests;

/// <summary>Checks across properties and entries: what an auth-method needs, what fits together, what must exist.</summary>
public sealed class ValidationTests
{
    private const string Peer = """{ "name": "office", "address": "192.0.2.1", "exchange-mode": "ike2" }""";

    [Fact]
    public void Rsa_keys_are_IKEv1_and_refused_on_identities()
    {
        var error = Loader.ErrorAbout(Identity("""{ "peer": "office", "secret": "s", "key": "k" }"""), "ip.ipsec.identity[0]", "key");
        Assert.Contains("rsa-key, which exists only in IKEv1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Eap_initiator_needs_credentials_and_a_single_peer_address()
    {
        var result = Loader.Load($$"""
            { "ip": { "ipsec": {
                "peer": [ { "name": "office", "address": "192.0.2.0/24", "exchange-mode": "ike2" } ],
                "identity": [ { "peer": "office", "auth-method": "eap", "eap-methods": "eap-mschapv2" } ] } } }
            """);
        Assert.Equal(["auth-method", "username", "password"], result.Errors.Select(e => e.Property));
        Assert.Contains("peer office has 192.0.2.0/24", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Digital_signature_needs_a_certificate_with_its_private_key()
    {
        using var directory = new TempDirectory();
        TestCertificates.WritePem(directory, "ca.pem", "ca");
        var result = Loader.Load(directory, $$"""
            { "certificate": [ { "name": "ca", "file": "ca.pem" } ],
              "ip": { "ipsec": { "peer": [ {{Peer}} ], "identity": [ { "peer": "office", "auth-method": "digital-signature", "certificate": "ca" } ] } } }
            """);
        var error = Loader.ErrorAbout(result, "ip.ipsec.identity[0]", "certificate");
        Assert.StartsWith("\"ca\" has no private key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_by_certificate_needs_the_remote_certificate()
    {
        var error = Loader.ErrorAbout(Identity("""{ "peer": "office", "secret": "s", "match-by": "certificate" }"""), "ip.ipsec.identity[0]", "remote-certificate");
        Assert.Contains("is required with match-by=certificate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "m", "address": "10.0.0.2", "address-pool": "p" }""", "address", "alternatives")]
    [InlineData("""{ "name": "m", "src-address-list": "l" }""", "src-address-list", "only for an initiator")]
    [InlineData("""{ "name": "m", "responder": "no", "address-pool": "p" }""", "address-pool", "responder=no")]
    public void Mode_config_properties_must_fit_its_role(string modeConfig, string property, string message)
    {
        var result = Loader.Load($$"""
            { "ip": { "pool": [ { "name": "p", "ranges": "10.0.0.2-10.0.0.9" } ],
                      "firewall": { "address-list": [ { "list": "l", "address": "10.1.0.0/16" } ] },
                      "ipsec": { "mode-config": [ {{modeConfig}} ] } } }
            """);
        Assert.Contains(message, Loader.ErrorAbout(result, "ip.ipsec.mode-config[0] (m)", property).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_addresses_must_be_of_one_family_and_ports_need_a_port_protocol()
    {
        var result = Loader.Load($$"""
            { "ip": { "ipsec": { "peer": [ {{Peer}} ], "identity": [ { "peer": "office", "secret": "s" } ],
                "policy": [ { "peer": "office", "src-address": "10.0.0.0/8", "dst-address": "2001:db8::/32", "dst-port": 80 } ] } } }
            """);
        Assert.Equal(["dst-address", "dst-port"], result.Errors.Select(e => e.Property));
    }

    [Fact]
    public void Pool_next_pool_and_mode_config_pool_must_exist()
    {
        var result = Loader.Load("""
            { "ip": { "pool": [ { "name": "a", "ranges": "10.0.0.0/24", "next-pool": "b" } ],
                      "ipsec": { "mode-config": [ { "name": "m", "address-pool": "aa" } ] } } }
            """);
        Assert.Equal(
            ["no ip.pool entry is named \"aa\" (did you mean a?); ip.pool has a", "no ip.pool entry is named \"b\" (did you mean a?); ip.pool has a"],
            result.Errors.Select(e => e.Message));
    }

    [Fact]
    public void Only_one_policy_may_edit_the_default_template()
    {
        var error = Loader.ErrorAbout(Loader.Load("""{ "ip": { "ipsec": { "policy": [ { "default": "yes" }, { "default": "yes" } ] } } }"""),
            "ip.ipsec.policy[1]", "default");
        Assert.Contains("unique", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "c", "file": "missing.pem" }""", "file", "cannot be read")]
    [InlineData("""{ "name": "c", "file": "gw.pem", "key-file": "missing.key" }""", "key-file", "cannot be read")]
    [InlineData("""{ "name": "c", "file": "gw.pem", "key-file": "other.key" }""", "key-file", "does not belong to the certificate")]
    [InlineData("""{ "name": "c" }""", "file", "is required")]
    public void Certificate_files_must_open(string entry, string property, string message)
    {
        using var directory = new TempDirectory();
        TestCertificates.WritePemWithKey(directory, "gw.pem", "gw.key", "gw");
        TestCertificates.WritePemWithKey(directory, "other.pem", "other.key", "other");
        var error = Loader.ErrorAbout(Loader.Load(directory, $$"""{ "certificate": [ {{entry}} ] }"""), "certificate[0] (c)", property);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_must_exist()
    {
        var error = Loader.ErrorAbout(Loader.Load("""{ "ip": { "ipsec": { "key": [ { "name": "k", "file": "/nonexistent/k.pem" } ] } } }"""),
            "ip.ipsec.key[0] (k)", "file");
        Assert.Equal("/nonexistent/k.pem does not exist", error.Message);
    }

    [Fact]
    public void Import_keeps_a_secret_value_out_of_its_errors()
    {
        var result = Config.Import.RouterOsImporter.Import("/ip ipsec identity add peer=a secret=hunter2=x", "a.rsc");
        var error = Assert.Single(result.Errors);
        Assert.Equal("a.rsc:1: the value of secret has a second =; quote the value if it holds one", error);
    }

    private static ConfigurationLoadResult Identity(string identity) =>
        Loader.Load($$"""{ "ip": { "ipsec": { "peer": [ {{Peer}} ], "identity": [ {{identity}} ] } } }""");
}
