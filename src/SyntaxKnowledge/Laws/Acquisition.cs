using System.Collections.Immutable;
using System.Numerics;
using MathNet.Numerics;
using MathNet.Numerics.Integration;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Laws;

/// <summary>One point of the acquisition curve after n draws with r exposures needed.</summary>
/// <param name="Draws">The number of draws n.</param>
/// <param name="Mass">E[P(Bin(n, W) ≥ r)], the expected acquired probability mass, exact.</param>
/// <param name="MassAsymptotic">1 − c n^{d−1} (2−d)_{r−1}/(r−1)!, c = Γ(θ+1)/Γ(θ+d).</param>
/// <param name="Entities">E[#{k : n_k ≥ r}], the expected number of acquired entities, exact.</param>
/// <param name="EntitiesAsymptotic">The asymptotic number of acquired entities (<see cref="MdlLearner.StoredAsymptotic"/>).</param>
public sealed record AcquisitionPoint(int Draws, Rational Mass, double MassAsymptotic, Rational Entities, double EntitiesAsymptotic);

/// <summary>Expected acquisition of the entities whose weight lies in [Lower, Upper).</summary>
/// <param name="Lower">The bucket's lower weight edge.</param>
/// <param name="Upper">The bucket's upper weight edge.</param>
/// <param name="Entities">E[#{k : P_k ∈ bucket}] = ∫ ν(dx).</param>
/// <param name="Acquired">E[Σ_{k : P_k ∈ bucket} P(Bin(n, P_k) ≥ r)] = ∫ P(Bin(n, x) ≥ r) ν(dx).</param>
/// <param name="Mass">E[Σ_{k : P_k ∈ bucket} P_k] = ∫ x ν(dx).</param>
/// <param name="AcquiredMass">E[Σ_{k : P_k ∈ bucket} P_k P(Bin(n, P_k) ≥ r)].</param>
public sealed record AcquisitionBucket(double Lower, double Upper, double Entities, double Acquired, double Mass, double AcquiredMass)
{
    /// <summary>Gets the expected acquired fraction of the bucket's entities, Acquired/Entities (a ratio of expectations).</summary>
    public double Fraction => Acquired / Entities;

    /// <summary>Gets the acquired fraction of the bucket's mass, AcquiredMass/Mass.</summary>
    public double MassFraction => AcquiredMass / Mass;
}

/// <summary>Simulated bucket statistics (stick-breaking worlds, Rao–Blackwellised over the draws).</summary>
/// <param name="Lower">The bucket's lower weight edge.</param>
/// <param name="Upper">The bucket's upper weight edge.</param>
/// <param name="Entities">Estimate of the expected number of entities in the bucket.</param>
/// <param name="Acquired">Estimate of the expected number of acquired entities in the bucket.</param>
/// <param name="Mass">Estimate of the expected bucket mass.</param>
/// <param name="AcquiredMass">Estimate of the expected acquired bucket mass.</param>
public sealed record BucketSample(double Lower, double Upper, MonteCarloEstimate Entities, MonteCarloEstimate Acquired, MonteCarloEstimate Mass, MonteCarloEstimate AcquiredMass);

/// <summary>Simulated order of acquisition of the K most frequent entities.</summary>
/// <param name="Entities">K, the number of top-ranked entities raced.</param>
/// <param name="Exposures">The exposures r needed to acquire an entity.</param>
/// <param name="Concordance">The fraction of pairs acquired in frequency order (more frequent first), per world.</param>
/// <param name="Expected">The exact conditional expectation of that fraction given the world's weights,
/// mean over pairs of P(Bin(2r−1, p_i/(p_i+p_j)) ≥ r).</param>
/// <param name="Difference">Concordance − Expected per world: mean zero when the race formula is right.</param>
/// <param name="Seed">The seed; replicate r used stream r.</param>
public sealed record OrderSample(int Entities, int Exposures, MonteCarloEstimate Concordance, MonteCarloEstimate Expected, MonteCarloEstimate Difference, ulong Seed);

