namespace IpsecTun.Core;

/// <summary>
/// A fixed set of <see cref="PacketBuffer"/>s allocated up front. Renting and returning allocate
/// nothing; when the pool is empty <see cref="TryRent"/> fails and the caller drops the packet.
/// Safe for several threads.
/// </summary>
public sealed class PacketBufferPool
{
    private readonly PacketBuffer[] _free;
    private readonly Lock _lock = new();
    private int _count;

    public PacketBufferPool(int count, int capacity, int headroom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _free = new PacketBuffer[count];
        for (int i = 0; i < count; i++)
        {
            _free[i] = new PacketBuffer(capacity, headroom);
        }

        _count = count;
        BufferCapacity = capacity;
    }

    public int BufferCapacity { get; }

    public int Available
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Takes an empty buffer with its default headroom.</summary>
    public bool TryRent(out PacketBuffer buffer)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                buffer = null!;
                return false;
            }

            buffer = _free[--_count];
            _free[_count] = null!;
        }

        buffer.Reset();
        return true;
    }

    public void Return(PacketBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        lock (_lock)
        {
            if (_count == _free.Length)
            {
                throw new InvalidOperationException("More buffers returned than the pool holds.");
            }

            _free[_count++] = buffer;
        }
    }
}
