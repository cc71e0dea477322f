using System.Net;

namespace IpsecTun.Platform.Windows;

/// <summary>
/// Fills IP Helper rows from the platform-neutral types and reads them back. The rows start from their
/// Initialize… defaults on Windows; these functions set only the fields that carry the request.
/// </summary>
internal static class IpHelperRows
{
    /// <summary>The key and values of an address: the address, its interface, its on-link prefix, no DAD.</summary>
    public static void Fill(ref UnicastIpAddressRow row, InterfaceAddress address, NetLuid luid)
    {
        row.Address = SocketAddressInet.From(address.Address);
        row.InterfaceLuid = luid;
        row.InterfaceIndex = (uint)address.InterfaceIndex;
        row.OnLinkPrefixLength = (byte)address.PrefixLength;
        row.DadState = UnicastIpAddressRow.DadStatePreferred;
    }

    /// <summary>
    /// The key of a route (interface, destination prefix, next hop: the gateway or the unspecified address
    /// for on-link) and its metric, as a static route.
    /// </summary>
    public static void Fill(ref IpForwardRow2 row, RouteEntry route, NetLuid luid)
    {
        row.InterfaceLuid = luid;
        row.InterfaceIndex = (uint)route.InterfaceIndex;
        row.DestinationPrefix = IpAddressPrefix.From(route.Destination, route.PrefixLength);
        row.NextHop = route.Gateway is null
            ? SocketAddressInet.Unspecified(route.Destination.AddressFamily)
            : SocketAddressInet.From(route.Gateway);
        row.Metric = (uint)route.Metric;
        row.Protocol = IpForwardRow2.ProtocolNetManagement;
    }

    /// <summary>The path GetBestRoute2 chose: its interface, its next hop unless on-link, and the source it picked.</summary>
    public static RoutePath ToRoutePath(in IpForwardRow2 bestRoute, in SocketAddressInet bestSource)
    {
        IPAddress? gateway = bestRoute.NextHop.IsUnspecified ? null : bestRoute.NextHop.ToIPAddress();
        IPAddress? source = bestSource.IsUnspecified ? null : bestSource.ToIPAddress();
        return new RoutePath((int)bestRoute.InterfaceIndex, gateway, source);
    }
}