/// <summary>The frequency threshold of acquisition after n draws.</summary>
/// <param name="Draws">The number of draws n.</param>
/// <param name="Threshold">p*: the weight acquired with probability exactly 1/2, P(Bin(n, p*) ≥ r) = 1/2.</param>
/// <param name="Asymptotic">m_r/n with m_r the median of Gamma(r, 1) (≈ r − 1/3): the threshold falls like r/n.</param>
/// <param name="CapacityFloor">E[P_(C)], the expected C-th ranked weight (0 without a capacity limit).</param>
/// <param name="Effective">max(Threshold, CapacityFloor): with capacity C the threshold cannot fall below the C-th weight.</param>
public sealed record ThresholdPoint(int Draws, double Threshold, double Asymptotic, double CapacityFloor, double Effective);

/// <summary>
/// Knowledge acquisition dynamics (docs/03-formulas/acquisition.md#knowledge-acquisition-dynamics): the per-entity acquisition probability, the mass-weighted curve,
/// acquisition by frequency bucket, the order of acquisition and the frequency threshold, with and without capacity.
/// </summary>
/// <remarks>
/// <para>An entity of weight p is acquired once seen r times: P(acquired after n) = P(Bin(n, p) ≥ r), strictly
/// increasing in p (its derivative is n C(n−1, r−1) p^{r−1}(1−p)^{n−r} &gt; 0), so more frequent entities are acquired
/// first. Two entities race to r exposures on the subsequence of draws that hit either, so the more frequent one wins
/// with probability P(Bin(2r−1, p₁/(p₁+p₂)) ≥ r) &gt; 1/2 (exact for rational weights).</para>
/// <para>Mass-weighted curve: E[Σ_k P_k P(Bin(n, P_k) ≥ r)] = E[P(Bin(n, W) ≥ r)], W ~ Beta(1−d, θ+d)
/// (<see cref="AcquiredMass"/>). By frequency bucket, the entity intensity ν(dx) = Γ(θ+1)/(Γ(1−d)Γ(θ+d)) x^{−1−d}(1−x)^{θ+d−1} dx
/// (size-biased identity with f(p)/p) gives E[#acquired in [a, b)] = ∫_a^b P(Bin(n, x) ≥ r) ν(dx).</para>
/// <para>Threshold: the weight acquired with probability 1/2 satisfies n p* → m_r = median of Gamma(r, 1) (Poisson limit);
/// a learner that can store only C entities cannot acquire below the C-th ranked weight, so its threshold is
/// max(p*, P_(C)), and the data size beyond which capacity binds grows like C^{1/d}.</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2504.09597">Pan, Wang, Liao, Li (2025), knowledge acquisition in order of frequency.</seealso>
public static class Acquisition
{
    /// <summary>Returns P(Bin(n, p) ≥ r) exactly.</summary>
    /// <param name="weight">The entity's weight p. Range: 0 ≤ p ≤ 1.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 0.</param>
    /// <param name="exposures">The exposures r. Range: r ≥ 0.</param>
    /// <returns>Σ_{i≥r} C(n, i) p^i (1−p)^{n−i} (1 when r = 0, 0 when r &gt; n).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static Rational ProbabilityExact(Rational weight, int draws, int exposures)
    {
        Preconditions.Probability(weight, nameof(weight));
        Preconditions.AtLeast(draws, 0, nameof(draws));
        Preconditions.AtLeast(exposures, 0, nameof(exposures));
        if (exposures == 0)
        {
            return Rational.One;
        }

        if (exposures > draws)
        {
            return Rational.Zero;
        }

        // Lower tail Σ_{i<r} C(n,i) p^i q^{n−i} on integers: p = u/v, q = (v−u)/v.
        BigInteger u = weight.Numerator, v = weight.Denominator, w = v - u;
        BigInteger sum = BigInteger.Zero;
        for (int i = 0; i < exposures; i++)
        {
            sum += Pochhammer.Binomial(draws, i) * BigInteger.Pow(u, i) * BigInteger.Pow(w, draws - i);
        }

        return Rational.One - new Rational(sum, BigInteger.Pow(v, draws));
    }

    /// <summary>Returns P(Bin(n, p) ≥ r) in double precision by summing the smaller binomial tail.</summary>
    /// <param name="weight">The entity's weight p. Range: 0 ≤ p ≤ 1.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 0.</param>
    /// <param name="exposures">The exposures r. Range: r ≥ 0.</param>
    /// <returns>The acquisition probability: relative error about 1e-14 when n p &lt; r (the upper tail is summed), absolute
    /// error about 1e-15 otherwise (one minus the lower tail).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static double Probability(double weight, int draws, int exposures)
    {
        if (!(weight >= 0) || weight > 1)
        {
            throw Preconditions.OutOfRange(nameof(weight), weight, "0 <= weight <= 1");
        }

        Preconditions.AtLeast(draws, 0, nameof(draws));
        Preconditions.AtLeast(exposures, 0, nameof(exposures));
        return TailProbability(weight, draws, exposures);
    }

