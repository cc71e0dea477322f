using System.Net;
using System.Runtime.Versioning;
using IpsecTun.Platform.Native;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace IpsecTun.Platform;

/// <summary>
/// A non-blocking UDP socket of one address family, bound at <see cref="Open(IPEndPoint)"/>, moving up to
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
    public static UdpSocket Open(IPEndPoint local) => Open(local, UdpSocketOptions.Default);

    /// <summary>
    /// Binds to <paramref name="local"/> (a peer's local-address, or the family's any address) after applying
    /// <paramref name="options"/>.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static UdpSocket Open(IPEndPoint local, UdpSocketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.ReceiveBufferSize);
        ArgumentOutOfRangeException.ThrowIfNegative(options.SendBufferSize);
        var endpoint = NetworkEndpoint.From(local);
        bool v6 = endpoint.Version == 6;
        return new(BatchedSocket.Open(endpoint, SOCK_DGRAM, IPPROTO_UDP, fd => Configure(fd, v6, options)));
    }

    /// <summary>SO_RCVBUF as the system reports it (Linux doubles the size asked for, for its bookkeeping).</summary>
    public int ReceiveBufferSize => Socket.GetOption(SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF");

    /// <summary>SO_SNDBUF as the system reports it (doubled, as <see cref="ReceiveBufferSize"/>).</summary>
    public int SendBufferSize => Socket.GetOption(SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF");

    internal int GetOption(int level, int name) => Socket.GetOption(level, name, $"option {level}/{name}");

    private static void Configure(int fd, bool v6, UdpSocketOptions options)
    {
        if (v6)
        {
            BatchedSocket.SetOption(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1, "IPV6_V6ONLY");
        }

        if (options.ReceiveBufferSize > 0)
        {
            SetBufferSize(fd, SO_RCVBUFFORCE, SO_RCVBUF, options.ReceiveBufferSize, "SO_RCVBUF");
        }

        if (options.SendBufferSize > 0)
        {
            SetBufferSize(fd, SO_SNDBUFFORCE, SO_SNDBUF, options.SendBufferSize, "SO_SNDBUF");
        }

        if (options.SharesPort)
        {
            BatchedSocket.SetOption(fd, SOL_SOCKET, SO_REUSEPORT, 1, "SO_REUSEPORT");
        }

        if (options.Mark != 0)
        {
            BatchedSocket.SetOption(fd, SOL_SOCKET, SO_MARK, unchecked((int)options.Mark), "SO_MARK");
        }

        if (options.Fragmentation != OuterFragmentation.SystemDefault)
        {
            int mode = options.Fragmentation == OuterFragmentation.DontFragment ? IP_PMTUDISC_DO : IP_PMTUDISC_DONT;
            if (v6)
            {
                BatchedSocket.SetOption(fd, IPPROTO_IPV6, IPV6_MTU_DISCOVER, mode, "IPV6_MTU_DISCOVER");
            }
            else
            {
                BatchedSocket.SetOption(fd, IPPROTO_IP, IP_MTU_DISCOVER, mode, "IP_MTU_DISCOVER");
            }
        }
    }

    /// <summary>The FORCE variant passes net.core.[rw]mem_max but needs CAP_NET_ADMIN; without it the plain option applies, capped.</summary>
    private static unsafe void SetBufferSize(int fd, int forceName, int name, int size, string what)
    {
        if (setsockopt(fd, SOL_SOCKET, forceName, &size, sizeof(int)) == 0)
        {
            return;
        }

        if (errno != EPERM)
        {
            throw NativeErrors.Last($"setsockopt {what}FORCE");
        }

        BatchedSocket.SetOption(fd, SOL_SOCKET, name, size, what);
    }
}
