using System.Globalization;
using System.Net;
using System.Text.Json;
using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// Scenario 3: ipsectun as the manual's road-warrior client (mode-config responder=no, generate-policy)
/// against a strongSwan gateway that hands out a virtual address from a pool, its LAN as split-include
/// network (INTERNAL_IP4_SUBNET), a DNS server and an internal domain. Traffic from the virtual address
/// reaches the gateway's LAN; DNS is applied in the client's namespace and restored; traffic outside the
/// split-include network stays out of the tunnel.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class RoadWarriorClientTests
{
    private const string Psk = "interop-road-warrior-psk";
    private const string Pool = "10.77.0.0/28";
    private const string Domain = "corp.example";
    private static readonly IPAddress Dns = IPAddress.Parse("10.2.0.53");

    /// <summary>An address of the gateway's host outside the split-include network, reached without the tunnel.</summary>
    private static readonly IPAddress Outside = IPAddress.Parse("10.3.0.1");

    [Fact]
    public void The_client_gets_a_virtual_address_split_network_and_dns_and_sends_from_that_address()
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        string resolvConf = $"/etc/netns/{lab.Left.Name}/resolv.conf";
        try
        {
            lab.Right.Ip("addr", "add", $"{Outside}/32", "dev", "lo");
            lab.Left.Ip("route", "add", "10.3.0.0/24", "via", SiteToSiteLab.RightOuter.ToString());
            using var gatewayDir = new TemporaryDirectory();
            using var clientDir = new TemporaryDirectory();
            IkeSuite suite = IkeSuite.AesGcmEcp256;
            using var strongSwan = new StrongSwanDaemon(lab.Right, gatewayDir, SwanctlConfig.RoadWarriorGateway(
                SiteToSiteLab.RightOuter, "10.2.0.0/24", Pool, Dns, Domain, suite.StrongSwanIke, suite.StrongSwanEsp, Psk));
            using var ipsectun = new IpsecTunDaemon(lab.Left, clientDir, IpsecTunConfig.RoadWarriorClient(SiteToSiteLab.RightOuter, suite, Psk));

            CommandResult connect = ipsectun.Cli("connect", "gw", "--timeout", "30s");
            Assert.True(connect.ExitCode == 0, connect + ipsectun.Log + strongSwan.Log);

            IPAddress virtualAddress = DynamicAddress(ipsectun);
            Assert.True(IPNetwork.Parse(Pool).Contains(virtualAddress), $"{virtualAddress} is not from the pool");
            Assert.Contains($"inet {virtualAddress}/32", lab.Left.Ip("addr", "show", "dev", "itun0").Output, StringComparison.Ordinal);
            Assert.Contains("dev itun0", lab.Left.Ip("route", "get", SiteToSiteLab.RightInside.ToString()).Output, StringComparison.Ordinal);
            JsonElement policy = Assert.Single(Rows(ipsectun, "policy"), p => p.GetProperty("dst-address").GetString() == "10.2.0.0/24");
            Assert.Equal("yes", policy.GetProperty("dynamic").GetString());
            Assert.Equal($"{virtualAddress}/32", policy.GetProperty("src-address").GetString());
            Assert.Equal("established", policy.GetProperty("ph2-state").GetString());

            string resolver = File.ReadAllText(resolvConf);
            Assert.Contains($"nameserver {Dns}", resolver, StringComparison.Ordinal);
            Assert.Contains($"search {Domain}", resolver, StringComparison.Ordinal);
            Assert.Contains($"nameserver {Dns}", lab.Left.Exec(TimeSpan.FromSeconds(10), "cat", "/etc/resolv.conf").Output, StringComparison.Ordinal);

            CommandResult ping = SiteToSiteLab.Ping(lab.Left, virtualAddress, SiteToSiteLab.RightInside);
            Assert.True(ping.ExitCode == 0, ping + ipsectun.Log + strongSwan.ListSas());
            double mbps = Iperf.MeasureTcp(lab.Right, SiteToSiteLab.RightInside, lab.Left, virtualAddress, seconds: 3);
            TestContext.Current.TestOutputHelper?.WriteLine($"road warrior {virtualAddress} -> strongSwan gateway LAN: TCP {mbps:F0} Mbit/s");
            Assert.True(mbps > 1, $"{mbps} Mbit/s");

            // Outside the split-include network: the system's route, plain, and not one more byte through the SAs.
            long protectedBytes = ProtectedBytes(ipsectun);
            Assert.DoesNotContain("itun0", lab.Left.Ip("route", "get", Outside.ToString()).Output, StringComparison.Ordinal);
            CommandResult plain = lab.Left.Exec(TimeSpan.FromSeconds(15), "ping", "-n", "-c", "3", "-i", "0.3", "-W", "2", Outside.ToString());
            Assert.True(plain.ExitCode == 0, plain.ToString());
            Assert.Equal(protectedBytes, ProtectedBytes(ipsectun));

            CommandResult disconnect = ipsectun.Cli("disconnect", "gw");
            Assert.True(disconnect.ExitCode == 0, disconnect + ipsectun.Log);
            Assert.False(File.Exists(resolvConf), "resolv.conf of the namespace is still there after disconnect");
            Assert.DoesNotContain(virtualAddress.ToString(), lab.Left.Ip("addr", "show", "dev", "itun0").Output, StringComparison.Ordinal);
            Assert.DoesNotContain("itun0", lab.Left.Ip("route", "show").Output, StringComparison.Ordinal);
            Assert.Equal(0, ipsectun.Stop());
        }
        finally
        {
            if (Directory.Exists(Path.GetDirectoryName(resolvConf)))
            {
                Directory.Delete(Path.GetDirectoryName(resolvConf)!, recursive: true);
            }
        }
    }

    private static IPAddress DynamicAddress(IpsecTunDaemon ipsectun)
    {
        JsonElement peer = Assert.Single(Rows(ipsectun, "active-peers"));
        return IPAddress.Parse(peer.GetProperty("dynamic-address").GetString()!);
    }

    /// <summary>Bytes the installed SAs carried so far, both directions.</summary>
    private static long ProtectedBytes(IpsecTunDaemon ipsectun) =>
        Rows(ipsectun, "installed-sa").Sum(sa => long.Parse(sa.GetProperty("current-bytes").GetString()!, CultureInfo.InvariantCulture));

    private static JsonElement[] Rows(IpsecTunDaemon ipsectun, string menu)
    {
        CommandResult show = ipsectun.Cli("show", menu, "--json");
        Assert.True(show.ExitCode == 0, show.ToString());
        using JsonDocument document = JsonDocument.Parse(show.Output);
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
