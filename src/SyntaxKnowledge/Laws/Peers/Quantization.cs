using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using MathNet.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Laws.Peers;

/// <summary>A simulation of quanta learning: the unlearned mass and, per quantum, how often it was learned.</summary>
/// <param name="Samples">The number of training samples D.</param>
/// <param name="UnlearnedMass">The estimate of the expected use-frequency mass of unlearned quanta (the excess loss in units of the per-quantum loss gap).</param>
/// <param name="Learned">For each quantum k (0-based), the estimate of P(quantum k is learned).</param>
public sealed record QuantaSample(int Samples, MonteCarloEstimate UnlearnedMass, ImmutableArray<MonteCarloEstimate> Learned)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(QuantaSample? other) =>
        other is not null
            && Equals(Samples, other.Samples)
            && Equals(UnlearnedMass, other.UnlearnedMass)
            && Sequence.Equal(Learned, other.Learned);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Samples);
        hash.Add(UnlearnedMass);
        hash.Add(Sequence.Hash(Learned));
        return hash.ToHashCode();
    }
}

/// <summary>
/// The quantization model of Michaud et al. (2023): the network's skills are discrete quanta k = 1, 2, … used with
/// Zipf frequencies p_k ∝ k^(−(α+1)); a quantum is learned once it has been seen τ times in training (data limit),
/// a model of N parameters holds N/c quanta and learns them in order of frequency (capacity limit). The loss is
/// L∞ + (b − a)·(mass of unlearned quanta); this class returns the unlearned mass (loss gap b − a = 1).
/// </summary>
/// <remarks>
/// <para>Capacity-limited: Σ_{k&gt;n} p_k ~ n^(−α)/(α ζ(1+α)), so L(N) − L∞ ∝ N^(−α).</para>
/// <para>Data-limited: Σ_k p_k P(Bin(D, p_k) &lt; τ) ~ β ζ(s)^(−β) Γ(1 − β) (2 − β)_(τ−1)/(τ−1)! · D^(−α/(α+1)),
/// β = 1/s = 1/(1+α) (derived as for Hutter's error, which is the case τ = 1). The PY analogue is the unacquired
/// mass of docs/03-formulas/acquisition.md#knowledge-acquisition-dynamics, whose asymptotic constant carries the same (2 − d)_(r−1)/(r−1)! factor.</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2303.13506">Michaud, Liu, Girit, Tegmark (2023), The Quantization Model of Neural Scaling, NeurIPS 2023.</seealso>
public static class QuantaLearning
{
    /// <summary>Returns the probability that quantum k is learned from D samples, P(Bin(D, p_k) ≥ τ), exactly.</summary>
    /// <param name="quanta">The quanta frequencies.</param>
    /// <param name="quantum">The quantum index k (0-based). Range: 0 ≤ k &lt; m.</param>
    /// <param name="samples">The number of samples D. Range: 0 ≤ D ≤ 20,000.</param>
    /// <param name="exposures">The exposures τ needed to learn a quantum. Range: 1 ≤ τ ≤ 1,000.</param>
    /// <returns>The exact probability; it decreases with k (learning in order of frequency).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="quanta"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static Rational LearnedProbabilityExact(FeatureFrequencies quanta, int quantum, int samples, int exposures)
    {
        ArgumentNullException.ThrowIfNull(quanta);
        Preconditions.InRange(quantum, 0, quanta.Count - 1, nameof(quantum));
        CheckData(samples, exposures);
        BigInteger d = quanta.CommonDenominator;
        return Rational.One - new Rational(BelowThreshold(quanta.Numerators[quantum], d, samples, exposures), BigInteger.Pow(d, samples));
    }

