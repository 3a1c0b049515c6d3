using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Laws;

/// <summary>Knowledge acquisition dynamics (docs/03-formulas/acquisition.md#knowledge-acquisition-dynamics).</summary>
public sealed class AcquisitionTests
{
    private static readonly PitmanYorParameters Half = PitmanYorParameters.Create(new Rational(1, 2), 1);

    [Fact]
    public void ProbabilityExact_EqualsBinomialTailReference()
    {
        foreach (var row in Golden.Read("binomial_tail.csv"))
        {
            Assert.Equal(row.R("expected"), Acquisition.ProbabilityExact(row.R("weight"), row.I("n"), row.I("exposures")));
        }
    }

    [Fact]
    public void OrderProbabilityExact_EqualsTheRaceComputedByDynamicProgramming()
    {
        foreach (var row in Golden.Read("order_probability.csv"))
        {
            Assert.Equal(row.R("expected"), Acquisition.OrderProbabilityExact(row.R("first"), row.R("second"), row.I("exposures")));
        }
    }

    [Property]
    public Property ProbabilityExact_StrictlyIncreasingInWeight_AndDoubleAgrees() =>
        Prop.ForAll(Gen.Choose(0, 39).ToArbitrary(), Gen.Choose(1, 40).ToArbitrary(), Gen.Choose(1, 6).ToArbitrary(), (k, n, r) =>
        {
            Rational p = new(k, 40), q = new(k + 1, 40);
            Rational low = Acquisition.ProbabilityExact(p, n, r), high = Acquisition.ProbabilityExact(q, n, r);
            bool increasing = r > n ? low == high : low < high;
            bool agrees = Math.Abs(Acquisition.Probability(p.ToDouble(), n, r) - low.ToDouble()) <= 1e-13;
            return (increasing && agrees).Label($"k = {k}, n = {n}, r = {r}");
        });