    /// <summary>Returns the mass-weighted acquisition curve and the expected number of acquired entities on a grid of n.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The grid of n. Range: non-empty, n ≥ 1.</param>
    /// <param name="exposures">The exposures r. Range: r ≥ 1.</param>
    /// <returns>One point per n, exact and asymptotic.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    public static ImmutableArray<AcquisitionPoint> Curve(PitmanYorParameters parameters, IReadOnlyList<int> draws, int exposures)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(draws);
        Preconditions.AtLeast(exposures, 1, nameof(exposures));
        var builder = ImmutableArray.CreateBuilder<AcquisitionPoint>(draws.Count);
        foreach (int n in draws)
        {
            Preconditions.AtLeast(n, 1, nameof(draws));
            builder.Add(new AcquisitionPoint(n, AcquiredMass.Exact(parameters, n, exposures), AcquiredMass.Asymptotic(parameters, n, exposures),
                MdlLearner.StoredExact(parameters, n, exposures), MdlLearner.StoredAsymptotic(parameters, n, exposures)));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>Returns the expected acquisition of the entities whose weight lies in [lower, upper), by the entity intensity ν.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="lower">The lower weight edge a. Range: 0 &lt; a &lt; b.</param>
    /// <param name="upper">The upper weight edge b. Range: a &lt; b ≤ 1.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 0.</param>
    /// <param name="exposures">The exposures r. Range: r ≥ 0.</param>
    /// <returns>The bucket's expected entities, acquired entities, mass and acquired mass.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    /// <remarks>Accuracy: relative error about 1e-10 (64 Gauss–Legendre panels in ln x below 1/2; above 1/2 the substitution
    /// u = (1−x)^{θ+d} removes the possible singularity of (1−x)^{θ+d−1} at 1). Checked: the bucket (10⁻¹⁴, 1] reproduces the
    /// exact acquired mass to 1e-9.</remarks>
    public static AcquisitionBucket Bucket(PitmanYorParameters parameters, double lower, double upper, int draws, int exposures)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckBucket(lower, upper);
        Preconditions.AtLeast(draws, 0, nameof(draws));
        Preconditions.AtLeast(exposures, 0, nameof(exposures));
        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue;
        double logKappa = SpecialFunctions.GammaLn(theta + 1) - SpecialFunctions.GammaLn(1 - d) - SpecialFunctions.GammaLn(theta + d);

        // ν(dx) = κ x^{−1−d}(1−x)^{θ+d−1} dx; the factor (1−x)^{θ+d−1} is handled by the integrator (singular at 1 when θ + d < 1).
        double Regular(double x) => Math.Exp(logKappa - ((1 + d) * Math.Log(x)));
        double Entities(double x) => Regular(x);
        double Acquired(double x) => Regular(x) * TailProbability(x, draws, exposures);
        double Mass(double x) => x * Regular(x);
        double AcquiredMassAt(double x) => x * Regular(x) * TailProbability(x, draws, exposures);
        double shape = theta + d;
        return new AcquisitionBucket(lower, upper, OverWeights(Entities, shape, lower, upper), OverWeights(Acquired, shape, lower, upper), OverWeights(Mass, shape, lower, upper), OverWeights(AcquiredMassAt, shape, lower, upper));
    }

    /// <summary>Simulates bucket statistics over stick-breaking worlds; sticks are drawn until the remaining mass is below the
    /// smallest lower edge, so no entity of any bucket is missed (exact, not truncated) unless <paramref name="maxSticks"/> is reached.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="buckets">The buckets [lower, upper). Range: non-empty; 0 &lt; lower &lt; upper ≤ 1.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 0.</param>
    /// <param name="exposures">The exposures r. Range: r ≥ 0.</param>
    /// <param name="replicates">The number of worlds R. Range: R ≥ 2.</param>
    /// <param name="seed">The seed; world r uses stream r.</param>
    /// <param name="maxSticks">The truncation. Range: ≥ 1.</param>
    /// <param name="progress">Receives the completed fraction; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>One sample per bucket; each world contributes Σ_{P_k ∈ bucket} P(Bin(n, P_k) ≥ r) (Rao–Blackwellised over the draws).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    /// <exception cref="ArgumentException"><paramref name="buckets"/> is empty.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ImmutableArray<BucketSample> SimulateBuckets(PitmanYorParameters parameters, IReadOnlyList<(double Lower, double Upper)> buckets, int draws, int exposures, int replicates, ulong seed, int maxSticks = 1_000_000, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        Replicates.Check(parameters, replicates);
        ArgumentNullException.ThrowIfNull(buckets);
        if (buckets.Count == 0)
        {
            throw new ArgumentException("At least one bucket is needed; valid range: a non-empty list of 0 < lower < upper <= 1.", nameof(buckets));
        }

