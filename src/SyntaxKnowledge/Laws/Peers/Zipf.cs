using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using MathNet.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Laws.Peers;

/// <summary>
/// The Zipf law on the positive integers, p_k = k^(−s)/ζ(s) for k ≥ 1, with exponent s &gt; 1: the frequencies of
/// Hutter's features, Michaud et al.'s quanta and the Santa Fe process's facts.
/// </summary>
/// <remarks>
/// <para>The exponent is exact (a rational); ζ(s) and every probability are doubles. ζ(s) and tail sums
/// Σ_{k≥M} k^(−s) are evaluated by the Euler–Maclaurin formula with Bernoulli terms up to B₁₄ after 16 direct
/// terms: relative error below 1e-14 for 1 &lt; s ≤ 100 (tested against stdlib-Python references).</para>
/// <para>The ranked weights of PY(d, θ) decay as k^(−1/d), so <see cref="FromDiscount"/> gives the Zipf law with
/// s = 1/d (docs/03-formulas/pitman-yor.md#uncovered-mass-tc-stick-breaking).</para>
/// <para>Immutable; build with <see cref="Create"/> or <see cref="FromDiscount"/>, which validate. Equality compares
/// the exponent.</para>
/// </remarks>
/// <seealso href="https://doi.org/10.1007/978-1-4613-8643-8">Devroye (1986), Non-Uniform Random Variate Generation, §X.6 (the sampler).</seealso>
public sealed record ZipfLaw
{
    private const int DirectTerms = 16;

    // B_{2j}/(2j)! for j = 1..7.
    private static readonly double[] BernoulliOverFactorial =
    [
        1.0 / 6 / 2,
        -1.0 / 30 / 24,
        1.0 / 42 / 720,
        -1.0 / 30 / 40_320,
        5.0 / 66 / 3_628_800,
        -691.0 / 2730 / 479_001_600,
        7.0 / 6 / 87_178_291_200,
    ];

    private const int HeadRanks = 4_096;

    // Cumulative probabilities of ranks 1..4096 (for sampling).
    private readonly double[] _head;

    private ZipfLaw(Rational exponent)
    {
        Exponent = exponent;
        ExponentValue = exponent.ToDouble();
        Normalizer = PowerTail(ExponentValue, 1);
        _head = new double[HeadRanks];
        double running = 0;
        for (int k = 1; k <= HeadRanks; k++)
        {
            running += Math.Pow(k, -ExponentValue) / Normalizer;
            _head[k - 1] = running;
        }
    }

    /// <summary>Gets the exponent s. Range: 1 &lt; s ≤ 100.</summary>
    public Rational Exponent { get; }

    /// <summary>Gets the exponent s as a correctly rounded double.</summary>
    public double ExponentValue { get; }

    /// <summary>Gets the normaliser ζ(s) = Σ_{k≥1} k^(−s) (relative error below 1e-14).</summary>
    public double Normalizer { get; }

    /// <summary>Creates the Zipf law with exponent s.</summary>
    /// <param name="exponent">The exponent s. Range: 1 &lt; s ≤ 100.</param>
    /// <returns>The law.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exponent"/> is outside (1, 100].</exception>
    public static ZipfLaw Create(Rational exponent)
    {
        if (exponent <= Rational.One || exponent > 100)
        {
            throw Preconditions.OutOfRange(nameof(exponent), exponent, "1 < exponent <= 100");
        }

        return new ZipfLaw(exponent);
    }

    /// <summary>Creates the Zipf law of the ranked weights of PY(d, θ): exponent s = 1/d.</summary>
    /// <param name="discount">The Pitman–Yor discount d. Range: 1/100 ≤ d &lt; 1.</param>
    /// <returns>The law with s = 1/d.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discount"/> is outside [1/100, 1).</exception>
    public static ZipfLaw FromDiscount(Rational discount)
    {
        if (discount < new Rational(1, 100) || discount >= Rational.One)
        {
            throw Preconditions.OutOfRange(nameof(discount), discount, "1/100 <= discount < 1");
        }

        return new ZipfLaw(discount.Reciprocal());
    }

