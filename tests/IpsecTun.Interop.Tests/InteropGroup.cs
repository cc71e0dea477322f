namespace IpsecTun.Interop.Tests;

/// <summary>Interop tests share the machine's CPU and its strongSwan binaries: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InteropGroup
{
    public const string Name = "interop";
}
