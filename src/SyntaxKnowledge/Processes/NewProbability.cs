using MathNet.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Processes;

/// <summary>
/// The probability that draw n+1 is a new element (the expected unseen mass after n draws):
/// E[(θ + d Kₙ)/(θ + n)] = (θ+d)ₙ/(θ+1)ₙ.
/// </summary>
/// <remarks>THEORY.md §1.4. Asymptotic: Γ(θ+1)/Γ(θ+d) · n^{d−1} (relative error O(1/n)).</remarks>
public static class NewProbability
{
    /// <summary>Returns (θ+d)ₙ/(θ+1)ₙ exactly.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of earlier draws n. Range: n ≥ 0.</param>
    /// <returns>The probability that draw n+1 is new.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is negative.</exception>
    public static Rational Exact(PitmanYorParameters parameters, int draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(draws, 0, nameof(draws));
        return Pochhammer.RisingRatio(parameters.Concentration + parameters.Discount, parameters.Concentration + 1, draws);
    }

    /// <summary>Returns (θ+d)ₙ/(θ+1)ₙ in double precision via log-gamma, for any real n ≥ 0.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of earlier draws n. Range: n ≥ 0.</param>
    /// <returns>The probability that draw n+1 is new.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is negative or NaN.</exception>
    /// <remarks>Accuracy: relative error about 1e-13 × log n.</remarks>
    public static double Approximate(PitmanYorParameters parameters, double draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double theta = parameters.ConcentrationValue;
        return Math.Exp(Pochhammer.LogRisingRatio(theta + parameters.DiscountValue, theta + 1, draws));
    }

    /// <summary>Returns the leading-order asymptotic form Γ(θ+1)/Γ(θ+d) · n^{d−1}.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of earlier draws n. Range: n ≥ 1.</param>
    /// <returns>The asymptotic new-element probability.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is less than one or NaN.</exception>
    public static double Asymptotic(PitmanYorParameters parameters, double draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ExpectedDistinct.CheckDraws(draws);
        return Math.Exp(LogGammaRatio(parameters) + ((parameters.DiscountValue - 1) * Math.Log(draws)));
    }

    /// <summary>ln[Γ(θ+1)/Γ(θ+d)], the log of the constant shared by the unseen-mass asymptotics.</summary>
    internal static double LogGammaRatio(PitmanYorParameters parameters) =>
        SpecialFunctions.GammaLn(parameters.ConcentrationValue + 1) - SpecialFunctions.GammaLn(parameters.ConcentrationValue + parameters.DiscountValue);
}
