using System.Text.Encodings.Web;
using System.Text.Json;
using IpsecTun.Engine.Control;

namespace IpsecTun.Cli;

/// <summary>
/// Menus as JSON for scripts: one object per row with the manual's property names and values as
/// RouterOS prints them, the flags as booleans under their legend names (a property of the same name
/// wins). Statistics are a single object, every other menu an array.
/// </summary>
internal static class ViewJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Addresses, ranges and names print as typed, not as \u002B escapes; the output goes to a terminal or a file, never into HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter output, ViewMenu menu, IReadOnlyList<ViewRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            if (menu == ViewMenu.Statistics && rows.Count == 1)
            {
                WriteRow(writer, menu, rows[0]);
            }
            else
            {
                writer.WriteStartArray();
                foreach (var row in rows)
                {
                    WriteRow(writer, menu, row);
                }

                writer.WriteEndArray();
            }
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteRow(Utf8JsonWriter writer, ViewMenu menu, ViewRow row)
    {
        writer.WriteStartObject();
        var legend = FlagLegend.For(menu);
        foreach (var (letter, name) in legend)
        {
            if (!row.Properties.Any(p => p.Key == name))
            {
                writer.WriteBoolean(name, row.Flags.Contains(letter, StringComparison.Ordinal));
            }
        }

        var unnamed = new string([.. row.Flags.Where(c => legend.All(f => f.Letter != c))]);
        if (unnamed.Length > 0)
        {
            writer.WriteString("flags", unnamed);
        }

        foreach (var (name, value) in row.Properties)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    }
}
