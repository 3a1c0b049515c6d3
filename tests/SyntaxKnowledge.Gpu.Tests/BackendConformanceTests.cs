using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Gpu.Tests;

/// <summary>
/// One conformance suite for every CPU backend (docs/decisions/0003-counter-based-random-numbers.md: same seed, same result on every backend): identical integer statistics to the managed
/// backend for the same seed, exact expectations within 4 standard errors, and the shared contract
/// (validation, cancellation, progress, replicate independence).
/// </summary>
public abstract class BackendConformanceTests(ISimulationBackend backend)
{
    private static readonly PitmanYorParameters P = PitmanYorParameters.Create(new Rational(1, 2), 1);

    protected ISimulationBackend Backend { get; } = backend;

    [Fact]
    public void AllStatistics_SameSeed_BitIdenticalToManaged() =>
        Assert.Empty(ConformanceChecks.CompareWithManaged(Backend));

    [Fact]
    [Trait("Category", "Statistical")]
    public void MonteCarloEstimates_MatchExactExpectations() =>
        ConformanceChecks.MatchExactExpectations(Backend);

    [Fact]
    public void Replicates_DoNotDependOnReplicateCount()
    {
        int[] small = [.. Backend.SimulateDistinct(P, 500, 7, 99).Distinct];
        int[] large = [.. Backend.SimulateDistinct(P, 500, 700, 99).Distinct];
        Assert.Equal(small, large[..7]);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(5, 1)]
    [InlineData(6, 181)]
    [InlineData(187, 13)]
    public void Shard_EqualsTheSliceOfTheUnshardedRun_OnThisBackendAndManaged(int first, int count)
    {
        int[] whole = [.. Backend.SimulateDistinct(P, 300, 200, 21).Distinct];
        DistinctSample shard = Backend.SimulateDistinct(P, 300, count, 21, first);
        Assert.Equal(first, shard.FirstReplicate);
        Assert.Equal(whole[first..(first + count)], shard.Distinct.ToArray());
        Assert.Equal(ManagedBackend.Instance.SimulateDistinct(P, 300, count, 21, first).Distinct.ToArray(), shard.Distinct.ToArray());

        string[] seating = [.. Backend.SimulateSeating(P, 120, 200, 21).Partitions.Select(ConformanceChecks.Describe)];
        string[] seatingShard = [.. Backend.SimulateSeating(P, 120, count, 21, first).Partitions.Select(ConformanceChecks.Describe)];
        Assert.Equal(seating[first..(first + count)], seatingShard);
        Assert.Equal(ManagedBackend.Instance.SimulateSeating(P, 120, count, 21, first).Partitions.Select(ConformanceChecks.Describe), seatingShard);

        double[] uncovered = [.. Backend.SimulateUncoveredMass(P, 7, 200, 21).Uncovered];
        Assert.Equal(uncovered[first..(first + count)], Backend.SimulateUncoveredMass(P, 7, count, 21, first).Uncovered.ToArray());
        RankedUncoveredMassSample ranked = Backend.SimulateRankedUncoveredMass(P, 2, 9, 200, 21), rankedShard = Backend.SimulateRankedUncoveredMass(P, 2, 9, count, 21, first);
        Assert.Equal(ranked.Uncovered.ToArray()[first..(first + count)], rankedShard.Uncovered.ToArray());
        Assert.Equal(ranked.Residual.ToArray()[first..(first + count)], rankedShard.Residual.ToArray());
    }

    [Fact]
    public void Shards_MergedMoments_EqualTheUnshardedMoments()
    {
        DistinctSample whole = Backend.SimulateDistinct(P, 500, 90, 3);
        IntegerMoments merged = Backend.SimulateDistinct(P, 500, 30, 3).Moments
            .Merge(Backend.SimulateDistinct(P, 500, 59, 3, 30).Moments)
            .Merge(Backend.SimulateDistinct(P, 500, 1, 3, 89).Moments);
        Assert.Equal(whole.Moments, merged);
        Assert.Equal(MonteCarlo.Summarize(whole.Moments), MonteCarlo.Summarize(merged));
    }

