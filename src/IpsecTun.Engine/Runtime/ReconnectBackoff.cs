namespace IpsecTun.Engine.Runtime;

/// <summary>
/// The wait before re-initiating a peer that died or failed: 5 s, doubling with each failure in a row, at
/// most 5 min; a successful connection starts the series again.
/// </summary>
internal sealed class ReconnectBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(5);

    private TimeSpan _next = First;

    /// <summary>The wait for this failure; the next one waits twice as long.</summary>
    public TimeSpan Next()
    {
        TimeSpan wait = _next;
        _next = _next * 2 > Longest ? Longest : _next * 2;
        return wait;
    }

    public void Reset() => _next = First;
}
