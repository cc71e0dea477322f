using System.Globalization;
using System.Text;

namespace IpsecTun.Esp;

/// <summary>RouterOS time notation (<c>1d2h</c>, <c>30m</c>, <c>45s</c>) for the views.</summary>
public static class Duration
{
    public static string Format(TimeSpan time)
    {
        if (time <= TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        Append(text, (int)time.TotalDays, 'd');
        Append(text, time.Hours, 'h');
        Append(text, time.Minutes, 'm');
        Append(text, time.Seconds, 's');
        return text.Length == 0 ? "0s" : text.ToString();
    }

    private static void Append(StringBuilder text, int value, char unit)
    {
        if (value > 0)
        {
            text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
