using System.Net;
using IpsecTun.Platform;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// Where an endpoint gets its sockets and learns its own addresses, so the same engine runs over the
/// system's network or an in-memory one.
/// </summary>
public interface IEndpointNetwork
{
    /// <summary>
    /// A UDP socket bound to <paramref name="local"/> (IKE on 500, NAT-T on 4500); with
    /// <paramref name="sharesPort"/> the port may also be bound on the wildcard and other addresses by the
    /// endpoint's other sockets (<see cref="UdpSocketOptions.SharesPort"/>).
    /// </summary>
    IDatagramSocket OpenUdp(IPEndPoint local, bool sharesPort);

    /// <summary>
    /// A raw IP socket for ESP (protocol 50) or AH (51) towards peers reached without NAT, or null when the
    /// process may not open one or the system does not hand that protocol to raw sockets. As on Linux, an IPv4
    /// datagram is received with its IP header and an IPv6 one without. Datagrams are sent without an IP
    /// header, except AH over IPv4: its ICV covers the header, so the socket sends the one the worker wrote
    /// (IP_HDRINCL).
    /// </summary>
    IDatagramSocket? TryOpenRaw(IPAddress local, byte protocol);

    /// <summary>The address this host sends from to reach <paramref name="remote"/>, which IKE's NAT detection hashes.</summary>
    IPAddress LocalAddressFor(IPAddress remote);

    /// <summary>
    /// The networks this host reaches directly: the on-link prefixes of its interfaces, loopback and
    /// <paramref name="exceptInterface"/> (the tunnel's adapter) left out. A full tunnel leaves them on the
    /// local network. A network that cannot tell has none.
    /// </summary>
    IReadOnlyList<IPNetwork> LocalNetworks(string exceptInterface) => [];

    /// <summary>
    /// The mark (SO_MARK) every socket of this network carries, which lets the adapter take a peer's own address
    /// through <see cref="PolicyRouting"/> while IKE, ESP and AH to it keep their path; 0 when its sockets carry
    /// none, and a peer's address then stays off the adapter.
    /// </summary>
    uint OwnTrafficMark => 0;

    /// <summary>The MTU of the path from <paramref name="local"/> to <paramref name="remote"/> as the system knows it, 0 when it does not.</summary>
    int PathMtu(IPAddress local, IPAddress remote);
}
