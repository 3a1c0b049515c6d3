using System.Collections.Immutable;
using System.Numerics;
using MathNet.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Laws;

/// <summary>Which entities a capacity-limited learner stores (docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law).</summary>
public enum CapacityLearner
{
    /// <summary>Stores the first C entities it meets (order of first appearance); uncovered mass exactly T(C).</summary>
    FirstAppearance,

    /// <summary>Stores the C entities of largest true frequency (an oracle; the best any C-entity learner can do).</summary>
    TopFrequency,

    /// <summary>Streaming: stores the C entities with the highest running counts (tends to TopFrequency as n grows).</summary>
    TopCounts,

    /// <summary>Two-part-code (MDL) learner: stores an entity once its count pays for its storage cost.</summary>
    Mdl,
}

/// <summary>Simulated uncovered mass of a capacity-limited learner for a grid of capacities.</summary>
/// <param name="Learner">The learner simulated.</param>
/// <param name="Draws">The number n of training draws (sentences) per replicate.</param>
/// <param name="Exposures">The exposures r an entity needs before it can be stored (1 unless stated).</param>
/// <param name="Stored">The capacities C, ascending.</param>
/// <param name="Uncovered">The estimate of the expected uncovered mass at every capacity.</param>
/// <param name="Seed">The seed; replicate r used stream r.</param>
public sealed record CapacitySample(CapacityLearner Learner, int Draws, int Exposures, ImmutableArray<int> Stored, ImmutableArray<MonteCarloEstimate> Uncovered, ulong Seed)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(CapacitySample? other) =>
        other is not null
            && Equals(Learner, other.Learner)
            && Equals(Draws, other.Draws)
            && Equals(Exposures, other.Exposures)
            && Sequence.Equal(Stored, other.Stored)
            && Sequence.Equal(Uncovered, other.Uncovered)
            && Equals(Seed, other.Seed);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Learner);
        hash.Add(Draws);
        hash.Add(Exposures);
        hash.Add(Sequence.Hash(Stored));
        hash.Add(Sequence.Hash(Uncovered));
        hash.Add(Seed);
        return hash.ToHashCode();
    }
}

/// <summary>Simulated uncovered mass of the top-C learner (ranked stick-breaking weights), with the first-appearance
/// learner on the same worlds and the truncation's bias bound.</summary>
/// <param name="Stored">The capacities C, ascending.</param>
/// <param name="TopFrequency">Estimates of E[Σ_{k&gt;C} P_(k)].</param>
/// <param name="FirstAppearance">Estimates of E[1 − Σ_{j≤C} W̃_j] on the same worlds (expectation T(C) exactly).</param>
/// <param name="ExactReplicates">Replicates whose truncation provably did not change the top C (remaining mass ≤ the C-th largest weight).</param>
/// <param name="Residual">The mean remaining stick mass of the other replicates (0 for exact ones): an upper bound on the bias of every top-C estimate.</param>
/// <param name="TruncationBound">T(maxSticks) exactly: an a-priori upper bound on that bias.</param>
/// <param name="Seed">The seed; replicate r used stream r.</param>
public sealed record TopFrequencySample(ImmutableArray<int> Stored, ImmutableArray<MonteCarloEstimate> TopFrequency, ImmutableArray<MonteCarloEstimate> FirstAppearance, int ExactReplicates, MonteCarloEstimate Residual, double TruncationBound, ulong Seed)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(TopFrequencySample? other) =>
        other is not null
            && Sequence.Equal(Stored, other.Stored)
            && Sequence.Equal(TopFrequency, other.TopFrequency)
            && Sequence.Equal(FirstAppearance, other.FirstAppearance)
            && Equals(ExactReplicates, other.ExactReplicates)
            && Equals(Residual, other.Residual)
            && Equals(TruncationBound, other.TruncationBound)
            && Equals(Seed, other.Seed);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Sequence.Hash(Stored));
        hash.Add(Sequence.Hash(TopFrequency));
        hash.Add(Sequence.Hash(FirstAppearance));
        hash.Add(ExactReplicates);
        hash.Add(Residual);
        hash.Add(TruncationBound);
        hash.Add(Seed);
        return hash.ToHashCode();
    }
}

/// <summary>Simulated MDL learner after n draws.</summary>
/// <param name="Draws">The number n of training draws.</param>
/// <param name="Exposures">The count threshold r.</param>
/// <param name="Uncovered">Estimate of the expected uncovered mass.</param>
/// <param name="Stored">Estimate of the expected number of stored entities.</param>
/// <param name="Scaled">Estimate of E[Cₙ^{(1−d)/d} Uₙ] (per-world law constant as n → ∞; NaN estimate for d = 0).</param>
/// <param name="Seed">The seed; replicate r used stream r.</param>
public sealed record MdlSample(int Draws, int Exposures, MonteCarloEstimate Uncovered, MonteCarloEstimate Stored, MonteCarloEstimate Scaled, ulong Seed);

