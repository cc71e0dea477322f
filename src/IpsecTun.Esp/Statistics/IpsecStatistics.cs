namespace IpsecTun.Esp;

/// <summary>
/// The counters of the Statistics menu, incremented by every worker without locks. Each counter sits on
/// its own cache line so that workers dropping packets for different reasons do not contend.
/// </summary>
public sealed class IpsecStatistics
{
    private const int Stride = 8; // longs per 64-byte cache line

    private static readonly string[] Names =
    [
        "in-errors", "in-buffer-errors", "in-header-errors", "in-no-states", "in-state-protocol-errors",
        "in-state-mode-errors", "in-state-sequence-errors", "in-state-expired", "in-state-mismatches",
        "in-state-invalid", "in-template-mismatches", "in-no-policies", "in-policy-blocked", "in-policy-errors",
        "out-errors", "out-bundle-errors", "out-bundle-check-errors", "out-no-states", "out-state-protocol-errors",
        "out-state-mode-errors", "out-state-sequence-errors", "out-state-expired", "out-policy-blocked",
        "out-policy-dead", "out-policy-errors",
    ];

    private readonly long[] _counts = new long[Names.Length * Stride];

    public static IReadOnlyList<IpsecCounter> All { get; } = Enum.GetValues<IpsecCounter>();

    /// <summary>The manual's property name (<c>in-no-states</c>).</summary>
    public static string NameOf(IpsecCounter counter) => Names[(int)counter];

    public long this[IpsecCounter counter] => Volatile.Read(ref _counts[(int)counter * Stride]);

    public void Increment(IpsecCounter counter) => Interlocked.Increment(ref _counts[(int)counter * Stride]);

    /// <summary>Every counter by its manual name, for the statistics view.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Snapshot() =>
        [.. All.Select(c => new KeyValuePair<string, long>(NameOf(c), this[c]))];

    /// <summary>Sum of every counter; a test that expects exactly one drop compares it with one.</summary>
    public long Total => All.Sum(c => this[c]);
}
