namespace IpsecTun.Config.Import;

/// <summary>An entry as a script builds it: the properties it sets, in the order it sets them, and the line that added it.</summary>
internal sealed class ImportedEntry(int line)
{
    private readonly List<KeyValuePair<string, string>> properties = [];

    public int Line { get; } = line;

    public IReadOnlyList<KeyValuePair<string, string>> Properties => properties;

    public string? Get(string name) => properties.FirstOrDefault(p => p.Key == name).Value;

    /// <summary>Sets a property, in place if it was set before.</summary>
    public void Set(string name, string value)
    {
        var index = properties.FindIndex(p => p.Key == name);
        if (index >= 0)
        {
            properties[index] = new(name, value);
        }
        else
        {
            properties.Add(new(name, value));
        }
    }

    /// <summary>Sets a property ahead of the others (a generated name reads best first).</summary>
    public void SetFirst(string name, string value)
    {
        Remove(name);
        properties.Insert(0, new(name, value));
    }

    /// <summary>Removes a property and returns its value.</summary>
    public string? Remove(string name)
    {
        var index = properties.FindIndex(p => p.Key == name);
        if (index < 0)
        {
            return null;
        }

        var value = properties[index].Value;
        properties.RemoveAt(index);
        return value;
    }
}
