using System.Collections.Immutable;
using IpsecTun.Config.Schema;
using IpsecTun.Config.Values;
using Microsoft.Extensions.Configuration;

namespace IpsecTun.Config.Loading;

/// <summary>
/// Reads the properties of one entry of one menu. A value that does not parse becomes an error naming
/// the source, the entry and the property, and the default stands in for it, so that reading goes on
/// and every error of the file is found in one pass.
/// </summary>
internal sealed class EntryReader
{
    private readonly IConfigurationSection section;
    private readonly MenuSchema schema;
    private readonly LoadContext context;
    private readonly string label;
    private readonly HashSet<string> requested = new(StringComparer.OrdinalIgnoreCase);

    public EntryReader(MenuSchema schema, IConfigurationSection section, string label, LoadContext context)
    {
        this.schema = schema;
        this.section = section;
        this.label = label;
        this.context = context;
        Entry = label;
    }

    /// <summary>How errors name this entry: <c>ip.ipsec.peer[0] (office)</c>.</summary>
    public string Entry { get; private set; }

    public string BaseDirectory => context.BaseDirectory;

    public void Describe(string description) => Entry = $"{label} ({description})";

    /// <summary>The text of a property, or null when it is absent or empty.</summary>
    public string? Text(string property) => Raw(property, list: false);

    /// <summary>The entry's name: required, since other entries refer to it.</summary>
    public string Name() => Required("name", "other entries refer to this one by name", name => name) ?? "";

    /// <summary>
    /// A property the entry cannot do without; <paramref name="why"/> completes "is required: …".
    /// Its value, through <paramref name="describe"/>, joins the entry's description in errors.
    /// </summary>
    public string? Required(string property, string why, Func<string, string> describe)
    {
        var text = Text(property);
        if (text is null)
        {
            Error(property, $"is required: {why}");
        }
        else
        {
            Describe(describe(text));
        }

        return text;
    }

    /// <summary>
    /// A single value, or the default when absent. A default that does not pass (exchange-mode's
    /// <c>main</c>) is an error too, said as such; after a bad value the default stands in silently.
    /// </summary>
    public T Value<T>(string property, string defaultText, Func<string, T> parse)
    {
        var text = Raw(property, list: false);
        if (text is not null)
        {
            if (TryParse(property, text, parse, out var value))
            {
                return value;
            }

            try
            {
                return parse(defaultText);
            }
            catch (InvalidValueException)
            {
                return default!;
            }
        }

        try
        {
            return parse(defaultText);
        }
        catch (InvalidValueException e)
        {
            Error(property, $"not set, and the default {e.Message}");
            return default!;
        }
    }

    public T? Optional<T>(string property, Func<string, T?> parse)
        where T : class
    {
        var text = Raw(property, list: false);
        return text is not null && TryParse(property, text, parse, out var value) ? value : null;
    }

    public T? OptionalValue<T>(string property, Func<string, T> parse)
        where T : struct
    {
        var text = Raw(property, list: false);
        return text is not null && TryParse(property, text, parse, out var value) ? value : null;
    }

    /// <summary>A comma list (or JSON array); each item that does not parse is its own error.</summary>
    public ImmutableArray<T> List<T>(string property, string? defaultText, Func<string, T> parseItem)
    {
        var text = Raw(property, list: true) ?? defaultText;
        if (text is null)
        {
            return [];
        }

        if (!TryParse(property, text, RouterOsValue.SplitList, out var items))
        {
            return [];
        }

        var values = ImmutableArray.CreateBuilder<T>(items.Length);
        foreach (var item in items)
        {
            if (TryParse(property, item, parseItem, out var value))
            {
                values.Add(value);
            }
        }

        return values.ToImmutable();
    }

    /// <summary>A secret, resolved from <c>file:</c> or <c>env:</c>; its text never reaches an error.</summary>
    public Secret? Secret(string property)
    {
        var text = Raw(property, list: false);
        if (text is null)
        {
            return null;
        }

        try
        {
            return SecretResolver.Resolve(text, context.BaseDirectory);
        }
        catch (InvalidValueException e)
        {
            Error(property, e.Message);
            return null;
        }
    }

    /// <summary>A nested object of this entry (the <c>interface</c> of the <c>ipsectun</c> section).</summary>
    public EntryReader Child(string property, MenuSchema childSchema)
    {
        Request(property);
        var child = new EntryReader(childSchema, section.GetSection(property), $"{label}.{property}", context);
        if (!string.IsNullOrEmpty(section.GetSection(property).Value))
        {
            Error(property, $"is an object: {{ {string.Join(", ", childSchema.Properties.Select(p => $"\"{p}\": …"))} }}");
        }

        return child;
    }

    public void Error(string? property, string message)
    {
        var key = property is null ? section.Path : ConfigurationPath.Combine(section.Path, property);
        var source = context.Sources.Find(key) ?? context.Sources.Find(section.Path) ?? context.Sources.Fallback;
        context.Errors.Add(new ConfigurationError(source, Entry, property, message));
    }

    /// <summary>Reports the properties this entry has that its menu does not.</summary>
    public void Finish()
    {
        var missed = schema.Properties.Where(p => !requested.Contains(p)).ToList();
        if (missed.Count > 0)
        {
            throw new InvalidOperationException($"{schema.Path} reader does not read {string.Join(", ", missed)}");
        }

        foreach (var child in section.GetChildren())
        {
            if (!schema.Has(child.Key))
            {
                Error(child.Key, UnknownPropertyMessage(child.Key));
            }
        }
    }

    private string UnknownPropertyMessage(string property)
    {
        var message = $"is not a property of {schema.Path}{Suggestions.DidYouMean(property, schema.Properties)}";
        if (schema == Menus.Peer && (Menus.Identity.Has(property) || Menus.Profile.Has(property)))
        {
            var home = Menus.Identity.Has(property) ? Menus.Identity : Menus.Profile;
            message += $"; since RouterOS 6.43 it belongs in {home.Path} (ipsectun import-routeros splits old peers)";
        }

        return message + $"; allowed: {string.Join(", ", schema.Properties)}";
    }

    private void Request(string property)
    {
        if (!schema.Has(property))
        {
            throw new InvalidOperationException($"{property} is not in the schema of {schema.Path}");
        }

        requested.Add(property);
    }

    private string? Raw(string property, bool list)
    {
        Request(property);
        var child = section.GetSection(property);
        if (child.Value is { } value)
        {
            return value.Length == 0 ? null : value;
        }

        var items = child.GetChildren().ToList();
        if (items.Count == 0)
        {
            return null;
        }

        if (!list || items.Any(i => i.Value is null))
        {
            Error(property, list ? "takes a list of plain values" : "takes a single value, not a list or object");
            return null;
        }

        return string.Join(',', items.Select(i => i.Value));
    }

    private bool TryParse<T>(string property, string text, Func<string, T> parse, out T value)
    {
        try
        {
            value = parse(text);
            return true;
        }
        catch (InvalidValueException e)
        {
            Error(property, e.Message);
            value = default!;
            return false;
        }
    }
}