/// <summary>
/// The learner that stores the first C entities it meets (docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law): its uncovered mass, exactly, with and
/// without a data limit, its asymptotic law and a simulation.
/// </summary>
/// <remarks>
/// <para>With unlimited data the stored entities are the first C in order of first appearance, whose weights are the
/// first C GEM sticks, so the uncovered mass has expectation T(C) = Π_{j≤C}(θ + j d)/(θ + 1 + (j−1) d) exactly
/// (<see cref="UncoveredMass"/>); asymptotically K_T C^{−(1−d)/d} with K_T = Γ((θ+1)/d)/Γ(1 + θ/d), and for d = 0
/// it decays geometrically, (θ/(θ+1))^C.</para>
/// <para>After n draws the learner has stored min(C, Kₙ) entities; the posterior mass of the unstored GEM block
/// (K, C] given K = k is (θ + d k)/(θ + n) · (1 − T(C)/T(k)), so
/// E[Uₙ(C)] = T(C) + Σ_{k&lt;C} P(Kₙ = k) (θ + d k)/(θ + n) (1 − T(C)/T(k)) — an exact rational. For C &gt; n it equals the
/// unseen mass (θ+d)ₙ/(θ+1)ₙ, through the identity E[(θ + d Kₙ)/((θ + n) T(Kₙ))] = 1.</para>
/// </remarks>
/// <seealso href="https://doi.org/10.1214/aop/1024404422">Pitman &amp; Yor (1997), Proposition 1 (stick-breaking).</seealso>
public static class FirstAppearanceLearner
{
    private const int ExactDrawLimit = 2_000;

    /// <summary>Returns the exact expected uncovered mass T(C) with unlimited data.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="stored">The capacity C. Range: C ≥ 0.</param>
    /// <returns>T(C); T(0) = 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stored"/> is negative.</exception>
    public static Rational UncoveredExact(PitmanYorParameters parameters, int stored) => UncoveredMass.Exact(parameters, stored);

    /// <summary>Returns the exact expected uncovered mass after n draws with capacity C.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of training draws n. Range: 0 ≤ n ≤ 2000.</param>
    /// <param name="stored">The capacity C. Range: C ≥ 0.</param>
    /// <returns>E[Uₙ(C)] = T(C) + Σ_{k&lt;C} P(Kₙ = k)(θ + d k)/(θ + n)(1 − T(C)/T(k)); 1 when n = 0 or C = 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    /// <remarks>Cost: O(n²) big-integer operations for the law of Kₙ.</remarks>
    public static Rational UncoveredExact(PitmanYorParameters parameters, int draws, int stored)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.InRange(draws, 0, ExactDrawLimit, nameof(draws));
        Preconditions.AtLeast(stored, 0, nameof(stored));
        if (draws == 0 || stored == 0)
        {
            return Rational.One;
        }

        ImmutableArray<Rational> law = DistinctDistribution.Exact(parameters, draws);
        Rational tail = UncoveredMass.Exact(parameters, stored), d = parameters.Discount, theta = parameters.Concentration;
        Rational result = tail, prefix = Rational.One; // prefix = T(k)
        for (int k = 1; k <= Math.Min(draws, stored - 1); k++)
        {
            prefix *= (theta + (k * d)) / (theta + 1 + ((k - 1) * d));
            result += law[k - 1] * (theta + (k * d)) / (theta + draws) * (Rational.One - (tail / prefix));
        }

        return result;
    }

    /// <summary>Returns the asymptotic uncovered mass K_T C^{−(1−d)/d}; for d = 0 the exact geometric value (θ/(θ+1))^C.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="stored">The capacity C. Range: C ≥ 1.</param>
    /// <returns>The asymptotic value; relative error O(1/C).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stored"/> is less than one or NaN.</exception>
    public static double UncoveredAsymptotic(PitmanYorParameters parameters, double stored) => UncoveredMass.Asymptotic(parameters, stored);

    /// <summary>Returns the law constant K_T = Γ((θ+1)/d)/Γ(1 + θ/d) of the uncovered mass K_T C^{−(1−d)/d}.</summary>
    /// <param name="parameters">The process parameters. Range: d &gt; 0.</param>
    /// <returns>K_T.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">d = 0: the uncovered mass decays geometrically, not as a power of C.</exception>
    public static double Constant(PitmanYorParameters parameters)
    {
        ModelScaling.RequirePowerLaw(parameters);
        return Math.Exp(UncoveredMass.LogConstant(parameters));
    }

    /// <summary>Simulates the learner after n draws by the seating process (Rao–Blackwellised over the weights).</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of training draws n. Range: n ≥ 1.</param>
    /// <param name="stored">The capacities C. Range: non-empty, C ≥ 0.</param>
    /// <param name="replicates">The number of replicates R. Range: R ≥ 2.</param>
    /// <param name="seed">The seed; replicate r uses stream r.</param>
    /// <param name="progress">Receives the completed fraction; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>Estimates of E[Uₙ(C)]: each replicate contributes the posterior uncovered mass
    /// (Σ_{C&lt;k≤K}(n_k − d) + θ + d K)/(θ + n), whose expectation is exactly <see cref="UncoveredExact(PitmanYorParameters, int, int)"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    /// <exception cref="ArgumentException"><paramref name="stored"/> is empty.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static CapacitySample Simulate(PitmanYorParameters parameters, int draws, IReadOnlyList<int> stored, int replicates, ulong seed, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        Replicates.Check(parameters, replicates);
        Preconditions.AtLeast(draws, 1, nameof(draws));
        int[] grid = Replicates.StoredGrid(stored, nameof(stored));
        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue;
        var values = new double[grid.Length, replicates];
        Replicates.Run(replicates, progress, () => (new int[draws], new int[draws]), (r, work) =>
        {
            int k = Samplers.Seating(d, theta, draws, CounterRandom.Create(seed, (ulong)r), work.Item1, work.Item2);
            double[] suffix = SuffixSums(work.Item1, k); // suffix[j] = Σ_{i ≥ j} counts[i]
            for (int g = 0; g < grid.Length; g++)
            {
                int kept = Math.Min(grid[g], k);
                values[g, r] = (suffix[kept] - (d * (k - kept)) + theta + (d * k)) / (theta + draws);
            }
        }, cancellationToken);
        return new CapacitySample(CapacityLearner.FirstAppearance, draws, 1, [.. grid], Summaries(values), seed);
    }

    internal static double[] SuffixSums(int[] counts, int k)
    {
        var suffix = new double[k + 1];
        for (int i = k - 1; i >= 0; i--)
        {
            suffix[i] = suffix[i + 1] + counts[i];
        }

        return suffix;
    }

    internal static ImmutableArray<MonteCarloEstimate> Summaries(double[,] values)
    {
        int rows = values.GetLength(0), columns = values.GetLength(1);
        var builder = ImmutableArray.CreateBuilder<MonteCarloEstimate>(rows);
        var row = new double[columns];
        for (int g = 0; g < rows; g++)
        {
            for (int r = 0; r < columns; r++)
            {
                row[r] = values[g, r];
            }

            builder.Add(MonteCarlo.Summarize(row.AsSpan()));
        }

        return builder.MoveToImmutable();
    }
}

