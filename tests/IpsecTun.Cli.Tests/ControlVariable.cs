namespace IpsecTun.Cli.Tests;

/// <summary>Tests that set IPSECTUN_CONTROL, a process-wide variable, run one at a time.</summary>
[CollectionDefinition(nameof(ControlVariable), DisableParallelization = true)]
public sealed class ControlVariable;
