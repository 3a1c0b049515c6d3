using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Processes;

/// <summary>
/// The probability that draw n+1 is a new element (the expected unseen mass after n draws):
/// E[(θ + d Kₙ)/(θ + n)] = (θ+d)ₙ/(θ+1)ₙ.
/// </summary>
/// <remarks>docs/03-formulas/pitman-yor.md#probability-that-the-next-draw-is-new-unseen-mass. Asymptotic: Γ(θ+1)/Γ(θ+d) · n^{d−1} (relative error O(1/n)).</remarks>
public static class NewProbability
{
    /// <summary>Returns (θ+d)ₙ/(θ+1)ₙ exactly.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of earlier draws n. Range: n ≥ 0.</param>
    /// <returns>The probability that draw n+1 is new.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is negative, or the exact cost exceeds its bound (<see cref="ExactLimits"/>).</exception>
    /// <remarks>Cost: two product trees and one reduction. Bound: <see cref="ExactLimits.EstimatedBits"/>(n) ≤ <see cref="ExactLimits.MaximumBits"/>.</remarks>
    public static Rational Exact(PitmanYorParameters parameters, int draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(draws, 0, nameof(draws));
        ExactLimits.CheckBits(parameters, draws, nameof(draws), ExactLimits.MaximumBits, "P(new) exactly");
        return Pochhammer.RisingRatio(parameters.Concentration + parameters.Discount, parameters.Concentration + 1, draws);
    }

    /// <summary>Returns (θ+d)ₙ/(θ+1)ₙ in double precision, for any real n ≥ 0 up to <see cref="double.MaxValue"/>.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of earlier draws n. Range: 0 ≤ n ≤ <see cref="double.MaxValue"/>.</param>
    /// <returns>The probability that draw n+1 is new (θ/(θ+n) for d = 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is negative, infinite or NaN.</exception>
    /// <remarks>Accuracy: relative error below 1e-13 for n ≤ 10¹⁵ (measured against an independent 80-digit
    /// reference; docs/03-formulas/pitman-yor.md#accuracy-of-the-double-precision-evaluators). Method: ln[(θ+d)ₙ/(θ+1)ₙ]
    /// without subtracting log-gamma values (shift recurrence, then an expansion in 1/(θ+1+n)).</remarks>
    public static double Approximate(PitmanYorParameters parameters, double draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckCount(draws, nameof(draws));
        Rational d = parameters.Discount, theta = parameters.Concentration;
        if (parameters.IsDirichlet)
        {
            return parameters.ConcentrationValue / (parameters.ConcentrationValue + draws);
        }

        return Math.Exp(GammaRatios.LogRisingRatio((theta + d).ToDouble(), (theta + 1).ToDouble(), (d - 1).ToDouble(), draws));
    }

    /// <summary>Returns the leading-order asymptotic form Γ(θ+1)/Γ(θ+d) · n^{d−1}.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of earlier draws n. Range: n ≥ 1.</param>
    /// <returns>The asymptotic new-element probability; for d = 0 the exact θ/(θ+n), valid for every n (the leading
    /// form θ/n exceeds 1 for n &lt; θ).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is less than one or NaN.</exception>
    /// <remarks>Outside its regime (n not large against θ) the d &gt; 0 form can exceed 1: see <see cref="AsymptoticRegime.NewProbability"/>.</remarks>
    public static double Asymptotic(PitmanYorParameters parameters, double draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ExpectedDistinct.CheckDraws(draws);
        if (parameters.IsDirichlet)
        {
            return Approximate(parameters, draws);
        }

        return Math.Exp(LogGammaRatio(parameters) + ((parameters.DiscountValue - 1) * Math.Log(draws)));
    }

    /// <summary>ln[Γ(θ+1)/Γ(θ+d)], the log of the constant shared by the unseen-mass asymptotics.</summary>
    internal static double LogGammaRatio(PitmanYorParameters parameters) =>
        GammaRatios.LogGammaDifference(
            (parameters.Concentration + 1).ToDouble(),
            (parameters.Concentration + parameters.Discount).ToDouble(),
            (1 - parameters.Discount).ToDouble());

    /// <summary>Checks a real count argument: 0 ≤ value ≤ double.MaxValue.</summary>
    internal static void CheckCount(double value, string parameterName)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            throw Preconditions.OutOfRange(parameterName, value, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0 <= {parameterName} <= {double.MaxValue:R}"));
        }
    }
}