    [Fact]
    public void ChainAndSeating_AgreeOnDistinctCount()
    {
        int[] chain = [.. Backend.SimulateDistinct(P, 1_000, 40, 5).Distinct];
        int[] seating = [.. Backend.SimulateSeating(P, 1_000, 40, 5).Partitions.Select(h => h.Distinct)];
        Assert.Equal(chain, seating);
    }

    [Fact]
    public void Samples_CarryBackendNameAndArguments()
    {
        SeatingSample sample = Backend.SimulateSeating(P, 50, 3, 8);
        Assert.Equal(Backend.Name, sample.Backend);
        Assert.Equal(50, sample.Draws);
        Assert.Equal(8UL, sample.Seed);
        Assert.All(sample.Partitions, h => Assert.Equal(50, h.Draws));
        Assert.Equal(Backend.Name, Backend.SimulateRankedUncoveredMass(P, 2, 5, 3, 8).Backend);
    }

    [Fact]
    public void InvalidArguments_ThrowWithParameterName()
    {
        Assert.Throws<ArgumentNullException>(() => Backend.SimulateDistinct(null!, 10, 10, 1));
        Assert.Equal("draws", Assert.Throws<ArgumentOutOfRangeException>(() => Backend.SimulateDistinct(P, 0, 10, 1)).ParamName);
        Assert.Equal("replicates", Assert.Throws<ArgumentOutOfRangeException>(() => Backend.SimulateSeating(P, 10, 0, 1)).ParamName);
        Assert.Equal("stored", Assert.Throws<ArgumentOutOfRangeException>(() => Backend.SimulateUncoveredMass(P, -1, 10, 1)).ParamName);
        Assert.Equal("sticks", Assert.Throws<ArgumentOutOfRangeException>(() => Backend.SimulateRankedUncoveredMass(P, 4, 3, 10, 1)).ParamName);
        Assert.Equal("firstReplicate", Assert.Throws<ArgumentOutOfRangeException>(() => Backend.SimulateDistinct(P, 10, 10, 1, -1)).ParamName);
        Assert.Equal("firstReplicate", Assert.Throws<ArgumentOutOfRangeException>(() => Backend.SimulateSeating(P, 10, 10, 1, long.MaxValue)).ParamName);
        Assert.Equal("firstReplicate", Assert.Throws<ArgumentOutOfRangeException>(() => Backend.SimulateUncoveredMass(P, 1, 10, 1, -1)).ParamName);
        Assert.Equal("firstReplicate", Assert.Throws<ArgumentOutOfRangeException>(() => Backend.SimulateRankedUncoveredMass(P, 1, 2, 10, 1, -1)).ParamName);
    }

    [Fact]
    public void CancelledToken_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Backend.SimulateDistinct(P, 1_000, 1_000, 1, cancellationToken: cancellation.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => Backend.SimulateSeating(P, 1_000, 1_000, 1, cancellationToken: cancellation.Token));
    }

    [Fact]
    public void Progress_IsMonotoneAndReachesOne()
    {
        var reports = new List<double>();
        var progress = new SynchronousProgress(value =>
        {
            lock (reports)
            {
                reports.Add(value);
            }
        });
        Backend.SimulateSeating(P, 200, 2_000, 1, progress: progress);
        Assert.Contains(1.0, reports);
        Assert.All(reports, v => Assert.InRange(v, 0.0, 1.0));
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}

public sealed class ManagedBackendConformance() : BackendConformanceTests(new ManagedBackend(threads: 1));

public sealed class ManagedAllCoresBackendConformance() : BackendConformanceTests(ManagedBackend.Instance);

/// <summary>One CPU-accelerator backend for the whole class (context creation and kernel compilation take about a second).</summary>
public sealed class IlgpuCpuFixture : IDisposable
{
    public IlgpuBackend Backend { get; } = IlgpuBackend.CreateCpu();

    public void Dispose() => Backend.Dispose();
}

public sealed class IlgpuCpuBackendConformance(IlgpuCpuFixture fixture) : BackendConformanceTests(fixture.Backend), IClassFixture<IlgpuCpuFixture>
{
    [Fact]
    public void Name_IsIlgpuCpu()
    {
        Assert.Equal("ilgpu-cpu", Backend.Name);
        Assert.False(fixture.Backend.IsGpu);
        Assert.False(string.IsNullOrEmpty(fixture.Backend.DeviceName));
    }
}