    /// <summary>Returns the expected unlearned mass after D samples with unlimited capacity, Σ_k p_k P(Bin(D, p_k) &lt; τ), exactly.</summary>
    /// <param name="quanta">The quanta frequencies.</param>
    /// <param name="samples">The number of samples D. Range: 0 ≤ D ≤ 20,000.</param>
    /// <param name="exposures">The exposures τ needed to learn a quantum. Range: 1 ≤ τ ≤ 1,000.</param>
    /// <returns>The exact expected unlearned mass; for τ = 1 it is Hutter's <see cref="MemorisationError.Exact"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="quanta"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static Rational UnlearnedMassExact(FeatureFrequencies quanta, int samples, int exposures)
    {
        ArgumentNullException.ThrowIfNull(quanta);
        CheckData(samples, exposures);
        BigInteger d = quanta.CommonDenominator, numerator = BigInteger.Zero;
        foreach (BigInteger a in quanta.Numerators)
        {
            numerator += a * BelowThreshold(a, d, samples, exposures);
        }

        return new Rational(numerator, BigInteger.Pow(d, samples + 1));
    }

    /// <summary>Returns the unlearned mass of a model that holds the n most frequent quanta (data unlimited), Σ_{k&gt;n} p_k, exactly.</summary>
    /// <param name="quanta">The quanta frequencies.</param>
    /// <param name="capacity">The number of quanta the model holds, n = N/c. Range: n ≥ 0.</param>
    /// <returns>The exact tail mass (0 when n ≥ m).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="quanta"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public static Rational CapacityLimitedExact(FeatureFrequencies quanta, int capacity)
    {
        ArgumentNullException.ThrowIfNull(quanta);
        Preconditions.AtLeast(capacity, 0, nameof(capacity));
        return Rational.Sum(quanta.Probabilities.Skip(capacity));
    }

    /// <summary>Returns the expected unlearned mass after D samples for the infinite Zipf law, in double precision.</summary>
    /// <param name="quanta">The Zipf law of the quanta (exponent 1 + α).</param>
    /// <param name="samples">The number of samples D. Range: 0 ≤ D ≤ 10¹².</param>
    /// <param name="exposures">The exposures τ. Range: 1 ≤ τ ≤ 1,000.</param>
    /// <returns>Σ_k p_k P(Bin(D, p_k) &lt; τ), relative error about 1e-11.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="quanta"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range, or <paramref name="samples"/> is so large that (D/ζ(s))^(1/s) exceeds 10⁷ (the direct part of the sum).</exception>
    /// <remarks>The binomial lower tail is summed term by term in log space.</remarks>
    public static double UnlearnedMass(ZipfLaw quanta, double samples, int exposures)
    {
        ArgumentNullException.ThrowIfNull(quanta);
        if (!(samples >= 0) || samples > 1e12)
        {
            throw Preconditions.OutOfRange(nameof(samples), samples, "0 <= samples <= 1e12");
        }

        Preconditions.InRange(exposures, 1, 1_000, nameof(exposures));
        // ln C(D, j) by the product (D − j + 1)/j: no cancellation of large log-gammas.
        double[] lnBinomial = new double[(int)Math.Min(exposures, Math.Floor(samples) + 1)];
        for (int j = 1; j < lnBinomial.Length; j++)
        {
            lnBinomial[j] = lnBinomial[j - 1] + Math.Log((samples - j + 1) / j);
        }

        double Below(double p)
        {
            double lnQ = ZipfSeries.LogOnePlus(-p), lnP = Math.Log(p), total = 0;
            for (int j = 0; j < lnBinomial.Length; j++)
            {
                total += Math.Exp(lnBinomial[j] + (j * lnP) + ((samples - j) * lnQ));
            }

            return Math.Min(total, 1);
        }

        double h2 = exposures == 1 ? -samples : 0;
        return ZipfSeries.Sum(quanta, Math.Max(samples, 1), p => p * Below(p), 1, h2, nameof(samples));
    }

    /// <summary>Returns the capacity-limited unlearned mass Σ_{k&gt;n} p_k of the infinite Zipf law.</summary>
    /// <param name="quanta">The Zipf law of the quanta.</param>
    /// <param name="capacity">The number of quanta held, n. Range: n ≥ 0.</param>
    /// <returns>The tail mass, relative error below 1e-13.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="quanta"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative or not finite.</exception>
    public static double CapacityLimited(ZipfLaw quanta, double capacity)
    {
        ArgumentNullException.ThrowIfNull(quanta);
        return quanta.TailMass(capacity);
    }

