using System.Net;
using IpsecTun.Engine.Control;
using IpsecTun.Engine.Runtime;
using IpsecTun.Engine.Tests.Runtime.Fakes;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>
/// A peer whose address is a DNS name (the client's "gw", named gw.example): the address it resolves to is the
/// one connected to, is kept out of the adapter's routes, and answers for the peer when it initiates.
/// </summary>
public sealed class EndpointPeerNameTests
{
    private const string Name = "gw.example";
    private const string FullTunnel = "0.0.0.0/0";

    /// <summary>Where the name pointed before the gateway moved to its address; nothing answers there.</summary>
    private static readonly IPAddress Moved = IPAddress.Parse("192.0.2.50");

    [Fact]
    public void A_new_answer_is_connected_to_at_the_next_attempt_and_the_routes_leave_it_out_instead_of_the_old_one()
    {
        var resolver = new CountingResolver(Name, Moved, TestPlans.GatewayAddress);
        using var pair = new TwoEndpoints(
            TestPlans.Gateway(gatewayNet: FullTunnel), TestPlans.Client(passive: false, gatewayNet: FullTunnel, gatewayName: Name), resolver);

        TwoEndpoints.Eventually(() => Routed(pair, TestPlans.GatewayAddress) && !Routed(pair, Moved), "the first answer to be left out of the routes");

        // Nothing answers at the first address: the attempt fails, and the next one looks the name up again.
        pair.AdvanceUntil(() => Established(pair.Client) is not null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(2, resolver.Lookups);
        Assert.Equal(TestPlans.GatewayAddress.ToString(), EndpointTrafficTests.Value(Established(pair.Client)!, "remote-address"));
        Assert.True(Routed(pair, Moved), "the old answer is routed into the tunnel again");
        Assert.False(Routed(pair, TestPlans.GatewayAddress), "the gateway's address stays out of the tunnel");
        Assert.Equal("moved", System.Text.Encoding.ASCII.GetString(pair.ClientToGateway("moved").AsSpan(28)));
    }

    [Fact]
    public void A_full_tunnel_to_a_passive_peer_named_by_dns_leaves_the_address_it_resolves_to_out_of_the_routes()
    {
        var resolver = new CountingResolver(Name, TestPlans.GatewayAddress);
        using var pair = new TwoEndpoints(
            TestPlans.Gateway(gatewayNet: FullTunnel), TestPlans.Client(passive: true, gatewayNet: FullTunnel, gatewayName: Name), resolver);

        TwoEndpoints.Eventually(
            () => !Routed(pair, TestPlans.GatewayAddress) && Routed(pair, IPAddress.Parse("192.0.2.2")) && Routed(pair, IPAddress.Parse("203.0.113.9")),
            "the gateway's address to leave the routes of the full tunnel");

        // Traffic starts the connection, which looks the name up again.
        Assert.Equal("full", System.Text.Encoding.ASCII.GetString(pair.ClientToGateway("full").AsSpan(28)));
        Assert.Equal(2, resolver.Lookups);
        Assert.False(Routed(pair, TestPlans.GatewayAddress));
    }

    [Fact]
    public void A_peer_named_by_dns_that_initiates_is_answered_as_that_peer()
    {
        var resolver = new CountingResolver(Name, TestPlans.GatewayAddress);
        using var pair = new TwoEndpoints(ConfigurationText.Plan(GatewayInitiating()), ConfigurationText.Plan(ClientNamingTheGateway()), resolver);

        pair.AdvanceUntil(() => Established(pair.Client) is not null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        ViewRow row = Established(pair.Client)!;
        Assert.Equal("gw", EndpointTrafficTests.Value(row, "peer"));
        Assert.Equal("responder", EndpointTrafficTests.Value(row, "side"));
        Assert.Equal("answered", System.Text.Encoding.ASCII.GetString(pair.GatewayToClient("answered").AsSpan(28)));
    }

    [Fact]
    public void A_passive_peer_initiating_from_an_address_its_name_did_not_resolve_to_has_its_name_looked_up_again()
    {
        var resolver = new CountingResolver(Name, Moved, TestPlans.GatewayAddress);
        using var pair = new TwoEndpoints(ConfigurationText.Plan(GatewayInitiating()), ConfigurationText.Plan(ClientNamingTheGateway()), resolver);
        // At start, and once more as soon as the gateway's first request arrives, which may be before this looks.
        TwoEndpoints.Eventually(() => resolver.Lookups >= 1, "the passive peer's name to be looked up at start");

        // The gateway's requests come from an address no peer claims; a retransmission after the new lookup is answered.
        pair.AdvanceUntil(() => Established(pair.Client) is not null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));
        Assert.Equal(2, resolver.Lookups);
        Assert.Equal("gw", EndpointTrafficTests.Value(Established(pair.Client)!, "peer"));
    }

    [Fact]
    public void A_host_without_ipv6_starts_and_connects_to_the_ipv4_address_of_a_name_that_has_both()
    {
        var resolver = new CountingResolver(Name, [[IPAddress.Parse("2001:db8::1"), TestPlans.GatewayAddress]]);
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: false, gatewayName: Name), resolver);

