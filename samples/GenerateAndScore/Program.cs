// GenerateAndScore: generate a Syntax-Knowledge corpus, score a language model on it, and compare the
// model's loss with the exact Bayes-optimal loss, token by token, by tag and by entity frequency.
//
//   dotnet run --project samples/GenerateAndScore                      in memory: generate, score, report
//   dotnet run --project samples/GenerateAndScore -- corpus.jsonl lm.jsonl
//                                                   read a corpus written by 'skm generate', write the model's
//                                                   token log-probabilities in the format 'skm score' reads
//
// The "language model" is a small smoothed bigram model trained online (it predicts each token, then
// learns it), a stand-in for yours. The second half is the held-out protocol of 'skm split' / 'skm score
// --train-sentences': train on the first N sentences, stop, and compare with the Bayes predictor given exactly
// those N (the frozen comparator), grouped by how often training showed each entity, with entity-bootstrap
// standard errors; then knowledge probes (questions about facts of the training prefix) scored as 'skm score-probes' does.
// Built and run by tests/SyntaxKnowledge.Samples.Tests.
using System.Globalization;
using System.Text.Json;
using SyntaxKnowledge.Evaluation;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Prediction;
using SyntaxKnowledge.Processes;

CultureInfo c = CultureInfo.InvariantCulture;
if (args.Length == 2)
{
    return ScoreCorpusFile(args[0], args[1]);
}

if (args.Length != 0)
{
    Console.Error.WriteLine("usage: GenerateAndScore [corpus.jsonl model-logprobs.jsonl]");
    return 2;
}

// <generate>
var model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 1));
const int sentences = 3_000;
Sentence[] corpus = [.. CorpusGenerator.Generate(model, seed: 7, count: sentences)];
Console.WriteLine(string.Create(c, $"Corpus: {corpus.Length:N0} sentences, {corpus.Max(s => s.Entity) + 1:N0} entities; first: \"{corpus[0].Text}\""));
// </generate>

// <score>
var lm = new BigramModel();
var losses = new List<TokenLoss>();
foreach (SentenceScore<double> oracle in BayesOracle.Score<double>(model, corpus))
{
    Sentence sentence = corpus[oracle.Index];
    string previous = BigramModel.Start;
    for (int t = 0; t < sentence.Tokens.Length; t++)
    {
        double modelNats = -lm.LogProbability(previous, sentence.Tokens[t]);
        lm.Observe(previous, sentence.Tokens[t]);
        previous = sentence.Tokens[t];
        losses.Add(new TokenLoss(oracle.Index, oracle.Entity, sentence.Tags[t], -Math.Log(oracle.TokenProbabilities[t]), modelNats));
    }
}

LossReport report = LossReport.Build(losses);
// </score>

// <report>
Console.WriteLine();
Console.WriteLine("group          tokens   optimal nats/token   model nats/token   excess");
foreach (LossGroup g in report.Groups.Where(g => !g.Group.Contains('/', StringComparison.Ordinal) || g.Group.EndsWith("/all", StringComparison.Ordinal)))
{
    Console.WriteLine(string.Create(c, $"{g.Group,-12} {g.Tokens,8} {g.OracleNatsPerToken,20:F4} {g.ModelNatsPerToken,18:F4} {g.ExcessNatsPerToken,8:F4}"));
}

LossGroup all = report.Groups.First(g => g.Group == "all");
Console.WriteLine();
Console.WriteLine(string.Create(c, $"Excess loss of the bigram model over the Bayes-optimal predictor: {all.ExcessNatsPerToken:F4} nats/token"));
// </report>

// <heldout>
// Train a fresh bigram model on the first 2,500 sentences only, then score the last 500 without learning from them.
const int train = 2_500;
var frozen = new BigramModel();
foreach (Sentence sentence in corpus.Take(train))
{
    string previous = BigramModel.Start;
    foreach (string token in sentence.Tokens)
    {
        frozen.Observe(previous, token);
        previous = token;
    }
}

IEnumerable<ScoredSentence> scored = SplitEvaluation.Evaluate(model, corpus.Select(s => (IReadOnlyList<string>)s.Tokens), train, sentences - train)
    .Select(record =>
    {
        string previous = BigramModel.Start;
        var lp = new double[record.Tokens.Length];
        for (int t = 0; t < lp.Length; t++)
        {
            lp[t] = frozen.LogProbability(previous, record.Tokens[t]);
            previous = record.Tokens[t];
        }

        return ScoredSentence.Pair(record, EvaluationMode.Frozen, new ModelLogProbabilities(record.Index, [.. lp]));
    });
ExcessLossReport heldOut = ExcessLoss.Build(scored, EvaluationMode.Frozen, train, bootstrapReplicates: 200, seed: 1);
Console.WriteLine();
Console.WriteLine(string.Create(c, $"Held out: trained on {train:N0} sentences, scored on {heldOut.Sentences:N0} against the frozen Bayes predictor"));
Console.WriteLine("training count   tokens   excess nats/token   standard error");
foreach (ExcessLossGroup g in heldOut.Groups.Where(g => g.By == "train_count" && g.Tag == "all"))
{
    Console.WriteLine(string.Create(c, $"{g.Bucket,-14} {g.Tokens,8} {g.ExcessNatsPerToken,19:F4} {g.StandardErrorNatsPerToken,16:F4}"));
}

