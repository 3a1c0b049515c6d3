using System.Globalization;
using MathNet.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Laws.Peers;

/// <summary>A simulation of the Santa Fe process: Heaps' law, Hilberg's law and the excess code length.</summary>
/// <param name="Draws">The block length n.</param>
/// <param name="Distinct">The number of distinct pairs (k, Z_k) in X₁..Xₙ (Heaps' law).</param>
/// <param name="MutualInformationBits">L(X_{n+1..2n}) − L(X_{n+1..2n} | X_{1..n}) in bits under the Bayes code: an unbiased estimate of the block mutual information (Hilberg's law).</param>
/// <param name="NewPairBits">The code length in bits of the knowledge part of X_{n+1} given X₁..Xₙ (1 when K_{n+1} is new, else 0): the excess loss per token.</param>
public sealed record SantaFeSample(int Draws, MonteCarloEstimate Distinct, MonteCarloEstimate MutualInformationBits, MonteCarloEstimate NewPairBits);

/// <summary>
/// Dębowski's Santa Fe process: Xₜ = (Kₜ, Z_{Kₜ}) with the narration Kₜ i.i.d. Zipf, P(K = k) = k^(−1/β)/ζ(1/β),
/// and the time-independent knowledge Z_k i.i.d. fair bits drawn once per world. Heaps' law (distinct facts
/// ~ n^β) and Hilberg's law (block mutual information ~ n^β) hold with the same β ∈ (0, 1).
/// </summary>
/// <remarks>
/// <para>Exact identities (derived from the Bayes code with a uniform prior on the bits: a pair (k, z) costs −log₂ p_k
/// bits plus 1 bit the first time k occurs): E[Vₙ] = Σ_k 1 − (1 − p_k)ⁿ distinct pairs, and
/// I(X_{1..n}; X_{n+1..2n}) = Σ_k (1 − (1 − p_k)ⁿ)² = 2 E[Vₙ] − E[V₂ₙ] bits (the expected number of facts revealed
/// in both blocks). The excess code length of token n+1 is P(K_{n+1} new) = Σ_k p_k (1 − p_k)ⁿ bits.</para>
/// <para>Asymptotically (Karlin 1967): E[Vₙ] ~ Γ(1 − β) ζ(1/β)^(−β) nᵝ and I ~ (2 − 2ᵝ) Γ(1 − β) ζ(1/β)^(−β) nᵝ,
/// relative error O(n^(−β)); the excess loss per token ~ β Γ(1 − β) ζ(1/β)^(−β) n^(−(1−β)) bits.</para>
/// <para>The Syntax-Knowledge analogue: narration = entity draws, knowledge = facts; with β = d the same exponents
/// govern Heaps' law E[Kₙ] ~ nᵈ and the redundancy ~ nᵈ (docs/03-formulas/pitman-yor.md#expected-number-of-distinct-elements-heaps-law, docs/03-formulas/data-scaling.md#data-scaling-law-and-redundancy).</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2302.09049">Dębowski (2023), A Simplistic Model of Neural Scaling Laws: Multiperiodic Santa Fe Processes (also: Dębowski 2011, IEEE Trans. Inf. Theory 57(7); Dębowski 2021, Information Theory Meets Power Laws, Wiley).</seealso>
public static class SantaFeProcess
{
    /// <summary>Returns the expected number of distinct pairs (k, Z_k) among n draws, Σ_k 1 − (1 − p_k)ⁿ.</summary>
    /// <param name="narration">The Zipf law of the narration (exponent 1/β).</param>
    /// <param name="draws">The number of draws n. Range: 0 ≤ n ≤ 10¹².</param>
    /// <returns>E[Vₙ], relative error about 1e-12.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="narration"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is outside its range, or so large that (n/ζ(s))^(1/s) exceeds 10⁷ (the direct part of the sum).</exception>
    public static double ExpectedDistinct(ZipfLaw narration, double draws)
    {
        ArgumentNullException.ThrowIfNull(narration);
        CheckDraws(draws);
        return ZipfSeries.Sum(narration, Math.Max(draws, 1), p => -ZipfSeries.ExpMinusOne(draws * ZipfSeries.LogOnePlus(-p)), draws, -draws * (draws - 1) / 2, nameof(draws));
    }

