using System.Collections.Immutable;
using SyntaxKnowledge.Evaluation;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Prediction;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Tests.Evaluation;

/// <summary>
/// <see cref="SplitEvaluation"/> on a generated pieces corpus: the continuation column is the corpus's own token log-probabilities
/// (what <c>skm generate</c> writes as <c>token_log_q</c>), the frozen column is the predictor that saw exactly the training prefix,
/// and the training counts and seen facts are what counting the training sentences gives.
/// </summary>
public sealed class SplitEvaluationTests
{
    private const int Train = 200, Eval = 100;

    private sealed record Fixture(SyntaxKnowledgeModel Model, World World, List<Sentence> Corpus, EvaluationRecord[] Records, TrainingSummary Summary)
    {
        public List<IReadOnlyList<string>> Tokens => [.. Corpus.Select(s => (IReadOnlyList<string>)s.Tokens)];
    }

    private static readonly Lazy<Fixture> Shared = new(() =>
    {
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 1)).WithTokenization(Tokenization.Pieces);
        World world = World.Sample(model, 17);
        List<Sentence> corpus = [.. CorpusGenerator.Generate(world, 0, Train + Eval)];
        TrainingSummary? summary = null;
        EvaluationRecord[] records = [.. SplitEvaluation.Evaluate(model, corpus.Select(s => (IReadOnlyList<string>)s.Tokens), Train, Eval, null, s => summary = s)];
        return new Fixture(model, world, corpus, records, summary!);
    });

    [Fact]
    public void Evaluate_RecordsAreTheEvaluationSentences_InCorpusOrder()
    {
        Fixture f = Shared.Value;
        Assert.Equal(Eval, f.Records.Length);
        for (int k = 0; k < Eval; k++)
        {
            Sentence s = f.Corpus[Train + k];
            EvaluationRecord r = f.Records[k];
            Assert.Equal(s.Index, r.Index);
            Assert.Equal(s.Entity, r.Entity);
            Assert.Equal(s.Attribute, r.Attribute);
            Assert.Equal(s.Tokens.ToArray(), r.Tokens.ToArray());
            Assert.Equal(s.Tags.ToArray(), r.Tags.ToArray());
            Assert.Equal(s.Tokens.Length, r.Continuation.Length);
            Assert.Equal(s.Tokens.Length, r.Frozen.Length);
            Assert.True(r.World.IsEmpty);
            Assert.All(r.Continuation.Concat(r.Frozen), x => Assert.True(double.IsFinite(x) && x <= 0, $"sentence {r.Index}: log-probability {x}"));
        }
    }

    [Fact]
    public void Continuation_EqualsTheCorpusOwnTokenLogQ()
    {
        // BayesOracle.Annotate is what 'skm generate' writes as token_log_q; its exact components give log_q independently.
        Fixture f = Shared.Value;
        SentenceAnnotation[] annotations = [.. BayesOracle.Annotate(f.Model, f.Corpus)];
        for (int k = 0; k < Eval; k++)
        {
            SentenceAnnotation a = annotations[Train + k];
            EvaluationRecord r = f.Records[k];
            Assert.Equal(a.TokenLogProbabilities.ToArray(), r.Continuation.ToArray(), new ToleranceComparer(1e-12));
            Assert.Equal(a.LogProbability, r.Continuation.Sum(), 1e-9);
        }
    }

    [Fact]
    public void Frozen_OfTheFirstEvaluationSentence_IsItsContinuation()
    {
        // Both comparators have seen exactly the training prefix before sentence N.
        Fixture f = Shared.Value;
        Assert.Equal(f.Records[0].Continuation.ToArray(), f.Records[0].Frozen.ToArray());

        // Later sentences differ: continuation learns from earlier evaluation sentences, frozen does not.
        Assert.Contains(f.Records.Skip(1), r => !r.Continuation.SequenceEqual(r.Frozen));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(Eval - 1)]
    public void Frozen_IsTheContinuationOfTheTrainingPrefixFollowedByThatSentenceAlone(int k)
    {
        Fixture f = Shared.Value;
        // Scored as token sequences: the prefix followed by a later sentence is not one corpus in order, which Annotate refuses.
        IReadOnlyList<string>[] sentences = [.. f.Corpus.Take(Train).Select(s => (IReadOnlyList<string>)s.Tokens), f.Corpus[Train + k].Tokens];
        SentenceScore<double> last = BayesOracle.ScoreTokens<double>(f.Model, sentences).Last();
        Assert.Equal([.. last.TokenProbabilities.Select(Math.Log)], f.Records[k].Frozen.ToArray(), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void TrainCountAndFactSeen_AreCountsOfTheTrainingSentences()
    {
        Fixture f = Shared.Value;
        List<Sentence> training = f.Corpus.Take(Train).ToList();
        foreach (EvaluationRecord r in f.Records)
        {
            Sentence s = f.Corpus[(int)r.Index];
            long count = training.Count(t => t.GivenName == s.GivenName && t.FamilyName == s.FamilyName);
            bool factSeen = training.Any(t => t.GivenName == s.GivenName && t.FamilyName == s.FamilyName && t.Attribute == s.Attribute);
            Assert.Equal(count, r.TrainCount);
            Assert.Equal(factSeen, r.FactSeen);
        }

        // The fixture exercises every case: unseen entities, seen entities with unseen facts, seen facts, frequent entities.
        Assert.Contains(f.Records, r => r.TrainCount == 0);
        Assert.Contains(f.Records, r => r.TrainCount > 0 && !r.FactSeen);
        Assert.Contains(f.Records, r => r.FactSeen);
        Assert.Contains(f.Records, r => r.TrainCount >= 4);
    }

    [Fact]
    public void TrainingComplete_SummarisesTheTrainingPrefix()
    {
        Fixture f = Shared.Value;
        List<Sentence> training = f.Corpus.Take(Train).ToList();
        Assert.Equal(
            new TrainingSummary(Train, training.Sum(s => (long)s.Tokens.Length), training.Select(s => (s.GivenName, s.FamilyName)).Distinct().Count(), training.Select(s => (s.GivenName, s.FamilyName, s.Attribute)).Distinct().LongCount()),
            f.Summary);
    }

    [Fact]
    public void Evaluate_ReadsOnlyTheFirstNPlusMSentences_AndStopsEarlyWhenTheCorpusEnds()
    {
        Fixture f = Shared.Value;
        IEnumerable<IReadOnlyList<string>> Guarded()
        {
            foreach (IReadOnlyList<string> s in f.Tokens.Take(Train + 10))
            {
                yield return s;
            }

            throw new InvalidOperationException("read past N + M");
        }

        Assert.Equal(f.Records.Take(10), SplitEvaluation.Evaluate(f.Model, Guarded(), Train, 10).ToArray());
        Assert.Equal(f.Records, SplitEvaluation.Evaluate(f.Model, f.Tokens, Train, 10 * Eval).ToArray());
    }

    [Fact]
    public void Evaluate_WithTheWorld_AddsTheWorldColumn_AndKeepsTheComparators()
    {
        Fixture f = Shared.Value;
        EvaluationRecord[] withWorld = [.. SplitEvaluation.Evaluate(f.Model, f.Tokens, Train, Eval, f.World)];
        ImmutableArray<double>[] expected = [.. WorldPredictive.TokenLogProbabilities(f.Model, f.World, f.Corpus, f.World.Seed).Skip(Train)];
        Assert.Equal(Eval, withWorld.Length);
        for (int k = 0; k < Eval; k++)
        {
            Assert.Equal(f.Records[k], withWorld[k] with { World = [] });
            Assert.Equal(expected[k].ToArray(), withWorld[k].World.ToArray());
            Assert.All(withWorld[k].World, x => Assert.True(double.IsFinite(x) && x <= 1e-15, $"world log-probability {x}"));
        }
    }

    [Theory]
    [InlineData(0, 10, "trainSentences")]
    [InlineData(-3, 10, "trainSentences")]
    [InlineData(10, 0, "evalSentences")]
    public void Evaluate_CountBelowOne_FailsAtOnce(int train, int eval, string parameter)
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => SplitEvaluation.Evaluate(Shared.Value.Model, Shared.Value.Tokens, train, eval));
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains("valid range", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Train + Eval)]
    [InlineData(Train + Eval + 50)]
    public void Evaluate_NoSentenceAfterTheTrainingPrefix_FailsWhenEnumerated_NamingTheCorpusLength(int train)
    {
        IEnumerable<EvaluationRecord> records = SplitEvaluation.Evaluate(Shared.Value.Model, Shared.Value.Tokens, train, 5);
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => records.Count());
        Assert.Equal("trainSentences", e.ParamName);
        Assert.Contains($"for a corpus of {Train + Eval} sentences; valid range: 1 to {Train + Eval - 1}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NullArguments_Fail()
    {
        Assert.Throws<ArgumentNullException>(() => SplitEvaluation.Evaluate(null!, Shared.Value.Tokens, 1, 1));
        Assert.Throws<ArgumentNullException>(() => SplitEvaluation.Evaluate(Shared.Value.Model, null!, 1, 1));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Abs(x));

        public int GetHashCode(double obj) => 0;
    }
}
