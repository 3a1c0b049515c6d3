using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using SyntaxKnowledge.Formats;
using static SyntaxKnowledge.Cli.Tests.CliHarness;

namespace SyntaxKnowledge.Cli.Tests;

/// <summary>
/// The bridge to real language models end to end: skm generate --tokens pieces, skm vocab, skm split and
/// skm score --train-sentences with model log-probability files built from the split's own comparators.
/// </summary>
public sealed class BridgeCommandTests : IDisposable
{
    private const int Sentences = 300, Train = 200;

    private readonly string _directory = Directory.CreateTempSubdirectory("skm-bridge-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private string Generate(string name, ulong seed, int sentences = Sentences, string discount = "1/2")
    {
        string path = PathOf(name);
        (int code, _, string error) = Run("generate", "--discount", discount, "--concentration", "1", "--sentences", Text(sentences), "--seed", Text((long)seed), "--tokens", "pieces", "--out", path);
        Assert.True(code == 0, error);
        return path;
    }

    /// <summary>The sentence lines of a corpus: index, tokens and token_log_q, read with a plain JSON parser.</summary>
    private static List<(long Index, string[] Tokens, double[] LogQ)> SentencesOf(string corpus) =>
        [.. File.ReadLines(corpus).Skip(1).Select(line =>
        {
            using JsonDocument d = JsonDocument.Parse(line);
            JsonElement e = d.RootElement;
            return (e.GetProperty("i").GetInt64(),
                e.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToArray(),
                e.GetProperty("token_log_q").EnumerateArray().Select(t => t.GetDouble()).ToArray());
        })];

    private string[] Vocab(string corpus, string name, string format = "txt")
    {
        string path = PathOf(name);
        (int code, string output, string error) = Run("vocab", "--corpus", corpus, "--out", path, "--format", format);
        Assert.True(code == 0, error);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("wrote ", error, StringComparison.Ordinal);
        return File.ReadAllLines(path);
    }

    private string Split(string corpus, string name, params string[] extra)
    {
        string dir = PathOf(name);
        (int code, string output, string error) = Run(["split", "--corpus", corpus, "--train", Text(Train), "--out-dir", dir, "--probes-per-bucket", "3", "--unseen-entities", "3", .. extra]);
        Assert.True(code == 0, error);
        Assert.Equal(string.Empty, output);
        return dir;
    }

    private static EvaluationRecord[] EvalRecords(string split)
    {
        using var reader = new StreamReader(Path.Combine(split, "eval.jsonl"));
        (_, IEnumerable<EvaluationRecord> records) = EvaluationFile.Read(reader, "eval.jsonl");
        return [.. records];
    }

    /// <summary>Writes a model log-probability file: the split's comparator column for each record, changed token by token.</summary>
    private string LogProbs(string name, string? fingerprint, IEnumerable<EvaluationRecord> records, EvaluationMode mode, Func<EvaluationRecord, int, double, double>? change = null)
    {
        string path = PathOf(name);
        using (var writer = new StreamWriter(path))
        {
            ModelLogProbabilityFile.Write(writer, fingerprint, records.Select(r => new ModelLogProbabilities(r.Index, [.. r.LogProbabilities(mode).Select((lp, t) => change is null ? lp : change(r, t, lp))])));
        }

        return path;
    }

    private (string Corpus, string Split, EvaluationRecord[] Records, string Fingerprint) Prepared()
    {
        string corpus = Generate("c.jsonl", 3);
        string split = Split(corpus, "split");
        return (corpus, split, EvalRecords(split), CorpusFingerprint.Compute(File.ReadLines(corpus)));
    }

    private static (JsonElement[] Rows, string Error) Score(string corpus, string logprobs, params string[] extra)
    {
        (int code, string output, string error) = Run(["score", "--corpus", corpus, "--model-logprobs", logprobs, "--train-sentences", Text(Train), "--bootstrap", "50", .. extra]);
        Assert.True(code == 0, $"exit {code}: {error}");
        using JsonDocument document = JsonDocument.Parse(output);
        return ([.. document.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.Clone())], error);
    }

