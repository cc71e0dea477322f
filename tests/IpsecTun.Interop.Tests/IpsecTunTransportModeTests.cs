using System.Net;
using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// Transport mode between two ipsectun endpoints: the hosts' own traffic to each other's outer address is
/// protected, while IKE, ESP and AH to that same address keep their path. The policy routing behind it (the
/// endpoint's marked sockets, a table and a rule) is in place while the endpoints run and gone after.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class IpsecTunTransportModeTests
{
    private const string Psk = "interop-transport-psk";
    private const string Table = "4500";

    [Theory]
    [InlineData("esp")]
    [InlineData("ah")]
    public void The_hosts_own_traffic_to_each_other_crosses_a_transport_mode_SA(string ipsecProtocols)
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        using var left = new IpsecTunDaemon(lab.Left, leftDir, IpsecTunTransportConfig.HostToHostPsk(
            SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, IkeSuite.AesGcmEcp256, Psk, passive: true, ipsecProtocols));
        using var right = new IpsecTunDaemon(lab.Right, rightDir, IpsecTunTransportConfig.HostToHostPsk(
            SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, IkeSuite.AesGcmEcp256, Psk, passive: true, ipsecProtocols));
        CommandResult connect = right.Cli("connect", "host-peer", "--timeout", "30s");
        Assert.True(connect.ExitCode == 0, connect + right.Log + left.Log);

        // The peer's address is in the endpoint's table, out of the adapter, from the policy's own address.
        string route = lab.Right.Ip("route", "show", "table", Table).Output;
        Assert.Contains($"{SiteToSiteLab.LeftOuter} dev itun0", route, StringComparison.Ordinal);
        Assert.Contains($"src {SiteToSiteLab.RightOuter}", route, StringComparison.Ordinal);
        string rules = lab.Right.Ip("rule", "show").Output;
        Assert.Contains($"iif lo lookup {Table}", rules, StringComparison.Ordinal);
        Assert.Contains("fwmark 0x4500 goto 4502", rules, StringComparison.Ordinal);

        CommandResult ping = SiteToSiteLab.Ping(lab.Right, SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter);
        Assert.True(ping.ExitCode == 0, ping + left.Log + right.Log);
        double mbps = Iperf.MeasureTcp(lab.Left, SiteToSiteLab.LeftOuter, lab.Right, SiteToSiteLab.RightOuter, seconds: 3);
        TestContext.Current.TestOutputHelper?.WriteLine($"ipsectun <-> ipsectun, {ipsecProtocols} in transport mode: TCP {mbps:F0} Mbit/s");
        Assert.True(mbps > 1, $"{mbps} Mbit/s");

        foreach (IpsecTunDaemon endpoint in new[] { left, right })
        {
            Dictionary<string, string> peer = Assert.Single(endpoint.Show("active-peers"));
            Assert.Equal("no", peer["natt-peer"]);
            Dictionary<string, string> policy = Assert.Single(endpoint.Show("policy"), p => p.ContainsKey("tunnel"));
            Assert.True(policy["tunnel"] == "no", string.Join(", ", policy));
            IReadOnlyList<Dictionary<string, string>> sas = endpoint.Show("installed-sa");
            Assert.Equal(2, sas.Count);
            Assert.All(sas, sa => Assert.Equal("true", sa[ipsecProtocols]));

            // Ping and iperf3 moved megabytes; IKE's few packets alone would not reach this.
            Assert.All(sas, sa => Assert.True(long.Parse(sa["current-bytes"], System.Globalization.CultureInfo.InvariantCulture) > 100_000, string.Join(", ", sa)));
        }

        Assert.Equal(0, right.Stop());
        Assert.Equal(0, left.Stop());
        foreach (NetworkNamespace side in new[] { lab.Left, lab.Right })
        {
            Assert.DoesNotContain("450", side.Ip("rule", "show").Output, StringComparison.Ordinal);
            CommandResult table = side.Exec(TimeSpan.FromSeconds(10), "ip", "route", "show", "table", Table);
            Assert.DoesNotContain("itun0", table.Output, StringComparison.Ordinal);
        }
    }
}
