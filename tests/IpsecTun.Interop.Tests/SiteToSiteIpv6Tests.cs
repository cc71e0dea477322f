using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// Site to site over IPv6 outer addresses with IPv6 networks inside: ipsectun against strongSwan (whose libipsec
/// carries ESP in UDP over IPv6 too), either side initiating, and two ipsectun endpoints over raw IPv6 ESP and AH,
/// which strongSwan's libipsec cannot do. Ping and a TCP transfer cross each tunnel.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class SiteToSiteIpv6Tests
{
    private const string Psk = "interop-ipv6-psk";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Ipv6_traffic_crosses_a_tunnel_with_strongSwan_over_ipv6(bool ipsectunInitiates)
    {
        LabRequirement.EnsureAvailable();
        IkeSuite suite = IkeSuite.AesGcmEcp256;
        using var lab = new SiteToSiteLab6();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, SwanctlConfig.SiteToSitePsk(
            SiteToSiteLab6.RightOuter, SiteToSiteLab6.LeftOuter, SiteToSiteLab6.RightNet, SiteToSiteLab6.LeftNet, suite.StrongSwanIke, suite.StrongSwanEsp, Psk));
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, IpsecTunConfig.SiteToSitePsk(
            SiteToSiteLab6.LeftOuter, SiteToSiteLab6.RightOuter, SiteToSiteLab6.LeftNet, SiteToSiteLab6.RightNet, suite, Psk, passive: !ipsectunInitiates));

        Tunnel.BringUp(ipsectun, strongSwan, ipsectunInitiates);

        string logs = ipsectun.Log + strongSwan.Log;
        CarriesTraffic(lab, $"ipsectun <-> strongSwan over IPv6, {(ipsectunInitiates ? "ipsectun" : "strongSwan")} initiating", () => logs);
        Dictionary<string, string> peer = Assert.Single(ipsectun.Show("active-peers"));
        Assert.Equal((SiteToSiteLab6.RightOuter.ToString(), "yes"), (peer["remote-address"], peer["natt-peer"]));
        AssertSasBetweenOuterAddresses(ipsectun);
        string swanSas = strongSwan.ListSas();
        Assert.Contains("INSTALLED", swanSas, StringComparison.Ordinal);
        Assert.Contains($"@ {SiteToSiteLab6.LeftOuter}[4500]", swanSas, StringComparison.Ordinal);
        Assert.Contains($"{SiteToSiteLab6.LeftNet}", swanSas, StringComparison.Ordinal);
        Assert.Equal(0, ipsectun.Stop());
    }

    /// <summary>
    /// Without NAT neither side encapsulates: ESP and AH go through raw IPv6 sockets, which deliver no IP header. The left
    /// side names no local-address, so it listens on the IPv6 wildcard and finds the address each datagram came to by its SA.
    /// </summary>
    [Theory]
    [InlineData("esp")]
    [InlineData("ah")]
    public void Ipv6_traffic_crosses_a_tunnel_between_two_ipsectun_endpoints_over_raw_ipv6(string ipsecProtocols)
    {
        LabRequirement.EnsureAvailable();
        IkeSuite suite = IkeSuite.AesGcmEcp256;
        using var lab = new SiteToSiteLab6();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        using var left = new IpsecTunDaemon(lab.Left, leftDir, IpsecTunConfig.SiteToSitePsk(
            null, SiteToSiteLab6.RightOuter, SiteToSiteLab6.LeftNet, SiteToSiteLab6.RightNet, suite, Psk, passive: true, ipsecProtocols: ipsecProtocols));
        using var right = new IpsecTunDaemon(lab.Right, rightDir, IpsecTunConfig.SiteToSitePsk(
            SiteToSiteLab6.RightOuter, SiteToSiteLab6.LeftOuter, SiteToSiteLab6.RightNet, SiteToSiteLab6.LeftNet, suite, Psk, passive: true, ipsecProtocols: ipsecProtocols));

        CommandResult connect = right.Cli("connect", "lab-peer", "--timeout", "30s");
        Assert.True(connect.ExitCode == 0, connect + right.Log + left.Log);

        CarriesTraffic(lab, $"ipsectun <-> ipsectun, {ipsecProtocols} over raw IPv6", () => left.Log + right.Log);
        foreach (IpsecTunDaemon endpoint in new[] { left, right })
        {
            Assert.Equal("no", Assert.Single(endpoint.Show("active-peers"))["natt-peer"]);
            Assert.All(AssertSasBetweenOuterAddresses(endpoint), sa => Assert.Equal("true", sa[ipsecProtocols]));
        }

        Assert.Equal(0, right.Stop());
        Assert.Equal(0, left.Stop());
    }

    /// <summary>ping6 from the left site to the right one, then an iperf3 TCP transfer from left to right.</summary>
    private static void CarriesTraffic(SiteToSiteLab6 lab, string what, Func<string> logs)
    {
        CommandResult ping = SiteToSiteLab.Ping(lab.Left, SiteToSiteLab6.LeftInside, SiteToSiteLab6.RightInside);
        Assert.True(ping.ExitCode == 0, ping + logs());

        double mbps = Iperf.MeasureTcp(lab.Right, SiteToSiteLab6.RightInside, lab.Left, SiteToSiteLab6.LeftInside, seconds: 3);
        TestContext.Current.TestOutputHelper?.WriteLine($"{what}: TCP {mbps:F0} Mbit/s");
        Assert.True(mbps > 1, $"{mbps} Mbit/s");
    }

    /// <summary>The endpoint's two SAs run between the lab's IPv6 outer addresses, one each way, and both carried bytes.</summary>
    private static IReadOnlyList<Dictionary<string, string>> AssertSasBetweenOuterAddresses(IpsecTunDaemon endpoint)
    {
        IReadOnlyList<Dictionary<string, string>> sas = endpoint.Show("installed-sa");
        Assert.Equal(2, sas.Count);
        string[] outer = [SiteToSiteLab6.LeftOuter.ToString(), SiteToSiteLab6.RightOuter.ToString()];
        Assert.Equal([.. outer.Order()], sas.Select(sa => sa["src-address"]).Order());
        Assert.Equal([.. outer.Order()], sas.Select(sa => sa["dst-address"]).Order());
        Assert.All(sas, sa => Assert.NotEqual("0", sa["current-bytes"]));
        return sas;
    }
}
