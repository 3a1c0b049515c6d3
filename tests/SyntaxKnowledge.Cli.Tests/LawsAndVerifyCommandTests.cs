using System.Text.Json;
using static SyntaxKnowledge.Cli.Tests.CliHarness;

namespace SyntaxKnowledge.Cli.Tests;

public sealed class LawsAndVerifyCommandTests
{
    [Theory]
    [InlineData("1/3", "2/3")]
    [InlineData("1/2", "1/2")]
    [InlineData("0", "1")]
    public void LawsData_PrintsExactExponent_AndPredictedVsSimulated(string discount, string exponent)
    {
        (int code, string output, string error) = Run("laws", "data", "--discount", discount, "--concentration", "2", "--grid", "20,60", "--worlds", "60");
        Assert.True(code == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal("data", root.GetProperty("law").GetString());
        string[] exponents = [.. root.GetProperty("terms").EnumerateArray().Select(t => t.GetProperty("exponent").ToString())];
        Assert.Contains(exponent, exponents);
        JsonElement[] table = [.. root.GetProperty("table").EnumerateArray()];
        Assert.Equal(2, table.Length);
        Assert.All(table, row =>
        {
            double predicted = row.GetProperty("predicted").GetDouble(), simulated = row.GetProperty("simulated").GetDouble(), se = row.GetProperty("standard_error").GetDouble();
            Assert.True(Math.Abs(predicted - simulated) <= 4 * se, $"{predicted} vs {simulated} +/- {se}");
        });
    }

    [Fact]
    public void LawsData_Csv_AndBadGrid()
    {
        (int code, string output, _) = Run("laws", "data", "--discount", "1/2", "--concentration", "1", "--grid", "10", "--worlds", "0", "--format", "csv");
        Assert.Equal(0, code);
        Assert.StartsWith("n,predicted,asymptotic", output, StringComparison.Ordinal);
        AssertBadInput(Run("laws", "data", "--discount", "1/2", "--concentration", "1", "--grid", "10,x"), "--grid", "'x'");
        AssertBadInput(Run("laws", "data", "--discount", "1/2", "--concentration", "1", "--worlds", "1"), "--worlds");
    }

    [Fact]
    public void Verify_OneTheorem_Json_Passes()
    {
        (int code, string output, string error) = Run("verify", "--theorem", "py.expected-distinct", "--format", "json", "--replicates", "2000");
        Assert.True(code == 0, error + output);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement theorem = json.RootElement.GetProperty("theorems")[0];
        Assert.Equal("py.expected-distinct", theorem.GetProperty("id").GetString());
        Assert.True(theorem.GetProperty("passed").GetBoolean());
        Assert.False(string.IsNullOrEmpty(theorem.GetProperty("statement").GetString()));
        Assert.NotEmpty(theorem.GetProperty("checks").EnumerateArray());
    }

    [Fact]
    public void Verify_List_And_UnknownTheorem()
    {
        (int code, string output, _) = Run("verify", "--list");
        Assert.Equal(0, code);
        Assert.Contains("model.data-scaling", output, StringComparison.Ordinal);
        AssertBadInput(Run("verify", "--theorem", "no.such"), "--theorem", "no.such");
        AssertBadInput(Run("verify", "--replicates", "1"), "--replicates", "replicates >= 2");
    }

    [Fact]
    public void Demo_PrintsAReadableReport()
    {
        (int code, string output, string error) = Run("demo");
        Assert.True(code == 0, error);
        Assert.Contains("Heaps' law", output, StringComparison.Ordinal);
        Assert.Contains("within 4 standard errors", output, StringComparison.Ordinal);
        Assert.Contains("n ~ F^(2/3), C ~ F^(1/3), loss ~ F^-(1/3)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1/3", "2", "n ~ F^(3/4), C ~ F^(1/4), loss ~ F^-(1/2)")]
    [InlineData("1/2", "1", "n ~ F^(2/3), C ~ F^(1/3), loss ~ F^-(1/3)")]
    [InlineData("3/4", "1/3", "n ~ F^(4/7), C ~ F^(3/7), loss ~ F^-(1/7)")]
    public void Demo_DerivesTheModelExponentAndComputeSplitFromTheDiscount(string discount, string modelExponent, string split)
    {
        (int code, string output, string error) = Run("demo", "--discount", discount, "--concentration", "1");
        Assert.True(code == 0, error);
        Assert.Matches(@"b = \(1 - d\)/d\s+= " + System.Text.RegularExpressions.Regex.Escape(modelExponent) + "\n", output.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Contains(split, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("simulate --backend ", "managed", "ilgpu-cpu", "gpu")]
    [InlineData("laws model --format ", "json", "csv", "table")]
    [InlineData("la", "laws")]
    public void SuggestDirective_CompletesCommandsAndOptionValues(string line, params string[] expected)
    {
        (int code, string output, string error) = Run("[suggest:" + line.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", line);
        Assert.True(code == 0, error);
        string[] suggestions = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string e in expected)
        {
            Assert.Contains(e, suggestions);
        }
    }

    [Fact]
    public void Help_ListsEveryCommand()
    {
        (int code, string output, _) = Run("--help");
        Assert.Equal(0, code);
        foreach (string command in new[] { "demo", "pitman-yor", "generate", "oracle", "score", "laws", "verify", "fit", "simulate", "merge", "bench", "plot", "compare" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }
}
