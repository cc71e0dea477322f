using System.Diagnostics;
using System.Text.Json;

namespace IpsecTun.Platform.State;

/// <summary>
/// The state file of one running endpoint (e.g. /run/ipsectun/NAME.state): rewritten whole, through a
/// temporary file and a rename, after every change, so a crash leaves either the old or the new content.
/// An entry is recorded before the system is changed and forgotten if the change fails, so nothing the
/// process added is missing from the file; the cleaner tolerates entries that never took effect.
/// Delete it on a clean exit, once everything it lists is undone.
/// </summary>
public sealed class StateFile
{
    private readonly Lock _lock = new();
    private readonly ConfigurationState _state;

    /// <summary>Starts a state file at <paramref name="path"/> for this process, replacing any earlier one.</summary>
    public StateFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        using Process self = Process.GetCurrentProcess();
        _state = new ConfigurationState { ProcessId = self.Id, ProcessStartTime = self.StartTime.ToUniversalTime() };
        Write();
    }

    public string Path { get; }

    /// <summary>/run/ipsectun/NAME.state on Unix, %ProgramData%\ipsectun\NAME.state on Windows.</summary>
    public static string DefaultPath(string instanceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceName);
        if (instanceName.IndexOfAny(['/', '\\']) >= 0 || instanceName is "." or "..")
        {
            throw new ArgumentException("An instance name is a plain file name.", nameof(instanceName));
        }

        string directory = OperatingSystem.IsWindows()
            ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "ipsectun")
            : "/run/ipsectun";
        return System.IO.Path.Combine(directory, instanceName + ".state");
    }

    /// <summary>Reads a state file; false when it is absent, null state when it cannot be parsed.</summary>
    public static bool TryRead(string path, out ConfigurationState? state)
    {
        state = null;
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }

        try
        {
            state = JsonSerializer.Deserialize(content, StateJsonContext.Default.ConfigurationState);
        }
        catch (JsonException)
        {
            state = null;
        }

        return true;
    }

    public void RecordDevice(string name, int interfaceIndex) =>
        Update(state => state.Device = new DeviceRecord(name, interfaceIndex));

    public void Record(InterfaceAddress address) => Update(state => state.Addresses.Add(AddressRecord.From(address)));

    public void Forget(InterfaceAddress address) => Update(state => RemoveLast(state.Addresses, AddressRecord.From(address)));

    public void Record(RouteEntry route) => Update(state => state.Routes.Add(RouteRecord.From(route)));

    public void Forget(RouteEntry route) => Update(state => RemoveLast(state.Routes, RouteRecord.From(route)));

    public void Record(RoutingRule rule) => Update(state => state.Rules.Add(RuleRecord.From(rule)));

    public void Forget(RoutingRule rule) => Update(state => RemoveLast(state.Rules, RuleRecord.From(rule)));

    public void Record(ResolvConfRecord resolvConf) => Update(state => state.ResolvConf = resolvConf);

    public void ForgetResolvConf() => Update(state => state.ResolvConf = null);

    /// <summary>Records what IPv4 forwarding was before this run changes it (the first change is the one kept).</summary>
    public void RecordIpv4Forwarding(bool before) => Update(state => state.Ipv4ForwardingBefore ??= before);

    public void ForgetIpv4Forwarding() => Update(state => state.Ipv4ForwardingBefore = null);

    /// <summary>Forgets every address, route and rule (they were undone) and keeps the device.</summary>
    public void ForgetConfiguration() => Update(state =>
    {
        state.Addresses.Clear();
        state.Routes.Clear();
        state.Rules.Clear();
    });

    /// <summary>Removes the file: everything it listed is undone.</summary>
    public void Delete()
    {
        lock (_lock)
        {
            File.Delete(Path);
        }
    }

    private void Update(Action<ConfigurationState> change)
    {
        lock (_lock)
        {
            change(_state);
            Write();
        }
    }

    private void Write()
    {
        string? directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        string temporary = Path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(_state, StateJsonContext.Default.ConfigurationState));
        File.Move(temporary, Path, overwrite: true);
    }

    private static void RemoveLast<T>(List<T> records, T record)
    {
        int index = records.LastIndexOf(record);
        if (index >= 0)
        {
            records.RemoveAt(index);
        }
    }
}
