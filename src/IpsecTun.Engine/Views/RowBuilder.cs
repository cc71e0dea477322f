using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Views;

/// <summary>Collects one row's flags and properties in display order; properties without a value are left out, as print does.</summary>
internal sealed class RowBuilder
{
    private readonly List<KeyValuePair<string, string>> properties = [];
    private string flags = "";

    public RowBuilder Flag(char flag, bool set)
    {
        if (set)
        {
            flags += flag;
        }

        return this;
    }

    public RowBuilder Add(string name, string? value)
    {
        if (value is not null)
        {
            properties.Add(new KeyValuePair<string, string>(name, value));
        }

        return this;
    }

    public RowBuilder Add(string name, bool value) => Add(name, RouterOsText.YesNo(value));

    public RowBuilder Add(string name, long value) => Add(name, RouterOsText.Number(value));

    public RowBuilder Add(string name, TimeSpan value) => Add(name, RouterOsText.Duration(value));

    public RowBuilder Add(string name, object? value) => Add(name, value?.ToString());

    public ViewRow Build() => new(flags, [.. properties]);
}
