using System.Net;
using IpsecTun.Engine.Plan;
using IpsecTun.Engine.Runtime;
using IpsecTun.Engine.Tests.Runtime.Fakes;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>Two endpoints over the system's UDP and raw ESP sockets on 127.0.0.1, each with an in-memory adapter.</summary>
public sealed class LoopbackUdpTests
{
    [Fact]
    public void A_packet_crosses_real_sockets_on_loopback_and_the_reply_comes_back()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("the system sockets are Linux only");
            return;
        }

        var network = new SystemEndpointNetwork();
        using (IDisposable? probe = network.TryOpenEsp(IPAddress.Loopback))
        {
            if (probe is null)
            {
                Assert.Skip("raw ESP sockets need root or CAP_NET_RAW");
            }
        }

        int gatewayPort = 20000 + (Environment.ProcessId % 10000) * 4;
        (EndpointPlan gatewayPlan, EndpointPlan clientPlan) = TestPlans.OnLoopback(gatewayPort, gatewayPort + 2);
        using var gatewayTun = new MemoryTun("gw0", 7);
        using var clientTun = new MemoryTun("cl0", 8);
        using var gateway = new Endpoint(gatewayPlan, new EndpointEnvironment(gatewayTun, new RecordingConfigurator(), network));
        using var client = new Endpoint(clientPlan, new EndpointEnvironment(clientTun, new RecordingConfigurator(), network));
        gateway.Start();
        client.Start();

        byte[] sent = TestPackets.Udp("10.2.0.5", "10.1.0.7", 7777, "over loopback");
        clientTun.Inject(sent);
        Assert.Equal(sent, TwoEndpoints.Take(gatewayTun));
        byte[] reply = TestPackets.Udp("10.1.0.7", "10.2.0.5", 7777, "and back");
        gatewayTun.Inject(reply);
        Assert.Equal(reply, TwoEndpoints.Take(clientTun));
        Assert.Equal(0, client.Counters.LoopFaults + gateway.Counters.LoopFaults);
    }
}
