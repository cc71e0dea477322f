namespace IpsecTun.Ike.Tests.Protection;

/// <summary>A clock that moves only when told to; its wall-clock time starts at <see cref="Epoch"/>.</summary>
internal sealed class ManualTime : TimeProvider
{
    /// <summary>The wall-clock time before any <see cref="Advance"/>, for certificate validity.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public override DateTimeOffset GetUtcNow() => Epoch + TimeSpan.FromTicks(_ticks);

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
