namespace IpsecTun.Eap.Radius;

/// <summary>
/// Retransmission timing (RFC 5080 §2.2.1): the first wait is <see cref="InitialTimeout"/>, each retransmission
/// to the same server doubles it up to <see cref="MaxTimeout"/>; after <see cref="AttemptsPerServer"/> sends
/// the request moves to the next server.
/// </summary>
public sealed record RadiusClientOptions
{
    public TimeSpan InitialTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxTimeout { get; init; } = TimeSpan.FromSeconds(16);

    public int AttemptsPerServer { get; init; } = 3;
}
