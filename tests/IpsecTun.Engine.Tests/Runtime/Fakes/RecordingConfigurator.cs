using System.Collections.Concurrent;
using System.Net;
using IpsecTun.Platform;

namespace IpsecTun.Engine.Tests.Runtime.Fakes;

/// <summary>
/// Records what the endpoint configured on its adapter: link state, MTU, the addresses and main-table routes
/// currently in place, and the policy routing table's routes and rules.
/// </summary>
internal sealed class RecordingConfigurator : INetworkConfigurator
{
    public bool LinkUp { get; private set; }

    public int Mtu { get; private set; }

    public ConcurrentDictionary<string, int> Routes { get; } = new();

    public void SetLinkUp(int interfaceIndex, bool up) => LinkUp = up;

    public void SetMtu(int interfaceIndex, int mtu) => Mtu = mtu;

    public ConcurrentDictionary<string, int> Addresses { get; } = new();

    public void AddAddress(int interfaceIndex, IPAddress address, int prefixLength) => Addresses[$"{address}/{prefixLength}"] = interfaceIndex;

    public void RemoveAddress(int interfaceIndex, IPAddress address, int prefixLength) => Addresses.TryRemove($"{address}/{prefixLength}", out _);

    public void AddRoute(int interfaceIndex, IPAddress destination, int prefixLength) => Routes[$"{destination}/{prefixLength}"] = interfaceIndex;

    public void RemoveRoute(int interfaceIndex, IPAddress destination, int prefixLength) => Routes.TryRemove($"{destination}/{prefixLength}", out _);

    public ConcurrentDictionary<RouteEntry, int> PolicyRoutes { get; } = new();

    public ConcurrentDictionary<RoutingRule, int> Rules { get; } = new();

    public void AddRoute(RouteEntry route)
    {
        if (route.Table == 0)
        {
            AddRoute(route.InterfaceIndex, route.Destination, route.PrefixLength);
            return;
        }

        PolicyRoutes[route] = route.InterfaceIndex;
    }

    public void RemoveRoute(RouteEntry route)
    {
        if (route.Table == 0)
        {
            RemoveRoute(route.InterfaceIndex, route.Destination, route.PrefixLength);
            return;
        }

        PolicyRoutes.TryRemove(route, out _);
    }

    public void AddRule(RoutingRule rule) => Rules[rule] = rule.Priority;

    public void RemoveRule(RoutingRule rule) => Rules.TryRemove(rule, out _);

    public void Dispose()
    {
    }
}
