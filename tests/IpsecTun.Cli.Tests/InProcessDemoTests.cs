namespace IpsecTun.Cli.Tests;

/// <summary>`ipsectun demo` as without root (or truly without it): both endpoints in this process over loopback UDP, adapters in memory.</summary>
public sealed class InProcessDemoTests
{
    private const string NotRootNotice =
        "ipsectun demo: not running as root, so no network namespaces or TUN adapters: both endpoints run in this process over loopback UDP with in-memory adapters.";

    [Fact]
    public async Task The_demo_brings_up_a_tunnel_over_loopback_pings_through_it_and_shows_the_client()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("the demo's endpoints use the Linux sockets");
        }

        var (code, output, error) = await CommandLine.RunAsync("demo", "--in-process");

        Assert.True(code == 0, output + error);
        Assert.Contains("office: established", output, StringComparison.Ordinal);
        Assert.Contains("3 packets transmitted, 3 received", output, StringComparison.Ordinal);
        string peers = Section(output, "$ ipsectun show active-peers", "$ ipsectun show installed-sa");
        Assert.Matches(@"\n0 N  office  established  initiator .* 127\.0\.0\.2 +127\.0\.0\.1 +yes", peers);
        string sas = Section(output, "$ ipsectun show installed-sa", "$ ipsectun disconnect");
        Assert.Equal(2, sas.Split('\n').Count(line => line.Contains(" mature ", StringComparison.Ordinal) && line.Contains("27m/30m", StringComparison.Ordinal)));
        Assert.DoesNotContain(NotRootNotice, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_root_the_built_command_says_so_and_runs_the_same_demo_over_loopback()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("the demo's endpoints use the Linux sockets");
        }

        Assert.SkipWhen(BuiltCli.UnprivilegedUnavailable is not null, BuiltCli.UnprivilegedUnavailable ?? "");

        var (code, output, error) = await BuiltCli.RunUnprivilegedAsync("demo");

        Assert.True(code == 0, output + error);
        Assert.StartsWith(NotRootNotice + "\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("office: established", output, StringComparison.Ordinal);
        Assert.Contains("3 packets transmitted, 3 received", output, StringComparison.Ordinal);
        Assert.Contains("$ ipsectun show installed-sa", output, StringComparison.Ordinal);
    }

    private static string Section(string output, string from, string to)
    {
        int start = output.IndexOf(from, StringComparison.Ordinal);
        int end = output.IndexOf(to, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, output);
        return output[start..end];
    }
}
