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
/// <para>THEORY.md §1.7 and §8. Exact (Beta-binomial tail):
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
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static Rational Exact(PitmanYorParameters parameters, int draws, int exposures)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(draws, 0, nameof(draws));
        Preconditions.AtLeast(exposures, 0, nameof(exposures));
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
