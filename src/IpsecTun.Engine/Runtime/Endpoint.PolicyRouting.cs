using IpsecTun.Core;
using IpsecTun.Esp;
using IpsecTun.Platform;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// Transport-mode destinations are peers' own addresses, which the main table must keep on their real path
/// for IKE, ESP and AH. They are routed into the adapter in the <see cref="PolicyRouting"/> table instead,
/// which packets this host sends consult first and the endpoint's own marked sockets skip (the rules of
/// <see cref="PolicyRouting"/>, per address family). The route's source is the policy's own address, so the
/// kernel sends from the address the transport-mode SA protects.
/// </summary>
public sealed partial class Endpoint
{
    private readonly List<RouteEntry> _peerRoutes = [];
    private readonly List<RoutingRule> _rules = [];
    private readonly HashSet<SecurityPolicy> _unroutedTransport = [];

    private void UpdatePeerRoutes()
    {
        List<RouteEntry> wanted = WantedPeerRoutes();
        List<RoutingRule> rules = [.. wanted.Select(r => r.Destination.AddressFamily).Distinct().SelectMany(PolicyRouting.RulesFor)];
        foreach (RoutingRule rule in Enumerable.Reverse(_rules.Except(rules).ToList()))
        {
            _environment.Configurator.RemoveRule(rule);
            _rules.Remove(rule);
        }

        foreach (RouteEntry route in _peerRoutes.Except(wanted).ToList())
        {
            _environment.Configurator.RemoveRoute(route);
            _peerRoutes.Remove(route);
        }

        foreach (RouteEntry route in wanted.Except(_peerRoutes).ToList())
        {
            _environment.Configurator.AddRoute(route);
            _peerRoutes.Add(route);
            EndpointLog.PeerRoute(_log, route.Destination, route.PrefixLength, _environment.Tun.Name, route.Table);
        }

        foreach (RoutingRule rule in rules.Except(_rules).ToList())
        {
            _environment.Configurator.AddRule(rule);
            _rules.Add(rule);
        }
    }

    /// <summary>
    /// A route in the policy routing table for the destination of each configured transport-mode encrypt
    /// policy, from the policy's source when that is one address; none where the network's sockets carry no
    /// mark, which is said once per policy.
    /// </summary>
    private List<RouteEntry> WantedPeerRoutes()
    {
        var routes = new List<RouteEntry>();
        foreach (SecurityPolicy policy in Plan.Policies.Where(p => p.MatchesTraffic && p.Action == PolicyAction.Encrypt && !p.Tunnel))
        {
            if (_environment.Network.OwnTrafficMark == 0)
            {
                if (_unroutedTransport.Add(policy))
                {
                    EndpointLog.Problem(_log, policy.Peer ?? "policy", $"transport-mode policy {policy.Selector} is not routed into {_environment.Tun.Name}: that needs policy routing (Linux), which this system lacks");
                }

                continue;
            }

            IpPrefix destination = policy.Selector.Destination;
            IpPrefix source = policy.Selector.Source;
            var route = new RouteEntry(IpAddressBits.ToIPAddress(destination.Version, destination.Address), destination.Length, _environment.Tun.InterfaceIndex)
            {
                Table = PolicyRouting.Table,
                PreferredSource = source.Length == IpAddressBits.BitLength(source.Version) && source.Version == destination.Version ? IpAddressBits.ToIPAddress(source.Version, source.Address) : null,
            };
            if (!routes.Contains(route))
            {
                routes.Add(route);
            }
        }

        return routes;
    }

    private void RemovePeerRoutes()
    {
        foreach (RoutingRule rule in Enumerable.Reverse(_rules))
        {
            TryUndo("stop", () => _environment.Configurator.RemoveRule(rule));
        }

        foreach (RouteEntry route in _peerRoutes)
        {
            TryUndo("stop", () => _environment.Configurator.RemoveRoute(route));
        }

        _rules.Clear();
        _peerRoutes.Clear();
    }
}
