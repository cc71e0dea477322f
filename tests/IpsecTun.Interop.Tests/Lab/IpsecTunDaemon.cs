namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// `ipsectun run --debug` in a namespace with the given configuration and a control socket of its own (debug
/// lines make a failure's log say why); the
/// command line's other commands are run against that socket. Dispose stops it with SIGTERM, which
/// deletes its SAs with the peers and removes its adapter and routes.
/// </summary>
internal sealed class IpsecTunDaemon : IDisposable
{
    private readonly BackgroundProcess _process;

    public IpsecTunDaemon(NetworkNamespace netns, TemporaryDirectory directory, string configurationJson)
    {
        Namespace = netns;
        ControlSocket = Path.Combine(directory.Path, "control.sock");
        ConfigurationFile = directory.Write("ipsectun.json", configurationJson);
        _process = new BackgroundProcess("ip", netns.Wrap(Program, "run", "--config", ConfigurationFile, "--control", ControlSocket, "--debug"), Environment);
        StrongSwanDaemon.WaitFor(() => File.Exists(ControlSocket) || _process.HasExited, TimeSpan.FromSeconds(30), "ipsectun's control socket");
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"ipsectun run exited with {_process.ExitCode}: {_process.Output}");
        }
    }

    /// <summary>The ipsectun program built beside the tests.</summary>
    public static string Program => Path.Combine(AppContext.BaseDirectory, "ipsectun");

    public NetworkNamespace Namespace { get; }

    public string ControlSocket { get; }

    public string ConfigurationFile { get; }

    /// <summary>What the endpoint logged so far.</summary>
    public string Log => _process.Output;

    public bool HasExited => _process.HasExited;

    /// <summary>Where the tests' own runtime is installed; the program finds its runtime there.</summary>
    public static string DotnetRoot => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));

    private static Dictionary<string, string> Environment => new() { ["DOTNET_ROOT"] = DotnetRoot };

    /// <summary>
    /// The endpoint's resident memory in KiB (VmRSS). `ip netns exec` and `env` exec into the program, so the
    /// process started is the endpoint itself.
    /// </summary>
    public long ResidentKib()
    {
        string status = File.ReadAllText($"/proc/{_process.Id}/status");
        string line = status.Split('\n').Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs an ipsectun command against this endpoint's control socket.</summary>
    public CommandResult Cli(params string[] arguments) =>
        Command.Run("ip", Namespace.Wrap(["env", $"DOTNET_ROOT={DotnetRoot}", Program, .. arguments, "--control", ControlSocket]), TimeSpan.FromSeconds(60));

    /// <summary>The rows of a menu (`show MENU --json`), each as property name to value (flags as true or false).</summary>
    public IReadOnlyList<Dictionary<string, string>> Show(string menu)
    {
        CommandResult result = Cli("show", menu, "--json");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"show {menu} failed: {result}");
        }

        using var rows = System.Text.Json.JsonDocument.Parse(result.Output);
        return [.. rows.RootElement.EnumerateArray().Select(row => row.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == System.Text.Json.JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))];
    }

    /// <summary>The SPIs `show installed-sa` lists.</summary>
    public HashSet<string> InstalledSpis() => [.. Show("installed-sa").Select(row => row["spi"])];

    /// <summary>Stops the endpoint as SIGTERM does and returns its exit code, or null when it did not end in time.</summary>
    public int? Stop()
    {
        _process.Terminate(TimeSpan.FromSeconds(20));
        return _process.ExitCode;
    }

    /// <summary>Sends the signal <paramref name="name"/> (HUP, INT, TERM) to the endpoint without waiting for its effect.</summary>
    public void Signal(string name) =>
        Command.Run("kill", $"-{name}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).EnsureSuccess();

    /// <summary>Kills the endpoint with SIGKILL, as a crash would end it, and waits until it is gone.</summary>
    public void Kill()
    {
        Command.Run("kill", "-KILL", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).EnsureSuccess();
        StrongSwanDaemon.WaitFor(() => _process.HasExited, TimeSpan.FromSeconds(20), "the killed ipsectun to end");
    }

    public void Dispose() => _process.Dispose();
}