    /// <summary>Returns the block mutual information I(X_{1..n}; X_{n+1..2n}) = Σ_k (1 − (1 − p_k)ⁿ)² in bits.</summary>
    /// <param name="narration">The Zipf law of the narration (exponent 1/β).</param>
    /// <param name="draws">The block length n. Range: 0 ≤ n ≤ 10¹².</param>
    /// <returns>The mutual information in bits, relative error about 1e-11.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="narration"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is outside its range, or so large that (n/ζ(s))^(1/s) exceeds 10⁷ (the direct part of the sum).</exception>
    public static double MutualInformationBits(ZipfLaw narration, double draws)
    {
        ArgumentNullException.ThrowIfNull(narration);
        CheckDraws(draws);
        return ZipfSeries.Sum(narration, Math.Max(draws, 1), p =>
        {
            double seen = -ZipfSeries.ExpMinusOne(draws * ZipfSeries.LogOnePlus(-p));
            return seen * seen;
        }, 0, draws * draws, nameof(draws));
    }

    /// <summary>Returns the expected excess code length of token n+1, P(K_{n+1} ∉ {K₁..Kₙ}) = Σ_k p_k(1 − p_k)ⁿ, in bits.</summary>
    /// <param name="narration">The Zipf law of the narration (exponent 1/β).</param>
    /// <param name="draws">The number of earlier draws n. Range: 0 ≤ n ≤ 10¹².</param>
    /// <returns>The excess bits per token (one unknown fair bit times the probability that it is needed).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="narration"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is outside its range, or so large that (n/ζ(s))^(1/s) exceeds 10⁷ (the direct part of the sum).</exception>
    public static double ExcessBits(ZipfLaw narration, double draws) => MemorisationError.Approximate(narration, draws);

    /// <summary>Returns Heaps' law: the asymptotic E[Vₙ] ~ Γ(1 − β) ζ(1/β)^(−β) nᵝ.</summary>
    /// <param name="narration">The Zipf law of the narration (exponent 1/β).</param>
    /// <param name="draws">n. Range: n ≥ 1.</param>
    /// <returns>The leading term; relative error O(n^(−β)).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="narration"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is below one or not finite.</exception>
    public static double ExpectedDistinctAsymptotic(ZipfLaw narration, double draws)
    {
        ArgumentNullException.ThrowIfNull(narration);
        CheckAsymptotic(draws);
        return HeapsConstant(narration) * Math.Pow(draws, 1 / narration.ExponentValue);
    }

    /// <summary>Returns Hilberg's law: the asymptotic I ~ (2 − 2ᵝ) Γ(1 − β) ζ(1/β)^(−β) nᵝ bits.</summary>
    /// <param name="narration">The Zipf law of the narration (exponent 1/β).</param>
    /// <param name="draws">n. Range: n ≥ 1.</param>
    /// <returns>The leading term in bits; relative error O(n^(−β)).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="narration"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is below one or not finite.</exception>
    public static double MutualInformationAsymptotic(ZipfLaw narration, double draws)
    {
        ArgumentNullException.ThrowIfNull(narration);
        CheckAsymptotic(draws);
        double beta = 1 / narration.ExponentValue;
        return (2 - Math.Pow(2, beta)) * HeapsConstant(narration) * Math.Pow(draws, beta);
    }

    /// <summary>Returns Γ(1 − β) ζ(1/β)^(−β), the constant of Heaps' law.</summary>
    /// <param name="narration">The Zipf law of the narration (exponent 1/β).</param>
    /// <returns>The constant.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="narration"/> is <see langword="null"/>.</exception>
    public static double HeapsConstant(ZipfLaw narration)
    {
        ArgumentNullException.ThrowIfNull(narration);
        double beta = 1 / narration.ExponentValue;
        return Math.Exp(SpecialFunctions.GammaLn(1 - beta) - (beta * Math.Log(narration.Normalizer)));
    }

