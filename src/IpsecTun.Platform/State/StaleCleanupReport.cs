namespace IpsecTun.Platform.State;

/// <summary>
/// What <see cref="StaleStateCleaner"/> found: whether there was a state file, whether its owner still runs
/// (then nothing was touched), how many entries it removed and how many were already gone, and the
/// entries it could not remove, one line each.
/// </summary>
public sealed record StaleCleanupReport(bool Found, bool OwnerRunning, int Removed, int AlreadyGone, IReadOnlyList<string> Failures)
{
    public static readonly StaleCleanupReport NothingFound = new(false, false, 0, 0, []);
}
