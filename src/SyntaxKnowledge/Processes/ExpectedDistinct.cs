using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Processes;

/// <summary>
/// The expected number of distinct elements E[Kₙ] after n draws from PY(d, θ) (Heaps' law).
/// </summary>
/// <remarks>
/// <para>docs/03-formulas/pitman-yor.md#expected-number-of-distinct-elements-heaps-law. Exact: E[Kₙ] = (θ+d)/d · (θ+d+1)_{n−1}/(θ+1)_{n−1} − θ/d for d &gt; 0 and
/// Σ_{i=0}^{n−1} θ/(θ+i) for d = 0; recursion E[K_{n+1}] = E[Kₙ] + (θ + d E[Kₙ])/(θ + n), E[K₁] = 1.</para>
/// <para>Asymptotic: Γ(θ+1)/(d Γ(θ+d)) · nᵈ for d &gt; 0 (relative error O(n^(−d)) plus O(1/n)),
/// θ log n for d = 0 (relative error O(1/log n)); <see cref="Asymptotic"/> returns θ(ψ(θ+n) − ψ(θ)) for d = 0, valid for every n.</para>
/// </remarks>
/// <seealso href="https://doi.org/10.1007/b11601500">Pitman (2006), Combinatorial Stochastic Processes, §3.3.</seealso>
public static class ExpectedDistinct
{
    /// <summary>Returns E[Kₙ] exactly from the closed form.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <returns>E[Kₙ].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is less than one, or the exact cost exceeds its bound (<see cref="ExactLimits"/>).</exception>
    /// <remarks>Cost: O(M(n log n)) by integer product trees (d &gt; 0) or a pairwise rational sum (d = 0);
    /// n = 5,000 takes a few milliseconds. Bound: <see cref="ExactLimits.EstimatedBits"/>(n) ≤
    /// <see cref="ExactLimits.MaximumBits"/> (n = 10⁵ at d = 1/2, θ = 1: 1.5 s).</remarks>
    public static Rational Exact(PitmanYorParameters parameters, int draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(draws, 1, nameof(draws));
        ExactLimits.CheckBits(parameters, draws, nameof(draws), ExactLimits.MaximumBits, "E[K_n] exactly");
        Rational d = parameters.Discount, theta = parameters.Concentration;
        if (parameters.IsDirichlet)
        {
            return Rational.Sum(Enumerable.Range(0, draws).Select(i => theta / (theta + i)));
        }

        return ((theta + d) / d * Pochhammer.RisingRatio(theta + d + 1, theta + 1, draws - 1)) - (theta / d);
    }

    /// <summary>Returns E[Kₙ] exactly by the recursion E[K_{n+1}] = E[Kₙ] + (θ + d E[Kₙ])/(θ + n).</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <returns>E[Kₙ].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is less than one, or the exact cost exceeds its bound (<see cref="ExactLimits"/>).</exception>
    /// <remarks>Independent of <see cref="Exact"/>; O(n) rational steps with growing denominators. Bound:
    /// <see cref="ExactLimits.EstimatedBits"/>(n) ≤ <see cref="ExactLimits.MaximumRecursionBits"/> (about n = 1,000 at θ = 10⁶).</remarks>
    public static Rational ExactByRecursion(PitmanYorParameters parameters, int draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(draws, 1, nameof(draws));
        ExactLimits.CheckBits(parameters, draws, nameof(draws), ExactLimits.MaximumRecursionBits, "E[K_n] by recursion");
        Rational d = parameters.Discount, theta = parameters.Concentration, e = Rational.One;
        for (int n = 1; n < draws; n++)
        {
            e += (theta + (d * e)) / (theta + n);
        }

        return e;
    }

    /// <summary>Returns E[Kₙ] in double precision from the closed form, for n too large for exact arithmetic.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1 (real).</param>
    /// <returns>E[Kₙ]: 1 + (θ+d)/d · expm1(ln[(θ+d+1)_{n−1}/(θ+1)_{n−1}]) for d &gt; 0, θ(ψ(θ+n) − ψ(θ)) for d = 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is less than one, infinite or NaN.</exception>
    /// <remarks>Accuracy: relative error below 1e-13 for integer n ≤ 10¹⁵ over 0 ≤ d &lt; 1, θ &gt; −d (measured against an
    /// independent 80-digit reference; docs/03-formulas/pitman-yor.md#accuracy-of-the-double-precision-evaluators). Every
    /// part of the formula is positive, so there is no cancellation; finite up to <see cref="double.MaxValue"/>.</remarks>
    public static double Approximate(PitmanYorParameters parameters, double draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckDraws(draws);
        Rational d = parameters.Discount, theta = parameters.Concentration;
        if (parameters.IsDirichlet)
        {
            double t = parameters.ConcentrationValue;
            return t * GammaRatios.DigammaDifference(t + draws, t, draws);
        }

        double log = GammaRatios.LogRisingRatio((theta + d + 1).ToDouble(), (theta + 1).ToDouble(), parameters.DiscountValue, draws - 1);
        return 1 + (((theta + d) / d).ToDouble() * GammaRatios.ExpMinusOne(log));
    }

    /// <summary>Returns the leading-order asymptotic form of E[Kₙ].</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1 (real).</param>
    /// <returns>Γ(θ+1)/(d Γ(θ+d)) · nᵈ for d &gt; 0; for d = 0 the form θ(ψ(θ+n) − ψ(θ)), valid for every n (θ log n is
    /// only its large-n limit and falls below the exact value 1 at n = 1 when θ is small).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is less than one or NaN.</exception>
    public static double Asymptotic(PitmanYorParameters parameters, double draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckDraws(draws);
        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue;
        if (parameters.IsDirichlet)
        {
            return Approximate(parameters, draws);
        }

        return Math.Exp(NewProbability.LogGammaRatio(parameters) + (d * Math.Log(draws))) / d;
    }

    internal static void CheckDraws(double draws)
    {
        if (!(draws >= 1) || double.IsPositiveInfinity(draws))
        {
            throw Preconditions.OutOfRange(nameof(draws), draws, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"1 <= draws <= {double.MaxValue:R}"));
        }
    }
}
