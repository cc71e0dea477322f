using System.Net;
using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// A strongSwan road warrior killed with SIGKILL (no delete reaches the gateway): the ipsectun gateway's DPD
/// declares it dead and removes its lease, its dynamic policy, its route and its active-peers row, while the
/// other client keeps its own; when the client comes back under the same identity it gets the same address.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class RoadWarriorDeadClientTests
{
    [Fact]
    public void A_killed_client_loses_its_lease_and_dynamic_policy_after_dpd_and_gets_the_same_address_back()
    {
        LabRequirement.EnsureAvailable();
        // DPD after 2 s of silence, the client dead once 1 + 2 + 4 s of retransmissions went unanswered.
        using var fleet = new RoadWarriorFleet(
            2,
            _ => RoadWarriorConfig.Gateway(RoadWarriorBridgeLab.GatewayOuter, dpdInterval: "2s", retransmitTimeout: "1s", retransmitTries: 2),
            (n, _) => RoadWarriorConfig.StrongSwanClient(RoadWarriorBridgeLab.ClientOuter(n), RoadWarriorBridgeLab.GatewayOuter, $"dead{n}@example.com"));
        IpsecTunDaemon gateway = fleet.Gateway;
        fleet.ConnectAll();
        List<IPAddress> addresses = fleet.VirtualAddresses();
        fleet.PingBothWays();
        for (int n = 0; n < addresses.Count; n++)
        {
            AssertServed(gateway, addresses[n], $"email:dead{n}@example.com");
        }

        var sinceKill = System.Diagnostics.Stopwatch.StartNew();
        fleet.Kill(0);
        WaitFor(gateway, () => !Holds(gateway, addresses[0]), "the gateway to let the killed client's address go");
        TestContext.Current.TestOutputHelper?.WriteLine($"killed client released after {sinceKill.Elapsed.TotalSeconds:F1} s");

        Assert.Contains("peer is dead", gateway.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(gateway.Show("active-peers"), row => row["dynamic-address"] == addresses[0].ToString());
        Assert.DoesNotContain(gateway.Show("policy"), row => row.GetValueOrDefault("dst-address") == $"{addresses[0]}/32");
        Assert.DoesNotContain(gateway.Show("pool-used"), row => row["address"] == addresses[0].ToString());
        Assert.Equal("", Route(gateway, addresses[0]));
        AssertServed(gateway, addresses[1], "email:dead1@example.com");

        fleet.Restart(0);
        CommandResult again = fleet.Clients[0].Initiate("office");
        Assert.True(again.ExitCode == 0, again + gateway.Log);
        Assert.Equal(addresses, fleet.VirtualAddresses());
        AssertServed(gateway, addresses[0], "email:dead0@example.com");
        fleet.PingBothWays();
        Assert.Equal(0, gateway.Stop());
    }

    /// <summary>The client's address is leased to it, shown as its active peer's dynamic-address, and has an established dynamic policy and a route.</summary>
    private static void AssertServed(IpsecTunDaemon gateway, IPAddress address, string owner)
    {
        Dictionary<string, string> lease = Assert.Single(gateway.Show("pool-used"), row => row["address"] == address.ToString());
        Assert.Equal(owner, lease["owner"]);
        Assert.Equal("rw-pool", lease["pool"]);
        Dictionary<string, string> peer = Assert.Single(gateway.Show("active-peers"), row => row["dynamic-address"] == address.ToString());
        Assert.Equal("established", peer["state"]);
        Dictionary<string, string> policy = Assert.Single(gateway.Show("policy"), row => row.GetValueOrDefault("dst-address") == $"{address}/32");
        Assert.Equal("yes", policy["dynamic"]);
        Assert.Equal("established", policy["ph2-state"]);
        Assert.Contains("itun0", Route(gateway, address), StringComparison.Ordinal);
    }

    /// <summary>Whether anything of the gateway still holds the address: a lease, an active peer, a policy or a route.</summary>
    private static bool Holds(IpsecTunDaemon gateway, IPAddress address) =>
        gateway.Show("pool-used").Any(row => row["address"] == address.ToString())
        || gateway.Show("active-peers").Any(row => row["dynamic-address"] == address.ToString())
        || gateway.Show("policy").Any(row => row.GetValueOrDefault("dst-address") == $"{address}/32")
        || Route(gateway, address) != "";

    private static string Route(IpsecTunDaemon gateway, IPAddress address) =>
        gateway.Namespace.Exec(TimeSpan.FromSeconds(10), "ip", "route", "show", $"{address}/32").Output.Trim();

    private static void WaitFor(IpsecTunDaemon gateway, Func<bool> condition, string what)
    {
        try
        {
            StrongSwanDaemon.WaitFor(condition, TimeSpan.FromSeconds(45), what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{gateway.Log}", e);
        }
    }
}
