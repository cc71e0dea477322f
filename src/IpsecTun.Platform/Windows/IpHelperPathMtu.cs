using System.Net;
using System.Runtime.Versioning;

namespace IpsecTun.Platform.Windows;

/// <summary>
/// Windows: the MTU of the path to a destination. GetBestRoute2 finds the interface and source address the
/// stack would use; the path cache (GetIpPathEntry) then has the MTU as ICMP last lowered it, and without a
/// cached path the interface's NlMtu (GetIpInterfaceEntry) is the path MTU as far as this host knows.
/// </summary>
[SupportedOSPlatform("windows")]
internal static unsafe class IpHelperPathMtu
{
    /// <summary>The MTU, or 0 when there is no route or the stack does not answer.</summary>
    public static int Get(IPAddress local, IPAddress remote)
    {
        SocketAddressInet destination = SocketAddressInet.From(remote);
        SocketAddressInet requestedSource = SocketAddressInet.From(local.AddressFamily == remote.AddressFamily ? local : Unspecified(remote));
        SocketAddressInet* source = requestedSource.IsUnspecified ? null : &requestedSource;
        IpForwardRow2 route;
        SocketAddressInet bestSource;
        if (IpHelperApi.GetBestRoute2(null, 0, source, &destination, 0, &route, &bestSource) != 0)
        {
            return 0;
        }

        var path = new IpPathRow
        {
            Source = bestSource,
            Destination = destination,
            InterfaceLuid = route.InterfaceLuid,
            InterfaceIndex = route.InterfaceIndex,
        };
        if (IpHelperApi.GetIpPathEntry(&path) == 0 && path.PathMtu > 0)
        {
            return (int)path.PathMtu;
        }

        IpInterfaceRow row;
        IpHelperApi.InitializeIpInterfaceEntry(&row);
        row.Family = destination.Family;
        row.InterfaceLuid = route.InterfaceLuid;
        return IpHelperApi.GetIpInterfaceEntry(&row) == 0 ? (int)row.NlMtu : 0;
    }

    private static IPAddress Unspecified(IPAddress remote) =>
        remote.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any;
}
