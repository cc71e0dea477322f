namespace IpsecTun.Engine.Tests.Server;

/// <summary>A clock that moves only when the test says so.</summary>
internal sealed class PoolClock : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan time) => Now += time;
}
