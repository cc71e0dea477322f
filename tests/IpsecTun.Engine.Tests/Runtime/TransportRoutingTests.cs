using System.Net;
using System.Net.Sockets;
using IpsecTun.Engine.Plan;
using IpsecTun.Engine.Runtime;
using IpsecTun.Engine.Tests.Runtime.Fakes;
using IpsecTun.Platform;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>
/// A transport-mode policy's destination is the peer's own address: it goes into the adapter through the policy
/// routing table and its rule, never the main table, and only where the endpoint's sockets carry a mark.
/// </summary>
public sealed class TransportRoutingTests
{
    private static readonly IPAddress Local = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Peer = IPAddress.Parse("198.51.100.2");

    [Fact]
    public void The_peer_address_is_routed_in_the_policy_table_from_the_policy_source_until_stop()
    {
        var configurator = new RecordingConfigurator();
        using var endpoint = Start(configurator, mark: PolicyRouting.Mark);

        RouteEntry route = Assert.Single(configurator.PolicyRoutes.Keys);
        Assert.Equal(new RouteEntry(Peer, 32, 9) { Table = PolicyRouting.Table, PreferredSource = Local }, route);
        Assert.Equal(PolicyRouting.RulesFor(AddressFamily.InterNetwork).OrderBy(r => r.Priority), configurator.Rules.Keys.OrderBy(r => r.Priority));
        Assert.Equal(["10.2.0.0/24"], configurator.Routes.Keys);

        endpoint.Stop();
        Assert.Empty(configurator.PolicyRoutes);
        Assert.Empty(configurator.Rules);
        Assert.Empty(configurator.Routes);
    }

    [Fact]
    public void Without_a_socket_mark_the_peer_address_stays_out_of_the_adapter()
    {
        var configurator = new RecordingConfigurator();
        using var endpoint = Start(configurator, mark: 0);

        Assert.Empty(configurator.PolicyRoutes);
        Assert.Empty(configurator.Rules);
        Assert.Equal(["10.2.0.0/24"], configurator.Routes.Keys);
    }

    private static Endpoint Start(RecordingConfigurator configurator, uint mark)
    {
        EndpointPlan plan = ConfigurationText.Plan($$"""
            {
              "ip": { "ipsec": {
                "peer":     [ { "name": "host", "address": "{{Peer}}/32", "exchange-mode": "ike2", "passive": "yes" } ],
                "identity": [ { "peer": "host", "auth-method": "pre-shared-key", "secret": "transport secret" } ],
                "policy":   [ { "src-address": "{{Local}}/32", "dst-address": "{{Peer}}/32", "tunnel": "no", "peer": "host" },
                              { "src-address": "10.1.0.0/24", "dst-address": "10.2.0.0/24", "tunnel": "yes", "peer": "host" } ] } }
            }
            """);
        var network = new MemoryNetwork();
        var endpoint = new Endpoint(plan, new EndpointEnvironment(new MemoryTun("tp0", 9), configurator, new MemoryHost(network, Local) { OwnTrafficMark = mark }));
        endpoint.Start();
        return endpoint;
    }
}
