using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IpsecTun.Config.Schema;

namespace IpsecTun.Config.Import;

/// <summary>Writes an imported document as the configuration file: menus nested by path, values as the script wrote them.</summary>
internal static class ImportJsonWriter
{
    public static string Write(ImportedDocument document)
    {
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            writer.WriteStartObject();
            var open = new List<string>();
            foreach (var menu in Menus.All.Where(m => document.Entries(m).Count > 0))
            {
                var path = menu.Path.Split('.');
                var common = open.Zip(path).TakeWhile(p => p.First == p.Second).Count();
                for (; open.Count > common; open.RemoveAt(open.Count - 1))
                {
                    writer.WriteEndObject();
                }

                for (; open.Count < path.Length - 1; open.Add(path[open.Count]))
                {
                    writer.WriteStartObject(path[open.Count]);
                }

                writer.WritePropertyName(path[^1]);
                WriteMenu(writer, menu, document.Entries(menu));
            }

            for (; open.Count > 0; open.RemoveAt(open.Count - 1))
            {
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private static void WriteMenu(Utf8JsonWriter writer, MenuSchema menu, IReadOnlyList<ImportedEntry> entries)
    {
        if (menu.Shape == MenuShape.Single)
        {
            WriteEntry(writer, entries[0]);
            return;
        }

        writer.WriteStartArray();
        foreach (var entry in entries)
        {
            WriteEntry(writer, entry);
        }

        writer.WriteEndArray();
    }

    private static void WriteEntry(Utf8JsonWriter writer, ImportedEntry entry)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in entry.Properties)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    }
}
