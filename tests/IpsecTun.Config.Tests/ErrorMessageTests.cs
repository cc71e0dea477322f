namespace IpsecTun.Config.Tests;

/// <summary>
/// One test per kind of error: each message names the file, the entry (menu, index, name) and the
/// property, and says what is allowed.
/// </summary>
public sealed class ErrorMessageTests
{
    private const string Peer = """{ "name": "office", "address": "192.0.2.1", "exchange-mode": "ike2" }""";

    [Fact]
    public void Unknown_property_suggests_the_closest_name()
    {
        var error = Single(Identity("""{ "peer": "office", "secrt": "x", "secret": "y" }"""), "ip.ipsec.identity[0] (peer office)", "secrt");
        Assert.Contains("is not a property of ip.ipsec.identity (did you mean secret?)", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowed: auth-method, certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pre_6_43_peer_property_says_where_it_moved()
    {
        var error = Single(Json($$"""{ "ip": { "ipsec": { "peer": [ { "name": "office", "exchange-mode": "ike2", "secret": "x" } ] } } }"""),
            "ip.ipsec.peer[0] (office)", "secret");
        Assert.Contains("belongs in ip.ipsec.identity", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\"x\"", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Value_outside_a_fixed_set_lists_the_allowed_values()
    {
        var error = Single(Json("""{ "ip": { "ipsec": { "profile": [ { "name": "p", "proposal-check": "obeyy" } ] } } }"""), "ip.ipsec.profile[0] (p)", "proposal-check");
        Assert.Equal("\"obeyy\" is not allowed; allowed: claim, exact, obey, strict (did you mean obey?)", error.Message);
    }

    [Fact]
    public void Unknown_algorithm_lists_the_available_ones()
    {
        var error = Single(Json("""{ "ip": { "ipsec": { "profile": [ { "name": "p", "enc-algorithm": "aes-128,aes-512" } ] } } }"""), "ip.ipsec.profile[0] (p)", "enc-algorithm");
        Assert.StartsWith("\"aes-512\" is not a profile's encryption algorithm", error.Message, StringComparison.Ordinal);
        Assert.Contains("aes-256", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowed:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Proposal_name_in_a_profile_says_how_a_profile_writes_it()
    {
        var error = Single(Json("""{ "ip": { "ipsec": { "profile": [ { "name": "p", "enc-algorithm": "aes-128-cbc" } ] } } }"""), "ip.ipsec.profile[0] (p)", "enc-algorithm");
        Assert.Contains("a profile writes aes-128", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("did you mean", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_encryption_is_refused_for_the_IKE_SA()
    {
        var error = Single(Json("""{ "ip": { "ipsec": { "profile": [ { "name": "p", "enc-algorithm": "null" } ] } } }"""), "ip.ipsec.profile[0] (p)", "enc-algorithm");
        Assert.Contains("cannot protect the IKE SA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ec2n_groups_are_IKEv1_only()
    {
        var error = Single(Json("""{ "ip": { "ipsec": { "profile": [ { "name": "p", "dh-group": "ec2n155" } ] } } }"""), "ip.ipsec.profile[0] (p)", "dh-group");
        Assert.Contains("exists only in IKEv1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("main")]
    [InlineData("aggressive")]
    [InlineData("base")]
    public void IKEv1_exchange_modes_say_to_use_ike2(string mode)
    {
        var error = Single(Json($$"""{ "ip": { "ipsec": { "peer": [ { "name": "office", "exchange-mode": "{{mode}}" } ] } } }"""), "ip.ipsec.peer[0] (office)", "exchange-mode");
        Assert.Contains("IKEv1", error.Message, StringComparison.Ordinal);
        Assert.Contains("use exchange-mode=ike2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_exchange_mode_main_is_an_error_that_says_it_was_not_set()
    {
        var error = Single(Json("""{ "ip": { "ipsec": { "peer": [ { "name": "office" } ] } } }"""), "ip.ipsec.peer[0] (office)", "exchange-mode");
        Assert.StartsWith("not set, and the default \"main\" is an IKEv1 exchange mode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IKEv1_auth_methods_are_refused_with_the_IKEv2_ones_listed()
    {
        var error = Single(Identity("""{ "peer": "office", "auth-method": "pre-shared-key-xauth", "secret": "s" }"""), "ip.ipsec.identity[0] (peer office)", "auth-method");
        Assert.Contains("exists only in IKEv1", error.Message, StringComparison.Ordinal);
        Assert.Contains("digital-signature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_to_a_missing_entry_names_what_exists()
    {
        var error = Single(Json($$"""{ "ip": { "ipsec": { "peer": [ { "name": "office", "exchange-mode": "ike2", "profile": "ike3" } ], "profile": [ { "name": "ike2" } ] } } }"""),
            "ip.ipsec.peer[0] (office)", "profile");
        Assert.Equal("no ip.ipsec.profile entry is named \"ike3\" (did you mean ike2?); ip.ipsec.profile has default, ike2", error.Message);
    }

    [Fact]
    public void Missing_required_property_says_why_it_is_needed()
    {
        var error = Single(Json("""{ "ip": { "ipsec": { "proposal": [ { "lifetime": "1h" } ] } } }"""), "ip.ipsec.proposal[0]", "name");
        Assert.Contains("is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_names_are_reported_on_the_later_entry()
    {
        var error = Single(Json("""{ "ip": { "ipsec": { "proposal": [ { "name": "a" }, { "name": "a" } ] } } }"""), "ip.ipsec.proposal[1] (a)", "name");
        Assert.Contains("unique", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_menu_suggests_the_closest_menu()
    {
        var result = Json("""{ "ip": { "ipsec": { "profiles": [ { "name": "a" } ] } } }""");
        var error = Assert.Single(result.Errors);
        Assert.Equal("ip.ipsec.profiles", error.Entry);
        Assert.Contains("did you mean profile?", error.Message, StringComparison.Ordinal);
        AssertNamesFile(error);
    }

    [Fact]
    public void A_list_menu_written_as_an_object_is_an_error_on_the_menu()
    {
        var result = Json("""{ "ip": { "ipsec": { "profile": { "name": "a" } } } }""");
        var error = Assert.Single(result.Errors);
        Assert.Equal("ip.ipsec.profile", error.Entry);
        Assert.Contains("is a list of entries", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "ip": 5 }""", "ip", null, "holds menus")]
    [InlineData("""{ "ip": { "ipsec": { "peer": [ 5 ] } } }""", "ip.ipsec.peer[0]", null, "is not an entry")]
    [InlineData("""{ "ip": { "ipsec": { "settings": [ { "accounting": "no" } ] } } }""", "ip.ipsec.settings", null, "is one set of values")]
    [InlineData("""{ "ipsectun": { "interface": "tun0" } }""", "ipsectun", "interface", "is an object")]
    [InlineData("""{ "ip": { "ipsec": { "proposal": [ { "name": [ "a", "b" ] } ] } } }""", "ip.ipsec.proposal[0]", "name", "takes a single value")]
    public void Values_of_the_wrong_json_shape_say_what_shape_is_expected(string json, string entry, string? property, string message)
    {
        var result = Json(json);
        var error = result.Errors[0];
        Assert.Equal((entry, property), (error.Entry, error.Property));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.All(result.Errors, AssertNamesFile);
    }

    [Fact]
    public void Invalid_json_gives_line_and_position()
    {
        var error = Assert.Single(Json("{\n  \"ip\": { \"dns\": { \"servers\": \"10.0.0.1\" \n}").Errors);
        AssertNamesFile(error);
        Assert.Contains("line ", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_does_not_quote_the_text_it_stopped_at()
    {
        var error = Assert.Single(Json("""{ "ip": { "ipsec": { "proposal": [ { "pfs-group": none" } ], "identity": [ { "secret": "hunter2" } ] } } }""").Errors);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prefix_with_host_bits_shows_the_prefix_meant()
    {
        var error = Single(Json("""{ "ip": { "ipsec": { "policy": [ { "action": "discard", "src-address": "10.1.202.7/24", "dst-address": "10.1.101.0/24" } ] } } }"""),
            "ip.ipsec.policy[0]", "src-address");
        Assert.Equal("\"10.1.202.7/24\" has host bits set; the prefix is 10.1.202.0/24", error.Message);
    }

    [Fact]
    public void Negation_is_refused_outside_firewall_matchers()
    {
        var error = Single(Json("""{ "ip": { "ipsec": { "policy": [ { "action": "discard", "src-address": "!10.0.0.0/8", "dst-address": "0.0.0.0/0" } ] } } }"""),
            "ip.ipsec.policy[0]", "src-address");
        Assert.Contains("negation with ! exists only for firewall matchers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypting_policy_needs_a_peer()
    {
        var error = Single(Json("""{ "ip": { "ipsec": { "policy": [ { "src-address": "10.1.0.0/24", "dst-address": "10.2.0.0/24" } ] } } }"""),
            "ip.ipsec.policy[0]", "peer");
        Assert.Contains("is required for action=encrypt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conflicting_properties_say_how_to_resolve_them()
    {
        var error = Single(Json("""{ "ip": { "ipsec": { "mode-config": [ { "name": "m", "system-dns": "yes", "static-dns": "10.5.8.1" } ] } } }"""),
            "ip.ipsec.mode-config[0] (m)", "static-dns");
        Assert.Equal("cannot be used with system-dns=yes; set system-dns=no", error.Message);
    }

    [Fact]
    public void Bad_secret_is_reported_without_its_value()
    {
        var result = Identity("""{ "peer": "office", "secret": "0xZZtopsecret" }""");
        var error = Single(result, "ip.ipsec.identity[0] (peer office)", "secret");
        Assert.Contains("hexadecimal", error.Message, StringComparison.Ordinal);
        Assert.All(result.Errors, e => Assert.DoesNotContain("topsecret", e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_secret_file_names_the_file_only()
    {
        var error = Single(Identity("""{ "peer": "office", "secret": "file:/nonexistent/psk" }"""), "ip.ipsec.identity[0] (peer office)", "secret");
        Assert.StartsWith("file /nonexistent/psk cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_errors_of_a_file_are_reported_together()
    {
        var result = Json("""
            { "ip": { "ipsec": {
                "profile": [ { "name": "p", "lifetime": "forever", "hash-algorithm": "sha3" } ],
                "peer": [ { "name": "x", "exchange-mode": "main", "port": 70000 } ],
                "policy": [ { "peer": "y", "action": "encrypt" } ] } } }
            """);
        Assert.Equal(
            ["hash-algorithm", "lifetime", "exchange-mode", "port", "peer"],
            result.Errors.Select(e => e.Property));
        Assert.All(result.Errors, AssertNamesFile);
    }

    [Fact]
    public void Errors_from_the_file_give_the_line_of_the_value_or_entry()
    {
        var result = Json("""
            {
              "ip": { "ipsec": {
                "proposal": [
                  { "name": "a",
                    "lifetime": "soon" },
                  { "lifetime": "1h" }
                ] } }
            }
            """);
        Assert.Equal(
            [("lifetime", 5), ("name", 6)],
            result.Errors.Select(e => (e.Property!, int.Parse(e.Source[(e.Source.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void A_missing_file_is_one_error_naming_it()
    {
        var result = ConfigurationLoader.Load(new ConfigurationLoadOptions("/nonexistent/ipsectun.json", [], Loader.IsolatedPrefix));
        Assert.Equal("/nonexistent/ipsectun.json: configuration: the file does not exist", Assert.Single(result.Errors).ToString());
    }

    private static ConfigurationError Single(ConfigurationLoadResult result, string entry, string property)
    {
        var error = Loader.ErrorAbout(result, entry, property);
        Assert.Equal(entry, error.Entry);
        AssertNamesFile(error);
        Assert.Contains($": {entry}: {property}: ", error.ToString(), StringComparison.Ordinal);
        return error;
    }

    /// <summary>The source is the file, with the line when the JSON parsed.</summary>
    private static void AssertNamesFile(ConfigurationError error)
    {
        Assert.Matches(@"config\.json(:\d+)?$", error.Source);
        Assert.StartsWith(error.Source + ": ", error.ToString(), StringComparison.Ordinal);
    }

    private static ConfigurationLoadResult Json(string json) => Loader.Load(json);

    private static ConfigurationLoadResult Identity(string identity) =>
        Json($$"""{ "ip": { "ipsec": { "peer": [ {{Peer}} ], "identity": [ {{identity}} ] } } }""");
}
