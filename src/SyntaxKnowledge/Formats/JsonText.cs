using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SyntaxKnowledge.Formats;

/// <summary>JSON helpers shared by the readers and writers: Python's non-finite number tokens, and typed field access with located errors.</summary>
internal static class JsonText
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = false, MaxDepth = 16 };

    /// <summary>Parses one line; Python's bare <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> (what <c>json.dumps</c> writes) are accepted as numbers.</summary>
    public static JsonDocument Parse(string text, string file, int line)
    {
        try
        {
            return JsonDocument.Parse(QuoteNonFinite(text), Options);
        }
        catch (JsonException e)
        {
            throw new FileFormatException(file, line, null, "not valid JSON: " + FirstLine(e.Message));
        }
    }

    /// <summary>Rewrites bare NaN, Infinity and -Infinity outside strings as the strings "NaN", "Infinity", "-Infinity".</summary>
    public static string QuoteNonFinite(string text)
    {
        if (!text.Contains("NaN", StringComparison.Ordinal) && !text.Contains("Infinity", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 16);
        bool inString = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (inString)
            {
                result.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    result.Append(text[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                result.Append(c);
            }
            else if (Matches(text, i, "NaN"))
            {
                result.Append("\"NaN\"");
                i += 2;
            }
            else if (Matches(text, i, "-Infinity"))
            {
                result.Append("\"-Infinity\"");
                i += 8;
            }
            else if (Matches(text, i, "Infinity"))
            {
                result.Append("\"Infinity\"");
                i += 7;
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static bool Matches(string text, int at, string token) => string.CompareOrdinal(text, at, token, 0, token.Length) == 0;

    /// <summary>Reads a number, or one of the strings "NaN", "Infinity", "-Infinity".</summary>
    public static double Double(JsonElement e, string file, int line, string field)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                return e.GetDouble();
            case JsonValueKind.String:
                return e.GetString() switch
                {
                    "NaN" => double.NaN,
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    string s => throw new FileFormatException(file, line, field, string.Create(CultureInfo.InvariantCulture, $"\"{s}\" is not a number")),
                    null => throw new FileFormatException(file, line, field, "expected a number"),
                };
            default:
                throw new FileFormatException(file, line, field, string.Create(CultureInfo.InvariantCulture, $"expected a number, found {Kind(e)}"));
        }
    }

    public static JsonElement Property(JsonElement e, string name, string file, int line)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new FileFormatException(file, line, null, string.Create(CultureInfo.InvariantCulture, $"expected a JSON object, found {Kind(e)}"));
        }

        return e.TryGetProperty(name, out JsonElement value) ? value : throw new FileFormatException(file, line, name, "is missing");
    }

    public static bool TryProperty(JsonElement e, string name, out JsonElement value) =>
        e.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    public static long Int64(JsonElement e, string name, string file, int line)
    {
        JsonElement v = Property(e, name, file, line);
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long x)
            ? x
            : throw new FileFormatException(file, line, name, string.Create(CultureInfo.InvariantCulture, $"expected an integer, found {Kind(v)}"));
    }

    public static int Int32(JsonElement e, string name, string file, int line)
    {
        long x = Int64(e, name, file, line);
        return x is >= int.MinValue and <= int.MaxValue ? (int)x : throw new FileFormatException(file, line, name, string.Create(CultureInfo.InvariantCulture, $"{x} is out of range"));
    }

    public static string String(JsonElement e, string name, string file, int line)
    {
        JsonElement v = Property(e, name, file, line);
        return v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new FileFormatException(file, line, name, string.Create(CultureInfo.InvariantCulture, $"expected a string, found {Kind(v)}"));
    }

    public static bool Boolean(JsonElement e, string name, string file, int line)
    {
        JsonElement v = Property(e, name, file, line);
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FileFormatException(file, line, name, string.Create(CultureInfo.InvariantCulture, $"expected true or false, found {Kind(v)}")),
        };
    }

    public static JsonElement Array(JsonElement e, string name, string file, int line)
    {
        JsonElement v = Property(e, name, file, line);
        return v.ValueKind == JsonValueKind.Array ? v : throw new FileFormatException(file, line, name, string.Create(CultureInfo.InvariantCulture, $"expected an array, found {Kind(v)}"));
    }

    public static double[] Doubles(JsonElement e, string name, string file, int line)
    {
        JsonElement v = Array(e, name, file, line);
        var values = new double[v.GetArrayLength()];
        int i = 0;
        foreach (JsonElement x in v.EnumerateArray())
        {
            values[i++] = Double(x, file, line, string.Create(CultureInfo.InvariantCulture, $"{name}[{i - 1}]"));
        }

        return values;
    }

    public static string[] Strings(JsonElement e, string name, string file, int line)
    {
        JsonElement v = Array(e, name, file, line);
        var values = new string[v.GetArrayLength()];
        int i = 0;
        foreach (JsonElement x in v.EnumerateArray())
        {
            values[i++] = x.ValueKind == JsonValueKind.String
                ? x.GetString()!
                : throw new FileFormatException(file, line, string.Create(CultureInfo.InvariantCulture, $"{name}[{i - 1}]"), "expected a string");
        }

        return values;
    }

    /// <summary>Checks the "format" field: present, an integer, and a version this reader knows.</summary>
    public static int Format(JsonElement e, int current, string kind, string file, int line)
    {
        int format = Int32(e, "format", file, line);
        return format >= 1 && format <= current
            ? format
            : throw new FileFormatException(file, line, "format", string.Create(CultureInfo.InvariantCulture, $"unsupported {kind} format {format}; this version reads formats 1 to {current}"));
    }

    /// <summary>Writes a double; non-finite values as Python's bare tokens (NaN, Infinity, -Infinity), which json.loads reads back.</summary>
    public static void WriteDouble(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteRawValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity", skipInputValidation: true);
        }
    }

    public static void WriteDoubles(Utf8JsonWriter json, string name, IEnumerable<double> values)
    {
        json.WriteStartArray(name);
        foreach (double v in values)
        {
            WriteDouble(json, v);
        }

        json.WriteEndArray();
    }

    public static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }

    /// <summary>Writes one JSON object as one line (compact, UTF-8 text, no escaping of non-ASCII letters) and a newline.</summary>
    public static void WriteLine(TextWriter writer, Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false }))
        {
            write(json);
        }

        writer.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        writer.Write('\n');
    }

    /// <summary>Enumerates the non-blank lines of a reader with their 1-based line numbers.</summary>
    public static IEnumerable<(int Line, string Text)> Lines(TextReader reader)
    {
        int number = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                yield return (number, text);
            }
        }
    }

    public static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    public static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
