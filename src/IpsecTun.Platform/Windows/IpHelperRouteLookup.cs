using System.Net;
using System.Runtime.Versioning;

namespace IpsecTun.Platform.Windows;

/// <summary>Windows: the path GetBestRoute2 chooses for a destination, with the source address it would use.</summary>
[SupportedOSPlatform("windows")]
public sealed unsafe class IpHelperRouteLookup : IRouteLookup
{
    public RoutePath? Lookup(IPAddress destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        SocketAddressInet target = SocketAddressInet.From(destination);
        IpForwardRow2 best;
        SocketAddressInet source;
        int error = IpHelperApi.GetBestRoute2(null, 0, null, &target, 0, &best, &source);
        if (error is IpHelperApi.ErrorNotFound or IpHelperApi.ErrorNetworkUnreachable or IpHelperApi.ErrorHostUnreachable)
        {
            return null;
        }

        IpHelperApi.ThrowIfFailed(error, $"look up the route to {destination}");
        return IpHelperRows.ToRoutePath(best, source);
    }

    public void Dispose()
    {
    }
}
