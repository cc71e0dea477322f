using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace IpsecTun.Config;

/// <summary>Either a configuration or every error found in it, never both.</summary>
public sealed record ConfigurationLoadResult(IpsecConfiguration? Configuration, ImmutableArray<ConfigurationError> Errors)
{
    [MemberNotNullWhen(true, nameof(Configuration))]
    public bool Succeeded => Configuration is not null;
}
