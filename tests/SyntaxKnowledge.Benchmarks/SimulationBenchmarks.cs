using BenchmarkDotNet.Attributes;
using SyntaxKnowledge.Cli.Bench;
using SyntaxKnowledge.Gpu;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Benchmarks;

/// <summary>Backends by command-line name; "gpu" only where a CUDA or OpenCL device exists.</summary>
internal static class BackendCatalog
{
    public static IEnumerable<string> Names()
    {
        yield return "managed";
        yield return "ilgpu-cpu";
        if (IlgpuBackend.TryCreateGpu(out IlgpuBackend? gpu))
        {
            gpu.Dispose();
            yield return "gpu";
        }
    }

    public static ISimulationBackend Create(string name) => name switch
    {
        "ilgpu-cpu" => IlgpuBackend.CreateCpu(),
        "gpu" => IlgpuBackend.TryCreateGpu(out IlgpuBackend? gpu) ? gpu : throw new InvalidOperationException("No GPU."),
        _ => ManagedBackend.Instance,
    };
}

/// <summary>Raw generator rate: CounterRandom words (and System.Random words as the reference) on one thread.</summary>
public class GeneratorBenchmarks
{
    private const int Words = 1 << 24;

    [Benchmark(OperationsPerInvoke = Words)]
    public ulong Generator() => ReferenceSimulators.CounterBits(Words);

    [Benchmark(Baseline = true, OperationsPerInvoke = Words)]
    public long SystemRandom() => ReferenceSimulators.SystemRandomBits(Words);
}

/// <summary>Kₙ-chain steps per second over 10⁴ replicates per backend; baseline: System.Random chain on one thread.</summary>
public class ChainBenchmarks : IDisposable
{
    private const int Draws = 10_000;
    private const int Replicates = 10_000;
    private const int ReferenceReplicates = 500;
    private static readonly PitmanYorParameters P = PitmanYorParameters.Create(new Rational(1, 2), 1);
    private ISimulationBackend _backend = ManagedBackend.Instance;

    [ParamsSource(nameof(BackendNames))]
    public string Backend { get; set; } = "managed";

    public static IEnumerable<string> BackendNames => BackendCatalog.Names();

    [GlobalSetup]
    public void Setup()
    {
        _backend = BackendCatalog.Create(Backend);
        _backend.SimulateDistinct(P, 100, 10, 1); // compile kernels outside the measurement
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    [Benchmark(OperationsPerInvoke = Draws * Replicates)]
    public DistinctSample Chain() => _backend.SimulateDistinct(P, Draws, Replicates, 1);

    [Benchmark(Baseline = true, OperationsPerInvoke = Draws * ReferenceReplicates)]
    public int Reference()
    {
        int total = 0;
        for (int r = 0; r < ReferenceReplicates; r++)
        {
            total += ReferenceSimulators.Distinct(0.5, 1, Draws, r);
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = 1 << 24)]
    public ulong Generator() => ReferenceSimulators.CounterBits(1 << 24);

    public void Dispose()
    {
        (_backend as IDisposable)?.Dispose();
        _backend = ManagedBackend.Instance;
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// Full-seating draws per second at n = 10³ and 10⁶ per backend; each size is a category whose baseline is
/// System.Random with a linear scan over the tables, on one thread (O(K) per draw).
/// </summary>
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SeatingBenchmarks : IDisposable
{
    private const int SmallDraws = 1_000, SmallReplicates = 20_000, SmallReferenceReplicates = 2_000;
    private const int MediumDraws = 1_000_000, MediumReplicates = 8;
    private static readonly PitmanYorParameters P = PitmanYorParameters.Create(new Rational(1, 2), 1);
    private ISimulationBackend _backend = ManagedBackend.Instance;

    [ParamsSource(nameof(BackendNames))]
    public string Backend { get; set; } = "managed";

    public static IEnumerable<string> BackendNames => BackendCatalog.Names();

    [GlobalSetup]
    public void Setup()
    {
        _backend = BackendCatalog.Create(Backend);
        _backend.SimulateSeating(P, 100, 10, 1);
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    [Benchmark(OperationsPerInvoke = SmallDraws * SmallReplicates)]
    [BenchmarkCategory("n=1e3")]
    public SeatingSample Seating1E3() => _backend.SimulateSeating(P, SmallDraws, SmallReplicates, 1);

    [Benchmark(Baseline = true, OperationsPerInvoke = SmallDraws * SmallReferenceReplicates)]
    [BenchmarkCategory("n=1e3")]
    public int Reference1E3()
    {
        int total = 0;
        for (int r = 0; r < SmallReferenceReplicates; r++)
        {
            total += ReferenceSimulators.Seating(0.5, 1, SmallDraws, r);
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = MediumDraws * MediumReplicates)]
    [BenchmarkCategory("n=1e6")]
    public SeatingSample Seating1E6() => _backend.SimulateSeating(P, MediumDraws, MediumReplicates, 1);

    [Benchmark(Baseline = true, OperationsPerInvoke = MediumDraws)]
    [BenchmarkCategory("n=1e6")]
    public int Reference1E6() => ReferenceSimulators.Seating(0.5, 1, MediumDraws, 1);

    [Benchmark(OperationsPerInvoke = 1 << 24)]
    public ulong Generator() => ReferenceSimulators.CounterBits(1 << 24);

    public void Dispose()
    {
        (_backend as IDisposable)?.Dispose();
        _backend = ManagedBackend.Instance;
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// Full seating at n = 10⁸ (memory-latency bound: 400 MB of workspace per thread), run on request only
/// (SKM_BENCH_LARGE=1). No reference: a linear scan would take hours.
/// </summary>
[BenchmarkCategory(BenchConfig.LargeCategory)]
public class LargeSeatingBenchmarks : IDisposable
{
    private const int Draws = 100_000_000, Replicates = 2;
    private static readonly PitmanYorParameters P = PitmanYorParameters.Create(new Rational(1, 2), 1);
    private ISimulationBackend _backend = ManagedBackend.Instance;

    [ParamsSource(nameof(BackendNames))]
    public string Backend { get; set; } = "managed";

    public static IEnumerable<string> BackendNames => BackendCatalog.Names();

    [GlobalSetup]
    public void Setup()
    {
        _backend = BackendCatalog.Create(Backend);
        _backend.SimulateSeating(P, 100, 10, 1);
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    [Benchmark(OperationsPerInvoke = Draws * Replicates)]
    public SeatingSample Seating1E8() => _backend.SimulateSeating(P, Draws, Replicates, 1);

    [Benchmark(OperationsPerInvoke = 1 << 24)]
    public ulong Generator() => ReferenceSimulators.CounterBits(1 << 24);

    public void Dispose()
    {
        (_backend as IDisposable)?.Dispose();
        _backend = ManagedBackend.Instance;
        GC.SuppressFinalize(this);
    }
}
