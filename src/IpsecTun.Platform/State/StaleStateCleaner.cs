using System.Diagnostics;
using System.Runtime.Versioning;
using IpsecTun.Platform.Netlink;
using Tmds.Linux;

namespace IpsecTun.Platform.State;

/// <summary>
/// Linux: at start, removes what a crashed run of the same endpoint left in the caller's network namespace,
/// as listed in its <see cref="StateFile"/>: routes and addresses (newest first), then the TUN device if one
/// with the recorded name and index is still there. Partial and stale lists are expected: an entry already
/// gone counts as such, one that cannot be removed is reported and the rest still go. The file is deleted
/// afterwards, also when it could not be parsed. Nothing is touched while the recorded owner still runs.
/// </summary>
[SupportedOSPlatform("linux")]
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

        var tally = new CleanupTally();
        using (var socket = new NetlinkSocket())
        {
            foreach (RouteRecord record in Enumerable.Reverse(state.Routes ?? []))
            {
                Remove(socket, tally, record, () => new ConfiguredEntry(null, record.ToRoute()));
            }

            foreach (AddressRecord record in Enumerable.Reverse(state.Addresses ?? []))
            {
                Remove(socket, tally, record, () => new ConfiguredEntry(record.ToAddress(), null));
            }

            if (state.Device is { } device)
            {
                RemoveDevice(socket, tally, device);
            }
        }

        File.Delete(stateFilePath);
        return tally.Report();
    }

    private static void Remove(NetlinkSocket socket, CleanupTally tally, object record, Func<ConfiguredEntry> parse)
    {
        ConfiguredEntry entry;
        try
        {
            entry = parse();
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            tally.Fail($"{record} is not a valid entry");
            return;
        }

        tally.Count(socket.Execute(NetlinkNetworkConfigurator.Request(entry, add: false)), entry.ToString());
    }

    private static void RemoveDevice(NetlinkSocket socket, CleanupTally tally, DeviceRecord device)
    {
        if (device.Name is not { Length: > 0 and <= LinkMessages.MaxNameLength } name || !System.Text.Ascii.IsValid(name))
        {
            tally.Fail($"{device} does not name an interface");
            return;
        }

        int errno = socket.Query(LinkMessages.Lookup(new byte[RouteMessages.MaxRequestSize], name), LinkMessages.NewLink, out byte[] reply);
        if (errno == 0 && LinkMessages.TryReadIndex(reply, out int index) && index == device.InterfaceIndex)
        {
            tally.Count(socket.Execute(LinkMessages.Delete(new byte[RouteMessages.MaxRequestSize], index)), $"device {name}");
        }
        else if (errno == 0 || errno == LibC.ENODEV)
        {
            // Gone, or the name now belongs to a device made since: either way not ours to remove.
            tally.CountAlreadyGone();
        }
        else
        {
            tally.Count(errno, $"device {name}");
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
