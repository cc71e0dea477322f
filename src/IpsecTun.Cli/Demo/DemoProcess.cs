using System.Diagnostics;

namespace IpsecTun.Cli.Demo;

/// <summary>
/// Starts programs for the demo: `ip` itself, and this very program inside a network namespace (the
/// same binary, whether it was started as an app host or through `dotnet ipsectun.dll`).
/// </summary>
internal static class DemoProcess
{
    /// <summary>The command line that starts this program again: its executable, and its assembly when the host is `dotnet`.</summary>
    public static string[] Self
    {
        get
        {
            string host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is unknown.");
            string assembly = typeof(DemoProcess).Assembly.Location;
            return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, assembly] : [host];
        }
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> command, bool redirect)
    {
        string[] all = [.. command];
        var start = new ProcessStartInfo(all[0]) { RedirectStandardOutput = redirect, RedirectStandardError = redirect };
        foreach (string argument in all[1..])
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Runs a command to its end with its output going to this program's; returns its exit code.</summary>
    public static int Run(params string[] command)
    {
        using Process process = Process.Start(StartInfo(command, redirect: false)) ?? throw new InvalidOperationException($"Cannot start {command[0]}.");
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Runs a command whose output only matters when it fails; throws with that output then.</summary>
    public static void RunQuietly(params string[] command)
    {
        (int exitCode, string output) = Capture(command);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'{string.Join(' ', command)}' failed: {output.Trim()}");
        }
    }

    /// <summary>Runs a clean-up command whose failure changes nothing (the thing may be gone already).</summary>
    public static void RunQuietlyOrIgnore(params string[] command) => Capture(command);

    /// <summary>Runs a command to its end and returns its exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Capture(params string[] command)
    {
        using Process process = Process.Start(StartInfo(command, redirect: true)) ?? throw new InvalidOperationException($"Cannot start {command[0]}.");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