        TwoEndpoints.Eventually(() => Established(pair.Client) is not null, "the peer to come up over IPv4");
        Assert.Equal(TestPlans.GatewayAddress.ToString(), EndpointTrafficTests.Value(Established(pair.Client)!, "remote-address"));
    }

    [Theory]
    [InlineData(Name, true)]
    [InlineData(null, false)]
    public void Where_the_system_has_ipv6_a_peer_named_by_dns_opens_ipv6_sockets_too(string? gatewayName, bool ipv6)
    {
        var host = new MemoryHost(new MemoryNetwork(), TestPlans.ClientAddress) { HasIpv6 = true };
        using var endpoint = new Endpoint(
            TestPlans.Client(passive: true, gatewayName: gatewayName),
            new EndpointEnvironment(new MemoryTun("dns0", 9), new RecordingConfigurator(), host) { Resolver = new CountingResolver(Name, TestPlans.GatewayAddress) });
        endpoint.Start();

        IPEndPoint[] expected = [new(IPAddress.Any, 500), new(IPAddress.Any, 4500), .. ipv6 ? new IPEndPoint[] { new(IPAddress.IPv6Any, 500), new(IPAddress.IPv6Any, 4500) } : []];
        Assert.Equal(expected, host.Bound);
    }

    private static ViewRow? Established(Endpoint endpoint) =>
        endpoint.Show(ViewMenu.ActivePeers, false).FirstOrDefault(r => EndpointTrafficTests.Value(r, "state") == "established");

    private static bool Routed(TwoEndpoints pair, IPAddress address) =>
        pair.ClientAdapter.Routes.Keys.Any(route => IPNetwork.Parse(route).Contains(address));

    private static string GatewayInitiating() =>
        Site("client", $"{TestPlans.ClientAddress}/32", passive: false, TestPlans.GatewayNet, TestPlans.ClientNet);

    private static string ClientNamingTheGateway() =>
        Site("gw", Name, passive: true, TestPlans.ClientNet, TestPlans.GatewayNet);

    private static string Site(string peer, string address, bool passive, string localNet, string remoteNet) => $$"""
        {
          "ip": {
            "ipsec": {
              "profile":  [ { "name": "p", "enc-algorithm": "aes-128-gcm", "hash-algorithm": "sha256", "dh-group": "ecp256" } ],
              "proposal": [ { "name": "p", "enc-algorithms": "aes-128-gcm", "pfs-group": "none" } ],
              "peer":     [ { "name": "{{peer}}", "address": "{{address}}", "exchange-mode": "ike2", "profile": "p", "passive": "{{(passive ? "yes" : "no")}}" } ],
              "identity": [ { "peer": "{{peer}}", "secret": "shared secret" } ],
              "policy":   [ { "src-address": "{{localNet}}", "dst-address": "{{remoteNet}}", "tunnel": "yes", "peer": "{{peer}}", "proposal": "p" } ]
            }
          }
        }
        """;
}
