using System.Globalization;
using System.Numerics;
using MathNet.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Laws.Peers;

/// <summary>
/// Hutter's learning curve theory: features i are drawn i.i.d. with probabilities θᵢ, each with a deterministic label;
/// a memorising learner answers correctly exactly the features it has seen. Its expected error after n samples is
/// the mass of unseen features, Eₙ = Σᵢ θᵢ(1 − θᵢ)ⁿ.
/// </summary>
/// <remarks>
/// <para>For θᵢ = i^(−(1+α))/ζ(1+α) (Zipf, α &gt; 0): Eₙ ~ Γ(α/(1+α))/((1+α) ζ(1+α)^(1/(1+α))) · n^(−α/(1+α)),
/// relative error O(1/n) (measured: 0.375/n for α = 1). Derivation: Σ p_k e^(−n p_k) ≈ ∫ c x^(−s) e^(−n c x^(−s)) dx
/// with c = 1/ζ(s), s = 1 + α, substituting u = n c x^(−s).</para>
/// <para>Eₙ is also the probability that sample n+1 is a new feature, the analogue of the PY unseen mass
/// (θ+d)ₙ/(θ+1)ₙ ~ Γ(θ+1)/Γ(θ+d) n^(d−1) (docs/03-formulas/pitman-yor.md#probability-that-the-next-draw-is-new-unseen-mass) under α = (1 − d)/d.</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2102.04074">Hutter (2021), Learning Curve Theory, arXiv:2102.04074.</seealso>
public static class MemorisationError
{
    /// <summary>Returns Eₙ = Σᵢ θᵢ(1 − θᵢ)ⁿ exactly.</summary>
    /// <param name="features">The feature frequencies.</param>
    /// <param name="samples">The number of training samples n. Range: 0 ≤ n ≤ 100,000.</param>
    /// <returns>The exact expected error of the memorising learner (1 for n = 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is outside its range.</exception>
    /// <remarks>With θᵢ = aᵢ/D over the common denominator, Eₙ = Σ aᵢ(D − aᵢ)ⁿ / D^(n+1): one big-integer power per
    /// feature, one reduction. Cost O(m · M(n log D)).</remarks>
    public static Rational Exact(FeatureFrequencies features, int samples)
    {
        ArgumentNullException.ThrowIfNull(features);
        Preconditions.InRange(samples, 0, 100_000, nameof(samples));
        BigInteger d = features.CommonDenominator, numerator = BigInteger.Zero;
        foreach (BigInteger a in features.Numerators)
        {
            numerator += a * BigInteger.Pow(d - a, samples);
        }

        return new Rational(numerator, BigInteger.Pow(d, samples + 1));
    }

    /// <summary>Returns the expected number of distinct features in n samples, Σᵢ 1 − (1 − θᵢ)ⁿ, exactly.</summary>
    /// <param name="features">The feature frequencies.</param>
    /// <param name="samples">The number of samples n. Range: 0 ≤ n ≤ 100,000.</param>
    /// <returns>The expected number of distinct features; its increment from n to n+1 is <see cref="Exact"/>(n).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is outside its range.</exception>
    public static Rational ExpectedDistinct(FeatureFrequencies features, int samples)
    {
        ArgumentNullException.ThrowIfNull(features);
        Preconditions.InRange(samples, 0, 100_000, nameof(samples));
        BigInteger d = features.CommonDenominator, dn = BigInteger.Pow(d, samples), numerator = BigInteger.Zero;
        foreach (BigInteger a in features.Numerators)
        {
            numerator += dn - BigInteger.Pow(d - a, samples);
        }

        return new Rational(numerator, dn);
    }

    /// <summary>Returns Eₙ for the infinite Zipf law, in double precision.</summary>
    /// <param name="features">The Zipf law of the features (exponent 1 + α).</param>
    /// <param name="samples">The number of samples n. Range: 0 ≤ n ≤ 10¹².</param>
    /// <returns>Σ_k p_k(1 − p_k)ⁿ, relative error about 1e-12.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is outside its range, or so large that (n/ζ(s))^(1/s) exceeds 10⁷ (the direct part of the sum).</exception>
    public static double Approximate(ZipfLaw features, double samples)
    {
        ArgumentNullException.ThrowIfNull(features);
        CheckSamples(samples);
        return ZipfSeries.Sum(features, Math.Max(samples, 1), p => p * ZipfSeries.ComplementPower(p, samples), 1, -samples, nameof(samples));
    }

