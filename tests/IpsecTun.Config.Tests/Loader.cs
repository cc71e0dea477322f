namespace IpsecTun.Config.Tests;

/// <summary>Loads JSON text as a configuration file named config.json in a fresh directory.</summary>
internal static class Loader
{
    /// <summary>An environment prefix no variable of the machine has, so tests never see each other's variables.</summary>
    public const string IsolatedPrefix = "CONFIG_TEST_UNUSED_";

    public static ConfigurationLoadResult Load(string json, params string[] overrides)
    {
        using var directory = new TempDirectory();
        return Load(directory, json, overrides);
    }

    public static ConfigurationLoadResult Load(TempDirectory directory, string json, params string[] overrides) =>
        ConfigurationLoader.Load(new ConfigurationLoadOptions(directory.Write("config.json", json), overrides, IsolatedPrefix));

    /// <summary>The configuration, failing the test with every error when there are some.</summary>
    public static IpsecConfiguration Valid(string json, params string[] overrides) => Valid(Load(json, overrides));

    public static IpsecConfiguration Valid(ConfigurationLoadResult result)
    {
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Configuration;
    }

    /// <summary>The errors as the check command prints them, asserting there are some.</summary>
    public static IReadOnlyList<string> Errors(string json, params string[] overrides) => Errors(Load(json, overrides));

    public static IReadOnlyList<string> Errors(ConfigurationLoadResult result)
    {
        Assert.False(result.Succeeded, "the configuration loaded, errors were expected");
        return [.. result.Errors.Select(e => e.ToString())];
    }

    /// <summary>The single error about <paramref name="property"/> of <paramref name="entryStart"/>.</summary>
    public static ConfigurationError ErrorAbout(ConfigurationLoadResult result, string entryStart, string property)
    {
        Assert.False(result.Succeeded, "the configuration loaded, errors were expected");
        var matching = result.Errors.Where(e => e.Entry.StartsWith(entryStart, StringComparison.Ordinal) && e.Property == property).ToList();
        Assert.True(matching.Count == 1, $"expected one error on {entryStart} {property}, got:{Environment.NewLine}{string.Join(Environment.NewLine, result.Errors)}");
        return matching[0];
    }
}
