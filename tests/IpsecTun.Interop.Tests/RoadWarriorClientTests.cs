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
/// split-include network stays out of the tunnel. Without a split network the tunnel takes everything
/// but the gateway and the local network, and IPv6 goes nowhere.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class RoadWarriorClientTests
{
    [Fact]
    public void The_client_gets_a_virtual_address_split_network_and_dns_and_sends_from_that_address()
    {
        LabRequirement.EnsureAvailable();
        using var rw = new RoadWarriorLab("10.2.0.0/24");
        IpsecTunDaemon ipsectun = rw.Client;
        IPAddress virtualAddress = Connect(rw);

        Assert.Contains($"inet {virtualAddress}/32", rw.Lab.Left.Ip("addr", "show", "dev", "itun0").Output, StringComparison.Ordinal);
        Assert.Contains("dev itun0", rw.RouteTo(SiteToSiteLab.RightInside), StringComparison.Ordinal);
        JsonElement policy = Assert.Single(Rows(ipsectun, "policy"), p => p.GetProperty("dst-address").GetString() == "10.2.0.0/24");
        Assert.Equal("yes", policy.GetProperty("dynamic").GetString());
        Assert.Equal($"{virtualAddress}/32", policy.GetProperty("src-address").GetString());
        Assert.Equal("established", policy.GetProperty("ph2-state").GetString());

        string resolver = File.ReadAllText(rw.ResolvConf);
        Assert.Contains($"nameserver {RoadWarriorLab.Dns}", resolver, StringComparison.Ordinal);
        Assert.Contains($"search {RoadWarriorLab.Domain}", resolver, StringComparison.Ordinal);
        Assert.Contains($"nameserver {RoadWarriorLab.Dns}", rw.Lab.Left.Exec(TimeSpan.FromSeconds(10), "cat", "/etc/resolv.conf").Output, StringComparison.Ordinal);

        CommandResult ping = SiteToSiteLab.Ping(rw.Lab.Left, virtualAddress, SiteToSiteLab.RightInside);
        Assert.True(ping.ExitCode == 0, ping + ipsectun.Log + rw.StrongSwan.ListSas());
        double mbps = Iperf.MeasureTcp(rw.Lab.Right, SiteToSiteLab.RightInside, rw.Lab.Left, virtualAddress, seconds: 3);
        TestContext.Current.TestOutputHelper?.WriteLine($"road warrior {virtualAddress} -> strongSwan gateway LAN: TCP {mbps:F0} Mbit/s");
        Assert.True(mbps > 1, $"{mbps} Mbit/s");

        // Outside the split-include network: the system's route, plain, and not one more byte through the SAs.
        long protectedBytes = ProtectedBytes(ipsectun);
        Assert.DoesNotContain("itun0", rw.RouteTo(RoadWarriorLab.Outside), StringComparison.Ordinal);
        CommandResult plain = rw.Lab.Left.Exec(TimeSpan.FromSeconds(15), "ping", "-n", "-c", "3", "-i", "0.3", "-W", "2", RoadWarriorLab.Outside.ToString());
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Equal(protectedBytes, ProtectedBytes(ipsectun));

        CommandResult disconnect = ipsectun.Cli("disconnect", "gw");
        Assert.True(disconnect.ExitCode == 0, disconnect + ipsectun.Log);
        Assert.False(File.Exists(rw.ResolvConf), "resolv.conf of the namespace is still there after disconnect");
        Assert.DoesNotContain(virtualAddress.ToString(), rw.Lab.Left.Ip("addr", "show", "dev", "itun0").Output, StringComparison.Ordinal);
        Assert.DoesNotContain("itun0", rw.Lab.Left.Ip("route", "show").Output, StringComparison.Ordinal);
        Assert.Equal(0, ipsectun.Stop());
    }

    [Fact]
    public void A_full_tunnel_takes_everything_but_the_gateway_and_the_local_network_and_lets_no_ipv6_out()
    {
        LabRequirement.EnsureAvailable();
        using var rw = new RoadWarriorLab("0.0.0.0/0");
        IpsecTunDaemon ipsectun = rw.Client;
        IPAddress virtualAddress = Connect(rw);

        Assert.Contains("dev itun0", rw.RouteTo(RoadWarriorLab.Outside), StringComparison.Ordinal);
        Assert.DoesNotContain("itun0", rw.RouteTo(SiteToSiteLab.RightOuter), StringComparison.Ordinal);
        Assert.DoesNotContain("itun0", rw.RouteTo(IPAddress.Parse("10.99.0.77")), StringComparison.Ordinal);
        Assert.Contains("dev itun0", rw.RouteTo(IPAddress.Parse("2001:db8::1")), StringComparison.Ordinal);

        // What the client's own routing sent in the clear before now goes through the gateway, from the virtual address.
        long before = ProtectedBytes(ipsectun);
        CommandResult ping = rw.Lab.Left.Exec(TimeSpan.FromSeconds(15), "ping", "-n", "-c", "3", "-i", "0.3", "-W", "2", RoadWarriorLab.Outside.ToString());
        Assert.True(ping.ExitCode == 0, ping + ipsectun.Log + rw.StrongSwan.ListSas());
        Assert.True(ProtectedBytes(ipsectun) > before, "the ping did not cross the SAs");
        Assert.Contains($"src {virtualAddress}", rw.RouteTo(RoadWarriorLab.Outside), StringComparison.Ordinal);

        CommandResult ping6 = rw.Lab.Left.Exec(TimeSpan.FromSeconds(15), "ping", "-n", "-6", "-c", "2", "-i", "0.3", "-W", "1", "2001:db8::1");
        Assert.NotEqual(0, ping6.ExitCode);
        CommandResult statistics = ipsectun.Cli("show", "statistics", "--json");
        using (JsonDocument counters = JsonDocument.Parse(statistics.Output))
        {
            Assert.True(long.Parse(counters.RootElement.GetProperty("out-policy-blocked").GetString()!, CultureInfo.InvariantCulture) >= 2, statistics.Output);
        }

        Assert.Equal(0, ipsectun.Stop());
        Assert.DoesNotContain("itun0", rw.Lab.Left.Ip("route", "show").Output, StringComparison.Ordinal);
        Assert.False(File.Exists(rw.ResolvConf), "resolv.conf of the namespace is still there after the client stopped");
    }

    /// <summary>Waits for the client's Child SA and returns the virtual address the gateway gave it, which must come from the pool.</summary>
    private static IPAddress Connect(RoadWarriorLab rw)
    {
        CommandResult connect = rw.Client.Cli("connect", "gw", "--timeout", "30s");
        Assert.True(connect.ExitCode == 0, connect + rw.Client.Log + rw.StrongSwan.Log);
        JsonElement peer = Assert.Single(Rows(rw.Client, "active-peers"));
        var address = IPAddress.Parse(peer.GetProperty("dynamic-address").GetString()!);
        Assert.True(IPNetwork.Parse(RoadWarriorLab.Pool).Contains(address), $"{address} is not from the pool");
        return address;
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