/// <summary>
/// The learner that stores the C entities of largest true frequency — the best possible C-entity learner
/// (docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law): E[Σ_{k&gt;C} P_(k)] by a one-dimensional integral, its asymptotic law, and a simulation of ranked
/// stick-breaking weights.
/// </summary>
/// <remarks>
/// <para>Ranked weights (Pitman &amp; Yor 1997; Pitman 2006, Lemma 3.11): #{k : P_k &gt; x} ~ S x^{−d}/Γ(1−d) as x → 0,
/// where S = lim Kₙ/nᵈ, so P_(k) ~ (S/(Γ(1−d) k))^{1/d} and the mass below the C-th weight is
/// d/Γ(2−d) · Γ(1−d)^{−(1−d)/d} · S^{1/d} C^{−(1−d)/d}. With E[S^{1/d}] = Γ((θ+1)/d)/(d Γ(1+θ/d)) = K_T/d:
/// E[U_C] ~ R(d) K_T C^{−(1−d)/d}, R(d) = 1/((1−d) Γ(1−d)^{1/d}) — the same exponent as first appearance, with the
/// constant multiplied by R(d) ∈ (e^{−γ}, 1) (R(1/2) = 2/π). Also E[P_(k)] ~ (K_T/d)(Γ(1−d) k)^{−1/d}.</para>
/// <para>d = 0 (Dirichlet process): the ranked weights are Gamma-process jumps over their independent Gamma(θ) sum,
/// giving E[U_C] = E[1 − e^{−J_C}], J_C = E₁^{−1}(Γ_C/θ), and E[U_C] ~ e^{−γ} (θ/(θ+1))^C: geometric decay at the same
/// rate as T(C), R(0) = e^{−γ}.</para>
/// <para>R(d) T(C) approximates E[U_C] with relative error O(C⁻²) (measured: 0.4% at C = 30, 0.04% at C = 100 for
/// d = 1/2, θ = 1), much better than the O(1/C) of the pure power law.</para>
/// </remarks>
/// <seealso href="https://doi.org/10.1214/aop/1024404422">Pitman &amp; Yor (1997), The two-parameter Poisson–Dirichlet distribution derived from a stable subordinator.</seealso>
public static class TopFrequencyLearner
{
    /// <summary>Returns E[Σ_{k&gt;C} P_(k)] by the one-dimensional Poisson–Kingman integral.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="stored">The capacity C. Range: 0 ≤ C ≤ 10⁶.</param>
    /// <returns>The expected uncovered mass of the top-C learner (1 for C = 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stored"/> is outside its range.</exception>
    /// <remarks>Accuracy: relative error about 1e-10 (Gauss–Legendre panels, checked by halving them). Cost: about
    /// 10⁴ special-function evaluations.</remarks>
    public static double UncoveredApproximate(PitmanYorParameters parameters, int stored)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.InRange(stored, 0, 1_000_000, nameof(stored));
        return stored == 0 ? 1 : RankedQuadrature.Uncovered(parameters.DiscountValue, parameters.ConcentrationValue, stored);
    }

    /// <summary>Returns the leading-order law R(d) K_T C^{−(1−d)/d}; for d = 0, e^{−γ}(θ/(θ+1))^C.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="stored">The capacity C. Range: C ≥ 1.</param>
    /// <returns>The asymptotic uncovered mass; relative error O(1/C).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stored"/> is less than one or NaN.</exception>
    public static double UncoveredAsymptotic(PitmanYorParameters parameters, double stored) =>
        RatioToFirstAppearance(parameters) * UncoveredMass.Asymptotic(parameters, stored);

    /// <summary>Returns R(d) · T(C), the first-appearance uncovered mass scaled by the asymptotic ratio.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="stored">The capacity C. Range: C ≥ 0.</param>
    /// <returns>An approximation of E[Σ_{k&gt;C} P_(k)] with relative error O(C⁻²).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stored"/> is negative.</exception>
    public static double UncoveredFromFirstAppearance(PitmanYorParameters parameters, int stored)
    {
        Preconditions.AtLeast(stored, 0, nameof(stored));
        return RatioToFirstAppearance(parameters) * UncoveredMass.Approximate(parameters, stored);
    }

    /// <summary>Returns R(d) = lim E[U_C(top)]/T(C) = 1/((1 − d) Γ(1−d)^{1/d}); R(0) = e^{−γ}.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <returns>The asymptotic ratio of the top-C to the first-appearance uncovered mass, in (e^{−γ}, 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    public static double RatioToFirstAppearance(PitmanYorParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double d = parameters.DiscountValue;
        return d == 0 ? Math.Exp(-Constants.EulerMascheroni) : Math.Exp(-Math.Log(1 - d) - (SpecialFunctions.GammaLn(1 - d) / d));
    }

    /// <summary>Returns the law constant R(d) K_T of E[U_C] ~ R(d) K_T C^{−(1−d)/d}.</summary>
    /// <param name="parameters">The process parameters. Range: d &gt; 0.</param>
    /// <returns>The constant.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">d = 0 (geometric decay).</exception>
    public static double Constant(PitmanYorParameters parameters) => RatioToFirstAppearance(parameters) * FirstAppearanceLearner.Constant(parameters);

    /// <summary>Returns E[P_(k)], the expected k-th largest weight, as U_{k−1} − U_k of <see cref="UncoveredApproximate"/>.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="rank">The rank k. Range: 1 ≤ k ≤ 10⁶.</param>
    /// <returns>E[P_(k)]; relative accuracy about 1e-10 · k.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rank"/> is outside its range.</exception>
    public static double RankedWeightApproximate(PitmanYorParameters parameters, int rank)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.InRange(rank, 1, 1_000_000, nameof(rank));
        return UncoveredApproximate(parameters, rank - 1) - UncoveredApproximate(parameters, rank);
    }

    /// <summary>Returns the asymptotic E[P_(k)] ~ (K_T/d)(Γ(1−d) k)^{−1/d}; for d = 0, e^{−γ}(θ/(θ+1))^k/θ.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="rank">The rank k. Range: k ≥ 1.</param>
    /// <returns>The asymptotic expected k-th largest weight (Zipf exponent 1/d); relative error O(1/k).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rank"/> is less than one or NaN.</exception>
    public static double RankedWeightAsymptotic(PitmanYorParameters parameters, double rank)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(rank >= 1) || double.IsPositiveInfinity(rank))
        {
            throw Preconditions.OutOfRange(nameof(rank), rank, "1 <= rank < infinity");
        }

        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue;
        if (d == 0)
        {
            return Math.Exp(-Constants.EulerMascheroni + (rank * Math.Log(theta / (theta + 1)))) / theta;
        }

        return FirstAppearanceLearner.Constant(parameters) / d * Math.Exp(-(SpecialFunctions.GammaLn(1 - d) + Math.Log(rank)) / d);
    }

    /// <summary>
    /// Simulates ranked weights by stick-breaking: sticks are drawn until the remaining mass is at most the C-th largest
    /// weight drawn so far (then no later stick can enter the top C and the replicate is exact) or until
    /// <paramref name="maxSticks"/> sticks.
    /// </summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="stored">The capacities C. Range: non-empty, 0 ≤ C ≤ maxSticks.</param>
    /// <param name="replicates">The number of replicates R. Range: R ≥ 2.</param>
    /// <param name="seed">The seed; replicate r uses stream r.</param>
    /// <param name="maxSticks">The truncation M. Range: M ≥ 1.</param>
    /// <param name="progress">Receives the completed fraction; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>The estimates. A truncated replicate overestimates U_C by at most its remaining mass R_M (the top C of
    /// the drawn sticks miss at most R_M of the true top C), so every estimate's bias lies in [0, Residual.Mean] and
    /// E[R_M] = T(M) exactly (<see cref="TopFrequencySample.TruncationBound"/>).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    /// <exception cref="ArgumentException"><paramref name="stored"/> is empty.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>Cost per replicate: about C^{1/(1−d)} sticks when the exact stop is reached (d ≤ 1/2 and moderate C), M otherwise.</remarks>
    public static TopFrequencySample Simulate(PitmanYorParameters parameters, IReadOnlyList<int> stored, int replicates, ulong seed, int maxSticks = 100_000, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        Replicates.Check(parameters, replicates);
        Preconditions.AtLeast(maxSticks, 1, nameof(maxSticks));
        int[] grid = Replicates.StoredGrid(stored, nameof(stored));
        int top = grid[^1];
        Preconditions.InRange(top, 0, maxSticks, nameof(stored));
        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue;
        var ranked = new double[grid.Length, replicates];
        var first = new double[grid.Length, replicates];
        var residual = new double[replicates];
        int exact = 0;
        Replicates.Run(replicates, progress, () => new PriorityQueue<double, double>(top + 1), (r, heap) =>
        {
            heap.Clear();
            CounterRandom random = CounterRandom.Create(seed, (ulong)r);
            ulong counter = 0;
            double remaining = 1;
            int g = 0;
            while (g < grid.Length && grid[g] == 0)
            {
                first[g++, r] = 1;
            }

            bool stopped = false;
            for (int j = 1; j <= maxSticks; j++)
            {
                double x = Samplers.Gamma(1 - d, random, ref counter), y = Samplers.Gamma(theta + (j * d), random, ref counter);
                double weight = remaining * (x / (x + y));
                remaining *= y / (x + y);
                if (heap.Count < top)
                {
                    heap.Enqueue(weight, weight);
                }
                else if (top > 0 && weight > heap.Peek())
                {
                    heap.DequeueEnqueue(weight, weight);
                }

                while (g < grid.Length && grid[g] == j)
                {
                    first[g++, r] = remaining;
                }

                if (j >= top && (top == 0 || remaining <= heap.Peek()))
                {
                    stopped = true;
                    break;
                }
            }

            if (stopped)
            {
                Interlocked.Increment(ref exact);
            }
            else
            {
                residual[r] = remaining;
            }

            // Largest first: the heap holds the top min(C_max, drawn) weights.
            var best = new double[heap.Count];
            for (int i = best.Length - 1; i >= 0; i--)
            {
                best[i] = heap.Dequeue();
            }

            double covered = 0;
            int taken = 0;
            for (int i = 0; i < grid.Length; i++)
            {
                while (taken < grid[i] && taken < best.Length)
                {
                    covered += best[taken++];
                }

                ranked[i, r] = Math.Max(0, 1 - covered);
            }
        }, cancellationToken);

        double bound = UncoveredMass.Approximate(parameters, maxSticks);
        return new TopFrequencySample([.. grid], FirstAppearanceLearner.Summaries(ranked), FirstAppearanceLearner.Summaries(first), exact, MonteCarlo.Summarize(residual.AsSpan()), bound, seed);
    }
}

