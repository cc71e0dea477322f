using System.Net;
using IpsecTun.Config;
using IpsecTun.Engine.Control;
using IpsecTun.Engine.Plan;
using IpsecTun.Engine.Runtime;
using IpsecTun.Engine.Tests.Runtime.Fakes;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>
/// The adapter, the UDP ports, the addresses sockets are bound to and the replay window are set up once per run. A reload changing them
/// would otherwise be swapped in and ignored (a new peer on an unbound address would never connect), so it is refused
/// with one error per change and the running configuration stays.
/// </summary>
public sealed class EndpointReloadRestartOnlyTests
{
    private const string Restart = "which takes effect only when ipsectun run starts again";
    private static readonly IPAddress Local = IPAddress.Parse("198.51.100.2");

    [Fact]
    public void A_reload_changing_the_adapter_the_ports_or_the_replay_window_is_refused_and_the_tunnel_stays()
    {
        EndpointPlan first = TestPlans.Client(passive: true);
        EndpointSettings settings = first.Configuration.Endpoint;
        IpsecConfiguration changed = first.Configuration with
        {
            Endpoint = settings with { Interface = new InterfaceSettings("cl1", 1300), Listen = new ListenSettings(5500, 5501), ReplayWindow = 64 },
        };
        var next = new EndpointPlan(changed, first.Peers, first.Responders, first.Policies) { Source = "next.json" };
        using var pair = new TwoEndpoints(TestPlans.Gateway(), first, () => new EndpointPlanResult(next, []));
        pair.ClientToGateway("before");
        uint[] spis = [.. pair.Client.Sad.InstalledSas.Select(sa => sa.Spi)];

        ReloadOutcome outcome = pair.Client.Reload();

        Assert.Equal(
            [
                $"next.json: ipsectun.interface: name: changed from {settings.Interface.Name} to cl1, {Restart}",
                $"next.json: ipsectun.interface: mtu: changed from {settings.Interface.Mtu} to 1300, {Restart}",
                $"next.json: ipsectun.listen: ike-port: changed from {settings.Listen.IkePort} to 5500, {Restart}",
                $"next.json: ipsectun.listen: nat-t-port: changed from {settings.Listen.NatTPort} to 5501, {Restart}",
                $"next.json: ipsectun: replay-window: changed from {settings.ReplayWindow} to 64, {Restart}",
            ],
            outcome.Errors);
        Assert.Same(first, pair.Client.Plan);
        Assert.Equal("after", System.Text.Encoding.ASCII.GetString(pair.ClientToGateway("after").AsSpan(28)));
        Assert.Equal(spis, pair.Client.Sad.InstalledSas.Select(sa => sa.Spi));
    }

    [Theory]
    [InlineData("198.51.100.7", "needs sockets on 198.51.100.7")]
    [InlineData(null, "needs sockets on 0.0.0.0")]
    public void A_reload_adding_a_peer_on_an_address_without_sockets_is_refused(string? localAddress, string needs)
    {
        EndpointPlan first = PeersPlan(("gw", Local.ToString()));
        EndpointPlan next = PeersPlan(("gw", Local.ToString()), ("gw2", localAddress));
        using var endpoint = Start(first, next);

        ReloadOutcome outcome = endpoint.Reload();

        string error = Assert.Single(outcome.Errors);
        Assert.StartsWith("configuration: ip.ipsec.peer[1] (gw2): local-address: " + needs, error, StringComparison.Ordinal);
        Assert.Contains($"(it has {Local})", error, StringComparison.Ordinal);
        Assert.Same(first, endpoint.Plan);
    }

    [Fact]
    public void A_reload_adding_a_peer_on_a_bound_address_is_taken()
    {
        EndpointPlan next = PeersPlan(("gw", Local.ToString()), ("gw2", Local.ToString()));
        using var endpoint = Start(PeersPlan(("gw", Local.ToString())), next);

        ReloadOutcome outcome = endpoint.Reload();

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        Assert.Same(next, endpoint.Plan);
    }

    private static Endpoint Start(EndpointPlan first, EndpointPlan next)
    {
        var endpoint = new Endpoint(first, new EndpointEnvironment(new MemoryTun("rl0", 9), new RecordingConfigurator(), new MemoryNetwork().Host(Local))
        {
            ReloadPlan = () => new EndpointPlanResult(next, []),
        });
        endpoint.Start();
        return endpoint;
    }

    /// <summary>Passive peers at 192.0.2.1, .2, … with the given local-address (none when null), each with a tunnel policy.</summary>
    private static EndpointPlan PeersPlan(params (string Name, string? LocalAddress)[] peers)
    {
        IEnumerable<string> entries = peers.Select((p, i) =>
            $$"""{ "name": "{{p.Name}}", "address": "192.0.2.{{i + 1}}/32", "exchange-mode": "ike2", "passive": "yes"{{(p.LocalAddress is null ? "" : $", \"local-address\": \"{p.LocalAddress}\"")}} }""");
        IEnumerable<string> identities = peers.Select(p => $$"""{ "peer": "{{p.Name}}", "auth-method": "pre-shared-key", "secret": "reload secret" }""");
        IEnumerable<string> policies = peers.Select((p, i) => $$"""{ "src-address": "10.1.0.0/24", "dst-address": "10.2.{{i}}.0/24", "tunnel": "yes", "peer": "{{p.Name}}" }""");
        return ConfigurationText.Plan($$"""
            { "ip": { "ipsec": { "peer": [ {{string.Join(", ", entries)}} ], "identity": [ {{string.Join(", ", identities)}} ], "policy": [ {{string.Join(", ", policies)}} ] } } }
            """);
    }
}