    /// <summary>Returns the data-law constant β ζ(s)^(−β) Γ(1 − β) (2 − β)_(τ−1)/(τ−1)!, β = 1/s.</summary>
    /// <param name="quanta">The Zipf law (exponent s = 1 + α).</param>
    /// <param name="exposures">The exposures τ. Range: 1 ≤ τ ≤ 1,000.</param>
    /// <returns>The constant of D^(−α/(α+1)).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="quanta"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exposures"/> is outside its range.</exception>
    public static double DataConstant(ZipfLaw quanta, int exposures)
    {
        ArgumentNullException.ThrowIfNull(quanta);
        Preconditions.InRange(exposures, 1, 1_000, nameof(exposures));
        double beta = 1 / quanta.ExponentValue;
        double lnRising = SpecialFunctions.GammaLn(2 - beta + exposures - 1) - SpecialFunctions.GammaLn(2 - beta) - SpecialFunctions.GammaLn(exposures);
        return beta * Math.Exp(SpecialFunctions.GammaLn(1 - beta) - (beta * Math.Log(quanta.Normalizer)) + lnRising);
    }

    /// <summary>Returns the model-law constant 1/(α ζ(1 + α)) (per quantum held; multiply by c^α for N = c·n parameters).</summary>
    /// <param name="quanta">The Zipf law (exponent s = 1 + α).</param>
    /// <returns>The constant of n^(−α).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="quanta"/> is <see langword="null"/>.</exception>
    public static double ModelConstant(ZipfLaw quanta)
    {
        ArgumentNullException.ThrowIfNull(quanta);
        return 1 / ((quanta.ExponentValue - 1) * quanta.Normalizer);
    }

    /// <summary>
    /// Simulates training: D samples of quanta are drawn; a quantum seen at least τ times is learnable; a model that
    /// holds at most n quanta keeps the learnable quanta with the highest counts (ties to the more frequent quantum).
    /// </summary>
    /// <param name="quanta">The quanta frequencies.</param>
    /// <param name="samples">The number of samples D. Range: D ≥ 0.</param>
    /// <param name="exposures">The exposures τ. Range: 1 ≤ τ ≤ 1,000.</param>
    /// <param name="capacity">The number of quanta the model holds, or <see langword="null"/> for unlimited. Range: n ≥ 0.</param>
    /// <param name="replicates">The number of replicates R. Range: R ≥ 2.</param>
    /// <param name="seed">The seed; replicate r uses stream r.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>The unlearned mass and per-quantum learning frequencies.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="quanta"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>With unlimited capacity the expected unlearned mass is <see cref="UnlearnedMassExact"/>; with D → ∞ it
    /// tends to <see cref="CapacityLimitedExact"/>. Replicates run in parallel; results do not depend on the thread count.</remarks>
    public static QuantaSample Simulate(FeatureFrequencies quanta, int samples, int exposures, int? capacity, int replicates, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(quanta);
        Preconditions.AtLeast(samples, 0, nameof(samples));
        Preconditions.InRange(exposures, 1, 1_000, nameof(exposures));
        if (capacity is { } c)
        {
            Preconditions.AtLeast(c, 0, nameof(capacity));
        }

        Preconditions.AtLeast(replicates, 2, nameof(replicates));
        int m = quanta.Count;
        double[] p = [.. quanta.Probabilities.Select(x => x.ToDouble())];
        var unlearned = new double[replicates];
        var learned = new double[m][];
        for (int k = 0; k < m; k++)
        {
            learned[k] = new double[replicates];
        }

        Parallel.For(0, replicates, new ParallelOptions { CancellationToken = cancellationToken }, r =>
        {
            CounterRandom random = CounterRandom.Create(seed, (ulong)r);
            var counts = new int[m];
            for (int i = 0; i < samples; i++)
            {
                counts[quanta.Sample(random.Uniform((ulong)i))]++;
            }

            IEnumerable<int> learnable = Enumerable.Range(0, m).Where(k => counts[k] >= exposures);
            if (capacity is { } limit)
            {
                learnable = learnable.OrderByDescending(k => counts[k]).ThenBy(k => k).Take(limit);
            }

            var isLearned = new bool[m];
            foreach (int k in learnable)
            {
                isLearned[k] = true;
            }

            double mass = 0;
            for (int k = m - 1; k >= 0; k--)
            {
                mass += isLearned[k] ? 0 : p[k];
                learned[k][r] = isLearned[k] ? 1 : 0;
            }

            unlearned[r] = mass;
        });
        return new QuantaSample(samples, MonteCarlo.Summarize(unlearned.AsSpan()), [.. learned.Select(x => MonteCarlo.Summarize(x.AsSpan()))]);
    }

