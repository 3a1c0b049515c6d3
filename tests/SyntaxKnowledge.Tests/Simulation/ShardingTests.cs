using System.Numerics;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Tests.Simulation;

/// <summary>Sharded runs (firstReplicate) reproduce the slice of the unsharded run; integer moments merge exactly.</summary>
public sealed class ShardingTests
{
    private static readonly PitmanYorParameters P = PitmanYorParameters.Create(new Rational(1, 3), new Rational(3, 2));

    private static readonly (int First, int Count)[] Shards = [(0, 13), (13, 1), (14, 36), (50, 27)];

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Shards_EqualTheSliceOfTheUnshardedRun_ForEveryOperation(int threads)
    {
        var backend = new ManagedBackend(threads);
        int[] distinct = [.. backend.SimulateDistinct(P, 400, 77, 11).Distinct];
        string[] seating = [.. backend.SimulateSeating(P, 300, 77, 11).Partitions.Select(Profile)];
        double[] uncovered = [.. backend.SimulateUncoveredMass(P, 9, 77, 11).Uncovered];
        RankedUncoveredMassSample ranked = backend.SimulateRankedUncoveredMass(P, 3, 12, 77, 11);
        foreach ((int first, int count) in Shards)
        {
            DistinctSample d = backend.SimulateDistinct(P, 400, count, 11, first);
            Assert.Equal(first, d.FirstReplicate);
            Assert.Equal(distinct[first..(first + count)], d.Distinct.ToArray());
            Assert.Equal(seating[first..(first + count)], backend.SimulateSeating(P, 300, count, 11, first).Partitions.Select(Profile));
            Assert.Equal(uncovered[first..(first + count)], backend.SimulateUncoveredMass(P, 9, count, 11, first).Uncovered.ToArray());
            RankedUncoveredMassSample r = backend.SimulateRankedUncoveredMass(P, 3, 12, count, 11, first);
            Assert.Equal(ranked.Uncovered.ToArray()[first..(first + count)], r.Uncovered.ToArray());
            Assert.Equal(ranked.Residual.ToArray()[first..(first + count)], r.Residual.ToArray());
        }
    }

    [Fact]
    public void FirstReplicate_OutOfRange_ThrowsWithParameterName()
    {
        Assert.Equal("firstReplicate", Assert.Throws<ArgumentOutOfRangeException>(() => ManagedBackend.Instance.SimulateDistinct(P, 10, 10, 1, -1)).ParamName);
        Assert.Equal("firstReplicate", Assert.Throws<ArgumentOutOfRangeException>(() => ManagedBackend.Instance.SimulateSeating(P, 10, 10, 1, long.MaxValue - 5)).ParamName);
        Assert.Equal("firstReplicate", Assert.Throws<ArgumentOutOfRangeException>(() => ManagedBackend.Instance.SimulateUncoveredMass(P, 1, 10, 1, -3)).ParamName);
        Assert.Equal("firstReplicate", Assert.Throws<ArgumentOutOfRangeException>(() => ManagedBackend.Instance.SimulateRankedUncoveredMass(P, 1, 2, 10, 1, -3)).ParamName);
    }

    [Fact]
    public void LargeFirstReplicate_UsesThe64BitStream()
    {
        const long first = (1L << 40) + 5;
        int expected = Samplers.Distinct(P.DiscountValue, P.ConcentrationValue, 200, CounterRandom.Create(3, (ulong)first + 1));
        Assert.Equal(expected, ManagedBackend.Instance.SimulateDistinct(P, 200, 2, 3, first).Distinct[1]);
    }

    [Fact]
    public void Moments_MergedAcrossShards_EqualTheWholeAndGiveTheSameEstimateBitForBit()
    {
        DistinctSample whole = ManagedBackend.Instance.SimulateDistinct(P, 1_000, 77, 4);
        IntegerMoments merged = Shards.Aggregate(IntegerMoments.Empty, (acc, s) => acc.Merge(ManagedBackend.Instance.SimulateDistinct(P, 1_000, s.Count, 4, s.First).Moments));
        Assert.Equal(whole.Moments, merged);
        MonteCarloEstimate exact = MonteCarlo.Summarize(merged);
        Assert.Equal(MonteCarlo.Summarize(whole.Moments), exact);
        Assert.Equal(whole.Summary.Mean, exact.Mean, 12);
        Assert.Equal(whole.Summary.StandardError, exact.StandardError, 12);
        Assert.Equal(whole.Summary.StandardDeviation, exact.StandardDeviation, 12);
    }

    [Fact]
    public void Moments_SmallExample_IsExact()
    {
        IntegerMoments m = IntegerMoments.Of([1, 2, 3, 6]);
        Assert.Equal(4, m.Count);
        Assert.Equal(new BigInteger(12), m.Sum);
        Assert.Equal(new BigInteger(50), m.SumOfSquares);
        Assert.Equal(new Rational(3), m.Mean());
        Assert.Equal(new Rational(14, 3), m.Variance());
        MonteCarloEstimate e = MonteCarlo.Summarize(m);
        Assert.Equal(3.0, e.Mean);
        Assert.Equal(Math.Sqrt(14.0 / 3), e.StandardDeviation);
        Assert.Equal(Math.Sqrt(14.0 / 12), e.StandardError);
        Assert.Equal(Rational.Zero, IntegerMoments.Of([5]).Variance());
        Assert.Equal(IntegerMoments.Empty, IntegerMoments.Of(Array.Empty<int>()));
    }

    [Fact]
    public void Moments_Create_RejectsInconsistentSums()
    {
        Assert.Equal(m(3, 6, 14), IntegerMoments.Of([1, 2, 3]));
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => m(-1, 0, 0)).ParamName);
        Assert.Equal("sumOfSquares", Assert.Throws<ArgumentOutOfRangeException>(() => m(2, 10, 3)).ParamName);
        Assert.Equal("sumOfSquares", Assert.Throws<ArgumentOutOfRangeException>(() => m(0, 1, 0)).ParamName);
        Assert.Throws<InvalidOperationException>(() => IntegerMoments.Empty.Mean());
        Assert.Equal("moments", Assert.Throws<ArgumentOutOfRangeException>(() => MonteCarlo.Summarize(IntegerMoments.Empty)).ParamName);

        static IntegerMoments m(long count, int sum, int squares) => IntegerMoments.Create(count, sum, squares);
    }

    private static string Profile(BlockHistogram h) => string.Join(",", h.Sizes.Zip(h.Multiplicities));
}
