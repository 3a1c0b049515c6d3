using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using SyntaxKnowledge.Internal;

namespace SyntaxKnowledge.Fitting;

/// <summary>
/// Settings of a robust scaling-law fit: the Huber threshold, the multi-start search, and the bootstrap that
/// gives the confidence intervals.
/// </summary>
/// <remarks>
/// <para>The defaults follow Hoffmann et al. (2022): Huber loss on log-loss residuals with δ = 10⁻³.
/// The bootstrap resamples the measured points with replacement; replicate r draws its indices from
/// <see cref="Simulation.CounterRandom"/> stream (<see cref="Seed"/>, r), so a seed fixes the intervals bit for bit,
/// whatever <see cref="Threads"/> is.</para>
/// <para>Immutable: build with <see cref="Create"/> or <see cref="TryCreate"/>, which validate. <see cref="Default"/>
/// holds the defaults.</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2404.10102">Besiroglu et al. (2024), Chinchilla Scaling: A replication attempt.</seealso>
public sealed record FitOptions
{
    /// <summary>The default Huber threshold δ = 10⁻³ (Hoffmann et al. 2022).</summary>
    public const double DefaultHuberDelta = 1e-3;

    /// <summary>The default number of bootstrap replicates.</summary>
    public const int DefaultBootstrapReplicates = 200;

    /// <summary>The default seed.</summary>
    public const ulong DefaultSeed = 20250413UL;

    /// <summary>The default confidence level of the intervals.</summary>
    public const double DefaultConfidenceLevel = 0.95;

    /// <summary>The default number of grid starts refined by the optimiser.</summary>
    public const int DefaultStarts = 8;

    /// <summary>The largest number of bootstrap replicates accepted.</summary>
    public const int MaximumBootstrapReplicates = 100_000;

    /// <summary>The largest number of starts accepted.</summary>
    public const int MaximumStarts = 1_000;

    private FitOptions(double huberDelta, int bootstrapReplicates, ulong seed, double confidenceLevel, int starts, int threads)
    {
        HuberDelta = huberDelta;
        BootstrapReplicates = bootstrapReplicates;
        Seed = seed;
        ConfidenceLevel = confidenceLevel;
        Starts = starts;
        Threads = threads;
    }

    /// <summary>Gets the options with every default: δ = 10⁻³, 200 bootstrap replicates, 95% intervals, 8 starts, all cores.</summary>
    public static FitOptions Default { get; } = new(DefaultHuberDelta, DefaultBootstrapReplicates, DefaultSeed, DefaultConfidenceLevel, DefaultStarts, -1);

    /// <summary>Gets the Huber threshold δ on log-loss residuals. Range: 0 &lt; δ &lt; ∞.</summary>
    public double HuberDelta { get; }

    /// <summary>Gets the number of bootstrap replicates B; 0 fits without confidence intervals. Range: 0 ≤ B ≤ 100 000.</summary>
    public int BootstrapReplicates { get; }

    /// <summary>Gets the seed of the bootstrap resampling.</summary>
    public ulong Seed { get; }

    /// <summary>Gets the confidence level of the percentile intervals. Range: 0 &lt; level &lt; 1.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Gets the number of best grid starts that the optimiser refines on the full data. Range: 1 ≤ starts ≤ 1000.</summary>
    public int Starts { get; }

    /// <summary>Gets the maximum number of threads for the bootstrap (−1: all cores). Results do not depend on it.</summary>
    public int Threads { get; }

    /// <summary>Creates validated fit options.</summary>
    /// <param name="huberDelta">The Huber threshold δ on log-loss residuals. Range: 0 &lt; δ &lt; ∞.</param>
    /// <param name="bootstrapReplicates">The number of bootstrap replicates B (0: no intervals). Range: 0 ≤ B ≤ 100 000.</param>
    /// <param name="seed">The seed of the bootstrap resampling.</param>
    /// <param name="confidenceLevel">The confidence level of the intervals. Range: 0 &lt; level &lt; 1.</param>
    /// <param name="starts">The number of grid starts refined on the full data. Range: 1 ≤ starts ≤ 1000.</param>
    /// <param name="threads">The maximum number of bootstrap threads. Range: ≥ 1, or −1 for all cores.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range, or is NaN.</exception>
    public static FitOptions Create(
        double huberDelta = DefaultHuberDelta,
        int bootstrapReplicates = DefaultBootstrapReplicates,
        ulong seed = DefaultSeed,
        double confidenceLevel = DefaultConfidenceLevel,
        int starts = DefaultStarts,
        int threads = -1)
    {
        Preconditions.Positive(huberDelta, nameof(huberDelta));
        Preconditions.InRange(bootstrapReplicates, 0, MaximumBootstrapReplicates, nameof(bootstrapReplicates));
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw Preconditions.OutOfRange(nameof(confidenceLevel), confidenceLevel, "0 < confidenceLevel < 1");
        }

        Preconditions.InRange(starts, 1, MaximumStarts, nameof(starts));
        if (threads == 0 || threads < -1)
        {
            throw Preconditions.OutOfRange(nameof(threads), threads, "threads >= 1, or -1 for all cores");
        }

        return new FitOptions(huberDelta, bootstrapReplicates, seed, confidenceLevel, starts, threads);
    }

    /// <summary>Tries to create fit options.</summary>
    /// <param name="huberDelta">The Huber threshold δ.</param>
    /// <param name="bootstrapReplicates">The number of bootstrap replicates B.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="confidenceLevel">The confidence level.</param>
    /// <param name="starts">The number of grid starts.</param>
    /// <param name="threads">The maximum number of threads.</param>
    /// <param name="options">The options when valid; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when every parameter is in the range <see cref="Create"/> documents.</returns>
    public static bool TryCreate(double huberDelta, int bootstrapReplicates, ulong seed, double confidenceLevel, int starts, int threads, [NotNullWhen(true)] out FitOptions? options)
    {
        bool valid = huberDelta > 0 && !double.IsPositiveInfinity(huberDelta)
            && bootstrapReplicates is >= 0 and <= MaximumBootstrapReplicates
            && confidenceLevel > 0 && confidenceLevel < 1
            && starts is >= 1 and <= MaximumStarts
            && (threads >= 1 || threads == -1);
        options = valid ? new FitOptions(huberDelta, bootstrapReplicates, seed, confidenceLevel, starts, threads) : null;
        return valid;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"FitOptions(huberDelta = {HuberDelta:R}, bootstrapReplicates = {BootstrapReplicates}, seed = {Seed}, confidenceLevel = {ConfidenceLevel:R}, starts = {Starts}, threads = {Threads})");
}
