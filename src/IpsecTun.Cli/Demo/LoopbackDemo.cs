using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using IpsecTun.Engine.Control;
using IpsecTun.Engine.Plan;
using IpsecTun.Engine.Runtime;
using IpsecTun.Platform;

namespace IpsecTun.Cli.Demo;

/// <summary>
/// The demo without root: the same gateway and client endpoints, run in this process on 127.0.0.1 and
/// 127.0.0.2 with high UDP ports and in-memory adapters. No NAT separates them and raw ESP needs root, so
/// both force UDP encapsulation. The ping is played by the demo itself: it sends ICMP echo
/// requests into the client's adapter and answers those that come out of the gateway's.
/// </summary>
internal static class LoopbackDemo
{
    private const int Pings = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static int Run(TextWriter output, TextWriter error)
    {
        string directory = Directory.CreateTempSubdirectory("ipsectun-demo-").FullName;
        try
        {
            (LoopbackSite gatewaySite, LoopbackSite clientSite) = ChooseSites();
            output.WriteLine($"hosts: gateway {gatewaySite.Address} (LAN {DemoNetwork.GatewayInside}), client {clientSite.Address} ({DemoNetwork.ClientInside}), "
                + $"IKE on UDP {gatewaySite.IkePort} and {clientSite.IkePort}, NAT-T on {gatewaySite.NatTraversalPort}, adapters in memory");
            string psk = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            EndpointPlan gatewayPlan = Load(directory, "gateway", DemoConfigurations.LoopbackGateway(psk, gatewaySite, clientSite));
            EndpointPlan clientPlan = Load(directory, "client", DemoConfigurations.LoopbackClient(psk, clientSite, gatewaySite));

            var network = new UdpOnlyNetwork();
            using var gatewayAdapter = new MemoryAdapter("ipsec-gw", 1);
            using var clientAdapter = new MemoryAdapter("ipsec-client", 2);
            using var gateway = new Endpoint(gatewayPlan, new EndpointEnvironment(gatewayAdapter, new NoSystemConfigurator(), network));
            using var client = new Endpoint(clientPlan, new EndpointEnvironment(clientAdapter, new NoSystemConfigurator(), network));
            gateway.Start();
            client.Start();

            output.WriteLine($"$ ipsectun connect {DemoConfigurations.ClientPeer}");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var progress = new SynchronousProgress<ConnectPhase>(phase => output.WriteLine($"{DemoConfigurations.ClientPeer}: {ConnectCommand.Describe(phase)}"));
            ConnectOutcome connected = client.ConnectAsync(DemoConfigurations.ClientPeer, progress, timeout.Token).GetAwaiter().GetResult();
            if (connected.Result != ConnectResult.Established)
            {
                error.WriteLine($"ipsectun demo: the tunnel did not come up: {connected.Message}");
                return ExitCodes.Timeout;
            }

            output.WriteLine($"$ ping -c {Pings} {DemoNetwork.GatewayInside}   (from {DemoNetwork.ClientInside} through the tunnel, answered by the demo at the gateway)");
            int received = Ping(output, clientAdapter, gatewayAdapter);
            output.WriteLine($"{Pings} packets transmitted, {received} received");
            output.WriteLine("$ ipsectun show active-peers");
            ViewTable.Write(output, ViewMenu.ActivePeers, client.Show(ViewMenu.ActivePeers, withKeys: false));
            output.WriteLine("$ ipsectun show installed-sa");
            ViewTable.Write(output, ViewMenu.InstalledSa, client.Show(ViewMenu.InstalledSa, withKeys: false));
            output.WriteLine($"$ ipsectun disconnect {DemoConfigurations.ClientPeer}; stopping both endpoints");
            client.Disconnect(DemoConfigurations.ClientPeer);
            return received == Pings ? ExitCodes.Success : ExitCodes.Timeout;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Sends echo requests into the client's adapter and answers each one the gateway's adapter gives out; returns the replies that came back.</summary>
    private static int Ping(TextWriter output, MemoryAdapter client, MemoryAdapter gateway)
    {
        ushort identifier = (ushort)Environment.ProcessId;
        int received = 0;
        for (ushort sequence = 1; sequence <= Pings; sequence++)
        {
            long sent = Stopwatch.GetTimestamp();
            client.Inject(EchoPacket.Request(DemoNetwork.ClientInside, DemoNetwork.GatewayInside, identifier, sequence));
            if (gateway.Written.TryTake(out byte[]? request, Patience) && EchoPacket.Reply(request) is { } reply)
            {
                gateway.Inject(reply);
                if (client.Written.TryTake(out byte[]? back, Patience) && EchoPacket.IsReply(back, identifier, sequence))
                {
                    received++;
                    output.WriteLine($"{back.Length - 20} bytes from {DemoNetwork.GatewayInside}: icmp_seq={sequence} time={Stopwatch.GetElapsedTime(sent).TotalMilliseconds:0.0} ms");
                    continue;
                }
            }

            output.WriteLine($"no reply to icmp_seq={sequence}");
        }

        return received;
    }

    /// <summary>
    /// The gateway on 127.0.0.1, the client on 127.0.0.2, each with an IKE port of its own and one NAT-T
    /// port number free on both (the initiator moves both ends to the same NAT-T port). The probes stay
    /// bound until all are chosen, so no port is picked twice.
    /// </summary>
    private static (LoopbackSite Gateway, LoopbackSite Client) ChooseSites()
    {
        IPAddress gateway = IPAddress.Loopback;
        IPAddress client = IPAddress.Parse("127.0.0.2");
        var probes = new List<Socket>();
        try
        {
            int gatewayIke = Bind(probes, gateway, 0);
            int clientIke = Bind(probes, client, 0);
            for (int attempt = 0; attempt < 20; attempt++)
            {
                int natTraversal = Bind(probes, gateway, 0);
                if (TryBind(probes, client, natTraversal))
                {
                    return (new LoopbackSite(gateway.ToString(), gatewayIke, natTraversal), new LoopbackSite(client.ToString(), clientIke, natTraversal));
                }
            }

            throw new IOException("no UDP port is free on both 127.0.0.1 and 127.0.0.2");
        }
        finally
        {
            probes.ForEach(p => p.Dispose());
        }
    }

    private static int Bind(List<Socket> probes, IPAddress address, int port)
    {
        var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probes.Add(probe);
        probe.Bind(new IPEndPoint(address, port));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static bool TryBind(List<Socket> probes, IPAddress address, int port)
    {
        try
        {
            Bind(probes, address, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static EndpointPlan Load(string directory, string name, string json)
    {
        string path = Path.Combine(directory, name + ".json");
        File.WriteAllText(path, json);
        // No NAT and no raw ESP socket are there to decide it, so every peer puts ESP into UDP.
        EndpointPlanResult result = RunCommand.Load(path, forceUdpEncapsulation: true);
        return result.Plan ?? throw new InvalidOperationException($"the demo's {name} configuration: {string.Join("; ", result.Errors)}");
    }
}
