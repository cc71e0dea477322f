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

        var failures = new List<string>();
        int removed = 0;
        int alreadyGone = 0;
        using (var socket = new NetlinkSocket())
        {
            var entries = (state.Routes ?? []).Select(r => Parse(() => new ConfiguredEntry(null, r.ToRoute()), r, failures))
                .Reverse()
                .Concat((state.Addresses ?? []).Select(a => Parse(() => new ConfiguredEntry(a.ToAddress(), null), a, failures)).Reverse());
            foreach (ConfiguredEntry? entry in entries)
            {
                if (entry is { } valid)
                {
                    Count(socket.Execute(NetlinkNetworkConfigurator.Request(valid, add: false)), valid.ToString());
                }
            }

            if (state.Device is { } device)
            {
                RemoveDevice(socket, device, Count, failures);
            }
        }

        File.Delete(stateFilePath);
        return new StaleCleanupReport(true, false, removed, alreadyGone, failures);

        void Count(int errno, string what)
        {
            if (errno == 0)
            {
                removed++;
            }
            else if (NetlinkNetworkConfigurator.IsGone(errno))
            {
                alreadyGone++;
            }
            else
            {
                failures.Add($"{what}: {NativeErrors.FromErrno(errno, "remove").Message}");
            }
        }
    }

    private static void RemoveDevice(NetlinkSocket socket, DeviceRecord device, Action<int, string> count, List<string> failures)
    {
        Span<byte> lookup;
        try
        {
            lookup = LinkMessages.Lookup(new byte[RouteMessages.MaxRequestSize], device.Name);
        }
        catch (ArgumentException)
        {
            failures.Add($"device name {device.Name} is not an interface name");
            return;
        }

        int errno = socket.Query(lookup, LinkMessages.NewLink, out byte[] reply);
        if (errno == 0 && LinkMessages.TryReadIndex(reply, out int index) && index == device.InterfaceIndex)
        {
            count(socket.Execute(LinkMessages.Delete(new byte[RouteMessages.MaxRequestSize], index)), $"device {device.Name}");
        }
        else if (errno == 0 || errno == LibC.ENODEV)
        {
            // Gone, or the name now belongs to a device made since: either way not ours to remove.
            count(LibC.ENODEV, $"device {device.Name}");
        }
        else
        {
            count(errno, $"device {device.Name}");
        }
    }

    private static ConfiguredEntry? Parse(Func<ConfiguredEntry> parse, object record, List<string> failures)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            failures.Add($"{record} is not a valid entry");
            return null;
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
