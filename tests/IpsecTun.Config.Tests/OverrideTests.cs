namespace IpsecTun.Config.Tests;

/// <summary>Environment variables and --set override the file, and errors name them as the source.</summary>
public sealed class OverrideTests
{
    private const string File = """{ "ip": { "ipsec": { "peer": [ { "name": "office", "address": "192.0.2.1", "exchange-mode": "main" } ], "identity": [ { "peer": "office", "secret": "s" } ] } } }""";

    [Theory]
    [InlineData("ip.ipsec.peer.0.exchange-mode=ike2")]
    [InlineData("ip:ipsec:peer:0:exchange-mode=ike2")]
    [InlineData("ip.ipsec.peer[0].exchange-mode=ike2")]
    public void Set_overrides_a_property_of_a_list_entry(string set)
    {
        var config = Loader.Valid(File, set);
        Assert.Equal(ExchangeMode.Ike2, config.Peer("office").ExchangeMode);
    }

    [Fact]
    public void Set_adds_an_entry_by_index()
    {
        var config = Loader.Valid(File, "ip.ipsec.peer.0.exchange-mode=ike2", "ip.ipsec.proposal.0.name=extra", "ip.ipsec.proposal.0.pfs-group=none");
        Assert.Null(config.Proposal("extra").PfsGroup);
    }

    [Fact]
    public void An_error_in_a_set_value_names_the_set()
    {
        var error = Loader.ErrorAbout(Loader.Load(File, "ip.ipsec.peer.0.exchange-mode=ike3"), "ip.ipsec.peer[0] (office)", "exchange-mode");
        Assert.Equal("--set ip.ipsec.peer.0.exchange-mode", error.Source);
    }

    [Fact]
    public void Environment_variables_override_with_double_underscores()
    {
        using var directory = new TempDirectory();
        const string prefix = "CONFIG_TEST_OVERRIDE_";
        Environment.SetEnvironmentVariable(prefix + "ip__ipsec__peer__0__exchange-mode", "ike2");
        Environment.SetEnvironmentVariable(prefix + "ip__ipsec__peer__0__port", "4501");
        try
        {
            var result = ConfigurationLoader.Load(new ConfigurationLoadOptions(directory.Write("config.json", File), [], prefix));
            var peer = Loader.Valid(result).Peer("office");
            Assert.Equal(ExchangeMode.Ike2, peer.ExchangeMode);
            Assert.Equal(4501, peer.Port);

            Environment.SetEnvironmentVariable(prefix + "ip__ipsec__peer__0__port", "seventy");
            result = ConfigurationLoader.Load(new ConfigurationLoadOptions(directory.Write("config.json", File), [], prefix));
            var error = Loader.ErrorAbout(result, "ip.ipsec.peer[0] (office)", "port");
            Assert.Equal($"environment {prefix}ip__ipsec__peer__0__port", error.Source);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "ip__ipsec__peer__0__exchange-mode", null);
            Environment.SetEnvironmentVariable(prefix + "ip__ipsec__peer__0__port", null);
        }
    }

    [Fact]
    public void Environment_variables_may_write_underscores_for_dashes()
    {
        using var directory = new TempDirectory();
        const string prefix = "CONFIG_TEST_UNDERSCORE_";
        Environment.SetEnvironmentVariable(prefix + "ip__ipsec__peer__0__exchange_mode", "ike3");
        try
        {
            var result = ConfigurationLoader.Load(new ConfigurationLoadOptions(directory.Write("config.json", File), [], prefix));
            var error = Loader.ErrorAbout(result, "ip.ipsec.peer[0] (office)", "exchange-mode");
            Assert.Equal($"environment {prefix}ip__ipsec__peer__0__exchange_mode", error.Source);

            Environment.SetEnvironmentVariable(prefix + "ip__ipsec__peer__0__exchange_mode", "ike2");
            result = ConfigurationLoader.Load(new ConfigurationLoadOptions(directory.Write("config.json", File), [], prefix));
            Assert.Equal(ExchangeMode.Ike2, Loader.Valid(result).Peer("office").ExchangeMode);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "ip__ipsec__peer__0__exchange_mode", null);
        }
    }

    [Fact]
    public void The_control_socket_variable_is_not_read_as_configuration()
    {
        using var directory = new TempDirectory();
        const string prefix = "CONFIG_TEST_CONTROL_";
        Environment.SetEnvironmentVariable(prefix + "CONTROL", "/tmp/elsewhere.sock");
        Environment.SetEnvironmentVariable(prefix + "CONTROLS", "x");
        try
        {
            var path = directory.Write("config.json", File.Replace("main", "ike2", StringComparison.Ordinal));
            var result = ConfigurationLoader.Load(new ConfigurationLoadOptions(path, [], prefix));
            var error = Assert.Single(result.Errors);
            Assert.Equal($"environment {prefix}CONTROLS", error.Source);

            Environment.SetEnvironmentVariable(prefix + "CONTROLS", null);
            result = ConfigurationLoader.Load(new ConfigurationLoadOptions(path, [], prefix));
            Assert.NotEqual("/tmp/elsewhere.sock", Loader.Valid(result).Endpoint.Control);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "CONTROL", null);
            Environment.SetEnvironmentVariable(prefix + "CONTROLS", null);
        }
    }

    [Theory]
    [InlineData("novalue")]
    [InlineData("=x")]
    [InlineData("ip..dns=x")]
    public void Malformed_set_is_refused(string set) => Assert.False(ConfigurationOverride.TryParse(set, out _, out _));

    [Fact]
    public void Reload_swaps_the_configuration_whole_and_keeps_it_on_errors()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("config.json", File.Replace("main", "ike2", StringComparison.Ordinal));
        var store = ConfigurationStore.Open(new ConfigurationLoadOptions(path, [], Loader.IsolatedPrefix), out var first);
        Assert.NotNull(store);
        var before = store.Current;
        Assert.Same(first.Configuration, before);

        directory.Write("config.json", File);
        Assert.False(store.Reload().Succeeded);
        Assert.Same(before, store.Current);

        directory.Write("config.json", File.Replace("main", "ike2", StringComparison.Ordinal).Replace("192.0.2.1", "192.0.2.9", StringComparison.Ordinal));
        Assert.True(store.Reload().Succeeded);
        Assert.NotSame(before, store.Current);
        Assert.Equal("192.0.2.9/32", store.Current.Peer("office").Address.ToString());
    }
}
