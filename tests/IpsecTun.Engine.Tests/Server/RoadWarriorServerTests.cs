using System.Net;
using IpsecTun.Core;
using IpsecTun.Engine.Control;
using IpsecTun.Engine.Tests.Runtime;

namespace IpsecTun.Engine.Tests.Server;

/// <summary>The endpoint as a road-warrior server: pool addresses, generated policies, routes, DPD and reconnects.</summary>
public sealed class RoadWarriorServerTests
{
    [Fact]
    public void Each_client_gets_its_own_pool_address_dns_split_network_dynamic_policy_and_route_and_traffic_flows_both_ways()
    {
        using var server = new RoadWarriorServer();
        var clients = Enumerable.Range(0, 3).Select(n => server.AddClient(n)).ToList();

        server.ConnectAll(clients);

        var addresses = clients.Select(c => c.VirtualAddress!).ToList();
        Assert.Equal(3, addresses.Distinct().Count());
        Assert.All(addresses, a => Assert.True(IPNetwork.Parse("10.77.0.0/20").Contains(a), $"{a} is not from the pool"));
        Assert.All(clients, c => Assert.Equal([IPAddress.Parse("10.1.0.53")], c.Sa!.ModeConfig!.DnsServers));
        Assert.All(clients, c => Assert.Equal([IPNetwork.Parse("10.1.0.0/24")], c.Sa!.ModeConfig!.SplitNetworks));
        Assert.All(clients, c => Assert.Equal(32, c.Sa!.ModeConfig!.Ip4PrefixLength));
        // TSr 0.0.0.0/0 was narrowed to the template's 10.1.0.0/24.
        Assert.All(clients, c => Assert.Equal("10.1.0.0-10.1.0.255", Range(c.Sa!.ChildSas[0].RemoteSelectors[0])));

        var dynamic = server.Show(ViewMenu.Policy).Where(r => r.Flags.Contains('D', StringComparison.Ordinal)).ToList();
        Assert.Equal(
            addresses.Select(a => $"{a}/32").Order(),
            dynamic.Select(r => Value(r, "dst-address")).Order());
        Assert.All(dynamic, r => Assert.Equal("unique", Value(r, "level")));
        Assert.All(dynamic, r => Assert.Equal("10.1.0.0/24", Value(r, "src-address")));
        Assert.All(dynamic, r => Assert.Equal("rw", Value(r, "proposal")));
        Assert.All(dynamic, r => Assert.Equal("rw", Value(r, "peer")));
        Assert.All(dynamic, r => Assert.Equal("established", Value(r, "ph2-state")));
        Assert.Equal(
            addresses.Select(a => a.ToString()).Order(),
            server.Show(ViewMenu.ActivePeers).Select(r => Value(r, "dynamic-address")).Order());
        Assert.All(addresses, a => Assert.True(server.Adapter.Routes.ContainsKey($"{a}/32"), $"no route to {a}"));

        Exchange(server, clients);
    }

    [Fact]
    public void A_client_that_reconnects_gets_its_address_back_and_a_deleted_one_gives_up_its_policy_and_route()
    {
        using var server = new RoadWarriorServer();
        var alice = server.AddClient(0);
        var bob = server.AddClient(1);
        server.ConnectAll([alice, bob]);
        IPAddress aliceAddress = alice.VirtualAddress!;

        alice.Disconnect();
        server.Drive(() => server.Show(ViewMenu.ActivePeers).Count == 1, "alice's IKE SA to go");
        Assert.DoesNotContain(server.Show(ViewMenu.Policy), r => Value(r, "dst-address") == $"{aliceAddress}/32");
        Assert.False(server.Adapter.Routes.ContainsKey($"{aliceAddress}/32"));
        Assert.DoesNotContain(server.Gateway.Leases, l => l.Address.Equals(aliceAddress));

        // A newcomer does not get alice's remembered address, alice does.
        var carol = server.AddClient(2);
        server.ConnectAll([carol]);
        alice.Connect();
        server.Drive(() => alice.Established, "alice to reconnect");

        Assert.Equal(aliceAddress, alice.VirtualAddress);
        Assert.NotEqual(aliceAddress, carol.VirtualAddress);
        Exchange(server, [alice, bob, carol]);
    }

