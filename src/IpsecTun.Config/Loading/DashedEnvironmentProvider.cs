using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace IpsecTun.Config.Loading;

/// <summary>
/// Environment variables read as Microsoft.Extensions.Configuration reads them (<c>__</c> between path
/// parts), except that a single underscore also stands for a dash: shells cannot export a name such as
/// <c>IPSECTUN_ip__ipsec__peer__0__exchange-mode</c>, and no menu or property name holds an underscore.
/// The variables commands read themselves (<see cref="ConfigurationLoadOptions.CommandVariables"/>) are left out.
/// </summary>
internal sealed class DashedEnvironmentProvider(string prefix) : EnvironmentVariablesConfigurationProvider(prefix)
{
    public override void Load()
    {
        base.Load();
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in Data)
        {
            if (ConfigurationLoadOptions.CommandVariables.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            data[key.Replace('_', '-')] = value;
        }

        Data = data;
    }

    /// <summary>The variable that holds <paramref name="key"/>: as written with dashes, or with underscores for them.</summary>
    public static string VariableName(string prefix, string key)
    {
        var dashed = prefix + key.Replace(":", "__", StringComparison.Ordinal);
        var underscored = prefix + key.Replace(":", "__", StringComparison.Ordinal).Replace('-', '_');
        return Environment.GetEnvironmentVariable(dashed) is null && Environment.GetEnvironmentVariable(underscored) is not null ? underscored : dashed;
    }
}
