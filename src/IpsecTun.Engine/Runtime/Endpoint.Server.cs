using System.Net;
using System.Net.Sockets;
using IpsecTun.Core;
using IpsecTun.Engine.Server;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// Server mode: responders look their settings up through <see cref="ServerResponders"/> (mode-config leases,
/// generated policies); a client's virtual addresses get a route into the adapter while an IKE SA holds them;
/// an address goes back to its pool when the last IKE SA holding it is gone (delete, DPD, replacement); and a
/// client that connects again under an identity whose address another IKE SA still holds replaces that SA.
/// </summary>
public sealed partial class Endpoint
{
    private readonly Dictionary<IpPrefix, IkeSaEntry> _virtualRoutes = [];
    private ModeConfigServer _modeConfig = null!;
    private ServerResponders _responders = null!;

    /// <summary>The mode-config leases clients hold now.</summary>
    public IReadOnlyCollection<AddressLease> Leases => Invoke(() => _modeConfig.Leases.ToList());

    private void StartServer()
    {
        _modeConfig = new ModeConfigServer(Time, ModeConfigServer.DefaultRememberFor);
        _responders = new ServerResponders(() => Plan, _modeConfig, line => EndpointLog.Problem(_log, "server", line))
        {
            ResolvedAddressOf = name => _peers.GetValueOrDefault(name)?.ResolvedAddress,
        };
        ChildSas.GeneratedFrom = _responders.TakeGenerated;
    }

    /// <summary>A responder SA that assigned addresses: routes to them, and the older SA of the same client replaced.</summary>
    private void ServeEstablished(IkeSaEntry entry)
    {
        if (entry.Sa.IsInitiator || entry.Sa.ModeConfig is not { Addresses.Count: > 0 } assigned)
        {
            return;
        }

        foreach (IkeSaEntry older in _ikeSas.Values
            .Where(e => e != entry && !e.Sa.IsInitiator && !e.IsOver && e.Sa.ModeConfig is { } other && other.Addresses.Intersect(assigned.Addresses).Any())
            .ToList())
        {
            string replaced = $"{entry.Sa.PeerIdentity?.Describe()} connected again from {entry.Sa.Remote}: replacing its IKE SA from {older.Sa.Remote}";
            EndpointLog.Info(_log, entry.Peer?.Name ?? "server", replaced);
            older.DeletedLocally = true;
            Execute(older, older.Sa.Delete());
        }

        foreach (IPAddress address in assigned.Addresses)
        {
            IpPrefix route = VirtualRoute(address, assigned);
            if (_virtualRoutes.TryAdd(route, entry))
            {
                AddAdapterRoute(route);
                EndpointLog.Route(_log, route, _environment.Tun.Name);
            }
            else
            {
                _virtualRoutes[route] = entry;
            }
        }
    }

    /// <summary>After <paramref name="gone"/> left the table: its addresses that no other IKE SA holds lose their route and lease.</summary>
    private void ReleaseClient(IkeSaEntry gone)
    {
        if (gone.Sa.IsInitiator || gone.Sa.ModeConfig is not { } assigned)
        {
            return;
        }

        foreach (IPAddress address in assigned.Addresses)
        {
            if (_ikeSas.Values.Any(e => !e.IsOver && e.Sa.ModeConfig is { } other && other.Addresses.Contains(address)))
            {
                continue;
            }

            _modeConfig.Release(address);
            IpPrefix route = VirtualRoute(address, assigned);
            if (_virtualRoutes.Remove(route))
            {
                TryUndo("routes", () => RemoveAdapterRoute(route));
            }
        }
    }

    private void RemoveVirtualRoutes()
    {
        foreach (IpPrefix route in _virtualRoutes.Keys)
        {
            TryUndo("routes", () => RemoveAdapterRoute(route));
        }

        _virtualRoutes.Clear();
    }

    private static IpPrefix VirtualRoute(IPAddress address, ModeConfigResult assigned) =>
        address.AddressFamily == AddressFamily.InterNetworkV6
            ? IpPrefix.FromNetwork(new IPNetwork(address, assigned.Ip6PrefixLength))
            : IpPrefix.FromAddress(address);
}
