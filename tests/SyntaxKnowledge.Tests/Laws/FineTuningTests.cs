using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Laws;

/// <summary>Fine-tuning (docs/03-formulas/fine-tuning.md#fine-tuning-a-capacity-limited-learner): exact linear expectations and conditional schedules vs the Python reference,
/// identities, bounds, the fluid forecast, and Monte Carlo over worlds.</summary>
public sealed class FineTuningTests
{
    private static FineTuningParameters Parameters(
        int dn = 1, int dd = 2, int tn = 1, int td = 1, int pretraining = 60, int capacity = 8, int newEntities = 4, int repetitions = 3,
        int replay = 12, int gn = 4, int gd = 5, int epochs = 3, int kn = 3, int kd = 4) =>
        FineTuningParameters.Create(PitmanYorParameters.Create(new Rational(dn, dd), new Rational(tn, td)), pretraining, capacity, newEntities, repetitions, replay,
            new Rational(gn, gd), epochs, new Rational(1, 5), new Rational(kn, kd));

    [Fact]
    public void Exact_EqualsPythonReference()
    {
        var rows = Golden.Read("finetune_linear.csv");
        int compared = 0;
        foreach (var group in rows.GroupBy(r => string.Join(",", r["discount"], r["concentration"], r["pretraining"], r["replay"], r["repetitions"], r["decay"], r["min_score"])))
        {
            var first = group.First();
            int epochs = group.Max(r => r.I("epoch"));
            var p = FineTuningParameters.Create(PitmanYorParameters.Create(first.R("discount"), first.R("concentration")), first.I("pretraining"), 1, 1,
                first.I("repetitions"), first.I("replay"), first.R("decay"), epochs, Rational.Zero, first.R("min_score"));
            ImmutableArray<FineTuningExactEpoch> exact = FineTuning.Exact(p);
            foreach (var row in group)
            {
                FineTuningExactEpoch e = exact[row.I("epoch")];
                Rational actual = row["quantity"] switch
                {
                    "eligible_old" => e.EligibleOld,
                    "eligible_mass" => e.EligibleOldMass,
                    "above" => e.CompetitorsAbove,
                    "tied" => e.CompetitorsTied,
                    "mass_above" => e.MassAbove,
                    "mass_tied" => e.MassTied,
                    _ => throw new InvalidOperationException(row["quantity"]),
                };
                Assert.True(row.R("expected") == actual, $"{group.Key}, epoch {row["epoch"]}, {row["quantity"]}: {actual} != {row["expected"]}");
                compared++;
            }
        }

        Assert.Equal(rows.Count, compared);
    }

    [Fact]
    public void Schedule_EqualsPythonReference()
    {
        var expected = Golden.Read("finetune_schedule.csv");
        foreach (var c in Golden.Read("finetune_schedule_cases.csv"))
        {
            int[] pre = c.Ints("pretraining_counts"), replay = c.Ints("replay_counts");
            var p = FineTuningParameters.Create(PitmanYorParameters.Create(c.R("discount"), c.R("concentration")), pre.Sum(), c.I("capacity"), c.I("new_entities"),
                c.I("repetitions"), replay.Sum(), c.R("decay"), c.I("epochs"), new Rational(1, 7), c.R("min_score"));
            ImmutableArray<FineTuningScheduleEpoch> schedule = FineTuning.Schedule(p, pre, replay);
            foreach (var row in expected.Where(r => r["case"] == c["case"]))
            {
                FineTuningScheduleEpoch e = schedule[row.I("epoch")];
                string actual = row["quantity"] switch
                {
                    "new_acquired" => e.NewAcquired.ToString(),
                    "old_stored" => e.OldStored.ToString(),
                    "old_mass" => e.OldStoredMass.ToString(),
                    "threshold" => e.Threshold?.ToString() ?? "none",
                    _ => throw new InvalidOperationException(row["quantity"]),
                };
                Assert.True(row["expected"] == actual, $"case {c["case"]}, epoch {row["epoch"]}, {row["quantity"]}: {actual} != {row["expected"]}");
            }
        }
    }

