using System.Collections.Immutable;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Internal;

namespace SyntaxKnowledge.Simulation;

/// <summary>Replicates of the number of distinct elements Kₙ.</summary>
/// <param name="Backend">The name of the backend that produced the sample.</param>
/// <param name="Parameters">The process parameters.</param>
/// <param name="Draws">The number of draws n per replicate.</param>
/// <param name="Seed">The seed; local replicate i used stream <paramref name="FirstReplicate"/> + i.</param>
/// <param name="Distinct">Kₙ for every replicate, in replicate order.</param>
/// <param name="FirstReplicate">The global index of the first replicate (0 unless the run is a shard; see <see cref="ISimulationBackend"/>).</param>
public sealed record DistinctSample(string Backend, PitmanYorParameters Parameters, int Draws, ulong Seed, ImmutableArray<int> Distinct, long FirstReplicate = 0)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(DistinctSample? other) =>
        other is not null
            && Equals(Backend, other.Backend)
            && Equals(Parameters, other.Parameters)
            && Equals(Draws, other.Draws)
            && Equals(Seed, other.Seed)
            && Sequence.Equal(Distinct, other.Distinct)
            && Equals(FirstReplicate, other.FirstReplicate);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Backend);
        hash.Add(Parameters);
        hash.Add(Draws);
        hash.Add(Seed);
        hash.Add(Sequence.Hash(Distinct));
        hash.Add(FirstReplicate);
        return hash.ToHashCode();
    }

    /// <summary>Gets the Monte Carlo estimate of E[Kₙ].</summary>
    public MonteCarloEstimate Summary => MonteCarlo.Summarize(Distinct);

    /// <summary>Gets the exact sufficient statistics (R, ΣKₙ, ΣKₙ²), which merge exactly across shards.</summary>
    public IntegerMoments Moments => IntegerMoments.Of(Distinct.AsSpan());

    /// <summary>Gets the Rao–Blackwellised estimate of P(draw n+1 is new) = E[(θ + d Kₙ)/(θ + n)].</summary>
    public MonteCarloEstimate NewProbability
    {
        get
        {
            double d = Parameters.DiscountValue, theta = Parameters.ConcentrationValue;
            return MonteCarlo.Summarize(Distinct.Select(k => (theta + (d * k)) / (theta + Draws)));
        }
    }
}

/// <summary>Replicates of the full partition after n draws, each summarised by its block-size profile.</summary>
/// <param name="Backend">The name of the backend that produced the sample.</param>
/// <param name="Parameters">The process parameters.</param>
/// <param name="Draws">The number of draws n per replicate.</param>
/// <param name="Seed">The seed; local replicate i used stream <paramref name="FirstReplicate"/> + i.</param>
/// <param name="Partitions">The block-size profile of every replicate, in replicate order.</param>
/// <param name="FirstReplicate">The global index of the first replicate (0 unless the run is a shard; see <see cref="ISimulationBackend"/>).</param>
public sealed record SeatingSample(string Backend, PitmanYorParameters Parameters, int Draws, ulong Seed, ImmutableArray<BlockHistogram> Partitions, long FirstReplicate = 0)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(SeatingSample? other) =>
        other is not null
            && Equals(Backend, other.Backend)
            && Equals(Parameters, other.Parameters)
            && Equals(Draws, other.Draws)
            && Equals(Seed, other.Seed)
            && Sequence.Equal(Partitions, other.Partitions)
            && Equals(FirstReplicate, other.FirstReplicate);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Backend);
        hash.Add(Parameters);
        hash.Add(Draws);
        hash.Add(Seed);
        hash.Add(Sequence.Hash(Partitions));
        hash.Add(FirstReplicate);
        return hash.ToHashCode();
    }

    /// <summary>Gets the Monte Carlo estimate of E[Kₙ].</summary>
    public MonteCarloEstimate Distinct => Estimate(h => h.Distinct);

    /// <summary>Gets the Monte Carlo estimate of E[K_{n,1}].</summary>
    public MonteCarloEstimate Singletons => Estimate(h => h.Singletons);

    /// <summary>Returns the Monte Carlo estimate of E[K_{n,m}].</summary>
    /// <param name="size">The multiplicity m.</param>
    /// <returns>The estimate.</returns>
    public MonteCarloEstimate Blocks(int size) => Estimate(h => h.Blocks(size));

    /// <summary>Returns the exact sufficient statistics (R, Σg, Σg²) of an integer statistic g of the block-size profile.</summary>
    /// <param name="statistic">The statistic g (e.g. <c>h =&gt; h.Distinct</c> or <c>h =&gt; h.Singletons</c>).</param>
    /// <returns>The moments, which merge exactly across shards.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="statistic"/> is <see langword="null"/>.</exception>
    public IntegerMoments Moments(Func<BlockHistogram, int> statistic)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        return IntegerMoments.Of(Partitions.Select(statistic));
    }

    /// <summary>Returns the Monte Carlo estimate of E[g(partition)] for any statistic g of the block-size profile.</summary>
    /// <param name="statistic">The statistic g.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="statistic"/> is <see langword="null"/>.</exception>
    public MonteCarloEstimate Estimate(Func<BlockHistogram, double> statistic)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        return MonteCarlo.Summarize(Partitions.Select(statistic));
    }
}