        foreach ((double lo, double hi) in buckets)
        {
            CheckBucket(lo, hi);
        }

        Preconditions.AtLeast(draws, 0, nameof(draws));
        Preconditions.AtLeast(exposures, 0, nameof(exposures));
        Preconditions.AtLeast(maxSticks, 1, nameof(maxSticks));
        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue, floor = buckets.Min(b => b.Lower);
        int count = buckets.Count;
        var values = new double[4 * count, replicates];
        Replicates.Run(replicates, progress, () => 0, (r, _) =>
        {
            CounterRandom random = CounterRandom.Create(seed, (ulong)r);
            ulong counter = 0;
            double remaining = 1;
            for (int j = 1; j <= maxSticks && remaining >= floor; j++)
            {
                double x = Samplers.Gamma(1 - d, random, ref counter), y = Samplers.Gamma(theta + (j * d), random, ref counter);
                double weight = remaining * (x / (x + y));
                remaining *= y / (x + y);
                for (int b = 0; b < count; b++)
                {
                    if (weight >= buckets[b].Lower && weight < buckets[b].Upper)
                    {
                        double acquired = TailProbability(weight, draws, exposures);
                        values[b, r] += 1;
                        values[count + b, r] += acquired;
                        values[(2 * count) + b, r] += weight;
                        values[(3 * count) + b, r] += weight * acquired;
                    }
                }
            }
        }, cancellationToken);
        ImmutableArray<MonteCarloEstimate> estimates = FirstAppearanceLearner.Summaries(values);
        var builder = ImmutableArray.CreateBuilder<BucketSample>(count);
        for (int b = 0; b < count; b++)
        {
            builder.Add(new BucketSample(buckets[b].Lower, buckets[b].Upper, estimates[b], estimates[count + b], estimates[(2 * count) + b], estimates[(3 * count) + b]));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>Returns the probability that an entity of weight p₁ reaches r exposures before one of weight p₂.</summary>
    /// <param name="first">The first entity's weight p₁. Range: 0 &lt; p₁, p₁ + p₂ ≤ 1.</param>
    /// <param name="second">The second entity's weight p₂. Range: 0 &lt; p₂, p₁ + p₂ ≤ 1.</param>
    /// <param name="exposures">The exposures r. Range: r ≥ 1.</param>
    /// <returns>P(Bin(2r−1, p₁/(p₁+p₂)) ≥ r): exactly 1/2 when p₁ = p₂ and greater than 1/2 when p₁ &gt; p₂.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static Rational OrderProbabilityExact(Rational first, Rational second, int exposures)
    {
        Preconditions.Positive(first, nameof(first));
        Preconditions.Positive(second, nameof(second));
        Preconditions.Probability(first + second, nameof(second));
        Preconditions.AtLeast(exposures, 1, nameof(exposures));
        return ProbabilityExact(first / (first + second), (2 * exposures) - 1, exposures);
    }

    /// <summary>
    /// Simulates the order in which the K most frequent entities of stick-breaking worlds are acquired: draws restricted
    /// to those K entities (the other draws do not change their order) until each has r exposures.
    /// </summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="entities">K. Range: 2 ≤ K ≤ 200.</param>
    /// <param name="exposures">The exposures r. Range: r ≥ 1.</param>
    /// <param name="replicates">The number of worlds R. Range: R ≥ 2.</param>
    /// <param name="seed">The seed; world r uses stream r.</param>
    /// <param name="progress">Receives the completed fraction; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>Per world: the fraction of the K(K−1)/2 pairs acquired more-frequent-first, and its exact conditional expectation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>The top K are exact: sticks are drawn until the remaining mass is below the K-th largest weight (at most 10⁶
    /// sticks; worlds needing more keep the top K of the sticks drawn). A world whose K-th weight is below 10⁻⁹ of the
    /// top K's mass is raced only among entities above that level.</remarks>
    public static OrderSample SimulateOrder(PitmanYorParameters parameters, int entities, int exposures, int replicates, ulong seed, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        Replicates.Check(parameters, replicates);
        Preconditions.InRange(entities, 2, 200, nameof(entities));
        Preconditions.AtLeast(exposures, 1, nameof(exposures));
        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue;
        var concordance = new double[replicates];
        var expected = new double[replicates];
        Replicates.Run(replicates, progress, () => new PriorityQueue<double, double>(entities + 1), (r, heap) =>
        {
            heap.Clear();
            CounterRandom random = CounterRandom.Create(seed, (ulong)r);
            ulong counter = 0;
            double remaining = 1;
            for (int j = 1; j <= 1_000_000; j++)
            {
                double x = Samplers.Gamma(1 - d, random, ref counter), y = Samplers.Gamma(theta + (j * d), random, ref counter);
                double weight = remaining * (x / (x + y));
                remaining *= y / (x + y);
                if (heap.Count < entities)
                {
                    heap.Enqueue(weight, weight);
                }
                else if (weight > heap.Peek())
                {
                    heap.DequeueEnqueue(weight, weight);
                }

                if (heap.Count == entities && remaining <= heap.Peek())
                {
                    break;
                }
            }

            var p = new double[heap.Count];
            for (int i = p.Length - 1; i >= 0; i--)
            {
                p[i] = heap.Dequeue(); // descending
            }

            double top = p.Sum();
            int k = p.Count(w => w > 1e-9 * top);
            (concordance[r], expected[r]) = Race(p.AsSpan(0, k), exposures, CounterRandom.Create(seed, (ulong)r).Substream(1));
        }, cancellationToken);
        double[] difference = [.. concordance.Select((c, i) => c - expected[i])];
        return new OrderSample(entities, exposures, MonteCarlo.Summarize(concordance.AsSpan()), MonteCarlo.Summarize(expected.AsSpan()), MonteCarlo.Summarize(difference.AsSpan()), seed);
    }

    /// <summary>Simulates which entities of a fixed, finite world a streaming learner with capacity C holds after n draws:
    /// it keeps the C highest counts among entities seen at least r times (ties: the earlier first appearance).</summary>
    /// <param name="weights">The world's entity weights. Range: non-empty, positive, summing to 1 within 1e-9, at most 10⁴ entries.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <param name="exposures">The exposures r. Range: r ≥ 1.</param>
    /// <param name="capacity">The capacity C. Range: C ≥ 1 (int.MaxValue for none).</param>
    /// <param name="replicates">The number of replicates R. Range: R ≥ 2.</param>
    /// <param name="seed">The seed; replicate r uses stream r.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>For every entity, the estimate of P(stored after n draws). Without a capacity limit its expectation is
    /// P(Bin(n, p_k) ≥ r) exactly.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="weights"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ImmutableArray<MonteCarloEstimate> SimulateStored(IReadOnlyList<double> weights, int draws, int exposures, int capacity, int replicates, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Preconditions.InRange(weights.Count, 1, 10_000, nameof(weights));
        if (weights.Any(w => !(w > 0)) || Math.Abs(weights.Sum() - 1) > 1e-9)
        {
            throw Preconditions.OutOfRange(nameof(weights), weights.Sum(), "positive weights summing to 1 within 1e-9 (the value shown is their sum)");
        }

        Preconditions.AtLeast(draws, 1, nameof(draws));
        Preconditions.AtLeast(exposures, 1, nameof(exposures));
        Preconditions.AtLeast(capacity, 1, nameof(capacity));
        Preconditions.AtLeast(replicates, 2, nameof(replicates));
        int m = weights.Count;
        var cumulative = new double[m];
        double sum = 0;
        for (int i = 0; i < m; i++)
        {
            sum += weights[i];
            cumulative[i] = sum;
        }

        var stored = new double[m, replicates];
        Replicates.Run(replicates, null, () => (new int[m], new int[m], new int[m]), (r, work) =>
        {
            (int[] counts, int[] firstSeen, int[] order) = work;
            Array.Clear(counts);
            Array.Fill(firstSeen, int.MaxValue);
            CounterRandom random = CounterRandom.Create(seed, (ulong)r);
            for (int t = 0; t < draws; t++)
            {
                int i = Array.BinarySearch(cumulative, random.Uniform((ulong)t) * sum);
                i = Math.Min(i < 0 ? ~i : i + 1, m - 1);
                counts[i]++;
                firstSeen[i] = Math.Min(firstSeen[i], t);
            }

            int eligible = 0;
            for (int i = 0; i < m; i++)
            {
                if (counts[i] >= exposures)
                {
                    order[eligible++] = i;
                }
            }

            Span<int> candidates = order.AsSpan(0, eligible);
            candidates.Sort((a, b) => counts[a] != counts[b] ? counts[b].CompareTo(counts[a]) : firstSeen[a].CompareTo(firstSeen[b]));
            for (int i = 0; i < Math.Min(capacity, eligible); i++)
            {
                stored[candidates[i], r] = 1;
            }
        }, cancellationToken);
        return FirstAppearanceLearner.Summaries(stored);
    }

