using System.Globalization;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Tests.Support;

/// <summary>Reads the golden CSV files written by Reference/reference.py (header row, "p/q" exact values).</summary>
public static class Golden
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string file)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", file);
        string[] lines = File.ReadAllLines(path);
        string[] header = lines[0].Split(',');
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] cells = line.Split(',');
            Assert.Equal(header.Length, cells.Length);
            rows.Add(header.Zip(cells).ToDictionary(p => p.First, p => p.Second));
        }

        Assert.NotEmpty(rows);
        return rows;
    }

    public static Rational R(this IReadOnlyDictionary<string, string> row, string column) => Rational.Parse(row[column], CultureInfo.InvariantCulture);

    public static int I(this IReadOnlyDictionary<string, string> row, string column) => int.Parse(row[column], CultureInfo.InvariantCulture);

    public static double D(this IReadOnlyDictionary<string, string> row, string column) => double.Parse(row[column], CultureInfo.InvariantCulture);

    public static int[] Ints(this IReadOnlyDictionary<string, string> row, string column) =>
        row[column].Length == 0 ? [] : row[column].Split(';').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
}

/// <summary>Replicate counts for statistical tests: base count times SKM_TEST_SCALE (default 1; 10 for the long run).</summary>
public static class TestScale
{
    public static int Factor
    {
        get
        {
            string? text = Environment.GetEnvironmentVariable("SKM_TEST_SCALE");
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int f) && f >= 1 ? f : 1;
        }
    }

    public static int Replicates(int baseCount) => checked(baseCount * Factor);
}