    /// <summary>
    /// Simulates independent worlds: each draws a narration of 2n Zipf ranks and records the distinct pairs (k, Z_k) in
    /// the first block, the Bayes-code mutual information between the two blocks and the knowledge bits of token n+1.
    /// </summary>
    /// <param name="narration">The Zipf law of the narration (exponent 1/β).</param>
    /// <param name="draws">The block length n. Range: 1 ≤ n ≤ 10⁷.</param>
    /// <param name="replicates">The number of worlds R. Range: R ≥ 2.</param>
    /// <param name="seed">The seed; world r uses stream r.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>Estimates with standard errors.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="narration"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>
    /// <para>Code lengths follow the Bayes decoder that knows the narration law and a uniform prior on the bits: it pays
    /// −log₂ p_k for k and 1 bit for z unless it has seen k before (then z is certain, because Z_k is fixed in a world).
    /// The value of a bit never changes a code length, and within a world Z_k is a function of k, so the simulation
    /// draws the narration only: distinct pairs are distinct ranks, and the mutual information
    /// L(block 2) − L(block 2 | block 1) is the number of distinct ranks of block 2 also seen in block 1 (the
    /// narration bits cancel exactly).</para>
    /// <para>Ranks are doubles from Devroye's sampler (exact below 2⁵³). Worlds run in parallel; results do not depend
    /// on the thread count.</para>
    /// </remarks>
    public static SantaFeSample Simulate(ZipfLaw narration, int draws, int replicates, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(narration);
        Preconditions.InRange(draws, 1, 10_000_000, nameof(draws));
        Preconditions.AtLeast(replicates, 2, nameof(replicates));
        double s = narration.ExponentValue, lnZeta = Math.Log(narration.Normalizer);
        var distinct = new double[replicates];
        var information = new double[replicates];
        var fresh = new double[replicates];
        Parallel.For(0, replicates, new ParallelOptions { CancellationToken = cancellationToken }, r =>
        {
            CounterRandom narrator = CounterRandom.Create(seed, (ulong)r);
            ulong counter = 0;
            double[] first = new double[draws], second = new double[draws];
            for (int t = 0; t < draws; t++)
            {
                first[t] = narration.Sample(narrator, ref counter);
            }

            for (int t = 0; t < draws; t++)
            {
                second[t] = narration.Sample(narrator, ref counter);
            }

            fresh[r] = Array.BinarySearch(Sorted(first), second[0]) >= 0 ? 0 : 1;
            double narrationBits = 0;
            foreach (double k in second)
            {
                narrationBits += ((s * Math.Log(k)) + lnZeta) / Math.Log(2);
            }

            // Bayes code lengths of block 2: narration bits plus one bit per first occurrence of a rank, counted
            // alone and after block 1 (a rank seen in block 1 has a known bit).
            int distinctSecond = 0, newAfterFirst = 0;
            Array.Sort(second);
            for (int t = 0; t < draws; t++)
            {
                if (t > 0 && second[t] == second[t - 1])
                {
                    continue;
                }

                distinctSecond++;
                newAfterFirst += Array.BinarySearch(first, second[t]) >= 0 ? 0 : 1;
            }

            distinct[r] = Distinct(first);
            information[r] = (narrationBits + distinctSecond) - (narrationBits + newAfterFirst);
        });
        return new SantaFeSample(draws, MonteCarlo.Summarize(distinct.AsSpan()), MonteCarlo.Summarize(information.AsSpan()), MonteCarlo.Summarize(fresh.AsSpan()));
    }

    private static double[] Sorted(double[] values)
    {
        Array.Sort(values);
        return values;
    }

    // The number of distinct values of a sorted array.
    private static int Distinct(double[] sorted)
    {
        int count = sorted.Length == 0 ? 0 : 1;
        for (int i = 1; i < sorted.Length; i++)
        {
            count += sorted[i] == sorted[i - 1] ? 0 : 1;
        }

        return count;
    }

    private static void CheckDraws(double draws)
    {
        if (!(draws >= 0) || draws > 1e12)
        {
            throw Preconditions.OutOfRange(nameof(draws), draws, "0 <= draws <= 1e12");
        }
    }

    private static void CheckAsymptotic(double draws)
    {
        if (!(draws >= 1) || double.IsPositiveInfinity(draws))
        {
            throw Preconditions.OutOfRange(nameof(draws), draws, "1 <= draws < infinity");
        }
    }
}

/// <summary>
/// Dębowski's Santa Fe process as a peer theory: narration Kₜ ~ Zipf(1/β), knowledge Z_k fixed fair bits. Its data
/// law is the excess code length per token, β Γ(1 − β) ζ(1/β)^(−β) ln 2 · n^(−(1−β)) nats; its model law (our
/// extension: a model that stores the C most frequent facts) is ln 2 · Σ_{k&gt;C} p_k ~ C^(−(1−β)/β).
/// </summary>
/// <remarks>Immutable; build with <see cref="Create"/> or <see cref="FromDiscount"/>. Exponents are exact rationals.</remarks>
/// <seealso href="https://arxiv.org/abs/2302.09049">Dębowski (2023), A Simplistic Model of Neural Scaling Laws: Multiperiodic Santa Fe Processes.</seealso>
public sealed record SantaFeTheory : IScalingTheory
{
    private SantaFeTheory(Rational hilbergExponent)
    {
        HilbergExponent = hilbergExponent;
        Narration = ZipfLaw.Create(hilbergExponent.Reciprocal());
    }

    /// <summary>Gets β, the exponent of Heaps' and Hilberg's laws. Range: 1/100 ≤ β ≤ 99/100.</summary>
    public Rational HilbergExponent { get; }

    /// <summary>Gets the Zipf law of the narration (exponent 1/β).</summary>
    public ZipfLaw Narration { get; }

    /// <inheritdoc/>
    public string Name => "santa-fe";

    /// <inheritdoc/>
    public string Title => "Debowski, Santa Fe process (narration + knowledge)";

