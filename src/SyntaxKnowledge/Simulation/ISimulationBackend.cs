using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Simulation;

/// <summary>
/// A simulation backend: runs independent replicates of the Pitman–Yor samplers. The plug-in seam
/// between the pure core and accelerators (<see cref="ManagedBackend"/> here, the ILGPU backend in
/// the SyntaxKnowledge.Gpu package).
/// </summary>
/// <remarks>
/// <para>Contract: replicate r of a call with seed s uses <see cref="CounterRandom.Create"/>(s, r) and the
/// kernels in <see cref="Samplers"/>, so every conforming backend returns identical integer statistics
/// for the same seed, whatever its thread count (GPUs may differ in rare floating-point comparisons;
/// they are checked statistically).</para>
/// <para>Sharding: every operation takes the index of its first replicate (default 0). A call with
/// firstReplicate = f and R replicates runs global replicates f, f + 1, …, f + R − 1 on streams f + i, and
/// returns them in that order (local index i); so shards [f₀, f₁), [f₁, f₂), … of one seed, run anywhere,
/// concatenate to exactly the unsharded run. The returned sample records f
/// (e.g. <see cref="DistinctSample.FirstReplicate"/>).</para>
/// <para>Backends are passed explicitly; there is no global default.</para>
/// </remarks>
public interface ISimulationBackend
{
    /// <summary>Gets the backend's name as used on the command line (e.g. "managed", "ilgpu-cpu", "gpu").</summary>
    string Name { get; }

    /// <summary>Simulates Kₙ by the O(1)-state chain for every replicate.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <param name="replicates">The number of replicates R. Range: R ≥ 1.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="firstReplicate">The index f of the first replicate: local replicate i uses stream f + i of the
    /// seed, so a call with (f, R) returns exactly the slice [f, f + R) of a call with (0, f + R). Range: f ≥ 0.</param>
    /// <param name="progress">Receives the completed fraction in [0, 1]; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>Kₙ of every replicate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count, or <paramref name="firstReplicate"/>, is outside its range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    DistinctSample SimulateDistinct(PitmanYorParameters parameters, int draws, int replicates, ulong seed, long firstReplicate = 0, IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Simulates the full seating process (O(1) per draw) for every replicate.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <param name="replicates">The number of replicates R. Range: R ≥ 1.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="firstReplicate">The index f of the first replicate: local replicate i uses stream f + i of the
    /// seed, so a call with (f, R) returns exactly the slice [f, f + R) of a call with (0, f + R). Range: f ≥ 0.</param>
    /// <param name="progress">Receives the completed fraction in [0, 1]; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>The block-size profile of every replicate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count, or <paramref name="firstReplicate"/>, is outside its range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    SeatingSample SimulateSeating(PitmanYorParameters parameters, int draws, int replicates, ulong seed, long firstReplicate = 0, IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Simulates the stick-breaking mass not covered by the first C elements for every replicate.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="stored">The number of covered elements C. Range: C ≥ 0.</param>
    /// <param name="replicates">The number of replicates R. Range: R ≥ 1.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="firstReplicate">The index f of the first replicate: local replicate i uses stream f + i of the
    /// seed, so a call with (f, R) returns exactly the slice [f, f + R) of a call with (0, f + R). Range: f ≥ 0.</param>
    /// <param name="progress">Receives the completed fraction in [0, 1]; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>The uncovered mass of every replicate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count, or <paramref name="firstReplicate"/>, is outside its range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    UncoveredMassSample SimulateUncoveredMass(PitmanYorParameters parameters, int stored, int replicates, ulong seed, long firstReplicate = 0, IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Simulates, for every replicate, the mass not covered by the C largest weights of the random measure
    /// (a learner that stores the C most frequent elements), by stick-breaking truncated at M sticks.
    /// </summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="stored">The number of stored (largest) elements C. Range: C ≥ 0.</param>
    /// <param name="sticks">The truncation M. Range: M ≥ max(C, 1).</param>
    /// <param name="replicates">The number of replicates R. Range: R ≥ 1.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="firstReplicate">The index f of the first replicate: local replicate i uses stream f + i of the
    /// seed, so a call with (f, R) returns exactly the slice [f, f + R) of a call with (0, f + R). Range: f ≥ 0.</param>
    /// <param name="progress">Receives the completed fraction in [0, 1]; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>The truncated uncovered mass and the residual mass of every replicate, with the exact bias bound.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count, or <paramref name="firstReplicate"/>, is outside its range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>The truncated value over-estimates the true uncovered mass by at most the residual mass beyond
    /// stick M, whose expectation is exactly T(M) (<see cref="RankedUncoveredMassSample.TruncationBias"/>).</remarks>
    RankedUncoveredMassSample SimulateRankedUncoveredMass(PitmanYorParameters parameters, int stored, int sticks, int replicates, ulong seed, long firstReplicate = 0, IProgress<double>? progress = null, CancellationToken cancellationToken = default);
}
