using System.Diagnostics;
using System.Runtime.InteropServices;

namespace IpsecTun.Cli.Tests;

/// <summary>
/// Runs the built ipsectun (the ipsectun.dll beside these tests, through dotnet) as a process of its own:
/// as user nobody through setpriv, or as this process's own unprivileged user.
/// </summary>
internal static class BuiltCli
{
    public const uint Nobody = 65534;

    /// <summary>Why the command cannot run as user nobody here, or null when it can.</summary>
    public static string? NobodyUnavailable =>
        !Environment.IsPrivilegedProcess ? "needs root to run a command as another user"
        : !File.Exists("/usr/bin/setpriv") ? "needs setpriv (util-linux)"
        : null;

    /// <summary>Why the command cannot run without root here, or null when it can: as nobody when this process is root, else as its own user.</summary>
    public static string? UnprivilegedUnavailable => Environment.IsPrivilegedProcess ? NobodyUnavailable : null;

    private static string Dotnet => Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));

    private static string Assembly => Path.Combine(AppContext.BaseDirectory, "ipsectun.dll");

    public static Task<(int Code, string Output, string Error)> RunAsNobodyAsync(params string[] args) =>
        RunAsync("/usr/bin/setpriv", [$"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", Dotnet, Assembly, .. args]);

    /// <summary>Runs without root: as nobody when this process is root, else as this process's own user.</summary>
    public static Task<(int Code, string Output, string Error)> RunUnprivilegedAsync(params string[] args) =>
        Environment.IsPrivilegedProcess ? RunAsNobodyAsync(args) : RunAsync(Dotnet, [Assembly, .. args]);

    private static async Task<(int Code, string Output, string Error)> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        start.Environment["HOME"] = "/tmp";
        start.Environment["DOTNET_CLI_HOME"] = "/tmp";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
