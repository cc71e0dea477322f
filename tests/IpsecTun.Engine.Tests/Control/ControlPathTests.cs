using IpsecTun.Config;
using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Tests.Control;

/// <summary>Where commands look for the control socket, and the pipe name a Windows path carries.</summary>
[Collection(nameof(ControlEnvironment))]
public sealed class ControlPathTests
{
    [Fact]
    public void The_option_wins_then_the_environment_then_the_default()
    {
        using var environment = new ControlEnvironment(null);
        Assert.Equal(EndpointSettings.DefaultControl, ControlPath.Resolve(null));
        Assert.Equal("/tmp/a.sock", ControlPath.Resolve("/tmp/a.sock"));

        ControlEnvironment.Set("/tmp/env.sock");
        Assert.Equal("/tmp/env.sock", ControlPath.Resolve(null));
        Assert.Equal("/tmp/a.sock", ControlPath.Resolve("/tmp/a.sock"));
    }

    [Fact]
    public void The_configuration_comes_after_the_environment()
    {
        using var directory = new SocketDirectory();
        var file = Path.Combine(directory.Path, "config.json");
        File.WriteAllText(file, """{ "ipsectun": { "control": "/tmp/configured.sock" } }""");
        var configuration = ConfigurationLoader.Load(new ConfigurationLoadOptions(file, [], "ENGINE_TEST_UNUSED_")).Configuration;

        using var environment = new ControlEnvironment(null);
        Assert.Equal("/tmp/configured.sock", ControlPath.Resolve(null, configuration));
        ControlEnvironment.Set("/tmp/env.sock");
        Assert.Equal("/tmp/env.sock", ControlPath.Resolve(null, configuration));
        Assert.Equal("/tmp/a.sock", ControlPath.Resolve("/tmp/a.sock", configuration));
    }

    [Theory]
    [InlineData(@"\\.\pipe\ipsectun", "ipsectun")]
    [InlineData(@"\\.\PIPE\ipsectun-ns1", "ipsectun-ns1")]
    [InlineData("ipsectun-lab", "ipsectun-lab")]
    public void A_windows_path_names_its_pipe(string path, string name) => Assert.Equal(name, ControlPath.PipeName(path));
}
