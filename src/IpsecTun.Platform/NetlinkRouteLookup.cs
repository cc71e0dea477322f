using System.Net;
using IpsecTun.Platform.Netlink;
using Tmds.Linux;

namespace IpsecTun.Platform;

/// <summary>
/// Linux: asks the kernel with RTM_GETROUTE which route it would use for a destination in the caller's
/// network namespace (policy rules and metrics included, as for a sent packet), e.g. to pin a peer's
/// address to its current path before a tunnel takes 0.0.0.0/0.
/// </summary>
public sealed class NetlinkRouteLookup : IRouteLookup
{
    private readonly NetlinkSocket _socket = new();

    public RoutePath? Lookup(IPAddress destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Span<byte> request = RouteMessages.Lookup(stackalloc byte[RouteMessages.MaxRequestSize], destination);
        int errno = _socket.Query(request, RouteMessages.NewRoute, out byte[] reply);
        if (IsUnreachable(errno))
        {
            return null;
        }

        if (errno != 0)
        {
            throw NativeErrors.FromErrno(errno, $"look up the route to {destination}");
        }

        if (!RouteReply.TryRead(reply, out RoutePath? path))
        {
            throw new InvalidDataException($"The kernel's route to {destination} is malformed.");
        }

        return path;
    }

    public void Dispose() => _socket.Dispose();

    // No route, and unreachable, prohibit and blackhole routes: ENETUNREACH/EHOSTUNREACH, EACCES, EINVAL.
    private static bool IsUnreachable(int errno) =>
        errno == LibC.ENETUNREACH || errno == LibC.EHOSTUNREACH || errno == LibC.EACCES || errno == LibC.EINVAL;
}