    /// <summary>Returns the leading asymptotic form Γ(α/(1+α))/((1+α) ζ(1+α)^(1/(1+α))) · n^(−α/(1+α)).</summary>
    /// <param name="features">The Zipf law of the features (exponent s = 1 + α).</param>
    /// <param name="samples">The number of samples n. Range: n ≥ 1.</param>
    /// <returns>The asymptotic error; relative error O(1/n).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is below one or not finite.</exception>
    public static double Asymptotic(ZipfLaw features, double samples)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (!(samples >= 1) || double.IsPositiveInfinity(samples))
        {
            throw Preconditions.OutOfRange(nameof(samples), samples, "1 <= samples < infinity");
        }

        return Constant(features) * Math.Pow(samples, -(1 - (1 / features.ExponentValue)));
    }

    /// <summary>Returns the constant Γ(α/(1+α))/((1+α) ζ(1+α)^(1/(1+α))) = β Γ(1 − β) ζ(s)^(−β), β = 1/s.</summary>
    /// <param name="features">The Zipf law (exponent s = 1 + α).</param>
    /// <returns>The constant of n^(−α/(1+α)).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is <see langword="null"/>.</exception>
    public static double Constant(ZipfLaw features)
    {
        ArgumentNullException.ThrowIfNull(features);
        double beta = 1 / features.ExponentValue;
        return beta * Math.Exp(SpecialFunctions.GammaLn(1 - beta) - (beta * Math.Log(features.Normalizer)));
    }

    /// <summary>
    /// Simulates the memorising learner: each replicate draws n training features, memorises them, and records its
    /// error on a fresh test feature averaged exactly over the test draw (the unseen mass of its training set).
    /// </summary>
    /// <param name="features">The feature frequencies.</param>
    /// <param name="samples">The number of training samples n. Range: n ≥ 0.</param>
    /// <param name="replicates">The number of replicates R. Range: R ≥ 2.</param>
    /// <param name="seed">The seed; replicate r uses stream r.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>The estimate of Eₙ with its standard error.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>Features are drawn by inverting the cumulative distribution in double precision (error below 1e-16 per
    /// draw). Averaging the test error over the test draw (Rao–Blackwellisation) leaves the mean unchanged and lowers
    /// the variance. Replicates run in parallel; the result does not depend on the thread count.</remarks>
    public static MonteCarloEstimate Simulate(FeatureFrequencies features, int samples, int replicates, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        Preconditions.AtLeast(samples, 0, nameof(samples));
        Preconditions.AtLeast(replicates, 2, nameof(replicates));
        double[] theta = [.. features.Probabilities.Select(p => p.ToDouble())];
        var errors = new double[replicates];
        Parallel.For(0, replicates, new ParallelOptions { CancellationToken = cancellationToken }, r =>
        {
            CounterRandom random = CounterRandom.Create(seed, (ulong)r);
            var seen = new bool[theta.Length];
            for (int i = 0; i < samples; i++)
            {
                seen[features.Sample(random.Uniform((ulong)i))] = true;
            }

            double error = 0;
            for (int k = 0; k < theta.Length; k++)
            {
                error += seen[k] ? 0 : theta[k];
            }

            errors[r] = error;
        });
        return MonteCarlo.Summarize(errors.AsSpan());
    }

    /// <summary>Simulates the memorising learner on the infinite Zipf law (same estimator as the finite overload).</summary>
    /// <param name="features">The Zipf law of the features.</param>
    /// <param name="samples">The number of training samples n. Range: 0 ≤ n ≤ 10⁷.</param>
    /// <param name="replicates">The number of replicates R. Range: R ≥ 2.</param>
    /// <param name="seed">The seed; replicate r uses stream r.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>The estimate of Eₙ with its standard error.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>Ranks are drawn by Devroye's rejection sampler; the unseen mass is 1 − Σ_{seen k} p_k.</remarks>
    public static MonteCarloEstimate Simulate(ZipfLaw features, int samples, int replicates, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        Preconditions.InRange(samples, 0, 10_000_000, nameof(samples));
        Preconditions.AtLeast(replicates, 2, nameof(replicates));
        double s = features.ExponentValue;
        var errors = new double[replicates];
        Parallel.For(0, replicates, new ParallelOptions { CancellationToken = cancellationToken }, r =>
        {
            CounterRandom random = CounterRandom.Create(seed, (ulong)r);
            ulong counter = 0;
            var ranks = new double[samples];
            for (int i = 0; i < samples; i++)
            {
                ranks[i] = features.Sample(random, ref counter);
            }

            // Sum the masses of the distinct seen ranks, smallest first for accuracy.
            Array.Sort(ranks);
            double covered = 0;
            for (int i = samples - 1; i >= 0; i--)
            {
                covered += i + 1 < samples && ranks[i] == ranks[i + 1] ? 0 : features.Probability(ranks[i]);
            }

            errors[r] = 1 - covered;
        });
        return MonteCarlo.Summarize(errors.AsSpan());
    }

    private static void CheckSamples(double samples)
    {
        if (!(samples >= 0) || samples > 1e12)
        {
            throw Preconditions.OutOfRange(nameof(samples), samples, "0 <= samples <= 1e12");
        }
    }
}

