using System.Globalization;
using SyntaxKnowledge.Fitting;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>
/// Reads a table of measured losses from CSV: a header row, then one run per row. Header names are
/// case-insensitive: <c>tokens</c> (or <c>data</c>, <c>D</c>), <c>parameters</c> (or <c>params</c>, <c>N</c>,
/// <c>capacity</c>) and <c>loss</c>; other columns are ignored. Blank lines and lines starting with '#' are skipped.
/// Every problem is a <see cref="CliInputException"/> naming the file, the line, the column and the problem.
/// </summary>
internal static class LossCsv
{
    /// <summary>The accepted names of each column, canonical name first.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Aliases = new Dictionary<string, string[]>
    {
        ["tokens"] = ["tokens", "data", "d"],
        ["parameters"] = ["parameters", "params", "n", "capacity"],
        ["loss"] = ["loss"],
    };

    /// <summary>A parsed table: the observations and the 1-based line number of the header.</summary>
    public sealed record Table(LossObservations Observations, int HeaderLine);

    /// <summary>Reads and validates the file.</summary>
    public static Table Read(string path)
    {
        InputFile.Require(path, "--input");
        string[] lines = File.ReadAllLines(path);
        int headerIndex = Array.FindIndex(lines, l => !IsSkipped(l));
        if (headerIndex < 0)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: the file is empty; expected a header row with columns tokens, parameters, loss."));
        }

        int headerLine = headerIndex + 1;
        string[] header = Split(lines[headerIndex], path, headerLine);
        var columns = new Dictionary<string, int>();
        for (int c = 0; c < header.Length; c++)
        {
            string name = header[c].Trim();
            foreach ((string canonical, string[] aliases) in Aliases)
            {
                if (!aliases.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (columns.TryGetValue(canonical, out int previous))
                {
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}:{headerLine}: columns '{header[previous].Trim()}' and '{name}' both name the {canonical} column; keep one."));
                }

                columns[canonical] = c;
            }
        }

        if (!columns.ContainsKey("loss"))
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}:{headerLine}: column 'loss' is missing; the header has {Describe(header)}; expected tokens (or data, D), parameters (or params, N, capacity) and loss."));
        }

        if (!columns.ContainsKey("tokens") && !columns.ContainsKey("parameters"))
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}:{headerLine}: neither column 'tokens' (or data, D) nor column 'parameters' (or params, N, capacity) is present; the header has {Describe(header)}."));
        }

        var values = columns.Keys.ToDictionary(k => k, _ => new List<double>());
        for (int i = headerIndex + 1; i < lines.Length; i++)
        {
            if (IsSkipped(lines[i]))
            {
                continue;
            }

            int line = i + 1;
            string[] cells = Split(lines[i], path, line);
            foreach ((string canonical, int column) in columns)
            {
                string name = header[column].Trim();
                if (column >= cells.Length)
                {
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: column '{name}' is missing; the row has {cells.Length} cells, the header {header.Length}."));
                }

                string text = cells[column].Trim();
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: column '{name}': '{text}' is not a number."));
                }

                if (!(value > 0) || double.IsPositiveInfinity(value))
                {
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: column '{name}' = {text} is out of range; valid range: 0 < {canonical} < infinity."));
                }

                values[canonical].Add(value);
            }
        }

        if (values["loss"].Count == 0)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: no data rows after the header (line {headerLine})."));
        }

        double[] Column(string name) => values.TryGetValue(name, out List<double>? list) ? list.ToArray() : [];
        return new Table(LossObservations.Create(Column("tokens"), Column("parameters"), Column("loss").AsSpan()), headerLine);
    }

    private static bool IsSkipped(string line)
    {
        string trimmed = line.Trim();
        return trimmed.Length == 0 || trimmed.StartsWith('#');
    }

    private static string Describe(string[] header) => header.Length == 0 ? "no columns" : string.Join(", ", header.Select(h => "'" + h.Trim() + "'"));

    // RFC 4180 fields on one line: commas separate, double quotes quote, "" inside quotes is a quote.
    private static string[] Split(string line, string path, int lineNumber)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}:{lineNumber}: unterminated quoted field."));
        }

        cells.Add(cell.ToString());
        return cells.ToArray();
    }
}
