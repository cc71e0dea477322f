using IpsecTun.Engine.Control;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Tests.Runtime;

public sealed class EndpointTrafficTests
{
    [Fact]
    public void A_packet_into_the_client_adapter_acquires_a_tunnel_and_comes_out_of_the_gateway_adapter_and_the_reply_comes_back()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: true));
        Assert.Empty(pair.Client.Show(ViewMenu.ActivePeers, withKeys: false));

        byte[] sent = TestPackets.Udp("10.2.0.5", "10.1.0.7", 7777, "hello through the tunnel");
        pair.ClientTun.Inject(sent);
        byte[] arrived = TwoEndpoints.Take(pair.GatewayTun);
        Assert.Equal(sent, arrived);

        byte[] reply = TestPackets.Udp("10.1.0.7", "10.2.0.5", 7777, "and back");
        pair.GatewayTun.Inject(reply);
        Assert.Equal(reply, TwoEndpoints.Take(pair.ClientTun));

        ViewRow client = Assert.Single(pair.Client.Show(ViewMenu.ActivePeers, withKeys: false));
        Assert.Equal("established", Value(client, "state"));
        Assert.Equal("initiator", Value(client, "side"));
        Assert.Equal("1", Value(client, "ph2-total"));
        Assert.Equal("192.0.2.1", Value(client, "remote-address"));
        Assert.Equal("1", Value(client, "tx-packets"));
        Assert.Equal("1", Value(client, "rx-packets"));
        ViewRow gateway = Assert.Single(pair.Gateway.Show(ViewMenu.ActivePeers, withKeys: false));
        Assert.Equal("responder", Value(gateway, "side"));
        Assert.Equal("R", gateway.Flags);
        Assert.Equal(0, pair.Client.Counters.LoopFaults + pair.Gateway.Counters.LoopFaults);
    }

    [Fact]
    public void The_adapter_gets_its_mtu_link_and_a_route_for_each_encrypt_policy_which_stop_removes()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: true));
        Assert.True(pair.ClientAdapter.LinkUp);
        Assert.Equal(1380, pair.ClientAdapter.Mtu);
        Assert.Equal(["10.1.0.0/24"], pair.ClientAdapter.Routes.Keys);

        pair.Client.Stop();
        Assert.Empty(pair.ClientAdapter.Routes);
    }

    [Fact]
    public void A_policy_covering_the_peer_routes_everything_but_the_peer_address_into_the_adapter()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: true, gatewayNet: "0.0.0.0/0"));
        IReadOnlyCollection<string> routes = [.. pair.ClientAdapter.Routes.Keys];
        Assert.Equal(32, routes.Count);
        Assert.Contains("192.0.2.0/32", routes);
        Assert.Contains("0.0.0.0/1", routes);
        Assert.DoesNotContain(routes, r => System.Net.IPNetwork.Parse(r).Contains(TestPlans.GatewayAddress));
    }

    [Fact]
    public void The_gateway_narrows_its_policy_with_a_dynamic_one_that_goes_with_the_sa()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(clientNet: "10.2.0.0/16"), TestPlans.Client(passive: true));
        pair.ClientToGateway("narrow");

        SecurityPolicy dynamic = Assert.Single(pair.Gateway.Spd.Policies, p => p.Dynamic);
        Assert.Equal("10.2.0.0/24", dynamic.Selector.Destination.ToString());
        Assert.Equal(Ph2State.Established, dynamic.Ph2State);
        Assert.Equal(0, pair.Gateway.Spd.Policies.Single(p => !p.Dynamic).Ph2Count);
        Assert.Equal("back", System.Text.Encoding.ASCII.GetString(pair.GatewayToClient("back").AsSpan(28)));

        Assert.True(pair.Client.Disconnect("gw"));
        TwoEndpoints.Eventually(() => !pair.Gateway.Spd.Policies.Any(p => p.Dynamic), "the dynamic policy to go");
    }

    [Fact]
    public void A_client_behind_a_nat_moves_to_port_4500_and_carries_esp_in_udp()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: true), clientBehindNat: true);

        Assert.Equal("through the nat", System.Text.Encoding.ASCII.GetString(pair.ClientToGateway("through the nat").AsSpan(28)));
        Assert.Equal("back", System.Text.Encoding.ASCII.GetString(pair.GatewayToClient("back").AsSpan(28)));

        ViewRow client = Assert.Single(pair.Client.Show(ViewMenu.ActivePeers, withKeys: false));
        Assert.Equal("N", client.Flags);
        Assert.Equal("yes", Value(client, "natt-peer"));
        Assert.All(pair.Client.Sad.InstalledSas, sa => Assert.Equal((ushort?)4500, sa.Encapsulation?.RemotePort));
        Assert.All(pair.Gateway.Sad.InstalledSas, sa => Assert.NotNull(sa.Encapsulation));

        // Only the side behind the NAT keeps the mapping open.
        Assert.Equal(0, pair.Network.Keepalives);
        pair.AdvanceUntil(() => pair.Network.Keepalives == 1, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20));
    }

    internal static string Value(ViewRow row, string property) => row.Properties.Single(p => p.Key == property).Value;
}
