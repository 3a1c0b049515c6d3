using System.Globalization;
using System.Text.Json;
using static SyntaxKnowledge.Cli.Tests.CliHarness;

namespace SyntaxKnowledge.Cli.Tests;

/// <summary>skm simulate --shard and skm merge end to end: exact merges, byte-identical corpora, clear errors.</summary>
public sealed class MergeCommandTests : IDisposable
{
    private static readonly string[] Simulation = ["--discount", "1/3", "--concentration", "3/2", "--n", "600", "--replicates", "301", "--seed", "13"];

    private readonly string _directory = Directory.CreateTempSubdirectory("skm-merge-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private string Shard(string kind, string shard, params string[] extra)
    {
        (int code, string output, string error) = Run(["simulate", kind, .. Simulation, "--shard", shard, .. extra]);
        Assert.True(code == 0, error);
        string path = PathOf(kind + "-" + shard.Replace("/", "of", StringComparison.Ordinal) + "-" + extra.Length.ToString(CultureInfo.InvariantCulture) + ".json");
        File.WriteAllText(path, output);
        return path;
    }

    private string Corpus(string name, params string[] extra)
    {
        string path = PathOf(name);
        (int code, _, string error) = Run(["generate", "--discount", "1/2", "--concentration", "2", "--sentences", "250", "--seed", "9", "--out", path, .. extra]);
        Assert.True(code == 0, error);
        return path;
    }

    [Theory]
    [InlineData("distinct")]
    [InlineData("seating")]
    public void Simulate_ShardsMergedInAnyOrder_AreBitIdenticalToTheUnshardedRun(string kind)
    {
        JsonElement whole = CliRunner.Json(["simulate", kind, .. Simulation]);
        string[] shards = [Shard(kind, "2/4"), Shard(kind, "0/4"), Shard(kind, "3/4", "--backend", "ilgpu-cpu"), Shard(kind, "1/4")];
        JsonElement merged = CliRunner.Json(["merge", .. shards]);
        string[] same = kind == "seating"
            ? ["mean_distinct", "standard_error", "mean_singletons", "singletons_standard_error", "sum_distinct", "sum_distinct_squares", "sum_singletons", "sum_singletons_squares", "replicates", "n", "seed", "discount", "concentration", "kind", "exact_mean_distinct", "z_score"]
            : ["mean_distinct", "standard_error", "sum_distinct", "sum_distinct_squares", "replicates", "n", "seed", "kind", "exact_mean_distinct", "z_score"];
        foreach (string field in same)
        {
            Assert.Equal(whole.GetProperty(field).GetRawText(), merged.GetProperty(field).GetRawText());
        }

        Assert.Equal(whole.GetProperty("mean_distinct").GetDouble(), merged.GetProperty("mean_distinct").GetDouble());
        Assert.Equal(whole.GetProperty("standard_error").GetDouble(), merged.GetProperty("standard_error").GetDouble());
        Assert.Equal(4, merged.GetProperty("shards").GetInt32());
        Assert.Equal("managed+ilgpu-cpu", merged.GetProperty("backend").GetString());
        Assert.True(merged.GetProperty("draws_per_second").GetDouble() > 0);
        Assert.False(merged.TryGetProperty("schema", out _));
    }

    [Fact]
    public void Simulate_ShardJson_CarriesEverythingNeededToMerge()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Shard("seating", "1/3")));
        JsonElement json = document.RootElement;
        Assert.Equal("skm-simulate-shard/1", json.GetProperty("schema").GetString());
        Assert.Equal("seating", json.GetProperty("kind").GetString());
        Assert.Equal("1/3", json.GetProperty("discount").GetString());
        Assert.Equal("3/2", json.GetProperty("concentration").GetString());
        Assert.Equal("1/3", json.GetProperty("shard").GetString());
        Assert.Equal(1, json.GetProperty("shard_index").GetInt32());
        Assert.Equal(3, json.GetProperty("shard_count").GetInt32());
        Assert.Equal(100, json.GetProperty("first_replicate").GetInt32());
        Assert.Equal(100, json.GetProperty("replicates").GetInt32());
        Assert.Equal(301, json.GetProperty("total_replicates").GetInt32());
        Assert.Equal(13UL, json.GetProperty("seed").GetUInt64());
        long sum = long.Parse(json.GetProperty("sum_distinct").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(json.GetProperty("mean_distinct").GetDouble(), sum / 100.0);
        Assert.True(long.Parse(json.GetProperty("sum_singletons_squares").GetString()!, CultureInfo.InvariantCulture) > 0);
        foreach (string field in new[] { "backend", "n", "standard_error", "mean_singletons", "exact_mean_distinct", "draws_per_second", "seconds" })
        {
            Assert.True(json.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public void Simulate_MissingShard_ExitsTwoNamingIt() =>
        AssertBadInput(Run("merge", Shard("distinct", "0/3"), Shard("distinct", "2/3")), "replicates 100..199 of 301 are missing", "shard 1/3");

    [Fact]
    public void Simulate_MissingLastShard_ExitsTwoNamingIt() =>
        AssertBadInput(Run("merge", Shard("distinct", "0/3"), Shard("distinct", "1/3")), "replicates 200..300", "shard 2/3");

    [Fact]
    public void Simulate_OverlappingShards_ExitTwoNamingBoth()
    {
        string a = Shard("distinct", "0/2"), b = Shard("distinct", "1/3"), c = Shard("distinct", "2/3");
        AssertBadInput(Run("merge", a, b, c), "overlaps", Path.GetFileName(a), Path.GetFileName(b), "shard 1/3");
        AssertBadInput(Run("merge", a, a, Shard("distinct", "1/2")), "overlaps", "give each shard once");
    }

    [Theory]
    [InlineData("--seed", "14", "seed = 14")]
    [InlineData("--n", "601", "n = 601")]
    [InlineData("--discount", "1/4", "discount = 1/4")]
    [InlineData("--replicates", "300", "total_replicates = 300")]
    public void Simulate_ShardsOfDifferentRuns_ExitTwoNamingTheField(string option, string value, string named)
    {
        string[] args = [.. Simulation];
        args[Array.IndexOf(args, option) + 1] = value;
        (int code, string output, string error) = Run(["simulate", "distinct", .. args, "--shard", "1/2"]);
        Assert.True(code == 0, error);
        string other = PathOf("other.json");
        File.WriteAllText(other, output);
        AssertBadInput(Run("merge", Shard("distinct", "0/2"), other), "other.json", named, "one skm simulate run");
    }

    [Fact]
    public void Simulate_DistinctAndSeatingShards_DoNotMix() =>
        AssertBadInput(Run("merge", Shard("distinct", "0/2"), Shard("seating", "1/2")), "kind = seating", "differs");

    [Fact]
    public void Simulate_WholeResultOrTamperedShard_ExitTwo()
    {
        string whole = PathOf("whole.json");
        File.WriteAllText(whole, Run(["simulate", "distinct", .. Simulation]).Output);
        AssertBadInput(Run("merge", whole), "not a shard", "--shard i/n");

        string shard = Shard("distinct", "0/2");
        File.WriteAllText(shard, File.ReadAllText(shard).Replace("\"first_replicate\":0", "\"first_replicate\":3", StringComparison.Ordinal));
        AssertBadInput(Run("merge", shard, Shard("distinct", "1/2")), Path.GetFileName(shard), "checksum mismatch");
    }

    [Theory]
    [InlineData("sum_distinct")]
    [InlineData("sum_distinct_squares")]
    [InlineData("sum_singletons")]
    public void Simulate_EditedStatistic_IsRefusedByTheChecksum(string field)
    {
        string shard = Shard("seating", "0/2");
        using (JsonDocument document = JsonDocument.Parse(File.ReadAllText(shard)))
        {
            string value = document.RootElement.GetProperty(field).GetString()!;
            string edited = (System.Numerics.BigInteger.Parse(value, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
            File.WriteAllText(shard, File.ReadAllText(shard).Replace($"\"{field}\":\"{value}\"", $"\"{field}\":\"{edited}\"", StringComparison.Ordinal));
        }

        Assert.DoesNotContain("\"checksum\":\"\"", File.ReadAllText(shard), StringComparison.Ordinal);
        AssertBadInput(Run("merge", shard, Shard("seating", "1/2")), Path.GetFileName(shard), "checksum mismatch", "edited");
    }

    [Fact]
    public void Simulate_EditedRunField_IsRefusedByTheFingerprint()
    {
        string shard = Shard("distinct", "0/2");
        File.WriteAllText(shard, File.ReadAllText(shard).Replace("\"seed\":13", "\"seed\":14", StringComparison.Ordinal));
        AssertBadInput(Run("merge", shard, Shard("distinct", "1/2")), Path.GetFileName(shard), "fingerprint does not match", "edited");
    }

    [Fact]
    public void Simulate_ShardWithoutChecksum_IsRefused()
    {
        string shard = Shard("distinct", "0/2");
        string text = File.ReadAllText(shard);
        int at = text.IndexOf(",\"checksum\"", StringComparison.Ordinal);
        File.WriteAllText(shard, text[..at] + "}\n");
        AssertBadInput(Run("merge", shard, Shard("distinct", "1/2")), Path.GetFileName(shard), "no \"fingerprint\" or \"checksum\"");
    }

    [Fact]
    public void Simulate_MergedToOut_WritesTheFileAtomically()
    {
        string output = PathOf("merged.json");
        (int code, string stdout, string error) = Run("merge", Shard("distinct", "0/2"), Shard("distinct", "1/2"), "--out", output);
        Assert.True(code == 0, error);
        Assert.Equal(string.Empty, stdout);
        using JsonDocument merged = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(CliRunner.Json(["simulate", "distinct", .. Simulation]).GetProperty("mean_distinct").GetDouble(), merged.RootElement.GetProperty("mean_distinct").GetDouble());
        Assert.Single(Directory.GetFiles(_directory, "merged*"));
    }

    [Fact]
    public void Simulate_MergedTable_IsHumanReadable()
    {
        (int code, string output, string error) = Run("merge", Shard("seating", "0/2"), Shard("seating", "1/2"), "--format", "table");
        Assert.True(code == 0, error);
        Assert.Contains("merged from 2 shards", output, StringComparison.Ordinal);
        Assert.Contains("E[K_n,1] simulated", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3/3")]
    [InlineData("1/0")]
    [InlineData("a/b")]
    [InlineData("-1/2")]
    public void Simulate_BadShard_ExitsTwoWithTheValidForm(string shard) =>
        AssertBadInput(Run(["simulate", "distinct", .. Simulation, "--shard", shard]), "--shard", shard, "0 <= i < n");

    [Fact]
    public void Simulate_MoreShardsThanReplicates_ExitsTwo() =>
        AssertBadInput(Run("simulate", "distinct", "--discount", "1/2", "--concentration", "1", "--n", "10", "--replicates", "3", "--shard", "0/4"), "--shard", "valid range: n <= replicates (3)");

    [Fact]
    public void Corpus_ShardsMergedInAnyOrder_AreByteIdenticalToTheWholeCorpus()
    {
        string whole = Corpus("whole.jsonl");
        string[] shards = [.. Enumerable.Range(0, 4).Select(i => Corpus($"part{i}.jsonl", "--shard", $"{i}/4"))];
        string merged = PathOf("merged.jsonl");
        (int code, string output, string error) = Run("merge", shards[2], shards[0], shards[3], shards[1], "--out", merged);
        Assert.True(code == 0, error);
        Assert.Equal(string.Empty, output);
        Assert.Contains("250 sentences", error, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(merged));
    }

    [Fact]
    public void Corpus_EmptyShardsOfATinyCorpus_AreAllowed()
    {
        string path = PathOf("tiny-whole.jsonl");
        string[] common = ["generate", "--discount", "1/2", "--concentration", "2", "--sentences", "2", "--seed", "9"];
        Assert.Equal(0, Run([.. common, "--out", path]).Code);
        var parts = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            parts.Add(PathOf($"tiny{i}.jsonl"));
            Assert.Equal(0, Run([.. common, "--shard", $"{i}/5", "--out", parts[^1]]).Code);
        }

        Assert.Equal(0, Run(["merge", .. parts, "--out", PathOf("tiny.jsonl")]).Code);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(PathOf("tiny.jsonl")));
    }

    [Fact]
    public void Corpus_MissingShard_ExitsTwoAndLeavesNoOutput()
    {
        string[] shards = [.. Enumerable.Range(0, 3).Select(i => Corpus($"part{i}.jsonl", "--shard", $"{i}/3"))];
        string merged = PathOf("merged.jsonl");
        AssertBadInput(Run("merge", shards[0], shards[2], "--out", merged), "sentences 83..165 of 250 are missing", Path.GetFileName(shards[2]));
        AssertBadInput(Run("merge", shards[0], shards[1], "--out", merged), "sentences 166..249 of 250", "missing");
        AssertBadInput(Run("merge", shards[1], shards[2], "--out", merged), "sentences 0..82 of 250 are missing", Path.GetFileName(shards[1]));
        Assert.False(File.Exists(merged));
        Assert.Empty(Directory.GetFiles(_directory, ".*partial*"));
    }

    [Fact]
    public void Corpus_OverlappingShards_ExitTwo()
    {
        string[] shards = [.. Enumerable.Range(0, 2).Select(i => Corpus($"part{i}.jsonl", "--shard", $"{i}/2"))];
        string third = Corpus("third.jsonl", "--shard", "1/3");
        AssertBadInput(Run("merge", shards[0], shards[1], third, "--out", PathOf("m.jsonl")), "overlaps", "give each shard once", Path.GetFileName(third));
        AssertBadInput(Run("merge", shards[0], shards[0], shards[1], "--out", PathOf("m.jsonl")), "overlaps", "part0.jsonl");
        Assert.False(File.Exists(PathOf("m.jsonl")));
    }

    [Fact]
    public void Corpus_ShardsOfDifferentSeeds_AreRefusedByTheFingerprint()
    {
        string a = Corpus("a.jsonl", "--shard", "0/2");
        string b = PathOf("b.jsonl");
        Assert.Equal(0, Run("generate", "--discount", "1/2", "--concentration", "2", "--sentences", "250", "--seed", "10", "--out", b, "--shard", "1/2").Code);
        AssertBadInput(Run("merge", a, b, "--out", PathOf("m.jsonl")), "b.jsonl", "fingerprint differs", "seed 10 vs 9");
        string c = PathOf("c.jsonl");
        Assert.Equal(0, Run("generate", "--discount", "1/3", "--concentration", "2", "--sentences", "250", "--seed", "9", "--out", c, "--shard", "1/2").Code);
        AssertBadInput(Run("merge", a, c, "--out", PathOf("m.jsonl")), "c.jsonl", "fingerprint differs", "model");
        Assert.False(File.Exists(PathOf("m.jsonl")));
    }

    [Fact]
    public void Corpus_EditedSentence_IsRefusedByTheChecksum()
    {
        string[] shards = [.. Enumerable.Range(0, 2).Select(i => Corpus($"part{i}.jsonl", "--shard", $"{i}/2"))];
        string[] lines = File.ReadAllLines(shards[1]);
        lines[5] = lines[5].Replace("\"value\":", "\"value\":1", StringComparison.Ordinal);
        File.WriteAllLines(shards[1], lines);
        AssertBadInput(Run("merge", shards[0], shards[1], "--out", PathOf("m.jsonl")), "part1.jsonl", "checksum mismatch");
        Assert.False(File.Exists(PathOf("m.jsonl")));
        Assert.Empty(Directory.GetFiles(_directory, ".*partial*"));
    }

    [Fact]
    public void Corpus_EditedHeader_IsRefusedByTheFingerprint()
    {
        string[] shards = [.. Enumerable.Range(0, 2).Select(i => Corpus($"part{i}.jsonl", "--shard", $"{i}/2"))];
        string[] lines = File.ReadAllLines(shards[0]);
        lines[0] = lines[0].Replace("\"seed\":9", "\"seed\":8", StringComparison.Ordinal);
        File.WriteAllLines(shards[0], lines);
        AssertBadInput(Run("merge", shards[0], shards[1], "--out", PathOf("m.jsonl")), "part0.jsonl", "fingerprint does not match");
    }

    [Fact]
    public void Corpus_EditedRange_OrDroppedLines_AreRefused()
    {
        string[] shards = [.. Enumerable.Range(0, 2).Select(i => Corpus($"part{i}.jsonl", "--shard", $"{i}/2"))];
        string[] lines = File.ReadAllLines(shards[1]);
        File.WriteAllLines(shards[1], [lines[0].Replace("\"count\":125", "\"count\":124", StringComparison.Ordinal), .. lines[1..]]);
        AssertBadInput(Run("merge", shards[0], shards[1], "--out", PathOf("m.jsonl")), "part1.jsonl", "should cover sentences 125..249");
        File.WriteAllLines(shards[1], [.. lines[..^2], lines[^1]]);
        AssertBadInput(Run("merge", shards[0], shards[1], "--out", PathOf("m.jsonl")), "part1.jsonl", "holds 124 sentences", "says 125");
        File.WriteAllLines(shards[1], lines[..^1]);
        AssertBadInput(Run("merge", shards[0], shards[1], "--out", PathOf("m.jsonl")), "part1.jsonl", "no end line");
        Assert.False(File.Exists(PathOf("m.jsonl")));
    }

    [Fact]
    public void Corpus_WholeCorpusOrOldShard_IsNotMergedAsAShard()
    {
        string whole = Corpus("whole.jsonl");
        AssertBadInput(Run("merge", whole, "--out", PathOf("m.jsonl")), "whole.jsonl", "not a shard line");
        string shard = Corpus("part1.jsonl", "--shard", "1/2");
        File.WriteAllLines(shard, File.ReadAllLines(shard)[1..^1]);
        AssertBadInput(Run("merge", shard, "--out", PathOf("m.jsonl")), "part1.jsonl", "is a sentence, not a shard line");
    }

    [Fact]
    public void Corpus_WithoutOut_OrMixedWithSimulate_OrText_ExitsTwo()
    {
        string shard = Corpus("part0.jsonl", "--shard", "0/2");
        AssertBadInput(Run("merge", shard), "--out", "required");
        AssertBadInput(Run("merge", shard, Shard("distinct", "0/2"), "--out", PathOf("m.jsonl")), "cannot merge a simulate shard", "corpus shard");
        string text = Corpus("part0.txt", "--shard", "0/2", "--format", "text");
        AssertBadInput(Run("merge", text, "--out", PathOf("m.txt")), "part0.txt", "is neither a simulate shard", "text corpora carry no sentence index");
        AssertBadInput(Run("merge", shard, "--out", shard), "--out", "is also an input");
        AssertBadInput(Run("merge", PathOf("nope.jsonl"), "--out", PathOf("m.jsonl")), "nope.jsonl", "does not exist");
    }

    [Fact]
    public void Corpus_TruncatedShard_ExitsTwo()
    {
        string[] shards = [.. Enumerable.Range(0, 2).Select(i => Corpus($"part{i}.jsonl", "--shard", $"{i}/2"))];
        byte[] bytes = File.ReadAllBytes(shards[1]);
        File.WriteAllBytes(shards[1], bytes[..^40]);
        AssertBadInput(Run("merge", shards[0], shards[1], "--out", PathOf("m.jsonl")), Path.GetFileName(shards[1]), "no newline");
    }
}
