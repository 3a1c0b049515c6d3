using System.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Processes;

/// <summary>
/// E[(1 − ρW)ⁿ] with W ~ Beta(1 − d, θ + d): by the size-biased identity, the expected query mass
/// of facts (entity, attribute) not yet revealed after n sentences when attribute j has probability ρ.
/// </summary>
/// <remarks>
/// <para>docs/03-formulas/pitman-yor.md#size-biased-identity-and-expected-entropy and docs/03-formulas/data-scaling.md#data-scaling-law-and-redundancy. Exact: Σ_{i=0}^{n} C(n,i)(−ρ)^i (1−d)_i/(1+θ)_i, an alternating sum
/// that is evaluated on integers by Horner's scheme, so it has no cancellation error. Equivalently,
/// E[Σ_k (n_k − d)/(θ+n)·(1−ρ)^{n_k} + (θ + dK)/(θ+n)] over seating histories (a new element counts as
/// unrevealed) — the form the Monte Carlo check uses.</para>
/// <para>Asymptotic: Γ(θ+1)/Γ(θ+d) · (ρn)^{−(1−d)}, relative error O(1/(ρn)).</para>
/// </remarks>
public static class UnrevealedMass
{
    /// <summary>Returns E[(1 − ρW)ⁿ] exactly.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="rate">The attribute probability ρ. Range: 0 ≤ ρ ≤ 1.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 0.</param>
    /// <returns>E[(1 − ρW)ⁿ].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    /// <remarks>Cost: O(n) integer multiply-adds on numbers of O(n log n) bits. Bound: (n + 1) ·
    /// <see cref="ExactLimits.EstimatedBits"/>(n) ≤ <see cref="ExactLimits.MaximumSeriesWork"/> (ArgumentOutOfRangeException beyond).</remarks>
    public static Rational Exact(PitmanYorParameters parameters, Rational rate, int draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.Probability(rate, nameof(rate));
        Preconditions.AtLeast(draws, 0, nameof(draws));
        ExactLimits.CheckWork(parameters, draws, draws + 1.0, nameof(draws), ExactLimits.MaximumSeriesWork, "the unrevealed mass exactly");
        (BigInteger a, BigInteger c, BigInteger b) = parameters.CommonScale();
        BigInteger r = rate.Numerator, s = rate.Denominator;

        // t_{i+1}/t_i = -ρ (n−i)/(i+1) · (1−d+i)/(1+θ+i) = -r (n−i)(b−a+i b) / (s (i+1)(b+c+i b)).
        return HypergeometricSums.Sum(
            draws + 1,
            i => (-r * (draws - i) * (b - a + (i * b)), s * (i + 1) * (b + c + (i * b))));
    }

    /// <summary>Returns the leading-order asymptotic form Γ(θ+1)/Γ(θ+d) · (ρn)^{−(1−d)}.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="rate">The attribute probability ρ. Range: 0 &lt; ρ ≤ 1.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <returns>The asymptotic value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public static double Asymptotic(PitmanYorParameters parameters, double rate, double draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(rate > 0) || rate > 1)
        {
            throw Preconditions.OutOfRange(nameof(rate), rate, "0 < rate <= 1");
        }

        ExpectedDistinct.CheckDraws(draws);
        return Math.Exp(NewProbability.LogGammaRatio(parameters) - ((1 - parameters.DiscountValue) * Math.Log(rate * draws)));
    }
}