/// <summary>
/// The streaming learner that stores the C entities with the highest running counts among those seen at least r
/// times (docs/03-formulas/capacity-and-model-scaling.md, docs/03-formulas/acquisition.md): exact expectation by enumerating integer partitions for small n, and simulation.
/// </summary>
/// <remarks>
/// <para>The learner keeps counts for every entity it has seen (counts are cheap; facts cost capacity) and stores the
/// facts of the top C by count among entities seen ≥ r times (ties keep the earlier entity; ties do not change the
/// stored mass). The stored set depends on the data only through the block sizes, and the posterior mean weight of a
/// seen entity is (n_k − d)/(θ + n), so E[Uₙ(C)] = 1 − E[Σ_{top C, n_k ≥ r}(n_k − d)]/(θ + n) with the expectation over the
/// law of the block-size profile: P(λ) = n!/(Π λ_i! Π_m a_m!) · EPPF(λ).</para>
/// <para>Limits: C ≥ Kₙ gives the unseen mass (θ+d)ₙ/(θ+1)ₙ (r = 1) or the acquisition tail (any r); n → ∞ gives the
/// top-C learner (<see cref="TopFrequencyLearner"/>).</para>
/// </remarks>
public static class StreamingLearner
{
    /// <summary>The largest n for which <see cref="UncoveredExact"/> enumerates partitions (p(40) = 37,338).</summary>
    public const int ExactDrawLimit = 40;

