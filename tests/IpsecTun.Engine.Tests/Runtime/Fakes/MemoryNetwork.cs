using System.Collections.Concurrent;
using System.Net;
using IpsecTun.Core;
using IpsecTun.Esp;
using IpsecTun.Platform;

namespace IpsecTun.Engine.Tests.Runtime.Fakes;

/// <summary>
/// Hosts joined by a wire in memory: UDP and raw ESP sockets bound on a host receive what other hosts send
/// to that host's address, IPv4 or IPv6 (a socket bound to the other family's wildcard receives nothing). A
/// host can be cut off (its datagrams, both ways, are lost) to play a dead peer.
/// </summary>
internal sealed class MemoryNetwork
{
    private readonly ConcurrentDictionary<(IPAddress Address, int Port, bool Raw, byte Family), MemorySocket> _sockets = new();
    private readonly ConcurrentDictionary<IPAddress, bool> _cut = new();

    private readonly ConcurrentQueue<SentKeepalive> _keepalives = new();

    /// <summary>The MTU of every path across the network, as hosts report it when SAs are installed.</summary>
    public int LinkMtu { get; set; } = 1500;

    /// <summary>NAT keepalives (a lone 0xFF byte) that crossed the network.</summary>
    public long Keepalives => _keepalives.Count;

    /// <summary>The NAT keepalives that crossed the network, in order, with the host and port that sent each.</summary>
    public IReadOnlyCollection<SentKeepalive> KeepalivesSent => _keepalives;

    public MemoryHost Host(IPAddress address, IPAddress? behindNatAs = null, bool rawEsp = true) =>
        new(this, address) { PrivateAddress = behindNatAs, AllowsRawEsp = rawEsp };

    public void Cut(IPAddress host, bool cut) => _cut[host] = cut;

    internal void Bind(MemorySocket socket) => _sockets[Key(socket)] = socket;

    internal void Unbind(MemorySocket socket) => _sockets.TryRemove(Key(socket), out _);

    private static (IPAddress, int, bool, byte) Key(MemorySocket socket) =>
        (socket.HostAddress, socket.LocalEndpoint.Port, socket.IsRaw, socket.LocalEndpoint.Version);

    internal void Send(MemorySocket from, ReadOnlySpan<byte> payload, NetworkEndpoint to)
    {
        IPAddress destination = to.ToIPEndPoint().Address;
        if (_cut.GetValueOrDefault(from.HostAddress) || _cut.GetValueOrDefault(destination)
            || !_sockets.TryGetValue((destination, to.Port, from.IsRaw, to.Version), out MemorySocket? receiver))
        {
            return;
        }

        byte[] datagram;
        if (from.IsRaw && to.Version == 4)
        {
            // A raw IPv4 socket receives the IP header too, as Linux delivers it; an IPv6 one does not.
            datagram = new byte[Ipv4Header.MinLength + payload.Length];
            payload.CopyTo(datagram.AsSpan(Ipv4Header.MinLength));
            OuterHeaders.WriteIp(datagram, from.HostAddress.GetAddressBytes(), destination.GetAddressBytes(), IpProtocol.Esp, 0);
        }
        else
        {
            datagram = payload.ToArray();
        }

        if (payload is [NatTraversal.KeepaliveByte])
        {
            _keepalives.Enqueue(new SentKeepalive(from.HostAddress, from.LocalEndpoint.Port, to));
        }

        receiver.Enqueue(datagram, new NetworkEndpoint(to.Version, IpAddressBits.FromIPAddress(from.HostAddress), from.IsRaw ? (ushort)0 : from.LocalEndpoint.Port));
    }
}
