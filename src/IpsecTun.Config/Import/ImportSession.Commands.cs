using IpsecTun.Config.Schema;
using IpsecTun.Config.Values;

namespace IpsecTun.Config.Import;

internal sealed partial class ImportSession
{
    private void Execute(ScriptCommand command)
    {
        var schema = command.Menu?.Schema;
        var verb = command.Verb;
        if (schema is null)
        {
            skipped.Add(verb is "add" or "set"
                ? $"skipped: {command.Display} (line {command.Line})"
                : $"skipped: {command.Display} {verb} (line {command.Line})");
            return;
        }

        if (schema == Menus.Certificate && verb is "add" or "sign")
        {
            skipped.Add($"skipped: {command.Display} {verb} (line {command.Line}): ipsectun reads certificates from files; add a certificate entry with its file");
            return;
        }

        switch (verb)
        {
            case "add":
                Add(command, schema);
                break;
            case "set":
                Set(command, schema);
                break;
            case "import" when schema == Menus.Certificate:
                ImportCertificate(command);
                break;
            case var _ when ActionVerbs.Contains(verb):
                skipped.Add($"skipped: {command.Display} {verb} (line {command.Line})");
                break;
            default:
                throw new ImportException(command.Line, $"{command.Display} {verb} is not imported; write the script as the end result, with add and set");
        }
    }

    private void Add(ScriptCommand command, MenuSchema schema)
    {
        if (schema.Shape == MenuShape.Single)
        {
            throw new ImportException(command.Line, $"{command.Display} holds one set of values; use set, not add");
        }

        var entry = new ImportedEntry(command.Line);
        Assign(command, schema, entry, command.Arguments);
        document.Add(schema, entry);
        if (schema == Menus.Peer)
        {
            legacyPeers.Split(entry);
        }
    }

    private void Set(ScriptCommand command, MenuSchema schema)
    {
        var arguments = command.Arguments;
        List<ImportedEntry> targets;
        if (schema.Shape == MenuShape.Single)
        {
            targets = [document.Single(schema, command.Line)];
        }
        else
        {
            if (arguments.Count == 0 || arguments[0].Kind == ScriptTokenKind.Assignment)
            {
                throw new ImportException(command.Line, $"set in {command.Display} needs the entry: set [ find name=NAME ] … or set NAME …");
            }

            targets = Find(command, schema, arguments[0]);
            arguments = [.. arguments.Skip(1)];
        }

        foreach (var target in targets)
        {
            Assign(command, schema, target, arguments);
            if (schema == Menus.Peer)
            {
                legacyPeers.Split(target);
            }
        }
    }

    /// <summary>The certificate RouterOS creates from an imported file is named after the file with _0 appended.</summary>
    private void ImportCertificate(ScriptCommand command)
    {
        var arguments = new Dictionary<string, string>();
        foreach (var argument in command.Arguments)
        {
            if (argument.Kind != ScriptTokenKind.Assignment)
            {
                throw new ImportException(command.Line, $"unexpected {Show(argument)} in /certificate import; expected file-name=FILE passphrase=…");
            }

            arguments[argument.Text] = argument.Value!;
        }

        if (!arguments.TryGetValue("file-name", out var fileName))
        {
            throw new ImportException(command.Line, "/certificate import needs file-name=FILE");
        }

        var entry = new ImportedEntry(command.Line);
        entry.Set("name", arguments.GetValueOrDefault("name") ?? $"{fileName}_0");
        entry.Set("file", fileName);
        if (arguments.TryGetValue("passphrase", out var passphrase) && passphrase.Length > 0)
        {
            entry.Set("passphrase", passphrase);
        }

        document.Add(Menus.Certificate, entry);
    }

    private static void Assign(ScriptCommand command, MenuSchema schema, ImportedEntry entry, IEnumerable<ScriptToken> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Kind != ScriptTokenKind.Assignment)
            {
                throw new ImportException(command.Line, $"unexpected {Show(argument)} in {command.Display} {command.Verb}; expected property=value");
            }

            entry.Set(PropertyName(command, schema, argument.Text), argument.Value!);
        }
    }

    /// <summary>A property name, exact or as an unambiguous abbreviation, among what the menu accepts in a script.</summary>
    private static string PropertyName(ScriptCommand command, MenuSchema schema, string name)
    {
        var names = ScriptPropertyNames(schema).ToList();
        if (names.Contains(name))
        {
            return name;
        }

        var candidates = names.Where(n => n.StartsWith(name, StringComparison.Ordinal)).ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new ImportException(command.Line,
                $"{command.Display} has no property {name}{Suggestions.DidYouMean(name, names)}; allowed: {string.Join(", ", names)}"),
            _ => throw new ImportException(command.Line, $"{name} is ambiguous in {command.Display}: {string.Join(", ", candidates)}"),
        };
    }

    private static IEnumerable<string> ScriptPropertyNames(MenuSchema schema)
    {
        if (schema == Menus.Peer)
        {
            return LegacyPeers.PropertyNames;
        }

        // default=yes is how the file marks the built-in template; a script reaches it with find default=yes.
        return schema == Menus.Policy
            ? schema.Properties.Where(p => p != "default").Concat(LegacyPolicies.PropertyNames)
            : schema.Properties;
    }
}
