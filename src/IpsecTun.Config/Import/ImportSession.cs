namespace IpsecTun.Config.Import;

/// <summary>The state of one import: the current menu, the document so far, and what to report.</summary>
internal sealed partial class ImportSession
{
    /// <summary>Commands that show or act and change no configuration; import lists them as skipped.</summary>
    private static readonly HashSet<string> ActionVerbs =
    [
        "print", "export", "monitor", "sign", "export-certificate", "enable-ssl-certificate", "flush", "kill-connections",
        "generate-key", "export-pub-key", "card-reinstall", "create-certificate-request",
    ];

    /// <summary>Every verb, so that a word in an unknown menu can be told from a submenu.</summary>
    private static readonly HashSet<string> Verbs =
    [
        .. ActionVerbs, "add", "set", "remove", "import", "enable", "disable", "move", "unset", "edit", "find", "get",
        "reset", "comment",
    ];

    private readonly string file;
    private readonly ImportedDocument document = new();
    private readonly LegacyPeers legacyPeers;
    private readonly List<string> skipped = [];
    private readonly List<string> notes = [];
    private readonly List<string> errors = [];
    private List<string> currentPath = [];

    public ImportSession(string file)
    {
        this.file = file;
        legacyPeers = new LegacyPeers(document);
    }

    public void Process(ScriptLine line)
    {
        try
        {
            var tokens = ScriptTokenizer.Tokenize(line);
            if (Parse(line, tokens) is { } command)
            {
                Execute(command);
            }
        }
        catch (ImportException e)
        {
            errors.Add($"{file}:{e.Line}: {e.Message}");
        }
    }

    public RouterOsImport Finish()
    {
        LegacyPolicies.Resolve(document, file, notes, errors);
        var json = errors.Count == 0 ? ImportJsonWriter.Write(document) : null;
        return new RouterOsImport(json, [.. skipped], [.. notes], [.. errors]);
    }

    /// <summary>Resolves the menu and verb; returns null for a line that only changes the current menu.</summary>
    private ScriptCommand? Parse(ScriptLine line, List<ScriptToken> tokens)
    {
        var first = tokens[0];
        if (first.Kind == ScriptTokenKind.Word && first.Text.All(char.IsAsciiDigit))
        {
            throw new ImportException(line.Line, "this is the output of print, not a command; write the entry as add property=value …");
        }

        if (first.Kind == ScriptTokenKind.Bracket)
        {
            throw new ImportException(line.Line, $"[{first.Text}] is a console prompt or expression, not a command; keep only the command after the prompt");
        }

        var words = new List<string>();
        var index = 0;
        var path = new List<string>(currentPath);
        if (first.Kind == ScriptTokenKind.Word && first.Text.StartsWith('/'))
        {
            path.Clear();
            words.AddRange(first.Text.Split('/', StringSplitOptions.RemoveEmptyEntries));
            index = 1;
        }

        for (; index < tokens.Count && tokens[index].Kind == ScriptTokenKind.Word; index++)
        {
            words.Add(tokens[index].Text);
        }

        var (menu, verb, used) = Resolve(line.Line, path, words);
        var arguments = words.Skip(used).Select(w => new ScriptToken(ScriptTokenKind.Word, w)).Concat(tokens.Skip(index)).ToList();
        if (verb is null && menu is null && arguments.Count > 0 && path.Count > 0)
        {
            // Beyond the menus import knows, a word with arguments is a command of that menu (/tool fetch url=…).
            verb = path[^1];
            path.RemoveAt(path.Count - 1);
        }

        if (verb is null)
        {
            if (arguments.Count > 0)
            {
                throw new ImportException(line.Line, $"expected a command such as add or set before {Show(arguments[0])}");
            }

            currentPath = path;
            return null;
        }

        return new ScriptCommand(line.Line, menu, "/" + string.Join(' ', path), verb, arguments);
    }

    /// <summary>Walks the words down the menu tree until one is a verb; <paramref name="path"/> grows as it goes.</summary>
    private static (MenuNode? Menu, string? Verb, int Used) Resolve(int line, List<string> path, List<string> words)
    {
        MenuNode? node = MenuTree.Root;
        foreach (var part in path)
        {
            node = node is null ? null : MenuTree.Find(node, part, line);
        }

        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (node?.Child(word) is { } exact)
            {
                node = exact;
                path.Add(exact.Name);
                continue;
            }

            if (Verbs.Contains(word))
            {
                return (node, word, i + 1);
            }

            var found = node is null ? null : MenuTree.Find(node, word, line);
            if (found is null && node?.Schema is not null)
            {
                throw new ImportException(line, $"/{string.Join(' ', path)} has no menu or command \"{word}\"{MenuTree.DidYouMean(node, word)}");
            }

            node = found;
            path.Add(found?.Name ?? word);
        }

        return (node, null, words.Count);
    }

    private static string Show(ScriptToken token) => token.Kind switch
    {
        ScriptTokenKind.Assignment => $"{token.Text}=…",
        ScriptTokenKind.Bracket => $"[{token.Text}]",
        _ => token.Text,
    };
}