    [Fact]
    public void Schedule_HandCase_EvictsLowestAndSharesTies()
    {
        var p = FineTuningParameters.Create(PitmanYorParameters.Create(new Rational(1, 2), 1), 12, 4, 2, 2, 3, Rational.One, 1, new Rational(1, 3));
        ImmutableArray<FineTuningScheduleEpoch> s = FineTuning.Schedule(p, [5, 3, 2, 1, 1, 0], [1, 0, 1, 0, 0, 1]);
        Assert.Equal(new Rational(4), s[0].OldStored);
        Assert.Equal(new Rational(11, 16), s[0].OldStoredMass);
        Assert.Equal(Rational.One, s[0].Threshold);
        Assert.Equal(Rational.One, s[1].NewAcquired);
        Assert.Equal(new Rational(3), s[1].OldStored);
        Assert.Equal(new Rational(21, 32), s[1].OldStoredMass);
        Assert.Equal(new Rational(1, 32), s[1].ForgottenMass);
        Assert.Equal(new Rational(2), s[1].Threshold);
        Assert.Equal(new Rational(2, 3) * (1 - new Rational(21, 32)), s[1].HallucinationOld);
        Assert.Equal(new Rational(1, 3), s[1].HallucinationNew);
    }

    [Theory]
    [InlineData(1, 2, 1, 1, 30, 6)]
    [InlineData(0, 1, 2, 1, 25, 0)]
    [InlineData(3, 4, -1, 2, 20, 5)]
    public void Exact_AllSeenEligible_GivesExpectedDistinctAndSeenMass(int dn, int dd, int tn, int td, int pretraining, int replay)
    {
        // With no decay and kappa = 0 every seen entity is eligible from epoch 1 on: E[K_N] entities carrying 1 - P(new after N).
        var knowledge = PitmanYorParameters.Create(new Rational(dn, dd), new Rational(tn, td));
        var p = FineTuningParameters.Create(knowledge, pretraining, 5, 2, 2, replay, Rational.One, 2, Rational.Zero);
        ImmutableArray<FineTuningExactEpoch> exact = FineTuning.Exact(p);
        int n = pretraining + replay;
        Assert.Equal(ExpectedDistinct.Exact(knowledge, n), exact[1].EligibleOld);
        Assert.Equal(Rational.One - NewProbability.Exact(knowledge, n), exact[1].EligibleOldMass);
        Assert.Equal(ExpectedDistinct.Exact(knowledge, pretraining), exact[0].EligibleOld);
        Assert.Equal(Rational.One - NewProbability.Exact(knowledge, pretraining), exact[0].EligibleOldMass);
        Assert.Equal(new Rational(pretraining + (2 * replay)), exact[2].ExpectedOldScore);
    }

    [Theory]
    [InlineData(1, 2, 1, 1, 80, 12, 4, 5, 3, 4)]
    [InlineData(0, 1, 2, 1, 60, 0, 1, 2, 1, 2)]
    [InlineData(3, 4, 1, 1, 50, 9, 1, 1, 0, 1)]
    public void Predict_LinearColumns_EqualExactToRounding(int dn, int dd, int tn, int td, int pretraining, int replay, int gn, int gd, int kn, int kd)
    {
        FineTuningParameters p = Parameters(dn, dd, tn, td, pretraining, replay: replay, gn: gn, gd: gd, kn: kn, kd: kd);
        ImmutableArray<FineTuningExactEpoch> exact = FineTuning.Exact(p);
        FineTuningForecast forecast = FineTuning.Predict(p);
        Assert.InRange(forecast.NeglectedCount, 0, 1e-6);
        foreach (FineTuningExactEpoch e in exact)
        {
            FineTuningPredictedEpoch f = forecast.Epochs[e.Epoch];
            AssertClose(e.EligibleOld.ToDouble(), f.EligibleOld);
            AssertClose(e.EligibleOldMass.ToDouble(), f.EligibleOldMass);
            AssertClose(e.CompetitorsAbove.ToDouble(), f.CompetitorsAbove);
            AssertClose(e.CompetitorsTied.ToDouble(), f.CompetitorsTied);
            AssertClose(e.MassAbove.ToDouble(), f.MassAbove);
            Assert.Equal(e.NewEligible, f.NewEligible);
            Assert.Equal(e.NewScore.ToDouble(), f.NewScore);
        }
    }

