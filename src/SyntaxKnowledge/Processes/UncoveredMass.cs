using System.Numerics;
using MathNet.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Processes;

/// <summary>
/// The expected probability mass T(C) not covered by the first C elements in order of first
/// appearance: T(C) = E[Π_{j≤C}(1 − V_j)] = Π_{j=1}^{C} (θ + j d)/(θ + 1 + (j − 1) d).
/// </summary>
/// <remarks>
/// <para>THEORY.md §1.6 (stick-breaking, V_j ~ Beta(1 − d, θ + j d) independent, E[1 − V_j] =
/// (θ + j d)/(θ + 1 + (j−1) d)). This is the excess-loss factor of a model that stores the first C
/// entities it meets (§7).</para>
/// <para>Asymptotic (d &gt; 0): Γ((θ+1)/d)/Γ(1 + θ/d) · C^{−(1−d)/d}, relative error O(1/C).
/// For d = 0, T(C) = (θ/(θ+1))^C decays geometrically and the "asymptotic" form is that exact value.</para>
/// </remarks>
/// <seealso href="https://doi.org/10.1214/aop/1024404422">Pitman &amp; Yor (1997), Proposition 1.</seealso>
public static class UncoveredMass
{
    /// <summary>Returns T(C) exactly.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="stored">The number of stored elements C. Range: C ≥ 0.</param>
    /// <returns>T(C); T(0) = 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stored"/> is negative.</exception>
    public static Rational Exact(PitmanYorParameters parameters, int stored)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(stored, 0, nameof(stored));
        (BigInteger a, BigInteger c, BigInteger b) = parameters.CommonScale();
        return new Rational(IntegerProducts.Arithmetic(c + a, a, stored), IntegerProducts.Arithmetic(c + b, a, stored));
    }

    /// <summary>Returns T(C) in double precision via log-gamma, for any real C ≥ 0.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="stored">The number of stored elements C. Range: C ≥ 0.</param>
    /// <returns>T(C).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stored"/> is negative or NaN.</exception>
    /// <remarks>Accuracy: relative error about 1e-13 × log C.</remarks>
    public static double Approximate(PitmanYorParameters parameters, double stored)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(stored >= 0) || double.IsPositiveInfinity(stored))
        {
            throw Preconditions.OutOfRange(nameof(stored), stored, "0 <= stored < infinity");
        }

        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue;
        if (parameters.IsDirichlet)
        {
            return Math.Exp(stored * Math.Log(theta / (theta + 1)));
        }

        // Π (j + θ/d)/(j + (θ+1−d)/d) = (1 + θ/d)_C / (1 + (θ+1−d)/d)_C.
        return Math.Exp(Pochhammer.LogRisingRatio(1 + (theta / d), (theta + 1) / d, stored));
    }

    /// <summary>Returns the leading-order asymptotic form Γ((θ+1)/d)/Γ(1 + θ/d) · C^{−(1−d)/d}.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="stored">The number of stored elements C. Range: C ≥ 1.</param>
    /// <returns>The asymptotic uncovered mass; for d = 0 the exact geometric value (θ/(θ+1))^C.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stored"/> is less than one or NaN.</exception>
    public static double Asymptotic(PitmanYorParameters parameters, double stored)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(stored >= 1) || double.IsPositiveInfinity(stored))
        {
            throw Preconditions.OutOfRange(nameof(stored), stored, "1 <= stored < infinity");
        }

        if (parameters.IsDirichlet)
        {
            return Approximate(parameters, stored);
        }

        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue;
        double logConstant = SpecialFunctions.GammaLn((theta + 1) / d) - SpecialFunctions.GammaLn(1 + (theta / d));
        return Math.Exp(logConstant - ((1 - d) / d * Math.Log(stored)));
    }
}
