using System.Globalization;
using IpsecTun.Config.Schema;
using IpsecTun.Config.Values;
using Microsoft.Extensions.Configuration;

namespace IpsecTun.Config.Loading;

/// <summary>
/// Walks a configuration menu by menu: checks that only known menus appear, reads each entry with its
/// menu's reader, and adds RouterOS's built-in entries that the file does not redefine.
/// </summary>
internal sealed class ConfigurationReader
{
    private readonly IConfiguration root;
    private readonly LoadContext context;
    private readonly IConfiguration builtIn = BuiltInEntries.Create();

    // Stands in for a menu whose shape is wrong, so that its defaults are read without more errors.
    private readonly IConfiguration empty = new ConfigurationBuilder().Build();
    private readonly LoadContext builtInContext;

    public ConfigurationReader(IConfiguration root, LoadContext context)
    {
        this.root = root;
        this.context = context;
        builtInContext = context with { Sources = new SourceLocator([], BuiltInEntries.Source) };
    }

    public ReadEntries Read()
    {
        CheckMenus(root, []);
        return new ReadEntries
        {
            Profiles = WithBuiltIn(List(Menus.Profile, ProfileReader.Read), Menus.Profile, ProfileReader.Read, p => p.Name == Profile.DefaultName),
            Proposals = WithBuiltIn(List(Menus.Proposal, ProposalReader.Read), Menus.Proposal, ProposalReader.Read, p => p.Name == Proposal.DefaultName),
            Peers = List(Menus.Peer, PeerReader.Read),
            Identities = List(Menus.Identity, IdentityReader.Read),
            Policies = WithBuiltIn(List(Menus.Policy, PolicyReader.Read), Menus.Policy, PolicyReader.Read, p => p.IsDefault),
            PolicyGroups = WithBuiltIn(List(Menus.PolicyGroup, PolicyGroupReader.Read), Menus.PolicyGroup, PolicyGroupReader.Read, g => g.Name == PolicyGroup.DefaultName),
            ModeConfigs = WithBuiltIn(List(Menus.ModeConfig, ModeConfigReader.Read), Menus.ModeConfig, ModeConfigReader.Read, m => m.Name == ModeConfig.RequestOnlyName),
            Settings = Single(Menus.Settings, SettingsReader.Read),
            Keys = List(Menus.Key, KeyReader.Read),
            Pools = List(Menus.Pool, PoolReader.Read),
            AddressLists = List(Menus.AddressList, AddressListReader.Read),
            Dns = Single(Menus.Dns, DnsReader.Read),
            Certificates = [.. List(Menus.Certificate, CertificateReader.Read).Select(c => (c.Origin.Text("name") ?? "", c))],
            RadiusServers = List(Menus.Radius, RadiusReader.Read),
            Users = List(Menus.EapUser, EapUserReader.Read),
            Endpoint = Single(Menus.Endpoint, EndpointReader.Read),
        };
    }

    private List<Located<T>> List<T>(MenuSchema menu, Func<EntryReader, T> read)
    {
        var section = root.GetSection(menu.ConfigurationKey);
        var entries = new List<Located<T>>();
        if (!string.IsNullOrEmpty(section.Value))
        {
            MenuError(menu.ConfigurationKey, menu.Path, "is a list of entries: [ { \"name\": … }, … ]");
            return entries;
        }

        foreach (var child in section.GetChildren())
        {
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                MenuError(child.Path, menu.Path, $"is a list of entries: [ {{ \"name\": … }}, … ], but has the key \"{child.Key}\"");
                continue;
            }

            if (!string.IsNullOrEmpty(child.Value))
            {
                MenuError(child.Path, $"{menu.Path}[{index}]", "is not an entry: each entry is an object { \"property\": value, … }");
                continue;
            }

            var reader = new EntryReader(menu, child, $"{menu.Path}[{index}]", context);
            entries.Add(new Located<T>(read(reader), reader));
            reader.Finish();
        }

        return entries;
    }

    private T Single<T>(MenuSchema menu, Func<EntryReader, T> read)
    {
        var section = root.GetSection(menu.ConfigurationKey);
        if (!string.IsNullOrEmpty(section.Value) ||
            section.GetChildren().Any(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            MenuError(menu.ConfigurationKey, menu.Path, "is one set of values: { \"property\": value, … }, not a list");
            section = empty.GetSection(menu.ConfigurationKey);
        }

        var reader = new EntryReader(menu, section, menu.Path, context);
        var value = read(reader);
        reader.Finish();
        return value;
    }

    /// <summary>Puts RouterOS's built-in entry first unless the file redefines it.</summary>
    private List<Located<T>> WithBuiltIn<T>(List<Located<T>> entries, MenuSchema menu, Func<EntryReader, T> read, Func<T, bool> isBuiltIn)
    {
        if (entries.Any(e => isBuiltIn(e.Value)))
        {
            return entries;
        }

        var reader = new EntryReader(menu, builtIn.GetSection($"{menu.ConfigurationKey}:0"), $"{menu.Path} built-in", builtInContext);
        var value = read(reader);
        reader.Finish();
        return [new Located<T>(value, reader), .. entries];
    }

    /// <summary>Reports keys that are no menu and no path to one, with the closest name.</summary>
    private void CheckMenus(IConfiguration section, string[] path)
    {
        var below = Menus.All
            .Select(m => m.Path.Split('.'))
            .Where(p => p.Length > path.Length && p.Take(path.Length).SequenceEqual(path, StringComparer.OrdinalIgnoreCase))
            .ToList();
        var allowed = below.Select(p => p[path.Length]).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var child in section.GetChildren())
        {
            var match = allowed.FirstOrDefault(a => a.Equals(child.Key, StringComparison.OrdinalIgnoreCase));
            var where = path.Length == 0 ? "the top level" : string.Join('.', path);
            if (match is null)
            {
                MenuError(child.Path, string.Join('.', [.. path, child.Key]),
                    $"is not a menu of {where}{Suggestions.DidYouMean(child.Key, allowed)}; allowed: {string.Join(", ", allowed)}");
                continue;
            }

            string[] childPath = [.. path, match];
            if (!below.Any(p => p.Length == childPath.Length && p.SequenceEqual(childPath, StringComparer.OrdinalIgnoreCase)))
            {
                if (!string.IsNullOrEmpty(child.Value))
                {
                    MenuError(child.Path, string.Join('.', childPath), "holds menus: { \"menu\": … }, not a value");
                }

                CheckMenus(child, childPath);
            }
        }
    }

    private void MenuError(string key, string entry, string message) =>
        context.Errors.Add(new ConfigurationError(context.Sources.Find(key) ?? context.Sources.Fallback, entry, null, message));
}
