using System.Net;

namespace IpsecTun.Platform;

/// <summary>
/// Configures an interface of this host: state, MTU, addresses and routes out of it, and the policy routing
/// rules that reach those routes. What is added through an instance is removed again by its Dispose.
/// </summary>
public interface INetworkConfigurator : IDisposable
{
    void SetLinkUp(int interfaceIndex, bool up);

    void SetMtu(int interfaceIndex, int mtu);

    void AddAddress(int interfaceIndex, IPAddress address, int prefixLength);

    void RemoveAddress(int interfaceIndex, IPAddress address, int prefixLength);

    /// <summary>Routes <paramref name="destination"/>/<paramref name="prefixLength"/> straight out of the interface.</summary>
    void AddRoute(int interfaceIndex, IPAddress destination, int prefixLength);

    void RemoveRoute(int interfaceIndex, IPAddress destination, int prefixLength);

    /// <summary>
    /// Adds <paramref name="route"/>: on-link or through a gateway, with a metric, IPv4 or IPv6. A /32 or /128
    /// through the current gateway (<see cref="RouteEntry.HostRoute"/>) keeps a peer on its real path when a
    /// tunnel takes a wider route. The system configurators implement it; this default, for configurators
    /// written before it (test doubles), takes on-link routes without a metric only.
    /// </summary>
    void AddRoute(RouteEntry route) => AddRoute(OnLinkOnly(route, this).InterfaceIndex, route.Destination, route.PrefixLength);

    /// <summary>Removes a route equal to one added with <see cref="AddRoute(RouteEntry)"/> (gateway and metric included).</summary>
    void RemoveRoute(RouteEntry route) => RemoveRoute(OnLinkOnly(route, this).InterfaceIndex, route.Destination, route.PrefixLength);

    /// <summary>
    /// Adds a policy routing rule (<see cref="PolicyRouting"/>). Linux has them; Windows and the configurators
    /// that keep to the main table (test doubles) do not, and this default says so.
    /// </summary>
    void AddRule(RoutingRule rule) => throw new NotSupportedException($"{GetType().Name} has no policy routing rules, so {rule} cannot be added.");

    /// <summary>Removes a rule added with <see cref="AddRule"/>.</summary>
    void RemoveRule(RoutingRule rule) => throw new NotSupportedException($"{GetType().Name} has no policy routing rules.");

    private static RouteEntry OnLinkOnly(RouteEntry route, INetworkConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (route.Gateway is not null || route.Metric != 0 || route.Table != 0 || route.PreferredSource is not null)
        {
            throw new NotSupportedException($"{configurator.GetType().Name} adds only on-link routes in the main table without a metric or source.");
        }

        return route;
    }
}