    /// <inheritdoc/>
    public string Citation => "L. Debowski (2011), On the vocabulary of grammar-based codes and the logical consistency of texts, IEEE Trans. Inf. Theory 57(7); L. Debowski (2021), Information Theory Meets Power Laws, Wiley; L. Debowski (2023), A Simplistic Model of Neural Scaling Laws: Multiperiodic Santa Fe Processes, arXiv:2302.09049.";

    /// <inheritdoc/>
    public string Mapping => string.Create(CultureInfo.InvariantCulture, $"K ~ Zipf(1/beta) with 1/beta = 1/d: beta = d = {HilbergExponent}; Z_k = facts, K_t = narration (entity draws)");

    /// <inheritdoc/>
    public ExponentValue DataExponent => ExponentValue.Of(ParameterMapping.SantaFeDataExponent(HilbergExponent));

    /// <inheritdoc/>
    public ExponentValue? ModelExponent => ExponentValue.Of((Rational.One - HilbergExponent) / HilbergExponent);

    /// <summary>Gets the exponent β of Heaps' law (distinct facts ~ nᵝ) and Hilberg's law (block mutual information ~ nᵝ).</summary>
    public ExponentValue HeapsExponent => ExponentValue.Of(HilbergExponent);

    /// <inheritdoc/>
    public TheoryPredictions Predictions => new(
        "a fact Z_k is known after the first occurrence of k; distinct facts grow as n^beta (Heaps) and the knowledge shared by two blocks as n^beta (Hilberg)",
        "a predictor that has not seen k must guess the bit Z_k: wrong with probability 1/2, so its forced-error rate is P(K new)/2 ~ n^-(1-beta); storing the C most frequent facts leaves C^-((1-beta)/beta)",
        DataExponent,
        ModelExponent);

    /// <summary>Creates the theory.</summary>
    /// <param name="hilbergExponent">β. Range: 1/100 ≤ β ≤ 99/100.</param>
    /// <returns>The theory.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hilbergExponent"/> is outside its range.</exception>
    public static SantaFeTheory Create(Rational hilbergExponent)
    {
        if (hilbergExponent < new Rational(1, 100) || hilbergExponent > new Rational(99, 100))
        {
            throw Preconditions.OutOfRange(nameof(hilbergExponent), hilbergExponent, "1/100 <= hilbergExponent <= 99/100");
        }

        return new SantaFeTheory(hilbergExponent);
    }

    /// <summary>Creates the theory matched to PY(d, θ): β = d.</summary>
    /// <param name="discount">The discount d. Range: 1/100 ≤ d ≤ 99/100.</param>
    /// <returns>The theory.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discount"/> is outside its range.</exception>
    public static SantaFeTheory FromDiscount(Rational discount)
    {
        if (discount < new Rational(1, 100) || discount > new Rational(99, 100))
        {
            throw Preconditions.OutOfRange(nameof(discount), discount, "1/100 <= discount <= 99/100");
        }

        return new SantaFeTheory(ParameterMapping.HilbergExponent(discount));
    }

    /// <inheritdoc/>
    public ScalingLaw DataLaw() => new(
        "data", "n (tokens)", 0,
        [new ScalingTerm("new-facts", Math.Log(2) * MemorisationError.Constant(Narration), DataExponent.Value, DataExponent.Exact, 0,
            "ln 2 * P(K_{n+1} new) ~ ln 2 * beta Gamma(1-beta) zeta(1/beta)^-beta n^-(1-beta)")],
        ["Excess loss per token in nats of the Bayes predictor over the world that knows every Z_k; relative correction O(1/n).",
         "Redundancy (cumulative excess) = E[V_n] ln 2 ~ n^beta: Heaps' law of facts; block mutual information ~ (2 - 2^beta) E[V_n] bits: Hilberg's law."]);

    /// <inheritdoc/>
    public ScalingLaw? ModelLaw() => new(
        "model", "C (facts stored)", 0,
        [new ScalingTerm("unstored-facts", Math.Log(2) * QuantaLearning.ModelConstant(Narration), ModelExponent!.Value, ModelExponent.Exact, 0,
            "ln 2 * sum_{k > C} p_k ~ ln 2 * beta/((1-beta) zeta(1/beta)) C^-((1-beta)/beta) (a model storing the C most frequent facts; our extension)")],
        ["Data unlimited; relative correction O(1/C)."]);

    /// <inheritdoc/>
    public ComputeAllocation? ComputeOptimal()
    {
        ScalingLaw model = ModelLaw()!, data = DataLaw();
        return ComputeAllocation.Derive(ModelExponent!, DataExponent, model.Terms[0].Constant, data.Terms[0].Constant, 1, "C (facts stored)", "n (tokens)",
            "minimise both terms on C n = F (our extension: the Santa Fe process fixes the exponents, the storage model is ours)");
    }
}
