using System.Diagnostics;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Bench;

/// <summary>One measured row: a workload on one backend, with its rate and ratios.</summary>
/// <param name="Workload">"chain" (Kₙ steps/s) or "seating" (draws/s).</param>
/// <param name="Draws">Draws n per replicate.</param>
/// <param name="Replicates">Replicates R.</param>
/// <param name="Backend">The backend name.</param>
/// <param name="Threads">CPU threads used (null for a GPU).</param>
/// <param name="Seconds">Wall-clock seconds of the measured run.</param>
/// <param name="Rate">Steps or draws per second, all threads together.</param>
/// <param name="ReferenceRate">The simple reference implementation's rate on one thread (null when not run).</param>
/// <param name="VersusReference">Rate / reference rate.</param>
/// <param name="VersusGenerator">Rate per thread / raw generator rate on one thread (GPU: rate / raw rate).</param>
/// <param name="VersusManaged">Rate / the managed backend's rate on all cores for the same workload.</param>
/// <param name="CpuSeconds">Process CPU seconds of the measured run (all threads; on a shared machine, wall time also counts waiting).</param>
internal sealed record BenchRow(string Workload, int Draws, int Replicates, string Backend, int? Threads, double Seconds, double Rate, double? ReferenceRate, double? VersusReference, double VersusGenerator, double? VersusManaged, double CpuSeconds)
{
    /// <summary>Gets the steps or draws per CPU second (the per-core rate, robust to other load on the machine).</summary>
    public double RatePerCpuSecond => Draws * (double)Replicates / Math.Max(CpuSeconds, 1e-9);

    /// <summary>Gets CPU seconds per wall second: below the thread count when other processes shared the cores.</summary>
    public double CoresUsed => CpuSeconds / Math.Max(Seconds, 1e-9);
}

/// <summary>The whole report of one bench run.</summary>
/// <param name="Quick">Whether the quick sizes were used.</param>
/// <param name="Cores">The number of CPU cores.</param>
/// <param name="Parameters">The process parameters.</param>
/// <param name="GeneratorRate">Raw CounterRandom words per second on one thread.</param>
/// <param name="SystemRandomRate">System.Random words per second on one thread.</param>
/// <param name="Devices">The device of each backend, "name: device".</param>
/// <param name="Rows">The measurements.</param>
internal sealed record BenchReport(bool Quick, int Cores, PitmanYorParameters Parameters, double GeneratorRate, double SystemRandomRate, IReadOnlyList<string> Devices, IReadOnlyList<BenchRow> Rows);

/// <summary>Measures the generator, the Kₙ chain and full seating at n = 10³, 10⁶ (and 10⁸ unless quick) on each backend.</summary>
internal static class BenchRunner
{
    /// <summary>Runs the benchmark; <paramref name="backends"/> must include a managed backend first (the baseline).</summary>
    public static BenchReport Run(bool quick, IReadOnlyList<ISimulationBackend> backends, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var p = PitmanYorParameters.Create(new Rational(1, 2), 1);
        double d = p.DiscountValue, theta = p.ConcentrationValue;
        int cores = Environment.ProcessorCount;

        long words = quick ? 1L << 25 : 1L << 28;
        ReferenceSimulators.CounterBits(1 << 16);
        double generator = words / Time(() => ReferenceSimulators.CounterBits(words));
        double systemRandom = words / 4 / Time(() => ReferenceSimulators.SystemRandomBits(words / 4));

        // (workload, n, replicates, reference replicates); the chain uses 10^4 replicates (the GPU target's size).
        var workloads = new List<(string Kind, int N, int R, int ReferenceR)>
        {
            ("chain", quick ? 10_000 : 100_000, 10_000, quick ? 200 : 500),
            ("seating", 1_000, quick ? 20_000 : 200_000, quick ? 2_000 : 10_000),
            ("seating", 1_000_000, quick ? 4 : 16, 1),
        };
        if (!quick)
        {
            workloads.Add(("seating", 100_000_000, 2, 0));
        }

        var single = new ManagedBackend(threads: 1);
        var rows = new List<BenchRow>();
        int step = 0, steps = workloads.Count * (backends.Count + 2);
        foreach ((string kind, int n, int r, int referenceR) in workloads)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double? reference = referenceR == 0 ? null : (double)n * referenceR / Time(() =>
            {
                for (int i = 0; i < referenceR; i++)
                {
                    _ = kind == "chain" ? ReferenceSimulators.Distinct(d, theta, n, i) : ReferenceSimulators.Seating(d, theta, n, i);
                }
            });
            progress?.Report((double)++step / steps);

            double? managedRate = null;
            foreach (ISimulationBackend backend in backends.Take(1).Append(single).Concat(backends.Skip(1)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Simulate(backend, kind, p, Math.Min(n, 1_000), 2, cancellationToken); // warm up (JIT, kernel compilation)
                int replicates = backend == single && n >= 1_000_000 ? Math.Max(1, r / Math.Max(1, cores)) : r;
                TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                double seconds = Time(() => Simulate(backend, kind, p, n, replicates, cancellationToken));
                double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                double rate = (double)n * replicates / seconds;
                int? threads = backend switch
                {
                    ManagedBackend m => m.Threads == -1 ? cores : m.Threads,
                    Gpu.IlgpuBackend { IsGpu: true } => null,
                    _ => cores,
                };
                if (backend is ManagedBackend { Threads: -1 })
                {
                    managedRate = rate;
                }

                double versusGenerator = rate / (threads ?? 1) / generator;
                rows.Add(new BenchRow(kind, n, replicates, backend.Name, threads, seconds, rate, reference, reference is { } rr ? rate / rr : null, versusGenerator, managedRate is { } mr ? rate / mr : null, cpuSeconds));
                progress?.Report((double)++step / steps);
            }
        }

        return new BenchReport(quick, cores, p, generator, systemRandom, [.. backends.Select(b => $"{b.Name}: {Backends.Device(b)}")], rows);
    }

    private static void Simulate(ISimulationBackend backend, string kind, PitmanYorParameters p, int n, int replicates, CancellationToken cancellationToken)
    {
        if (kind == "chain")
        {
            backend.SimulateDistinct(p, n, replicates, 1, cancellationToken: cancellationToken);
        }
        else
        {
            backend.SimulateSeating(p, n, replicates, 1, cancellationToken: cancellationToken);
        }
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
    }
}
