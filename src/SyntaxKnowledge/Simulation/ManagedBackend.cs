using System.Collections.Immutable;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Simulation;

/// <summary>
/// The reference simulation backend: managed code on all CPU cores (or a fixed number of threads).
/// Results depend only on the seed, never on the thread count or scheduling.
/// </summary>
/// <remarks>Immutable and thread-safe. Replicates are split into contiguous chunks processed in
/// parallel; each replicate writes only its own result slot.</remarks>
public sealed class ManagedBackend : ISimulationBackend
{
    private readonly int _threads;

    /// <summary>Creates a backend that uses at most <paramref name="threads"/> threads.</summary>
    /// <param name="threads">The maximum degree of parallelism. Range: ≥ 1, or −1 for all cores.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is 0 or less than −1.</exception>
    public ManagedBackend(int threads = -1)
    {
        if (threads == 0 || threads < -1)
        {
            throw Preconditions.OutOfRange(nameof(threads), threads, "threads >= 1, or -1 for all cores");
        }

        _threads = threads;
    }

    /// <summary>Gets the backend that uses all cores.</summary>
    public static ManagedBackend Instance { get; } = new();

    /// <summary>Gets the maximum degree of parallelism (−1: all cores).</summary>
    public int Threads => _threads;

    /// <inheritdoc/>
    public string Name => "managed";

    /// <inheritdoc/>
    public DistinctSample SimulateDistinct(PitmanYorParameters parameters, int draws, int replicates, ulong seed, long firstReplicate = 0, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate(parameters, draws, replicates, firstReplicate);
        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue;
        var result = new int[replicates];
        Run(replicates, draws, progress, () => 0, (r, _) => result[r] = Samplers.DistinctCancellable(d, theta, draws, CounterRandom.Create(seed, (ulong)(firstReplicate + r)), cancellationToken), cancellationToken);
        return new DistinctSample(Name, parameters, draws, seed, ImmutableArray.Create(result), firstReplicate);
    }

    /// <inheritdoc/>
    public SeatingSample SimulateSeating(PitmanYorParameters parameters, int draws, int replicates, ulong seed, long firstReplicate = 0, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate(parameters, draws, replicates, firstReplicate);
        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue;
        var result = new BlockHistogram[replicates];
        Run(
            replicates,
            draws,
            progress,
            () => GC.AllocateUninitializedArray<int>(draws), // every entry is written before it is read
            (r, workspace) =>
            {
                int k = PrefetchingSeating.Run(d, theta, draws, CounterRandom.Create(seed, (ulong)(firstReplicate + r)), workspace, cancellationToken);
                result[r] = BlockHistogram.FromBlockSizes(workspace.AsSpan(draws - k, k));
            },
            cancellationToken);
        return new SeatingSample(Name, parameters, draws, seed, ImmutableArray.Create(result), firstReplicate);
    }

    /// <inheritdoc/>
    public UncoveredMassSample SimulateUncoveredMass(PitmanYorParameters parameters, int stored, int replicates, ulong seed, long firstReplicate = 0, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(stored, 0, nameof(stored));
        Preconditions.AtLeast(replicates, 1, nameof(replicates));
        ValidateFirst(firstReplicate, replicates);
        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue;
        var result = new double[replicates];
        Run(replicates, Math.Max(stored, 1), progress, () => 0, (r, _) => result[r] = Samplers.UncoveredMassCancellable(d, theta, stored, CounterRandom.Create(seed, (ulong)(firstReplicate + r)), cancellationToken), cancellationToken);
        return new UncoveredMassSample(Name, parameters, stored, seed, ImmutableArray.Create(result), firstReplicate);
    }

    /// <inheritdoc/>
    public RankedUncoveredMassSample SimulateRankedUncoveredMass(PitmanYorParameters parameters, int stored, int sticks, int replicates, ulong seed, long firstReplicate = 0, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ValidateRanked(parameters, stored, sticks, replicates);
        ValidateFirst(firstReplicate, replicates);
        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue;
        var uncovered = new double[replicates];
        var residual = new double[replicates];
        Run(
            replicates,
            sticks,
            progress,
            () => new double[Math.Max(1, Math.Min(stored, sticks))],
            (r, heap) => uncovered[r] = Samplers.RankedUncoveredMassCancellable(d, theta, stored, sticks, CounterRandom.Create(seed, (ulong)(firstReplicate + r)), heap, out residual[r], cancellationToken),
            cancellationToken);
        return new RankedUncoveredMassSample(Name, parameters, stored, sticks, seed, ImmutableArray.Create(uncovered), ImmutableArray.Create(residual), firstReplicate);
    }

    // Validates the arguments of SimulateRankedUncoveredMass: C >= 0, M >= max(C, 1), R >= 1.
    private static void ValidateRanked(PitmanYorParameters parameters, int stored, int sticks, int replicates)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(stored, 0, nameof(stored));
        Preconditions.AtLeast(sticks, Math.Max(stored, 1), nameof(sticks));
        Preconditions.AtLeast(replicates, 1, nameof(replicates));
    }

    private static void Validate(PitmanYorParameters parameters, int draws, int replicates, long firstReplicate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(draws, 1, nameof(draws));
        Preconditions.AtLeast(replicates, 1, nameof(replicates));
        ValidateFirst(firstReplicate, replicates);
    }

    // The stream indices firstReplicate + r must not pass long.MaxValue (checked arithmetic).
    private static void ValidateFirst(long firstReplicate, int replicates)
    {
        if (firstReplicate < 0 || firstReplicate > long.MaxValue - replicates)
        {
            throw Preconditions.OutOfRange(nameof(firstReplicate), firstReplicate, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0 <= firstReplicate <= {long.MaxValue - replicates}"));
        }
    }

    // Runs body(r, workspace) for r in [0, replicates) in contiguous chunks, reporting progress per chunk.
    private void Run<TWork>(int replicates, long costPerReplicate, IProgress<double>? progress, Func<TWork> workspace, Action<int, TWork> body, CancellationToken cancellationToken)
    {
        int workers = _threads == -1 ? Environment.ProcessorCount : _threads;

        // Chunks of roughly 2^22 draws (at least one replicate), and at least 4 chunks per worker when possible.
        long perChunk = Math.Max(1, Math.Min((1L << 22) / Math.Max(1, costPerReplicate), Math.Max(1, replicates / (4L * workers))));
        int chunkCount = (int)((replicates + perChunk - 1) / perChunk);
        long done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        Parallel.For(
            0,
            chunkCount,
            options,
            workspace,
            (chunk, _, work) =>
            {
                int from = (int)(chunk * perChunk), to = (int)Math.Min(replicates, from + perChunk);
                for (int r = from; r < to; r++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    body(r, work);
                }

                long finished = Interlocked.Add(ref done, to - from);
                progress?.Report((double)finished / replicates);
                return work;
            },
            _ => { });
    }
}
