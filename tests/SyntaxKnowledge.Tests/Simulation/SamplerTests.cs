using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Simulation;

/// <summary>The optimised samplers against the plain reference loops they replace, bit for bit.</summary>
public sealed class SamplerTests
{
    public static TheoryData<double, double> Parameters => new()
    {
        { 0.5, 1 },
        { 0, 2 },
        { 0.75, -0.5 },
        { 0.7, 5 },
        { 1.0 / 3, 1.0 / 7 },
    };

    [Theory]
    [MemberData(nameof(Parameters))]
    public void Distinct_MatchesReferenceLoop_BitForBit(double d, double theta)
    {
        foreach (int n in new[] { 1, 2, 3, 17, 1_000, 20_000 })
        {
            for (ulong r = 0; r < 20; r++)
            {
                CounterRandom random = CounterRandom.Create(77, r);
                Assert.Equal(ReferenceSamplers.Distinct(d, theta, n, random), Samplers.Distinct(d, theta, n, random));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void Seating_AllVariants_MatchReferenceLoop_BitForBit(double d, double theta)
    {
        foreach (int n in new[] { 1, 2, 5, 300, 5_000 })
        {
            for (ulong r = 0; r < 10; r++)
            {
                CounterRandom random = CounterRandom.Create(78, r);
                int[] expected = ReferenceSamplers.Seating(d, theta, n, random);

                var counts = new int[n];
                var repeats = new int[n];
                int k = Samplers.Seating(d, theta, n, random, counts, repeats);
                Assert.Equal(expected, counts[..k]);

                var workspace = new int[n];
                k = PrefetchingSeating.Run(d, theta, n, random, workspace);
                Assert.Equal(expected, workspace[(n - k)..]);
            }
        }
    }

    [Fact]
    public void Seating_PrefetchingLoop_MatchesReferenceAboveItsThreshold()
    {
        int n = PrefetchingSeating.MinimumDraws + 12_345;
        foreach ((double d, double theta) in new[] { (0.5, 1.0), (0.9, 0.5), (0.0, 3.0) })
        {
            CounterRandom random = CounterRandom.Create(79, 3);
            int[] expected = ReferenceSamplers.Seating(d, theta, n, random);
            var workspace = new int[n];
            int k = PrefetchingSeating.Run(d, theta, n, random, workspace);
            Assert.Equal(expected, workspace[(n - k)..]);
        }
    }

    [Fact]
    public void Seating_SpanOverload_RejectsShortWorkspace()
    {
        var e = Assert.Throws<ArgumentException>(() => Samplers.Seating(0.5, 1, 10, default, new int[10], new int[9]));
        Assert.Equal("repeats", e.ParamName);
    }

    [Fact]
    public void Profile_SortsAndCounts_LikeFromBlockSizes()
    {
        int[] sizes = [5, 1, 1, 3, 5, 1, 9, 2, 3, 1];
        int[] values = [.. new int[3], .. sizes];
        var output = new int[2 * Samplers.MaximumDistinctSizes(sizes.Sum())];
        int half = output.Length / 2;
        int distinct = Samplers.Profile(new ArrayWorkspace<int>(values), 3, sizes.Length, new ArrayWorkspace<int>(output), 0, half);
        BlockHistogram expected = BlockHistogram.FromBlockSizes(sizes);
        BlockHistogram actual = BlockHistogram.FromProfile(output.AsSpan(0, distinct), output.AsSpan(half, distinct));
        Assert.Equal(expected.Sizes.ToArray(), actual.Sizes.ToArray());
        Assert.Equal(expected.Multiplicities.ToArray(), actual.Multiplicities.ToArray());
        Assert.Equal([1, 1, 1, 1, 2, 3, 3, 5, 5, 9], values[3..]);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(5, 2)]
    [InlineData(6, 3)]
    [InlineData(100_000_000, 14_141)]
    [InlineData(int.MaxValue, 65_535)]
    public void MaximumDistinctSizes_IsLargestTriangularRoot(int n, int expected) =>
        Assert.Equal(expected, Samplers.MaximumDistinctSizes(n));

    [Fact]
    public void FromProfile_RejectsInvalidProfiles()
    {
        Assert.Throws<ArgumentException>(() => BlockHistogram.FromProfile([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => BlockHistogram.FromProfile([2, 2], [1, 1]));
        Assert.Equal("sizes", Assert.Throws<ArgumentOutOfRangeException>(() => BlockHistogram.FromProfile([0], [1])).ParamName);
        Assert.Equal("multiplicities", Assert.Throws<ArgumentOutOfRangeException>(() => BlockHistogram.FromProfile([1], [0])).ParamName);
        BlockHistogram h = BlockHistogram.FromProfile([1, 4], [3, 2]);
        Assert.Equal(11, h.Draws);
        Assert.Equal(5, h.Distinct);
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void RankedUncoveredMass_NeverExceedsFirstAppearanceMass_AndAllSticksStoredGivesResidual(double d, double theta)
    {
        for (ulong r = 0; r < 50; r++)
        {
            CounterRandom random = CounterRandom.Create(80, r);
            const int stored = 4, sticks = 40;
            double ranked = Samplers.RankedUncoveredMass(d, theta, stored, sticks, random, new ArrayWorkspace<double>(new double[stored]), out double residual);
            double first = Samplers.UncoveredMass(d, theta, stored, random);
            Assert.InRange(ranked, residual, first * (1 + 1e-12));

            double all = Samplers.RankedUncoveredMass(d, theta, sticks, sticks, random, new ArrayWorkspace<double>(new double[sticks]), out double allResidual);
            Assert.Equal(allResidual, all);
            Assert.Equal(Samplers.UncoveredMass(d, theta, sticks, random), all, 1e-12);

            Assert.Equal(1.0, Samplers.RankedUncoveredMass(d, theta, 0, sticks, random, new ArrayWorkspace<double>(new double[1]), out _));
        }
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void RankedUncoveredMass_LargestDirichletWeight_MatchesGolombDickman()
    {
        // PD(0, 1): E[largest weight] is the Golomb-Dickman constant; the truncation bias is at most T(M).
        const double golombDickman = 0.62432998854355087;
        var p = PitmanYorParameters.Create(0, 1);
        const int sticks = 60;
        RankedUncoveredMassSample sample = ManagedBackend.Instance.SimulateRankedUncoveredMass(p, 1, sticks, TestScale.Replicates(20_000), 81);
        double bias = sample.TruncationBias.ToDouble();
        Assert.True(bias < 1e-17, $"T({sticks}) = {bias}");
        Assert.True(sample.Summary.IsConsistentWith(1 - golombDickman), $"simulated {sample.Summary}, exact {1 - golombDickman}");
        Assert.Equal(UncoveredMass.Exact(p, sticks), sample.TruncationBias);
        Assert.True(sample.LowerSummary.Mean <= sample.Summary.Mean);
    }

    [Fact]
    public void RankedUncoveredMass_RejectsFewerSticksThanStored()
    {
        var p = PitmanYorParameters.Create(new Rational(1, 2), 1);
        Assert.Equal("sticks", Assert.Throws<ArgumentOutOfRangeException>(() => ManagedBackend.Instance.SimulateRankedUncoveredMass(p, 5, 4, 10, 1)).ParamName);
        Assert.Equal("sticks", Assert.Throws<ArgumentOutOfRangeException>(() => ManagedBackend.Instance.SimulateRankedUncoveredMass(p, 0, 0, 10, 1)).ParamName);
        Assert.Equal("stored", Assert.Throws<ArgumentOutOfRangeException>(() => ManagedBackend.Instance.SimulateRankedUncoveredMass(p, -1, 4, 10, 1)).ParamName);
    }
}