    /// <summary>Returns the exact expected uncovered mass after n draws by enumerating block-size profiles.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: 0 ≤ n ≤ 40.</param>
    /// <param name="stored">The capacity C. Range: C ≥ 0.</param>
    /// <param name="exposures">The count r an entity needs before it can be stored. Range: r ≥ 1.</param>
    /// <returns>E[Uₙ(C)] exactly (1 when n = 0 or C = 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    public static Rational UncoveredExact(PitmanYorParameters parameters, int draws, int stored, int exposures = 1)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.InRange(draws, 0, ExactDrawLimit, nameof(draws));
        Preconditions.AtLeast(stored, 0, nameof(stored));
        Preconditions.AtLeast(exposures, 1, nameof(exposures));
        if (draws == 0 || stored == 0)
        {
            return Rational.One;
        }

        // d = a/b, θ = c/b: P(λ) = N(λ)/D with integers N(λ) = n!/(Π λ_i! Π a_m!) Π_{i<K}(c + i a) Π_k Π_{j<λ_k−1}(b − a + j b)
        // and D = Π_{j=1}^{n−1}(c + j b) (the powers of b cancel).
        (BigInteger a, BigInteger c, BigInteger b) = parameters.CommonScale();
        int n = draws;
        var factorial = new BigInteger[n + 1];
        var rising = new BigInteger[n + 1]; // rising[m] = Π_{j<m−1}(b − a + j b) = b^{m−1}(1−d)_{m−1}
        factorial[0] = BigInteger.One;
        rising[1] = BigInteger.One;
        for (int m = 1; m <= n; m++)
        {
            factorial[m] = factorial[m - 1] * m;
            if (m >= 2)
            {
                rising[m] = rising[m - 1] * (b - a + ((m - 2) * b));
            }
        }