    [Fact]
    public void A_client_killed_without_delete_loses_its_lease_policy_and_route_once_dpd_declares_it_dead()
    {
        using var server = new RoadWarriorServer();
        var alive = server.AddClient(0);
        var killed = server.AddClient(1);
        server.ConnectAll([alive, killed]);
        IPAddress lost = killed.VirtualAddress!;
        Assert.Contains(server.Gateway.Leases, l => l.Address.Equals(lost));
        Assert.Contains(server.Show(ViewMenu.PoolUsed), r => Value(r, "address") == lost.ToString());

        server.Network.Cut(killed.Address, true);
        server.AdvanceUntil(() => server.Show(ViewMenu.ActivePeers).Count == 1, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), [alive]);

        Assert.DoesNotContain(server.Gateway.Leases, l => l.Address.Equals(lost));
        Assert.Equal([alive.VirtualAddress!.ToString()], server.Show(ViewMenu.PoolUsed).Select(r => Value(r, "address")));
        Assert.DoesNotContain(server.Show(ViewMenu.Policy), r => Value(r, "dst-address") == $"{lost}/32");
        Assert.False(server.Adapter.Routes.ContainsKey($"{lost}/32"));
        Assert.Equal(alive.VirtualAddress!.ToString(), Value(Assert.Single(server.Show(ViewMenu.ActivePeers)), "dynamic-address"));
        Exchange(server, [alive]);
    }

    [Fact]
    public void Initial_contact_from_a_restarted_client_replaces_its_stale_ike_sa_and_keeps_its_address()
    {
        using var server = new RoadWarriorServer();
        var client = server.AddClient(0);
        server.ConnectAll([client]);
        IPAddress address = client.VirtualAddress!;

        // The client restarts: it forgets its IKE SA without a delete and connects again with INITIAL_CONTACT.
        client.Connect(initialContact: true);
        server.Drive(() => client.Established, "the restarted client to connect");

        Assert.Equal(address, client.VirtualAddress);
        Assert.Single(server.Show(ViewMenu.ActivePeers));
        Assert.Single(server.Show(ViewMenu.Policy), r => r.Flags.Contains('D', StringComparison.Ordinal));
        Assert.True(server.Adapter.Routes.ContainsKey($"{address}/32"));
        Exchange(server, [client]);
    }

    [Fact]
    public void A_second_connection_under_the_same_identity_without_initial_contact_replaces_the_first()
    {
        using var server = new RoadWarriorServer();
        var first = server.AddClient(0, "same@example.com");
        server.ConnectAll([first]);
        var second = server.AddClient(1, "same@example.com");
        second.Connect(initialContact: false);
        server.Drive(() => second.Established && server.Show(ViewMenu.ActivePeers).Count == 1, "the second connection to replace the first");

        Assert.Equal(first.VirtualAddress, second.VirtualAddress);
        Assert.Equal(second.Address.ToString(), Value(Assert.Single(server.Show(ViewMenu.ActivePeers)), "remote-address"));
        Exchange(server, [second]);
    }

    /// <summary>A packet from each client to 10.1.0.7 leaves the gateway's adapter, and a reply to each virtual address reaches its client.</summary>
    internal static void Exchange(RoadWarriorServer server, IReadOnlyList<RoadWarrior> clients)
    {
        foreach (RoadWarrior client in clients)
        {
            Assert.True(client.SendThroughTunnel(TestPackets.Udp(client.VirtualAddress!.ToString(), "10.1.0.7", 7777, "up " + client.VirtualAddress)));
        }

        var up = new HashSet<string>();
        while (up.Count < clients.Count)
        {
            byte[] packet = TwoEndpoints.Take(server.Tun);
            up.Add(new IPAddress(packet.AsSpan(12, 4)).ToString());
        }

        Assert.Equal(clients.Select(c => c.VirtualAddress!.ToString()).Order(), up.Order());
        clients.ToList().ForEach(c => c.Received.Clear());
        foreach (RoadWarrior client in clients)
        {
            server.Tun.Inject(TestPackets.Udp("10.1.0.7", client.VirtualAddress!.ToString(), 7777, "down " + client.VirtualAddress));
        }

        server.Drive(() => clients.All(c => c.Received.Count > 0), "replies through the tunnels");
        Assert.All(clients, c => Assert.EndsWith("down " + c.VirtualAddress, System.Text.Encoding.ASCII.GetString(c.Received.Single())));
    }

    private static string Value(ViewRow row, string name) => row.Properties.Single(p => p.Key == name).Value;

    private static string Range(Ike.Messages.TrafficSelector selector) => $"{selector.StartAddress}-{selector.EndAddress}";
}
