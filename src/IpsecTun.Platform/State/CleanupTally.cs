using IpsecTun.Platform.Netlink;

namespace IpsecTun.Platform.State;

/// <summary>Counts what a cleanup removed, found already gone, or could not remove.</summary>
internal sealed class CleanupTally
{
    private readonly List<string> _failures = [];
    private int _removed;
    private int _alreadyGone;

    /// <summary>Counts the kernel's answer to one removal.</summary>
    public void Count(int errno, string what)
    {
        if (errno == 0)
        {
            _removed++;
        }
        else if (NetlinkNetworkConfigurator.IsGone(errno))
        {
            _alreadyGone++;
        }
        else
        {
            Fail($"{what}: {NativeErrors.FromErrno(errno, "remove").Message}");
        }
    }

    public void CountAlreadyGone() => _alreadyGone++;

    public void Fail(string failure) => _failures.Add(failure);

    public StaleCleanupReport Report() => new(true, false, _removed, _alreadyGone, _failures);
}
