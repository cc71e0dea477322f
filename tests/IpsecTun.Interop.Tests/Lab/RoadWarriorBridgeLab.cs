using System.Globalization;
using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// A gateway namespace holding a bridge (10.98.0.1/16) and an inside address 10.1.0.1 on its loopback (the
/// office network 10.1.0.0/24), and one namespace per road-warrior client, each joined to the bridge by its own
/// veth pair with the address 10.98.0.(n + 10).
/// </summary>
internal sealed class RoadWarriorBridgeLab : IDisposable
{
    public static readonly IPAddress GatewayOuter = IPAddress.Parse("10.98.0.1");
    public static readonly IPAddress GatewayInside = IPAddress.Parse("10.1.0.1");

    private readonly List<NetworkNamespace> _clients = [];

    public RoadWarriorBridgeLab(int clients)
    {
        Gateway = new NetworkNamespace("gw");
        try
        {
            Gateway.Ip("link", "add", "br0", "type", "bridge");
            Gateway.Ip("addr", "add", $"{GatewayOuter}/16", "dev", "br0");
            Gateway.Ip("link", "set", "br0", "up");
            Gateway.Ip("addr", "add", $"{GatewayInside}/32", "dev", "lo");
            for (int n = 0; n < clients; n++)
            {
                var client = new NetworkNamespace("rw" + n.ToString(CultureInfo.InvariantCulture));
                _clients.Add(client);
                string port = "p" + n.ToString(CultureInfo.InvariantCulture);
                Command.Run("ip", "link", "add", "eth0", "netns", client.Name, "type", "veth", "peer", "name", port, "netns", Gateway.Name).EnsureSuccess();
                Gateway.Ip("link", "set", port, "master", "br0");
                Gateway.Ip("link", "set", port, "up");
                client.Ip("addr", "add", $"{ClientOuter(n)}/16", "dev", "eth0");
                client.Ip("link", "set", "eth0", "up");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public NetworkNamespace Gateway { get; }

    public IReadOnlyList<NetworkNamespace> Clients => _clients;

    public static IPAddress ClientOuter(int n) => IPAddress.Parse($"10.98.0.{n + 10}");

    public void Dispose()
    {
        _clients.ForEach(c => c.Dispose());
        Gateway.Dispose();
    }
}