    // Σ_{j<τ} C(D, j) a^j (Den − a)^(D−j): the numerator of P(Bin(D, a/Den) < τ) over Den^D.
    private static BigInteger BelowThreshold(BigInteger a, BigInteger denominator, int samples, int exposures)
    {
        BigInteger total = BigInteger.Zero, binomial = BigInteger.One, rest = denominator - a;
        int top = Math.Min(exposures - 1, samples);
        for (int j = 0; j <= top; j++)
        {
            total += binomial * BigInteger.Pow(a, j) * BigInteger.Pow(rest, samples - j);
            binomial = binomial * (samples - j) / (j + 1);
        }

        return total;
    }

    private static void CheckData(int samples, int exposures)
    {
        Preconditions.InRange(samples, 0, 20_000, nameof(samples));
        Preconditions.InRange(exposures, 1, 1_000, nameof(exposures));
    }
}

/// <summary>
/// Michaud et al. (2023) as a peer theory: quanta used with frequencies ∝ k^(−(α+1)), learned in order of frequency.
/// Model law ∝ N^(−α) (N = c·n parameters for n quanta), data law ∝ D^(−α/(α+1)); loss in units of the per-quantum
/// loss gap b − a.
/// </summary>
/// <remarks>Immutable; build with <see cref="Create"/> or <see cref="FromDiscount"/>. Exponents are exact rationals.</remarks>
/// <seealso href="https://arxiv.org/abs/2303.13506">Michaud, Liu, Girit, Tegmark (2023), The Quantization Model of Neural Scaling.</seealso>
public sealed record QuantizationTheory : IScalingTheory
{
    private QuantizationTheory(Rational alpha, int exposures, double parametersPerQuantum)
    {
        Alpha = alpha;
        Exposures = exposures;
        ParametersPerQuantum = parametersPerQuantum;
        Quanta = ZipfLaw.Create(Rational.One + alpha);
    }

    /// <summary>Gets α, with use frequencies p_k ∝ k^(−(α+1)). Range: 1/99 ≤ α ≤ 99.</summary>
    public Rational Alpha { get; }

    /// <summary>Gets τ, the number of exposures needed to learn a quantum. Range: τ ≥ 1.</summary>
    public int Exposures { get; }

    /// <summary>Gets c, the parameters needed per quantum (N = c·n). Range: c &gt; 0.</summary>
    public double ParametersPerQuantum { get; }

    /// <summary>Gets the Zipf law of the quanta.</summary>
    public ZipfLaw Quanta { get; }

    /// <inheritdoc/>
    public string Name => "quantization";

    /// <inheritdoc/>
    public string Title => "Michaud et al. (2023), quantization model";

    /// <inheritdoc/>
    public string Citation => "E. J. Michaud, Z. Liu, U. Girit, M. Tegmark (2023), The Quantization Model of Neural Scaling, NeurIPS 2023, arXiv:2303.13506.";

    /// <inheritdoc/>
    public string Mapping => string.Create(CultureInfo.InvariantCulture, $"p_k ~ k^-(alpha+1) with alpha + 1 = 1/d: alpha = {Alpha} <-> d = {ParameterMapping.DiscountFromAlpha(Alpha)}; parameters N = c * quanta, c = {ParametersPerQuantum:G6}");

    /// <inheritdoc/>
    public ExponentValue DataExponent => ExponentValue.Of(ParameterMapping.QuantizationDataExponent(Alpha));

