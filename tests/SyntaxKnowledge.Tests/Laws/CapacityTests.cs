using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Laws;

/// <summary>Capacity-limited learners (docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law): exact values against enumeration, identities, the ranked-weight
/// integral, asymptotics and Monte Carlo.</summary>
public sealed class CapacityTests
{
    private static readonly PitmanYorParameters Half = PitmanYorParameters.Create(new Rational(1, 2), 1);

    private static PitmanYorParameters Parameters(IReadOnlyDictionary<string, string> row) => PitmanYorParameters.Create(row.R("discount"), row.R("concentration"));

    [Fact]
    public void FirstAppearanceUncoveredExact_SmallCases_EqualEnumerationOfHistories()
    {
        foreach (var row in Golden.Read("first_appearance_uncovered.csv"))
        {
            Assert.Equal(row.R("expected"), FirstAppearanceLearner.UncoveredExact(Parameters(row), row.I("n"), row.I("stored")));
        }
    }

    [Fact]
    public void StreamingUncoveredExact_SmallCases_EqualEnumerationOfHistories()
    {
        foreach (var row in Golden.Read("streaming_uncovered.csv"))
        {
            Assert.Equal(row.R("expected"), StreamingLearner.UncoveredExact(Parameters(row), row.I("n"), row.I("stored"), row.I("exposures")));
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public Property FirstAppearanceUncoveredExact_CapacityAboveDraws_IsTheUnseenMass(PitmanYorParameters p, PositiveInt draws)
    {
        int n = Math.Min(draws.Get, 25);
        return (FirstAppearanceLearner.UncoveredExact(p, n, n + 1) == NewProbability.Exact(p, n)).Label($"p = {p}, n = {n}");
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public Property StreamingUncoveredExact_NeverAboveFirstAppearance_AndDecreasingInCapacity(PitmanYorParameters p, PositiveInt draws, PositiveInt stored)
    {
        int n = Math.Min(draws.Get, 14), c = Math.Min(stored.Get, 6);
        Rational streaming = StreamingLearner.UncoveredExact(p, n, c), first = FirstAppearanceLearner.UncoveredExact(p, n, c);
        Rational more = StreamingLearner.UncoveredExact(p, n, c + 1);
        return (streaming <= first && more <= streaming).Label($"p = {p}, n = {n}, C = {c}: streaming {streaming.ToDouble()}, first {first.ToDouble()}");
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public Property StreamingUncoveredExact_NoCapacityLimit_EqualsOneMinusAcquiredMass(PitmanYorParameters p, PositiveInt draws, PositiveInt exposures)
    {
        int n = Math.Min(draws.Get, 14), r = Math.Min(exposures.Get, 4);
        return (StreamingLearner.UncoveredExact(p, n, n, r) == Rational.One - AcquiredMass.Exact(p, n, r)).Label($"p = {p}, n = {n}, r = {r}");
    }

    [Fact]
    public void TopFrequencyUncovered_HalvingThePanels_ChangesLessThan1e10()
    {
        foreach ((double d, double theta) in new[] { (0.5, 1.0), (0.0, 2.0), (0.9, -0.85), (0.1, 5.0) })
        {
            foreach (int c in new[] { 1, 30, 3_000 })
            {
                double coarse = RankedQuadrature.Uncovered(d, theta, c), fine = RankedQuadrature.Uncovered(d, theta, c, panels: 800);
                Assert.True(Math.Abs(coarse - fine) <= 1e-10 * fine, $"d = {d}, theta = {theta}, C = {c}: {coarse:R} vs {fine:R}");
            }
        }
    }

    [Fact]
    public void TopFrequencyUncovered_BelowFirstAppearance_AndRatioTendsToR()
    {
        foreach (PitmanYorParameters p in new[] { Half, PitmanYorParameters.Create(new Rational(1, 3), 5), PitmanYorParameters.Create(new Rational(3, 4), new Rational(-1, 2)) })
        {
            double previous = double.PositiveInfinity;
            foreach (int c in new[] { 10, 100, 1_000 })
            {
                double top = TopFrequencyLearner.UncoveredApproximate(p, c), first = UncoveredMass.Approximate(p, c);
                Assert.True(top < first, $"{p}, C = {c}");
                double error = Math.Abs((top / first / TopFrequencyLearner.RatioToFirstAppearance(p)) - 1);
                Assert.True(error < previous / 5, $"{p}, C = {c}: |ratio/R - 1| = {error} after {previous}");
                previous = error;
            }
        }
    }

    [Fact]
    public void RatioToFirstAppearance_Half_IsTwoOverPi_AndDirichletIsExpMinusGamma()
    {
        Assert.Equal(2 / Math.PI, TopFrequencyLearner.RatioToFirstAppearance(Half), 1e-15);
        Assert.Equal(Math.Exp(-0.57721566490153286), TopFrequencyLearner.RatioToFirstAppearance(PitmanYorParameters.Create(0, 3)), 1e-15);
    }

    [Fact]
    public void TopFrequencyAsymptotic_RatioToIntegral_TendsToOneAtRateOneOverC()
    {
        double[] errors = [.. new[] { 100, 1_000, 10_000 }.Select(c => Math.Abs((TopFrequencyLearner.UncoveredAsymptotic(Half, c) / TopFrequencyLearner.UncoveredApproximate(Half, c)) - 1))];
        Assert.True(errors[1] < errors[0] / 5 && errors[2] < errors[1] / 5, string.Join(", ", errors));
        Assert.True(errors[2] < 1e-3, $"{errors[2]}");
    }

    [Fact]
    public void RankedWeight_SumOverRanks_IsOneMinusTail_AndAsymptoticMatches()
    {
        double sum = Enumerable.Range(1, 50).Sum(k => TopFrequencyLearner.RankedWeightApproximate(Half, k));
        Assert.Equal(1 - TopFrequencyLearner.UncoveredApproximate(Half, 50), sum, 1e-12);
        double[] errors = [.. new[] { 20, 200, 2_000 }.Select(k => Math.Abs((TopFrequencyLearner.RankedWeightAsymptotic(Half, k) / TopFrequencyLearner.RankedWeightApproximate(Half, k)) - 1))];
        Assert.True(errors[1] < errors[0] / 5 && errors[2] < errors[1] / 5, string.Join(", ", errors)); // rate 1/k
    }

    [Theory]
    [Trait("Category", "Statistical")]
    [InlineData(1, 2, 1, 1)]
    [InlineData(0, 1, 3, 1)]
    [InlineData(1, 3, 1, 2)]
    public void TopFrequencySimulate_WithinFourStandardErrorsOfTheIntegral(int dn, int dd, int tn, int td)
    {
        var p = PitmanYorParameters.Create(new Rational(dn, dd), new Rational(tn, td));
        int[] caps = [1, 4, 12];
        TopFrequencySample sample = TopFrequencyLearner.Simulate(p, caps, TestScale.Replicates(2_000), seed: 41);
        Assert.Equal(sample.TopFrequency[0].Replicates, sample.ExactReplicates);
        for (int i = 0; i < caps.Length; i++)
        {
            double exact = TopFrequencyLearner.UncoveredApproximate(p, caps[i]);
            Assert.True(sample.TopFrequency[i].IsConsistentWith(exact), $"C = {caps[i]}: {sample.TopFrequency[i]} vs {exact}");
            Assert.True(sample.FirstAppearance[i].IsConsistentWith(UncoveredMass.Exact(p, caps[i]).ToDouble()), $"first, C = {caps[i]}: {sample.FirstAppearance[i]}");
        }
    }

    [Fact]
    public void TopFrequencySimulate_Truncated_ReportsTheBiasBound()
    {
        var p = PitmanYorParameters.Create(new Rational(3, 4), 1);
        TopFrequencySample sample = TopFrequencyLearner.Simulate(p, [5], 20, seed: 1, maxSticks: 50);
        Assert.Equal(0, sample.ExactReplicates);
        Assert.Equal(UncoveredMass.Approximate(p, 50), sample.TruncationBound, 1e-15);
        Assert.True(sample.Residual.Mean > 0);
    }

    [Theory]
    [Trait("Category", "Statistical")]
    [InlineData(1, 2, 1, 1)]
    [InlineData(0, 1, 2, 1)]
    [InlineData(3, 4, -1, 2)]
    public void FirstAppearanceAndStreamingSimulate_WithinFourStandardErrorsOfExact(int dn, int dd, int tn, int td)
    {
        var p = PitmanYorParameters.Create(new Rational(dn, dd), new Rational(tn, td));
        int[] caps = [1, 3, 8];
        CapacitySample first = FirstAppearanceLearner.Simulate(p, 30, caps, TestScale.Replicates(4_000), seed: 43);
        CapacitySample streaming = StreamingLearner.Simulate(p, 30, caps, TestScale.Replicates(4_000), seed: 44, exposures: 2);
        for (int i = 0; i < caps.Length; i++)
        {
            double exactFirst = FirstAppearanceLearner.UncoveredExact(p, 30, caps[i]).ToDouble(), exactStreaming = StreamingLearner.UncoveredExact(p, 30, caps[i], 2).ToDouble();
            Assert.True(first.Uncovered[i].IsConsistentWith(exactFirst), $"first C = {caps[i]}: {first.Uncovered[i]} vs {exactFirst}");
            Assert.True(streaming.Uncovered[i].IsConsistentWith(exactStreaming), $"streaming C = {caps[i]}: {streaming.Uncovered[i]} vs {exactStreaming}");
        }
    }

    [Fact]
    public void MdlThreshold_StoresOnceTheCountPaysForStorage()
    {
        Assert.Equal(3, MdlLearner.Threshold(5, 2));
        Assert.Equal(2, MdlLearner.Threshold(4, 2));
        Assert.Equal(1, MdlLearner.Threshold(0, 7));
        Assert.Equal(1, MdlLearner.Threshold(1, 7));
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public Property MdlExact_StoredPlusSmallBlocks_IsExpectedDistinct(PitmanYorParameters p, PositiveInt draws, PositiveInt exposures)
    {
        int n = Math.Min(draws.Get, 30), r = Math.Min(exposures.Get, 5);
        Rational small = Rational.Sum(Enumerable.Range(1, Math.Min(r - 1, n)).Select(m => ExpectedBlocks.Exact(p, n, m)));
        return (MdlLearner.StoredExact(p, n, r) + small == ExpectedDistinct.Exact(p, n)
                && MdlLearner.UncoveredExact(p, n, r) == Rational.One - AcquiredMass.Exact(p, n, r)).Label($"p = {p}, n = {n}, r = {r}");
    }

    [Fact]
    public void MdlConstant_FirstThresholdIsKT_AndLargeThresholdsApproachTopC()
    {
        Assert.Equal(FirstAppearanceLearner.Constant(Half), MdlLearner.Constant(Half, 1), 1e-13);
        Assert.Equal(3, FirstAppearanceLearner.Constant(Half), 1e-13); // Γ(4)/Γ(3)
        double ratio = MdlLearner.Constant(Half, 10_000) / TopFrequencyLearner.Constant(Half);
        Assert.InRange(ratio, 1, 1.0001);
        Assert.True(MdlLearner.CurveConstant(Half, 2) < MdlLearner.Constant(Half, 2), "Jensen: E[S]^(1/d) < E[S^(1/d)]");
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void MdlSimulate_WithinFourStandardErrorsOfExact()
    {
        foreach (PitmanYorParameters p in new[] { Half, PitmanYorParameters.Create(0, 2) })
        {
            MdlSample sample = MdlLearner.Simulate(p, 150, 3, TestScale.Replicates(4_000), seed: 45);
            double u = MdlLearner.UncoveredExact(p, 150, 3).ToDouble(), c = MdlLearner.StoredExact(p, 150, 3).ToDouble();
            Assert.True(sample.Uncovered.IsConsistentWith(u), $"{p}: U {sample.Uncovered} vs {u}");
            Assert.True(sample.Stored.IsConsistentWith(c), $"{p}: C {sample.Stored} vs {c}");
        }
    }

    [Fact]
    public void MdlAsymptotics_RatiosTendToOne()
    {
        double[] errors = [.. new[] { 100, 1_000, 10_000 }.Select(n => Math.Abs((MdlLearner.StoredExact(Half, n, 2).ToDouble() / MdlLearner.StoredAsymptotic(Half, n, 2)) - 1))];
        Assert.True(errors[1] < errors[0] / 2.5 && errors[2] < errors[1] / 2.5, string.Join(", ", errors)); // rate n^-1/2
        var dirichlet = PitmanYorParameters.Create(0, 2);
        Assert.Equal(1, MdlLearner.StoredExact(dirichlet, 2_000, 2).ToDouble() / MdlLearner.StoredAsymptotic(dirichlet, 2_000, 2), 1e-3);
    }

    [Fact]
    public void Learners_BadInput_ThrowWithParameterName()
    {
        Assert.Equal("draws", Assert.Throws<ArgumentOutOfRangeException>(() => StreamingLearner.UncoveredExact(Half, 41, 1)).ParamName);
        Assert.Equal("stored", Assert.Throws<ArgumentOutOfRangeException>(() => FirstAppearanceLearner.UncoveredExact(Half, 3, -1)).ParamName);
        Assert.Equal("discount", Assert.Throws<ArgumentOutOfRangeException>(() => FirstAppearanceLearner.Constant(PitmanYorParameters.Create(0, 1))).ParamName);
        Assert.Equal("replicates", Assert.Throws<ArgumentOutOfRangeException>(() => TopFrequencyLearner.Simulate(Half, [1], 1, 0)).ParamName);
        Assert.Equal("stored", Assert.Throws<ArgumentException>(() => StreamingLearner.Simulate(Half, 5, [], 10, 0)).ParamName);
        Assert.Equal("missCost", Assert.Throws<ArgumentOutOfRangeException>(() => MdlLearner.Threshold(1, 0)).ParamName);
        Assert.Equal("storageCost", Assert.Throws<ArgumentOutOfRangeException>(() => MdlLearner.Threshold(double.NaN, 1)).ParamName);
        Assert.Equal("fact", Assert.Throws<ArgumentOutOfRangeException>(() => MissCost.Create(0, 0)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentOutOfRangeException>(() => MissCost.Create(-1, 1)).ParamName);
    }

    [Fact]
    public void SimulateSameSeed_IsDeterministic()
    {
        CapacitySample a = StreamingLearner.Simulate(Half, 50, [2], 64, seed: 9), b = StreamingLearner.Simulate(Half, 50, [2], 64, seed: 9);
        Assert.Equal(a.Uncovered[0], b.Uncovered[0]);
        TopFrequencySample x = TopFrequencyLearner.Simulate(Half, [3], 64, seed: 9), y = TopFrequencyLearner.Simulate(Half, [3], 64, seed: 9);
        Assert.Equal(x.TopFrequency[0], y.TopFrequency[0]);
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 30)]
    public Property UncoveredExact_DecreasesInCapacity(PitmanYorParameters p, PositiveInt stored) =>
        Prop.ForAll(Gen.Choose(1, 12).ToArbitrary(), n =>
        {
            int c = Math.Min(stored.Get, 10);
            return (FirstAppearanceLearner.UncoveredExact(p, n, c + 1) <= FirstAppearanceLearner.UncoveredExact(p, n, c)).Label($"p = {p}, n = {n}, C = {c}");
        });
}
