using System.Globalization;
using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// <see cref="IpsecTunTransportModeTests"/> over IPv6: the hosts' own IPv6 traffic to each other is protected in
/// transport mode (AH's ICV then covers the packet's own IPv6 header), while IKE, ESP and AH to that address keep
/// their path through the IPv6 policy routing rule and table.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class IpsecTunTransportModeIpv6Tests
{
    private const string Psk = "interop-transport6-psk";
    private const string Table = "4500";

    [Theory]
    [InlineData("esp")]
    [InlineData("ah")]
    public void The_hosts_own_ipv6_traffic_to_each_other_crosses_a_transport_mode_SA(string ipsecProtocols)
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab6();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        using var left = new IpsecTunDaemon(lab.Left, leftDir, IpsecTunTransportConfig.HostToHostPsk(
            SiteToSiteLab6.LeftOuter, SiteToSiteLab6.RightOuter, IkeSuite.AesGcmEcp256, Psk, passive: true, ipsecProtocols));
        using var right = new IpsecTunDaemon(lab.Right, rightDir, IpsecTunTransportConfig.HostToHostPsk(
            SiteToSiteLab6.RightOuter, SiteToSiteLab6.LeftOuter, IkeSuite.AesGcmEcp256, Psk, passive: true, ipsecProtocols));
        CommandResult connect = right.Cli("connect", "host-peer", "--timeout", "30s");
        Assert.True(connect.ExitCode == 0, connect + right.Log + left.Log);

        string route = lab.Right.Ip("-6", "route", "show", "table", Table).Output;
        Assert.Contains($"{SiteToSiteLab6.LeftOuter} dev itun0", route, StringComparison.Ordinal);
        Assert.Contains($"iif lo lookup {Table}", lab.Right.Ip("-6", "rule", "show").Output, StringComparison.Ordinal);

        CommandResult ping = SiteToSiteLab.Ping(lab.Right, SiteToSiteLab6.RightOuter, SiteToSiteLab6.LeftOuter);
        Assert.True(ping.ExitCode == 0, ping + left.Log + right.Log);
        double mbps = Iperf.MeasureTcp(lab.Left, SiteToSiteLab6.LeftOuter, lab.Right, SiteToSiteLab6.RightOuter, seconds: 3);
        TestContext.Current.TestOutputHelper?.WriteLine($"ipsectun <-> ipsectun, {ipsecProtocols} in transport mode over IPv6: TCP {mbps:F0} Mbit/s");
        Assert.True(mbps > 1, $"{mbps} Mbit/s");

        foreach (IpsecTunDaemon endpoint in new[] { left, right })
        {
            IReadOnlyList<Dictionary<string, string>> sas = endpoint.Show("installed-sa");
            Assert.Equal(2, sas.Count);
            Assert.All(sas, sa => Assert.Equal("true", sa[ipsecProtocols]));

            // Ping and iperf3 moved megabytes; IKE's few packets alone would not reach this.
            Assert.All(sas, sa => Assert.True(long.Parse(sa["current-bytes"], CultureInfo.InvariantCulture) > 100_000, string.Join(", ", sa)));
        }

        Assert.Equal(0, right.Stop());
        Assert.Equal(0, left.Stop());
        foreach (NetworkNamespace side in new[] { lab.Left, lab.Right })
        {
            Assert.DoesNotContain("450", side.Ip("-6", "rule", "show").Output, StringComparison.Ordinal);
        }
    }
}
