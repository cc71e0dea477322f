namespace IpsecTun.Platform.Dns;

/// <summary>Runs a system command; injected so that tests see the command lines without running them.</summary>
public interface ICommandRunner
{
    /// <summary>Runs <paramref name="program"/> to its end; returns its exit code and what it wrote to standard error.</summary>
    (int ExitCode, string Error) Run(string program, IReadOnlyList<string> arguments);
}
