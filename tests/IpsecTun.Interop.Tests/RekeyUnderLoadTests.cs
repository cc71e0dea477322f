using System.Text.RegularExpressions;
using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// Scenario 4: Child SA and IKE SA rekeys during a continuous TCP transfer, with lifetimes short enough that
/// each happens while iperf3 runs, once with ipsectun rekeying and once with strongSwan rekeying. The
/// transfer must complete without a reset or a stall, and afterwards every SA is new.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed partial class RekeyUnderLoadTests
{
    private const string Psk = "interop-rekey-psk";
    private const int TransferSeconds = 60;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rekeys_during_a_transfer_lose_no_connection(bool ipsectunRekeys)
    {
        LabRequirement.EnsureAvailable();
        IkeSuite suite = IkeSuite.AesGcmEcp256;
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, SwanctlConfig.SiteToSitePsk(
            SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "10.2.0.0/24", "10.1.0.0/24", suite.StrongSwanIke, suite.StrongSwanEsp, Psk,
            rekeyTime: ipsectunRekeys ? "4h" : "40s", childRekeyTime: ipsectunRekeys ? "1h" : "20s", dpdDelay: "10s"));
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, IpsecTunConfig.SiteToSitePsk(
            SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, "10.1.0.0/24", "10.2.0.0/24", suite, Psk, passive: true,
            lifetime: ipsectunRekeys ? "50s" : "1d", childLifetime: ipsectunRekeys ? "25s" : "30m"));

        CommandResult connect = ipsectun.Cli("connect", "lab-peer", "--timeout", "30s");
        Assert.True(connect.ExitCode == 0, connect + ipsectun.Log + strongSwan.Log);
        HashSet<string> spisBefore = ipsectun.InstalledSpis();
        string ikeBefore = IkeSpi(strongSwan.ListSas());

        (double mbps, IReadOnlyList<double> intervals) = Iperf.RunTcp(
            lab.Right, SiteToSiteLab.RightInside, lab.Left, SiteToSiteLab.LeftInside, TransferSeconds);

        string diagnostics = ipsectun.Log + strongSwan.Log;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{(ipsectunRekeys ? "ipsectun" : "strongSwan")} rekeying: TCP {mbps:F0} Mbit/s, slowest second {intervals.Min():F1} Mbit/s");
        Assert.True(mbps > 1, $"{mbps} Mbit/s\n{diagnostics}");
        Assert.True(LongestStall(intervals) < 3, $"the transfer stalled: {string.Join(" ", intervals.Select(i => i.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}\n{diagnostics}");

        HashSet<string> spisAfter = ipsectun.InstalledSpis();
        Assert.NotEmpty(spisAfter);
        Assert.True(!spisAfter.Overlaps(spisBefore), $"old SPIs {string.Join(",", spisBefore)} still installed: {string.Join(",", spisAfter)}\n{diagnostics}");
        string listed = strongSwan.ListSas();
        Assert.NotEqual(ikeBefore, IkeSpi(listed));
        Assert.Contains("INSTALLED", listed, StringComparison.Ordinal);
        Assert.Equal("established", Assert.Single(ipsectun.Show("active-peers"))["state"]);
        CommandResult ping = SiteToSiteLab.Ping(lab.Left, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside);
        Assert.True(ping.ExitCode == 0, ping + diagnostics);
        Assert.Equal(0, ipsectun.Stop());
    }

    /// <summary>The longest run of one-second intervals in which next to nothing got through.</summary>
    private static int LongestStall(IReadOnlyList<double> intervalMbps)
    {
        int longest = 0, run = 0;
        foreach (double mbps in intervalMbps)
        {
            run = mbps < 0.1 ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    /// <summary>The initiator SPI of the one IKE SA `swanctl --list-sas` shows.</summary>
    private static string IkeSpi(string listSas) =>
        IkeSpiPattern().Match(listSas) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"no IKE SA listed: {listSas}");

    [GeneratedRegex("IKEv2, ([0-9a-f]{16})_i")]
    private static partial Regex IkeSpiPattern();
}
