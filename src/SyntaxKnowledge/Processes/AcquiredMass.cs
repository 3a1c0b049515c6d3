using System.Numerics;
using MathNet.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Processes;

/// <summary>
/// The mass-weighted knowledge acquisition curve with r exposures: E[P(Bin(n, W) ≥ r)],
/// W ~ Beta(1 − d, θ + d) — the expected probability mass of elements seen at least r times in n draws.
/// </summary>
/// <remarks>
/// <para>docs/03-formulas/pitman-yor.md#size-biased-identity-and-expected-entropy and docs/03-formulas/acquisition.md#knowledge-acquisition-dynamics. Exact (Beta-binomial tail):
/// 1 − Σ_{k&lt;r} C(n,k)(1−d)_k(θ+d)_{n−k}/(1+θ)ₙ; for r = 1 it is 1 − (θ+d)ₙ/(θ+1)ₙ. Equivalently
/// E[Σ_{k: n_k ≥ r}(n_k − d)/(θ + n)], the probability that draw n+1 is an element already seen r times.</para>
/// <para>Asymptotic: 1 − Γ(θ+1)/Γ(θ+d) · n^{d−1} · (2−d)_{r−1}/(r−1)!, using
/// Σ_{k&lt;r}(1−d)_k/k! = (2−d)_{r−1}/(r−1)!.</para>
/// </remarks>
public static class AcquiredMass
{
    /// <summary>Returns E[P(Bin(n, W) ≥ r)] exactly.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 0.</param>
    /// <param name="exposures">The number of exposures r needed to acquire an element. Range: r ≥ 0.</param>
    /// <returns>The expected acquired mass (1 when r = 0, 0 when r &gt; n).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or the exact cost exceeds its bound (<see cref="ExactLimits"/>).</exception>
    /// <remarks>Bounds: <see cref="ExactLimits.EstimatedBits"/>(n) ≤ <see cref="ExactLimits.MaximumBits"/> and
    /// min(r, n) · <see cref="ExactLimits.EstimatedBits"/>(n) ≤ <see cref="ExactLimits.MaximumSeriesWork"/>.</remarks>
    public static Rational Exact(PitmanYorParameters parameters, int draws, int exposures)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(draws, 0, nameof(draws));
        Preconditions.AtLeast(exposures, 0, nameof(exposures));
        ExactLimits.CheckBits(parameters, draws, nameof(draws), ExactLimits.MaximumBits, "the acquired mass exactly");
        ExactLimits.CheckWork(parameters, draws, Math.Min(exposures, draws), nameof(exposures), ExactLimits.MaximumSeriesWork, "the acquired mass exactly");
        if (exposures == 0)
        {
            return Rational.One;
        }

        if (exposures > draws)
        {
            return Rational.Zero;
        }

