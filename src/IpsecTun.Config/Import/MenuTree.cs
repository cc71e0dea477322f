using IpsecTun.Config.Schema;
using IpsecTun.Config.Values;

namespace IpsecTun.Config.Import;

/// <summary>
/// The console menus import knows: those it imports (from <see cref="Menus"/>) and, for resolving
/// abbreviations as RouterOS does, their neighbours. <c>/ip ipsec mode-conf</c> is mode-config, but
/// <c>/ip d</c> stays ambiguous because RouterOS also has <c>/ip dhcp-server</c>.
/// </summary>
internal static class MenuTree
{
    private static readonly Dictionary<string, string[]> Neighbours = new()
    {
        [""] = ["caps-man", "container", "disk", "file", "interface", "ipv6", "log", "mpls", "port", "ppp", "queue",
                "routing", "snmp", "system", "tool", "user", "user-manager"],
        ["ip"] = ["address", "arp", "cloud", "dhcp-client", "dhcp-relay", "dhcp-server", "hotspot", "kid-control",
                  "neighbor", "packing", "proxy", "route", "service", "settings", "smb", "socks", "ssh", "tftp",
                  "traffic-flow", "upnp", "vrf"],
        ["ip firewall"] = ["calea", "connection", "filter", "layer7-protocol", "mangle", "nat", "raw", "service-port"],
        ["ip ipsec"] = ["active-peers", "installed-sa", "statistics"],
    };

    public static MenuNode Root { get; } = Build("", []);

    /// <summary>The child of <paramref name="node"/> that <paramref name="word"/> names, exactly or as an unambiguous abbreviation.</summary>
    public static MenuNode? Find(MenuNode node, string word, int line)
    {
        if (node.Child(word) is { } exact)
        {
            return exact;
        }

        var candidates = node.Children.Where(c => c.Name.StartsWith(word, StringComparison.Ordinal)).ToList();
        return candidates.Count switch
        {
            0 => null,
            1 => candidates[0],
            _ => throw new ImportException(line, $"\"{word}\" is ambiguous here: {string.Join(", ", candidates.Select(c => c.Name))}"),
        };
    }

    /// <summary>The closest menu name below <paramref name="node"/>, for "did you mean".</summary>
    public static string DidYouMean(MenuNode node, string word) => Suggestions.DidYouMean(word, node.Children.Select(c => c.Name));

    private static MenuNode Build(string path, string[] prefix)
    {
        var imported = Menus.All
            .Where(m => m.RouterOsPath is not null)
            .Select(m => (Schema: m, Parts: m.RouterOsPath!.TrimStart('/').Split(' ')))
            .ToList();
        var childNames = imported
            .Where(m => m.Parts.Length > prefix.Length && m.Parts.Take(prefix.Length).SequenceEqual(prefix))
            .Select(m => m.Parts[prefix.Length])
            .Concat(Neighbours.GetValueOrDefault(path, []))
            .Distinct()
            .Order(StringComparer.Ordinal);
        var children = new List<MenuNode>();
        foreach (var name in childNames)
        {
            string[] parts = [.. prefix, name];
            var schema = imported.FirstOrDefault(m => m.Parts.SequenceEqual(parts)).Schema;
            var childPath = string.Join(' ', parts);
            var hasChildren = imported.Any(m => m.Parts.Length > parts.Length && m.Parts.Take(parts.Length).SequenceEqual(parts)) ||
                Neighbours.ContainsKey(childPath);
            children.Add(hasChildren ? Build(childPath, parts) with { Schema = schema } : new MenuNode(name, schema, []));
        }

        return new MenuNode(prefix.Length == 0 ? "" : prefix[^1], null, children);
    }
}
