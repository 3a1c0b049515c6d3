using System.Text;
using System.Text.Json;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Prediction;
using SyntaxKnowledge.Processes;
using static SyntaxKnowledge.Cli.Tests.CliHarness;

namespace SyntaxKnowledge.Cli.Tests;

/// <summary>skm generate / oracle / score end to end: formats, exactness, shards, atomic output, errors.</summary>
public sealed class CorpusCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("skm-corpus-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private string Generate(string name, int sentences, params string[] extra)
    {
        string path = PathOf(name);
        (int code, _, string error) = Run(["generate", "--discount", "1/2", "--concentration", "2", "--sentences", sentences.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "9", "--out", path, .. extra]);
        Assert.True(code == 0, error);
        return path;
    }

    [Fact]
    public void Generate_Jsonl_HeaderAndSentencesFollowTheContract_AndQIsExact()
    {
        string path = Generate("c.jsonl", 200);
        string[] lines = File.ReadAllLines(path);
        Assert.Equal(201, lines.Length);
        using JsonDocument header = JsonDocument.Parse(lines[0]);
        JsonElement h = header.RootElement;
        Assert.Equal("header", h.GetProperty("kind").GetString());
        Assert.Equal(1, h.GetProperty("format").GetInt32());
        Assert.Equal(9UL, h.GetProperty("seed").GetUInt64());
        Assert.Equal(200, h.GetProperty("sentences").GetInt32());
        Assert.Equal("1/2", h.GetProperty("knowledge").GetProperty("discount").GetString());
        Assert.Equal("2", h.GetProperty("knowledge").GetProperty("concentration").GetString());
        JsonElement attribute = h.GetProperty("syntax").GetProperty("attributes")[0];
        Assert.Equal("birth_city", attribute.GetProperty("name").GetString());
        Assert.Equal(240, attribute.GetProperty("values").GetInt32());
        Assert.Equal("uniform", attribute.GetProperty("value_prior").GetString());
        Assert.True(attribute.GetProperty("templates").GetArrayLength() >= 3);

        // Independently recompute every sentence's exact components with the library.
        var model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 2));
        List<Sentence> corpus = [.. CorpusGenerator.Generate(model, 9, 200)];
        var scores = BayesOracle.Score<Rational>(model, corpus).ToList();
        for (int i = 1; i < lines.Length; i++)
        {
            using JsonDocument line = JsonDocument.Parse(lines[i]);
            JsonElement s = line.RootElement;
            Assert.Equal("sentence", s.GetProperty("kind").GetString());
            Assert.Equal(i - 1, s.GetProperty("i").GetInt32());
            Assert.Equal(corpus[i - 1].Text, s.GetProperty("text").GetString());
            Assert.Equal(corpus[i - 1].Entity, s.GetProperty("entity").GetInt32());
            JsonElement q = s.GetProperty("q");
            Assert.Equal(scores[i - 1].Components.Entity.ToString(), q.GetProperty("entity").GetString());
            Assert.Equal(scores[i - 1].Components.Name.ToString(), q.GetProperty("name").GetString());
            Assert.Equal(scores[i - 1].Components.Value.ToString(), q.GetProperty("value").GetString());
            double[] tokenLogQ = [.. s.GetProperty("token_log_q").EnumerateArray().Select(e => e.GetDouble())];
            Assert.Equal(s.GetProperty("tokens").GetArrayLength(), tokenLogQ.Length);
            Assert.Equal(s.GetProperty("log_q").GetDouble(), tokenLogQ.Sum(), 9);
            Assert.Equal(-scores[i - 1].CodeLength(), s.GetProperty("log_q").GetDouble(), 9);
        }
    }

    [Fact]
    public void Shards_CarryTheHeaderAndTheirSentences_BetweenAShardLineAndAnEndLine()
    {
        string[] whole = File.ReadAllLines(Generate("whole.jsonl", 300));
        var sentences = new List<string>();
        for (int shard = 0; shard < 3; shard++)
        {
            string[] lines = File.ReadAllLines(Generate($"part{shard}.jsonl", 300, "--shard", $"{shard}/3"));
            using JsonDocument first = JsonDocument.Parse(lines[0]), last = JsonDocument.Parse(lines[^1]);
            Assert.Equal("shard", first.RootElement.GetProperty("kind").GetString());
            Assert.Equal($"{shard}/3", first.RootElement.GetProperty("shard").GetString());
            Assert.Equal(shard * 100, first.RootElement.GetProperty("first").GetInt64());
            Assert.Equal(100, first.RootElement.GetProperty("count").GetInt64());
            Assert.Equal(whole[0], first.RootElement.GetProperty("header").GetRawText());
            Assert.Equal(
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(whole[0]))),
                first.RootElement.GetProperty("fingerprint").GetString());
            Assert.Equal("shard_end", last.RootElement.GetProperty("kind").GetString());
            Assert.Equal(100, last.RootElement.GetProperty("sentences").GetInt64());
            string body = string.Concat(lines[..^1].Select(l => l + "\n"));
            Assert.Equal(
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body))),
                last.RootElement.GetProperty("sha256").GetString());
            sentences.AddRange(lines[1..^1]);
        }

        Assert.Equal(whole[1..], sentences);
    }

    [Fact]
    public void Generate_Text_WritesOneSentencePerLine()
    {
        string path = Generate("c.txt", 50, "--format", "text");
        string[] lines = File.ReadAllLines(path);
        Assert.Equal(50, lines.Length);
        Assert.All(lines, l => Assert.EndsWith(".", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Oracle_SummarisesByTagAndFrequency()
    {
        string path = Generate("c.jsonl", 400);
        (int code, string output, string error) = Run("oracle", "--corpus", path);
        Assert.True(code == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(400, json.RootElement.GetProperty("sentences").GetInt32());
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!, g => g);
        Assert.Contains("all", groups.Keys);
        Assert.Contains("syntax", groups.Keys);
        Assert.Contains("name", groups.Keys);
        Assert.Contains("value", groups.Keys);
        Assert.Contains("1/value", groups.Keys);

        // The total optimal code length equals minus the sum of the recorded log_q.
        double recorded = File.ReadLines(path).Skip(1).Sum(l => -JsonDocument.Parse(l).RootElement.GetProperty("log_q").GetDouble());
        Assert.Equal(recorded, groups["all"].GetProperty("oracle_nats").GetDouble(), 6);
    }

    [Fact]
    public void Score_ReportsExcessOverTheOracle()
    {
        string path = Generate("c.jsonl", 150);
        var logprobs = new StringBuilder();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            using JsonDocument json = JsonDocument.Parse(line);
            double[] q = [.. json.RootElement.GetProperty("token_log_q").EnumerateArray().Select(e => e.GetDouble() - 0.25)];
            logprobs.Append("{\"i\":").Append(json.RootElement.GetProperty("i").GetInt32()).Append(",\"token_logprobs\":[")
                .Append(string.Join(",", q.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))).Append("]}\n");
        }

        string lm = PathOf("lm.jsonl");
        File.WriteAllText(lm, logprobs.ToString());
        (int code, string output, string error) = Run("score", "--corpus", path, "--model-logprobs", lm);
        Assert.True(code == 0, error);
        using JsonDocument report = JsonDocument.Parse(output);
        foreach (JsonElement g in report.RootElement.GetProperty("groups").EnumerateArray())
        {
            Assert.Equal(0.25, g.GetProperty("excess_nats_per_token").GetDouble(), 9);
        }
    }

    [Fact]
    public void Score_WrongTokenCount_IsBadInput()
    {
        string path = Generate("c.jsonl", 20);
        string lm = PathOf("lm.jsonl");
        File.WriteAllText(lm, "{\"i\":3,\"token_logprobs\":[-1.0,-2.0]}\n");
        AssertBadInput(Run("score", "--corpus", path, "--model-logprobs", lm), "--model-logprobs", "i = 3", "2 token log-probabilities");
    }

    [Fact]
    public void Generate_BadInput_LeavesNoFile()
    {
        string path = PathOf("bad.jsonl");
        AssertBadInput(Run("generate", "--discount", "1", "--concentration", "1", "--sentences", "10", "--out", path), "--discount", "0 <= --discount < 1");
        AssertBadInput(Run("generate", "--discount", "1/2", "--concentration", "1", "--sentences", "0", "--out", path), "--sentences", "1 <= sentences");
        AssertBadInput(Run("generate", "--discount", "1/2", "--concentration", "1", "--sentences", "10", "--out", Path.Combine(_directory, "no-such-folder", "x.jsonl")), "--out", "does not exist");
        AssertBadInput(Run("generate", "--discount", "1/2", "--concentration", "1", "--sentences", "10", "--out", path, "--value-prior", "0"), "--value-prior");
        AssertBadInput(Run("generate", "--discount", "1/2", "--concentration", "1", "--sentences", "10", "--out", path, "--attributes", "nope"), "--attributes", "nope");
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Oracle_MalformedCorpus_IsBadInput()
    {
        string path = PathOf("broken.jsonl");
        File.WriteAllText(path, "{\"kind\":\"sentence\"}\n");
        AssertBadInput(Run("oracle", "--corpus", path), "line 1");
        AssertBadInput(Run("oracle", "--corpus", PathOf("missing.jsonl")), "--corpus", "does not exist");
    }
}