    /// <summary>Returns p_k = k^(−s)/ζ(s).</summary>
    /// <param name="rank">The rank k. Range: k ≥ 1.</param>
    /// <returns>The probability of rank k.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rank"/> is below one or NaN.</exception>
    public double Probability(double rank)
    {
        if (!(rank >= 1))
        {
            throw Preconditions.OutOfRange(nameof(rank), rank, "rank >= 1");
        }

        return Math.Pow(rank, -ExponentValue) / Normalizer;
    }

    /// <summary>Returns the mass beyond the first n ranks, Σ_{k&gt;n} p_k.</summary>
    /// <param name="ranks">The number of ranks n. Range: n ≥ 0.</param>
    /// <returns>The tail mass (1 for n = 0); relative error below 1e-13.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ranks"/> is negative or NaN.</exception>
    /// <remarks>Asymptotically n^(1−s)/((s − 1) ζ(s)).</remarks>
    public double TailMass(double ranks)
    {
        if (!(ranks >= 0) || double.IsPositiveInfinity(ranks))
        {
            throw Preconditions.OutOfRange(nameof(ranks), ranks, "0 <= ranks < infinity");
        }

        return PowerTail(ExponentValue, Math.Floor(ranks) + 1) / Normalizer;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Zipf(s = {Exponent})");

    /// <summary>Σ_{k≥M} k^(−s) for an integer M ≥ 1 by Euler–Maclaurin after direct terms below 16.</summary>
    internal static double PowerTail(double s, double from)
    {
        double sum = 0;
        double m = from;
        while (m < DirectTerms)
        {
            sum += Math.Pow(m, -s);
            m++;
        }

        // Σ_{k≥m} k^-s = m^{1-s}/(s-1) + m^{-s}/2 + Σ_j B_{2j}/(2j)! (s)_{2j-1} m^{-s-2j+1}.
        double tail = (Math.Pow(m, 1 - s) / (s - 1)) + (Math.Pow(m, -s) / 2);
        double rising = s, power = Math.Pow(m, -s - 1);
        for (int j = 0; j < BernoulliOverFactorial.Length; j++)
        {
            tail += BernoulliOverFactorial[j] * rising * power;
            rising *= (s + (2 * j) + 1) * (s + (2 * j) + 2);
            power /= m * m;
        }

        return sum + tail;
    }

    /// <summary>
    /// Draws a rank: by inverting the tabulated distribution of the first 4,096 ranks, and otherwise by Devroye's
    /// rejection method restricted to ranks above 4,096 (expected draws below 1.3 for s ≥ 1.1).
    /// </summary>
    /// <remarks>Returns the rank as a double (exact below 2^53; larger ranks keep distinct values distinct in
    /// practice). A tail candidate that overflows to infinity (possible only for s − 1 &lt; 0.06) is rejected.
    /// Restricting Devroye's proposal U^(−1/(s−1)) to U ≤ (K+1)^(1−s) restricts proposal and target alike, so the
    /// accepted value has the exact conditional law given rank &gt; K.</remarks>
    internal double Sample(CounterRandom random, ref ulong counter)
    {
        double u = random.Uniform(counter++);
        if (u < _head[^1])
        {
            int index = Array.BinarySearch(_head, u);
            return (index >= 0 ? index + 1 : ~index) + 1;
        }

        double s = ExponentValue, b = Math.Pow(2, s - 1), inverse = -1 / (s - 1), scale = Math.Pow(HeadRanks + 1, 1 - s);
        while (true)
        {
            double w = random.UniformPositive(counter++) * scale, v = random.Uniform(counter++);
            double x = Math.Floor(Math.Pow(w, inverse));
            if (double.IsPositiveInfinity(x) || x <= HeadRanks)
            {
                continue;
            }

            double t = Math.Pow(1 + (1 / x), s - 1);
            if (v * x * (t - 1) / (b - 1) <= t / b)
            {
                return x;
            }
        }
    }

    /// <inheritdoc/>
    public bool Equals(ZipfLaw? other) => other is not null && Exponent == other.Exponent;

    /// <inheritdoc/>
    public override int GetHashCode() => Exponent.GetHashCode();
}

/// <summary>A finite distribution of feature (or quantum) frequencies θ₁ ≥ … with exact rational probabilities.</summary>
/// <remarks>
/// <para>Used where a peer theory has exact rational closed forms: Hutter's memorisation error Σ θᵢ(1 − θᵢ)ⁿ and the
/// quantization model's unlearned mass are then exact <see cref="Rational"/>s.</para>
/// <para>Immutable; build with <see cref="Create"/> or <see cref="TruncatedZipf"/>, which validate. Equality compares
/// the probabilities element by element.</para>
/// </remarks>
public sealed record FeatureFrequencies
{
    private readonly BigInteger[] _numerators;
    private readonly double[] _cumulative;

