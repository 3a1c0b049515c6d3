using System.Globalization;
using System.Text.Json;

namespace SyntaxKnowledge.Cli.Tests;

/// <summary>skm laws finetune and skm laws structure end to end: JSON/CSV/table output, corpus files, one-line errors with exit code 2.</summary>
public sealed class FineTuneAndStructureCommandTests : IDisposable
{
    private static readonly string[] Small = ["laws", "finetune", "--discount", "1/2", "--concentration", "1", "--pretraining", "200", "--replay", "20", "--capacity", "10", "--new-entities", "4", "--epochs", "3", "--worlds", "60", "--seed", "3"];

    private readonly string _directory = Directory.CreateTempSubdirectory("skm-laws-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // The arguments without the given options and their values (the options of Small all take one value).
    private static IEnumerable<string> Without(string[] args, params string[] options)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (options.Contains(args[i]))
            {
                i++;
                continue;
            }

            yield return args[i];
        }
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        int code = Cli.Run(args, output, error, interactive: false);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void FineTune_Json_HasEveryEpochWithForecastBoundsAndSimulation()
    {
        (int code, string output, string error) = Run(Small);
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal("finetune", root.GetProperty("law").GetString());
        Assert.Equal("5/8", root.GetProperty("parameters").GetProperty("replay_fraction").GetString()); // 20/(20 + 4*3)
        Assert.Equal("1/100", root.GetProperty("parameters").GetProperty("value_match").GetString()); // biographies bases
        JsonElement[] table = [.. root.GetProperty("table").EnumerateArray()];
        Assert.Equal(4, table.Length);
        foreach (JsonElement epoch in table)
        {
            double acquired = epoch.GetProperty("predicted").GetProperty("new_acquired").GetDouble();
            JsonElement bounds = epoch.GetProperty("bounds");
            Assert.InRange(acquired, bounds.GetProperty("new_acquired_lower").GetDouble() - 1e-9, bounds.GetProperty("new_acquired_upper").GetDouble() + 1e-9);
            Assert.True(epoch.GetProperty("simulated").GetProperty("old_mass").GetProperty("standard_error").GetDouble() >= 0);
        }

        Assert.Equal("3", table[1].GetProperty("new_score").GetString());
        Assert.Equal(60, root.GetProperty("worlds").GetInt32());
    }

    [Fact]
    public void FineTune_CsvAndTable_AndSameSeedSameOutput()
    {
        (int code, string csv, _) = Run([.. Small, "--format", "csv"]);
        Assert.Equal(0, code);
        string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("epoch,new_score,new_acquired,", lines[0], StringComparison.Ordinal);
        Assert.Equal(csv, Run([.. Small, "--format", "csv"]).Output);

        (int tableCode, string table, string both) = Run([.. Without(Small, "--replay"), "--format", "table", "--replay-fraction", "1/3", "--replay", "6"]);
        Assert.Equal(2, tableCode);
        Assert.Equal(string.Empty, table);
        Assert.Contains("cannot both be given", both, StringComparison.Ordinal);
        string[] fractionArgs = [.. Without(Small, "--replay"), "--replay-fraction", "1/3", "--format", "table"];
        (tableCode, table, _) = Run(fractionArgs);
        Assert.Equal(0, tableCode);
        Assert.Contains("m = 6", table, StringComparison.Ordinal); // lambda F r/(1 - lambda) = (1/3)(12)/(2/3)
        Assert.Contains("per epoch", table, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--decay", "2", "--decay")]
    [InlineData("--min-score", "-1", "--min-score")]
    [InlineData("--value-match", "3/2", "--value-match")]
    [InlineData("--capacity", "0", "--capacity")]
    [InlineData("--worlds", "1", "--worlds")]
    [InlineData("--worlds", "1000000", "--worlds")]
    [InlineData("--replay-fraction", "2/7", "--replay-fraction")]
    [InlineData("--concentration", "-1", "--concentration")]
    public void FineTune_BadInput_ExitsTwoWithOneLine(string option, string value, string named)
    {
        string[] args = [.. Without(Small, "--replay", option), option, value];
        (int code, string output, string error) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Structure_Generated_Json_CurveDecreasesAndOptimumIsAThreshold()
    {
        (int code, string output, string error) = Run("laws", "structure", "--discount", "1/2", "--concentration", "1", "--sentences", "400", "--attributes", "field,birth_year");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal(400, root.GetProperty("sentences").GetInt32());
        double[] budgets = [.. root.GetProperty("curve").EnumerateArray().Select(p => p.GetProperty("budget").GetDouble())];
        double[] lengths = [.. root.GetProperty("curve").EnumerateArray().Select(p => p.GetProperty("code_length").GetDouble())];
        Assert.Equal(0, budgets[0]);
        Assert.True(budgets.Zip(budgets.Skip(1)).All(p => p.Second > p.First));
        Assert.True(lengths.Zip(lengths.Skip(1)).All(p => p.Second < p.First));
        JsonElement optimum = root.GetProperty("optimum");
        double total = optimum.GetProperty("total").GetDouble();
        double best = budgets.Zip(lengths).Min(p => p.First + p.Second);
        Assert.True(Math.Abs(best - total) <= 1e-9 * total, $"{best} vs {total}");
        JsonElement threshold = root.GetProperty("threshold");
        Assert.True(threshold.GetProperty("minimum_stored_count").GetInt64() > threshold.GetProperty("maximum_unstored_count").GetInt64() || optimum.GetProperty("entities_stored").GetInt32() == 0);
    }

    [Fact]
    public void Structure_CorpusFile_MatchesTheGeneratedCorpus_InEveryFormat()
    {
        string path = Path.Combine(_directory, "corpus.jsonl");
        Assert.Equal(0, Run("generate", "--discount", "1/2", "--concentration", "1", "--sentences", "150", "--seed", "9", "--out", path).Code);
        (int code, string fromFile, string error) = Run("laws", "structure", "--corpus", path, "--entity-cost", "50", "--format", "csv");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        (int code2, string generated, _) = Run("laws", "structure", "--discount", "1/2", "--concentration", "1", "--sentences", "150", "--seed", "9", "--entity-cost", "50", "--format", "csv");
        Assert.Equal(0, code2);
        Assert.Equal(generated, fromFile);
        Assert.StartsWith("budget,code_length,lower_bound,exact,syntax_stored,entities_stored", fromFile, StringComparison.Ordinal);

        (int tableCode, string table, _) = Run("laws", "structure", "--corpus", path, "--format", "table");
        Assert.Equal(0, tableCode);
        Assert.Contains("MDL optimum", table, StringComparison.Ordinal);
        Assert.Contains("threshold", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Structure_BadInput_ExitsTwoWithOneLine()
    {
        string missing = Path.Combine(_directory, "missing.jsonl");
        string malformed = Path.Combine(_directory, "bad.jsonl");
        File.WriteAllText(malformed, "not json\n");
        string[][] cases =
        [
            ["laws", "structure", "--sentences", "10"],
            ["laws", "structure", "--corpus", missing],
            ["laws", "structure", "--corpus", malformed],
            ["laws", "structure", "--corpus", malformed, "--discount", "1/2"],
            ["laws", "structure", "--discount", "1/2", "--concentration", "1", "--entity-cost", "-1"],
            ["laws", "structure", "--discount", "1/2", "--concentration", "1", "--syntax-cost", "abc"],
            ["laws", "structure", "--discount", "1/2", "--concentration", "1", "--sentences", "0"],
        ];
        foreach (string[] args in cases)
        {
            (int code, string output, string error) = Run(args);
            Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}, {error}");
            Assert.Equal(string.Empty, output);
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
