using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// Site to site with IPv6 outside, inside or both: ipsectun against strongSwan (whose libipsec carries ESP in UDP
/// over IPv6 too), and two ipsectun endpoints over raw IPv6 ESP and AH, which strongSwan's libipsec cannot do. Ping
/// and a TCP transfer cross each tunnel, and the SAs run between the outer addresses.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class SiteToSiteIpv6Tests
{
    private const string Psk = "interop-ipv6-psk";

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, true, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, false)]
    public void Traffic_crosses_a_tunnel_with_strongSwan(bool ipv6Outside, bool ipv6Inside, bool ipsectunInitiates)
    {
        LabRequirement.EnsureAvailable();
        IkeSuite suite = IkeSuite.AesGcmEcp256;
        LabSites sites = LabSites.Of(ipv6Outside, ipv6Inside);
        using var lab = new SiteToSiteLab6();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, SwanctlConfig.SiteToSitePsk(
            sites.RightOuter, sites.LeftOuter, sites.RightNet, sites.LeftNet, suite.StrongSwanIke, suite.StrongSwanEsp, Psk));
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, IpsecTunConfig.SiteToSitePsk(
            sites.LeftOuter, sites.RightOuter, sites.LeftNet, sites.RightNet, suite, Psk, passive: !ipsectunInitiates));

        Tunnel.BringUp(ipsectun, strongSwan, ipsectunInitiates);

        CarriesTraffic(lab, sites, $"ipsectun <-> strongSwan, {sites}, {(ipsectunInitiates ? "ipsectun" : "strongSwan")} initiating", () => ipsectun.Log + strongSwan.Log);
        Dictionary<string, string> peer = Assert.Single(ipsectun.Show("active-peers"));
        Assert.Equal((sites.RightOuter.ToString(), "yes"), (peer["remote-address"], peer["natt-peer"]));
        AssertSasBetweenOuterAddresses(ipsectun, sites);
        string swanSas = strongSwan.ListSas();
        Assert.Contains("INSTALLED", swanSas, StringComparison.Ordinal);
        Assert.Contains($"@ {sites.LeftOuter}[4500]", swanSas, StringComparison.Ordinal);
        Assert.Contains(sites.LeftNet, swanSas, StringComparison.Ordinal);
        Assert.Equal(0, ipsectun.Stop());
    }

    /// <summary>
    /// ipsectun knows strongSwan by a name that its namespace's hosts file (which `ip netns exec` shows as /etc/hosts)
    /// resolves to an IPv6 address only, and names no local-address: it reaches the peer on its IPv6 wildcard sockets.
    /// </summary>
    [Fact]
    public void A_peer_known_by_a_name_that_resolves_to_ipv6_is_reached_over_ipv6()
    {
        LabRequirement.EnsureAvailable();
        IkeSuite suite = IkeSuite.AesGcmEcp256;
        LabSites sites = LabSites.Of(ipv6Outside: true, ipv6Inside: true);
        using var lab = new SiteToSiteLab6();
        string etc = $"/etc/netns/{lab.Left.Name}";
        Directory.CreateDirectory(etc);
        try
        {
            File.WriteAllText(Path.Combine(etc, "hosts"), $"{sites.RightOuter} gw6.lab.example\n");
            using var leftDir = new TemporaryDirectory();
            using var rightDir = new TemporaryDirectory();
            using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, SwanctlConfig.SiteToSitePsk(
                sites.RightOuter, sites.LeftOuter, sites.RightNet, sites.LeftNet, suite.StrongSwanIke, suite.StrongSwanEsp, Psk));
            string byAddress = IpsecTunConfig.SiteToSitePsk(null, sites.RightOuter, sites.LeftNet, sites.RightNet, suite, Psk, passive: true);
            string address = $"\"address\": \"{sites.RightOuter}/128\"";
            Assert.Contains(address, byAddress, StringComparison.Ordinal);
            using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, byAddress.Replace(address, "\"address\": \"gw6.lab.example\"", StringComparison.Ordinal));

            Tunnel.BringUp(ipsectun, strongSwan, ipsectunInitiates: true);

            CommandResult ping = SiteToSiteLab.Ping(lab.Left, sites.LeftInside, sites.RightInside);
            Assert.True(ping.ExitCode == 0, ping + ipsectun.Log + strongSwan.Log);
            Assert.Equal(sites.RightOuter.ToString(), Assert.Single(ipsectun.Show("active-peers"))["remote-address"]);
            Assert.Equal(0, ipsectun.Stop());
        }
        finally
        {
            Directory.Delete(etc, recursive: true);
        }
    }

    /// <summary>The reference in the same topology: strongSwan's libipsec on both sides, IPv6 over IPv6.</summary>
    [Fact]
    public void Two_strongSwan_daemons_carry_ipv6_traffic_over_ipv6()
    {
        LabRequirement.EnsureAvailable();
        IkeSuite suite = IkeSuite.AesGcmEcp256;
        LabSites sites = LabSites.Of(ipv6Outside: true, ipv6Inside: true);
        using var lab = new SiteToSiteLab6();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        using var left = new StrongSwanDaemon(lab.Left, leftDir, SwanctlConfig.SiteToSitePsk(
            sites.LeftOuter, sites.RightOuter, sites.LeftNet, sites.RightNet, suite.StrongSwanIke, suite.StrongSwanEsp, Psk));
        using var right = new StrongSwanDaemon(lab.Right, rightDir, SwanctlConfig.SiteToSitePsk(
            sites.RightOuter, sites.LeftOuter, sites.RightNet, sites.LeftNet, suite.StrongSwanIke, suite.StrongSwanEsp, Psk));

        CommandResult initiate = left.Initiate("net");
        Assert.True(initiate.ExitCode == 0, initiate + left.Log + right.Log);

        CarriesTraffic(lab, sites, "strongSwan <-> strongSwan, IPv6 over IPv6", () => left.Log + right.Log);
        Assert.Contains("INSTALLED", right.ListSas(), StringComparison.Ordinal);
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
        LabSites sites = LabSites.Of(ipv6Outside: true, ipv6Inside: true);
        using var lab = new SiteToSiteLab6();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        using var left = new IpsecTunDaemon(lab.Left, leftDir, IpsecTunConfig.SiteToSitePsk(
            null, sites.RightOuter, sites.LeftNet, sites.RightNet, suite, Psk, passive: true, ipsecProtocols: ipsecProtocols));
        using var right = new IpsecTunDaemon(lab.Right, rightDir, IpsecTunConfig.SiteToSitePsk(
            sites.RightOuter, sites.LeftOuter, sites.RightNet, sites.LeftNet, suite, Psk, passive: true, ipsecProtocols: ipsecProtocols));

        CommandResult connect = right.Cli("connect", "lab-peer", "--timeout", "30s");
        Assert.True(connect.ExitCode == 0, connect + right.Log + left.Log);

        CarriesTraffic(lab, sites, $"ipsectun <-> ipsectun, {ipsecProtocols} over raw IPv6", () => left.Log + right.Log);
        foreach (IpsecTunDaemon endpoint in new[] { left, right })
        {
            Assert.Equal("no", Assert.Single(endpoint.Show("active-peers"))["natt-peer"]);
            Assert.All(AssertSasBetweenOuterAddresses(endpoint, sites), sa => Assert.Equal("true", sa[ipsecProtocols]));
        }

        Assert.Equal(0, right.Stop());
        Assert.Equal(0, left.Stop());
    }

    /// <summary>
    /// A ping from the left site to the right one, a 3000-byte one that the sender fragments to the adapter's MTU (an
    /// IPv6 fragment header then comes first inside), then an iperf3 TCP transfer from left to right.
    /// </summary>
    private static void CarriesTraffic(SiteToSiteLab6 lab, LabSites sites, string what, Func<string> logs)
    {
        CommandResult ping = SiteToSiteLab.Ping(lab.Left, sites.LeftInside, sites.RightInside);
        Assert.True(ping.ExitCode == 0, ping + logs());
        CommandResult fragmented = lab.Left.Exec(
            TimeSpan.FromSeconds(20), "ping", "-n", "-c", "1", "-W", "3", "-s", "3000", "-I", sites.LeftInside.ToString(), sites.RightInside.ToString());
        Assert.True(fragmented.ExitCode == 0, fragmented + logs());

        double mbps = Iperf.MeasureTcp(lab.Right, sites.RightInside, lab.Left, sites.LeftInside, seconds: 3);
        TestContext.Current.TestOutputHelper?.WriteLine($"{what}: TCP {mbps:F0} Mbit/s");
        Assert.True(mbps > 1, $"{mbps} Mbit/s");
    }

    /// <summary>The endpoint's two SAs run between the outer addresses, one each way, and both carried bytes.</summary>
    private static IReadOnlyList<Dictionary<string, string>> AssertSasBetweenOuterAddresses(IpsecTunDaemon endpoint, LabSites sites)
    {
        IReadOnlyList<Dictionary<string, string>> sas = endpoint.Show("installed-sa");
        Assert.Equal(2, sas.Count);
        string[] outer = [.. new[] { sites.LeftOuter.ToString(), sites.RightOuter.ToString() }.Order()];
        Assert.Equal(outer, sas.Select(sa => sa["src-address"]).Order());
        Assert.Equal(outer, sas.Select(sa => sa["dst-address"]).Order());
        Assert.All(sas, sa => Assert.NotEqual("0", sa["current-bytes"]));
        return sas;
    }
}
