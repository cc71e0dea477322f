using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using IpsecTun.Core;
using IpsecTun.Platform;
using IpsecTun.Platform.Sockets;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// The host's own network: the system's UDP and raw sockets (<see cref="HostPlatform"/> picks them), its source
/// address choice and path MTU, all marked with <see cref="OwnTrafficMark"/> so that they follow the path of
/// the endpoint's own packets, not the adapter's routes for peers.
/// </summary>
public sealed class SystemEndpointNetwork(uint ownTrafficMark) : IEndpointNetwork
{

    /// <summary>Marks with <see cref="HostPlatform.OwnTrafficMark"/>, which needs CAP_NET_ADMIN on Linux, as the adapter does.</summary>
    public SystemEndpointNetwork()
        : this(HostPlatform.OwnTrafficMark)
    {
    }

    public uint OwnTrafficMark { get; } = ownTrafficMark;

    public IDatagramSocket OpenUdp(IPEndPoint local, bool sharesPort) =>
        HostPlatform.OpenUdpSocket(local, new UdpSocketOptions { Mark = OwnTrafficMark, SharesPort = sharesPort });

    /// <summary>
    /// A raw ESP or AH socket, or null without the privilege to open one, or where ESP and AH do not reach raw
    /// sockets (Windows, see <see cref="HostPlatform.ReceivesRawEsp"/>): the endpoint then carries ESP in UDP,
    /// and AH, which has no UDP encapsulation, cannot be used.
    /// </summary>
    public IDatagramSocket? TryOpenRaw(IPAddress local, byte protocol)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (!HostPlatform.ReceivesRawEsp)
        {
            return null;
        }

        try
        {
            return HostPlatform.OpenRawIpSocket(
                local, protocol, includeIpHeader: protocol == IpProtocol.Ah && local.AddressFamily == AddressFamily.InterNetwork, OwnTrafficMark);
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
            SocketMark.Apply(probe, OwnTrafficMark);
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

    /// <summary>The system's path MTU (IP_MTU of a connected socket on Linux, IP Helper's path cache on Windows).</summary>
    public int PathMtu(IPAddress local, IPAddress remote) => HostPlatform.PathMtu(local, remote, OwnTrafficMark);
}
