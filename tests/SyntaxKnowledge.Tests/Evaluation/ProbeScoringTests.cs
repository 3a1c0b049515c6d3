using System.Collections.Immutable;
using SyntaxKnowledge.Evaluation;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Tests.Evaluation;

public sealed class ProbeScoringTests
{
    private const int Train = 600;

    private static readonly Lazy<(SyntaxKnowledgeModel Model, List<Sentence> Corpus, ProbeSet Set)> Fixture = new(() =>
    {
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 1));
        World world = World.Sample(model, 11);
        var corpus = CorpusGenerator.Generate(world, 0, 2 * Train).ToList();
        return (model, corpus, KnowledgeProbes.Sample(world, corpus, Train, ProbeOptions.Create(25, 60, 5)));
    });

    private static ProbeScoringOptions Options => ProbeScoringOptions.Create(bootstrapReplicates: 100, seed: 3);

    [Fact]
    public void Score_BayesPosteriorAnswerer_AccuracyIsBayesHitRateAndCalibrated()
    {
        (SyntaxKnowledgeModel model, List<Sentence> corpus, ProbeSet set) = Fixture.Value;
        List<IReadOnlyList<string>> training = [.. corpus.Take(Train).Select(s => (IReadOnlyList<string>)s.Tokens)];
        Dictionary<int, (string Given, string Family)> names = corpus.Take(Train).GroupBy(s => s.Entity).ToDictionary(g => g.Key, g => (g.First().GivenName, g.First().FamilyName));
        var posteriors = new Dictionary<(int, int), ImmutableArray<Rational>>();
        var answers = new List<ProbeAnswer>();
        var hits = new List<double>();
        foreach (Probe p in set.Probes)
        {
            // An entity absent from training (any unused name) gets the base predictive; it is the same for every unseen entity.
            (string given, string family) = p.Kind == ProbeKind.UnseenEntity ? ("Nobody", "Nowhere") : names[p.Entity];
            (int, int) key = (p.Kind == ProbeKind.UnseenEntity ? -1 : p.Entity, p.Attribute);
            if (!posteriors.TryGetValue(key, out ImmutableArray<Rational> posterior))
            {
                posterior = KnowledgeProbes.Posterior(model, training, given, family, p.Attribute);
                posteriors.Add(key, posterior);
            }

            Assert.Equal(p.BayesAnswer, posterior[p.AnswerIndex]);
            answers.Add(new ProbeAnswer(p.Id, [.. posterior.Select(x => x.Sign == 0 ? double.NegativeInfinity : Math.Log(x.ToDouble()))]));
            Rational top = posterior.Max();
            hits.Add(posterior[p.AnswerIndex] == top ? 1.0 / posterior.Count(x => x == top) : 0);
        }

        ProbeScoreReport report = ProbeScoring.Score(set, answers, Options);
        Assert.True(set.Probes.Length >= 200, $"{set.Probes.Length} probes");
        Assert.Equal(hits.Average(), report.Total.Accuracy, 12);
        Assert.Equal(set.Probes.Average(p => p.BayesAnswer.ToDouble()), report.Total.TruthProbability, 12);
        Assert.True(report.Total.CalibrationError <= (3 * report.Total.CalibrationErrorStandardError) + 1e-12, $"ECE {report.Total.CalibrationError} SE {report.Total.CalibrationErrorStandardError}");
        ProbeScoreGroup seen = report.Group("seen")!;
        Assert.Equal(1.0, seen.Accuracy);
        Assert.Equal(1.0, seen.TruthProbability, 12);
        Assert.Equal(0.0, seen.CalibrationError, 12);
        Assert.All(report.Groups, g => Assert.Equal(1.0, g.CandidateMass, 12));

        // For unseen facts and entities the Bayes answerer is the base guesser: measured hallucination equals the prediction
        // from the probes' own bases (uniform here: 1 − max H = 1 − Σ H² = 1 − 1/M).
        foreach (string kind in new[] { "unseen-fact", "unseen-entity" })
        {
            ProbeScoreGroup g = report.Group(kind)!;
            Assert.Equal(g.PredictedWrongTop1, g.WrongTop1, 12);
            Assert.Equal(g.PredictedWrongMass, g.WrongMass, 12);
        }

        Assert.Equal(report, ProbeScoring.Score(set, [.. answers.AsEnumerable().Reverse()], Options));
        Assert.Equal(report.Groups.Length, report.ToTable().Rows.Length);
        Assert.All(report.ToTables(), t => Assert.All(t.Rows, r => Assert.Equal(t.Columns.Length, r.Length)));
    }

    [Fact]
    public void Score_UniformAnswerer_AccuracyOneOverM()
    {
        ProbeSet set = Fixture.Value.Set;
        double inverseM = set.Probes.Average(p => 1.0 / p.Candidates.Length);

        ProbeScoreReport exact = ProbeScoring.Score(set, Uniform(set, 0), Options);
        Assert.Equal(inverseM, exact.Total.TruthProbability, 14);
        Assert.Equal(inverseM, exact.Total.Accuracy, 14);
        Assert.All(exact.Groups, g => Assert.Equal(g.Probes == 0 ? 0 : 1.0, g.CandidateMass, 12));

        // Jittered by 1e-9 nats, the top-1 is a uniformly random candidate: accuracy is Bernoulli(1/M) and must lie within 3 SE.
        ProbeScoreReport jittered = ProbeScoring.Score(set, Uniform(set, 1e-9), Options);
        Assert.InRange(jittered.Total.Accuracy, inverseM - (3 * jittered.Total.AccuracyStandardError), inverseM + (3 * jittered.Total.AccuracyStandardError));
        Assert.Equal(inverseM, jittered.Total.TruthProbability, 7);

        // Knowing nothing, the capacity estimate is zero within its standard error.
        Assert.InRange(exact.Capacity.Facts, -3 * exact.Capacity.FactsStandardError, 3 * exact.Capacity.FactsStandardError);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Score_PlantedExposureThreshold_FitRecoversR(int exposures)
    {
        ProbeSet set = Fixture.Value.Set;
        Assert.Contains(set.Probes, p => p.FactCount >= exposures + 1);
        var answers = set.Probes.Select(p => new ProbeAnswer(p.Id, [.. p.Candidates.Select((c, i) =>
            p.FactCount >= exposures ? (i == p.AnswerIndex ? 0 : -20) : -Math.Log(p.Candidates.Length))])).ToList();
        ProbeScoreReport report = ProbeScoring.Score(set, answers, ProbeScoringOptions.Create(parameters: 1e4, bootstrapReplicates: 20));
        ExposureFit fit = report.Fit!;
        Assert.Equal(exposures, fit.Exposures);
        Assert.InRange(exposures, fit.Lower, fit.Upper);
        Assert.Equal(1.0, fit.KnownAccuracy, 12);

        // Every fact seen at least r times is stored; the estimator counts those of the probed seen-fact strata (plus the unknown
        // ones' 1/M − max H offsets, zero for uniform bases); facts never revealed cannot be stored and are not in the population.
        double stored = 0;
        long seenFacts = 0;
        foreach (var stratum in set.Probes.Where(p => p.Kind == ProbeKind.Seen).GroupBy(p => TrainCountBuckets.Of(p.TrainCount).Lower))
        {
            long f = set.Header.Populations.Single(q => q.Lower == stratum.Key).SeenFacts;
            stored += f * stratum.Average(p => p.FactCount >= exposures ? 1.0 : 0.0);
            seenFacts += f;
        }

        Assert.Equal(stored, report.Capacity.Facts, 6);
        Assert.Equal(seenFacts, report.Capacity.Population);
        Assert.Equal(report.Capacity.Bits / 1e4, report.Capacity.BitsPerParameter, 12);
        Assert.All(report.Acquisition, a => Assert.Equal(a.Accuracy, a.PredictedAccuracy, 2));
    }

    [Fact]
    public void Score_BadAnswers_ThrowNamingTheProblem()
    {
        ProbeSet set = Fixture.Value.Set;
        List<ProbeAnswer> good = Uniform(set, 0);
        void Bad(List<ProbeAnswer> answers, string fragment)
        {
            ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => ProbeScoring.Score(set, answers, Options));
            Assert.Equal("answers", e.ParamName);
            Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        }

        Bad([.. good, new ProbeAnswer(set.Probes.Length + 5, good[0].ValueLogProbabilities)], "not in the probe set");
        Bad([.. good, good[3]], "answered twice");
        Bad([.. good.Skip(1)], "no answer");
        Bad([new ProbeAnswer(0, [.. good[0].ValueLogProbabilities, -1.0]), .. good.Skip(1)], "candidates but");
        Bad([new ProbeAnswer(0, [.. good[0].ValueLogProbabilities.Select(_ => double.NaN)]), .. good.Skip(1)], "NaN");
        Bad([new ProbeAnswer(0, [.. good[0].ValueLogProbabilities.Select(_ => double.NegativeInfinity)]), .. good.Skip(1)], "-Infinity on every candidate");
        Assert.Throws<ArgumentOutOfRangeException>(() => ProbeScoringOptions.Create(parameters: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProbeScoringOptions.Create(calibrationBins: 0));
    }

    private static List<ProbeAnswer> Uniform(ProbeSet set, double jitter)
    {
        CounterRandom random = CounterRandom.Create(17, 0);
        return [.. set.Probes.Select(p => new ProbeAnswer(p.Id, [.. p.Candidates.Select((_, i) => -Math.Log(p.Candidates.Length) + (jitter * random.Uniform((ulong)((p.Id * 1000) + i))))]))];
    }
}
