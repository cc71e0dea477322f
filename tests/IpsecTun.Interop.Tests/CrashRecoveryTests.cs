using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// `ipsectun run` killed with SIGKILL leaves its state file (the adapter and routes it added, and IPv4
/// forwarding as it was before source NAT turned it on); the next run with the same control socket cleans up
/// after it, says so, and a clean stop leaves nothing.
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

    [Fact]
    public void Forwarding_a_killed_source_nat_client_turned_on_is_turned_off_by_the_next_run()
    {
        LabRequirement.EnsureAvailable();
        const string Psk = "crash-nat-psk";
        IkeSuite suite = IkeSuite.AesGcmEcp256;
        using var lab = new RoadWarriorNatLab();
        using var gatewayDir = new TemporaryDirectory();
        using var clientDir = new TemporaryDirectory();
        using var strongSwan = new StrongSwanDaemon(lab.Gateway, gatewayDir, RoadWarriorNatConfig.StrongSwanGateway(
            RoadWarriorNatLab.GatewayOuter, RoadWarriorNatLab.ClientOuter, "192.168.77.254", RoadWarriorNatLab.OfficeNet, suite, Psk));
        Assert.Equal("0", lab.ClientForwarding);

        using (var crashed = new IpsecTunDaemon(lab.Client, clientDir, RoadWarriorNatConfig.IpsecTunClient(
            RoadWarriorNatLab.ClientOuter, RoadWarriorNatLab.GatewayOuter, RoadWarriorNatLab.Lan, suite, Psk)))
        {
            CommandResult connect = crashed.Cli("connect", "gw", "--timeout", "30s");
            Assert.True(connect.ExitCode == 0, connect + crashed.Log + strongSwan.Log);
            StrongSwanDaemon.WaitFor(() => lab.ClientForwarding == "1", TimeSpan.FromSeconds(20), "source NAT to turn forwarding on");
            crashed.Kill();
        }

        Assert.Contains("\"ipv4ForwardingBefore\": false", File.ReadAllText(Path.Combine(clientDir.Path, "control.state")), StringComparison.Ordinal);
        Assert.Equal("1", lab.ClientForwarding);

        // The next run has no peer to connect to, so nothing of its own turns forwarding on again.
        using var next = new IpsecTunDaemon(lab.Client, clientDir, IpsecTunConfig.SiteToSitePsk(
            RoadWarriorNatLab.ClientOuter, RoadWarriorNatLab.GatewayOuter, RoadWarriorNatLab.Lan, RoadWarriorNatLab.OfficeNet, suite, Psk, passive: true));
        StrongSwanDaemon.WaitFor(() => next.Log.Contains("control socket listening", StringComparison.Ordinal) || next.HasExited, TimeSpan.FromSeconds(30), "the second run");
        Assert.Contains("an earlier run ended without cleaning up", next.Log, StringComparison.Ordinal);
        Assert.Equal("0", lab.ClientForwarding);
        Assert.Equal(0, next.Stop());
    }

    private static string RouteToRight(SiteToSiteLab lab) =>
        lab.Left.Exec(TimeSpan.FromSeconds(10), "ip", "route", "show", "10.2.0.0/24").Output;
}
