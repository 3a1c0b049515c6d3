using System.Collections.Immutable;
using System.Text.Json;
using SyntaxKnowledge.Evaluation;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Samples.Tests;

/// <summary>
/// samples/python/skm_io.py against the real formats: a corpus from the built skm, a split directory written by the core's
/// writers, Python reading it and writing model log-probabilities and probe answers, and the core's readers reading those back.
/// </summary>
[Trait("Category", "Samples")]
public sealed class PythonInteropTests : IDisposable
{
    private const int Sentences = 300, Train = 200, Eval = 100;
    private const ulong Seed = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);
    private static readonly string Module = Path.Combine(DotNetProcess.RepositoryRoot, "samples", "python", "skm_io.py");
    private readonly string _directory = Directory.CreateTempSubdirectory("skm-python-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ProcessResult Python(string workingDirectory, params string[] args) =>
        DotNetProcess.Start("python3", workingDirectory, Timeout, new Dictionary<string, string> { ["PYTHONPATH"] = Path.GetDirectoryName(Module)!, ["PYTHONDONTWRITEBYTECODE"] = "1" }, args);

    private static ProcessResult Skm(string workingDirectory, params string[] args)
    {
        string skm = Path.Combine(DotNetProcess.RepositoryRoot, "src", "SyntaxKnowledge.Cli", "bin", DotNetProcess.Configuration, "net10.0", "skm.dll");
        Assert.True(File.Exists(skm), skm + " was not built");
        return DotNetProcess.Run(workingDirectory, Timeout, null, [skm, .. args]);
    }

    /// <summary>skm generate, then the split files (train.txt, eval.jsonl with the world column, probes.jsonl, tokenizer.json,
    /// split.json) as the core's writers write them.</summary>
    private (string Corpus, string Split, string Fingerprint, ImmutableArray<EvaluationRecord> Records, ProbeSet Probes) MakeSplit()
    {
        string corpus = Path.Combine(_directory, "corpus.jsonl"), split = Path.Combine(_directory, "split");
        ProcessResult generate = Skm(_directory, "generate", "--discount", "1/2", "--concentration", "1", "--sentences", Sentences.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", corpus);
        Assert.True(generate.ExitCode == 0, generate.ToString());
        List<IReadOnlyList<string>> sentences = [];
        foreach (string line in File.ReadLines(corpus).Where(l => l.Length > 0))
        {
            using JsonDocument d = JsonDocument.Parse(line);
            if (!d.RootElement.TryGetProperty("kind", out JsonElement kind) || kind.GetString() != "header")
            {
                sentences.Add([.. d.RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!)]);
            }
        }

        Assert.Equal(Sentences, sentences.Count);
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), Rational.One));
        World world = World.Sample(model, Seed);
        string fingerprint = CorpusFingerprint.Compute(File.ReadLines(corpus));
        Directory.CreateDirectory(split);
        File.WriteAllLines(Path.Combine(split, "train.txt"), sentences.Take(Train).Select(s => string.Join(' ', s)));
        TrainingSummary? summary = null;
        ImmutableArray<EvaluationRecord> records = [.. SplitEvaluation.Evaluate(model, sentences, Train, Eval, world, s => summary = s)];
        using (var writer = new StreamWriter(Path.Combine(split, "eval.jsonl")))
        {
            EvaluationFile.WriteHeader(writer, new EvaluationHeader(fingerprint, Train, records.Length, HasWorld: true));
            foreach (EvaluationRecord r in records)
            {
                EvaluationFile.WriteRecord(writer, r);
            }
        }

        ProbeSet probes = KnowledgeProbes.SampleTokens(world, sentences, Train, ProbeOptions.Create(5, 10));
        using (var writer = new StreamWriter(Path.Combine(split, "probes.jsonl")))
        {
            ProbesFormat.Write(writer, probes, [.. model.Attributes.Select(a => a.Name)]);
        }

        using (var writer = new StreamWriter(Path.Combine(split, "tokenizer.json")))
        {
            TokenizerFile.WriteHuggingFace(writer, TokenVocabulary.Of(model));
        }

        using (var writer = new StreamWriter(Path.Combine(split, "split.json")))
        {
            new SplitManifest(fingerprint, Sentences, Train, records.Length, summary!.Tokens, records.Sum(r => (long)r.Tokens.Length), summary.Entities, summary.Facts,
                records.Count(r => r.TrainCount == 0), records.Count(r => !r.FactSeen), "1/2", "1").Write(writer);
        }

        return (corpus, split, fingerprint, records, probes);
    }

    [Fact]
    public void PythonUnitTests_RunWithUnittest_AndAllPass()
    {
        ProcessResult run = DotNetProcess.Start("python3", DotNetProcess.RepositoryRoot, Timeout, new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1" },
            "-m", "unittest", "samples/python/test_skm_io.py");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"Ran (1\d|[2-9]\d) tests", run.Error);
        Assert.Contains("\nOK", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ASplitWrittenByTheCore_IsValidAndItsCountsArePrinted()
    {
        (string corpus, string split, _, ImmutableArray<EvaluationRecord> records, ProbeSet probes) = MakeSplit();
        ProcessResult check = Python(_directory, Module, "check", split, "--corpus", corpus);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains($"train: {Train} sentences, ", check.Output, StringComparison.Ordinal);
        Assert.Contains($"eval: {records.Length} sentences (i = {Train} to {Train + records.Length - 1}), ", check.Output, StringComparison.Ordinal);
        Assert.Contains($"probes: {probes.Probes.Length} (seen {probes.Probes.Count(p => p.Kind == ProbeKind.Seen)}, ", check.Output, StringComparison.Ordinal);
        Assert.Contains(", 0 split tokens not in it", check.Output, StringComparison.Ordinal);
        Assert.Contains("columns continuation, frozen, world", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ASplitOfAnotherCorpus_FailsWithOneLine()
    {
        (_, string split, _, _, _) = MakeSplit();
        string other = Path.Combine(_directory, "other.jsonl");
        ProcessResult generate = Skm(_directory, "generate", "--discount", "1/2", "--concentration", "1", "--sentences", "20", "--seed", "4", "--out", other);
        Assert.True(generate.ExitCode == 0, generate.ToString());
        ProcessResult check = Python(_directory, Module, "check", split, "--corpus", other);
        Assert.Equal(1, check.ExitCode);
        Assert.StartsWith("skm_io.py: ", check.Error, StringComparison.Ordinal);
        Assert.Contains("the split was cut from another corpus", check.Error, StringComparison.Ordinal);
        Assert.Equal(1, check.Error.Count(c => c == '\n'));
    }

    [Theory]
    [InlineData("frozen")]
    [InlineData("continuation")]
    [InlineData("world")]
    public void Oracle_LogprobsAndAnswersWrittenByPython_AreReadBackExactlyByTheCoreReaders(string mode)
    {
        (_, string split, string fingerprint, ImmutableArray<EvaluationRecord> records, ProbeSet probes) = MakeSplit();
        string output = Path.Combine(_directory, "out");
        ProcessResult oracle = Python(_directory, Module, "oracle", split, output, "--mode", mode);
        Assert.True(oracle.ExitCode == 0, oracle.ToString());

        ModelLogProbabilityDocument document;
        using (var reader = new StreamReader(Path.Combine(output, "model-logprobs.jsonl")))
        {
            document = ModelLogProbabilityFile.Read(reader, "model-logprobs.jsonl");
        }

        EvaluationMode evaluationMode = Enum.Parse<EvaluationMode>(mode, ignoreCase: true);
        Assert.Equal(fingerprint, document.CorpusFingerprint);
        Assert.Equal(records.Select(r => r.Index), document.Sentences.Select(s => s.Index));
        for (int k = 0; k < records.Length; k++)
        {
            // Python's repr and .NET's shortest round-trip formatting both round-trip doubles exactly.
            Assert.True(records[k].LogProbabilities(evaluationMode).AsSpan().SequenceEqual(document.Sentences[k].TokenLogProbabilities.AsSpan()), $"sentence {records[k].Index}");
        }

        ImmutableArray<ProbeAnswer> answers;
        using (var reader = new StreamReader(Path.Combine(output, "answers.jsonl")))
        {
            answers = ProbeAnswersFormat.Read(reader, "answers.jsonl", probes);
        }

        Assert.Equal(probes.Probes.Length, answers.Length);
        foreach ((Probe p, ProbeAnswer a) in probes.Probes.Zip(answers))
        {
            Assert.Equal(p.Id, a.Probe);
            Assert.Equal(Math.Log(p.BayesAnswer.ToDouble()), a.ValueLogProbabilities[p.AnswerIndex], 12);
            if (p.Kind == ProbeKind.Seen)
            {
                Assert.Equal(p.Candidates.Length - 1, a.ValueLogProbabilities.Count(double.IsNegativeInfinity));
            }
        }
    }

    [Fact]
    public void Trainer_ReadsTheSplitThroughSkmIo_AndWritesFilesTheCoreReaders_Accept()
    {
        // Debian's python3-torch lives with the system interpreter; without torch the trainer says so and exits 4.
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        (_, string split, string fingerprint, ImmutableArray<EvaluationRecord> records, ProbeSet probes) = MakeSplit();
        string probesFile = Path.Combine(split, "probes.jsonl");
        File.WriteAllLines(probesFile, File.ReadLines(probesFile).Take(4).ToArray()); // the header and 3 probes: one forward pass per candidate
        string trainer = Path.Combine(DotNetProcess.RepositoryRoot, "samples", "PaperExperiments", "trainer.py"), output = Path.Combine(_directory, "run");
        ProcessResult run = DotNetProcess.Start(python, _directory, Timeout, new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1" },
            trainer, "--split", split, "--out", output, "--epochs", "1", "--width", "16", "--depth", "1", "--heads", "2", "--threads", "1", "--device", "cpu");
        if (run.ExitCode == 4)
        {
            Assert.Contains("PyTorch is not installed", run.Error, StringComparison.Ordinal);
            return;
        }

        Assert.True(run.ExitCode == 0, run.ToString());
        using (var reader = new StreamReader(Path.Combine(output, "model-logprobs.jsonl")))
        {
            ModelLogProbabilityDocument document = ModelLogProbabilityFile.Read(reader, "model-logprobs.jsonl");
            Assert.Equal(fingerprint, document.CorpusFingerprint);
            Assert.Equal(records.Select(r => (r.Index, r.Tokens.Length)), document.Sentences.Select(s => (s.Index, s.TokenLogProbabilities.Length)));
            Assert.All(document.Sentences, s => Assert.All(s.TokenLogProbabilities, v => Assert.True(v < 0 && double.IsFinite(v), v.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        using (var reader = new StreamReader(Path.Combine(output, "answers.jsonl")))
        {
            var kept = new ProbeSet(probes.Header, [.. probes.Probes.Take(3)]);
            Assert.Equal(3, ProbeAnswersFormat.Read(reader, "answers.jsonl", kept).Length);
        }
    }

    [Fact]
    public void AlignPieces_OnASyntheticBpeSplit_SumsBackToTheCorpusTokens_AndNonFiniteValuesRoundTrip()
    {
        (_, string split, string fingerprint, ImmutableArray<EvaluationRecord> records, _) = MakeSplit();
        string output = Path.Combine(_directory, "bpe.jsonl"), script = Path.Combine(_directory, "bpe.py");

        // A GPT-2-like tokenizer: the space before a token rides on its first piece, tokens are cut into pieces of at most
        // 3 characters; the token's log-probability is split as lp/2 + lp/2 + 0 + ... (exact in binary floating point).
        File.WriteAllText(script, """
            import math, sys
            import skm_io

            split = skm_io.read_split(sys.argv[1])
            rows = []
            for r in split.eval:
                pieces, at = [], 0
                for k, (token, lp) in enumerate(zip(r.tokens, r.logprobs["continuation"])):
                    start = at - 1 if k else 0
                    cuts = list(range(at, at + len(token), 3)) + [at + len(token)]
                    spans = [(start if j == 0 else a, b) for j, (a, b) in enumerate(zip(cuts, cuts[1:]))]
                    parts = [lp / 2, lp / 2] + [0.0] * (len(spans) - 2) if len(spans) > 1 else [lp]
                    pieces += [(s, e, v) for (s, e), v in zip(spans, parts)]
                    at += len(token) + 1
                rows.append((r.i, skm_io.align_pieces(r.tokens, pieces)))
            first = rows[0][1]
            first[0], first[1] = -math.inf, math.nan
            skm_io.write_logprobs(sys.argv[2], rows, split.manifest.corpus_fingerprint, split.eval)
            try:
                r = split.eval[0]
                skm_io.align_pieces(r.tokens, [(0, len(r.text), 0.0)])
            except ValueError as e:
                print(e)
            """);
        ProcessResult run = Python(_directory, script, split, output);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"straddles the boundary between token 0 '{records[0].Tokens[0]}' and token {records[0].Tokens.Length - 1}", run.Output, StringComparison.Ordinal);

        ModelLogProbabilityDocument document;
        using (var reader = new StreamReader(output))
        {
            document = ModelLogProbabilityFile.Read(reader, "bpe.jsonl");
        }

        Assert.Equal(fingerprint, document.CorpusFingerprint);
        Assert.True(double.IsNegativeInfinity(document.Sentences[0].TokenLogProbabilities[0]));
        Assert.True(double.IsNaN(document.Sentences[0].TokenLogProbabilities[1]));
        Assert.True(records[0].Continuation.AsSpan()[2..].SequenceEqual(document.Sentences[0].TokenLogProbabilities.AsSpan()[2..]));
        for (int k = 1; k < records.Length; k++)
        {
            Assert.True(records[k].Continuation.AsSpan().SequenceEqual(document.Sentences[k].TokenLogProbabilities.AsSpan()), $"sentence {records[k].Index}");
        }
    }
}
