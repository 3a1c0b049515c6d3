using System.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Processes;

/// <summary>
/// The expected probability mass T(C) not covered by the first C elements in order of first
/// appearance: T(C) = E[Π_{j≤C}(1 − V_j)] = Π_{j=1}^{C} (θ + j d)/(θ + 1 + (j − 1) d).
/// </summary>
/// <remarks>
/// <para>docs/03-formulas/pitman-yor.md#uncovered-mass-tc-stick-breaking (stick-breaking, V_j ~ Beta(1 − d, θ + j d) independent, E[1 − V_j] =
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
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stored"/> is negative, or the exact cost exceeds its bound (<see cref="ExactLimits"/>).</exception>
    /// <remarks>Cost: for d = 0 a single power (θ/(θ+1))^C by binary powering (no gcd: the fraction is already reduced),
    /// bound <see cref="ExactLimits.EstimatedBits"/>(C) ≤ 8 · <see cref="ExactLimits.MaximumBits"/>; for d &gt; 0 two product
    /// trees and one reduction, bound <see cref="ExactLimits.EstimatedBits"/>(C) ≤ <see cref="ExactLimits.MaximumBits"/>.</remarks>
    public static Rational Exact(PitmanYorParameters parameters, int stored)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(stored, 0, nameof(stored));
        if (parameters.IsDirichlet)
        {
            ExactLimits.CheckBits(parameters, stored, nameof(stored), 8 * ExactLimits.MaximumBits, "T(C) exactly");
            Rational theta = parameters.Concentration;
            return Rational.Pow(theta / (theta + 1), stored);
        }

        ExactLimits.CheckBits(parameters, stored, nameof(stored), ExactLimits.MaximumBits, "T(C) exactly");
        (BigInteger a, BigInteger c, BigInteger b) = parameters.CommonScale();
        return new Rational(IntegerProducts.Arithmetic(c + a, a, stored), IntegerProducts.Arithmetic(c + b, a, stored));
    }

    /// <summary>Returns T(C) in double precision, for any real C ≥ 0 up to <see cref="double.MaxValue"/>.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="stored">The number of stored elements C. Range: 0 ≤ C ≤ <see cref="double.MaxValue"/>.</param>
    /// <returns>T(C) (zero where it is below the smallest double).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stored"/> is negative, infinite or NaN.</exception>
    /// <remarks>Accuracy: relative error below 2e-13 for C ≤ 10¹⁵ wherever T(C) is a normal double, measured against
    /// an independent 80-digit reference (docs/03-formulas/pitman-yor.md#accuracy-of-the-double-precision-evaluators);
    /// in general about 4ε(|ln T(C)| + |1 − 1/d| (ln C + 3)). Method: ln[(1 + θ/d)_C / ((θ+1)/d)_C] without subtracting
    /// log-gamma values; for d = 0, exp(−C log1p(1/θ)).</remarks>
    public static double Approximate(PitmanYorParameters parameters, double stored)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        NewProbability.CheckCount(stored, nameof(stored));
        Rational d = parameters.Discount, theta = parameters.Concentration;
        if (parameters.IsDirichlet)
        {
            return Math.Exp(-stored * GammaRatios.LogOnePlus((1 / theta).ToDouble()));
        }

        // Π (j + θ/d)/(j + (θ+1−d)/d) = (1 + θ/d)_C / (1 + (θ+1−d)/d)_C.
        return Math.Exp(GammaRatios.LogRisingRatio((1 + (theta / d)).ToDouble(), ((theta + 1) / d).ToDouble(), (1 - (1 / d)).ToDouble(), stored));
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
            throw Preconditions.OutOfRange(nameof(stored), stored, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"1 <= stored <= {double.MaxValue:R}"));
        }

        if (parameters.IsDirichlet)
        {
            return Approximate(parameters, stored);
        }

        double d = parameters.DiscountValue;
        return Math.Exp(LogConstant(parameters) - ((1 - d) / d * Math.Log(stored)));
    }

    /// <summary>ln K_T = ln Γ((θ+1)/d) − ln Γ(1 + θ/d) for d &gt; 0, without cancellation.</summary>
    internal static double LogConstant(PitmanYorParameters parameters)
    {
        Rational d = parameters.Discount, theta = parameters.Concentration;
        return GammaRatios.LogGammaDifference(((theta + 1) / d).ToDouble(), (1 + (theta / d)).ToDouble(), ((1 / d) - 1).ToDouble());
    }
}