/// <summary>Replicates of the stick-breaking mass not covered by the first C elements.</summary>
/// <param name="Backend">The name of the backend that produced the sample.</param>
/// <param name="Parameters">The process parameters.</param>
/// <param name="Stored">The number of covered elements C.</param>
/// <param name="Seed">The seed; local replicate i used stream <paramref name="FirstReplicate"/> + i.</param>
/// <param name="Uncovered">1 − Σ_{j≤C} W̃_j for every replicate.</param>
/// <param name="FirstReplicate">The global index of the first replicate (0 unless the run is a shard; see <see cref="ISimulationBackend"/>).</param>
public sealed record UncoveredMassSample(string Backend, PitmanYorParameters Parameters, int Stored, ulong Seed, ImmutableArray<double> Uncovered, long FirstReplicate = 0)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(UncoveredMassSample? other) =>
        other is not null
            && Equals(Backend, other.Backend)
            && Equals(Parameters, other.Parameters)
            && Equals(Stored, other.Stored)
            && Equals(Seed, other.Seed)
            && Sequence.Equal(Uncovered, other.Uncovered)
            && Equals(FirstReplicate, other.FirstReplicate);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Backend);
        hash.Add(Parameters);
        hash.Add(Stored);
        hash.Add(Seed);
        hash.Add(Sequence.Hash(Uncovered));
        hash.Add(FirstReplicate);
        return hash.ToHashCode();
    }

    /// <summary>Gets the Monte Carlo estimate of T(C).</summary>
    public MonteCarloEstimate Summary => MonteCarlo.Summarize(Uncovered.AsSpan());
}

/// <summary>
/// Replicates of the mass not covered by the C largest weights of a Pitman–Yor random measure, from
/// stick-breaking truncated at M sticks, with the truncation's exact bias bound.
/// </summary>
/// <param name="Backend">The name of the backend that produced the sample.</param>
/// <param name="Parameters">The process parameters.</param>
/// <param name="Stored">The number of stored (largest) elements C.</param>
/// <param name="Sticks">The truncation M (sticks drawn per replicate).</param>
/// <param name="Seed">The seed; local replicate i used stream <paramref name="FirstReplicate"/> + i.</param>
/// <param name="Uncovered">U_M = 1 − (the C largest of the first M weights) for every replicate.</param>
/// <param name="Residual">R_M = the mass beyond stick M for every replicate; U_M − R_M ≤ U ≤ U_M.</param>
/// <param name="FirstReplicate">The global index of the first replicate (0 unless the run is a shard; see <see cref="ISimulationBackend"/>).</param>
public sealed record RankedUncoveredMassSample(string Backend, PitmanYorParameters Parameters, int Stored, int Sticks, ulong Seed, ImmutableArray<double> Uncovered, ImmutableArray<double> Residual, long FirstReplicate = 0)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(RankedUncoveredMassSample? other) =>
        other is not null
            && Equals(Backend, other.Backend)
            && Equals(Parameters, other.Parameters)
            && Equals(Stored, other.Stored)
            && Equals(Sticks, other.Sticks)
            && Equals(Seed, other.Seed)
            && Sequence.Equal(Uncovered, other.Uncovered)
            && Sequence.Equal(Residual, other.Residual)
            && Equals(FirstReplicate, other.FirstReplicate);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Backend);
        hash.Add(Parameters);
        hash.Add(Stored);
        hash.Add(Sticks);
        hash.Add(Seed);
        hash.Add(Sequence.Hash(Uncovered));
        hash.Add(Sequence.Hash(Residual));
        hash.Add(FirstReplicate);
        return hash.ToHashCode();
    }

    /// <summary>Gets the Monte Carlo estimate of E[U_M], an upper estimate of the uncovered mass E[U].</summary>
    public MonteCarloEstimate Summary => MonteCarlo.Summarize(Uncovered.AsSpan());

    /// <summary>Gets the Monte Carlo estimate of E[U_M − R_M], a lower estimate of E[U].</summary>
    public MonteCarloEstimate LowerSummary => MonteCarlo.Summarize(Uncovered.Zip(Residual, (u, r) => u - r));

    /// <summary>Gets the exact bound on the truncation bias: 0 ≤ E[U_M] − E[U] ≤ E[R_M] = T(M).</summary>
    /// <remarks>Computed on each access by <see cref="UncoveredMass.Exact"/> (its digits grow linearly in M).</remarks>
    public Rational TruncationBias => UncoveredMass.Exact(Parameters, Sticks);
}
