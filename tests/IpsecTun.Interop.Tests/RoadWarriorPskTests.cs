using System.Net;
using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// ipsectun as a road-warrior gateway (passive peer for any address, mode-config pool, generate-policy) with
/// strongSwan clients, each in its own namespace on a shared bridge: every client gets its own pool address,
/// the split-include network and the DNS server, and traffic crosses each tunnel both ways.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class RoadWarriorPskTests
{
    [Fact]
    public void StrongSwan_clients_get_pool_addresses_split_include_and_dns_and_traffic_crosses_both_ways()
    {
        LabRequirement.EnsureAvailable();
        using RoadWarriorFleet fleet = Fleet(2);

        fleet.ConnectAll();

        List<IPAddress> addresses = fleet.VirtualAddresses();
        foreach (StrongSwanDaemon client in fleet.Clients)
        {
            Assert.Contains($"nameserver {RoadWarriorConfig.Dns}", File.ReadAllText(client.ResolvConf), StringComparison.Ordinal);
            Assert.Contains("INTERNAL_IP4_SUBNET", client.Log, StringComparison.Ordinal);
            Assert.Contains($"remote {RoadWarriorConfig.SplitInclude}", client.ListSas(), StringComparison.Ordinal);
        }

        string peers = fleet.Gateway.Cli("show", "active-peers").Output;
        string policies = fleet.Gateway.Cli("show", "policy").Output;
        Assert.All(addresses, a => Assert.Contains(a.ToString(), peers, StringComparison.Ordinal));
        Assert.All(addresses, a => Assert.Contains($"{a}/32", policies, StringComparison.Ordinal));
        fleet.PingBothWays();

        // A client that disconnects and comes back gets its address again, its old policy gone in between.
        fleet.Clients[0].Swanctl("--terminate", "--ike", "rw", "--timeout", "20").EnsureSuccess();
        StrongSwanDaemon.WaitFor(
            () => !fleet.Gateway.Cli("show", "policy").Output.Contains($"{addresses[0]}/32", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the gateway to remove the client's generated policy");
        Assert.DoesNotContain(addresses[0].ToString(), fleet.Gateway.Cli("show", "active-peers").Output, StringComparison.Ordinal);
        CommandResult again = fleet.Clients[0].Initiate("office");
        Assert.True(again.ExitCode == 0, again + fleet.Gateway.Log);
        Assert.Equal(addresses, fleet.VirtualAddresses());
        fleet.PingBothWays();
        Assert.Equal(0, fleet.Gateway.Stop());
    }

    [Fact]
    public void Twenty_strongSwan_clients_each_with_its_own_virtual_address_and_traffic_both_ways()
    {
        LabRequirement.EnsureAvailable();
        using RoadWarriorFleet fleet = Fleet(20);

        fleet.ConnectAll();

        fleet.VirtualAddresses();
        fleet.PingBothWays();
        TestContext.Current.TestOutputHelper?.WriteLine(fleet.Gateway.Cli("show", "active-peers").Output);
        Assert.Equal(0, fleet.Gateway.Stop());
    }

    private static RoadWarriorFleet Fleet(int clients) => new(
        clients,
        _ => RoadWarriorConfig.Gateway(RoadWarriorBridgeLab.GatewayOuter),
        (n, _) => RoadWarriorConfig.StrongSwanClient(RoadWarriorBridgeLab.ClientOuter(n), RoadWarriorBridgeLab.GatewayOuter, $"rw{n}@example.com"));
}