    /// <inheritdoc/>
    public ExponentValue? ModelExponent => ExponentValue.Of(ParameterMapping.QuantizationModelExponent(Alpha));

    /// <inheritdoc/>
    public TheoryPredictions Predictions => new(
        string.Create(CultureInfo.InvariantCulture, $"quanta are learned in order of use frequency: from data once seen tau = {Exposures} times (threshold frequency ~ tau/D), with capacity the N/c most frequent"),
        "unlearned quanta incur the loss gap b - a; their mass (the error on inputs that need them) falls as D^-(alpha/(alpha+1)) and N^-alpha; no calibrated-abstention mechanism",
        DataExponent,
        ModelExponent);

    /// <summary>Creates the theory.</summary>
    /// <param name="alpha">α. Range: 1/99 ≤ α ≤ 99.</param>
    /// <param name="exposures">τ. Range: 1 ≤ τ ≤ 1,000.</param>
    /// <param name="parametersPerQuantum">c. Range: 0 &lt; c &lt; ∞.</param>
    /// <returns>The theory.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static QuantizationTheory Create(Rational alpha, int exposures = 1, double parametersPerQuantum = 1)
    {
        if (alpha < new Rational(1, 99) || alpha > 99)
        {
            throw Preconditions.OutOfRange(nameof(alpha), alpha, "1/99 <= alpha <= 99");
        }

        Preconditions.InRange(exposures, 1, 1_000, nameof(exposures));
        Preconditions.Positive(parametersPerQuantum, nameof(parametersPerQuantum));
        return new QuantizationTheory(alpha, exposures, parametersPerQuantum);
    }

    /// <summary>Creates the theory matched to PY(d, θ): α = (1 − d)/d.</summary>
    /// <param name="discount">The discount d. Range: 1/100 ≤ d ≤ 99/100.</param>
    /// <param name="exposures">τ. Range: 1 ≤ τ ≤ 1,000.</param>
    /// <returns>The theory with c = 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static QuantizationTheory FromDiscount(Rational discount, int exposures = 1)
    {
        if (discount < new Rational(1, 100) || discount > new Rational(99, 100))
        {
            throw Preconditions.OutOfRange(nameof(discount), discount, "1/100 <= discount <= 99/100");
        }

        return Create(ParameterMapping.ZipfAlpha(discount), exposures);
    }

    /// <inheritdoc/>
    public ScalingLaw DataLaw() => new(
        "data", "D (samples)", 0,
        [new ScalingTerm("unlearned-quanta", QuantaLearning.DataConstant(Quanta, Exposures), DataExponent.Value, DataExponent.Exact, 0,
            "sum_k p_k P(Bin(D, p_k) < tau) ~ beta zeta(s)^-beta Gamma(1-beta) (2-beta)_(tau-1)/(tau-1)! D^-(alpha/(alpha+1)), beta = 1/(1+alpha)")],
        ["Excess loss in units of the per-quantum loss gap b - a; capacity unlimited; relative correction O(1/D)."]);

    /// <inheritdoc/>
    public ScalingLaw? ModelLaw() => new(
        "model", "N (parameters)", 0,
        [new ScalingTerm("unheld-quanta", QuantaLearning.ModelConstant(Quanta) * Math.Pow(ParametersPerQuantum, Alpha.ToDouble()), Alpha.ToDouble(), Alpha, 0,
            "sum_{k > N/c} p_k ~ c^alpha / (alpha zeta(1+alpha)) N^-alpha")],
        ["Excess loss in units of the per-quantum loss gap b - a; data unlimited; relative correction O(c/N)."]);

    /// <inheritdoc/>
    public ComputeAllocation? ComputeOptimal()
    {
        ScalingLaw model = ModelLaw()!, data = DataLaw();
        return ComputeAllocation.Derive(ModelExponent!, DataExponent, model.Terms[0].Constant, data.Terms[0].Constant, 1, "N (parameters)", "D (samples)",
            "minimise A N^-alpha + B D^-(alpha/(alpha+1)) on N D = F (derived here; Michaud et al. give the two exponents)");
    }
}
