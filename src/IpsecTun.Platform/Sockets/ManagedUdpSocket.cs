using System.Net;
using System.Net.Sockets;

namespace IpsecTun.Platform.Sockets;

/// <summary>
/// A UDP socket of one address family over <see cref="System.Net.Sockets.Socket"/>: the Windows datagram
/// path, with the options <see cref="UdpSocket"/> sets on Linux in their portable or Windows form.
/// </summary>
public sealed class ManagedUdpSocket : ManagedDatagramSocket
{
    // mstcpip.h: _WSAIOW(IOC_VENDOR, 12) and _WSAIOW(IOC_VENDOR, 15).
    private const int SioUdpConnectionReset = unchecked((int)0x9800000C);
    private const int SioUdpNetworkReset = unchecked((int)0x9800000F);

    // .NET sets DF only for IPv4 (IP_DONTFRAGMENT, IP_MTU_DISCOVER); IPv6 takes the raw option.
    private const int LevelIpv6 = 41;
    private const int WindowsIpv6DontFragment = 14;
    private const int LinuxIpv6MtuDiscover = 23;
    private const int LinuxPmtuDiscoveryDont = 0;
    private const int LinuxPmtuDiscoveryDo = 2;
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    private ManagedUdpSocket(Socket socket)
        : base(socket, hasPorts: true)
    {
    }

    /// <summary>SO_RCVBUF as the system reports it (Linux doubles the size asked for; Windows keeps it).</summary>
    public int ReceiveBufferSize => Socket.ReceiveBufferSize;

    /// <summary>SO_SNDBUF as the system reports it.</summary>
    public int SendBufferSize => Socket.SendBufferSize;

    /// <summary>
    /// Binds to <paramref name="local"/> (a peer's local-address, or the family's any address; port 0 lets
    /// the system choose) after applying <paramref name="options"/>. An IPv6 socket is V6ONLY. Buffer sizes
    /// are plain SO_RCVBUF/SO_SNDBUF (no FORCE variant exists off Linux); <see cref="OuterFragmentation"/>
    /// becomes IP_DONTFRAGMENT/IPV6_DONTFRAG on Windows and IP_MTU_DISCOVER/IPV6_MTU_DISCOVER on Linux, as
    /// <see cref="UdpSocket"/> sets them.
    /// </summary>
    public static ManagedUdpSocket Open(IPEndPoint local, UdpSocketOptions options)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.ReceiveBufferSize);
        ArgumentOutOfRangeException.ThrowIfNegative(options.SendBufferSize);
        return new ManagedUdpSocket(OpenBound(local, () => new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp), s => Configure(s, options), "UDP socket"));
    }

    private static void Configure(Socket socket, UdpSocketOptions options)
    {
        SocketMark.Apply(socket, options.Mark);
        if (options.SharesPort)
        {
            SharePort(socket);
        }

        if (socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = false;
        }

        if (OperatingSystem.IsWindows())
        {
            // Otherwise an ICMP port or TTL error for an earlier send fails the next receive (WSAECONNRESET).
            socket.IOControl(SioUdpConnectionReset, [0, 0, 0, 0], null);
            socket.IOControl(SioUdpNetworkReset, [0, 0, 0, 0], null);
        }

        if (options.ReceiveBufferSize > 0)
        {
            socket.ReceiveBufferSize = options.ReceiveBufferSize;
        }

        if (options.SendBufferSize > 0)
        {
            socket.SendBufferSize = options.SendBufferSize;
        }

        if (options.Fragmentation == OuterFragmentation.SystemDefault)
        {
            return;
        }

        bool dontFragment = options.Fragmentation == OuterFragmentation.DontFragment;
        if (socket.AddressFamily == AddressFamily.InterNetwork)
        {
            socket.DontFragment = dontFragment;
        }
        else if (OperatingSystem.IsWindows())
        {
            SetOption(socket, WindowsIpv6DontFragment, dontFragment ? 1 : 0);
        }
        else if (OperatingSystem.IsLinux())
        {
            SetOption(socket, LinuxIpv6MtuDiscover, dontFragment ? LinuxPmtuDiscoveryDo : LinuxPmtuDiscoveryDont);
        }
    }

    private static void SetOption(Socket socket, int ipv6Option, int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BitConverter.TryWriteBytes(bytes, value);
        socket.SetRawSocketOption(LevelIpv6, ipv6Option, bytes);
    }

    /// <summary>SO_REUSEPORT on Linux (same user only, unlike SO_REUSEADDR there); Windows lets a specific bind sit beside the wildcard with SO_REUSEADDR.</summary>
    private static void SharePort(Socket socket)
    {
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
        }
        else
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        }
    }
}
