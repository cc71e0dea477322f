using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace IpsecTun.Config.Loading;

/// <summary>
/// The line of every value and container of a JSON file, by configuration key (<c>ip:ipsec:peer:0</c>),
/// so that an error can say <c>config.json:14</c>. Microsoft.Extensions.Configuration keeps no positions.
/// </summary>
internal static class JsonLineIndex
{
    /// <summary>Line numbers (from 1) by key; empty when the file is not readable JSON, whose error says where.</summary>
    public static Dictionary<string, int> Build(byte[] json)
    {
        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<string>();
        var containers = new Stack<(bool IsArray, int Next)>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        containers.Pop();
                        if (containers.Count > 0)
                        {
                            path.RemoveAt(path.Count - 1);
                        }

                        continue;
                }

                var isContainer = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
                if (containers.Count > 0)
                {
                    var (isArray, next) = containers.Pop();
                    containers.Push((isArray, next + 1));
                    path.Add(isArray ? next.ToString(CultureInfo.InvariantCulture) : property!);
                    var line = lineStarts.BinarySearch((int)reader.TokenStartIndex);
                    lines.TryAdd(string.Join(ConfigurationPath.KeyDelimiter, path), line >= 0 ? line + 1 : ~line);
                    if (!isContainer)
                    {
                        path.RemoveAt(path.Count - 1);
                    }
                }

                if (isContainer)
                {
                    containers.Push((reader.TokenType == JsonTokenType.StartArray, 0));
                }
            }
        }
        catch (JsonException)
        {
            return [];
        }

        return lines;
    }
}
