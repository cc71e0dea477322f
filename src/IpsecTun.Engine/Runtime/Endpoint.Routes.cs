using System.Net;
using IpsecTun.Core;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// The adapter: link up, MTU, and a route into it for the destination of every encrypt policy and mode-config
/// network; transport-mode destinations, which are peers' own addresses, through policy routing
/// (<see cref="Endpoint"/>.PolicyRouting).
/// </summary>
public sealed partial class Endpoint
{
    private readonly List<IpPrefix> _routes = [];

    private void ConfigureAdapter()
    {
        int index = _environment.Tun.InterfaceIndex;
        _environment.Configurator.SetMtu(index, Mtu);
        _environment.Configurator.SetLinkUp(index, true);
        UpdateRoutes();
    }

    /// <summary>
    /// Brings the routes in line with the current policies and peer addresses: adds the missing ones, then
    /// removes those no longer needed, so traffic of a policy whose routes are split anew (a peer's address
    /// changed) always has a route into the adapter.
    /// </summary>
    private void UpdateRoutes()
    {
        List<IpPrefix> wanted = WantedRoutes();
        List<IpPrefix> unwanted = [.. _routes.Except(wanted)];
        foreach (IpPrefix route in wanted.Except(_routes).ToList())
        {
            AddAdapterRoute(route);
            _routes.Add(route);
            EndpointLog.Route(_log, route, _environment.Tun.Name);
        }

        foreach (IpPrefix route in unwanted)
        {
            RemoveAdapterRoute(route);
            _routes.Remove(route);
        }

        UpdatePeerRoutes();
    }

    /// <summary>
    /// The destinations of the configured tunnel-mode encrypt policies, minus the peers' own addresses (a
    /// DNS-named peer's as its name last resolved), which keep the routes they had (the manual's rule that IKE
    /// traffic never enters the tunnel).
    /// </summary>
    private List<IpPrefix> WantedRoutes()
    {
        var peers = new List<IpPrefix>();
        foreach (Plan.PeerPlan peer in Plan.Peers)
        {
            if (peer.Address is { IsSingleHost: true, Prefix: { } prefix })
            {
                peers.Add(IpPrefix.FromAddress(prefix.BaseAddress));
            }
        }

        foreach (PeerRuntime peer in _peers.Values)
        {
            if (peer.ResolvedAddress is { } resolved)
            {
                peers.Add(IpPrefix.FromAddress(resolved));
            }
        }

        var routes = new List<IpPrefix>();
        foreach (SecurityPolicy policy in Plan.Policies.Where(p => p.MatchesTraffic && p.Action == PolicyAction.Encrypt && p.Tunnel))
        {
            foreach (IpPrefix route in RouteExclusion.Exclude(policy.Selector.Destination, peers))
            {
                if (!routes.Contains(route))
                {
                    routes.Add(route);
                }
            }
        }

        foreach (IpPrefix route in ModeConfigRoutes(peers))
        {
            if (!routes.Contains(route))
            {
                routes.Add(route);
            }
        }

        return routes;
    }

    private void RemoveRoutes()
    {
        foreach (IpPrefix route in _routes)
        {
            TryUndo("stop", () => RemoveAdapterRoute(route));
        }

        _routes.Clear();
        RemovePeerRoutes();
    }

    private void AddAdapterRoute(IpPrefix route) =>
        _environment.Configurator.AddRoute(_environment.Tun.InterfaceIndex, IpAddressBits.ToIPAddress(route.Version, route.Address), route.Length);

    private void RemoveAdapterRoute(IpPrefix route) =>
        _environment.Configurator.RemoveRoute(_environment.Tun.InterfaceIndex, IpAddressBits.ToIPAddress(route.Version, route.Address), route.Length);

    /// <summary>Removes a route or rule of the adapter's; a failure is reported as a fault of <paramref name="loop"/>, not thrown.</summary>
    private void TryUndo(string loop, Action undo)
    {
        try
        {
            undo();
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            // The adapter may be gone already, and its routes with it.
            Fault(loop, e);
        }
    }
}