    private FeatureFrequencies(ImmutableArray<Rational> probabilities)
    {
        Probabilities = probabilities;
        BigInteger denominator = BigInteger.One;
        foreach (Rational p in probabilities)
        {
            denominator = denominator / BigInteger.GreatestCommonDivisor(denominator, p.Denominator) * p.Denominator;
        }

        CommonDenominator = denominator;
        _numerators = [.. probabilities.Select(p => p.Numerator * (denominator / p.Denominator))];
        _cumulative = new double[probabilities.Length];
        BigInteger running = BigInteger.Zero;
        for (int i = 0; i < probabilities.Length; i++)
        {
            running += _numerators[i];
            _cumulative[i] = new Rational(running, denominator).ToDouble();
        }
    }

    /// <summary>Gets the probabilities θ₁, …, θ_m (positive, summing to exactly one).</summary>
    public ImmutableArray<Rational> Probabilities { get; }

    /// <summary>Gets the number of features m.</summary>
    public int Count => Probabilities.Length;

    /// <summary>Gets the least common denominator D of the probabilities (θᵢ = aᵢ/D).</summary>
    public BigInteger CommonDenominator { get; }

    /// <summary>Creates a distribution from explicit probabilities.</summary>
    /// <param name="probabilities">The probabilities. Range: at least one, each &gt; 0, summing to exactly 1.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="probabilities"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The list is empty, has a non-positive entry, or does not sum to one.</exception>
    public static FeatureFrequencies Create(IEnumerable<Rational> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ImmutableArray<Rational> p = [.. probabilities];
        if (p.IsEmpty || p.Any(x => x.Sign <= 0))
        {
            throw new ArgumentException("Feature probabilities must be a non-empty list of positive numbers; valid: each p > 0, sum = 1.", nameof(probabilities));
        }

        Rational total = Rational.Sum(p);
        if (total != Rational.One)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Feature probabilities sum to {total}; valid: sum = 1 exactly."), nameof(probabilities));
        }

        return new FeatureFrequencies(p);
    }

    /// <summary>Creates the Zipf law truncated to m features: θᵢ = i^(−s)/Σ_{j≤m} j^(−s), exact for an integer exponent.</summary>
    /// <param name="count">The number of features m. Range: 1 ≤ m ≤ 10,000.</param>
    /// <param name="exponent">The integer exponent s. Range: 1 ≤ s ≤ 10.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static FeatureFrequencies TruncatedZipf(int count, int exponent)
    {
        Preconditions.InRange(count, 1, 10_000, nameof(count));
        Preconditions.InRange(exponent, 1, 10, nameof(exponent));
        Rational[] weights = [.. Enumerable.Range(1, count).Select(i => new Rational(BigInteger.One, BigInteger.Pow(i, exponent)))];
        Rational total = Rational.Sum(weights);
        return new FeatureFrequencies([.. weights.Select(w => w / total)]);
    }

