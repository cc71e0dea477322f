using IpsecTun.Engine.Control;

namespace IpsecTun.Cli;

/// <summary>
/// What each flag letter of a menu means, as RouterOS's print shows above its table. The names are
/// also the boolean properties a row's flags become in JSON.
/// </summary>
internal static class FlagLegend
{
    private static readonly (char Letter, string Name)[] Configured = [('X', "disabled"), ('D', "dynamic")];

    public static IReadOnlyList<(char Letter, string Name)> For(ViewMenu menu) => menu switch
    {
        ViewMenu.ActivePeers => [('R', "responder"), ('N', "natt-peer")],
        ViewMenu.InstalledSa => [('H', "hw-aead"), ('A', "ah"), ('E', "esp"), ('S', "esn")],
        ViewMenu.Policy => [('T', "template"), ('X', "disabled"), ('D', "dynamic"), ('I', "invalid"), ('A', "active"), ('*', "default")],
        ViewMenu.Peer => [('X', "disabled"), ('D', "dynamic"), ('R', "responder")],
        ViewMenu.Proposal or ViewMenu.Profile or ViewMenu.ModeConfig => [('X', "disabled"), ('D', "dynamic"), ('*', "default")],
        ViewMenu.Statistics or ViewMenu.PoolUsed => [],
        _ => Configured,
    };

    /// <summary>The legend line for the letters that occur in <paramref name="rows"/>, or null when no row has a flag.</summary>
    public static string? Line(ViewMenu menu, IReadOnlyList<ViewRow> rows)
    {
        var used = rows.SelectMany(r => r.Flags).ToHashSet();
        if (used.Count == 0)
        {
            return null;
        }

        var legend = For(menu);
        var named = legend.Where(f => used.Contains(f.Letter)).Select(f => $"{f.Letter} - {f.Name.ToUpperInvariant()}");
        var unnamed = used.Where(c => legend.All(f => f.Letter != c)).Order().Select(c => $"{c} - ?");
        return "Flags: " + string.Join(", ", named.Concat(unnamed));
    }
}
