using System.Globalization;

namespace IpsecTun.Cli.Demo;

/// <summary>
/// The demo's two hosts: network namespaces "gateway" and "client" joined by a veth pair
/// (192.0.2.1 and 192.0.2.2), each with an address on its loopback standing for the network behind it
/// (the office LAN 10.10.1.1, the client's own 10.10.2.1). Dispose removes both namespaces and every
/// process left in them.
/// </summary>
internal sealed class DemoNetwork : IDisposable
{
    public const string GatewayOuter = "192.0.2.1";
    public const string ClientOuter = "192.0.2.2";
    public const string GatewayInside = "10.10.1.1";
    public const string ClientInside = "10.10.2.1";

    private readonly List<string> _created = [];

    public DemoNetwork()
    {
        string id = (Environment.ProcessId % 100000).ToString(CultureInfo.InvariantCulture);
        Gateway = $"ipsectun-demo-gw-{id}";
        Client = $"ipsectun-demo-client-{id}";
        try
        {
            Add(Gateway);
            Add(Client);
            DemoProcess.RunQuietly("ip", "link", "add", $"idg{id}", "netns", Gateway, "type", "veth", "peer", "name", $"idc{id}", "netns", Client);
            Configure(Gateway, GatewayOuter, GatewayInside, $"idg{id}");
            Configure(Client, ClientOuter, ClientInside, $"idc{id}");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Gateway { get; }

    public string Client { get; }

    /// <summary>The command line that runs <paramref name="command"/> inside namespace <paramref name="netns"/>.</summary>
    public static string[] In(string netns, params string[] command) => ["ip", "netns", "exec", netns, .. command];

    public void Dispose()
    {
        foreach (string netns in _created)
        {
            foreach (string pid in Pids(netns))
            {
                DemoProcess.RunQuietlyOrIgnore("kill", "-9", pid);
            }

            DemoProcess.RunQuietlyOrIgnore("ip", "netns", "del", netns);
        }

        _created.Clear();
    }

    private void Add(string netns)
    {
        DemoProcess.RunQuietly("ip", "netns", "add", netns);
        _created.Add(netns);
        DemoProcess.RunQuietly("ip", "-n", netns, "link", "set", "lo", "up");
    }

    private static void Configure(string netns, string outer, string inside, string link)
    {
        DemoProcess.RunQuietly("ip", "-n", netns, "addr", "add", $"{outer}/24", "dev", link);
        DemoProcess.RunQuietly("ip", "-n", netns, "link", "set", link, "up");
        DemoProcess.RunQuietly("ip", "-n", netns, "addr", "add", $"{inside}/32", "dev", "lo");
    }

    private static string[] Pids(string netns) =>
        DemoProcess.Capture("ip", "netns", "pids", netns).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
