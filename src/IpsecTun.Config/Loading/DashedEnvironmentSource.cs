using Microsoft.Extensions.Configuration;

namespace IpsecTun.Config.Loading;

/// <summary>Adds <see cref="DashedEnvironmentProvider"/> to a configuration.</summary>
internal sealed class DashedEnvironmentSource(string prefix) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new DashedEnvironmentProvider(prefix);
}
