namespace IpsecTun.Platform.State;

/// <summary>Counts what a cleanup removed, found already gone, or could not remove, by the system's error codes.</summary>
internal sealed class CleanupTally(UndoingNetworkConfigurator system)
{
    private readonly List<string> _failures = [];
    private int _removed;
    private int _alreadyGone;

    /// <summary>Counts the system's answer to one removal.</summary>
    public void Count(int error, string what)
    {
        if (error == 0)
        {
            _removed++;
        }
        else if (system.IsAlreadyGone(error))
        {
            _alreadyGone++;
        }
        else
        {
            Fail(system.ErrorFor(error, what).Message);
        }
    }

    /// <summary>Counts an entry the system no longer holds as the file says (someone else changed it since).</summary>
    public void CountAlreadyGone() => _alreadyGone++;

    public void Fail(string failure) => _failures.Add(failure);

    public StaleCleanupReport Report() => new(true, false, _removed, _alreadyGone, _failures);
}