    [Fact]
    public void Predict_CapacityNeverBinds_EqualsCapacityFreeExact()
    {
        FineTuningParameters p = Parameters(capacity: 60 + 12 + 4);
        ImmutableArray<FineTuningExactEpoch> exact = FineTuning.Exact(p);
        foreach (FineTuningPredictedEpoch f in FineTuning.Predict(p).Epochs)
        {
            FineTuningExactEpoch e = exact[f.Epoch];
            double acquired = e.NewEligible ? p.NewEntities : 0;
            Assert.Equal(acquired, f.NewAcquired);
            Assert.Equal(acquired, f.NewAcquiredUpper);
            Assert.InRange(f.NewAcquiredLower, 0, acquired);
            AssertClose(e.EligibleOldMass.ToDouble(), f.OldStoredMass);
            AssertClose(e.EligibleOld.ToDouble(), f.OldStored);
            AssertClose((exact[0].EligibleOldMass - e.EligibleOldMass).ToDouble(), f.ForgottenMass);
            Assert.True(double.IsNaN(f.Threshold));
        }
    }

    [Fact]
    public void Predict_BoundsBracketTheFluidForecast_AndHallucinationIdentityHolds()
    {
        FineTuningParameters p = Parameters(pretraining: 400, capacity: 20, newEntities: 6, replay: 40, gn: 1, gd: 1, kn: 0, kd: 1);
        double miss = 1 - p.ValueMatch.ToDouble();
        foreach (FineTuningPredictedEpoch f in FineTuning.Predict(p).Epochs)
        {
            Assert.InRange(f.NewAcquired, f.NewAcquiredLower - 1e-9, f.NewAcquiredUpper + 1e-9);
            Assert.True(f.OldStoredMass <= f.OldStoredMassUpper + 1e-12);
            Assert.True(f.OldStored <= f.OldStoredUpper + 1e-9);
            Assert.True(f.OldStored + f.NewAcquired <= p.Capacity + 1e-9);
            Assert.Equal(miss * (1 - f.OldStoredMass), f.HallucinationOld, 12);
            Assert.Equal(miss * (1 - (f.NewAcquired / p.NewEntities)), f.HallucinationNew, 12);
        }
    }

