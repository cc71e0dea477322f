using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// ipsectun with one peer over IPv4 and one over IPv6 and no local-address, so its sockets are the wildcards of both
/// families side by side: strongSwan brings up a tunnel over each, and each carries its own family's traffic.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class DualStackGatewayTests
{
    private const string Psk = "interop-dual-stack-psk";

    [Fact]
    public void Tunnels_over_ipv4_and_ipv6_to_one_gateway_carry_traffic_side_by_side()
    {
        LabRequirement.EnsureAvailable();
        IkeSuite suite = IkeSuite.AesGcmEcp256;
        using var lab = new SiteToSiteLab6();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, DualStackConfig.IpsecTun(suite, Psk));
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, DualStackConfig.StrongSwan(suite, Psk));

        foreach (string child in new[] { "s2s4-net", "s2s6-net" })
        {
            CommandResult initiate = strongSwan.Initiate(child);
            Assert.True(initiate.ExitCode == 0, initiate + ipsectun.Log);
        }

        foreach (LabSites sites in new[] { LabSites.Of(ipv6Outside: false, ipv6Inside: false), LabSites.Of(ipv6Outside: true, ipv6Inside: true) })
        {
            CommandResult ping = SiteToSiteLab.Ping(lab.Left, sites.LeftInside, sites.RightInside);
            Assert.True(ping.ExitCode == 0, ping + ipsectun.Log + strongSwan.Log);
        }

        double mbps = Iperf.MeasureTcp(lab.Right, SiteToSiteLab6.RightInside, lab.Left, SiteToSiteLab6.LeftInside, seconds: 2);
        TestContext.Current.TestOutputHelper?.WriteLine($"ipsectun <-> strongSwan, IPv6 beside IPv4: TCP {mbps:F0} Mbit/s");
        Assert.True(mbps > 1, $"{mbps} Mbit/s");

        IReadOnlyList<Dictionary<string, string>> peers = ipsectun.Show("active-peers");
        Assert.Equal(
            [SiteToSiteLab.RightOuter.ToString(), SiteToSiteLab6.RightOuter.ToString()],
            peers.Select(p => p["remote-address"]).Order(StringComparer.Ordinal));
        Assert.Equal(4, ipsectun.Show("installed-sa").Count);
        Assert.Equal(0, ipsectun.Stop());
    }
}
