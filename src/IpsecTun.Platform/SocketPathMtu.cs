using System.Net;
using System.Net.Sockets;

namespace IpsecTun.Platform;

/// <summary>
/// Linux: IP_MTU / IPV6_MTU of a connected UDP socket, the kernel's path MTU for the route from a local
/// address: the outgoing device's MTU, or less once ICMP has lowered it. Connecting sends nothing.
/// </summary>
internal static class SocketPathMtu
{
    // linux/in.h, linux/in6.h
    private const int SolIp = 0;
    private const int SolIpv6 = 41;
    private const int IpMtu = 14;
    private const int Ipv6Mtu = 24;

    /// <summary>The MTU, or 0 when there is no route; <paramref name="mark"/> (SO_MARK, 0 for none) selects the route as for a marked packet.</summary>
    public static int Get(IPAddress local, IPAddress remote, uint mark)
    {
        bool ipv4 = remote.AddressFamily == AddressFamily.InterNetwork;
        using var probe = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        Span<byte> mtu = stackalloc byte[sizeof(int)];
        try
        {
            Sockets.SocketMark.Apply(probe, mark);
            if (local.AddressFamily == remote.AddressFamily && !local.Equals(ipv4 ? IPAddress.Any : IPAddress.IPv6Any))
            {
                probe.Bind(new IPEndPoint(local, 0));
            }

            probe.Connect(remote, 9);
            int length = probe.GetRawSocketOption(ipv4 ? SolIp : SolIpv6, ipv4 ? IpMtu : Ipv6Mtu, mtu);
            return length == sizeof(int) ? BitConverter.ToInt32(mtu) : 0;
        }
        catch (SocketException)
        {
            return 0;
        }
    }
}
