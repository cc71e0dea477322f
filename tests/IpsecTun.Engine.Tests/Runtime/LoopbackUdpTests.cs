using System.Net;
using IpsecTun.Engine.Plan;
using IpsecTun.Engine.Runtime;
using IpsecTun.Engine.Tests.Runtime.Fakes;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>Two endpoints over real sockets on loopback addresses, each with an in-memory adapter.</summary>
public sealed class LoopbackUdpTests
{
    [Fact]
    public void A_packet_crosses_real_sockets_on_loopback_and_the_reply_comes_back()
    {
        var network = RawCapableNetwork();
        int gatewayPort = 20000 + (Environment.ProcessId % 10000) * 4;
        (EndpointPlan gatewayPlan, EndpointPlan clientPlan) = TestPlans.OnLoopback(gatewayPort, gatewayPort + 2);

        ExchangeBothWays(gatewayPlan, clientPlan, network, client => Assert.All(client.Sad.InstalledSas, sa => Assert.Null(sa.Encapsulation)));
    }

    /// <summary>
    /// AH Child SAs over the system's raw protocol-51 sockets: IPv4 AH leaves with the header the worker wrote
    /// and authenticated (IP_HDRINCL), and arrives with the header the kernel delivered, so the ICV only checks
    /// when neither side rewrote an immutable field.
    /// </summary>
    [Fact]
    public void With_AH_a_packet_crosses_raw_protocol_51_sockets_on_loopback_and_the_reply_comes_back()
    {
        var network = RawCapableNetwork();
        int gatewayPort = 20000 + (Environment.ProcessId % 10000) * 4;
        (EndpointPlan gatewayPlan, EndpointPlan clientPlan) = TestPlans.OnLoopback(gatewayPort + 100, gatewayPort + 102, ah: true);

        ExchangeBothWays(gatewayPlan, clientPlan, network, client =>
        {
            Assert.NotEmpty(client.Sad.InstalledSas);
            Assert.All(client.Sad.InstalledSas, sa => Assert.Equal(IpsecProtocols.Ah, sa.Protocol));
        });
    }

    private static SystemEndpointNetwork RawCapableNetwork()
    {
        var network = new SystemEndpointNetwork();
        using (IDisposable? probe = network.TryOpenRaw(IPAddress.Loopback, IpsecTun.Core.IpProtocol.Ah))
        {
            if (probe is null)
            {
                Assert.Skip("raw ESP and AH sockets need root or CAP_NET_RAW, and are not used on Windows");
            }
        }

        return network;
    }

    /// <summary>
    /// The Windows datapath run here: System.Net.Sockets UDP, no raw ESP, so both plans force ESP into UDP on the
    /// NAT-T port, where IKE (behind the non-ESP marker) and ESP share one socket.
    /// </summary>
    [Fact]
    public void Over_the_managed_sockets_ESP_goes_in_UDP_and_the_reply_comes_back()
    {
        // 127.0.0.3 and .4 keep clear of the other test's ports on 127.0.0.1.
        var gatewayAddress = IPAddress.Parse("127.0.0.3");
        var clientAddress = IPAddress.Parse("127.0.0.4");
        int ikePort = 20000 + (Environment.ProcessId % 10000) * 4;
        (EndpointPlan gatewayPlan, EndpointPlan clientPlan) = TestPlans.ForcedIntoUdp(gatewayAddress, clientAddress, ikePort);

        ExchangeBothWays(gatewayPlan, clientPlan, new ManagedSocketNetwork(), client =>
        {
            Assert.NotEmpty(client.Sad.InstalledSas);
            Assert.All(client.Sad.InstalledSas, sa => Assert.Equal((ushort)(ikePort + 1), sa.Encapsulation?.RemotePort));
        });
    }

    /// <summary>Runs both endpoints, sends a packet each way through the tunnel, then lets <paramref name="checkClient"/> look at the running client.</summary>
    private static void ExchangeBothWays(EndpointPlan gatewayPlan, EndpointPlan clientPlan, IEndpointNetwork network, Action<Endpoint> checkClient)
    {
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
        checkClient(client);
    }
}
