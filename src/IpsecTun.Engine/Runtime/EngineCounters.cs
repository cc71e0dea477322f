namespace IpsecTun.Engine.Runtime;

/// <summary>Drops and faults of the engine itself (the ESP ones are in the IPsec statistics).</summary>
public sealed class EngineCounters
{
    private long _loopFaults;
    private long _acquireDrops;
    private long _ikeDrops;
    private long _unroutable;
    private long _tooBig;

    /// <summary>Exceptions caught in a loop; the loop carried on.</summary>
    public long LoopFaults => Interlocked.Read(ref _loopFaults);

    /// <summary>Packets that waited for an SA that never came, or found the queue full.</summary>
    public long AcquireDrops => Interlocked.Read(ref _acquireDrops);

    /// <summary>IKE datagrams dropped before any IKE SA saw them (unparsable, unknown SPI, queue full, no matching peer).</summary>
    public long IkeDrops => Interlocked.Read(ref _ikeDrops);

    /// <summary>Packets from the adapter no policy protects, or protected packets with no socket to leave through.</summary>
    public long Unroutable => Interlocked.Read(ref _unroutable);

    /// <summary>Packets too big for their tunnel that must not be fragmented: answered with ICMP fragmentation needed or packet too big.</summary>
    public long TooBig => Interlocked.Read(ref _tooBig);

    internal void CountLoopFault() => Interlocked.Increment(ref _loopFaults);

    internal void CountAcquireDrop(int count = 1) => Interlocked.Add(ref _acquireDrops, count);

    internal void CountIkeDrop() => Interlocked.Increment(ref _ikeDrops);

    internal void CountUnroutable() => Interlocked.Increment(ref _unroutable);

    internal void CountTooBig() => Interlocked.Increment(ref _tooBig);
}
