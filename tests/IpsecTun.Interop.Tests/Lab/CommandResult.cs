namespace IpsecTun.Interop.Tests.Lab;

/// <summary>A finished command: its exit code and everything it printed.</summary>
internal sealed record CommandResult(string Command, int ExitCode, string Output, string Error)
{
    public CommandResult EnsureSuccess() => ExitCode == 0
        ? this
        : throw new InvalidOperationException($"'{Command}' exited with {ExitCode}: {Error.Trim()} {Output.Trim()}");

    public override string ToString() => $"$ {Command} -> {ExitCode}\n{Output}{Error}";
}
