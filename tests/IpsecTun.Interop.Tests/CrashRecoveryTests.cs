using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// `ipsectun run` killed with SIGKILL leaves its state file (the adapter and routes it added); the next run
/// with the same control socket cleans up after it, says so, and a clean stop leaves nothing.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class CrashRecoveryTests
{
    [Fact]
    public void A_run_started_after_a_killed_one_cleans_its_leftovers_and_a_clean_stop_leaves_nothing()
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var directory = new TemporaryDirectory();
        string configuration = IpsecTunConfig.SiteToSitePsk(
            SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, "10.1.0.0/24", "10.2.0.0/24", IkeSuite.AesGcmEcp256, "crash-psk", passive: true);
        string statePath = Path.Combine(directory.Path, "control.state");

        using (var crashed = new IpsecTunDaemon(lab.Left, directory, configuration))
        {
            StrongSwanDaemon.WaitFor(() => RouteToRight(lab).Contains("itun0", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the route into the adapter");
            crashed.Kill();
        }

        string leftover = File.ReadAllText(statePath);
        Assert.Contains("\"itun0\"", leftover, StringComparison.Ordinal);
        Assert.Contains("10.2.0.0", leftover, StringComparison.Ordinal);

        using (var next = new IpsecTunDaemon(lab.Left, directory, configuration))
        {
            StrongSwanDaemon.WaitFor(() => next.Log.Contains("control socket listening", StringComparison.Ordinal) || next.HasExited, TimeSpan.FromSeconds(30), "the second run");
            Assert.Contains("an earlier run ended without cleaning up", next.Log, StringComparison.Ordinal);
            Assert.Single(RouteToRight(lab).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.True(File.Exists(statePath));
            Assert.Equal(0, next.Stop());
        }

        Assert.False(File.Exists(statePath));
        StrongSwanDaemon.WaitFor(() => lab.Left.Exec(TimeSpan.FromSeconds(10), "ip", "link", "show", "itun0").ExitCode != 0, TimeSpan.FromSeconds(20), "the adapter to go");
        Assert.Equal("", RouteToRight(lab).Trim());
    }

    private static string RouteToRight(SiteToSiteLab lab) =>
        lab.Left.Exec(TimeSpan.FromSeconds(10), "ip", "route", "show", "10.2.0.0/24").Output;
}