    [Property]
    public Property OrderProbabilityExact_FavoursTheMoreFrequent_AndEqualWeightsGiveOneHalf() =>
        Prop.ForAll(Gen.Choose(1, 20).ToArbitrary(), Gen.Choose(1, 20).ToArbitrary(), Gen.Choose(1, 8).ToArbitrary(), (a, b, r) =>
        {
            Rational p1 = new(a, 50), p2 = new(b, 50), order = Acquisition.OrderProbabilityExact(p1, p2, r);
            bool sign = a == b ? order == Rational.Half : (a > b) == (order > Rational.Half);
            return (sign && order + Acquisition.OrderProbabilityExact(p2, p1, r) == Rational.One).Label($"{p1} vs {p2}, r = {r}: {order}");
        });

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 40)]
    public Property Curve_FirstExposure_IsOneMinusUnseenMass_AndEntitiesAreExpectedDistinct(PitmanYorParameters p, PositiveInt draws)
    {
        int n = Math.Min(draws.Get, 60);
        AcquisitionPoint point = Acquisition.Curve(p, [n], 1)[0];
        return (point.Mass == Rational.One - NewProbability.Exact(p, n) && point.Entities == ExpectedDistinct.Exact(p, n)).Label($"p = {p}, n = {n}");
    }

    [Fact]
    public void Bucket_IntegralOverAllWeights_IsTheAcquiredMass_AndEntityCountMatchesTheMassTail()
    {
        foreach (PitmanYorParameters p in new[] { Half, PitmanYorParameters.Create(0, 2), PitmanYorParameters.Create(new Rational(3, 4), new Rational(-1, 2)) })
        {
            AcquisitionBucket all = Acquisition.Bucket(p, 1e-14, 1, 80, 2);
            Assert.Equal(AcquiredMass.Exact(p, 80, 2).ToDouble(), all.AcquiredMass, 1e-9);
            AcquisitionBucket top = Acquisition.Bucket(p, 0.5, 1, 80, 2);
            Assert.True(top.Entities <= 2 && top.Entities > 0, $"at most two weights exceed 1/2: {top.Entities}");
            Assert.True(top.Fraction > Acquisition.Bucket(p, 0.001, 0.01, 80, 2).Fraction, "frequent buckets are acquired first");
        }

        // E[#weights >= 1/2] = P(the largest weight exceeds 1/2) = ∫_{1/2}^1 ν(dx); for d = 0, θ = 1 it is ln 2 (Dickman's ρ(2) = 1 − ln 2).
        Assert.Equal(Math.Log(2), Acquisition.Bucket(PitmanYorParameters.Create(0, 1), 0.5, 1, 10, 1).Entities, 1e-10);
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void SimulateBuckets_WithinFourStandardErrorsOfTheIntensityIntegrals()
    {
        (double, double)[] buckets = [(0.01, 0.05), (0.05, 0.3), (0.3, 1)];
        ImmutableArray<BucketSample> samples = Acquisition.SimulateBuckets(PitmanYorParameters.Create(new Rational(1, 3), 2), buckets, 60, 3, TestScale.Replicates(2_000), seed: 51);
        foreach (BucketSample s in samples)
        {
            AcquisitionBucket exact = Acquisition.Bucket(PitmanYorParameters.Create(new Rational(1, 3), 2), s.Lower, s.Upper, 60, 3);
            Assert.True(s.Entities.IsConsistentWith(exact.Entities), $"[{s.Lower}, {s.Upper}) entities {s.Entities} vs {exact.Entities}");
            Assert.True(s.Acquired.IsConsistentWith(exact.Acquired), $"[{s.Lower}, {s.Upper}) acquired {s.Acquired} vs {exact.Acquired}");
            Assert.True(s.AcquiredMass.IsConsistentWith(exact.AcquiredMass), $"[{s.Lower}, {s.Upper}) acquired mass {s.AcquiredMass} vs {exact.AcquiredMass}");
        }
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void SimulateOrder_ConcordanceMatchesRaceFormula_AndExceedsOneHalf()
    {
        OrderSample sample = Acquisition.SimulateOrder(PitmanYorParameters.Create(new Rational(1, 3), 1), 6, 2, TestScale.Replicates(1_500), seed: 53);
        Assert.True(sample.Difference.IsConsistentWith(0), $"{sample.Difference}");
        Assert.True(sample.Concordance.Mean - (4 * sample.Concordance.StandardError) > 0.5, $"{sample.Concordance}");
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void SimulateStored_Unlimited_IsTheBinomialTail_Capacity_CutsAtTheCthWeight()
    {
        double[] weights = [0.4, 0.25, 0.15, 0.1, 0.06, 0.04];
        ImmutableArray<MonteCarloEstimate> unlimited = Acquisition.SimulateStored(weights, 12, 3, int.MaxValue, TestScale.Replicates(3_000), seed: 55);
        for (int k = 0; k < weights.Length; k++)
        {
            double exact = Acquisition.Probability(weights[k], 12, 3);
            Assert.True(unlimited[k].IsConsistentWith(exact), $"rank {k + 1}: {unlimited[k]} vs {exact}");
        }

        ImmutableArray<MonteCarloEstimate> capped = Acquisition.SimulateStored(weights, 1_000, 3, 2, TestScale.Replicates(500), seed: 56);
        Assert.True(capped[1].Mean - (4 * capped[1].StandardError) > 0.5 || capped[1].Mean == 1, $"rank 2 kept: {capped[1]}");
        Assert.True(capped[2].Mean + (4 * capped[2].StandardError) < 0.5, $"rank 3 dropped although P(Bin(1000, 0.15) >= 3) = 1: {capped[2]}");
    }

    [Fact]
    public void Threshold_SolvesTheMedianEquation_AndScalesAsMedianOverN()
    {
        foreach (int r in new[] { 1, 2, 5 })
        {
            double previous = double.PositiveInfinity, previousError = double.PositiveInfinity;
            foreach (int n in new[] { 50, 500, 5_000 })
            {
                double t = Acquisition.Threshold(n, r);
                Assert.Equal(0.5, Acquisition.Probability(t, n, r), 1e-12);
                Assert.True(t < previous);
                double error = Math.Abs((t / Acquisition.ThresholdAsymptotic(n, r)) - 1);
                Assert.True(error < previousError / 5, $"r = {r}, n = {n}: {error}");
                (previous, previousError) = (t, error);
            }
        }

        Assert.Equal(Math.Log(2) / 100, Acquisition.ThresholdAsymptotic(100, 1), 1e-15); // median of Exp(1)
    }

    [Fact]
    public void Thresholds_WithCapacity_NeverFallBelowTheCthWeight()
    {
        ImmutableArray<ThresholdPoint> points = Acquisition.Thresholds(Half, [10, 100, 10_000, 100_000], 1, capacity: 20);
        double floor = TopFrequencyLearner.RankedWeightApproximate(Half, 20);
        Assert.All(points, t => Assert.Equal(Math.Max(t.Threshold, floor), t.Effective));
        Assert.Equal(floor, points[^1].Effective);
        Assert.True(points[0].Effective > floor);
        double crossover = Acquisition.CapacityCrossover(Half, 1, 20);
        Assert.Equal(floor, Acquisition.ThresholdAsymptotic(crossover, 1), 1e-15);
    }

    [Fact]
    public void Acquisition_BadInput_ThrowsWithParameterName()
    {
        Assert.Equal("weight", Assert.Throws<ArgumentOutOfRangeException>(() => Acquisition.ProbabilityExact(new Rational(3, 2), 3, 1)).ParamName);
        Assert.Equal("weight", Assert.Throws<ArgumentOutOfRangeException>(() => Acquisition.Probability(double.NaN, 3, 1)).ParamName);
        Assert.Equal("draws", Assert.Throws<ArgumentOutOfRangeException>(() => Acquisition.Threshold(2, 3)).ParamName);
        Assert.Equal("lower", Assert.Throws<ArgumentOutOfRangeException>(() => Acquisition.Bucket(Half, 0.5, 0.25, 3, 1)).ParamName);
        Assert.Equal("second", Assert.Throws<ArgumentOutOfRangeException>(() => Acquisition.OrderProbabilityExact(new Rational(3, 4), new Rational(1, 2), 1)).ParamName);
        Assert.Equal("entities", Assert.Throws<ArgumentOutOfRangeException>(() => Acquisition.SimulateOrder(Half, 1, 1, 10, 0)).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentOutOfRangeException>(() => Acquisition.SimulateStored([0.5, 0.4], 10, 1, 1, 10, 0)).ParamName);
    }
}
