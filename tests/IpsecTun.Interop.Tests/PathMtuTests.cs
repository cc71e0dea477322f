using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// ipsectun with a 1500-byte adapter over a 1500-byte veth to strongSwan, AES-128-GCM in UDP: the tunnel
/// carries at most 1500 - 20 (IPv4) - 8 (UDP) - 8 (SPI, sequence) - 8 (IV) - 16 (ICV) = 1440 bytes of
/// payload, padding and trailer, so inner packets of up to 1438 bytes (1440 less the 2-byte trailer, which
/// the 4-byte alignment leaves without padding).
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class PathMtuTests
{
    private const int TunnelMtu = 1438;

    [Fact]
    public void A_ping_too_big_for_the_tunnel_learns_its_mtu_and_a_syn_crossing_it_has_its_mss_clamped()
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        IkeSuite suite = IkeSuite.AesGcmEcp256;
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, SwanctlConfig.SiteToSitePsk(
            SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "10.2.0.0/24", "10.1.0.0/24", suite.StrongSwanIke, suite.StrongSwanEsp, "pmtu-psk"));
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, IpsecTunConfig.SiteToSitePsk(
            SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, "10.1.0.0/24", "10.2.0.0/24", suite, "pmtu-psk", passive: false, mtu: 1500));
        CommandResult connect = ipsectun.Cli("connect", "lab-peer", "--timeout", "30s");
        Assert.True(connect.ExitCode == 0, connect + ipsectun.Log + strongSwan.Log);

        // 1472 bytes of ICMP data make a 1500-byte packet: it fits the adapter but not the tunnel.
        CommandResult tooBig = PingWithoutFragmenting(lab, 1472);
        Assert.Contains($"Frag needed and DF set (mtu = {TunnelMtu})", tooBig.Output, StringComparison.Ordinal);
        CommandResult fits = PingWithoutFragmenting(lab, TunnelMtu - 28);
        Assert.True(fits.ExitCode == 0, fits + ipsectun.Log);

        // The kernel announces 1500 - 40 for the adapter; what crosses the tunnel says 1438 - 40.
        using var capture = new BackgroundProcess("ip", lab.Right.Wrap(
            "tshark", "-i", "any", "-n", "-l", "-c", "1", "-f", "tcp[tcpflags] == tcp-syn and dst host 10.2.0.1", "-T", "fields", "-e", "tcp.options.mss_val"));
        StrongSwanDaemon.WaitFor(() => capture.Output.Contains("Capturing on", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "tshark");
        Iperf.MeasureTcp(lab.Right, SiteToSiteLab.RightInside, lab.Left, SiteToSiteLab.LeftInside, seconds: 1);
        StrongSwanDaemon.WaitFor(() => capture.HasExited, TimeSpan.FromSeconds(20), "the SYN capture");
        Assert.Contains((TunnelMtu - 40).ToString(System.Globalization.CultureInfo.InvariantCulture), capture.Output.Split('\n', StringSplitOptions.TrimEntries));
        Assert.Equal(0, ipsectun.Stop());
    }

    private static CommandResult PingWithoutFragmenting(SiteToSiteLab lab, int size) => lab.Left.Exec(
        TimeSpan.FromSeconds(20), "ping", "-n", "-c", "1", "-W", "3", "-M", "do", "-s", size.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-I", SiteToSiteLab.LeftInside.ToString(), SiteToSiteLab.RightInside.ToString());
}
