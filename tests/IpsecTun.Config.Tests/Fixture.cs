using IpsecTun.Config.Import;

namespace IpsecTun.Config.Tests;

/// <summary>The manual's command examples, copied into Fixtures/*.rsc, imported and loaded.</summary>
internal static class Fixture
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".rsc");

    public static RouterOsImport Import(string name) => RouterOsImporter.Import(File.ReadAllText(PathOf(name)), name + ".rsc");

    /// <summary>Imports a fixture that must import cleanly.</summary>
    public static RouterOsImport Imported(string name)
    {
        var result = Import(name);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result;
    }

    /// <summary>Loads the imported JSON from <paramref name="directory"/>, with overrides.</summary>
    public static ConfigurationLoadResult Load(RouterOsImport import, TempDirectory directory, params string[] overrides)
    {
        Assert.True(import.Succeeded, string.Join(Environment.NewLine, import.Errors));
        return Loader.Load(directory, import.Json, overrides);
    }

    public static IpsecConfiguration Valid(RouterOsImport import, TempDirectory directory, params string[] overrides) =>
        Loader.Valid(Load(import, directory, overrides));
}
