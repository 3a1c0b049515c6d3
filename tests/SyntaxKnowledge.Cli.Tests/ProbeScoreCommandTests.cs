using System.Globalization;
using System.Text;
using System.Text.Json;
using SyntaxKnowledge.Formats;
using static SyntaxKnowledge.Cli.Tests.CliHarness;

namespace SyntaxKnowledge.Cli.Tests;

/// <summary>skm score-probes and skm fit --manifest end to end, and the option checks of skm score.</summary>
public sealed class ProbeScoreCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("skm-probes-").FullName;

    public ProbeScoreCommandTests()
    {
        (int code, _, string error) = Run("generate", "--discount", "1/2", "--concentration", "1", "--sentences", "600", "--seed", "5", "--tokens", "pieces", "--out", PathOf("corpus.jsonl"));
        Assert.True(code == 0, error);
        (code, _, error) = Run("split", "--corpus", PathOf("corpus.jsonl"), "--train", "400", "--eval", "50", "--probes-per-bucket", "15", "--unseen-entities", "25", "--out-dir", PathOf("split"));
        Assert.True(code == 0, error);
        Probes = [.. File.ReadLines(PathOf("split/probes.jsonl")).Skip(1).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    private List<JsonElement> Probes { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private string WriteAnswers(string name, Func<JsonElement, int, double> logprob, Func<JsonElement, int>? count = null)
    {
        var text = new StringBuilder("{\"kind\":\"header\",\"content\":\"answers\",\"format\":1}\n");
        foreach (JsonElement p in Probes)
        {
            int m = count?.Invoke(p) ?? p.GetProperty("candidates").GetArrayLength();
            string values = string.Join(",", Enumerable.Range(0, m).Select(i => logprob(p, i).ToString("R", CultureInfo.InvariantCulture)));
            text.Append(CultureInfo.InvariantCulture, $"{{\"probe\":{p.GetProperty("probe").GetInt32()},\"value_logprobs\":[{values}]}}\n");
        }

        File.WriteAllText(PathOf(name), text.ToString());
        return PathOf(name);
    }

    private static bool IsTruth(JsonElement probe, int i) => probe.GetProperty("candidates")[i].GetString() == probe.GetProperty("answer").GetString();

    private static JsonElement Row(JsonElement table, string kind, string bucket = "all") =>
        table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == kind && r.GetProperty("bucket").GetString() == bucket);

    [Fact]
    public void ScoreProbes_TruthKnowingAnswerer_IsAlwaysRight_AndTheJsonHoldsFourTables()
    {
        string answers = WriteAnswers("truth.jsonl", (p, i) => IsTruth(p, i) ? 0 : -30);
        JsonElement report = CliRunner.Json("score-probes", "--probes", PathOf("split/probes.jsonl"), "--answers", answers, "--parameters", "1000");

        Assert.Equal(Probes.Count, report.GetProperty("probes").GetInt32());
        Assert.Equal(400, report.GetProperty("train_sentences").GetInt32());
        JsonElement all = Row(report.GetProperty("groups"), "all");
        Assert.Equal(1.0, all.GetProperty("accuracy").GetDouble());
        Assert.Equal(0.0, all.GetProperty("hallucination_greedy").GetDouble());
        Assert.All(report.GetProperty("groups").GetProperty("rows").EnumerateArray(), r => Assert.Equal(1.0, r.GetProperty("accuracy").GetDouble()));
        Assert.True(report.GetProperty("reliability").GetProperty("rows").GetArrayLength() > 0);
        Assert.True(report.GetProperty("acquisition").GetProperty("rows").GetArrayLength() > 0);
        JsonElement[] summary = [.. report.GetProperty("summary").GetProperty("rows").EnumerateArray()];
        double facts = summary.Single(r => r.GetProperty("quantity").GetString() == "capacity_facts").GetProperty("value").GetDouble();
        double population = summary.Single(r => r.GetProperty("quantity").GetString() == "capacity_population").GetProperty("value").GetDouble();
        Assert.True(facts > 0 && facts <= population * (1 + 1e-12), $"capacity {facts} of {population}");
        double bitsPerParameter = summary.Single(r => r.GetProperty("quantity").GetString() == "bits_per_parameter").GetProperty("value").GetDouble();
        double bits = summary.Single(r => r.GetProperty("quantity").GetString() == "capacity_bits").GetProperty("value").GetDouble();
        Assert.Equal(bits / 1000, bitsPerParameter, 12);
    }

    [Fact]
    public void ScoreProbes_UniformAnswerer_ScoresOneOverM_AndItsHallucinationMatchesTheUniformBase()
    {
        string answers = WriteAnswers("uniform.jsonl", (_, _) => -1.5);
        JsonElement report = CliRunner.Json("score-probes", "--probes", PathOf("split/probes.jsonl"), "--answers", answers);

        // Ties share the credit, so a probe with M candidates scores exactly 1/M.
        double expected = Probes.Average(p => 1.0 / p.GetProperty("candidates").GetArrayLength());
        JsonElement all = Row(report.GetProperty("groups"), "all");
        Assert.Equal(expected, all.GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(expected, all.GetProperty("p_truth").GetDouble(), 12);

        // With uniform bases, the greedy and sampling hallucination of unseen facts are both 1 - 1/M: measured = predicted.
        JsonElement unseen = Row(report.GetProperty("groups"), "unseen-entity");
        Assert.Equal(unseen.GetProperty("predicted_hallucination_greedy").GetDouble(), unseen.GetProperty("hallucination_greedy").GetDouble(), 12);
        Assert.Equal(unseen.GetProperty("predicted_hallucination_sampling").GetDouble(), unseen.GetProperty("hallucination_sampling").GetDouble(), 12);
    }

    [Fact]
    public void ScoreProbes_BayesAnswerer_IsCalibrated()
    {
        // With uniform value bases the Bayes posterior of a value is a point mass on the truth once the fact was seen, and uniform
        // otherwise; the probes' own bayes.p_answer says which.
        Assert.All(Probes, p =>
        {
            double pa = p.GetProperty("bayes").GetProperty("p_answer").GetDouble();
            Assert.True(pa == 1 || Math.Abs(pa - (1.0 / p.GetProperty("candidates").GetArrayLength())) < 1e-12, $"p_answer {pa}");
        });
        string answers = WriteAnswers("bayes.jsonl", (p, i) => p.GetProperty("bayes").GetProperty("p_answer").GetDouble() == 1 ? (IsTruth(p, i) ? 0 : double.NegativeInfinity) : -Math.Log(p.GetProperty("candidates").GetArrayLength()));
        JsonElement report = CliRunner.Json("score-probes", "--probes", PathOf("split/probes.jsonl"), "--answers", answers);

        JsonElement all = Row(report.GetProperty("groups"), "all");
        Assert.Equal(0.0, all.GetProperty("ece").GetDouble(), 12);
        Assert.Equal(all.GetProperty("bayes_p_truth").GetDouble(), all.GetProperty("p_truth").GetDouble(), 12);
    }

    [Fact]
    public void ScoreProbes_CsvTableAndOut_WriteTheChosenTable()
    {
        string answers = WriteAnswers("a.jsonl", (p, i) => IsTruth(p, i) ? -0.1 : -4);
        (int code, string output, string error) = Run("score-probes", "--probes", PathOf("split/probes.jsonl"), "--answers", answers, "--format", "csv", "--table", "summary");
        Assert.True(code == 0, error);
        Assert.StartsWith("quantity,value,se,lower,upper,unit", output, StringComparison.Ordinal);
        Assert.Contains("capacity_facts,", output, StringComparison.Ordinal);

        (code, output, error) = Run("score-probes", "--probes", PathOf("split/probes.jsonl"), "--answers", answers, "--format", "table", "--out", PathOf("report.txt"));
        Assert.True(code == 0, error);
        Assert.Equal(string.Empty, output);
        string text = File.ReadAllText(PathOf("report.txt"));
        Assert.Contains("knowledge probes:", text, StringComparison.Ordinal);
        Assert.Contains("acquisition:", text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory, ".*partial*"));
    }

    [Fact]
    public void ScoreProbes_BadAnswers_GetAOneLineError()
    {
        string probes = PathOf("split/probes.jsonl");
        string shortAnswers = WriteAnswers("short.jsonl", (_, _) => -1, p => p.GetProperty("candidates").GetArrayLength() - 1);
        AssertBadInput(Run("score-probes", "--probes", probes, "--answers", shortAnswers), "--answers", "line 2");

        string unknown = WriteAnswers("unknown.jsonl", (_, _) => -1);
        File.AppendAllText(unknown, "{\"probe\":999999,\"value_logprobs\":[-1]}\n");
        AssertBadInput(Run("score-probes", "--probes", probes, "--answers", unknown), "--answers", "999999");

        AssertBadInput(Run("score-probes", "--probes", probes, "--answers", PathOf("missing.jsonl")), "--answers", "does not exist");
        AssertBadInput(Run("score-probes", "--probes", PathOf("corpus.jsonl"), "--answers", unknown), "--probes");
        AssertBadInput(Run("score-probes", "--probes", probes, "--answers", unknown, "--bins", "0"), "--bins");
    }

    [Fact]
    public void FitManifest_RecoversTheExponent_AndGivesTheVerdictAgainstOneMinusD()
    {
        string manifest = PathOf("sweep.jsonl");
        using (var writer = new StreamWriter(manifest))
        {
            foreach (long n in new long[] { 100, 300, 1000, 3000 })
            {
                double excess = 3 * Math.Pow(n, -0.5);
                SweepManifest.WriteRun(writer, new SweepRun(n, 12 * n, 1e5, "1/2", EvaluationMode.World, 500, 1 + excess, 1, excess, 0.05 * excess, null));
            }
        }

        JsonElement result = CliRunner.Json("fit", "--manifest", manifest, "--bootstrap", "300");
        JsonElement world = result.GetProperty("fits").GetProperty("rows")[0];
        Assert.Equal("world", world.GetProperty("series").GetString());
        Assert.Equal(0.5, world.GetProperty("exponent").GetDouble(), 10);
        Assert.Equal(0.5, world.GetProperty("theory_exponent").GetDouble(), 12);
        Assert.Equal("yes", world.GetProperty("consistent").GetString());
        Assert.Equal(4, result.GetProperty("points").GetProperty("rows").GetArrayLength());

        AssertBadInput(Run("fit", "--manifest", manifest, "--input", PathOf("x.csv")), "exactly one of --input");
        AssertBadInput(Run("fit"), "exactly one of --input");
        File.WriteAllText(PathOf("bad.jsonl"), "{\"kind\":\"run\",\"format\":1}\n");
        AssertBadInput(Run("fit", "--manifest", PathOf("bad.jsonl")), "bad.jsonl");
    }

    [Fact]
    public void Score_OptionsOfTheOtherProtocol_AreRefusedNotIgnored()
    {
        string corpus = PathOf("corpus.jsonl");
        string logprobs = PathOf("lp.jsonl");
        File.WriteAllText(logprobs, "{\"i\":0,\"token_logprobs\":[-1]}\n");
        AssertBadInput(Run("score", "--corpus", corpus, "--model-logprobs", logprobs, "--manifest", PathOf("m.jsonl")), "--manifest", "--train-sentences");
        AssertBadInput(Run("score", "--corpus", corpus, "--model-logprobs", logprobs, "--mode", "world"), "--mode", "--train-sentences");
        AssertBadInput(Run("score", "--corpus", corpus, "--model-logprobs", logprobs, "--train-sentences", "400", "--plot", PathOf("p.png")), "--plot");
        Assert.False(File.Exists(PathOf("m.jsonl")));
    }
}
