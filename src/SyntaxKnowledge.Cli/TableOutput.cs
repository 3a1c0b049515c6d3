using System.Text.Json;
using SyntaxKnowledge.Formats;

namespace SyntaxKnowledge.Cli;

/// <summary>Renders a core <see cref="ResultTable"/> as JSON (title, schema, rows as objects), CSV or a text table.</summary>
internal static class TableOutput
{
    public static void Write(TextWriter writer, ResultTable table, string format)
    {
        string[] header = [.. table.Columns.Select(c => c.Name)];
        switch (format)
        {
            case "csv":
                Output.Csv(writer, header, table.Rows.Select(r => (IReadOnlyList<string>)[.. r.Select(c => c.Format())]));
                break;
            case "table":
                Output.Table(writer, header, table.Rows.Select(r => (IReadOnlyList<string>)[.. r.Select(c => c.Format(5))]), table.Title);
                break;
            default:
                Output.Json(writer, json => WriteJson(json, table));
                break;
        }
    }

    /// <summary>Writes {"title", "columns": [{name, unit, kind, description}], "rows": [{name: value}]}; non-finite reals as null.</summary>
    public static void WriteJson(Utf8JsonWriter json, ResultTable table)
    {
        json.WriteStartObject();
        json.WriteString("title", table.Title);
        json.WriteStartArray("columns");
        foreach (TableColumn c in table.Columns)
        {
            json.WriteStartObject();
            json.WriteString("name", c.Name);
            json.WriteString("unit", c.Unit);
            json.WriteString("kind", c.Kind.ToString().ToLowerInvariant());
            json.WriteString("description", c.Description);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("rows");
        foreach (var row in table.Rows)
        {
            json.WriteStartObject();
            for (int i = 0; i < table.Columns.Length; i++)
            {
                TableCell cell = row[i];
                string name = table.Columns[i].Name;
                switch (cell.Kind)
                {
                    case ColumnKind.Text:
                        json.WriteString(name, cell.TextValue);
                        break;
                    case ColumnKind.Count:
                        json.WriteNumber(name, cell.IntegerValue);
                        break;
                    case ColumnKind.Boolean:
                        json.WriteBoolean(name, cell.IntegerValue != 0);
                        break;
                    default:
                        json.Number(name, cell.RealValue);
                        break;
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
