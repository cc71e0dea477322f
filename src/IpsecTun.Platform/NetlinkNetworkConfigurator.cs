using System.Net;
using IpsecTun.Platform.Netlink;
using Tmds.Linux;

namespace IpsecTun.Platform;

/// <summary>
/// Linux: configures interfaces of the caller's network namespace over rtnetlink from this process.
/// It remembers each address and route it added and removes them on Dispose, newest first; entries that
/// are already gone (their device was removed) are not an error then. Link state and MTU are not reverted:
/// they belong to devices this process owns, which disappear with it.
/// </summary>
public sealed class NetlinkNetworkConfigurator : INetworkConfigurator
{
    private readonly NetlinkSocket _socket = new();
    private readonly List<ConfiguredEntry> _added = [];
    private readonly Lock _lock = new();

    public void SetLinkUp(int interfaceIndex, bool up) =>
        Run(LinkMessages.State(stackalloc byte[RouteMessages.MaxRequestSize], interfaceIndex, up), "set link state");

    public void SetMtu(int interfaceIndex, int mtu)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mtu, 68);
        Run(LinkMessages.Mtu(stackalloc byte[RouteMessages.MaxRequestSize], interfaceIndex, mtu), "set MTU");
    }

    public void AddAddress(int interfaceIndex, IPAddress address, int prefixLength)
    {
        IpPrefix.Validate(address, prefixLength);
        Add(new ConfiguredEntry(new InterfaceAddress(interfaceIndex, address, prefixLength), null), "add address");
    }

    public void RemoveAddress(int interfaceIndex, IPAddress address, int prefixLength)
    {
        IpPrefix.Validate(address, prefixLength);
        Remove(new ConfiguredEntry(new InterfaceAddress(interfaceIndex, address, prefixLength), null), "remove address");
    }

    public void AddRoute(int interfaceIndex, IPAddress destination, int prefixLength) =>
        AddRoute(new RouteEntry(destination, prefixLength, interfaceIndex));

    public void RemoveRoute(int interfaceIndex, IPAddress destination, int prefixLength) =>
        RemoveRoute(new RouteEntry(destination, prefixLength, interfaceIndex));

    public void AddRoute(RouteEntry route)
    {
        ArgumentNullException.ThrowIfNull(route);
        route.Validate();
        Add(new ConfiguredEntry(null, route), "add route");
    }

    public void RemoveRoute(RouteEntry route)
    {
        ArgumentNullException.ThrowIfNull(route);
        route.Validate();
        Remove(new ConfiguredEntry(null, route), "remove route");
    }

    public void Dispose()
    {
        lock (_lock)
        {
            Exception? first = null;
            for (int i = _added.Count - 1; i >= 0; i--)
            {
                int errno = _socket.Execute(Request(_added[i], add: false));
                if (errno != 0 && !IsAlreadyGone(errno))
                {
                    first ??= NativeErrors.FromErrno(errno, $"undo {_added[i]}");
                }
            }

            _added.Clear();
            _socket.Dispose();
            if (first is not null)
            {
                throw first;
            }
        }
    }

    /// <summary>The errors a removal meets when its device, address or route no longer exists.</summary>
    internal static bool IsAlreadyGone(int errno) =>
        errno == LibC.ENODEV || errno == LibC.EADDRNOTAVAIL || errno == LibC.ESRCH || errno == LibC.ENOENT;

    /// <summary>RTM_NEWADDR/RTM_DELADDR or RTM_NEWROUTE/RTM_DELROUTE for an entry.</summary>
    internal static Span<byte> Request(ConfiguredEntry entry, bool add)
    {
        var buffer = new byte[RouteMessages.MaxRequestSize];
        if (entry.Route is { } route)
        {
            return RouteMessages.Route(buffer, add ? RouteMessages.NewRoute : RouteMessages.DeleteRoute, route);
        }

        InterfaceAddress address = entry.Address!;
        return RouteMessages.Address(buffer, add ? RouteMessages.NewAddress : RouteMessages.DeleteAddress, address.InterfaceIndex, address.Address, address.PrefixLength);
    }

    private void Add(ConfiguredEntry entry, string operation)
    {
        lock (_lock)
        {
            Run(Request(entry, add: true), operation);
            _added.Add(entry);
        }
    }

    private void Remove(ConfiguredEntry entry, string operation)
    {
        lock (_lock)
        {
            Run(Request(entry, add: false), operation);
            _added.Remove(entry);
        }
    }

    private void Run(Span<byte> request, string operation)
    {
        int errno = _socket.Execute(request);
        if (errno != 0)
        {
            throw NativeErrors.FromErrno(errno, operation);
        }
    }
}
