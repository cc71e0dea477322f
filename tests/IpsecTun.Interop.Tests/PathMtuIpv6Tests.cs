using System.Globalization;
using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// <see cref="PathMtuTests"/> over IPv6 with IPv6 inside: ipsectun with a 1500-byte adapter over a 1500-byte veth to
/// strongSwan, AES-128-GCM in UDP. The tunnel carries 1500 - 40 (IPv6) - 8 (UDP) - 8 (SPI, sequence) - 8 (IV) - 16 (ICV)
/// = 1420 bytes of payload, padding and trailer, so inner packets of up to 1418 bytes.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class PathMtuIpv6Tests
{
    private const int TunnelMtu = 1418;

    [Fact]
    public void A_ping6_too_big_for_the_tunnel_gets_packet_too_big_with_its_mtu_and_a_syn_crossing_it_has_its_mss_clamped()
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab6();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        IkeSuite suite = IkeSuite.AesGcmEcp256;
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, SwanctlConfig.SiteToSitePsk(
            SiteToSiteLab6.RightOuter, SiteToSiteLab6.LeftOuter, SiteToSiteLab6.RightNet, SiteToSiteLab6.LeftNet, suite.StrongSwanIke, suite.StrongSwanEsp, "pmtu6-psk"));
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, IpsecTunConfig.SiteToSitePsk(
            SiteToSiteLab6.LeftOuter, SiteToSiteLab6.RightOuter, SiteToSiteLab6.LeftNet, SiteToSiteLab6.RightNet, suite, "pmtu6-psk", passive: false, mtu: 1500));
        CommandResult connect = ipsectun.Cli("connect", "lab-peer", "--timeout", "30s");
        Assert.True(connect.ExitCode == 0, connect + ipsectun.Log + strongSwan.Log);

        // 1452 bytes of ICMPv6 data make a 1500-byte packet: it fits the adapter but not the tunnel.
        CommandResult tooBig = Ping6(lab, 1452);
        Assert.Contains($"Packet too big: mtu={TunnelMtu}", tooBig.Output, StringComparison.Ordinal);
        CommandResult fits = Ping6(lab, TunnelMtu - 48);
        Assert.True(fits.ExitCode == 0, fits + ipsectun.Log);

        // The kernel announces 1500 - 60 for the adapter; what crosses the tunnel says 1418 - 60. The filter reads the
        // TCP flags right after the fixed IPv6 header: a SYN without ACK.
        using var capture = new BackgroundProcess("ip", lab.Right.Wrap(
            "tshark", "-i", "any", "-n", "-l", "-c", "1", "-f", $"ip6 dst host {SiteToSiteLab6.RightInside} and ip6[6] == 6 and ip6[53] & 0x12 == 0x02",
            "-T", "fields", "-e", "tcp.options.mss_val"));
        StrongSwanDaemon.WaitFor(() => capture.Output.Contains("Capturing on", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "tshark");
        Iperf.MeasureTcp(lab.Right, SiteToSiteLab6.RightInside, lab.Left, SiteToSiteLab6.LeftInside, seconds: 1);
        StrongSwanDaemon.WaitFor(() => capture.HasExited, TimeSpan.FromSeconds(20), "the SYN capture");
        Assert.Contains((TunnelMtu - 60).ToString(CultureInfo.InvariantCulture), capture.Output.Split('\n', StringSplitOptions.TrimEntries));
        Assert.Equal(0, ipsectun.Stop());
    }

    /// <summary>
    /// Over a 1280-byte IPv6 path the tunnel's MTU is 1280 - 80 = 1200, whose 4-byte alignment less the trailer leaves
    /// 1198: below the IPv6 minimum MTU, which no packet-too-big may announce (RFC 8201 §4). So a 1400-byte ping6 that
    /// fits the adapter is protected all the same, and the sending kernels fragment the outer packets both ways.
    /// </summary>
    [Fact]
    public void Over_an_ipv6_path_of_the_minimum_mtu_packets_beyond_the_tunnels_mtu_cross_in_outer_fragments()
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab6();
        lab.SetLinkMtu(1280);
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        IkeSuite suite = IkeSuite.AesGcmEcp256;
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, SwanctlConfig.SiteToSitePsk(
            SiteToSiteLab6.RightOuter, SiteToSiteLab6.LeftOuter, SiteToSiteLab6.RightNet, SiteToSiteLab6.LeftNet, suite.StrongSwanIke, suite.StrongSwanEsp, "pmtu6-psk"));
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, IpsecTunConfig.SiteToSitePsk(
            SiteToSiteLab6.LeftOuter, SiteToSiteLab6.RightOuter, SiteToSiteLab6.LeftNet, SiteToSiteLab6.RightNet, suite, "pmtu6-psk", passive: false));
        CommandResult connect = ipsectun.Cli("connect", "lab-peer", "--timeout", "30s");
        Assert.True(connect.ExitCode == 0, connect + ipsectun.Log + strongSwan.Log);

        // Fragments (next header 44) from the left's outer address: ipsectun's protected packet did not fit the path.
        using var capture = new BackgroundProcess("ip", lab.Right.Wrap(
            "tshark", "-i", "any", "-n", "-l", "-c", "2", "-f", $"ip6 src host {SiteToSiteLab6.LeftOuter} and ip6[6] == 44", "-T", "fields", "-e", "ipv6.fraghdr.offset"));
        StrongSwanDaemon.WaitFor(() => capture.Output.Contains("Capturing on", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "tshark");
        CommandResult full = Ping6(lab, 1400 - 48);
        Assert.True(full.ExitCode == 0, full + ipsectun.Log + strongSwan.Log);
        Assert.DoesNotContain("Packet too big", full.Output, StringComparison.Ordinal);
        StrongSwanDaemon.WaitFor(() => capture.HasExited, TimeSpan.FromSeconds(20), "the fragments");
        Assert.Equal(0, ipsectun.Stop());
    }

    /// <summary>IPv6 packets are never fragmented on the way: a ping6 of <paramref name="size"/> data bytes goes whole or not at all.</summary>
    private static CommandResult Ping6(SiteToSiteLab6 lab, int size) => lab.Left.Exec(
        TimeSpan.FromSeconds(20), "ping", "-n", "-c", "1", "-W", "3", "-M", "do", "-s", size.ToString(CultureInfo.InvariantCulture),
        "-I", SiteToSiteLab6.LeftInside.ToString(), SiteToSiteLab6.RightInside.ToString());
}
