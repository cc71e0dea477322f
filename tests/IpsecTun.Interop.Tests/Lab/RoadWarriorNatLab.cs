using System.Globalization;
using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// The manual's RoadWarrior client with NAT: a gateway (10.99.0.2) with the office host 10.5.8.1 behind it,
/// a client (10.99.0.1) that routes the LAN 192.168.88.0/24 on a bridge (192.168.88.1), and two LAN hosts,
/// 192.168.88.10 and 192.168.88.20, whose default route is the client.
/// </summary>
internal sealed class RoadWarriorNatLab : IDisposable
{
    public static readonly IPAddress ClientOuter = IPAddress.Parse("10.99.0.1");
    public static readonly IPAddress GatewayOuter = IPAddress.Parse("10.99.0.2");
    public static readonly IPAddress Office = IPAddress.Parse("10.5.8.1");
    public static readonly IPAddress HostAAddress = IPAddress.Parse("192.168.88.10");
    public static readonly IPAddress HostBAddress = IPAddress.Parse("192.168.88.20");
    public const string Lan = "192.168.88.0/24";
    public const string OfficeNet = "10.5.8.0/24";

    private static int s_counter;
    private readonly List<NetworkNamespace> _namespaces = [];

    public RoadWarriorNatLab()
    {
        try
        {
            Gateway = Add(new NetworkNamespace("g"));
            Client = Add(new NetworkNamespace("c"));
            HostA = Add(new NetworkNamespace("ha"));
            HostB = Add(new NetworkNamespace("hb"));
            string tag = $"{Environment.ProcessId % 100000}x{Interlocked.Increment(ref s_counter)}";
            Command.Run("ip", "link", "add", $"vc{tag}", "netns", Client.Name, "type", "veth", "peer", "name", $"vg{tag}", "netns", Gateway.Name).EnsureSuccess();
            Client.Ip("addr", "add", $"{ClientOuter}/24", "dev", $"vc{tag}");
            Gateway.Ip("addr", "add", $"{GatewayOuter}/24", "dev", $"vg{tag}");
            Client.Ip("link", "set", $"vc{tag}", "up");
            Gateway.Ip("link", "set", $"vg{tag}", "up");
            Gateway.Ip("addr", "add", $"{Office}/32", "dev", "lo");

            string bridge = $"br{tag}";
            Client.Ip("link", "add", bridge, "type", "bridge");
            Client.Ip("addr", "add", "192.168.88.1/24", "dev", bridge);
            Client.Ip("link", "set", bridge, "up");
            AttachHost(HostA, HostAAddress, $"ha{tag}", bridge);
            AttachHost(HostB, HostBAddress, $"hb{tag}", bridge);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public NetworkNamespace Gateway { get; } = null!;

    public NetworkNamespace Client { get; } = null!;

    public NetworkNamespace HostA { get; } = null!;

    public NetworkNamespace HostB { get; } = null!;

    /// <summary>The client's net.ipv4.ip_forward, which the endpoint turns on while it source-NATs the LAN.</summary>
    public string ClientForwarding => Client.Exec(TimeSpan.FromSeconds(10), "cat", "/proc/sys/net/ipv4/ip_forward").Output.Trim();

    public static CommandResult Ping(NetworkNamespace from, IPAddress to, int count = 3) =>
        from.Exec(TimeSpan.FromSeconds(count + 10), "ping", "-n", "-c", count.ToString(CultureInfo.InvariantCulture), "-i", "0.3", "-W", "2", to.ToString());

    public void Dispose()
    {
        foreach (NetworkNamespace netns in _namespaces)
        {
            netns.Dispose();
        }
    }

    private NetworkNamespace Add(NetworkNamespace netns)
    {
        _namespaces.Add(netns);
        return netns;
    }

    private void AttachHost(NetworkNamespace host, IPAddress address, string link, string bridge)
    {
        Command.Run("ip", "link", "add", link, "netns", host.Name, "type", "veth", "peer", "name", $"{link}b", "netns", Client.Name).EnsureSuccess();
        Client.Ip("link", "set", $"{link}b", "master", bridge);
        Client.Ip("link", "set", $"{link}b", "up");
        host.Ip("addr", "add", $"{address}/24", "dev", link);
        host.Ip("link", "set", link, "up");
        host.Ip("route", "add", "default", "via", "192.168.88.1");
    }
}
