using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.Versioning;
using IpsecTun.Core;
using IpsecTun.Platform;

namespace IpsecTun.Engine.Runtime;

/// <summary>The host's own network: Linux UDP and raw sockets, and the kernel's source address choice.</summary>
[SupportedOSPlatform("linux")]
public sealed class SystemEndpointNetwork : IEndpointNetwork
{
    public IDatagramSocket OpenUdp(IPEndPoint local) => UdpSocket.Open(local);

    public IDatagramSocket? TryOpenEsp(IPAddress local)
    {
        try
        {
            return RawIpSocket.Open(local, IpProtocol.Esp);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public IPAddress LocalAddressFor(IPAddress remote)
    {
        ArgumentNullException.ThrowIfNull(remote);

        // Connecting a UDP socket sends nothing; the kernel only picks the route and with it the source.
        using var probe = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            probe.Connect(remote, 9);
            return ((IPEndPoint)probe.LocalEndPoint!).Address;
        }
        catch (SocketException)
        {
            return remote.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any;
        }
    }

    public IReadOnlyList<IPNetwork> LocalNetworks(string exceptInterface)
    {
        var networks = new List<IPNetwork>();
        foreach (NetworkInterface adapter in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (adapter.NetworkInterfaceType == NetworkInterfaceType.Loopback || adapter.Name == exceptInterface)
            {
                continue;
            }

            foreach (UnicastIPAddressInformation unicast in adapter.GetIPProperties().UnicastAddresses)
            {
                IPAddress address = unicast.Address;
                IPNetwork network = new IpPrefix(IpAddressBits.VersionOf(address), IpAddressBits.FromIPAddress(address), unicast.PrefixLength).ToNetwork();
                if (!networks.Contains(network))
                {
                    networks.Add(network);
                }
            }
        }

        return networks;
    }

    /// <summary>
    /// IP_MTU / IPV6_MTU of a connected UDP socket: the kernel's path MTU for the route from
    /// <paramref name="local"/>, the outgoing device's MTU or less once ICMP has lowered it.
    /// </summary>
    public int PathMtu(IPAddress local, IPAddress remote)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        bool ipv4 = remote.AddressFamily == AddressFamily.InterNetwork;
        using var probe = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        Span<byte> mtu = stackalloc byte[sizeof(int)];
        try
        {
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

    // linux/in.h, linux/in6.h
    private const int SolIp = 0;
    private const int SolIpv6 = 41;
    private const int IpMtu = 14;
    private const int Ipv6Mtu = 24;
}
