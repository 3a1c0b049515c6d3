using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SyntaxKnowledge.Cli.Corpus;
using SyntaxKnowledge.Evaluation;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Model;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>skm split: a train/evaluation split of one corpus for language-model experiments.</summary>
internal static class SplitCommand
{
    public static Command Create(bool interactive)
    {
        Option<string> corpus = new("--corpus") { Description = "A JSONL corpus written by 'skm generate' (use --tokens pieces for a closed vocabulary).", Required = true, HelpName = "file" };
        Option<int> train = CliOptions.Integer("--train", "N: sentences 0..N-1 are the training set (N < corpus sentences).", 1, required: true);
        Option<int?> eval = new("--eval") { Description = "M: the evaluation set is sentences N..N+M-1. Range: 1 <= M <= corpus sentences - N. Default: every remaining sentence.", HelpName = "int" };
        Option<string> outDir = new("--out-dir") { Description = "The split folder to create (it must not exist or be empty); it appears only when complete.", Required = true, HelpName = "dir" };
        Option<int> perBucket = CliOptions.Integer("--probes-per-bucket", "Knowledge probes per training-count bucket and kind (seen fact, unseen fact of a seen entity).", 0, 100_000, ProbeOptions.DefaultPerBucket);
        Option<int> unseen = CliOptions.Integer("--unseen-entities", "Probes about entities never seen (fresh names from the name model).", 0, 100_000, ProbeOptions.DefaultUnseenEntities);
        Option<ulong> probeSeed = CliOptions.UnsignedInteger("--probe-seed", "Seed of the probe sampler.", ProbeOptions.DefaultSeed);
        Option<bool> noWorld = new("--no-world") { Description = "Leave out the world's own log-probabilities (the proper baseline of the data law) from eval.jsonl." };
        var command = new Command("split", "Cut a corpus into train.txt (sentences 0..N-1) and eval.jsonl (the next M sentences with training counts and the continuation, frozen and world log-probabilities of every token), with probes.jsonl, tokenizer.json and split.json.")
        {
            corpus, train, eval, outDir, perBucket, unseen, probeSeed, noWorld,
        };
        var names = new Dictionary<string, string> { ["trainSentences"] = "--train", ["evalSentences"] = "--eval", ["perBucket"] = "--probes-per-bucket", ["unseenEntities"] = "--unseen-entities" };
        Cli.SetAction(command, interactive, names, (parse, context) =>
        {
            string corpusPath = parse.GetValue(corpus)!;
            (SyntaxKnowledgeModel model, JsonElement header, IEnumerable<CorpusLine> lines) = CorpusFile.Read(corpusPath, "--corpus");
            long corpusSentences = header.GetProperty("sentences").GetInt64();
            int n = parse.GetValue(train);
            if (n < 1 || n >= corpusSentences)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--train = {n} is out of range for a corpus of {corpusSentences} sentences; valid range: 1 to {corpusSentences - 1}."));
            }

            long rest = corpusSentences - n;
            int m = parse.GetValue(eval) ?? (int)Math.Min(rest, int.MaxValue - n);
            if (m < 1 || m > rest)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--eval = {m} is out of range after --train {n} in a corpus of {corpusSentences} sentences; valid range: 1 to {rest}."));
            }

            ProbeOptions options = ProbeOptions.Create(parse.GetValue(perBucket), parse.GetValue(unseen), parse.GetValue(probeSeed));
            World world = World.Sample(model, header.GetProperty("seed").GetUInt64());
            bool withWorld = !parse.GetValue(noWorld);
            string dir = parse.GetValue(outDir)!;
            SplitManifest manifest = null!;
            int probes = 0;
            ProgressDisplay.Run(context, "splitting " + Path.GetFileName(corpusPath), progress =>
            {
                List<IReadOnlyList<string>> sentences = [.. Read(lines, n + m, corpusPath)];
                string fingerprint = CorpusFingerprint.Compute(File.ReadLines(corpusPath));
                AtomicDirectory.Write(dir, "--out-dir", temporary =>
                {
                    long trainTokens = 0;
                    WriteText(Path.Combine(temporary, "train.txt"), w =>
                    {
                        foreach (IReadOnlyList<string> s in sentences.Take(n))
                        {
                            w.Write(string.Join(' ', s));
                            w.Write('\n');
                            trainTokens += s.Count;
                        }
                    });
                    TrainingSummary summary = null!;
                    long evalTokens = 0;
                    int unseenEntity = 0, unseenFact = 0, written = 0;
                    WriteText(Path.Combine(temporary, "eval.jsonl"), w =>
                    {
                        EvaluationFile.WriteHeader(w, new EvaluationHeader(fingerprint, n, m, withWorld));
                        foreach (EvaluationRecord r in SplitEvaluation.Evaluate(model, sentences, n, m, withWorld ? world : null, s => summary = s, context.CancellationToken))
                        {
                            EvaluationFile.WriteRecord(w, r);
                            evalTokens += r.Tokens.Length;
                            unseenEntity += r.TrainCount == 0 ? 1 : 0;
                            unseenFact += r.FactSeen ? 0 : 1;
                            if ((++written & 0x3FF) == 0)
                            {
                                progress.Report(0.9 * written / m);
                            }
                        }
                    });
                    ProbeSet probeSet = KnowledgeProbes.SampleTokens(world, sentences, n, options);
                    probes = probeSet.Probes.Length;
                    WriteText(Path.Combine(temporary, "probes.jsonl"), w => ProbesFormat.Write(w, probeSet, [.. model.Attributes.Select(a => a.Name)]));
                    WriteText(Path.Combine(temporary, "tokenizer.json"), w => TokenizerFile.WriteHuggingFace(w, TokenVocabulary.Of(model)));
                    manifest = new SplitManifest(
                        fingerprint, corpusSentences, n, m, trainTokens, evalTokens, summary.Entities, summary.Facts, unseenEntity, unseenFact,
                        model.Knowledge.Discount.ToString(), model.Knowledge.Concentration.ToString());
                    WriteText(Path.Combine(temporary, "split.json"), manifest.Write);
                });
                return 0;
            });
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {dir}: train.txt ({n:N0} sentences, {manifest.TrainTokens:N0} tokens, {manifest.TrainEntities:N0} entities), eval.jsonl ({m:N0} sentences; {manifest.EvalUnseenEntitySentences:N0} about unseen entities), probes.jsonl ({probes:N0} probes), tokenizer.json, split.json"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static IEnumerable<IReadOnlyList<string>> Read(IEnumerable<CorpusLine> lines, int count, string path)
    {
        long expected = 0;
        foreach (CorpusLine line in lines)
        {
            if (line.Index != expected)
            {
                throw CorpusFile.Malformed(path, line.LineNumber, string.Create(CultureInfo.InvariantCulture, $"sentence index {line.Index} where {expected} was expected (sentences must be complete and in order)"));
            }

            yield return line.Tokens;
            if (++expected == count)
            {
                yield break;
            }
        }

        throw CorpusFile.Malformed(path, 0, string.Create(CultureInfo.InvariantCulture, $"the corpus ends after {expected} sentences; the split needs {count}"));
    }

    private static void WriteText(string path, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        write(writer);
    }
}
