using MathNet.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Processes;

/// <summary>
/// The variance Var[Kₙ] of the number of distinct elements after n draws from PY(d, θ).
/// </summary>
/// <remarks>
/// <para>THEORY.md §1.3. For d &gt; 0, with α = θ/d, the rising factorial moments of Kₙ + α are
/// E[(Kₙ + α)(Kₙ + α + 1)] = (α + 1)(θ + 2d)ₙ / (d (θ+1)_{n−1}) (Pitman 2006, eq. 3.47 with p = 2,
/// written without dividing by θ), from which E[Kₙ²] follows. For d = 0, Kₙ is a sum of independent
/// Bernoulli(θ/(θ+i)) variables and Var[Kₙ] = Σ_{i=1}^{n−1} θ i/(θ+i)². The recursion
/// E[K_{n+1}²] = E[Kₙ²] + (θ + (2θ+d)E[Kₙ] + 2d E[Kₙ²])/(θ+n) is offered independently.</para>
/// <para>Asymptotic: n^{2d}(E[S²] − E[S]²) for d &gt; 0 with S the α-diversity
/// (<see cref="DiversityMoments.Asymptotic"/>), θ log n for d = 0.</para>
/// </remarks>
public static class DistinctVariance
{
    /// <summary>Returns Var[Kₙ] exactly from the closed form.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <returns>Var[Kₙ].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is less than one.</exception>
    /// <remarks>Cost: product trees, a few milliseconds at n = 5,000.</remarks>
    public static Rational Exact(PitmanYorParameters parameters, int draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(draws, 1, nameof(draws));
        Rational d = parameters.Discount, theta = parameters.Concentration;
        if (parameters.IsDirichlet)
        {
            return Rational.Sum(Enumerable.Range(1, draws - 1).Select(i => theta * i / ((theta + i) * (theta + i))));
        }

        Rational mean = ExpectedDistinct.Exact(parameters, draws);
        Rational alpha = theta / d;
        Rational rising2 = (alpha + 1) * Pochhammer.Rising(theta + (2 * d), draws) / (d * Pochhammer.Rising(theta + 1, draws - 1));
        Rational second = rising2 - (((2 * alpha) + 1) * mean) - (alpha * (alpha + 1));
        return second - (mean * mean);
    }

    /// <summary>Returns the second moment E[Kₙ²] exactly by its recursion.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <returns>E[Kₙ²].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is less than one.</exception>
    /// <remarks>Independent of <see cref="Exact"/>; O(n) rational steps.</remarks>
    public static Rational SecondMomentByRecursion(PitmanYorParameters parameters, int draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(draws, 1, nameof(draws));
        Rational d = parameters.Discount, theta = parameters.Concentration, mean = Rational.One, second = Rational.One;
        for (int n = 1; n < draws; n++)
        {
            Rational total = theta + n;
            second += (theta + (((2 * theta) + d) * mean) + (2 * d * second)) / total;
            mean += (theta + (d * mean)) / total;
        }

        return second;
    }

    /// <summary>Returns the leading-order asymptotic form of Var[Kₙ].</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1 (real).</param>
    /// <returns>n^{2d}(E[S²] − E[S]²) for d &gt; 0; θ log n for d = 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is less than one or NaN.</exception>
    public static double Asymptotic(PitmanYorParameters parameters, double draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ExpectedDistinct.CheckDraws(draws);
        if (parameters.IsDirichlet)
        {
            return parameters.ConcentrationValue * Math.Log(draws);
        }

        double m1 = DiversityMoments.Asymptotic(parameters, 1), m2 = DiversityMoments.Asymptotic(parameters, 2);
        return (m2 - (m1 * m1)) * Math.Pow(draws, 2 * parameters.DiscountValue);
    }
}

/// <summary>
/// Moments of the Pitman–Yor α-diversity S = lim Kₙ/nᵈ (d &gt; 0):
/// E[Sᵖ] = Γ(θ+1) Γ(θ/d + p + 1) / (Γ(θ/d + 1) Γ(θ + p d + 1)).
/// </summary>
/// <remarks>THEORY.md §1.3; Pitman (2006), Theorem 3.8. Kₙ/nᵈ → S almost surely.</remarks>
public static class DiversityMoments
{
    /// <summary>Returns E[Sᵖ] for the limit S = lim Kₙ/nᵈ.</summary>
    /// <param name="parameters">The process parameters. Range: d &gt; 0.</param>
    /// <param name="order">The moment order p. Range: p ≥ 0.</param>
    /// <returns>E[Sᵖ].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">d = 0 (Kₙ grows like log n, not nᵈ), or p is negative or NaN.</exception>
    /// <remarks>Accuracy: about 1e-14 relative (log-gamma).</remarks>
    public static double Asymptotic(PitmanYorParameters parameters, double order)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.IsDirichlet)
        {
            throw Preconditions.OutOfRange(nameof(parameters), parameters.Discount, "discount > 0 (the alpha-diversity exists only for d > 0)");
        }

        if (!(order >= 0) || double.IsPositiveInfinity(order))
        {
            throw Preconditions.OutOfRange(nameof(order), order, "0 <= order < infinity");
        }

        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue, alpha = theta / d;
        return Math.Exp(SpecialFunctions.GammaLn(theta + 1) + SpecialFunctions.GammaLn(alpha + order + 1)
                        - SpecialFunctions.GammaLn(alpha + 1) - SpecialFunctions.GammaLn(theta + (order * d) + 1));
    }
}
