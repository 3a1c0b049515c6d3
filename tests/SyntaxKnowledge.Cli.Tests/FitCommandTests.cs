using System.Globalization;
using System.Text;
using System.Text.Json;
using SyntaxKnowledge.Fitting;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Tests;

/// <summary>skm fit end to end: temp CSV files in, JSON/CSV/table out, one-line errors with exit code 2.</summary>
public sealed class FitCommandTests : IDisposable
{
    private const double Discount = 0.6;
    private readonly string _directory = Directory.CreateTempSubdirectory("skm-fit-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (int Code, string Output, string Error) Run(params string[] args) => CliRunner.Run(args);

    private string Write(string name, string content)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    // A 6 x 6 table from the Syntax-Knowledge law with d = 0.6 and 1% log-normal noise, under the given header names.
    private string SyntaxKnowledgeTable(string tokens = "tokens", string parameters = "parameters", string loss = "loss")
    {
        double alpha = (1 - Discount) / Discount, beta = 1 - Discount;
        var law = LossLaw.SyntaxKnowledge(2.0, 0.3 * Math.Pow(1e2, alpha), 0.5 * Math.Pow(1e3, beta), Discount);
        CounterRandom random = CounterRandom.Create(42, 0);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"run,{tokens},{parameters},{loss}\n");
        int row = 0;
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++, row++)
            {
                double c = Math.Pow(10, 2 + (3.0 * i / 5)), n = Math.Pow(10, 3 + (4.0 * j / 5));
                double z = Math.Sqrt(-2 * Math.Log(random.UniformPositive((ulong)(2 * row)))) * Math.Cos(2 * Math.PI * random.Uniform((ulong)((2 * row) + 1)));
                text.Append(CultureInfo.InvariantCulture, $"r{row},{n:R},{c:R},{law.Loss(n, c) * Math.Exp(0.01 * z):R}\n");
            }
        }

        return Write("losses.csv", text.ToString());
    }

    [Fact]
    public void Fit_AllForms_Json_ReportsBothTwoAxisFits_AndRecoversTheDiscount()
    {
        string path = SyntaxKnowledgeTable();
        (int code, string output, string error) = Run("fit", "--input", path, "--bootstrap", "30", "--seed", "7");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);

        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal(36, root.GetProperty("points").GetInt32());
        Assert.Equal(30, root.GetProperty("bootstrap").GetInt32());
        JsonElement[] fits = root.GetProperty("fits").EnumerateArray().ToArray();
        Assert.Equal(["chinchilla", "syntax-knowledge"], fits.Select(f => f.GetProperty("form").GetString()));

        JsonElement d = fits[1].GetProperty("quantities").GetProperty("discount");
        Assert.InRange(d.GetProperty("value").GetDouble(), Discount - 0.05, Discount + 0.05);
        Assert.True(d.GetProperty("lower").GetDouble() < d.GetProperty("value").GetDouble());
        Assert.True(d.GetProperty("upper").GetDouble() > d.GetProperty("value").GetDouble());
        Assert.Equal("by construction", fits[1].GetProperty("theory").GetProperty("consistent").GetString());

        JsonElement chinchilla = fits[0].GetProperty("quantities");
        Assert.True(chinchilla.TryGetProperty("discount_from_data", out _));
        Assert.True(chinchilla.TryGetProperty("discount_from_model", out _));
        Assert.True(chinchilla.TryGetProperty("discount_difference", out _));
        Assert.True(fits[0].GetProperty("theory").GetProperty("consistent").GetBoolean());
    }

    [Fact]
    public void Fit_SameSeed_SameOutput()
    {
        string path = SyntaxKnowledgeTable();
        string[] args = ["fit", "--input", path, "--form", "chinchilla", "--bootstrap", "12", "--seed", "3", "--format", "csv"];
        (int code1, string first, string error1) = Run(args);
        (int code2, string second, _) = Run(args);
        Assert.True(code1 == 0, error1);
        Assert.Equal(0, code2);
        Assert.StartsWith("form,quantity,value,lower,upper", first, StringComparison.Ordinal);
        Assert.True(first.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 2, first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Fit_HeaderAliasesAreCaseInsensitive_AndCsvFormatListsQuantities()
    {
        string path = SyntaxKnowledgeTable("D", "Capacity", "LOSS");
        (int code, string output, _) = Run("fit", "--input", path, "--form", "syntax-knowledge", "--bootstrap", "0", "--format", "csv");
        Assert.Equal(0, code);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("form,quantity,value,lower,upper", lines[0]);
        string discount = Assert.Single(lines, l => l.StartsWith("syntax-knowledge,discount,", StringComparison.Ordinal));
        Assert.EndsWith(",,", discount, StringComparison.Ordinal); // no bootstrap, no interval
        Assert.InRange(double.Parse(discount.Split(',')[2], CultureInfo.InvariantCulture), Discount - 0.05, Discount + 0.05);
    }

    [Fact]
    public void Fit_TableFormat_ExplainsTheImpliedDiscountAndTheTheory()
    {
        string path = SyntaxKnowledgeTable();
        (int code, string output, _) = Run("fit", "--input", path, "--form", "chinchilla", "--bootstrap", "20", "--format", "table");
        Assert.Equal(0, code);
        Assert.Contains("implied discount from the data exponent", output, StringComparison.Ordinal);
        Assert.Contains("implied discount from the model exponent", output, StringComparison.Ordinal);
        Assert.Contains("alpha = beta/(1 - beta)", output, StringComparison.Ordinal);
        Assert.Contains("compute-optimal split", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_TokensOnlyTable_FitsTheDataForm()
    {
        var text = new StringBuilder("data,loss\n# one model size\n\n");
        foreach (double n in new[] { 1e3, 1e4, 1e5, 1e6, 1e7, 1e8 })
        {
            text.Append(CultureInfo.InvariantCulture, $"{n:R},{2.0 + (12 * Math.Pow(n, -0.35)):R}\n");
        }

        (int code, string output, _) = Run("fit", "--input", Write("data.csv", text.ToString()), "--bootstrap", "0");
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement fit = Assert.Single(json.RootElement.GetProperty("fits").EnumerateArray());
        Assert.Equal("data", fit.GetProperty("form").GetString());
        Assert.Equal(0.65, fit.GetProperty("quantities").GetProperty("discount_from_data").GetProperty("value").GetDouble(), 1e-6);
    }

    [Theory]
    [InlineData("tokens,parameters\n1,2\n", ":1:", "column 'loss' is missing")]
    [InlineData("run,loss\nx,2\n", ":1:", "neither column 'tokens'")]
    [InlineData("tokens,d,loss\n1,2,3\n", ":1:", "both name the tokens column")]
    [InlineData("tokens,loss\n1e3,3\n1e4,2.5\n1e5,abc\n", ":4:", "column 'loss': 'abc' is not a number")]
    [InlineData("tokens,loss\n1e3,3\n-1e4,2.5\n", ":3:", "column 'tokens' = -1e4 is out of range; valid range: 0 < tokens < infinity")]
    [InlineData("tokens,loss\n1e3,3\n1e4,NaN\n", ":3:", "column 'loss' = NaN is out of range")]
    [InlineData("tokens,loss\n1e3,3\n1e4\n", ":3:", "column 'loss' is missing")]
    [InlineData("tokens,loss\n", "", "no data rows after the header")]
    [InlineData("tokens,loss\n1e3,\"3\n", ":2:", "unterminated quoted field")]
    public void Fit_MalformedFile_ExitsTwo_WithOneLineNamingFileLineColumnAndProblem(string content, string line, string problem)
    {
        string path = Write("bad.csv", content);
        (int code, string output, string error) = Run("fit", "--input", path, "--bootstrap", "0");
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        string message = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: " + path + line, message, StringComparison.Ordinal);
        Assert.Contains(problem, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_FormNeedsAMissingColumn_ExitsTwo()
    {
        string path = Write("tokens.csv", "tokens,loss\n1e3,3\n1e4,2.5\n1e5,2.3\n1e6,2.2\n1e7,2.15\n");
        (int code, _, string error) = Run("fit", "--input", path, "--form", "chinchilla");
        Assert.Equal(2, code);
        Assert.Contains(path + ":1: column 'parameters'", error, StringComparison.Ordinal);
        Assert.Contains("--form chinchilla needs it", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_TooFewRowsOrNoVariation_ExitsTwo()
    {
        string few = Write("few.csv", "tokens,parameters,loss\n1e3,10,3\n1e4,20,2.5\n1e5,30,2.3\n");
        (int code, _, string error) = Run("fit", "--input", few, "--form", "syntax-knowledge");
        Assert.Equal(2, code);
        Assert.Contains("not identifiable: 3 data rows for the syntax-knowledge form's 4 free parameters", error, StringComparison.Ordinal);

        string flat = Write("flat.csv", "tokens,parameters,loss\n1e3,10,3\n1e4,10,2.5\n1e5,10,2.3\n1e6,10,2.2\n1e7,10,2.1\n");
        (code, _, error) = Run("fit", "--input", flat, "--form", "chinchilla");
        Assert.Equal(2, code);
        Assert.Contains("not identifiable: 5 data rows for the chinchilla form's 5 free parameters", error, StringComparison.Ordinal);

        string single = Write("single.csv", "tokens,loss\n1e3,3\n1e4,2.5\n1e3,3.1\n");
        (code, _, error) = Run("fit", "--input", single);
        Assert.Equal(2, code);
        Assert.Contains("no form can be fitted", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bootstrap", "-1", "--bootstrap = -1 is out of range")]
    [InlineData("--confidence", "1.5", "--confidence = 1.5 is out of range; valid range: 0 < --confidence < 1")]
    [InlineData("--huber-delta", "0", "--huber-delta = 0 is out of range")]
    [InlineData("--form", "cubic", "cubic")]
    public void Fit_BadOption_ExitsTwo(string option, string value, string problem)
    {
        string path = Write("ok.csv", "tokens,loss\n1e3,3\n1e4,2.5\n1e5,2.3\n");
        (int code, _, string error) = Run("fit", "--input", path, option, value);
        Assert.Equal(2, code);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_MissingFileOrInput_ExitsTwo()
    {
        (int code, _, string error) = Run("fit", "--input", Path.Combine(_directory, "absent.csv"));
        Assert.Equal(2, code);
        Assert.Contains("absent.csv", error, StringComparison.Ordinal);
        (code, _, error) = Run("fit");
        Assert.Equal(2, code);
        Assert.Contains("--input", error, StringComparison.Ordinal);
    }
}