        var newBlocks = new BigInteger[n + 1]; // Π_{i=1}^{K−1}(c + i a)
        newBlocks[1] = BigInteger.One;
        for (int k = 2; k <= n; k++)
        {
            newBlocks[k] = newBlocks[k - 1] * (c + ((k - 1) * a));
        }

        BigInteger denominator = IntegerProducts.Arithmetic(c + b, b, n - 1);
        BigInteger total = BigInteger.Zero, check = BigInteger.Zero;
        var parts = new int[n];
        void Visit(int count)
        {
            BigInteger weight = factorial[n] * newBlocks[count];
            BigInteger multiplicities = BigInteger.One;
            int run = 1;
            for (int i = 0; i < count; i++)
            {
                weight *= rising[parts[i]];
                multiplicities *= factorial[parts[i]];
                if (i > 0 && parts[i] == parts[i - 1])
                {
                    run++;
                }
                else
                {
                    run = 1;
                }

                multiplicities *= run; // builds Π a_m! incrementally
            }

            weight /= multiplicities;
            int kept = 0;
            long size = 0;
            for (int i = 0; i < count && kept < stored && parts[i] >= exposures; i++, kept++)
            {
                size += parts[i];
            }

            total += weight * ((b * size) - (a * kept));
            check += weight;
        }

        EnumeratePartitions(n, n, 0, parts, Visit);
        if (check != denominator)
        {
            throw new InvalidOperationException("Partition probabilities do not sum to one; this is a bug.");
        }

        // E[S] = total/(b D); U = 1 − E[S]/(θ + n) = 1 − total/(D (c + n b)).
        return Rational.One - new Rational(total, denominator * (c + (n * b)));
    }

    /// <summary>Simulates the learner after n draws (seating process, Rao–Blackwellised over the weights).</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <param name="stored">The capacities C. Range: non-empty, C ≥ 0 (use int.MaxValue for no limit).</param>
    /// <param name="replicates">The number of replicates R. Range: R ≥ 2.</param>
    /// <param name="seed">The seed; replicate r uses stream r.</param>
    /// <param name="exposures">The count r an entity needs before it can be stored. Range: r ≥ 1.</param>
    /// <param name="progress">Receives the completed fraction; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>Estimates of E[Uₙ(C)]; each replicate contributes 1 − Σ_{stored}(n_k − d)/(θ + n).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    /// <exception cref="ArgumentException"><paramref name="stored"/> is empty.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static CapacitySample Simulate(PitmanYorParameters parameters, int draws, IReadOnlyList<int> stored, int replicates, ulong seed, int exposures = 1, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        Replicates.Check(parameters, replicates);
        Preconditions.AtLeast(draws, 1, nameof(draws));
        Preconditions.AtLeast(exposures, 1, nameof(exposures));
        int[] grid = Replicates.StoredGrid(stored, nameof(stored));
        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue;
        var values = new double[grid.Length, replicates];
        Replicates.Run(replicates, progress, () => (new int[draws], new int[draws]), (r, work) =>
        {
            int k = Samplers.Seating(d, theta, draws, CounterRandom.Create(seed, (ulong)r), work.Item1, work.Item2);
            Span<int> counts = work.Item1.AsSpan(0, k);
            counts.Sort((x, y) => y.CompareTo(x));
            double covered = 0;
            int taken = 0;
            for (int g = 0; g < grid.Length; g++)
            {
                while (taken < grid[g] && taken < k && counts[taken] >= exposures)
                {
                    covered += counts[taken++] - d;
                }

                values[g, r] = 1 - (covered / (theta + draws));
            }
        }, cancellationToken);
        return new CapacitySample(CapacityLearner.TopCounts, draws, exposures, [.. grid], FirstAppearanceLearner.Summaries(values), seed);
    }

    // Partitions of `remaining` into parts ≤ max, written into parts[depth..], in non-increasing order.
    private static void EnumeratePartitions(int remaining, int max, int depth, int[] parts, Action<int> visit)
    {
        if (remaining == 0)
        {
            visit(depth);
            return;
        }

        for (int part = Math.Min(remaining, max); part >= 1; part--)
        {
            parts[depth] = part;
            EnumeratePartitions(remaining - part, part, depth + 1, parts, visit);
        }
    }
}

