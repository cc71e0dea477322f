using IpsecTun.Engine.Plan;
using IpsecTun.Engine.Runtime;
using IpsecTun.Engine.Tests.Runtime.Fakes;
using IpsecTun.Platform.Dns;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>A gateway and a client endpoint on one in-memory network, each with an in-memory adapter, sharing a fake clock.</summary>
internal sealed class TwoEndpoints : IDisposable
{
    /// <param name="clientBehindNat">The client believes it is 10.99.0.2 behind a NAT and has no raw ESP socket, so ESP goes in UDP.</param>
    public TwoEndpoints(
        EndpointPlan gateway, EndpointPlan client, Func<EndpointPlanResult>? clientReload = null, bool clientBehindNat = false,
        Platform.IIpForwarding? clientForwarding = null, IDnsConfigurator? clientDns = null)
        : this(gateway, client, new DnsHostNameResolver(), clientReload, clientBehindNat, clientForwarding, clientDns)
    {
    }

    public TwoEndpoints(
        EndpointPlan gateway, EndpointPlan client, IHostNameResolver clientResolver, Func<EndpointPlanResult>? clientReload = null, bool clientBehindNat = false,
        Platform.IIpForwarding? clientForwarding = null, IDnsConfigurator? clientDns = null,
        System.Net.IPAddress? gatewayAddress = null, System.Net.IPAddress? clientAddress = null)
    {
        GatewayTun = new MemoryTun("gw0", 7);
        ClientTun = new MemoryTun("cl0", 8);
        Gateway = new Endpoint(gateway, new EndpointEnvironment(GatewayTun, GatewayAdapter, Network.Host(gatewayAddress ?? TestPlans.GatewayAddress)) { Time = Clock });
        Client = new Endpoint(client, new EndpointEnvironment(
            ClientTun, ClientAdapter, Network.Host(clientAddress ?? TestPlans.ClientAddress, clientBehindNat ? System.Net.IPAddress.Parse("10.99.0.2") : null, rawEsp: !clientBehindNat))
        {
            Time = Clock,
            ReloadPlan = clientReload,
            Resolver = clientResolver,
            Forwarding = clientForwarding,
            Dns = clientDns,
        });
        Gateway.Start();
        Client.Start();
    }

    public FakeClock Clock { get; } = new();

    public MemoryNetwork Network { get; } = new();

    public MemoryTun GatewayTun { get; }

    public MemoryTun ClientTun { get; }

    public RecordingConfigurator GatewayAdapter { get; } = new();

    public RecordingConfigurator ClientAdapter { get; } = new();

    public Endpoint Gateway { get; }

    public Endpoint Client { get; }

    /// <summary>Sends a packet from the client's network to the gateway's and returns what came out of the gateway's adapter.</summary>
    public byte[] ClientToGateway(string text)
    {
        byte[] packet = TestPackets.Udp("10.2.0.5", "10.1.0.7", 7777, text);
        ClientTun.Inject(packet);
        return Take(GatewayTun);
    }

    public byte[] GatewayToClient(string text)
    {
        byte[] packet = TestPackets.Udp("10.1.0.7", "10.2.0.5", 7777, text);
        GatewayTun.Inject(packet);
        return Take(ClientTun);
    }

    public static byte[] Take(MemoryTun tun) =>
        tun.Written.TryTake(out byte[]? packet, TimeSpan.FromSeconds(10)) ? packet : throw new TimeoutException($"nothing came out of {tun.Name}");

    /// <summary>
    /// Moves the clock in steps until the condition holds, giving the endpoints' timer loops up to a second of
    /// real time after each step to act on it (they tick every 100 ms, later on a loaded machine).
    /// </summary>
    public void AdvanceUntil(Func<bool> condition, TimeSpan step, TimeSpan limit)
    {
        for (TimeSpan moved = TimeSpan.Zero; !condition(); moved += step)
        {
            Assert.True(moved <= limit, $"the condition did not hold within {limit} of fake time");
            Clock.Advance(step);
            DateTime until = DateTime.UtcNow.AddSeconds(1);
            while (!condition() && DateTime.UtcNow < until)
            {
                Thread.Sleep(20);
            }
        }
    }

    /// <summary>
    /// Waits in real time for something the endpoints' threads do; generously, since the whole suite shares
    /// two cores with EAP and RSA work, and a pass returns as soon as the condition holds.
    /// </summary>
    public static void Eventually(Func<bool> condition, string what)
    {
        DateTime until = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for {what}");
            Thread.Sleep(20);
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        Gateway.Dispose();
        ClientTun.Dispose();
        GatewayTun.Dispose();
    }
}
