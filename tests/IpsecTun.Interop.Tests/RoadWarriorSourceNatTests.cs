using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using IpsecTun.Interop.Tests.Lab;
using static IpsecTun.Interop.Tests.Lab.RoadWarriorNatLab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// The manual's RoadWarrior client with NAT against strongSwan: ipsectun receives 192.168.77.254 from the
/// gateway's pool and source-NATs the LAN behind it, so its hosts reach the office network (ping, a TCP
/// transfer), also when two of them use the same source port towards the same server.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class RoadWarriorSourceNatTests
{
    private const string Psk = "interop-rw-nat-psk";
    private const string VirtualAddress = "192.168.77.254";
    private const int ServicePort = 9000;
    private const int SharedSourcePort = 40000;

    /// <summary>Accepts two connections before answering either, so both are open at once; each is told the address and port it came from.</summary>
    private const string Server = """
        import socket, sys
        srv = socket.socket()
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind((sys.argv[1], int(sys.argv[2])))
        srv.listen(4)
        print("listening", flush=True)
        conns = [srv.accept() for _ in range(2)]
        for c, a in conns:
            name = c.recv(64).decode()
            c.sendall(f"{name} seen from {a[0]}:{a[1]}".encode())
            c.close()
        """;

    private const string Client = """
        import socket, sys
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("", int(sys.argv[1])))
        s.settimeout(30)
        s.connect((sys.argv[2], int(sys.argv[3])))
        s.sendall(sys.argv[4].encode())
        print(s.recv(200).decode(), flush=True)
        """;

    [Fact]
    public void Hosts_behind_the_client_reach_the_office_through_the_dynamic_source_nat()
    {
        LabRequirement.EnsureAvailable();
        IkeSuite suite = IkeSuite.AesGcmEcp256;
        using var lab = new RoadWarriorNatLab();
        using var gatewayDir = new TemporaryDirectory();
        using var clientDir = new TemporaryDirectory();
        using var strongSwan = new StrongSwanDaemon(lab.Gateway, gatewayDir,
            RoadWarriorNatConfig.StrongSwanGateway(GatewayOuter, ClientOuter, VirtualAddress, OfficeNet, suite, Psk));
        using var ipsectun = new IpsecTunDaemon(lab.Client, clientDir, RoadWarriorNatConfig.IpsecTunClient(ClientOuter, GatewayOuter, Lan, suite, Psk));

        CommandResult connect = ipsectun.Cli("connect", "gw", "--timeout", "30s");
        Assert.True(connect.ExitCode == 0, connect + ipsectun.Log + strongSwan.Log);
        Assert.Equal("1", lab.ClientForwarding);

        CommandResult ping = Ping(lab.HostA, Office);
        Assert.True(ping.ExitCode == 0, ping + ipsectun.Log + strongSwan.ListSas());

        double mbps = Iperf.MeasureTcp(lab.Gateway, Office, lab.HostA, HostAAddress, seconds: 3);
        TestContext.Current.TestOutputHelper?.WriteLine($"LAN host -> office through ipsectun's source NAT and strongSwan: TCP {mbps:F0} Mbit/s");
        Assert.True(mbps > 1, $"{mbps} Mbit/s");

        (string a, string b) = CollidingConnections(lab, gatewayDir);
        Match seenA = Regex.Match(a, @"^a seen from (\S+):(\d+)$", RegexOptions.Multiline);
        Match seenB = Regex.Match(b, @"^b seen from (\S+):(\d+)$", RegexOptions.Multiline);
        Assert.True(seenA.Success && seenB.Success, $"host a: {a}\nhost b: {b}\n{ipsectun.Log}");
        Assert.Equal(VirtualAddress, seenA.Groups[1].Value);
        Assert.Equal(VirtualAddress, seenB.Groups[1].Value);
        Assert.NotEqual(seenA.Groups[2].Value, seenB.Groups[2].Value);
        string[] ports = [seenA.Groups[2].Value, seenB.Groups[2].Value];
        Assert.Contains(SharedSourcePort.ToString(CultureInfo.InvariantCulture), ports);

        CommandResult statistics = ipsectun.Cli("show", "statistics", "--json");
        Assert.True(statistics.ExitCode == 0, statistics.ToString());
        Assert.Matches("\"src-nat-out-translated\":\\s*\"?[1-9]", statistics.Output);
        Assert.Matches("\"src-nat-in-translated\":\\s*\"?[1-9]", statistics.Output);

        Assert.Equal(0, ipsectun.Stop());
        Assert.Equal("0", lab.ClientForwarding);
    }

    /// <summary>Both LAN hosts connect from port 40000 to the office server at once; returns what each was told.</summary>
    private static (string A, string B) CollidingConnections(RoadWarriorNatLab lab, TemporaryDirectory directory)
    {
        string server = directory.Write("server.py", Server);
        string client = directory.Write("client.py", Client);
        using var listener = new BackgroundProcess("ip", lab.Gateway.Wrap("python3", server, Office.ToString(), ServicePort.ToString(CultureInfo.InvariantCulture)));
        StrongSwanDaemon.WaitFor(() => listener.Output.Contains("listening", StringComparison.Ordinal) || listener.HasExited, TimeSpan.FromSeconds(20), "the office server");
        string port = SharedSourcePort.ToString(CultureInfo.InvariantCulture);
        string service = ServicePort.ToString(CultureInfo.InvariantCulture);
        using var hostA = new BackgroundProcess("ip", lab.HostA.Wrap("python3", client, port, Office.ToString(), service, "a"));
        CommandResult hostB = lab.HostB.Exec(TimeSpan.FromSeconds(40), "python3", client, port, Office.ToString(), service, "b");
        StrongSwanDaemon.WaitFor(() => hostA.HasExited, TimeSpan.FromSeconds(40), "host a's answer");
        return (hostA.Output, hostB.Output + listener.Output);
    }
}
