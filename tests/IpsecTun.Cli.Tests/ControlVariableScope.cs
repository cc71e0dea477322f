using IpsecTun.Engine.Control;

namespace IpsecTun.Cli.Tests;

/// <summary>Sets IPSECTUN_CONTROL (or clears it, for null) until disposed, then puts back what was there.</summary>
internal sealed class ControlVariableScope : IDisposable
{
    private readonly string? saved = Environment.GetEnvironmentVariable(ControlPath.EnvironmentVariable);

    public ControlVariableScope(string? value) => Environment.SetEnvironmentVariable(ControlPath.EnvironmentVariable, value);

    public void Dispose() => Environment.SetEnvironmentVariable(ControlPath.EnvironmentVariable, saved);
}
