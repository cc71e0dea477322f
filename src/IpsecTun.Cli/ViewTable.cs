using System.Globalization;
using System.Text;
using IpsecTun.Engine.Control;

namespace IpsecTun.Cli;

/// <summary>
/// Menus as RouterOS's <c>print</c> shows them: a flags legend, the columns, then one line per row with
/// its number and flags; each column as wide as its widest value, numbers aligned right. Statistics
/// are one <c>name: value</c> per line instead, names aligned on the colon.
/// </summary>
internal static class ViewTable
{
    private const string Gap = "  ";

    public static void Write(TextWriter output, ViewMenu menu, IReadOnlyList<ViewRow> rows)
    {
        if (menu == ViewMenu.Statistics)
        {
            WriteLines(output, rows);
            return;
        }

        if (FlagLegend.Line(menu, rows) is { } legend)
        {
            output.WriteLine(legend);
        }

        var names = rows.SelectMany(r => r.Properties.Select(p => p.Key)).Distinct().ToList();
        if (names.Count == 0)
        {
            return;
        }

        output.WriteLine("Columns: " + string.Join(", ", names.Select(Header)));
        var cells = rows.Select(r => names.Select(n => Value(r, n)).ToList()).ToList();
        var widths = names.Select((n, i) => Math.Max(Header(n).Length, cells.Max(c => c[i].Length))).ToList();
        var numeric = names.Select((_, i) => cells.All(c => c[i].Length == 0 || IsNumber(c[i]))).ToList();
        var numberWidth = Math.Max(1, (rows.Count - 1).ToString(CultureInfo.InvariantCulture).Length);
        var flagsWidth = rows.Max(r => r.Flags.Length);

        output.WriteLine(Line("#".PadRight(numberWidth), "", flagsWidth, names.Select(Header).ToList(), widths, numeric));
        for (var i = 0; i < rows.Count; i++)
        {
            output.WriteLine(Line(i.ToString(CultureInfo.InvariantCulture).PadLeft(numberWidth), rows[i].Flags, flagsWidth, cells[i], widths, numeric));
        }
    }

    private static void WriteLines(TextWriter output, IReadOnlyList<ViewRow> rows)
    {
        var width = rows.SelectMany(r => r.Properties).Select(p => p.Key.Length).DefaultIfEmpty(0).Max();
        for (var i = 0; i < rows.Count; i++)
        {
            if (i > 0)
            {
                output.WriteLine();
            }

            foreach (var (name, value) in rows[i].Properties)
            {
                output.WriteLine($"{name.PadLeft(width)}: {value}");
            }
        }
    }

    private static string Line(string number, string flags, int flagsWidth, List<string> cells, List<int> widths, List<bool> numeric)
    {
        var line = new StringBuilder(number);
        if (flagsWidth > 0)
        {
            line.Append(' ').Append(flags.PadRight(flagsWidth));
        }

        for (var i = 0; i < cells.Count; i++)
        {
            line.Append(Gap).Append(numeric[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        return line.ToString().TrimEnd();
    }

    private static string Header(string name) => name.ToUpperInvariant();

    private static string Value(ViewRow row, string name)
    {
        foreach (var (key, value) in row.Properties)
        {
            if (key == name)
            {
                return value;
            }
        }

        return "";
    }

    private static bool IsNumber(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
