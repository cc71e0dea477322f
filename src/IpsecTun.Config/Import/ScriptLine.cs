namespace IpsecTun.Config.Import;

/// <summary>One command of a script after <c>\</c> continuations are joined, with the line it starts on.</summary>
internal sealed record ScriptLine(int Line, string Text)
{
    /// <summary>Joins continuations and drops blank lines and <c>#</c> comments.</summary>
    public static List<ScriptLine> Split(string script)
    {
        var lines = new List<ScriptLine>();
        var physical = script.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < physical.Length; i++)
        {
            var start = i;
            var text = physical[i];
            while (text.EndsWith('\\') && i + 1 < physical.Length)
            {
                text = text[..^1] + physical[++i].TrimStart();
            }

            var trimmed = text.Trim();
            if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
            {
                lines.Add(new ScriptLine(start + 1, trimmed));
            }
        }

        return lines;
    }
}
