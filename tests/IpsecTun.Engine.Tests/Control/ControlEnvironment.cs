using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Tests.Control;

/// <summary>
/// Sets IPSECTUN_CONTROL for one test and restores it afterwards. The variable is process-wide, so tests
/// that use it share one collection and never run at the same time.
/// </summary>
[CollectionDefinition(nameof(ControlEnvironment), DisableParallelization = true)]
public sealed class ControlEnvironment : IDisposable
{
    private readonly string? saved = Environment.GetEnvironmentVariable(ControlPath.EnvironmentVariable);

    public ControlEnvironment(string? value) => Set(value);

    public static void Set(string? value) => Environment.SetEnvironmentVariable(ControlPath.EnvironmentVariable, value);

    public void Dispose() => Environment.SetEnvironmentVariable(ControlPath.EnvironmentVariable, saved);
}
