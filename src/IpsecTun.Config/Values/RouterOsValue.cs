using System.Globalization;

namespace IpsecTun.Config.Values;

/// <summary>Booleans, integers, names from a fixed set, and comma lists in RouterOS syntax.</summary>
internal static class RouterOsValue
{
    public static bool ParseBool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "yes" or "true" => true,
        "no" or "false" => false,
        _ => throw new InvalidValueException($"\"{text}\" is not yes or no"),
    };

    public static long ParseInteger(string text, long min, long max)
    {
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ||
            value < min || value > max)
        {
            throw new InvalidValueException($"\"{text}\" is not an integer from {min} to {max}");
        }

        return value;
    }

    public static int ParsePort(string text) => (int)ParseInteger(text, 0, 65535);

    /// <summary>A port or <c>any</c> (null).</summary>
    public static int? ParsePortOrAny(string text) =>
        text.Trim().Equals("any", StringComparison.OrdinalIgnoreCase) ? null : (int)ParseInteger(text, 0, 65535);

    /// <summary>One of <paramref name="names"/> (RouterOS spelling), case-insensitive.</summary>
    public static T ParseName<T>(string text, IReadOnlyDictionary<string, T> names)
    {
        if (names.TryGetValue(text.Trim().ToLowerInvariant(), out var value))
        {
            return value;
        }

        throw new InvalidValueException(
            $"\"{text}\" is not allowed; allowed: {string.Join(", ", names.Keys)}{Suggestions.DidYouMean(text, names.Keys)}");
    }

    /// <summary>Splits a comma list (<c>aes-256,aes-128</c>); empty items are an error.</summary>
    public static string[] SplitList(string text)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        if (items.Any(string.IsNullOrEmpty))
        {
            throw new InvalidValueException($"\"{text}\" has an empty item; write a comma list without spaces such as a,b,c");
        }

        return items;
    }
}
