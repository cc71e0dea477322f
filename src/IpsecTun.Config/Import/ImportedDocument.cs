using IpsecTun.Config.Schema;

namespace IpsecTun.Config.Import;

/// <summary>The entries of every menu a script touches, in script order.</summary>
internal sealed class ImportedDocument
{
    private readonly Dictionary<MenuSchema, List<ImportedEntry>> menus = [];

    public IReadOnlyList<ImportedEntry> Entries(MenuSchema menu) => menus.GetValueOrDefault(menu) ?? [];

    public void Add(MenuSchema menu, ImportedEntry entry)
    {
        if (!menus.TryGetValue(menu, out var list))
        {
            menus[menu] = list = [];
        }

        list.Add(entry);
    }

    /// <summary>The one entry of a single-valued menu such as <c>/ip dns</c>, created on first use.</summary>
    public ImportedEntry Single(MenuSchema menu, int line)
    {
        if (Entries(menu) is [var entry])
        {
            return entry;
        }

        entry = new ImportedEntry(line);
        Add(menu, entry);
        return entry;
    }
}
