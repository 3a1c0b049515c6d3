using System.Globalization;
using System.Text.Json;

namespace SyntaxKnowledge.Cli.Tests;

/// <summary>skm compare end to end: JSON/CSV/table for a PY(d, theta), the published Chinchilla allocations, and one-line errors with exit code 2.</summary>
public sealed class CompareCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        int code = Cli.Run(args, output, error, interactive: false);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Compare_Json_ReportsExactMatchingExponentsForEveryTheory()
    {
        (int code, string output, string error) = Run("compare", "--discount", "1/2", "--concentration", "1");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal("1/2", root.GetProperty("discount").GetString());
        JsonElement[] theories = [.. root.GetProperty("theories").EnumerateArray()];
        Assert.Equal(["syntax-knowledge", "hutter", "quantization", "santa-fe", "chinchilla-hoffmann-2022", "chinchilla-besiroglu-2024"], theories.Select(t => t.GetProperty("name").GetString()));
        foreach (JsonElement t in theories.Take(4))
        {
            Assert.Equal("1/2", t.GetProperty("data_exponent").GetString());
            Assert.Equal("1/2", t.GetProperty("discount_from_data").GetString());
        }

        Assert.Equal("1/3", theories[0].GetProperty("compute_optimal").GetProperty("model_share").GetString());
        Assert.Equal(JsonValueKind.Null, theories[1].GetProperty("model_exponent").ValueKind);
        Assert.Equal("18/25", theories[4].GetProperty("discount_from_data").GetString());
        Assert.Equal("50/67", theories[4].GetProperty("discount_from_model").GetString());
    }

    [Fact]
    public void Compare_Json_ReproducesChinchillaAllocationsAtTheGopherBudget()
    {
        (int code, string output, _) = Run("compare", "--discount", "1/2", "--concentration", "1");
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(5.76e23, json.RootElement.GetProperty("compute_flops").GetDouble());
        var sets = json.RootElement.GetProperty("chinchilla").EnumerateArray().ToDictionary(e => e.GetProperty("constants").GetString()!);
        Assert.Equal("14/31", sets["hoffmann-2022"].GetProperty("parameters_share").GetString());
        Assert.Equal(92.6474, sets["hoffmann-2022"].GetProperty("tokens_per_parameter").GetDouble(), 4);
        Assert.Equal(40.31, sets["hoffmann-2022-tex"].GetProperty("parameters").GetDouble() / 1e9, 2);
        Assert.Equal(18.3912, sets["besiroglu-2024"].GetProperty("tokens_per_parameter").GetDouble(), 4);
        Assert.Equal("1829/3568", sets["besiroglu-2024"].GetProperty("parameters_share").GetString());
    }

    [Fact]
    public void Compare_ComputeOption_ScalesTheAllocation()
    {
        (int code, string output, _) = Run("compare", "--discount", "3/5", "--concentration", "1", "--compute", "1e21");
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement refit = json.RootElement.GetProperty("chinchilla").EnumerateArray().Single(e => e.GetProperty("constants").GetString() == "besiroglu-2024");
        double n = refit.GetProperty("parameters").GetDouble(), d = refit.GetProperty("tokens").GetDouble();
        Assert.Equal(1e21, 6 * n * d, 1e21 * 1e-12);
    }

    [Fact]
    public void Compare_Csv_HasOneRowPerTheory_AndGridGivesCurvePoints()
    {
        (int code, string output, string error) = Run("compare", "--discount", "2/3", "--concentration", "1/2", "--format", "csv");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        string[] lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("theory,data_exponent,model_exponent,discount_from_data,discount_from_model,model_share,data_share", lines[0], StringComparison.Ordinal);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("hutter,1/3,,2/3,,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("quantization,1/3,1/2,2/3,2/3,2/5,3/5,", lines[3], StringComparison.Ordinal);

        (code, output, _) = Run("compare", "--discount", "2/3", "--concentration", "1/2", "--format", "csv", "--grid", "100,1e4");
        Assert.Equal(0, code);
        lines = output.TrimEnd().Split('\n');
        Assert.Equal("theory,law,variable,x,value", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("santa-fe,model,C (facts stored),10000,", StringComparison.Ordinal));
        Assert.Equal(1 + (2 * (6 + 5)), lines.Length); // 6 theories, 5 with a model law, 2 scales
    }

    [Fact]
    public void Compare_Table_ShowsRowsPredictionsChinchillaAndNotes()
    {
        (int code, string output, _) = Run("compare", "--discount", "1/2", "--concentration", "1", "--format", "table", "--grid", "1000");
        Assert.Equal(0, code);
        Assert.Contains("syntax-knowledge", output, StringComparison.Ordinal);
        Assert.Contains("besiroglu-2024", output, StringComparison.Ordinal);
        Assert.Contains("18.3912", output, StringComparison.Ordinal);
        Assert.Contains("laws on the grid", output, StringComparison.Ordinal);
        Assert.Contains("note:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_DirichletProcess_OmitsZipfPeers()
    {
        (int code, string output, _) = Run("compare", "--discount", "0", "--concentration", "2");
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(3, json.RootElement.GetProperty("theories").GetArrayLength());
        Assert.Contains(json.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("d = 0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--discount", "1", "--discount")]
    [InlineData("--concentration", "-1", "--concentration")]
    [InlineData("--compute", "-5", "--compute")]
    [InlineData("--compute", "abc", "--compute")]
    [InlineData("--grid", "1,10", "--grid")]
    [InlineData("--grid", "x", "--grid")]
    public void Compare_BadInput_OneLineErrorAndExitTwo(string option, string value, string named)
    {
        string[] args = option switch
        {
            "--discount" => ["compare", option, value, "--concentration", "1"],
            "--concentration" => ["compare", "--discount", "1/2", option, value],
            _ => ["compare", "--discount", "1/2", "--concentration", "1", option, value],
        };
        (int code, string output, string error) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Compare_UnknownFormat_ExitsTwo()
    {
        // The parser's message for a value outside AcceptOnlyFromAmong lists the choices on extra lines (shared behaviour).
        (int code, string output, string error) = Run("compare", "--discount", "1/2", "--concentration", "1", "--format", "xml");
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("xml", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MissingDiscount_ExitsTwo()
    {
        (int code, _, string error) = Run("compare", "--concentration", "1");
        Assert.Equal(2, code);
        Assert.Contains("--discount", error, StringComparison.Ordinal);
    }
}
