namespace IpsecTun.Ike.Settings;

/// <summary>
/// Request retransmission: the first retry after <paramref name="InitialTimeout"/>, each later one after
/// twice the previous wait, and the peer given up after <paramref name="MaxRetransmissions"/> retries.
/// </summary>
public sealed record RetransmissionSettings(TimeSpan InitialTimeout, int MaxRetransmissions)
{
    public static RetransmissionSettings Default { get; } = new(TimeSpan.FromSeconds(2), 5);

    public TimeSpan TimeoutAfter(int transmissions) => InitialTimeout * Math.Pow(2, transmissions - 1);
}
