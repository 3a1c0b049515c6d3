using System.Diagnostics;
using System.Globalization;
using SyntaxKnowledge.Gpu;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace GpuCheck;

/// <summary>Runs the conformance checks and a short benchmark on the best device and writes a Markdown report.</summary>
internal static class CheckReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static readonly PitmanYorParameters[] Parameters =
    [
        PitmanYorParameters.Create(new Rational(1, 2), 1),
        PitmanYorParameters.Create(0, 2),
        PitmanYorParameters.Create(new Rational(3, 4), new Rational(-1, 2)),
    ];

    /// <summary>Writes the report; returns 0 when every check passed, 1 otherwise.</summary>
    public static int Run(TextWriter output, bool quick)
    {
        var clock = Stopwatch.StartNew();
        bool gpu = IlgpuBackend.TryCreateGpu(out IlgpuBackend? device);
        using IlgpuBackend backend = device ?? IlgpuBackend.CreateCpu();
        ManagedBackend managed = ManagedBackend.Instance;

        output.WriteLine(string.Create(C, $"# GpuCheck report, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        output.WriteLine();
        output.WriteLine(gpu
            ? string.Create(C, $"Device: **{backend.DeviceName}** (backend `{backend.Name}`), budget {backend.MemoryBudget / (1 << 20)} MiB per launch.")
            : string.Create(C, $"No CUDA or OpenCL GPU exists on this machine: running on ILGPU's CPU accelerator (`{backend.Name}`, {Environment.ProcessorCount} threads) instead. No GPU figure was measured."));
        output.WriteLine(string.Create(C, $"Host: {Environment.ProcessorCount} CPU cores, .NET {Environment.Version}, {(quick ? "quick" : "full")} sizes."));
        output.WriteLine();

        bool ok = true;
        output.WriteLine("## Conformance (same seeds as the managed backend)");
        output.WriteLine();
        output.WriteLine("| statistic | replicates | identical | differing |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (PitmanYorParameters p in Parameters)
        {
            string name = string.Create(C, $"d = {p.Discount}, theta = {p.Concentration}");
            int[] a = [.. managed.SimulateDistinct(p, 2_000, 500, 1).Distinct], b = [.. backend.SimulateDistinct(p, 2_000, 500, 1).Distinct];
            ok &= Row(output, $"K_n, n = 2000, {name}", a, b, gpu);
            string[] c = [.. managed.SimulateSeating(p, 500, 200, 2).Partitions.Select(Describe)], e = [.. backend.SimulateSeating(p, 500, 200, 2).Partitions.Select(Describe)];
            ok &= Row(output, $"partition, n = 500, {name}", c, e, gpu);
            double[] f = [.. managed.SimulateUncoveredMass(p, 20, 200, 3).Uncovered], g = [.. backend.SimulateUncoveredMass(p, 20, 200, 3).Uncovered];
            ok &= Row(output, $"T(20) replicate, {name}", f, g, gpu);
            double[] h = [.. managed.SimulateRankedUncoveredMass(p, 5, 50, 200, 4).Uncovered], i = [.. backend.SimulateRankedUncoveredMass(p, 5, 50, 200, 4).Uncovered];
            ok &= Row(output, $"ranked mass C = 5, M = 50, {name}", h, i, gpu);
        }

        output.WriteLine();
        output.WriteLine("## Monte Carlo against exact values (4 standard errors)");
        output.WriteLine();
        output.WriteLine("| quantity | simulated | exact | z | pass |");
        output.WriteLine("|---|---|---:|---:|---|");
        PitmanYorParameters q = Parameters[0];
        int replicates = quick ? 20_000 : 200_000;
        ok &= Statistic(output, "E[K_1000]", backend.SimulateDistinct(q, 1_000, replicates, 5).Summary, ExpectedDistinct.Exact(q, 1_000).ToDouble());
        SeatingSample seating = backend.SimulateSeating(q, 300, replicates / 10, 6);
        ok &= Statistic(output, "E[K_300,1]", seating.Singletons, ExpectedBlocks.SingletonsExact(q, 300).ToDouble());
        ok &= Statistic(output, "E[K_300,2]", seating.Blocks(2), ExpectedBlocks.Exact(q, 300, 2).ToDouble());
        ok &= Statistic(output, "T(10)", backend.SimulateUncoveredMass(q, 10, replicates, 7).Summary, UncoveredMass.Exact(q, 10).ToDouble());
        ok &= Statistic(output, "1 - E[largest weight], PD(0, 1)", backend.SimulateRankedUncoveredMass(PitmanYorParameters.Create(0, 1), 1, 60, replicates / 4, 8).Summary, 1 - 0.62432998854355087);

        output.WriteLine();
        output.WriteLine("## Throughput (wall clock, warm)");
        output.WriteLine();
        output.WriteLine("| workload | n | replicates | backend | M per second | x managed |");
        output.WriteLine("|---|---:|---:|---|---:|---:|");
        int chainN = quick ? 10_000 : 100_000, chainR = gpu ? 100_000 : 10_000;
        Throughput(output, "K_n chain", chainN, 10_000, managed, backend, (s, n, r) => s.SimulateDistinct(q, n, r, 9));
        if (gpu)
        {
            Throughput(output, "K_n chain", chainN, chainR, managed, backend, (s, n, r) => s.SimulateDistinct(q, n, r, 9));
        }

        Throughput(output, "full seating", 1_000, quick ? 20_000 : 100_000, managed, backend, (s, n, r) => s.SimulateSeating(q, n, r, 10));
        Throughput(output, "full seating", 1_000_000, quick ? 4 : 32, managed, backend, (s, n, r) => s.SimulateSeating(q, n, r, 11));

        output.WriteLine();
        output.WriteLine(string.Create(C, $"All checks {(ok ? "passed" : "FAILED")} in {clock.Elapsed.TotalSeconds:F1} s."));
        return ok ? 0 : 1;
    }

    private static bool Row<T>(TextWriter output, string what, T[] expected, T[] actual, bool gpu)
    {
        int differing = expected.Zip(actual, (x, y) => EqualityComparer<T>.Default.Equals(x, y) ? 0 : 1).Sum();
        output.WriteLine(string.Create(C, $"| {what} | {expected.Length} | {expected.Length - differing} | {differing} |"));

        // The CPU accelerator must be bit-identical; on a GPU rare floating-point ties may differ (reported, and
        // bounded: a large share would be a broken kernel, not rounding).
        return gpu ? differing <= expected.Length / 100 : differing == 0;
    }

    private static bool Statistic(TextWriter output, string what, MonteCarloEstimate estimate, double exact)
    {
        bool pass = estimate.IsConsistentWith(exact);
        output.WriteLine(string.Create(C, $"| {what} | {estimate} | {exact:G10} | {estimate.ZScore(exact):F2} | {(pass ? "yes" : "NO")} |"));
        return pass;
    }

    private static void Throughput(TextWriter output, string what, int n, int replicates, ManagedBackend managed, IlgpuBackend backend, Action<ISimulationBackend, int, int> run)
    {
        double Rate(ISimulationBackend simulator)
        {
            run(simulator, Math.Min(n, 1_000), 8); // warm up: JIT and kernel compilation
            var clock = Stopwatch.StartNew();
            run(simulator, n, replicates);
            return (double)n * replicates / clock.Elapsed.TotalSeconds;
        }

        double baseline = Rate(managed), rate = Rate(backend);
        output.WriteLine(string.Create(C, $"| {what} | {n:N0} | {replicates:N0} | managed ({Environment.ProcessorCount} cores) | {baseline / 1e6:F1} | 1 |"));
        output.WriteLine(string.Create(C, $"| {what} | {n:N0} | {replicates:N0} | {backend.Name} | {rate / 1e6:F1} | {rate / baseline:F2} |"));
    }

    private static string Describe(BlockHistogram histogram) =>
        string.Join(",", histogram.Sizes.Zip(histogram.Multiplicities, (s, m) => string.Create(C, $"{s}x{m}")));
}
