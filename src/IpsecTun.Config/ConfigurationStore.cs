namespace IpsecTun.Config;

/// <summary>
/// Holds the configuration in force. A reload loads the file afresh and swaps the whole configuration
/// in one step if, and only if, it has no errors; otherwise the old one stays.
/// </summary>
public sealed class ConfigurationStore
{
    private readonly ConfigurationLoadOptions options;
    private IpsecConfiguration current;

    private ConfigurationStore(ConfigurationLoadOptions options, IpsecConfiguration current)
    {
        this.options = options;
        this.current = current;
    }

    public IpsecConfiguration Current => Volatile.Read(ref current);

    /// <summary>Loads the first configuration; null (with the errors) when it has errors.</summary>
    public static ConfigurationStore? Open(ConfigurationLoadOptions options, out ConfigurationLoadResult result)
    {
        result = ConfigurationLoader.Load(options);
        return result.Succeeded ? new ConfigurationStore(options, result.Configuration) : null;
    }

    public ConfigurationLoadResult Reload()
    {
        var result = ConfigurationLoader.Load(options);
        if (result.Succeeded)
        {
            Volatile.Write(ref current, result.Configuration);
        }

        return result;
    }
}
