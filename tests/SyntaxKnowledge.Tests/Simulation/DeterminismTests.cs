using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Tests.Simulation;

public sealed class DeterminismTests
{
    private static readonly PitmanYorParameters P = PitmanYorParameters.Create(new Rational(1, 2), 1);

    [Fact]
    public void SameSeed_SameResults_OnOneOrManyThreads()
    {
        var one = new ManagedBackend(1);
        var many = new ManagedBackend(4);
        Assert.Equal(one.SimulateDistinct(P, 500, 300, 7).Distinct.ToArray(), many.SimulateDistinct(P, 500, 300, 7).Distinct.ToArray());
        Assert.Equal(
            one.SimulateSeating(P, 300, 50, 7).Partitions.Select(h => string.Join(",", h.Sizes.Zip(h.Multiplicities))),
            many.SimulateSeating(P, 300, 50, 7).Partitions.Select(h => string.Join(",", h.Sizes.Zip(h.Multiplicities))));
        Assert.Equal(one.SimulateUncoveredMass(P, 20, 100, 7).Uncovered.ToArray(), many.SimulateUncoveredMass(P, 20, 100, 7).Uncovered.ToArray());
    }

    [Fact]
    public void ReplicateResults_DoNotDependOnReplicateCount()
    {
        // Replicate r uses stream r: the first 10 replicates are the same whether 10 or 1,000 are run.
        var small = ManagedBackend.Instance.SimulateDistinct(P, 400, 10, 99).Distinct;
        var large = ManagedBackend.Instance.SimulateDistinct(P, 400, 1_000, 99).Distinct;
        Assert.Equal(small.ToArray(), large.Take(10).ToArray());
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentResults() =>
        Assert.NotEqual(ManagedBackend.Instance.SimulateDistinct(P, 400, 50, 1).Distinct.ToArray(), ManagedBackend.Instance.SimulateDistinct(P, 400, 50, 2).Distinct.ToArray());

    [Fact]
    public void SeatingAndChain_ShareTheSameNewTableDecisions()
    {
        // Both samplers decide "new element" with the same uniform and the same comparison, so K_n agrees per replicate.
        var chain = ManagedBackend.Instance.SimulateDistinct(P, 1_000, 64, 5).Distinct;
        var seating = ManagedBackend.Instance.SimulateSeating(P, 1_000, 64, 5).Partitions.Select(h => h.Distinct);
        Assert.Equal(chain.ToArray(), seating.ToArray());
    }

    [Fact]
    public void CounterRandom_IsPureAndUniform()
    {
        CounterRandom a = CounterRandom.Create(1, 2), b = CounterRandom.Create(1, 2);
        Assert.Equal(a.Bits(12345), b.Bits(12345));
        Assert.NotEqual(a.Bits(0), CounterRandom.Create(1, 3).Bits(0));
        double mean = Enumerable.Range(0, 200_000).Average(i => a.Uniform((ulong)i));
        Assert.InRange(mean, 0.5 - (4 * Math.Sqrt(1.0 / 12 / 200_000)), 0.5 + (4 * Math.Sqrt(1.0 / 12 / 200_000)));
        Assert.All(Enumerable.Range(0, 1000), i => Assert.InRange(a.UniformPositive((ulong)i), double.Epsilon, 1.0));
    }

    [Fact]
    public void Cancellation_StopsSimulation()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ManagedBackend.Instance.SimulateDistinct(P, 1_000, 1_000, 1, cancellationToken: cts.Token));
    }

    [Fact]
    public void Progress_ReachesOne()
    {
        var reports = new System.Collections.Concurrent.ConcurrentBag<double>();
        ManagedBackend.Instance.SimulateDistinct(P, 100, 1_000, 1, progress: new SynchronousProgress(reports.Add));
        Assert.Contains(1.0, reports);
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
