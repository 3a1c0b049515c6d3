using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Gpu.Tests;

/// <summary>What is specific to the ILGPU backend: thread counts, memory chunking, disposal, factory validation.</summary>
public sealed class IlgpuBackendTests
{
    private static readonly PitmanYorParameters P = PitmanYorParameters.Create(new Rational(1, 2), 1);

    [Fact]
    public void Results_DoNotDependOnThreadCountOrMemoryBudget()
    {
        // 2 vs 5 CPU threads, and a 1 MiB budget that forces seating into many small launches.
        using IlgpuBackend two = IlgpuBackend.CreateCpu(threads: 2);
        using IlgpuBackend five = IlgpuBackend.CreateCpu(threads: 5, memoryBudget: 1 << 20);
        int[] managed = [.. ManagedBackend.Instance.SimulateDistinct(P, 2_000, 97, 31).Distinct];
        Assert.Equal(managed, two.SimulateDistinct(P, 2_000, 97, 31).Distinct.ToArray());
        Assert.Equal(managed, five.SimulateDistinct(P, 2_000, 97, 31).Distinct.ToArray());

        // n = 100,000 needs 400 kB of workspace per thread: the 1 MiB budget allows one thread and small chunks.
        string[] expected = [.. ManagedBackend.Instance.SimulateSeating(P, 100_000, 6, 32).Partitions.Select(ConformanceChecks.Describe)];
        Assert.Equal(expected, five.SimulateSeating(P, 100_000, 6, 32).Partitions.Select(ConformanceChecks.Describe).ToArray());
        Assert.Equal(expected, two.SimulateSeating(P, 100_000, 6, 32).Partitions.Select(ConformanceChecks.Describe).ToArray());
    }

    [Fact]
    public void Shard_SplitIntoSeveralLaunches_EqualsTheManagedSlice()
    {
        // A 1 MiB budget splits both jobs into several launches, each offset by the shard's first replicate.
        using IlgpuBackend small = IlgpuBackend.CreateCpu(threads: 2, memoryBudget: 1 << 20);
        int[] managed = [.. ManagedBackend.Instance.SimulateDistinct(P, 300_000, 300, 17, 1_000).Distinct];
        Assert.Equal(managed, small.SimulateDistinct(P, 300_000, 300, 17, 1_000).Distinct.ToArray());
        string[] seating = [.. ManagedBackend.Instance.SimulateSeating(P, 20_000, 700, 17, 333).Partitions.Select(ConformanceChecks.Describe)];
        Assert.Equal(seating, small.SimulateSeating(P, 20_000, 700, 17, 333).Partitions.Select(ConformanceChecks.Describe).ToArray());
    }

    [Fact]
    public void Seating_LargerThanMemoryBudget_ThrowsClearOutOfRange()
    {
        using IlgpuBackend small = IlgpuBackend.CreateCpu(threads: 2, memoryBudget: 1 << 20);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => small.SimulateSeating(P, 1_000_000, 1, 1));
        Assert.Equal("draws", e.ParamName);
        Assert.Contains("valid range: draws <=", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DisposedBackend_ThrowsInvalidOperation()
    {
        IlgpuBackend backend = IlgpuBackend.CreateCpu(threads: 2);
        backend.Dispose();
        backend.Dispose(); // idempotent
        Assert.ThrowsAny<InvalidOperationException>(() => backend.SimulateDistinct(P, 10, 10, 1));
        Assert.ThrowsAny<InvalidOperationException>(() => backend.SimulateSeating(P, 10, 10, 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(1025)]
    public void CreateCpu_InvalidThreads_ThrowsOutOfRange(int threads) =>
        Assert.Equal("threads", Assert.Throws<ArgumentOutOfRangeException>(() => IlgpuBackend.CreateCpu(threads)).ParamName);

    [Fact]
    public void Factories_InvalidMemoryBudget_ThrowOutOfRange()
    {
        Assert.Equal("memoryBudget", Assert.Throws<ArgumentOutOfRangeException>(() => IlgpuBackend.CreateCpu(2, 1000)).ParamName);
        Assert.Equal("memoryBudget", Assert.Throws<ArgumentOutOfRangeException>(() => IlgpuBackend.TryCreateGpu(out _, -5)).ParamName);
    }

    [Fact]
    public void TryCreateGpu_WithoutDevice_ReturnsFalseWithoutThrowing()
    {
        bool found = IlgpuBackend.TryCreateGpu(out IlgpuBackend? gpu);
        using (gpu)
        {
            Assert.Equal(found, gpu is not null);
            if (gpu is not null)
            {
                Assert.Equal("gpu", gpu.Name);
                Assert.True(gpu.IsGpu);
            }
        }
    }
}
