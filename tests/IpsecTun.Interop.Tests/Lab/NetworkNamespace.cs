namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// A network namespace with a name unique to this test process, deleted on Dispose with every process
/// still running in it, so a failed test leaves nothing behind.
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    private static int s_counter;

    public NetworkNamespace(string role)
    {
        Name = $"itun-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}-{role}";
        Command.Run("ip", "netns", "add", Name).EnsureSuccess();
        Ip("link", "set", "lo", "up");
    }

    public string Name { get; }

    /// <summary>Runs `ip ARGS` inside the namespace and throws on failure.</summary>
    public CommandResult Ip(params string[] arguments) => Command.Run("ip", ["-n", Name, .. arguments], TimeSpan.FromSeconds(10)).EnsureSuccess();

    /// <summary>Runs a program inside the namespace.</summary>
    public CommandResult Exec(TimeSpan timeout, params string[] command) => Command.Run("ip", ["netns", "exec", Name, .. command], timeout);

    /// <summary>The argument list that starts <paramref name="command"/> inside the namespace, for long-running processes.</summary>
    public string[] Wrap(params string[] command) => ["netns", "exec", Name, .. command];

    public void Dispose()
    {
        CommandResult pids = Command.Run("ip", "netns", "pids", Name);
        foreach (string pid in pids.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Command.Run("kill", "-9", pid);
        }

        Command.Run("ip", "netns", "del", Name);
    }
}
