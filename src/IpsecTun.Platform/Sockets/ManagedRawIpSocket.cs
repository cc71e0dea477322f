using System.Net;
using System.Net.Sockets;
using Tmds.Linux;

namespace IpsecTun.Platform.Sockets;

/// <summary>
/// A raw IP socket for one protocol (ESP 50, AH 51) over <see cref="System.Net.Sockets.Socket"/>, with the
/// behaviour of <see cref="RawIpSocket"/>: IPv4 datagrams arrive with their IP header (Linux and Windows
/// both deliver it whatever IP_HDRINCL says), IPv6 ones without; endpoints carry port 0. Opening one needs
/// root or CAP_NET_RAW on Linux and an elevated process on Windows.
/// </summary>
public sealed class ManagedRawIpSocket : ManagedDatagramSocket, IRawIpSocket
{
    private ManagedRawIpSocket(Socket socket, bool sendsIpHeader)
        : base(socket, hasPorts: false)
    {
        SendsIpHeader = sendsIpHeader;
    }

    public bool ReceivesIpHeader => LocalEndpoint.Version == 4;

    public bool SendsIpHeader { get; }

    /// <summary>
    /// Binds a socket for <paramref name="protocol"/> to <paramref name="local"/>. With
    /// <paramref name="includeIpHeader"/> (IPv4 only, IP_HDRINCL) each datagram sent starts with the IPv4
    /// header the caller wrote, as AH needs. A non-zero <paramref name="mark"/> is set as SO_MARK (Linux).
    /// </summary>
    public static ManagedRawIpSocket Open(IPAddress local, byte protocol, bool includeIpHeader = false, uint mark = 0)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (includeIpHeader && local.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("Only IPv4 raw sockets send a caller-written IP header.", nameof(includeIpHeader));
        }

        Socket socket = OpenBound(new IPEndPoint(local, 0), () => Create(local.AddressFamily, protocol), s =>
        {
            SocketMark.Apply(s, mark);
            if (includeIpHeader)
            {
                s.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.HeaderIncluded, true);
            }
        }, $"raw IP socket for protocol {protocol}");
        return new ManagedRawIpSocket(socket, includeIpHeader);
    }

    /// <summary>
    /// The socket itself. .NET on Linux refuses raw protocols other than the few it names (ProtocolNotSupported
    /// for ESP and AH), so there the descriptor comes from libc and the Socket wraps it; Windows takes any
    /// protocol number.
    /// </summary>
    private static Socket Create(AddressFamily family, byte protocol)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new Socket(family, SocketType.Raw, (ProtocolType)protocol);
        }

        int fd = LibC.socket(family == AddressFamily.InterNetwork ? LibC.AF_INET : LibC.AF_INET6, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        if (fd < 0)
        {
            int errno = LibC.errno;
            throw new SocketException((int)(errno == LibC.EPERM || errno == LibC.EACCES ? SocketError.AccessDenied : SocketError.ProtocolNotSupported));
        }

        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }
}