/// <summary>
/// The two-part-code (MDL) learner (docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law): it stores an entity once the log-loss its count saves pays for the
/// entity's storage cost, i.e. once its count reaches r = ⌈storage cost/miss cost⌉.
/// </summary>
/// <remarks>
/// <para>With per-entity storage cost s nats and per-occurrence miss cost m nats, storing entity k changes the total
/// two-part code length by s − n_k m, so the MDL optimum stores exactly the entities with n_k ≥ r = ⌈s/m⌉ (per-entity
/// costs are separable, so the threshold rule is optimal, not a heuristic).</para>
/// <para>Exact: Uₙ = E[P(Bin(n, W) &lt; r)] = 1 − <see cref="AcquiredMass"/> and Cₙ = E[#{k : n_k ≥ r}] = Σ_{m≥r} E[K_{n,m}].
/// Asymptotic (d &gt; 0, c = Γ(θ+1)/Γ(θ+d)): Uₙ ~ c (2−d)_{r−1}/(r−1)! n^{−(1−d)},
/// Cₙ ~ (c/d) (1−d)_{r−1}/(r−1)! nᵈ. Per world (Poisson limit with diversity S): U = S d (2−d)_{r−1}/(r−1)! n^{d−1},
/// C = S (1−d)_{r−1}/(r−1)! nᵈ, so U C^{(1−d)/d} → K_T (2−d)_{r−1}/(r−1)! ((1−d)_{r−1}/(r−1)!)^{(1−d)/d} (E[S^{1/d}] = K_T/d):
/// the model law with exponent (1−d)/d; r = 1 gives K_T (store all seen = first appearance) and r → ∞ gives the top-C
/// constant.</para>
/// </remarks>
public static class MdlLearner
{
    /// <summary>Returns the MDL count threshold r = max(1, ⌈storage/miss⌉).</summary>
    /// <param name="storageCost">The storage cost s of one entity in nats. Range: 0 ≤ s &lt; ∞.</param>
    /// <param name="missCost">The per-occurrence miss cost m in nats. Range: 0 &lt; m &lt; ∞.</param>
    /// <returns>The smallest count whose saved log-loss n_k m is at least s (at least 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A cost is outside its range, or s/m exceeds 10⁹.</exception>
    public static int Threshold(double storageCost, double missCost)
    {
        if (!(storageCost >= 0) || double.IsPositiveInfinity(storageCost))
        {
            throw Preconditions.OutOfRange(nameof(storageCost), storageCost, "0 <= storageCost < infinity");
        }

        Preconditions.Positive(missCost, nameof(missCost));
        double ratio = Math.Ceiling(storageCost / missCost);
        if (ratio > 1e9)
        {
            throw Preconditions.OutOfRange(nameof(storageCost), storageCost, "storageCost / missCost <= 1e9");
        }

        return Math.Max(1, (int)ratio);
    }

    /// <summary>Returns the exact expected uncovered mass E[P(Bin(n, W) &lt; r)] after n draws.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 0.</param>
    /// <param name="exposures">The count threshold r. Range: r ≥ 1.</param>
    /// <returns>Uₙ = 1 − E[P(Bin(n, W) ≥ r)].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    public static Rational UncoveredExact(PitmanYorParameters parameters, int draws, int exposures)
    {
        Preconditions.AtLeast(exposures, 1, nameof(exposures));
        return Rational.One - AcquiredMass.Exact(parameters, draws, exposures);
    }

    /// <summary>Returns the exact expected number of stored entities Σ_{m≥r} E[K_{n,m}].</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 0.</param>
    /// <param name="exposures">The count threshold r. Range: r ≥ 1.</param>
    /// <returns>E[Cₙ] = E[Kₙ] − Σ_{m&lt;r} E[K_{n,m}].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    public static Rational StoredExact(PitmanYorParameters parameters, int draws, int exposures)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(draws, 0, nameof(draws));
        Preconditions.AtLeast(exposures, 1, nameof(exposures));
        if (draws == 0 || exposures > draws)
        {
            return Rational.Zero;
        }

        Rational result = ExpectedDistinct.Exact(parameters, draws);
        for (int m = 1; m < exposures; m++)
        {
            result -= ExpectedBlocks.Exact(parameters, draws, m);
        }

