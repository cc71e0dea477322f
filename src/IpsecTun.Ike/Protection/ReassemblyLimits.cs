namespace IpsecTun.Ike.Protection;

/// <summary>
/// Bounds on reassembling one fragmented message (RFC 7383 §2.6 leaves them to the implementation):
/// fragments per message, plaintext bytes per message, and how long an incomplete message is kept.
/// </summary>
public sealed record ReassemblyLimits(int MaxFragments = 64, int MaxTotalSize = 64 * 1024, TimeSpan? Timeout = null)
{
    public static ReassemblyLimits Default { get; } = new();

    public TimeSpan EffectiveTimeout => Timeout ?? TimeSpan.FromSeconds(30);
}
