using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Cli;

/// <summary>Output helpers: compact JSON objects, CSV and plain-text tables.</summary>
internal static class Output
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one JSON value on one line.</summary>
    public static void Json(TextWriter writer, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            write(json);
        }

        writer.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Writes a double, or null when it is not finite (JSON has no NaN or infinity).</summary>
    public static void Number(this Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Writes an exact rational as a "p/q" string.</summary>
    public static void Exact(this Utf8JsonWriter json, string name, Rational value) => json.WriteString(name, value.ToString());

    /// <summary>Formats a double for tables and CSV (round-trip, invariant culture).</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a double with a given number of significant digits.</summary>
    public static string Format(double value, int digits) => value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Writes a CSV table (RFC 4180 quoting where needed).</summary>
    public static void Csv(TextWriter writer, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        writer.WriteLine(string.Join(",", header.Select(Quote)));
        foreach (IReadOnlyList<string> row in rows)
        {
            writer.WriteLine(string.Join(",", row.Select(Quote)));
        }

        static string Quote(string cell) =>
            cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    /// <summary>Writes a human-readable table without colours or ANSI codes.</summary>
    public static void Table(TextWriter writer, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? title = null)
    {
        // Wide enough that no cell wraps: a table is read row by row, and a number split over two lines reads as two numbers.
        List<IReadOnlyList<string>> materialised = [.. rows];
        int width = Enumerable.Range(0, header.Count).Sum(i => Math.Max(header[i].Length, materialised.Count == 0 ? 0 : materialised.Max(r => i < r.Count ? r[i].Length : 0)) + 3) + 4;
        IAnsiConsole console = Console(writer);
        console.Profile.Width = Math.Max(console.Profile.Width, width);
        rows = materialised;
        var table = new Table().Border(TableBorder.Simple);
        if (title is not null)
        {
            table.Title = new TableTitle(Markup.Escape(title));
        }

        foreach (string column in header)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        }

        foreach (IReadOnlyList<string> row in rows)
        {
            table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)).ToArray());
        }

        console.Write(table);
    }

    /// <summary>A Spectre console writing plain text to the given writer.</summary>
    public static IAnsiConsole Console(TextWriter writer)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        return console;
    }
}
