using System.Diagnostics;
using System.Runtime.InteropServices;

namespace IpsecTun.Cli.Tests;

/// <summary>Runs the built ipsectun as user nobody (through setpriv), to meet the control socket's permission checks.</summary>
internal static class OtherUser
{
    public const uint Nobody = 65534;

    /// <summary>Why the tests that need it cannot run here, or null when they can.</summary>
    public static string? Unavailable =>
        Environment.UserName != "root" ? "needs root to run a command as another user"
        : !File.Exists("/usr/bin/setpriv") ? "needs setpriv (util-linux)"
        : null;

    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var dotnet = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
        var start = new ProcessStartInfo("/usr/bin/setpriv", [$"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", dotnet, Path.Combine(AppContext.BaseDirectory, "ipsectun.dll"), .. args])
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
