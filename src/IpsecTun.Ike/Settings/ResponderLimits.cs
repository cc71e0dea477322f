namespace IpsecTun.Ike.Settings;

/// <summary>
/// How many responder IKE SAs a host admits: from <paramref name="CookieThreshold"/> half-open SAs on, an
/// IKE_SA_INIT request needs a COOKIE (RFC 7296 §2.6); at <paramref name="MaxHalfOpen"/> new requests are
/// dropped; and one peer address holds at most <paramref name="MaxSasPerPeer"/> IKE SAs (a reauthentication
/// briefly needs two). The cookie secret is replaced every <paramref name="CookieSecretRotation"/>.
/// </summary>
public sealed record ResponderLimits(
    int CookieThreshold = 32, int MaxHalfOpen = 1024, int MaxSasPerPeer = 8, TimeSpan? CookieSecretRotation = null)
{
    public static ResponderLimits Default { get; } = new();

    public TimeSpan EffectiveCookieSecretRotation => CookieSecretRotation ?? TimeSpan.FromMinutes(2);
}
