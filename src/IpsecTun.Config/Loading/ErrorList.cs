using System.Collections.Immutable;

namespace IpsecTun.Config.Loading;

/// <summary>Collects every error of one load, so that all of them are reported together.</summary>
internal sealed class ErrorList
{
    private readonly List<ConfigurationError> errors = [];

    public bool Any => errors.Count > 0;

    public void Add(ConfigurationError error) => errors.Add(error);

    public ImmutableArray<ConfigurationError> ToImmutable() => [.. errors];
}