    private static JsonElement Row(JsonElement[] rows, string group) => rows.Single(r => r.GetProperty("group").GetString() == group);

    private void AssertNoPartialFolders() =>
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_directory), p => Path.GetFileName(p).Contains(".partial", StringComparison.Ordinal));

    // ---- generate --tokens pieces and vocab --------------------------------------------------------------------------------------

    [Fact]
    public void GeneratePieces_EveryCorpusTokenIsInTheVocab_WithTheSameIdsInTxtAndJson()
    {
        string corpus = Generate("c.jsonl", 3);
        string[] vocab = Vocab(corpus, "vocab.txt");
        Assert.Equal(["<pad>", "<bos>", "<eos>", "<unk>"], vocab.Take(4));
        Assert.Equal(vocab.Length, vocab.Distinct(StringComparer.Ordinal).Count());
        Assert.InRange(vocab.Length, 50, 2_000);
        var ids = vocab.Select((t, id) => (t, id)).ToDictionary(p => p.t, p => p.id, StringComparer.Ordinal);

        var sentences = SentencesOf(corpus);
        Assert.Equal(Sentences, sentences.Count);
        Assert.All(sentences.SelectMany(s => s.Tokens), t => Assert.True(ids.ContainsKey(t), $"corpus token '{t}' is not in the vocabulary"));

        using JsonDocument json = JsonDocument.Parse(string.Join('\n', Vocab(corpus, "tokenizer.json", "json")));
        JsonElement model = json.RootElement.GetProperty("model");
        Assert.Equal("WordLevel", model.GetProperty("type").GetString());
        var jsonIds = model.GetProperty("vocab").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);
        Assert.Equal(ids.OrderBy(p => p.Value), jsonIds.OrderBy(p => p.Value));
    }

    [Fact]
    public void Vocab_IsTheSameForCorporaOfOneModelWithDifferentSeeds()
    {
        string[] a = Vocab(Generate("a.jsonl", 3), "a.txt"), b = Vocab(Generate("b.jsonl", 4, sentences: 50), "b.txt");
        Assert.Equal(a, b);

        // The corpora really differ, and each one's tokens are covered.
        Assert.NotEqual(SentencesOf(PathOf("a.jsonl")).Take(50).Select(s => string.Join(' ', s.Tokens)), SentencesOf(PathOf("b.jsonl")).Select(s => string.Join(' ', s.Tokens)));
        Assert.All(SentencesOf(PathOf("b.jsonl")).SelectMany(s => s.Tokens), t => Assert.Contains(t, b));
    }

    [Fact]
    public void Vocab_ReportsItsParts_OnStderr()
    {
        string corpus = Generate("c.jsonl", 3, sentences: 5);
        (int code, _, string error) = Run("vocab", "--corpus", corpus, "--out", PathOf("v.txt"), "--format", "txt");
        Assert.Equal(0, code);
        int tokens = File.ReadAllLines(PathOf("v.txt")).Length;
        Assert.Matches($@"^wrote {tokens:N0} tokens \(4 specials, \d+ syntax, \d+ values, \d+ name pieces\) to ", error);
    }

    [Fact]
    public void Vocab_CorpusMissing_IsBadInput_AndWritesNothing()
    {
        AssertBadInput(Run("vocab", "--corpus", PathOf("missing.jsonl"), "--out", PathOf("v.txt")), "missing.jsonl");
        Assert.False(File.Exists(PathOf("v.txt")));
    }

    // ---- split ------------------------------------------------------------------------------------------------------------------

    [Fact]
    public void Split_WritesTheFiveFiles_WithTheTrainingTextTheEvaluationSetAndTheManifest()
    {
        string corpus = Generate("c.jsonl", 3);
        string split = Split(corpus, "split");
        Assert.Equal(["eval.jsonl", "probes.jsonl", "split.json", "tokenizer.json", "train.txt"], Directory.GetFiles(split).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        AssertNoPartialFolders();

        var sentences = SentencesOf(corpus);
        string[] train = File.ReadAllLines(Path.Combine(split, "train.txt"));
        Assert.Equal(Train, train.Length);
        Assert.Equal(sentences.Take(Train).Select(s => string.Join(' ', s.Tokens)), train);

        EvaluationRecord[] records = EvalRecords(split);
        Assert.Equal(Sentences - Train, records.Length);
        for (int k = 0; k < records.Length; k++)
        {
            (long index, string[] tokens, double[] logQ) = sentences[Train + k];
            Assert.Equal(index, records[k].Index);
            Assert.Equal(tokens, records[k].Tokens.ToArray());
            Assert.Equal(tokens.Length, records[k].World.Length);
            for (int t = 0; t < tokens.Length; t++)
            {
                Assert.Equal(logQ[t], records[k].Continuation[t], 1e-12);
            }
        }

        Assert.Equal(records[0].Continuation.ToArray(), records[0].Frozen.ToArray());

        SplitManifest manifest;
        using (var reader = new StreamReader(Path.Combine(split, "split.json")))
        {
            manifest = SplitManifest.Read(reader, "split.json");
        }

        Assert.Equal(CorpusFingerprint.Compute(File.ReadLines(corpus)), manifest.CorpusFingerprint);
        Assert.Equal((Sentences, Train, Sentences - Train), (manifest.CorpusSentences, manifest.TrainSentences, manifest.EvalSentences));
        Assert.Equal(train.Sum(l => (long)l.Split(' ').Length), manifest.TrainTokens);
        Assert.Equal(records.Sum(r => (long)r.Tokens.Length), manifest.EvalTokens);
        Assert.Equal(records.Count(r => r.TrainCount == 0), manifest.EvalUnseenEntitySentences);
        Assert.Equal(records.Count(r => !r.FactSeen), manifest.EvalUnseenFactSentences);
        Assert.Equal(("1/2", "1"), (manifest.Discount, manifest.Concentration));

        string[] vocab = Vocab(corpus, "vocab.txt");
        using var tokenizer = new StreamReader(Path.Combine(split, "tokenizer.json"));
        Assert.Equal(vocab, TokenizerFile.Read(tokenizer, "tokenizer.json").ToArray());
    }

    [Fact]
    public void Split_WithEvalAndNoWorld_WritesMRecordsWithoutTheWorldColumn()
    {
        string split = Split(Generate("c.jsonl", 3), "split", "--eval", "40", "--no-world");
        using var reader = new StreamReader(Path.Combine(split, "eval.jsonl"));
        (EvaluationHeader header, IEnumerable<EvaluationRecord> records) = EvaluationFile.Read(reader, "eval.jsonl");
        Assert.Equal((Train, 40, false), (header.TrainSentences, header.EvalSentences, header.HasWorld));
        EvaluationRecord[] read = [.. records];
        Assert.Equal(40, read.Length);
        Assert.All(read, r => Assert.True(r.World.IsEmpty));
    }

    [Fact]
    public void Split_IntoANonEmptyFolder_IsRefused_AndTheFolderIsUntouched()
    {
        string corpus = Generate("c.jsonl", 3, sentences: 50);
        string dir = PathOf("taken");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "keep.txt"), "mine");
        AssertBadInput(Run("split", "--corpus", corpus, "--train", "20", "--out-dir", dir), "--out-dir", "already exists and is not an empty folder");
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "keep.txt")));
        AssertNoPartialFolders();

        // An empty folder is accepted.
        string empty = PathOf("empty");
        Directory.CreateDirectory(empty);
        Assert.Equal(0, Run("split", "--corpus", corpus, "--train", "20", "--out-dir", empty, "--probes-per-bucket", "1", "--unseen-entities", "1").Code);
        Assert.True(File.Exists(Path.Combine(empty, "split.json")));
    }

    [Theory]
    [InlineData("0", null, "--train = 0 is out of range; valid range: --train >= 1")]
    [InlineData("50", null, "--train = 50 is out of range for a corpus of 50 sentences; valid range: 1 to 49")]
    [InlineData("1000", null, "--train = 1000 is out of range")]
    [InlineData("20", "31", "--eval = 31 is out of range after --train 20 in a corpus of 50 sentences; valid range: 1 to 30")]
    [InlineData("20", "0", "--eval = 0 is out of range")]
    public void Split_NOrMOutOfRange_IsBadInput_AndLeavesNoFolder(string train, string? eval, string message)
    {
        string corpus = Generate("c.jsonl", 3, sentences: 50);
        string dir = PathOf("split");
        string[] args = ["split", "--corpus", corpus, "--train", train, "--out-dir", dir];
        AssertBadInput(Run(eval is null ? args : [.. args, "--eval", eval]), message);
        Assert.False(Directory.Exists(dir));
        AssertNoPartialFolders();
    }

    [Fact]
    public void Split_ATruncatedCorpus_IsBadInput_AndLeavesNoFolder()
    {
        string corpus = Generate("c.jsonl", 3, sentences: 50);
        File.WriteAllLines(corpus, File.ReadAllLines(corpus).SkipLast(5));
        string dir = PathOf("split");
        AssertBadInput(Run("split", "--corpus", corpus, "--train", "20", "--out-dir", dir), "c.jsonl", "the file ends after 45 sentence lines but the header says");
        Assert.False(Directory.Exists(dir));
        AssertNoPartialFolders();
    }

    // ---- score --train-sentences -------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("frozen")]
    [InlineData("continuation")]
    [InlineData("world")]
    public void Score_TheComparatorsOwnLogProbs_HaveExactlyZeroExcess(string mode)
    {
        (string corpus, _, EvaluationRecord[] records, string fingerprint) = Prepared();
        EvaluationMode m = SweepManifest.ParseMode(mode)!.Value;
        string logprobs = LogProbs("oracle.jsonl", fingerprint, records, m);
        (JsonElement[] rows, string error) = Score(corpus, logprobs, "--mode", mode);
        Assert.Equal(string.Empty, error);
        Assert.True(rows.Length >= 10, $"{rows.Length} rows");
        foreach (JsonElement row in rows)
        {
            Assert.Equal(0.0, row.GetProperty("excess_nats_per_token").GetDouble());
            Assert.Equal(0.0, row.GetProperty("excess_se_nats_per_token").GetDouble());
            Assert.False(row.GetProperty("improper").GetBoolean());
            Assert.Equal(0, row.GetProperty("non_finite_tokens").GetInt64());
        }

        JsonElement all = Row(rows, "all");
        Assert.Equal(records.Sum(r => (long)r.Tokens.Length), all.GetProperty("tokens").GetInt64());
        Assert.Equal(-records.Sum(r => r.LogProbabilities(m).Sum()) / all.GetProperty("tokens").GetInt64(), all.GetProperty("oracle_nats_per_token").GetDouble(), 1e-12);
    }

    [Fact]
    public void Score_NameTokensPlusSixNats_IsFlaggedImproper_WithAWarningLine()
    {
        (string corpus, _, EvaluationRecord[] records, string fingerprint) = Prepared();
        string logprobs = LogProbs("cheat.jsonl", fingerprint, records, EvaluationMode.Frozen, (r, t, lp) => r.Tags[t] == Model.TokenTag.Name ? lp + 6 : lp);
        (JsonElement[] rows, string error) = Score(corpus, logprobs);
        Assert.True(Row(rows, "name").GetProperty("improper").GetBoolean());
        Assert.True(Row(rows, "all").GetProperty("improper").GetBoolean());
        Assert.False(Row(rows, "syntax").GetProperty("improper").GetBoolean());
        Assert.Equal(-6.0, Row(rows, "name").GetProperty("excess_nats_per_token").GetDouble(), 1e-9);
        Assert.All(rows.Where(r => r.GetProperty("entities").GetInt64() < 5), r => Assert.False(r.GetProperty("improper").GetBoolean()));

        string[] warnings = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] flagged = [.. rows.Where(r => r.GetProperty("improper").GetBoolean()).Select(r => r.GetProperty("group").GetString()!)];
        Assert.Equal(flagged.Length, warnings.Length);
        Assert.Contains(warnings, w => w.StartsWith("warning: group name: the model beats the frozen optimum by 6 nats/token", StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.StartsWith("warning: group ", w, StringComparison.Ordinal));
    }

    [Fact]
    public void Score_NaNAndMinusInfinityInTheFile_AreAcceptedAndReported()
    {
        (string corpus, _, EvaluationRecord[] records, string fingerprint) = Prepared();
        string path = LogProbs("lm.jsonl", fingerprint, records, EvaluationMode.Frozen, (r, t, lp) => r.Index == Train && t == 0 ? double.NaN : r.Index == Train + 1 && t == 2 ? double.NegativeInfinity : lp - 0.5);
        string[] lines = File.ReadAllLines(path);
        Assert.Contains("[NaN,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",-Infinity,", lines[2], StringComparison.Ordinal);

        (JsonElement[] rows, string error) = Score(corpus, path);
        JsonElement all = Row(rows, "all");
        Assert.Equal(2, all.GetProperty("non_finite_tokens").GetInt64());
        Assert.Equal(JsonValueKind.Null, all.GetProperty("excess_nats_per_token").ValueKind);
        Assert.Equal(0, Row(rows, "syntax").GetProperty("non_finite_tokens").GetInt64() + Row(rows, "name").GetProperty("non_finite_tokens").GetInt64() + Row(rows, "value").GetProperty("non_finite_tokens").GetInt64() - 2);
        Assert.Contains("warning: 2 model log-probabilities are -Infinity, Infinity or NaN", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_AWrongTokenCount_IsBadInput_NamingTheLine()
    {
        (string corpus, _, EvaluationRecord[] records, string fingerprint) = Prepared();
        string path = LogProbs("lm.jsonl", fingerprint, records, EvaluationMode.Frozen);
        string[] lines = File.ReadAllLines(path);
        lines[3] = $"{{\"i\": {records[2].Index}, \"token_logprobs\": [-1.0, -2.0]}}";
        File.WriteAllLines(path, lines);
        AssertBadInput(Run("score", "--corpus", corpus, "--model-logprobs", path, "--train-sentences", Text(Train)),
            "--model-logprobs: line 4", $"sentence i = {records[2].Index} has 2 token log-probabilities but {records[2].Tokens.Length} tokens");
    }

    [Theory]
    [InlineData(5L, "sentence i = 5 is not an evaluation sentence; valid: 200 to 299 (training is 0 to 199)")]
    [InlineData(300L, "sentence i = 300 is not an evaluation sentence")]
    public void Score_ASentenceOutsideTheEvaluationSet_IsBadInput_NamingTheLine(long index, string message)
    {
        (string corpus, _, EvaluationRecord[] records, _) = Prepared();
        string path = LogProbs("lm.jsonl", null, records.Take(3), EvaluationMode.Frozen);
        File.AppendAllText(path, $"{{\"i\": {index}, \"token_logprobs\": [-1.0]}}\n");
        AssertBadInput(Run("score", "--corpus", corpus, "--model-logprobs", path, "--train-sentences", Text(Train)), "--model-logprobs: line 4", message);
    }

    [Fact]
    public void Score_AMalformedLine_IsBadInput_NamingTheLineAndField()
    {
        (string corpus, _, EvaluationRecord[] records, _) = Prepared();
        string path = LogProbs("lm.jsonl", null, records.Take(3), EvaluationMode.Frozen);
        File.AppendAllText(path, "{\"i\": 250, \"token_logprobs\": [-1.0, \"low\"]}\n");
        AssertBadInput(Run("score", "--corpus", corpus, "--model-logprobs", path, "--train-sentences", Text(Train)), "line 4", "token_logprobs[1]");
        File.WriteAllText(path, "not json\n");
        AssertBadInput(Run("score", "--corpus", corpus, "--model-logprobs", path, "--train-sentences", Text(Train)), "line 1", "not valid JSON");
    }

    [Fact]
    public void Score_AFileWrittenForAnotherCorpus_IsBadInput()
    {
        (string corpus, _, EvaluationRecord[] records, _) = Prepared();
        string other = CorpusFingerprint.Compute(File.ReadLines(Generate("other.jsonl", 4, sentences: 10)));
        string path = LogProbs("lm.jsonl", other, records, EvaluationMode.Frozen);
        AssertBadInput(Run("score", "--corpus", corpus, "--model-logprobs", path, "--train-sentences", Text(Train)), "--model-logprobs", "written for another corpus");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("300")]
    public void Score_TrainSentencesOutOfRange_IsBadInput(string train)
    {
        (string corpus, _, EvaluationRecord[] records, _) = Prepared();
        string path = LogProbs("lm.jsonl", null, records, EvaluationMode.Frozen);
        AssertBadInput(Run("score", "--corpus", corpus, "--model-logprobs", path, "--train-sentences", train), $"--train-sentences = {train} is out of range for a corpus of 300 sentences; valid range: 1 to 299");
    }

    [Fact]
    public void Score_Manifest_AppendsARowPerRun_ThatSweepManifestReads()
    {
        (string corpus, string split, EvaluationRecord[] records, string fingerprint) = Prepared();
        string frozen = LogProbs("frozen.jsonl", fingerprint, records, EvaluationMode.Frozen, (_, _, lp) => lp - 0.25);
        string continuation = LogProbs("continuation.jsonl", fingerprint, records, EvaluationMode.Continuation);
        string manifest = PathOf("sweep.jsonl");
        (_, string first) = Score(corpus, frozen, "--manifest", manifest, "--parameters", "12345");
        Assert.Contains($"appended the run to {manifest}", first, StringComparison.Ordinal);
        Score(corpus, continuation, "--manifest", manifest, "--mode", "continuation");

        ImmutableArray<SweepRun> runs = ReadManifest(manifest);
        Assert.Equal(2, runs.Length);
        long trainTokens = File.ReadLines(Path.Combine(split, "train.txt")).Sum(l => (long)l.Split(' ').Length);
        long evalTokens = records.Sum(r => (long)r.Tokens.Length);
        SweepRun a = runs[0], b = runs[1];
        Assert.Equal((Train, trainTokens, 12345.0, "1/2", EvaluationMode.Frozen, evalTokens), (a.TrainSentences, a.TrainTokens, a.Parameters, a.Discount, a.Mode, a.EvalTokens));
        Assert.Equal(0.25, a.ExcessNatsPerToken, 1e-12);
        Assert.Equal(a.OracleNatsPerToken + 0.25, a.ModelNatsPerToken, 1e-12);
        Assert.Equal(-records.Sum(r => r.Frozen.Sum()) / evalTokens, a.OracleNatsPerToken, 1e-12);
        Assert.Equal(Path.GetFullPath(frozen), a.ScoreFile);
        Assert.True(a.ExcessStandardError >= 0);
        Assert.Equal((EvaluationMode.Continuation, (double?)null, 0.0), (b.Mode, b.Parameters, b.ExcessNatsPerToken));
        Assert.Equal(-records.Sum(r => r.Continuation.Sum()) / evalTokens, b.OracleNatsPerToken, 1e-12);
    }

    [Fact]
    public void Score_ManifestWithoutBootstrap_RecordsAnUnknownStandardErrorAsNaN()
    {
        (string corpus, _, EvaluationRecord[] records, _) = Prepared();
        string logprobs = LogProbs("lm.jsonl", null, records, EvaluationMode.Frozen, (_, _, lp) => lp - 1);
        string manifest = PathOf("sweep.jsonl");
        (int code, _, string error) = Run("score", "--corpus", corpus, "--model-logprobs", logprobs, "--train-sentences", Text(Train), "--bootstrap", "0", "--manifest", manifest);
        Assert.True(code == 0, error);
        SweepRun run = Assert.Single(ReadManifest(manifest));
        Assert.True(double.IsNaN(run.ExcessStandardError));
        Assert.Equal(1.0, run.ExcessNatsPerToken, 1e-12);
    }

    private static ImmutableArray<SweepRun> ReadManifest(string path)
    {
        using var reader = new StreamReader(path);
        return SweepManifest.Read(reader, path);
    }
}
