using System.Globalization;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>One accounting request as FreeRADIUS's detail module wrote it: a time line, then <c>Attribute = value</c> lines.</summary>
internal sealed class AccountingRecord(IReadOnlyDictionary<string, string> attributes)
{
    public IReadOnlyDictionary<string, string> Attributes { get; } = attributes;

    /// <summary>Acct-Status-Type: Start, Interim-Update or Stop.</summary>
    public string Status => Attributes.GetValueOrDefault("Acct-Status-Type", "");

    public string? this[string name] => Attributes.GetValueOrDefault(name);

    /// <summary>An octet count with its gigawords (RFC 2869 §5.1), e.g. <c>Acct-Input</c>.</summary>
    public long Octets(string direction) =>
        (Number($"{direction}-Gigawords") << 32) + Number($"{direction}-Octets");

    public long Number(string name) =>
        Attributes.TryGetValue(name, out string? value) ? long.Parse(value, CultureInfo.InvariantCulture) : 0;

    public override string ToString() => string.Join(", ", Attributes.Select(a => $"{a.Key}={a.Value}"));

    public static IReadOnlyList<AccountingRecord> ParseDetail(string text)
    {
        var records = new List<AccountingRecord>();
        Dictionary<string, string>? current = null;
        foreach (string line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]))
            {
                current = [];
                records.Add(new AccountingRecord(current));
                continue;
            }

            int equals = line.IndexOf(" = ", StringComparison.Ordinal);
            if (current is not null && equals > 0)
            {
                current[line[..equals].Trim()] = line[(equals + 3)..].Trim().Trim('"');
            }
        }

        return records;
    }
}