/// <summary>
/// Hutter (2021) as a peer theory: Zipf-distributed features θᵢ ∝ i^(−(1+α)) and a memorising learner, with data law
/// Eₙ ~ C n^(−α/(1+α)). The learner has unbounded memory, so the theory has no model law.
/// </summary>
/// <remarks>Immutable; build with <see cref="Create"/> or <see cref="FromDiscount"/>. Exponents are exact rationals.</remarks>
/// <seealso href="https://arxiv.org/abs/2102.04074">Hutter (2021), Learning Curve Theory.</seealso>
public sealed record HutterTheory : IScalingTheory
{
    private HutterTheory(Rational alpha)
    {
        Alpha = alpha;
        Features = ZipfLaw.Create(Rational.One + alpha);
    }

    /// <summary>Gets α, with θᵢ ∝ i^(−(1+α)). Range: 1/99 ≤ α ≤ 99 (Zipf exponent 1 + α in (1, 100]).</summary>
    public Rational Alpha { get; }

    /// <summary>Gets the Zipf law of the features (exponent 1 + α).</summary>
    public ZipfLaw Features { get; }

    /// <inheritdoc/>
    public string Name => "hutter";

    /// <inheritdoc/>
    public string Title => "Hutter (2021), learning curve theory";

    /// <inheritdoc/>
    public string Citation => "M. Hutter (2021), Learning Curve Theory, arXiv:2102.04074.";

    /// <inheritdoc/>
    public string Mapping => string.Create(CultureInfo.InvariantCulture, $"theta_i ~ i^-(1+alpha) with 1 + alpha = 1/d: alpha = {Alpha} <-> d = {ParameterMapping.DiscountFromAlpha(Alpha)}");

    /// <inheritdoc/>
    public ExponentValue DataExponent => ExponentValue.Of(ParameterMapping.HutterDataExponent(Alpha));

    /// <inheritdoc/>
    public ExponentValue? ModelExponent => null;

    /// <inheritdoc/>
    public TheoryPredictions Predictions => new(
        "a feature is known after one occurrence; features are acquired in order of frequency in expectation; acquired mass 1 - E_n",
        "a memorising learner has no answer for unseen features: its error E_n (the unseen mass) is the forced-error rate, ~ n^-(alpha/(1+alpha)); no capacity limit",
        DataExponent,
        null);

    /// <summary>Creates the theory.</summary>
    /// <param name="alpha">α. Range: 1/99 ≤ α ≤ 99.</param>
    /// <returns>The theory.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is outside its range.</exception>
    public static HutterTheory Create(Rational alpha)
    {
        if (alpha < new Rational(1, 99) || alpha > 99)
        {
            throw Preconditions.OutOfRange(nameof(alpha), alpha, "1/99 <= alpha <= 99");
        }

        return new HutterTheory(alpha);
    }

    /// <summary>Creates the theory matched to PY(d, θ): α = (1 − d)/d.</summary>
    /// <param name="discount">The discount d. Range: 1/100 ≤ d ≤ 99/100.</param>
    /// <returns>The theory.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discount"/> is outside its range.</exception>
    public static HutterTheory FromDiscount(Rational discount)
    {
        if (discount < new Rational(1, 100) || discount > new Rational(99, 100))
        {
            throw Preconditions.OutOfRange(nameof(discount), discount, "1/100 <= discount <= 99/100");
        }

        return new HutterTheory(ParameterMapping.ZipfAlpha(discount));
    }

    /// <inheritdoc/>
    public ScalingLaw DataLaw() => new(
        "data", "n (samples)", 0,
        [new ScalingTerm("unseen-features", MemorisationError.Constant(Features), DataExponent.Value, DataExponent.Exact, 0,
            "E_n = sum_i theta_i (1 - theta_i)^n ~ Gamma(alpha/(1+alpha)) / ((1+alpha) zeta(1+alpha)^(1/(1+alpha))) n^-(alpha/(1+alpha))")],
        ["Error probability of the memorising learner (0-1 loss); relative correction O(1/n).", "Valid for the infinite Zipf law; a truncated law has an exponentially small error once every feature is seen."]);

    /// <inheritdoc/>
    public ScalingLaw? ModelLaw() => null;

    /// <inheritdoc/>
    public ComputeAllocation? ComputeOptimal() => null;
}
