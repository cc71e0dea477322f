using IpsecTun.Platform.Netlink;
using IpsecTun.Platform.State;
using Tmds.Linux;

namespace IpsecTun.Platform;

/// <summary>
/// Linux: configures interfaces of the caller's network namespace over rtnetlink from this process.
/// It remembers each address, route and rule it added and removes them on Dispose, newest first; entries that
/// are already gone (their device was removed) are not an error then. Link state and MTU are not reverted:
/// they belong to devices this process owns, which disappear with it.
/// </summary>
public sealed class NetlinkNetworkConfigurator : UndoingNetworkConfigurator
{
    private readonly NetlinkSocket _socket = new();

    public override void SetLinkUp(int interfaceIndex, bool up) =>
        ThrowIfFailed(_socket.Execute(LinkMessages.State(stackalloc byte[RouteMessages.MaxRequestSize], interfaceIndex, up)), "set link state");

    public override void SetMtu(int interfaceIndex, int mtu)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mtu, 68);
        ThrowIfFailed(_socket.Execute(LinkMessages.Mtu(stackalloc byte[RouteMessages.MaxRequestSize], interfaceIndex, mtu)), "set MTU");
    }

    /// <summary>The errors a removal meets when its device, address or route no longer exists.</summary>
    internal static bool IsGone(int errno) =>
        errno == LibC.ENODEV || errno == LibC.EADDRNOTAVAIL || errno == LibC.ESRCH || errno == LibC.ENOENT;

    /// <summary>RTM_NEWADDR/RTM_DELADDR, RTM_NEWROUTE/RTM_DELROUTE or RTM_NEWRULE/RTM_DELRULE for an entry.</summary>
    internal static Span<byte> Request(ConfiguredEntry entry, bool add)
    {
        var buffer = new byte[RouteMessages.MaxRequestSize];
        if (entry.Rule is { } rule)
        {
            return RouteMessages.Rule(buffer, add ? RouteMessages.NewRule : RouteMessages.DeleteRule, rule);
        }

        if (entry.Route is { } route)
        {
            return RouteMessages.Route(buffer, add ? RouteMessages.NewRoute : RouteMessages.DeleteRoute, route);
        }

        InterfaceAddress address = entry.Address!;
        return RouteMessages.Address(buffer, add ? RouteMessages.NewAddress : RouteMessages.DeleteAddress, address.InterfaceIndex, address.Address, address.PrefixLength);
    }

    internal override int Apply(ConfiguredEntry entry, bool add) => _socket.Execute(Request(entry, add));

    internal override bool IsAlreadyGone(int error) => IsGone(error);

    internal override Exception ErrorFor(int error, string operation) => NativeErrors.FromErrno(error, operation);

    internal override int RemoveDevice(DeviceRecord device)
    {
        int errno = _socket.Query(LinkMessages.Lookup(new byte[RouteMessages.MaxRequestSize], device.Name), LinkMessages.NewLink, out byte[] reply);
        if (errno != 0)
        {
            return errno;
        }

        return LinkMessages.TryReadIndex(reply, out int index) && index == device.InterfaceIndex
            ? _socket.Execute(LinkMessages.Delete(new byte[RouteMessages.MaxRequestSize], index))
            : LibC.ENODEV;
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        finally
        {
            if (disposing)
            {
                _socket.Dispose();
            }
        }
    }
}