        return result;
    }

    /// <summary>Returns the asymptotic uncovered mass c (2−d)_{r−1}/(r−1)! n^{−(1−d)}, c = Γ(θ+1)/Γ(θ+d).</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <param name="exposures">The count threshold r. Range: r ≥ 1.</param>
    /// <returns>The asymptotic value; relative error O(1/n).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public static double UncoveredAsymptotic(PitmanYorParameters parameters, double draws, int exposures) =>
        AcquiredMass.UnacquiredAsymptotic(parameters, draws, exposures);

    /// <summary>Returns the asymptotic number of stored entities: (c/d)(1−d)_{r−1}/(r−1)! nᵈ for d &gt; 0;
    /// θ(ψ(θ+n) − ψ(θ) − H_{r−1}) for d = 0.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <param name="exposures">The count threshold r. Range: r ≥ 1.</param>
    /// <returns>The asymptotic value; relative error O(n^{−d}) for d &gt; 0 (the constant term of E[Kₙ]), O(1/(n log n)) for d = 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public static double StoredAsymptotic(PitmanYorParameters parameters, double draws, int exposures)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ExpectedDistinct.CheckDraws(draws);
        Preconditions.AtLeast(exposures, 1, nameof(exposures));
        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue;
        if (d == 0)
        {
            return theta * (SpecialFunctions.DiGamma(theta + draws) - SpecialFunctions.DiGamma(theta) - SpecialFunctions.Harmonic(exposures - 1));
        }

        return ExpectedDistinct.Asymptotic(parameters, draws) * Math.Exp(SurvivalLog(d, exposures));
    }

    /// <summary>Returns the per-world law constant K_T (2−d)_{r−1}/(r−1)! ((1−d)_{r−1}/(r−1)!)^{(1−d)/d}: the limit of
    /// E[Cₙ^{(1−d)/d} Uₙ] as n → ∞.</summary>
    /// <param name="parameters">The process parameters. Range: d &gt; 0.</param>
    /// <param name="exposures">The count threshold r. Range: r ≥ 1.</param>
    /// <returns>The constant B_r of U ≈ B_r C^{−(1−d)/d} world by world (r = 1: K_T; r → ∞: the top-C constant).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">d = 0, or r &lt; 1.</exception>
    public static double Constant(PitmanYorParameters parameters, int exposures)
    {
        Preconditions.AtLeast(exposures, 1, nameof(exposures));
        double kt = FirstAppearanceLearner.Constant(parameters), d = parameters.DiscountValue;
        return kt * Math.Exp(UnacquiredLog(d, exposures) + ((1 - d) / d * SurvivalLog(d, exposures)));
    }

    /// <summary>Returns the constant of the curve of expectations, E[Uₙ] ~ B′_r E[Cₙ]^{−(1−d)/d}:
    /// B′_r = c (2−d)_{r−1}/(r−1)! · (c (1−d)_{r−1}/(d (r−1)!))^{(1−d)/d}, c = Γ(θ+1)/Γ(θ+d).</summary>
    /// <param name="parameters">The process parameters. Range: d &gt; 0.</param>
    /// <param name="exposures">The count threshold r. Range: r ≥ 1.</param>
    /// <returns>B′_r; B′_r/B_r = E[S]^{1/d}/E[S^{1/d}] &lt; 1 (Jensen): averaged over worlds, MDL adapts its size to the world.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">d = 0, or r &lt; 1.</exception>
    public static double CurveConstant(PitmanYorParameters parameters, int exposures)
    {
        ModelScaling.RequirePowerLaw(parameters);
        Preconditions.AtLeast(exposures, 1, nameof(exposures));
        double d = parameters.DiscountValue, logC = NewProbability.LogGammaRatio(parameters);
        return Math.Exp(logC + UnacquiredLog(d, exposures) + ((1 - d) / d * (logC + SurvivalLog(d, exposures) - Math.Log(d))));
    }

    /// <summary>Simulates the learner after n draws (seating process, Rao–Blackwellised over the weights).</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <param name="exposures">The count threshold r. Range: r ≥ 1.</param>
    /// <param name="replicates">The number of replicates R. Range: R ≥ 2.</param>
    /// <param name="seed">The seed; replicate r uses stream r.</param>
    /// <param name="progress">Receives the completed fraction; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>Estimates of E[Uₙ], E[Cₙ] and E[Cₙ^{(1−d)/d} Uₙ].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static MdlSample Simulate(PitmanYorParameters parameters, int draws, int exposures, int replicates, ulong seed, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        Replicates.Check(parameters, replicates);
        Preconditions.AtLeast(draws, 1, nameof(draws));
        Preconditions.AtLeast(exposures, 1, nameof(exposures));
        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue, power = d > 0 ? (1 - d) / d : double.NaN;
        var uncovered = new double[replicates];
        var stored = new double[replicates];
        var scaled = new double[replicates];
        Replicates.Run(replicates, progress, () => (new int[draws], new int[draws]), (r, work) =>
        {
            int k = Samplers.Seating(d, theta, draws, CounterRandom.Create(seed, (ulong)r), work.Item1, work.Item2);
            double covered = 0;
            int kept = 0;
            for (int i = 0; i < k; i++)
            {
                if (work.Item1[i] >= exposures)
                {
                    covered += work.Item1[i] - d;
                    kept++;
                }
            }

            uncovered[r] = 1 - (covered / (theta + draws));
            stored[r] = kept;
            scaled[r] = d > 0 ? Math.Pow(kept, power) * uncovered[r] : 0;
        }, cancellationToken);
        return new MdlSample(draws, exposures, MonteCarlo.Summarize(uncovered.AsSpan()), MonteCarlo.Summarize(stored.AsSpan()), MonteCarlo.Summarize(scaled.AsSpan()), seed);
    }

    // ln[(2−d)_{r−1}/(r−1)!] = ln Σ_{m<r} (1−d)_m/m!.
    private static double UnacquiredLog(double d, int r) => Pochhammer.LogRising(2 - d, r - 1) - SpecialFunctions.FactorialLn(r - 1);

    // ln[(1−d)_{r−1}/(r−1)!] = ln P(Sibuya ≥ r), the limiting fraction of entities seen at least r times.
    private static double SurvivalLog(double d, int r) => Pochhammer.LogRising(1 - d, r - 1) - SpecialFunctions.FactorialLn(r - 1);
}
