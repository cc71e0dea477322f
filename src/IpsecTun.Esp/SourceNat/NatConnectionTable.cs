using System.Numerics;
using IpsecTun.Core;

namespace IpsecTun.Esp;

/// <summary>
/// The source NAT's connections, keyed both ways: by the inside 5-tuple (protocol, inside address and
/// port, remote address and port) for packets leaving, and by the outside 4-tuple (protocol, remote
/// address and port, external port) for packets coming back. The external port equals the inside port
/// unless that outside key is already taken by another inside host, in which case one is picked from
/// the remap range.
/// </summary>
/// <remarks>
/// Everything is allocated up front: an array of connections, two arrays of bucket heads with chains
/// through the connections, a free list and a least-recently-used list (oldest first) for eviction. One
/// lock guards it all; callers hold it only for a lookup and copy the result out, so checksum work runs
/// outside it. The LRU order must be global, which rules out striping; the critical section is a few
/// dozen instructions, short enough for the handful of workers an endpoint runs. Bucket indexes come
/// from <see cref="HashCode"/>, which is seeded per process, so inside hosts cannot aim for one chain.
/// </remarks>
internal sealed partial class NatConnectionTable
{
    private const int ProbeLimit = 4096;

    private readonly NatConnection[] _connections;
    private readonly int[] _insideBuckets;
    private readonly int[] _outsideBuckets;
    private readonly int _bucketMask;
    private readonly Lock _lock = new();
    private readonly SourceNatStatistics _statistics;
    private readonly long _tcpEstablished;
    private readonly long _tcpTransitory;
    private readonly long _tcpReset;
    private readonly long _udp;
    private readonly long _icmpEcho;
    private readonly long _minimumIdleToEvict;
    private readonly ushort _firstRemapPort;
    private readonly int _remapPorts;
    private int _free;
    private int _oldest = -1;
    private int _newest = -1;
    private int _count;

