using Microsoft.Extensions.Configuration;

namespace IpsecTun.Config.Loading;

/// <summary>
/// Says where a configuration key's value came from, so that an error points at the file, the
/// environment variable or the <c>--set</c> that must change. Later providers win, as in
/// Microsoft.Extensions.Configuration itself.
/// </summary>
internal sealed class SourceLocator
{
    private readonly IReadOnlyList<(IConfigurationProvider Provider, Func<string, string> Describe)> providers;

    public SourceLocator(IReadOnlyList<(IConfigurationProvider Provider, Func<string, string> Describe)> providers, string fallback)
    {
        this.providers = providers;
        Fallback = fallback;
    }

    /// <summary>The source named when nothing defines the key: the file, or "built-in" for RouterOS's own entries.</summary>
    public string Fallback { get; }

    /// <summary>The source of <paramref name="key"/>, or of something under it when it is a section; null when none has it.</summary>
    public string? Find(string key)
    {
        for (var i = providers.Count - 1; i >= 0; i--)
        {
            var (provider, describe) = providers[i];
            if (provider.TryGet(key, out _))
            {
                return describe(key);
            }

            var child = provider.GetChildKeys([], key).FirstOrDefault();
            if (child is not null)
            {
                return describe(key + ConfigurationPath.KeyDelimiter + child);
            }
        }

        return null;
    }
}
