using System.Net;
using System.Runtime.Versioning;
using IpsecTun.Platform.Native;
using static Tmds.Linux.LibC;

namespace IpsecTun.Platform;

/// <summary>
/// A non-blocking UDP socket of one address family, bound at <see cref="Open"/>, moving up to
/// <see cref="MaxBatch"/> datagrams per system call.
/// </summary>
public sealed class UdpSocket : DatagramSocket
{
    public const int MaxBatch = BatchedSocket.MaxBatch;

    private UdpSocket(BatchedSocket socket)
        : base(socket)
    {
    }

    /// <summary>
    /// Binds to <paramref name="local"/>; port 0 lets the system choose, shown in <see cref="DatagramSocket.LocalEndpoint"/>.
    /// An IPv6 socket is V6ONLY: one socket per family, never IPv4 peers as mapped addresses.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static UdpSocket Open(IPEndPoint local)
    {
        var endpoint = NetworkEndpoint.From(local);
        Action<int>? configure = endpoint.Version == 6
            ? fd => BatchedSocket.SetOption(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1, "IPV6_V6ONLY")
            : null;
        return new(BatchedSocket.Open(endpoint, SOCK_DGRAM, IPPROTO_UDP, configure));
    }
}
