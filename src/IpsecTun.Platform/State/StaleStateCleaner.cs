using System.Diagnostics;

namespace IpsecTun.Platform.State;

/// <summary>
/// At start, removes what a crashed run of the same endpoint left, as listed in its <see cref="StateFile"/>:
/// routing rules, routes and addresses (newest first), then the TUN device if one with the recorded name and index is
/// still there, the replaced resolv.conf, and IPv4 forwarding as it was before the run turned it (if it
/// still holds what the run set). Partial and stale lists are expected: an entry already gone counts as such, one that
/// cannot be removed is reported and the rest still go. The file is deleted afterwards, also when it could
/// not be parsed. Nothing is touched while the recorded owner still runs. Runs in the caller's network
/// namespace (Linux) through the system's configurator.
/// </summary>
public static class StaleStateCleaner
{
    public static StaleCleanupReport Clean(string stateFilePath)
    {
        if (!StateFile.TryRead(stateFilePath, out ConfigurationState? state))
        {
            return StaleCleanupReport.NothingFound;
        }

        if (state is null)
        {
            File.Delete(stateFilePath);
            return new StaleCleanupReport(true, false, 0, 0, [$"{stateFilePath} could not be parsed and was removed"]);
        }

        if (OwnerRuns(state))
        {
            return new StaleCleanupReport(true, true, 0, 0, []);
        }

        StaleCleanupReport report;
        using (var system = (UndoingNetworkConfigurator)HostPlatform.CreateConfigurator())
        {
            var tally = new CleanupTally(system);
            foreach (RuleRecord record in Enumerable.Reverse(state.Rules ?? []))
            {
                Remove(system, tally, record, () => new ConfiguredEntry(null, null, record.ToRule()));
            }

            foreach (RouteRecord record in Enumerable.Reverse(state.Routes ?? []))
            {
                Remove(system, tally, record, () => new ConfiguredEntry(null, record.ToRoute()));
            }

            foreach (AddressRecord record in Enumerable.Reverse(state.Addresses ?? []))
            {
                Remove(system, tally, record, () => new ConfiguredEntry(record.ToAddress(), null));
            }

            if (state.Device is { } device)
            {
                RemoveDevice(system, tally, device);
            }

            if (state.ResolvConf is { } resolvConf)
            {
                RestoreResolvConf(tally, resolvConf);
            }

            if (state.Ipv4ForwardingBefore is { } before)
            {
                RestoreForwarding(tally, before);
            }

            report = tally.Report();
        }

        File.Delete(stateFilePath);
        return report;
    }

    private static void Remove(UndoingNetworkConfigurator system, CleanupTally tally, object record, Func<ConfiguredEntry> parse)
    {
        ConfiguredEntry entry;
        try
        {
            entry = parse();
            entry.Route?.Validate();
            entry.Rule?.Validate();
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            tally.Fail($"{record} is not a valid entry");
            return;
        }

        tally.Count(system.Apply(entry, add: false), entry.ToString());
    }

    private static void RemoveDevice(UndoingNetworkConfigurator system, CleanupTally tally, DeviceRecord device)
    {
        try
        {
            ArgumentException.ThrowIfNullOrEmpty(device.Name);
            tally.Count(system.RemoveDevice(device), $"device {device.Name}");
        }
        catch (ArgumentException)
        {
            tally.Fail($"{device} does not name an interface");
        }
    }

    private static void RestoreResolvConf(CleanupTally tally, ResolvConfRecord record)
    {
        try
        {
            Dns.ResolvConfFile.Restore(record);
            tally.Count(0, record.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            tally.Fail($"{record.Path} could not be restored: {e.Message}");
        }
    }

    private static void RestoreForwarding(CleanupTally tally, bool before)
    {
        if (!OperatingSystem.IsLinux())
        {
            tally.Fail("IPv4 forwarding is recorded, but this system has no net.ipv4.ip_forward to restore");
            return;
        }

        try
        {
            var forwarding = new ProcIpForwarding();
            if (forwarding.Ipv4Enabled == before)
            {
                tally.CountAlreadyGone();
                return;
            }

            forwarding.Ipv4Enabled = before;
            tally.Count(0, "net.ipv4.ip_forward");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            tally.Fail($"net.ipv4.ip_forward could not be set back to {(before ? 1 : 0)}: {e.Message}");
        }
    }

    private static bool OwnerRuns(ConfigurationState state)
    {
        try
        {
            using Process owner = Process.GetProcessById(state.ProcessId);
            return (owner.StartTime.ToUniversalTime() - state.ProcessStartTime).Duration() < TimeSpan.FromSeconds(1);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
