namespace IpsecTun.Core;

/// <summary>
/// One packet in a fixed block of memory, with free space before it (headroom) and after it (tailroom)
/// so that headers and trailers are added and removed by moving the bounds instead of copying the data.
/// A buffer is used by one thread at a time.
/// </summary>
public sealed class PacketBuffer
{
    private readonly byte[] _memory;

    public PacketBuffer(int capacity, int headroom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(headroom);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(headroom, capacity);
        _memory = GC.AllocateUninitializedArray<byte>(capacity, pinned: true);
        DefaultHeadroom = headroom;
        Start = headroom;
    }

    public int Capacity => _memory.Length;

    /// <summary>The headroom that <see cref="Reset()"/> restores.</summary>
    public int DefaultHeadroom { get; }

    /// <summary>Offset of the first packet byte in the block.</summary>
    public int Start { get; private set; }

    public int Length { get; private set; }

    public int Headroom => Start;

    public int Tailroom => _memory.Length - Start - Length;

    /// <summary>The packet.</summary>
    public Span<byte> Data => _memory.AsSpan(Start, Length);

    /// <summary>The packet as memory, for socket and file I/O.</summary>
    public Memory<byte> DataMemory => _memory.AsMemory(Start, Length);

    /// <summary>Everything after <see cref="Start"/>: where a receive writes before <see cref="SetLength"/>.</summary>
    public Span<byte> Writable => _memory.AsSpan(Start);

    public Memory<byte> WritableMemory => _memory.AsMemory(Start);

    /// <summary>Empties the buffer and restores the default headroom.</summary>
    public void Reset() => Reset(DefaultHeadroom);

    public void Reset(int headroom)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(headroom);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(headroom, _memory.Length);
        Start = headroom;
        Length = 0;
    }

    /// <summary>Sets the packet length after a receive into <see cref="Writable"/>.</summary>
    public void SetLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _memory.Length - Start);
        Length = length;
    }

    /// <summary>Grows the packet at the front by <paramref name="count"/> bytes, which the caller then writes.</summary>
    public bool TryPrepend(int count, out Span<byte> front)
    {
        if ((uint)count > (uint)Start)
        {
            front = default;
            return false;
        }

        Start -= count;
        Length += count;
        front = _memory.AsSpan(Start, count);
        return true;
    }

    /// <summary>Grows the packet at the end by <paramref name="count"/> bytes, which the caller then writes.</summary>
    public bool TryAppend(int count, out Span<byte> tail)
    {
        if ((uint)count > (uint)Tailroom)
        {
            tail = default;
            return false;
        }

        tail = _memory.AsSpan(Start + Length, count);
        Length += count;
        return true;
    }

    /// <summary>Drops <paramref name="count"/> bytes from the front (a header that was consumed).</summary>
    public bool TryTrimFront(int count)
    {
        if ((uint)count > (uint)Length)
        {
            return false;
        }

        Start += count;
        Length -= count;
        return true;
    }

    /// <summary>Drops <paramref name="count"/> bytes from the end (a trailer that was consumed).</summary>
    public bool TryTrimEnd(int count)
    {
        if ((uint)count > (uint)Length)
        {
            return false;
        }

        Length -= count;
        return true;
    }

    /// <summary>Copies <paramref name="packet"/> in at the default headroom; for tests and slow paths.</summary>
    public bool TrySet(ReadOnlySpan<byte> packet)
    {
        if (packet.Length > _memory.Length - DefaultHeadroom)
        {
            return false;
        }

        Reset();
        packet.CopyTo(_memory.AsSpan(Start));
        Length = packet.Length;
        return true;
    }
}
