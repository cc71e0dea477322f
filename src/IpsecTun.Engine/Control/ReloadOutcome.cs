namespace IpsecTun.Engine.Control;

/// <summary>
/// The result of a reload: when the new configuration has errors nothing changes and
/// <see cref="Errors"/> lists them (file, entry, property); otherwise how many tunnels were kept.
/// </summary>
public sealed record ReloadOutcome(IReadOnlyList<string> Errors, int TunnelsKept, int TunnelsRestarted)
{
    public bool Succeeded => Errors.Count == 0;
}
