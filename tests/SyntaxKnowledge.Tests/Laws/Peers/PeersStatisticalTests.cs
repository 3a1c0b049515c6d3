using SyntaxKnowledge.Laws.Peers;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Simulation;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Laws.Peers;

/// <summary>Layer 4: the peer theories' generative processes against their closed forms, within 4 standard errors.</summary>
[Trait("Category", "Statistical")]
public sealed class PeersStatisticalTests
{
    private static void Within4(double expected, MonteCarloEstimate estimate, string what) =>
        Assert.True(estimate.IsConsistentWith(expected), $"{what}: expected {expected:G10}, simulated {estimate} (z = {estimate.ZScore(expected):F2})");

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(5, 4)]
    public void ZipfSampler_RankFrequencies_MatchProbabilities(int numerator, int denominator)
    {
        // Covers the tabulated head (ranks <= 4096) and the restricted Devroye tail (s = 5/4 puts ~12% there).
        var zipf = ZipfLaw.Create(new Rational(numerator, denominator));
        int draws = TestScale.Replicates(200_000);
        CounterRandom random = CounterRandom.Create(77, (ulong)numerator);
        ulong counter = 0;
        double[] ranks = new double[draws];
        for (int i = 0; i < draws; i++)
        {
            ranks[i] = zipf.Sample(random, ref counter);
        }

        foreach (double k in new double[] { 1, 2, 10, 100 })
        {
            Within4(zipf.Probability(k), MonteCarlo.Summarize(ranks.Select(r => r == k ? 1.0 : 0.0)), $"P(rank = {k})");
        }

        Within4(zipf.TailMass(4_096), MonteCarlo.Summarize(ranks.Select(r => r > 4_096 ? 1.0 : 0.0)), "P(rank > 4096)");
        Within4(zipf.TailMass(100_000), MonteCarlo.Summarize(ranks.Select(r => r > 100_000 ? 1.0 : 0.0)), "P(rank > 100000)");
    }

    [Fact]
    public void MemorisationError_Simulation_MatchesExactRational()
    {
        FeatureFrequencies features = FeatureFrequencies.TruncatedZipf(20, 2);
        foreach (int n in new[] { 5, 30 })
        {
            Within4(MemorisationError.Exact(features, n).ToDouble(), MemorisationError.Simulate(features, n, TestScale.Replicates(3_000), 11), $"E_{n}");
        }
    }

    [Fact]
    public void MemorisationError_ZipfSimulation_MatchesSeries_NonIntegerExponent()
    {
        // s = 3/2 (alpha = 1/2, d = 2/3): a heavy tail with ranks beyond the tabulated head.
        var zipf = ZipfLaw.Create(new Rational(3, 2));
        Within4(MemorisationError.Approximate(zipf, 300), MemorisationError.Simulate(zipf, 300, TestScale.Replicates(800), 12), "E_300");
    }

    [Fact]
    public void QuantaLearning_LargeDataWithCapacity_LeavesTheTailOfTheMostFrequent()
    {
        // With D large every quantum is learnable; capacity 5 keeps the 5 most frequent: the tail mass beyond rank 5.
        FeatureFrequencies quanta = FeatureFrequencies.TruncatedZipf(12, 1);
        QuantaSample sample = QuantaLearning.Simulate(quanta, 20_000, 2, 5, TestScale.Replicates(40), 13);
        Assert.Equal(QuantaLearning.CapacityLimitedExact(quanta, 5).ToDouble(), sample.UnlearnedMass.Mean, 12);
    }

    [Fact]
    public void QuantaLearning_Simulation_MatchesExactUnlearnedMassAndOrder()
    {
        FeatureFrequencies quanta = FeatureFrequencies.TruncatedZipf(15, 2);
        QuantaSample sample = QuantaLearning.Simulate(quanta, 40, 3, null, TestScale.Replicates(3_000), 14);
        Within4(QuantaLearning.UnlearnedMassExact(quanta, 40, 3).ToDouble(), sample.UnlearnedMass, "unlearned mass");
        for (int k = 0; k < quanta.Count; k += 4)
        {
            Within4(QuantaLearning.LearnedProbabilityExact(quanta, k, 40, 3).ToDouble(), sample.Learned[k], $"P(quantum {k + 1} learned)");
        }
    }

    [Fact]
    public void SantaFe_Simulation_MatchesHeapsHilbergAndExcess_NonIntegerExponent()
    {
        // beta = 2/3: narration ~ Zipf(3/2).
        var narration = ZipfLaw.Create(new Rational(3, 2));
        SantaFeSample sample = SantaFeProcess.Simulate(narration, 300, TestScale.Replicates(800), 15);
        Within4(SantaFeProcess.ExpectedDistinct(narration, 300), sample.Distinct, "E[V_300]");
        Within4(SantaFeProcess.MutualInformationBits(narration, 300), sample.MutualInformationBits, "I_300 (bits)");
        Within4(SantaFeProcess.ExcessBits(narration, 300), sample.NewPairBits, "excess bits of token 301");
    }

    [Fact]
    public void Simulations_AreDeterministic_ForAGivenSeed()
    {
        var narration = ZipfLaw.Create(2);
        Assert.Equal(SantaFeProcess.Simulate(narration, 50, 20, 5), SantaFeProcess.Simulate(narration, 50, 20, 5));
        FeatureFrequencies f = FeatureFrequencies.TruncatedZipf(5, 1);
        Assert.Equal(MemorisationError.Simulate(f, 7, 30, 9), MemorisationError.Simulate(f, 7, 30, 9));
    }
}
