using IpsecTun.Config.Schema;
using IpsecTun.Config.Values;

namespace IpsecTun.Config.Import;

internal sealed partial class ImportSession
{
    /// <summary>
    /// The entries <c>set</c> changes: those added earlier that match <c>[ find property=value … ]</c> or
    /// the name given, or RouterOS's built-in entry (<c>find default=yes</c>, <c>set default</c>).
    /// </summary>
    private List<ImportedEntry> Find(ScriptCommand command, MenuSchema schema, ScriptToken target)
    {
        var conditions = Conditions(command, schema, target);
        var entries = document.Entries(schema);
        var matches = entries.Where(e => conditions.All(c => Matches(schema, e, c.Key, c.Value))).ToList();
        if (matches.Count > 0)
        {
            return matches;
        }

        if (BuiltIn(schema, conditions, command.Line) is { } builtIn)
        {
            document.Add(schema, builtIn);
            return [builtIn];
        }

        var names = entries.Select(e => e.Get("name")).OfType<string>().ToList();
        var wanted = string.Join(' ', conditions.Select(c => $"{c.Key}={c.Value}"));
        var name = conditions.FirstOrDefault(c => c.Key == "name").Value;
        var hint = name is null ? "" : Suggestions.DidYouMean(name, names);
        var existing = names.Count == 0 ? "none were added" : $"added: {string.Join(", ", names)}";
        throw new ImportException(command.Line, $"no {command.Display} entry with {wanted} was added earlier in this script{hint}; {existing}");
    }

    private List<KeyValuePair<string, string>> Conditions(ScriptCommand command, MenuSchema schema, ScriptToken target)
    {
        if (target.Kind == ScriptTokenKind.Word)
        {
            // RouterOS's export edits the default template, which heads the policy list, as set 0.
            if (target.Text == "0" && schema == Menus.Policy && !document.Entries(schema).Any(e => e.Get("default") is null))
            {
                return [new("default", "yes")];
            }

            if (target.Text.All(char.IsAsciiDigit))
            {
                throw new ImportException(command.Line, $"set {target.Text} refers to a print number, which a script cannot rely on; use set [ find name=NAME ]");
            }

            return [new("name", target.Text)];
        }

        if (target.Kind != ScriptTokenKind.Bracket)
        {
            throw new ImportException(command.Line, $"set in {command.Display} needs the entry before {Show(target)}: set [ find name=NAME ] …");
        }

        var tokens = ScriptTokenizer.Tokenize(new ScriptLine(command.Line, target.Text));
        if (tokens.Count == 0 || !tokens[0].IsWord("find"))
        {
            throw new ImportException(command.Line, $"[{target.Text}] is not understood; import takes [ find property=value … ]");
        }

        var rest = tokens.Skip(tokens.Count > 1 && tokens[1].IsWord("where") ? 2 : 1).ToList();
        if (rest.Any(t => t.Kind != ScriptTokenKind.Assignment))
        {
            throw new ImportException(command.Line, $"[{target.Text}] is not understood; import takes [ find property=value … ]");
        }

        return [.. rest.Select(t => new KeyValuePair<string, string>(t.Text == "default" ? "default" : PropertyName(command, schema, t.Text), t.Value!))];
    }

    private static bool Matches(MenuSchema schema, ImportedEntry entry, string property, string value)
    {
        if (property != "default")
        {
            return entry.Get(property) == value;
        }

        var isDefault = schema == Menus.Policy ? entry.Get("default") == "yes" : entry.Get("name") == BuiltInName(schema);
        return isDefault == (value == "yes");
    }

    /// <summary>A new entry standing for RouterOS's built-in one, when the conditions name it.</summary>
    private static ImportedEntry? BuiltIn(MenuSchema schema, List<KeyValuePair<string, string>> conditions, int line)
    {
        if (conditions is not [var only])
        {
            return null;
        }

        var builtInName = BuiltInName(schema);
        var entry = new ImportedEntry(line);
        if (only is { Key: "default", Value: "yes" } && schema == Menus.Policy)
        {
            entry.Set("default", "yes");
            return entry;
        }

        if (builtInName is not null && (only is { Key: "default", Value: "yes" } || (only.Key == "name" && only.Value == builtInName)))
        {
            entry.Set("name", builtInName);
            return entry;
        }

        return null;
    }

    private static string? BuiltInName(MenuSchema schema) =>
        schema == Menus.Profile ? Profile.DefaultName
        : schema == Menus.Proposal ? Proposal.DefaultName
        : schema == Menus.PolicyGroup ? PolicyGroup.DefaultName
        : schema == Menus.ModeConfig ? ModeConfig.RequestOnlyName
        : null;
}
