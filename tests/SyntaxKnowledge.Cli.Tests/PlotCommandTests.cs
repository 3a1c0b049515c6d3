using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace SyntaxKnowledge.Cli.Tests;

/// <summary>skm plot and the --plot options end to end: every chart renders to PNG and SVG; bad paths fail with exit 2 and leave no file.</summary>
public sealed class PlotCommandTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _directory = Directory.CreateTempSubdirectory("skm-plot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Small grids and replicate counts: each chart renders in well under a second.
    private static readonly Dictionary<string, string[]> Charts = new()
    {
        ["heaps"] = ["plot", "heaps", "--discount", "1/2", "--concentration", "1", "--max-n", "1000", "--points", "4", "--replicates", "20"],
        ["zipf"] = ["plot", "zipf", "--discount", "1/2", "--concentration", "1", "--draws", "3000", "--replicates", "2"],
        ["zipf-dirichlet"] = ["plot", "zipf", "--discount", "0", "--concentration", "5", "--draws", "1000", "--replicates", "1"],
        ["unseen"] = ["plot", "unseen", "--discount", "1/3", "--concentration", "2", "--max-n", "1000", "--points", "4", "--replicates", "20"],
        ["acquisition"] = ["plot", "acquisition", "--discount", "1/2", "--concentration", "1", "--exposures", "1,3", "--max-n", "3000", "--points", "4", "--replicates", "10"],
        ["acquisition-buckets"] = ["plot", "acquisition-buckets", "--discount", "1/2", "--concentration", "1", "--sentences", "3000", "--exposures", "2", "--points", "12"],
        ["data-law"] = ["plot", "data-law", "--discount", "1/2", "--concentration", "1", "--grid", "10,40", "--worlds", "4"],
        ["model-law"] = ["plot", "model-law", "--discount", "1/2", "--concentration", "1", "--grid", "1,10,100", "--replicates", "20", "--max-sticks", "2000"],
        ["model-law-mdl"] = ["plot", "model-law", "--discount", "1/2", "--concentration", "1", "--learner", "mdl", "--grid", "100,1000", "--replicates", "4"],
        ["compute-optimal"] = ["plot", "compute-optimal", "--discount", "1/2", "--concentration", "1", "--grid", "1e6,1e9"],
        ["compute-optimal-dirichlet"] = ["plot", "compute-optimal", "--discount", "0", "--concentration", "3", "--learner", "first-appearance"],
        ["hallucination"] = ["plot", "hallucination", "--discount", "1/2", "--concentration", "1", "--grid", "10,100", "--capacity-grid", "1,10", "--replicates", "10"],
        ["finetune"] = ["plot", "finetune", "--discount", "1/2", "--concentration", "1", "--pretraining", "300", "--capacity", "20", "--new-entities", "5", "--epochs", "3", "--worlds", "10"],
        ["structure"] = ["plot", "structure", "--discount", "1/2", "--concentration", "1", "--sentences", "300"],
        ["heaps-no-simulation"] = ["plot", "heaps", "--discount", "0", "--concentration", "3", "--max-n", "500", "--replicates", "0"],
    };

    public static TheoryData<string, string> ChartsAndFormats()
    {
        var data = new TheoryData<string, string>();
        foreach (string chart in Charts.Keys)
        {
            data.Add(chart, "png");
            data.Add(chart, "svg");
        }

        return data;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        int code = Cli.Run(args, output, error, interactive: false);
        return (code, output.ToString(), error.ToString());
    }

    private static void AssertImage(string path, string format)
    {
        Assert.True(File.Exists(path), path + " was not written");
        byte[] bytes = File.ReadAllBytes(path);
        if (format == "png")
        {
            Assert.True(bytes.Length > 5_000, $"PNG of {bytes.Length} bytes is too small to hold a chart");
            Assert.Equal(PngSignature, bytes[..8]);
        }
        else
        {
            Assert.True(bytes.Length > 5_000, $"SVG of {bytes.Length} bytes is too small to hold a chart");
            XDocument svg = XDocument.Parse(Encoding.UTF8.GetString(bytes));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "text" || e.Name.LocalName == "path");
        }
    }

    private void AssertNoStrayFiles(params string[] expected) =>
        Assert.Equal(expected.Order(), Directory.GetFiles(_directory).Select(Path.GetFileName).Order());

    [Theory]
    [MemberData(nameof(ChartsAndFormats))]
    public void Plot_EachChart_WritesAnImageOfTheFormatOfTheExtension(string chart, string format)
    {
        string path = Path.Combine(_directory, chart + "." + format);
        (int code, string output, string error) = Run([.. Charts[chart], "--out", path, "--width", "640", "--height", "420"]);
        Assert.True(code == 0, error);
        Assert.Equal(string.Empty, error);
        AssertImage(path, format);
        AssertNoStrayFiles(chart + "." + format);
        using JsonDocument receipt = JsonDocument.Parse(output);
        Assert.Equal(format, receipt.RootElement.GetProperty("format").GetString());
        Assert.Equal(640, receipt.RootElement.GetProperty("width").GetInt32());
    }

    [Theory]
    [InlineData("chart.jpg", "'.jpg'")]
    [InlineData("chart", "no extension")]
    [InlineData("chart.png.txt", "'.txt'")]
    public void Plot_UnsupportedExtension_ExitsTwoWithOneLineAndWritesNothing(string name, string mentioned)
    {
        string path = Path.Combine(_directory, name);
        (int code, string output, string error) = Run([.. Charts["heaps"], "--out", path]);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        string line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: --out:", line, StringComparison.Ordinal);
        Assert.Contains(mentioned, line, StringComparison.Ordinal);
        Assert.Contains(".png, .svg", line, StringComparison.Ordinal);
        AssertNoStrayFiles();
    }

    [Fact]
    public void Plot_UppercaseExtension_IsAccepted()
    {
        string path = Path.Combine(_directory, "chart.SVG");
        (int code, _, string error) = Run([.. Charts["zipf"], "--out", path]);
        Assert.True(code == 0, error);
        AssertImage(path, "svg");
    }

    [Fact]
    public void Plot_MissingFolder_ExitsTwoAndLeavesNoFile()
    {
        string path = Path.Combine(_directory, "missing", "chart.png");
        (int code, _, string error) = Run([.. Charts["zipf"], "--out", path]);
        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "missing")));
        AssertNoStrayFiles();
    }

    [Fact]
    public void Plot_ExistingFile_IsReplacedWhole()
    {
        string path = Path.Combine(_directory, "chart.png");
        File.WriteAllText(path, "old");
        (int code, _, string error) = Run([.. Charts["zipf"], "--out", path]);
        Assert.True(code == 0, error);
        AssertImage(path, "png");
        AssertNoStrayFiles("chart.png");
    }

    [Theory]
    [InlineData("heaps", "--replicates", "1")]
    [InlineData("data-law", "--worlds", "1")]
    [InlineData("heaps", "--discount", "1")]
    [InlineData("heaps", "--max-n", "5")]
    [InlineData("acquisition", "--exposures", "0")]
    [InlineData("model-law", "--replicates", "1")]
    [InlineData("compute-optimal", "--compute-per-unit", "0")]
    [InlineData("hallucination", "--abstain", "2")]
    [InlineData("finetune", "--worlds", "1")]
    [InlineData("structure", "--entity-cost", "-1")]
    public void Plot_BadOption_ExitsTwoBeforeWritingAnything(string chart, string option, string value)
    {
        string path = Path.Combine(_directory, "chart.png");
        string[] args = [.. Charts[chart]];
        int at = Array.IndexOf(args, option);
        string[] withValue = at >= 0 ? [.. args[..(at + 1)], value, .. args[(at + 2)..]] : [.. args, option, value];
        (int code, _, string error) = Run([.. withValue, "--out", path]);
        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        AssertNoStrayFiles();
    }

    [Fact]
    public void AcquisitionBuckets_ExposuresNoEntityReaches_ExitsTwoAndWritesNothing()
    {
        (int code, _, string error) = Run("plot", "acquisition-buckets", "--discount", "1/2", "--concentration", "1", "--sentences", "50", "--exposures", "1000", "--out", Path.Combine(_directory, "b.png"));
        Assert.Equal(2, code);
        Assert.Contains("--exposures = 1000", error, StringComparison.Ordinal);
        AssertNoStrayFiles();
    }

    [Fact]
    public void LawsData_PlotOption_WritesChartAndStillPrintsTheTable()
    {
        string path = Path.Combine(_directory, "law.svg");
        (int code, string output, string error) = Run("laws", "data", "--discount", "1/2", "--concentration", "1", "--grid", "10,30", "--worlds", "3", "--plot", path);
        Assert.True(code == 0, error);
        AssertImage(path, "svg");
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("table").GetArrayLength());
    }

    [Fact]
    public void LawsData_BadPlotExtension_ExitsTwoWithoutOutput()
    {
        (int code, string output, string error) = Run("laws", "data", "--discount", "1/2", "--concentration", "1", "--grid", "10", "--worlds", "0", "--plot", Path.Combine(_directory, "law.pdf"));
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: --plot:", error, StringComparison.Ordinal);
        AssertNoStrayFiles();
    }

    // Each `skm laws` subcommand with --plot: small inputs; the chart is written and the table is still printed.
    public static TheoryData<string, string> LawsWithPlot() => new()
    {
        { "model", "--grid 1,10 --replicates 4 --max-sticks 1000" },
        { "compute-optimal", "--grid 1e6,1e8" },
        { "acquisition", "--grid 10,100 --exposures 2" },
        { "hallucination", "--grid 10,100 --capacity-grid 1,10" },
        { "finetune", "--pretraining 300 --capacity 20 --new-entities 5 --epochs 2 --worlds 4" },
        { "structure", "--sentences 200" },
    };

    [Theory]
    [MemberData(nameof(LawsWithPlot))]
    public void Laws_PlotOption_WritesChartAndStillPrintsTheJson(string law, string options)
    {
        string path = Path.Combine(_directory, law + ".png");
        (int code, string output, string error) = Run(["laws", law, "--discount", "1/2", "--concentration", "1", .. options.Split(' '), "--plot", path]);
        Assert.True(code == 0, error);
        AssertImage(path, "png");
        AssertNoStrayFiles(law + ".png");
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
    }

    [Theory]
    [InlineData("model")]
    [InlineData("compute-optimal")]
    [InlineData("acquisition")]
    [InlineData("hallucination")]
    [InlineData("finetune")]
    [InlineData("structure")]
    public void Laws_BadPlotExtension_ExitsTwoBeforeAnyWork(string law)
    {
        (int code, string output, string error) = Run("laws", law, "--discount", "1/2", "--concentration", "1", "--plot", Path.Combine(_directory, "law.bmp"));
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: --plot:", error, StringComparison.Ordinal);
        Assert.Contains("'.bmp'", error, StringComparison.Ordinal);
        AssertNoStrayFiles();
    }

    [Theory]
    [InlineData("png")]
    [InlineData("svg")]
    public void Verify_PlotOption_WritesZScoreChartTallEnoughForTheCatalog(string format)
    {
        string path = Path.Combine(_directory, "verify." + format);
        (int code, string output, string error) = Run("verify", "--theorem", "py.*", "--replicates", "200", "--plot", path);
        Assert.True(code is 0 or 1, error);
        AssertImage(path, format);
        Assert.Contains("py.expected-distinct", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_BadPlotExtension_ExitsTwoBeforeVerifying()
    {
        (int code, string output, string error) = Run("verify", "--theorem", "py.seating", "--plot", Path.Combine(_directory, "verify.jpeg"));
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: --plot:", error, StringComparison.Ordinal);
        AssertNoStrayFiles();
    }

    [Theory]
    [InlineData("png")]
    [InlineData("svg")]
    public void Score_PlotOption_WritesExcessLossChart(string format)
    {
        (string corpus, string logprobs) = CorpusWithModel();
        string path = Path.Combine(_directory, "score." + format);
        (int code, string output, string error) = Run("score", "--corpus", corpus, "--model-logprobs", logprobs, "--plot", path);
        Assert.True(code == 0, error);
        AssertImage(path, format);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(400, json.RootElement.GetProperty("sentences").GetInt64());
    }

    [Fact]
    public void Score_BadPlotExtension_ExitsTwoBeforeScoring()
    {
        (string corpus, string logprobs) = CorpusWithModel();
        (int code, string output, string error) = Run("score", "--corpus", corpus, "--model-logprobs", logprobs, "--plot", Path.Combine(_directory, "score.gif"));
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: --plot:", error, StringComparison.Ordinal);
        AssertNoStrayFiles("corpus.jsonl", "lm.jsonl");
    }

    // A generated corpus and a "language model" that pays 0.1 nats more than the oracle on every token.
    private (string Corpus, string Logprobs) CorpusWithModel()
    {
        string corpus = Path.Combine(_directory, "corpus.jsonl"), logprobs = Path.Combine(_directory, "lm.jsonl");
        (int code, _, string error) = Run("generate", "--discount", "1/2", "--concentration", "1", "--sentences", "400", "--seed", "5", "--out", corpus);
        Assert.True(code == 0, error);
        var text = new StringBuilder();
        foreach (string line in File.ReadLines(corpus))
        {
            using JsonDocument json = JsonDocument.Parse(line);
            if (json.RootElement.GetProperty("kind").GetString() != "sentence")
            {
                continue;
            }

            double[] lm = [.. json.RootElement.GetProperty("token_log_q").EnumerateArray().Select(v => v.GetDouble() - 0.1)];
            text.Append(CultureInfo.InvariantCulture, $"{{\"i\": {json.RootElement.GetProperty("i").GetInt64()}, \"token_logprobs\": [{string.Join(", ", lm.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]}}\n");
        }

        File.WriteAllText(logprobs, text.ToString());
        return (corpus, logprobs);
    }
}
