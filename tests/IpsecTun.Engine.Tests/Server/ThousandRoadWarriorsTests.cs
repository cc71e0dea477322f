using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Tests.Server;

/// <summary>One gateway serving a thousand road warriors at once over the in-memory network.</summary>
public sealed class ThousandRoadWarriorsTests
{
    private const int Clients = 1000;

    [Fact]
    public void A_thousand_clients_each_get_a_distinct_address_their_own_dynamic_policy_and_route_and_traffic_both_ways()
    {
        using var server = new RoadWarriorServer();
        var clients = Enumerable.Range(0, Clients).Select(n => server.AddClient(n)).ToList();

        server.ConnectAll(clients);

        var addresses = clients.Select(c => c.VirtualAddress!.ToString()).ToList();
        Assert.Equal(Clients, addresses.Distinct().Count());
        Assert.Equal(Clients, server.Gateway.Leases.Count);
        var dynamic = server.Show(ViewMenu.Policy).Where(r => r.Flags.Contains('D', StringComparison.Ordinal)).ToList();
        Assert.Equal(addresses.Select(a => a + "/32").Order(), dynamic.Select(r => r.Properties.Single(p => p.Key == "dst-address").Value).Order());
        Assert.Equal(addresses.Order(), server.Show(ViewMenu.ActivePeers).Select(r => r.Properties.Single(p => p.Key == "dynamic-address").Value).Order());
        Assert.All(addresses, a => Assert.True(server.Adapter.Routes.ContainsKey(a + "/32"), $"no route to {a}"));

        RoadWarriorServerTests.Exchange(server, clients);
    }
}