    [Theory]
    [Trait("Category", "Statistical")]
    [InlineData(1, 2, 1, 1, 60, 12, 4, 5, 3, 4)]
    [InlineData(0, 1, 3, 1, 40, 8, 1, 2, 1, 2)]
    [InlineData(3, 4, -1, 2, 50, 0, 9, 10, 1, 1)]
    public void Simulate_LinearQuantities_WithinFourStandardErrorsOfExact(int dn, int dd, int tn, int td, int pretraining, int replay, int gn, int gd, int kn, int kd)
    {
        FineTuningParameters p = Parameters(dn, dd, tn, td, pretraining, replay: replay, gn: gn, gd: gd, kn: kn, kd: kd);
        ImmutableArray<FineTuningExactEpoch> exact = FineTuning.Exact(p);
        FineTuningSimulation simulated = FineTuning.Simulate(p, TestScale.Replicates(3_000), seed: 41);
        foreach (FineTuningExactEpoch e in exact)
        {
            FineTuningSimulatedEpoch s = simulated.Epochs[e.Epoch];
            AssertConsistent(e.EligibleOld, s.EligibleOld, "eligible", e.Epoch);
            AssertConsistent(e.EligibleOldMass, s.EligibleOldMass, "eligible mass", e.Epoch);
            AssertConsistent(e.CompetitorsAbove, s.CompetitorsAbove, "above", e.Epoch);
            AssertConsistent(e.CompetitorsTied, s.CompetitorsTied, "tied", e.Epoch);
            AssertConsistent(e.MassAbove, s.MassAbove, "mass above", e.Epoch);
        }
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void Simulate_CapacityLimited_StaysWithinRigorousBounds()
    {
        FineTuningParameters p = Parameters(pretraining: 400, capacity: 20, newEntities: 6, replay: 40, gn: 9, gd: 10, kn: 1, kd: 2);
        FineTuningForecast forecast = FineTuning.Predict(p);
        FineTuningSimulation simulated = FineTuning.Simulate(p, TestScale.Replicates(2_000), seed: 43);
        foreach (FineTuningPredictedEpoch f in forecast.Epochs)
        {
            FineTuningSimulatedEpoch s = simulated.Epochs[f.Epoch];
            double slack = 4 * s.NewAcquired.StandardError;
            Assert.InRange(s.NewAcquired.Mean, f.NewAcquiredLower - slack, f.NewAcquiredUpper + slack);
            Assert.True(s.OldStoredMass.Mean <= f.OldStoredMassUpper + (4 * s.OldStoredMass.StandardError) + 1e-12);
            Assert.True(s.OldStored.Mean <= f.OldStoredUpper + (4 * s.OldStored.StandardError) + 1e-12);
            Assert.True(s.HallucinationOld.Mean >= f.HallucinationOldLower - (4 * s.HallucinationOld.StandardError) - 1e-12);
        }
    }

    [Fact]
    public void Simulate_IsDeterministic_AndReportsProgress()
    {
        FineTuningParameters p = Parameters();
        var reports = new List<double>();
        var progress = new SynchronousProgress(reports);
        FineTuningSimulation a = FineTuning.Simulate(p, 64, seed: 5, progress);
        FineTuningSimulation b = FineTuning.Simulate(p, 64, seed: 5);
        FineTuningSimulation c = FineTuning.Simulate(p, 64, seed: 6);
        Assert.Equal(a.Epochs.Select(e => e.OldStoredMass.Mean), b.Epochs.Select(e => e.OldStoredMass.Mean));
        Assert.Equal(a.Epochs.Select(e => e.NewAcquired.Mean), b.Epochs.Select(e => e.NewAcquired.Mean));
        Assert.NotEqual(a.Epochs.Select(e => e.OldStoredMass.Mean), c.Epochs.Select(e => e.OldStoredMass.Mean));
        Assert.Equal(64, reports.Count);
        Assert.Equal(1.0, reports.Max());
    }

    [Fact]
    public void Simulate_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => FineTuning.Simulate(Parameters(), 100, 1, cancellationToken: cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => FineTuning.Exact(Parameters(), cts.Token));
    }

    [Property(MaxTest = 60)]
    public Property Schedule_WithoutDecayOrReplay_AcquiresMonotonically_AndForgetsMonotonically(PositiveInt seed)
    {
        // gamma = 1, m = 0: old scores are fixed and the new score r t grows, so acquisition never falls and the
        // stored old mass never rises; the store never exceeds C.
        var random = new Random(seed.Get);
        int entities = random.Next(1, 12);
        int[] pre = [.. Enumerable.Range(0, entities).Select(_ => random.Next(1, 9))];
        int capacity = random.Next(1, 10), newEntities = random.Next(1, 6), repetitions = random.Next(1, 4);
        var p = FineTuningParameters.Create(PitmanYorParameters.Create(new Rational(random.Next(0, 4), 4), 1), pre.Sum(), capacity, newEntities, repetitions, 0,
            Rational.One, 6, new Rational(1, 10));
        ImmutableArray<FineTuningScheduleEpoch> s = FineTuning.Schedule(p, pre, new int[entities]);
        bool monotone = s.Zip(s.Skip(1)).All(x => x.Second.NewAcquired >= x.First.NewAcquired && x.Second.OldStoredMass <= x.First.OldStoredMass);
        bool capacityRespected = s.All(e => e.NewAcquired + e.OldStored <= capacity && e.NewAcquired <= newEntities && e.OldStored <= entities);
        bool forgotten = s.All(e => e.ForgottenMass == s[0].OldStoredMass - e.OldStoredMass);
        return (monotone && capacityRespected && forgotten).Label($"pre = [{string.Join(", ", pre)}], C = {capacity}, F = {newEntities}, r = {repetitions}");
    }

