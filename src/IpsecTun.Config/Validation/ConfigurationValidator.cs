using IpsecTun.Config.Loading;
using IpsecTun.Config.Values;

namespace IpsecTun.Config.Validation;

/// <summary>
/// Checks what no single entry can check alone: names are unique, references point at entries that
/// exist, and each entry's properties fit together (an auth-method has what it needs).
/// </summary>
internal sealed partial class ConfigurationValidator
{
    private readonly ReadEntries entries;

    public ConfigurationValidator(ReadEntries entries)
    {
        this.entries = entries;
    }

    public void Validate()
    {
        CheckUnique(entries.Profiles, p => p.Name);
        CheckUnique(entries.Proposals, p => p.Name);
        CheckUnique(entries.Peers, p => p.Name);
        CheckUnique(entries.PolicyGroups, g => g.Name);
        CheckUnique(entries.ModeConfigs, m => m.Name);
        CheckUnique(entries.Keys, k => k.Name);
        CheckUnique(entries.Pools, p => p.Name);
        CheckUnique([.. entries.Certificates.Select(c => c.Entry)], c => c?.Name ?? "");
        CheckUnique(entries.Policies.Where(p => p.Value.IsDefault).ToList(), _ => "default=yes");

        foreach (var peer in entries.Peers)
        {
            CheckPeer(peer);
        }

        foreach (var identity in entries.Identities)
        {
            CheckIdentity(identity);
        }

        foreach (var policy in entries.Policies)
        {
            CheckPolicy(policy);
        }

        foreach (var modeConfig in entries.ModeConfigs)
        {
            CheckModeConfig(modeConfig);
        }

        foreach (var pool in entries.Pools)
        {
            CheckReference(pool.Origin, "next-pool", pool.Value.NextPool, Names(entries.Pools, p => p.Name), "ip.pool");
        }
    }

    private static void CheckUnique<T>(IReadOnlyList<Located<T>> list, Func<T, string> name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in list)
        {
            var key = name(entry.Value);
            if (key.Length > 0 && !seen.Add(key))
            {
                var property = key == "default=yes" ? "default" : "name";
                entry.Origin.Error(property, $"\"{key}\" is used by an earlier entry too; names must be unique");
            }
        }
    }

    /// <summary>Reports <paramref name="name"/> when it is not one of <paramref name="names"/> of <paramref name="menu"/>.</summary>
    private static void CheckReference(EntryReader origin, string property, string? name, List<string> names, string menu)
    {
        if (name is null || names.Contains(name))
        {
            return;
        }

        var existing = names.Count == 0 ? $"{menu} is empty" : $"{menu} has {string.Join(", ", names)}";
        origin.Error(property, $"no {menu} entry is named \"{name}\"{Suggestions.DidYouMean(name, names)}; {existing}");
    }

    private static List<string> Names<T>(IEnumerable<Located<T>> list, Func<T, string> name) =>
        [.. list.Select(e => name(e.Value)).Where(n => n.Length > 0)];
}