    /// <summary>Returns the weight p* acquired with probability 1/2 after n draws: P(Bin(n, p*) ≥ r) = 1/2.</summary>
    /// <param name="draws">The number of draws n. Range: n ≥ r.</param>
    /// <param name="exposures">The exposures r. Range: r ≥ 1.</param>
    /// <returns>p* by bisection to double precision (60 halvings of [0, 1]).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static double Threshold(int draws, int exposures)
    {
        Preconditions.AtLeast(exposures, 1, nameof(exposures));
        Preconditions.AtLeast(draws, exposures, nameof(draws));
        double low = 0, high = 1;
        for (int i = 0; i < 60; i++)
        {
            double middle = (low + high) / 2;
            if (TailProbability(middle, draws, exposures) < 0.5)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    /// <summary>Returns the asymptotic threshold m_r/n, m_r the median of Gamma(r, 1).</summary>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <param name="exposures">The exposures r. Range: r ≥ 1.</param>
    /// <returns>m_r/n; n p*(n)/m_r → 1 with error O(1/n), and m_r = r − 1/3 + O(1/r).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static double ThresholdAsymptotic(double draws, int exposures)
    {
        ExpectedDistinct.CheckDraws(draws);
        Preconditions.AtLeast(exposures, 1, nameof(exposures));
        return SpecialFunctions.GammaLowerRegularizedInv(exposures, 0.5) / draws;
    }

    /// <summary>Returns the threshold with and without a capacity limit on a grid of n.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The grid of n. Range: non-empty, n ≥ r.</param>
    /// <param name="exposures">The exposures r. Range: r ≥ 1.</param>
    /// <param name="capacity">The capacity C, or <see langword="null"/> for none. Range: 1 ≤ C ≤ 10⁶.</param>
    /// <returns>One point per n; the floor is E[P_(C)] (<see cref="TopFrequencyLearner.RankedWeightApproximate"/>).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static ImmutableArray<ThresholdPoint> Thresholds(PitmanYorParameters parameters, IReadOnlyList<int> draws, int exposures, int? capacity = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(draws);
        double floor = capacity is { } c ? TopFrequencyLearner.RankedWeightApproximate(parameters, c) : 0;
        var builder = ImmutableArray.CreateBuilder<ThresholdPoint>(draws.Count);
        foreach (int n in draws)
        {
            double threshold = Threshold(n, exposures);
            builder.Add(new ThresholdPoint(n, threshold, ThresholdAsymptotic(n, exposures), floor, Math.Max(threshold, floor)));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>Returns the data size n_C at which the capacity floor starts to bind: m_r/E[P_(C)], asymptotically
    /// m_r (d/K_T)(Γ(1−d) C)^{1/d} ∝ C^{1/d}.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="exposures">The exposures r. Range: r ≥ 1.</param>
    /// <param name="capacity">The capacity C. Range: 1 ≤ C ≤ 10⁶.</param>
    /// <returns>n_C (real-valued).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static double CapacityCrossover(PitmanYorParameters parameters, int exposures, int capacity)
    {
        Preconditions.AtLeast(exposures, 1, nameof(exposures));
        return SpecialFunctions.GammaLowerRegularizedInv(exposures, 0.5) / TopFrequencyLearner.RankedWeightApproximate(parameters, capacity);
    }

    internal static double TailProbability(double p, int n, int r)
    {
        if (r == 0 || p >= 1)
        {
            return r <= n ? 1 : 0;
        }

        if (r > n || p <= 0)
        {
            return 0;
        }

        // Sum the smaller tail term by term from its end nearest the mode: t_{i+1}/t_i = (n−i)/(i+1) · p/(1−p). The upper tail
        // is summed when n p < r (then the result is small and keeps full relative accuracy), otherwise 1 − lower tail.
        double logOdds = Math.Log(p) - double.LogP1(-p);
        double LogTerm(int i) => SpecialFunctions.BinomialLn(n, i) + (i * Math.Log(p)) + ((n - i) * double.LogP1(-p));
        double sum = 0;
        if (n * p < r)
        {
            double term = Math.Exp(LogTerm(r));
            for (int i = r; i <= n && term > 0; i++)
            {
                sum += term;
                if (term < 1e-17 * sum)
                {
                    break;
                }

                term *= Math.Exp(Math.Log((double)(n - i) / (i + 1)) + logOdds);
            }

            return Math.Min(1, sum);
        }

        double lower = Math.Exp(LogTerm(r - 1));
        for (int i = r - 1; i >= 0 && lower > 0; i--)
        {
            sum += lower;
            if (lower < 1e-17 * sum)
            {
                break;
            }

            lower *= Math.Exp(Math.Log((double)i / (n - i + 1)) - logOdds);
        }

        return Math.Max(0, 1 - sum);
    }

    // One race: draws from the normalised weights until every entity has r hits; returns (fraction of pairs in
    // frequency order, its exact expectation given the weights).
    private static (double Concordance, double Expected) Race(ReadOnlySpan<double> p, int r, CounterRandom random)
    {
        int k = p.Length;
        var cumulative = new double[k];
        double total = 0;
        for (int i = 0; i < k; i++)
        {
            total += p[i];
            cumulative[i] = total;
        }

        var hits = new int[k];
        var time = new long[k];
        int done = 0;
        for (ulong t = 0; done < k; t++)
        {
            int i = Array.BinarySearch(cumulative, random.Uniform(t) * total);
            i = Math.Min(i < 0 ? ~i : i + 1, k - 1);
            if (++hits[i] == r)
            {
                time[i] = (long)t;
                done++;
            }
        }

        double concordant = 0, expected = 0;
        int pairs = 0;
        for (int i = 0; i < k; i++)
        {
            for (int j = i + 1; j < k; j++)
            {
                pairs++;
                concordant += time[i] < time[j] ? 1 : 0;
                expected += TailProbability(p[i] / (p[i] + p[j]), (2 * r) - 1, r);
            }
        }

        return (concordant / pairs, expected / pairs);
    }

    private static void CheckBucket(double lower, double upper)
    {
        if (!(lower > 0) || !(upper > lower) || upper > 1)
        {
            throw Preconditions.OutOfRange(nameof(lower), lower, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0 < lower < upper <= 1 (upper = {upper})"));
        }
    }

    // ∫_lower^upper h(x) (1−x)^{s−1} dx: 64 panels of 16-point Gauss–Legendre in ln x below 1/2; above 1/2 the substitution
    // u = (1−x)^s turns the possibly singular factor into the constant 1/s, so the integrand is smooth in u.
    private static double OverWeights(Func<double, double> h, double shape, double lower, double upper)
    {
        const int Panels = 64;
        double total = 0, split = Math.Clamp(0.5, lower, upper);
        if (split > lower)
        {
            double from = Math.Log(lower), width = (Math.Log(split) - from) / Panels;
            for (int i = 0; i < Panels; i++)
            {
                double a = from + (i * width);
                total += GaussLegendreRule.Integrate(t => { double x = Math.Exp(t); return h(x) * Math.Pow(1 - x, shape - 1) * x; }, a, a + width, 16);
            }
        }

        if (upper > split)
        {
            double top = Math.Pow(1 - split, shape), bottom = Math.Pow(1 - upper, shape), width = (top - bottom) / Panels;
            for (int i = 0; i < Panels; i++)
            {
                double a = bottom + (i * width);
                total += GaussLegendreRule.Integrate(u => h(1 - Math.Pow(u, 1 / shape)), a, a + width, 16) / shape;
            }
        }

        return total;
    }

}