    [Property(MaxTest = 40)]
    public Property Schedule_StoresTheTopScores_WithTiesShared(PositiveInt seed)
    {
        // Every entity scoring strictly above the threshold is stored, and the total stored is min(C, eligible).
        var random = new Random(seed.Get);
        int entities = random.Next(1, 10);
        int[] pre = [.. Enumerable.Range(0, entities).Select(_ => random.Next(0, 6))];
        int[] replay = [.. pre.Select(n => n == 0 ? random.Next(1, 3) : random.Next(0, 3))];
        var p = FineTuningParameters.Create(PitmanYorParameters.Create(new Rational(1, 3), 2), Math.Max(1, pre.Sum()), random.Next(1, 8), random.Next(1, 4), random.Next(1, 4),
            replay.Sum(), new Rational(random.Next(1, 5), 4), 3, Rational.Zero, new Rational(random.Next(0, 3), 2));
        if (pre.Sum() == 0)
        {
            return true.ToProperty();
        }

        ImmutableArray<FineTuningScheduleEpoch> schedule = FineTuning.Schedule(p, pre, replay);
        bool ok = true;
        foreach (FineTuningScheduleEpoch e in schedule)
        {
            Rational[] scores = [.. pre.Zip(replay).Select(x => p.Score(e.Epoch, x.First, x.Second)).Where(p.IsEligible)];
            int eligible = scores.Length + (e.Epoch > 0 && p.IsEligible(e.NewScore) ? p.NewEntities : 0);
            ok &= e.OldStored + e.NewAcquired == Math.Min(p.Capacity, eligible);
            if (e.Threshold is { } threshold)
            {
                ok &= e.OldStored >= scores.Count(x => x > threshold);
            }
        }

        return ok.Label($"pre = [{string.Join(", ", pre)}], replay = [{string.Join(", ", replay)}], {p}");
    }

    [Fact]
    public void Parameters_DerivedQuantities_AreExact()
    {
        FineTuningParameters p = Parameters(newEntities: 4, repetitions: 3, replay: 12, gn: 1, gd: 2);
        Assert.Equal(new Rational(1, 2), p.ReplayFraction);
        Assert.Equal(new Rational(7, 4), p.DecayedWeight(3));
        Assert.Equal(new Rational(21, 4), p.NewEntityScore(3));
        Assert.Equal((new Rational(1, 8) * 5) + (new Rational(7, 4) * 2), p.Score(3, 5, 2));
        Assert.Equal(Rational.Zero, p.NewEntityScore(0));
        Assert.Equal(12, FineTuningParameters.ReplayMentionsFor(new Rational(1, 2), 4, 3));
        Assert.Equal(0, FineTuningParameters.ReplayMentionsFor(Rational.Zero, 4, 3));
        Assert.Throws<ArgumentException>(() => FineTuningParameters.ReplayMentionsFor(new Rational(2, 7), 4, 3));
    }

