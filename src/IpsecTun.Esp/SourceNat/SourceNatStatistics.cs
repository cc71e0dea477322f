namespace IpsecTun.Esp;

/// <summary>The source NAT's counters, incremented by every worker without locks, each on its own cache line.</summary>
public sealed class SourceNatStatistics
{
    private const int Stride = 8; // longs per 64-byte cache line

    private readonly long[] _counts = new long[Enum.GetValues<SourceNatCounter>().Length * Stride];

    public long this[SourceNatCounter counter] => Volatile.Read(ref _counts[(int)counter * Stride]);

    public void Increment(SourceNatCounter counter) => Interlocked.Increment(ref _counts[(int)counter * Stride]);
}
