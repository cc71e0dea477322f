using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using IpsecTun.Core;
using IpsecTun.Engine.Runtime;
using IpsecTun.Platform;

namespace IpsecTun.Engine.Tests.Runtime.Fakes;

/// <summary>
/// One host of a <see cref="MemoryNetwork"/> with one address; sockets bound to the wildcard take that address.
/// A host behind a NAT believes it has <see cref="PrivateAddress"/> while the network sees the public one.
/// </summary>
internal sealed class MemoryHost(MemoryNetwork network, IPAddress address) : IEndpointNetwork
{
    public IPAddress Address { get; } = address;

    /// <summary>Whether raw ESP sockets may be opened (as for root); without them only NAT-T carries ESP.</summary>
    public bool AllowsRawEsp { get; init; } = true;

    /// <summary>Whether the host's system has IPv6: by default a host with an IPv4 address has none, as a kernel booted with ipv6.disable=1.</summary>
    public bool HasIpv6 { get; init; } = address.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>
    /// A host has one address here, so a shared port never meets another bind. An IPv6 socket fails where the
    /// system has no IPv6, as socket(AF_INET6) does (EAFNOSUPPORT).
    /// </summary>
    public IDatagramSocket OpenUdp(IPEndPoint local, bool sharesPort)
    {
        if (local.AddressFamily == AddressFamily.InterNetworkV6 && !HasIpv6)
        {
            throw new SocketException((int)SocketError.AddressFamilyNotSupported);
        }

        Bound.Enqueue(local);
        return new MemorySocket(network, Address, local, isRaw: false);
    }

    /// <summary>Where the host's UDP sockets were bound, in order.</summary>
    public ConcurrentQueue<IPEndPoint> Bound { get; } = new();

    /// <summary>The in-memory network carries raw ESP only; AH runs over the system's raw sockets in <see cref="LoopbackUdpTests"/>.</summary>
    public IDatagramSocket? TryOpenRaw(IPAddress local, byte protocol) =>
        AllowsRawEsp && protocol == IpProtocol.Esp ? new MemorySocket(network, Address, new IPEndPoint(local, 0), isRaw: true) : null;

    public IPAddress? PrivateAddress { get; init; }

    /// <summary>The mark its sockets would carry; not 0 lets the endpoint route peers' own addresses into the adapter.</summary>
    public uint OwnTrafficMark { get; init; }

    public IPAddress LocalAddressFor(IPAddress remote) => PrivateAddress ?? Address;

    /// <summary>The host sits on the /24 (IPv4) or /64 (IPv6) of the address it believes it has.</summary>
    public IReadOnlyList<IPNetwork> LocalNetworks(string exceptInterface)
    {
        IPAddress own = PrivateAddress ?? Address;
        return [new IpPrefix(IpAddressBits.VersionOf(own), IpAddressBits.FromIPAddress(own), own.GetAddressBytes().Length == 4 ? 24 : 64).ToNetwork()];
    }

    public int PathMtu(IPAddress local, IPAddress remote) => network.LinkMtu;
}
