namespace IpsecTun.Esp;

/// <summary>
/// Soft and hard limits of an SA in time since it was added and in bytes of payload protected, as the
/// installed-sa view's add-lifetime (soft/hard) shows them. A null limit does not apply.
/// </summary>
public sealed record SaLifetime
{
    public TimeSpan? SoftTime { get; init; }

    public TimeSpan? HardTime { get; init; }

    public long? SoftBytes { get; init; }

    public long? HardBytes { get; init; }

    public static SaLifetime Unlimited { get; } = new();

    /// <summary>add-lifetime as the manual prints it: soft/hard.</summary>
    public string AddLifetime => $"{Format(SoftTime)}/{Format(HardTime)}";

    private static string Format(TimeSpan? time) => time is TimeSpan t ? Duration.Format(t) : "none";
}
