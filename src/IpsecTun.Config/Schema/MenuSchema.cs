using System.Collections.Immutable;

namespace IpsecTun.Config.Schema;

/// <summary>
/// One menu of the configuration file: where it sits in the JSON (<c>ip.ipsec.policy-group</c>), which
/// RouterOS menu it mirrors (<c>/ip ipsec policy group</c>), and the names of its properties. Readers
/// may read only these names and must read all of them, so this list is what "unknown property" means.
/// </summary>
internal sealed class MenuSchema(string path, string? routerOsPath, MenuShape shape, params string[] properties)
{
    public string Path { get; } = path;

    /// <summary>The RouterOS menu, or null for the sections only ipsectun has.</summary>
    public string? RouterOsPath { get; } = routerOsPath;

    public MenuShape Shape { get; } = shape;

    public ImmutableArray<string> Properties { get; } = [.. properties];

    /// <summary>The key of this menu in Microsoft.Extensions.Configuration (<c>ip:ipsec:profile</c>).</summary>
    public string ConfigurationKey => Path.Replace('.', ':');

    public bool Has(string property) => Properties.Contains(property, StringComparer.OrdinalIgnoreCase);

    public override string ToString() => Path;
}
