using System.Net;
using IpsecTun.Platform.Sockets;
using IpsecTun.Platform.Windows;

namespace IpsecTun.Platform;

/// <summary>
/// The implementations for the system this process runs on, so that the engine names no platform:
/// Linux (TUN, rtnetlink, recvmmsg/sendmmsg sockets) or Windows (Wintun, IP Helper, System.Net.Sockets).
/// </summary>
public static class HostPlatform
{
    /// <summary>
    /// Creates the TUN adapter: on Linux <paramref name="name"/> may be a pattern such as "ipsectun%d";
    /// on Windows it is the Wintun adapter's name as is. The name given is in <see cref="ITunDevice.Name"/>.
    /// </summary>
    public static ITunDevice OpenTunDevice(string name)
    {
        if (OperatingSystem.IsLinux())
        {
            return TunDevice.Open(name);
        }

        if (OperatingSystem.IsWindows())
        {
            return WintunDevice.Create(name.Replace("%d", "", StringComparison.Ordinal));
        }

        throw Unsupported();
    }

    public static INetworkConfigurator CreateConfigurator()
    {
        if (OperatingSystem.IsLinux())
        {
            return new NetlinkNetworkConfigurator();
        }

        if (OperatingSystem.IsWindows())
        {
            return new IpHelperNetworkConfigurator();
        }

        throw Unsupported();
    }

    public static IRouteLookup CreateRouteLookup()
    {
        if (OperatingSystem.IsLinux())
        {
            return new NetlinkRouteLookup();
        }

        if (OperatingSystem.IsWindows())
        {
            return new IpHelperRouteLookup();
        }

        throw Unsupported();
    }

    /// <summary>
    /// Whether ESP arriving from the network can be relied on to reach a raw IP socket of this process. On Linux
    /// it does. On Windows inbound ESP and AH belong to the stack's own IPsec (tcpip.sys under the Windows
    /// Filtering Platform, which drops and audits packets with an SPI it does not know, event 4965), so the
    /// endpoint does not rely on raw ESP there and carries ESP in UDP on the NAT-T port instead (RFC 3948).
    /// </summary>
    public static bool ReceivesRawEsp => OperatingSystem.IsLinux();

    /// <summary>
    /// The mark the endpoint's own sockets carry so that <see cref="PolicyRouting"/> can route a peer's address
    /// into the adapter: <see cref="PolicyRouting.Mark"/> on Linux, 0 (no policy routing) elsewhere.
    /// </summary>
    public static uint OwnTrafficMark => OperatingSystem.IsLinux() ? PolicyRouting.Mark : 0;

    /// <summary>
    /// A UDP socket bound to <paramref name="local"/>: <see cref="UdpSocket"/> (recvmmsg/sendmmsg) on Linux,
    /// <see cref="ManagedUdpSocket"/> elsewhere.
    /// </summary>
    public static IDatagramSocket OpenUdpSocket(IPEndPoint local, UdpSocketOptions options)
    {
        if (OperatingSystem.IsLinux())
        {
            return UdpSocket.Open(local, options);
        }

        if (OperatingSystem.IsWindows())
        {
            return ManagedUdpSocket.Open(local, options);
        }

        throw Unsupported();
    }

    /// <summary>A raw IP socket for <paramref name="protocol"/>: <see cref="RawIpSocket"/> on Linux, <see cref="ManagedRawIpSocket"/> on Windows.</summary>
    public static IRawIpSocket OpenRawIpSocket(IPAddress local, byte protocol, bool includeIpHeader = false, uint mark = 0)
    {
        if (OperatingSystem.IsLinux())
        {
            return RawIpSocket.Open(local, protocol, includeIpHeader, mark);
        }

        if (OperatingSystem.IsWindows())
        {
            return ManagedRawIpSocket.Open(local, protocol, includeIpHeader, mark);
        }

        throw Unsupported();
    }

    /// <summary>
    /// The MTU of the path from <paramref name="local"/> (or whatever source the route picks, for the any
    /// address) to <paramref name="remote"/> as the system knows it, 0 when it has no route: IP_MTU of a
    /// connected socket on Linux (marked with <paramref name="mark"/>, so it takes the route the endpoint's
    /// own packets take), the path cache or interface MTU of IP Helper on Windows.
    /// </summary>
    public static int PathMtu(IPAddress local, IPAddress remote, uint mark = 0)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        if (OperatingSystem.IsWindows())
        {
            return IpHelperPathMtu.Get(local, remote);
        }

        return OperatingSystem.IsLinux() ? SocketPathMtu.Get(local, remote, mark) : 0;
    }

    private static PlatformNotSupportedException Unsupported() =>
        new("ipsectun's datapath runs on Linux and Windows.");
}
