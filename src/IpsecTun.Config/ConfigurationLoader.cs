using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using IpsecTun.Config.Loading;
using IpsecTun.Config.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace IpsecTun.Config;

/// <summary>
/// Loads a configuration: the JSON file, then environment variables, then <c>--set</c> overrides
/// (Microsoft.Extensions.Configuration), read into the model and validated. Every error is collected;
/// a configuration is returned only when there are none.
/// </summary>
public static partial class ConfigurationLoader
{
    public static ConfigurationLoadResult Load(ConfigurationLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ErrorList();
        var fullPath = Path.GetFullPath(options.Path);
        if (!File.Exists(fullPath))
        {
            return Failed(new ConfigurationError(options.Path, "configuration", null, "the file does not exist"));
        }

        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in options.Overrides)
        {
            if (!ConfigurationOverride.TryParse(text, out var key, out var value))
            {
                return Failed(new ConfigurationError("--set", "configuration", null, "takes path=value, such as ip.ipsec.peer.0.address=192.0.2.1"));
            }

            overrides[key] = value;
        }

        IConfigurationRoot root;
        try
        {
            root = new ConfigurationBuilder()
                .AddJsonFile(fullPath, optional: false, reloadOnChange: false)
                .Add(new DashedEnvironmentSource(options.EnvironmentPrefix))
                .AddInMemoryCollection(overrides)
                .Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            return Failed(new ConfigurationError(options.Path, "configuration", null, JsonProblem(e)));
        }

        var lines = JsonLineIndex.Build(File.ReadAllBytes(fullPath));
        var sources = new SourceLocator(
            [.. root.Providers.Select(p => (p, Describer(p, options, lines)))],
            options.Path);
        var context = new LoadContext(sources, errors, Path.GetDirectoryName(fullPath)!);
        var entries = new ConfigurationReader(root, context).Read();
        new ConfigurationValidator(entries).Validate();
        return errors.Any ? new ConfigurationLoadResult(null, errors.ToImmutable()) : new ConfigurationLoadResult(Build(entries), []);
    }

    private static IpsecConfiguration Build(ReadEntries e) => new(
        Profiles: Values(e.Profiles),
        Proposals: Values(e.Proposals),
        Peers: Values(e.Peers),
        Identities: Values(e.Identities),
        Policies: Values(e.Policies),
        PolicyGroups: Values(e.PolicyGroups),
        ModeConfigs: Values(e.ModeConfigs),
        Settings: e.Settings,
        Keys: Values(e.Keys),
        Pools: Values(e.Pools),
        AddressLists: Values(e.AddressLists),
        Dns: e.Dns,
        Certificates: [.. e.Certificates.Select(c => c.Entry.Value!)],
        RadiusServers: Values(e.RadiusServers),
        Endpoint: e.Endpoint)
    {
        Users = Values(e.Users),
    };

    private static ImmutableArray<T> Values<T>(IEnumerable<Located<T>> list) => [.. list.Select(l => l.Value)];

    private static ConfigurationLoadResult Failed(ConfigurationError error) => new(null, [error]);

    private static Func<string, string> Describer(IConfigurationProvider provider, ConfigurationLoadOptions options, Dictionary<string, int> lines) => provider switch
    {
        JsonConfigurationProvider => key => lines.TryGetValue(key, out var line) ? $"{options.Path}:{line}" : options.Path,
        DashedEnvironmentProvider => key => $"environment {DashedEnvironmentProvider.VariableName(options.EnvironmentPrefix, key)}",
        MemoryConfigurationProvider => key => $"--set {key.Replace(':', '.')}",
        _ => _ => provider.ToString() ?? options.Path,
    };

    /// <summary>The JSON reader's own words, with line and position, for a file that is not JSON.</summary>
    private static string JsonProblem(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                // The reader quotes the text it stopped at, which may run on into a secret: only short quotes stay.
                var reason = QuotedText().Replace(json.Message.Split(" LineNumber:")[0].Split(" Path:")[0], "the text there");
                return $"line {json.LineNumber + 1}, position {json.BytePositionInLine + 1}: not valid JSON: {reason}";
            }
        }

        var innermost = e;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return $"not valid JSON: {innermost.Message}";
    }

    [GeneratedRegex("'[^']{3,}'")]
    private static partial Regex QuotedText();
}