    /// <summary>Gets the numerators aᵢ of θᵢ = aᵢ/D over the common denominator.</summary>
    internal ReadOnlySpan<BigInteger> Numerators => _numerators;

    /// <summary>Draws a feature index (0-based) by inverting the cumulative distribution (double precision).</summary>
    internal int Sample(double uniform)
    {
        int index = Array.BinarySearch(_cumulative, uniform);
        index = index >= 0 ? index + 1 : ~index;
        return Math.Min(index, _cumulative.Length - 1);
    }

    /// <inheritdoc/>
    public bool Equals(FeatureFrequencies? other) => other is not null && Probabilities.SequenceEqual(other.Probabilities);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (Rational p in Probabilities)
        {
            hash.Add(p);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"FeatureFrequencies(m = {Count}, theta_1 = {Probabilities[0]})");
}

/// <summary>Sums Σ_{k≥1} h(p_k) over a Zipf law for smooth h with h(p) ≈ h₁p + h₂p² as p → 0.</summary>
internal static class ZipfSeries
{
    private const int MinimumDirect = 4_096;
    private const int MaximumDirect = 40_000_000;

    /// <summary>
    /// Direct summation up to K (past the point where scale·p_k &lt; 1, so the summand varies slowly), then the
    /// midpoint Euler–Maclaurin rule Σ_{k≥K} g(k) = ∫_{K−½}^∞ g + g′(K−½)/24 + O(g‴), the integral by 32-point
    /// Gauss–Legendre on doubling blocks until scale·p &lt; 1e-7, then the analytic integral of h₁p + h₂p².
    /// Relative error about 1e-12 when the terms are positive.
    /// </summary>
    public static double Sum(ZipfLaw zipf, double scale, Func<double, double> h, double h1, double h2, string parameterName)
    {
        double s = zipf.ExponentValue, c = 1 / zipf.Normalizer;
        double peak = Math.Pow(scale * c, 1 / s);
        double k = Math.Max(MinimumDirect, Math.Ceiling(4 * peak));
        if (k > MaximumDirect)
        {
            throw Preconditions.OutOfRange(parameterName, scale, string.Create(CultureInfo.InvariantCulture, $"{parameterName} with ({parameterName}/zeta(s))^(1/s) <= {MaximumDirect / 4} for s = {s:G6}"));
        }

        int direct = (int)k;
        double sum = 0;
        for (int i = 1; i < direct; i++)
        {
            sum += h(c * Math.Pow(i, -s));
        }

        double G(double x) => h(c * Math.Pow(x, -s));
        double from = direct - 0.5;
        double step = 1e-3 * from;
        sum += (G(from + step) - G(from - step)) / (2 * step) / 24;

        double end = Math.Pow(scale * c * 1e7, 1 / s);
        double integral = 0, x = from;
        while (x < end)
        {
            double to = Math.Min(2 * x, end);
            integral += Integrate.GaussLegendre(G, x, to, 32);
            x = to;
        }

        x = Math.Max(x, from);
        integral += (h1 * c * Math.Pow(x, 1 - s) / (s - 1)) + (h2 * c * c * Math.Pow(x, 1 - (2 * s)) / ((2 * s) - 1));
        return sum + integral;
    }

    /// <summary>ln(1 + x) accurate to a few ulps for x &gt; −1 (the classic correction of the rounded 1 + x).</summary>
    public static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>eˣ − 1 accurate to a few ulps (Kahan's correction of the rounded eˣ).</summary>
    public static double ExpMinusOne(double x)
    {
        double u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    /// <summary>(1 − p)ⁿ accurate for small p.</summary>
    public static double ComplementPower(double p, double n) => Math.Exp(n * LogOnePlus(-p));
}
