using System.Globalization;

namespace IpsecTun.Config.Values;

/// <summary>
/// RouterOS durations: <c>30m</c>, <c>1d</c>, <c>1d2h3m4s</c>, <c>1w</c>, <c>300ms</c>, <c>00:30:00</c>,
/// <c>1d02:00:00</c>, or a bare number of seconds (also what a JSON number means).
/// </summary>
public static class RouterOsTime
{
    public const string Allowed = "a time such as 30m, 8h, 1d, 1d2h3m, 300ms, 00:30:00 or a number of seconds";

    public static TimeSpan Parse(string text)
    {
        if (!TryParse(text, out var value))
        {
            throw new InvalidValueException($"\"{text}\" is not {Allowed}");
        }

        return value;
    }

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var s = text.AsSpan().Trim();
        if (s.IsEmpty)
        {
            return false;
        }

        if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        var total = TimeSpan.Zero;
        while (!s.IsEmpty)
        {
            var digits = 0;
            while (digits < s.Length && char.IsAsciiDigit(s[digits]))
            {
                digits++;
            }

            if (digits == 0)
            {
                return false;
            }

            if (digits < s.Length && s[digits] == ':')
            {
                // The clock part closes the value: hh:mm:ss.
                if (!TimeSpan.TryParseExact(s, @"h\:mm\:ss", CultureInfo.InvariantCulture, out var clock) &&
                    !TimeSpan.TryParseExact(s, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out clock))
                {
                    return false;
                }

                value = total + clock;
                return true;
            }

            var number = long.Parse(s[..digits], NumberStyles.None, CultureInfo.InvariantCulture);
            s = s[digits..];
            var unit = s.StartsWith("ms") ? "ms" : s.IsEmpty ? "" : s[..1].ToString();
            TimeSpan part;
            switch (unit)
            {
                case "ms": part = TimeSpan.FromMilliseconds(number); break;
                case "s": part = TimeSpan.FromSeconds(number); break;
                case "m": part = TimeSpan.FromMinutes(number); break;
                case "h": part = TimeSpan.FromHours(number); break;
                case "d": part = TimeSpan.FromDays(number); break;
                case "w": part = TimeSpan.FromDays(7 * number); break;
                default: return false;
            }

            total += part;
            s = s[unit.Length..];
        }

        value = total;
        return true;
    }
}
