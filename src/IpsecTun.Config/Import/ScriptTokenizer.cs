using System.Globalization;
using System.Text;

namespace IpsecTun.Config.Import;

/// <summary>
/// Splits a command into words as the RouterOS console does: quoted strings with their escapes,
/// <c>name=value</c> assignments and <c>[ … ]</c> expressions. Scripting (variables, <c>:</c> commands,
/// blocks) is refused, as is an unquoted second <c>=</c> (the manual's <c>src=address=…</c>).
/// </summary>
internal static class ScriptTokenizer
{
    public static List<ScriptToken> Tokenize(ScriptLine line)
    {
        var tokens = new List<ScriptToken>();
        var text = line.Text;
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            switch (text[i])
            {
                case '[':
                    tokens.Add(new ScriptToken(ScriptTokenKind.Bracket, ReadBracket(line, ref i)));
                    continue;
                case ':':
                case '{':
                case '}':
                case ';':
                    throw new ImportException(line.Line, $"scripting ({text[i]}…) is not imported; keep only menu commands such as /ip ipsec peer add …");
            }

            tokens.Add(ReadWord(line, ref i));
        }

        return tokens;
    }

    private static ScriptToken ReadWord(ScriptLine line, ref int i)
    {
        var text = line.Text;
        var word = new StringBuilder();
        var equals = -1;
        var quoted = false;
        var extraEquals = false;
        while (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            var c = text[i];
            if (c == '"')
            {
                word.Append(ReadQuoted(line, ref i));
                quoted = true;
                continue;
            }

            if (c == '$')
            {
                throw new ImportException(line.Line, "variables ($…) are not imported; write the value itself");
            }

            if (c == '=')
            {
                if (equals < 0)
                {
                    equals = word.Length;
                }
                else if (!quoted)
                {
                    extraEquals = true;
                }
            }

            word.Append(c);
            i++;
        }

        var s = word.ToString();
        if (equals <= 0)
        {
            return new ScriptToken(ScriptTokenKind.Word, s);
        }

        var name = s[..equals];
        var value = s[(equals + 1)..];
        if (extraEquals)
        {
            // A secret's value stays out of the message; the property name is enough to find it.
            throw new ImportException(line.Line, IsSecret(name)
                ? $"the value of {name} has a second =; quote the value if it holds one"
                : $"\"{s}\" has a second = in its value; quote the value if it holds one (did you mean {name}-{value}?)");
        }

        return new ScriptToken(ScriptTokenKind.Assignment, name, value);
    }

    private static bool IsSecret(string name) =>
        name.Contains("secret", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("password", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("passphrase", StringComparison.OrdinalIgnoreCase);

    private static string ReadQuoted(ScriptLine line, ref int i)
    {
        var text = line.Text;
        var value = new StringBuilder();
        i++;
        while (i < text.Length && text[i] != '"')
        {
            if (text[i] != '\\')
            {
                value.Append(text[i++]);
                continue;
            }

            if (++i >= text.Length)
            {
                break;
            }

            var e = text[i];
            if (char.IsAsciiHexDigit(e) && i + 1 < text.Length && char.IsAsciiHexDigit(text[i + 1]))
            {
                value.Append((char)int.Parse(text.AsSpan(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
                continue;
            }

            value.Append(e switch
            {
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'a' => '\a',
                'b' => '\b',
                'f' => '\f',
                'v' => '\v',
                '_' => ' ',
                _ => e,
            });
            i++;
        }

        if (i >= text.Length)
        {
            throw new ImportException(line.Line, "a quoted string is not closed; end it with \"");
        }

        i++;
        return value.ToString();
    }

    private static string ReadBracket(ScriptLine line, ref int i)
    {
        var text = line.Text;
        var start = ++i;
        var depth = 1;
        while (i < text.Length)
        {
            switch (text[i])
            {
                case '"':
                    ReadQuoted(line, ref i);
                    continue;
                case '[':
                    depth++;
                    break;
                case ']' when --depth == 0:
                    return text[start..i++].Trim();
            }

            i++;
        }

        throw new ImportException(line.Line, "[ is not closed; end the expression with ]");
    }
}
