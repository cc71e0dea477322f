using System.Diagnostics;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>Runs programs of the lab (ip, swanctl, ping, iperf3, ipsectun) and collects their output.</summary>
internal static class Command
{
    public static CommandResult Run(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        string text = $"{file} {string.Join(' ', start.ArgumentList)}";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {text}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new CommandResult(text, -1, output.Result, error.Result + $"\n(killed after {timeout.TotalSeconds} s)");
        }

        return new CommandResult(text, process.ExitCode, output.Result, error.Result);
    }

    public static CommandResult Run(string file, params string[] arguments) => Run(file, arguments, TimeSpan.FromSeconds(30));
}
