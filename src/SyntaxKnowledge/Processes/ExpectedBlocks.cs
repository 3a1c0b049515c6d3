using MathNet.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Processes;

/// <summary>
/// The expected number E[K_{n,m}] of distinct elements seen exactly m times in n draws, and the
/// singletons E[K_{n,1}] (the Good–Turing count).
/// </summary>
/// <remarks>
/// <para>docs/03-formulas/pitman-yor.md#block-counts-and-the-good-turing-estimate. Derivation: the count of the element of draw 1 after n draws has law
/// C(n−1, m−1)(1−d)_{m−1}(θ+d)_{n−m}/(θ+1)_{n−1} (draw 1 founds its element; each later draw joins it
/// with the seating probabilities, and the product over any arrangement depends only on m). By
/// exchangeability every draw's element has this law, and Σ_draws 1[count of its element = m] = m K_{n,m},
/// so E[K_{n,m}] = (n/m)·C(n−1, m−1)(…) = C(n, m)(1−d)_{m−1}(θ+d)_{n−m}/(θ+1)_{n−1}.
/// Checks: Σ_m m E[K_{n,m}] = n and Σ_m E[K_{n,m}] = E[Kₙ].</para>
/// <para>Asymptotic: (1−d)_{m−1}/m! · Γ(θ+1)/Γ(θ+d) · nᵈ (d &gt; 0; the proportion of elements seen m
/// times tends to d(1−d)_{m−1}/m!), and θ/m for d = 0.</para>
/// </remarks>
/// <seealso href="https://doi.org/10.1007/b11601500">Pitman (2006), Combinatorial Stochastic Processes, §3.3.</seealso>
public static class ExpectedBlocks
{
    /// <summary>Returns E[K_{n,m}] exactly.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <param name="multiplicity">The multiplicity m. Range: 1 ≤ m ≤ n.</param>
    /// <returns>The expected number of elements seen exactly m times.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range, or the exact cost exceeds its bound (<see cref="ExactLimits"/>).</exception>
    /// <remarks>Bound: <see cref="ExactLimits.EstimatedBits"/>(n) ≤ <see cref="ExactLimits.MaximumBits"/>.</remarks>
    public static Rational Exact(PitmanYorParameters parameters, int draws, int multiplicity)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(draws, 1, nameof(draws));
        ExactLimits.CheckBits(parameters, draws, nameof(draws), ExactLimits.MaximumBits, "E[K_n,m] exactly");
        Preconditions.InRange(multiplicity, 1, draws, nameof(multiplicity));
        Rational d = parameters.Discount, theta = parameters.Concentration;
        Rational numerator = Pochhammer.Binomial(draws, multiplicity) * Pochhammer.Rising(1 - d, multiplicity - 1);
        return numerator * Pochhammer.Rising(theta + d, draws - multiplicity) / Pochhammer.Rising(theta + 1, draws - 1);
    }

    /// <summary>Returns the expected number of singletons E[K_{n,1}] = n (θ+d)_{n−1}/(θ+1)_{n−1} exactly.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <returns>E[K_{n,1}].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is less than one, or the exact cost exceeds its bound (<see cref="ExactLimits"/>).</exception>
    public static Rational SingletonsExact(PitmanYorParameters parameters, int draws) => Exact(parameters, draws, 1);

    /// <summary>Returns E[K_{n,1}] = n (θ+d)_{n−1}/(θ+1)_{n−1} in double precision, for real n up to <see cref="double.MaxValue"/>.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: 1 ≤ n ≤ <see cref="double.MaxValue"/>.</param>
    /// <returns>n · <see cref="NewProbability.Approximate"/>(n − 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is outside its range.</exception>
    /// <remarks>Accuracy: that of <see cref="NewProbability.Approximate"/> plus one rounding.</remarks>
    public static double SingletonsApproximate(PitmanYorParameters parameters, double draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ExpectedDistinct.CheckDraws(draws);
        return draws * NewProbability.Approximate(parameters, draws - 1);
    }

    /// <summary>Returns the leading-order asymptotic form of E[K_{n,m}].</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <param name="multiplicity">The multiplicity m. Range: m ≥ 1.</param>
    /// <returns>(1−d)_{m−1}/m! · Γ(θ+1)/Γ(θ+d) · nᵈ (θ/m when d = 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    public static double Asymptotic(PitmanYorParameters parameters, double draws, int multiplicity)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ExpectedDistinct.CheckDraws(draws);
        Preconditions.AtLeast(multiplicity, 1, nameof(multiplicity));
        double d = parameters.DiscountValue;
        double logCoefficient = Pochhammer.LogRising(1 - d, multiplicity - 1) - SpecialFunctions.FactorialLn(multiplicity);
        return Math.Exp(logCoefficient + NewProbability.LogGammaRatio(parameters) + (d * Math.Log(draws)));
    }
}