        return Rational.One - UnacquiredMass(parameters, draws, exposures);
    }

    /// <summary>Returns the lower tail E[P(Bin(n, W) &lt; r)] = Σ_{k&lt;r} C(n,k)(1−d)_k(θ+d)_{n−k}/(1+θ)ₙ.</summary>
    internal static Rational UnacquiredMass(PitmanYorParameters parameters, int draws, int exposures)
    {
        (BigInteger a, BigInteger c, BigInteger b) = parameters.CommonScale();
        Rational first = NewProbability.Exact(parameters, draws); // k = 0 term: (θ+d)_n/(1+θ)_n

        // t_{k+1}/t_k = (n−k)/(k+1) · (1−d+k)/(θ+d+n−k−1) = (n−k)(b−a+k b) / ((k+1)(c+a+(n−k−1) b)).
        Rational series = HypergeometricSums.Sum(
            exposures,
            k => ((draws - k) * (b - a + (k * b)), (k + 1) * (c + a + ((draws - k - 1) * b))));
        return first * series;
    }

    /// <summary>The largest r accepted by <see cref="Approximate"/> (its cost is O(min(r, n)) floating-point operations).</summary>
    public const int MaximumApproximateExposures = 100_000_000;

    /// <summary>Returns E[P(Bin(n, W) ≥ r)] in double precision, for real n up to <see cref="double.MaxValue"/>.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: 0 ≤ n ≤ <see cref="double.MaxValue"/>.</param>
    /// <param name="exposures">The number of exposures r. Range: 0 ≤ r ≤ <see cref="MaximumApproximateExposures"/>.</param>
    /// <returns>1 − <see cref="UnacquiredApproximate"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    /// <remarks>Accuracy: absolute error below 1e-15; see <see cref="UnacquiredApproximate"/> for the relative accuracy of the complement.</remarks>
    public static double Approximate(PitmanYorParameters parameters, double draws, int exposures) =>
        1 - UnacquiredApproximate(parameters, draws, exposures);

    /// <summary>Returns the unacquired mass E[P(Bin(n, W) &lt; r)] in double precision.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: 0 ≤ n ≤ <see cref="double.MaxValue"/>.</param>
    /// <param name="exposures">The number of exposures r. Range: 0 ≤ r ≤ <see cref="MaximumApproximateExposures"/>.</param>
    /// <returns>(θ+d)ₙ/(θ+1)ₙ · Σ_{k&lt;r} t_k, t₀ = 1, t_{k+1}/t_k = (n−k)(1−d+k)/((k+1)(θ+d+n−k−1)); 0 when r = 0, 1 when r &gt; n.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    /// <remarks>Accuracy: every term is positive, so the relative error is that of <see cref="NewProbability.Approximate"/>
    /// plus about r ε; measured below 1e-13 for r = 3, n ≤ 10¹⁵ (docs/03-formulas/pitman-yor.md#accuracy-of-the-double-precision-evaluators).</remarks>
    public static double UnacquiredApproximate(PitmanYorParameters parameters, double draws, int exposures)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        NewProbability.CheckCount(draws, nameof(draws));
        Preconditions.InRange(exposures, 0, MaximumApproximateExposures, nameof(exposures));
        if (exposures == 0)
        {
            return 0;
        }

        if (exposures > draws)
        {
            return 1;
        }

        double d = parameters.DiscountValue, thetaPlusD = (parameters.Concentration + parameters.Discount).ToDouble();
        double term = NewProbability.Approximate(parameters, draws), sum = 0;
        for (int k = 0; k < exposures; k++)
        {
            sum += term;
            term *= (draws - k) / (thetaPlusD + (draws - k - 1)) * ((1 - d + k) / (k + 1));
        }

        return Math.Min(1, sum);
    }

    /// <summary>Returns the leading-order asymptotic form 1 − Γ(θ+1)/Γ(θ+d) · n^{d−1} · (2−d)_{r−1}/(r−1)!.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <param name="exposures">The number of exposures r. Range: r ≥ 1.</param>
    /// <returns>The asymptotic acquired mass.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public static double Asymptotic(PitmanYorParameters parameters, double draws, int exposures) =>
        1 - UnacquiredAsymptotic(parameters, draws, exposures);

    /// <summary>Returns the asymptotic unacquired mass Γ(θ+1)/Γ(θ+d) · n^{d−1} · (2−d)_{r−1}/(r−1)!.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <param name="exposures">The number of exposures r. Range: r ≥ 1.</param>
    /// <returns>The asymptotic mass of elements seen fewer than r times; its ratio to the exact value tends to one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public static double UnacquiredAsymptotic(PitmanYorParameters parameters, double draws, int exposures)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ExpectedDistinct.CheckDraws(draws);
        Preconditions.AtLeast(exposures, 1, nameof(exposures));
        double d = parameters.DiscountValue;
        double logTail = Pochhammer.LogRising(2 - d, exposures - 1) - SpecialFunctions.FactorialLn(exposures - 1);
        return Math.Exp(NewProbability.LogGammaRatio(parameters) + ((d - 1) * Math.Log(draws)) + logTail);
    }
}
