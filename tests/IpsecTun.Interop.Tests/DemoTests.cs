using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>`ipsectun demo`, the README's main job: a tunnel between two namespaces, pings through it, and nothing left behind.</summary>
[Collection(InteropGroup.Name)]
public sealed class DemoTests
{
    [Fact]
    public void Demo_brings_up_a_tunnel_pings_through_it_and_cleans_up()
    {
        LabRequirement.EnsureAvailable();
        CommandResult demo = Command.Run(
            "env", [$"DOTNET_ROOT={IpsecTunDaemon.DotnetRoot}", IpsecTunDaemon.Program, "demo"], TimeSpan.FromMinutes(2));

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("office: established", demo.Output, StringComparison.Ordinal);
        Assert.Contains("3 packets transmitted, 3 received", demo.Output, StringComparison.Ordinal);
        Assert.Contains("mature", demo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ipsectun-demo-", Command.Run("ip", "netns", "list").Output, StringComparison.Ordinal);
    }
}