    [Fact]
    public void ValueMatchProbability_IsTheMeanCollisionProbabilityOfTheBases()
    {
        SyntaxKnowledgeModel bio = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 1));
        Assert.Equal(new Rational(1, 100), FineTuning.ValueMatchProbability(bio)); // (1/240 + 1/200 + 1/80 + 1/300 + 1/40)/5
        SyntaxKnowledgeModel dirichlet = bio.WithAttributes(["field"]).WithValuePrior(ValuePrior.Dirichlet(new Rational(1, 2)));
        Assert.Equal(new Rational(3, 2) / 21, FineTuning.ValueMatchProbability(dirichlet)); // (b+1)/(M b+1), M = 40
    }

    [Theory]
    [InlineData(0, 5, 4, 3, 0, 1, 2, 3, 0, "pretrainingMentions")]
    [InlineData(10, 0, 4, 3, 0, 1, 2, 3, 0, "capacity")]
    [InlineData(10, 5, 0, 3, 0, 1, 2, 3, 0, "newEntities")]
    [InlineData(10, 5, 4, 0, 0, 1, 2, 3, 0, "repetitions")]
    [InlineData(10, 5, 4, 3, -1, 1, 2, 3, 0, "replayMentions")]
    [InlineData(10, 5, 4, 3, 0, 0, 2, 3, 0, "decay")]
    [InlineData(10, 5, 4, 3, 0, 3, 2, 3, 0, "decay")]
    [InlineData(10, 5, 4, 3, 0, 1, 2, 0, 0, "epochs")]
    [InlineData(10, 5, 4, 3, 0, 1, 2, 3, -1, "minimumScore")]
    public void Create_OutOfRange_ThrowsNamingTheParameter(int pretraining, int capacity, int newEntities, int repetitions, int replay, int decayNumerator, int decayDenominator, int epochs, int kappa, string parameter)
    {
        var knowledge = PitmanYorParameters.Create(new Rational(1, 2), 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => FineTuningParameters.Create(knowledge, pretraining, capacity, newEntities, repetitions, replay,
            new Rational(decayNumerator, decayDenominator), epochs, Rational.Zero, kappa));
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains("valid range", e.Message, StringComparison.Ordinal);
        Assert.False(FineTuningParameters.TryCreate(knowledge, pretraining, capacity, newEntities, repetitions, replay, new Rational(decayNumerator, decayDenominator), epochs, Rational.Zero, kappa, out _));
    }

    [Fact]
    public void Create_BadValueMatch_AndOversizedExact_Throw()
    {
        var knowledge = PitmanYorParameters.Create(new Rational(1, 2), 1);
        Assert.Equal("valueMatch", Assert.Throws<ArgumentOutOfRangeException>(() => FineTuningParameters.Create(knowledge, 10, 5, 4, 3, 0, 1, 2, new Rational(3, 2))).ParamName);
        Assert.True(FineTuningParameters.TryCreate(knowledge, 10, 5, 4, 3, 0, 1, 2, Rational.Zero, Rational.Zero, out FineTuningParameters? ok));
        Assert.Equal(10, ok.PretrainingMentions);
        var big = FineTuningParameters.Create(knowledge, 20_000, 5, 4, 3, 0, 1, 2, Rational.Zero);
        Assert.Equal("parameters", Assert.Throws<ArgumentOutOfRangeException>(() => FineTuning.Exact(big)).ParamName);
        var huge = FineTuningParameters.Create(knowledge, 40_000, 5, 4, 3, 10, 1, 2, Rational.Zero);
        Assert.Equal("parameters", Assert.Throws<ArgumentOutOfRangeException>(() => FineTuning.Predict(huge)).ParamName);
    }

    [Fact]
    public void Schedule_BadCounts_ThrowArgumentException()
    {
        FineTuningParameters p = FineTuningParameters.Create(PitmanYorParameters.Create(new Rational(1, 2), 1), 5, 2, 1, 1, 1, Rational.One, 1, Rational.Zero);
        Assert.Equal("replayCounts", Assert.Throws<ArgumentException>(() => FineTuning.Schedule(p, [3, 2], [1])).ParamName);
        Assert.Equal("pretrainingCounts", Assert.Throws<ArgumentException>(() => FineTuning.Schedule(p, [3, 2, 0], [1, 0, 0])).ParamName);
        Assert.Equal("pretrainingCounts", Assert.Throws<ArgumentException>(() => FineTuning.Schedule(p, [3, 1], [1, 0])).ParamName);
        Assert.Equal("worlds", Assert.Throws<ArgumentOutOfRangeException>(() => FineTuning.Simulate(p, 1, 0)).ParamName);
        Assert.Equal("worlds", Assert.Throws<ArgumentOutOfRangeException>(() => FineTuning.Simulate(p, 1_500_000, 0)).ParamName);
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), string.Create(CultureInfo.InvariantCulture, $"expected {expected:R}, got {actual:R}"));

    private static void AssertConsistent(Rational exact, MonteCarloEstimate estimate, string what, int epoch) =>
        Assert.True(estimate.IsConsistentWith(exact.ToDouble()), string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}, {what}: {estimate} vs {exact.ToDouble():G10} (z = {estimate.ZScore(exact.ToDouble()):F2})"));

    private sealed class SynchronousProgress(List<double> reports) : IProgress<double>
    {
        public void Report(double value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