ExcessLossGroup heldOutAll = heldOut.Groups.First(g => g.Group == "all");
Console.WriteLine(string.Create(c, $"Held-out excess loss: {heldOutAll.ExcessNatsPerToken:F4} ± {heldOutAll.StandardErrorNatsPerToken:F4} nats/token; improper groups: {heldOut.ImproperGroups.Count()}"));
// </heldout>

// <probes>
// Ask the frozen model facts: "<name> was born in ..." with every city as a candidate. The bigram sees only the word before
// the value slot, so it answers every entity alike from the value frequencies: it knows no facts, and its hallucination on
// facts training never showed should match the theory's 1 - max H (greedy) of an answerer that knows only the base.
World world = World.Sample(model, seed: 7);
ProbeSet probes = KnowledgeProbes.Sample(world, corpus, train, ProbeOptions.Create(perBucket: 40, unseenEntities: 80));
List<ProbeAnswer> answers = [.. probes.Probes.Select(p => new ProbeAnswer(p.Id, [.. p.Candidates.Select(v => frozen.LogProbability(p.Prompt[^1], v))]))];
ProbeScoreReport probeReport = ProbeScoring.Score(probes, answers, ProbeScoringOptions.Create(bootstrapReplicates: 100, seed: 1));
Console.WriteLine();
Console.WriteLine(string.Create(c, $"Knowledge probes: {probeReport.Probes} questions about the training prefix"));
Console.WriteLine("kind            probes   accuracy   Bayes p(truth)   hallucination (greedy)   predicted 1 - max H");
foreach (ProbeScoreGroup g in probeReport.Groups.Where(g => g.Bucket == "all"))
{
    Console.WriteLine(string.Create(c, $"{g.Kind,-14} {g.Probes,7} {g.Accuracy,10:F4} {g.BayesTruthProbability,16:F4} {g.WrongTop1,24:F4} {g.PredictedWrongTop1,21:F4}"));
}

ProbeScoreGroup unseenFacts = probeReport.Group("unseen-fact")!;
Console.WriteLine(string.Create(c, $"Unseen facts: hallucination {unseenFacts.WrongTop1:F4} ± {unseenFacts.AccuracyStandardError:F4}, theory {unseenFacts.PredictedWrongTop1:F4}; facts stored: {probeReport.Capacity.Facts:F1} ± {probeReport.Capacity.FactsStandardError:F1} of {probeReport.Capacity.Population}"));
// </probes>
return all.ExcessNatsPerToken > 0 && heldOutAll.ExcessNatsPerToken > 0 && !heldOut.ImproperGroups.Any() ? 0 : 1;

// Reads the sentence lines of an 'skm generate' JSONL corpus and writes {"i": ..., "token_logprobs": [...]} per sentence.
static int ScoreCorpusFile(string corpusPath, string outputPath)
{
    var lm = new BigramModel();
    using var output = new StreamWriter(outputPath);
    int written = 0;
    foreach (string line in File.ReadLines(corpusPath))
    {
        using JsonDocument document = JsonDocument.Parse(line);
        JsonElement e = document.RootElement;
        if (e.GetProperty("kind").GetString() != "sentence")
        {
            continue; // the header line
        }

        string previous = BigramModel.Start;
        var logprobs = new List<double>();
        foreach (JsonElement token in e.GetProperty("tokens").EnumerateArray())
        {
            string word = token.GetString()!;
            logprobs.Add(lm.LogProbability(previous, word));
            lm.Observe(previous, word);
            previous = word;
        }

        output.WriteLine(JsonSerializer.Serialize(new { i = e.GetProperty("i").GetInt64(), token_logprobs = logprobs }));
        written++;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote token log-probabilities of {written} sentences to {outputPath}; now run: skm score --corpus {corpusPath} --model-logprobs {outputPath}"));
    return 0;
}

/// <summary>
/// A hierarchical Dirichlet bigram model over an open vocabulary, trained online:
/// P(w | v) = (c(v, w) + 2 P1(w)) / (c(v) + 2), P1(w) = (c(w) + P0(w)) / (N + 1), and P0 spells a new word
/// letter by letter (128 ASCII letters, stop probability 1/6), so the probabilities of all strings sum to one.
/// </summary>
internal sealed class BigramModel
{
    public const string Start = "<s>";
    private const double BigramStrength = 2, UnigramStrength = 1, Stop = 1.0 / 6;
    private readonly Dictionary<(string, string), int> _pairs = [];
    private readonly Dictionary<string, int> _contexts = [];
    private readonly Dictionary<string, int> _words = [];
    private long _total;

    public double LogProbability(string previous, string word)
    {
        double spelling = Math.Exp((word.Length * Math.Log(1.0 / 128)) + Math.Log(Stop) + ((word.Length - 1) * Math.Log(1 - Stop)));
        double unigram = (_words.GetValueOrDefault(word) + (UnigramStrength * spelling)) / (_total + UnigramStrength);
        double bigram = (_pairs.GetValueOrDefault((previous, word)) + (BigramStrength * unigram)) / (_contexts.GetValueOrDefault(previous) + BigramStrength);
        return Math.Log(bigram);
    }

    public void Observe(string previous, string word)
    {
        _pairs[(previous, word)] = _pairs.GetValueOrDefault((previous, word)) + 1;
        _contexts[previous] = _contexts.GetValueOrDefault(previous) + 1;
        _words[word] = _words.GetValueOrDefault(word) + 1;
        _total++;
    }
}