    public NatConnectionTable(SourceNatSettings settings, SourceNatStatistics statistics)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.FirstRemapPort, settings.LastRemapPort);
        _statistics = statistics;
        _connections = new NatConnection[settings.Capacity];
        int buckets = (int)BitOperations.RoundUpToPowerOf2((uint)settings.Capacity);
        _bucketMask = buckets - 1;
        _insideBuckets = new int[buckets];
        _outsideBuckets = new int[buckets];
        Array.Fill(_insideBuckets, -1);
        Array.Fill(_outsideBuckets, -1);
        for (int i = 0; i < _connections.Length; i++)
        {
            _connections[i].InsideNext = i + 1 < _connections.Length ? i + 1 : -1;
        }

        SourceNatTimeouts t = settings.Timeouts;
        _tcpEstablished = t.TcpEstablished.Ticks;
        _tcpTransitory = t.TcpTransitory.Ticks;
        _tcpReset = t.TcpReset.Ticks;
        _udp = t.Udp.Ticks;
        _icmpEcho = t.IcmpEcho.Ticks;
        _minimumIdleToEvict = settings.MinimumIdleToEvict.Ticks;
        _firstRemapPort = settings.FirstRemapPort;
        _remapPorts = settings.LastRemapPort - settings.FirstRemapPort + 1;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Finds the connection of a packet leaving an inside host, creating it if there is none.</summary>
    public NatLookupResult Outbound(
        byte protocol, uint insideAddress, ushort insidePort, uint remoteAddress, ushort remotePort, byte tcpFlags, long now,
        out NatMapping mapping)
    {
        lock (_lock)
        {
            int i = FindLive(FindInside(protocol, insideAddress, insidePort, remoteAddress, remotePort), now);
            if (i < 0)
            {
                NatLookupResult created = Create(protocol, insideAddress, insidePort, remoteAddress, remotePort, now, out i);
                if (created != NatLookupResult.Found)
                {
                    mapping = default;
                    return created;
                }
            }

            return Use(i, protocol, tcpFlags, inbound: false, now, out mapping);
        }
    }

    /// <summary>Finds the connection a packet from a remote host to the translated address belongs to.</summary>
    public NatLookupResult Inbound(
        byte protocol, uint remoteAddress, ushort remotePort, ushort externalPort, byte tcpFlags, long now, out NatMapping mapping)
    {
        lock (_lock)
        {
            int i = FindLive(FindOutside(protocol, remoteAddress, remotePort, externalPort), now);
            if (i < 0)
            {
                mapping = default;
                return NatLookupResult.NotFound;
            }

            return Use(i, protocol, tcpFlags, inbound: true, now, out mapping);
        }
    }

    /// <summary>Looks a connection up by its inside key without refreshing it: an ICMP error does not keep a flow alive.</summary>
    public bool TryPeekInside(
        byte protocol, uint insideAddress, ushort insidePort, uint remoteAddress, ushort remotePort, long now, out NatMapping mapping)
    {
        lock (_lock)
        {
            return TryMap(FindLive(FindInside(protocol, insideAddress, insidePort, remoteAddress, remotePort), now), out mapping);
        }
    }

    /// <summary>Looks a connection up by its outside key without refreshing it.</summary>
    public bool TryPeekOutside(byte protocol, uint remoteAddress, ushort remotePort, ushort externalPort, long now, out NatMapping mapping)
    {
        lock (_lock)
        {
            return TryMap(FindLive(FindOutside(protocol, remoteAddress, remotePort, externalPort), now), out mapping);
        }
    }

    /// <summary>Removes every connection past its idle timeout; the owner calls this from a timer.</summary>
    public int RemoveExpired(long now)
    {
        lock (_lock)
        {
            int removed = 0;
            int i = _oldest;
            while (i >= 0)
            {
                int newer = _connections[i].Newer;
                if (IsExpired(i, now))
                {
                    Remove(i);
                    _statistics.Increment(SourceNatCounter.Expired);
                    removed++;
                }

                i = newer;
            }

            return removed;
        }
    }

    private NatLookupResult Use(int i, byte protocol, byte tcpFlags, bool inbound, long now, out NatMapping mapping)
    {
        ref NatConnection c = ref _connections[i];
        if (protocol == IpProtocol.Tcp)
        {
            c.TcpState = NextTcpState(c.TcpState, tcpFlags, inbound);
        }

        c.LastUsedTicks = now;
        MoveToNewest(i);
        mapping = new NatMapping(c.InsideAddress, c.InsidePort, c.ExternalPort);
        return NatLookupResult.Found;
    }

    private bool TryMap(int i, out NatMapping mapping)
    {
        if (i < 0)
        {
            mapping = default;
            return false;
        }

        ref NatConnection c = ref _connections[i];
        mapping = new NatMapping(c.InsideAddress, c.InsidePort, c.ExternalPort);
        return true;
    }

    private static TcpFlowState NextTcpState(TcpFlowState state, byte flags, bool inbound)
    {
        const byte Fin = 0x01, Rst = 0x04;
        if ((flags & Rst) != 0 || state == TcpFlowState.Reset)
        {
            return TcpFlowState.Reset;
        }

        if ((flags & Fin) != 0 || state == TcpFlowState.Closing)
        {
            return TcpFlowState.Closing;
        }

        return inbound ? TcpFlowState.Established : state;
    }

    private long TimeoutOf(in NatConnection c) => c.Protocol switch
    {
        IpProtocol.Tcp => c.TcpState switch
        {
            TcpFlowState.Established => _tcpEstablished,
            TcpFlowState.Reset => _tcpReset,
            _ => _tcpTransitory,
        },
        IpProtocol.Udp => _udp,
        _ => _icmpEcho,
    };

    private bool IsExpired(int i, long now) => now - _connections[i].LastUsedTicks > TimeoutOf(_connections[i]);

    /// <summary>Passes a found index through unless its connection has expired, which is then removed.</summary>
    private int FindLive(int i, long now)
    {
        if (i >= 0 && IsExpired(i, now))
        {
            Remove(i);
            _statistics.Increment(SourceNatCounter.Expired);
            return -1;
        }

        return i;
    }
}
