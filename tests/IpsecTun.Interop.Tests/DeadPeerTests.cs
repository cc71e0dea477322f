using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// Scenario 5: strongSwan is killed in the middle of a transfer. ipsectun's DPD declares it dead, its SAs and
/// their state go, the process stays healthy, and when strongSwan comes back ipsectun initiates again after
/// its back-off and traffic flows.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class DeadPeerTests
{
    private const string Psk = "interop-dpd-psk";

    [Fact]
    public void A_killed_strongswan_is_declared_dead_and_the_tunnel_comes_back_when_it_returns()
    {
        LabRequirement.EnsureAvailable();
        IkeSuite suite = IkeSuite.AesGcmEcp256;
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        using var rightDirAgain = new TemporaryDirectory();
        string swanctl = SwanctlConfig.SiteToSitePsk(
            SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "10.2.0.0/24", "10.1.0.0/24", suite.StrongSwanIke, suite.StrongSwanEsp, Psk);
        var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, swanctl);
        // DPD after 2 s of silence, the peer dead once 1 + 2 + 4 s of retransmissions went unanswered.
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, IpsecTunConfig.SiteToSitePsk(
            SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, "10.1.0.0/24", "10.2.0.0/24", suite, Psk, passive: false,
            dpdInterval: "2s", retransmitTimeout: "1s", retransmitTries: 2));
        try
        {
            WaitFor(() => ipsectun.InstalledSpis().Count == 2, TimeSpan.FromSeconds(60), "the active peer to come up", ipsectun, strongSwan);
            CommandResult ping = SiteToSiteLab.Ping(lab.Left, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside);
            Assert.True(ping.ExitCode == 0, ping + ipsectun.Log);

            using (var server = new BackgroundProcess("ip", lab.Right.Wrap("iperf3", "-s", "-1", "--forceflush", "-B", SiteToSiteLab.RightInside.ToString())))
            {
                StrongSwanDaemon.WaitFor(() => server.Output.Contains("listening", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "the iperf3 server");
                using var transfer = new BackgroundProcess("ip", lab.Left.Wrap(
                    "iperf3", "-c", SiteToSiteLab.RightInside.ToString(), "-B", SiteToSiteLab.LeftInside.ToString(), "-t", "60", "--forceflush"));
                StrongSwanDaemon.WaitFor(() => transfer.Output.Contains("/sec", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "the transfer to run");
                strongSwan.Kill();
                StrongSwanDaemon.WaitFor(() => strongSwan.HasExited, TimeSpan.FromSeconds(10), "charon to die");

                WaitFor(() => ipsectun.InstalledSpis().Count == 0, TimeSpan.FromSeconds(60), "the dead peer's SAs to go", ipsectun, strongSwan);
            }

            Assert.Contains("peer is dead", ipsectun.Log, StringComparison.Ordinal);
            Assert.False(ipsectun.HasExited);
            Assert.DoesNotContain(ipsectun.Show("active-peers"), row => row["state"] == "established");
            IReadOnlyList<Dictionary<string, string>> policies = ipsectun.Show("policy");
            Assert.DoesNotContain(policies, row => row.GetValueOrDefault("dynamic") == "yes");
            Assert.All(policies.Where(row => row.ContainsKey("ph2-state")), row => Assert.Equal("no-phase2", row["ph2-state"]));
            Assert.Contains("initiating again in", ipsectun.Log, StringComparison.Ordinal);

            strongSwan.Dispose();
            strongSwan = new StrongSwanDaemon(lab.Right, rightDirAgain, swanctl);
            WaitFor(() => ipsectun.InstalledSpis().Count == 2, TimeSpan.FromSeconds(120), "ipsectun to initiate again", ipsectun, strongSwan);
            CommandResult again = SiteToSiteLab.Ping(lab.Left, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside);
            Assert.True(again.ExitCode == 0, again + ipsectun.Log + strongSwan.ListSas());
            Assert.Contains("INSTALLED", strongSwan.ListSas(), StringComparison.Ordinal);
            Assert.Equal(0, ipsectun.Stop());
        }
        finally
        {
            strongSwan.Dispose();
        }
    }

    private static void WaitFor(Func<bool> condition, TimeSpan timeout, string what, IpsecTunDaemon ipsectun, StrongSwanDaemon strongSwan)
    {
        try
        {
            StrongSwanDaemon.WaitFor(condition, timeout, what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{ipsectun.Log}\n{strongSwan.Log}", e);
        }
    }
}
