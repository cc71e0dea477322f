using System.Diagnostics;

namespace IpsecTun.Platform.Dns;

/// <summary>Runs commands as child processes, waiting at most ten seconds for each.</summary>
public sealed class ProcessCommandRunner : ICommandRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public (int ExitCode, string Error) Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started");
        Task<string> error = process.StandardError.ReadToEndAsync();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} did not finish within {Timeout.TotalSeconds} s");
        }

        output.Wait();
        return (process.ExitCode, error.Result.Trim());
    }
}
