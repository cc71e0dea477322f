using IpsecTun.Config;
using IpsecTun.Engine.Plan;

namespace IpsecTun.Engine.Tests;

/// <summary>Loads JSON configuration text through the real loader (from a file in a fresh directory) and plans it.</summary>
internal static class ConfigurationText
{
    // No variable of the machine has this prefix, so the environment never changes what a test loads.
    private const string IsolatedPrefix = "ENGINE_TEST_UNUSED_";

    public static IpsecConfiguration Load(string json, Action<string>? prepare = null) => WithFiles(json, prepare, c => c);

    /// <summary>Loads and plans while the files <paramref name="prepare"/> wrote still exist, since planning opens certificate files.</summary>
    public static EndpointPlanResult Build(string json, Action<string> prepare) => WithFiles(json, prepare, c => EndpointPlanBuilder.Build(c));

    private static T WithFiles<T>(string json, Action<string>? prepare, Func<IpsecConfiguration, T> use)
    {
        var directory = Directory.CreateTempSubdirectory("ipsectun-engine-");
        try
        {
            prepare?.Invoke(directory.FullName);
            string path = Path.Combine(directory.FullName, "config.json");
            File.WriteAllText(path, json);
            var result = ConfigurationLoader.Load(new ConfigurationLoadOptions(path, [], IsolatedPrefix));
            Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
            return use(result.Configuration);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public static EndpointPlan Plan(string json)
    {
        var result = EndpointPlanBuilder.Build(Load(json));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Plan;
    }
}
