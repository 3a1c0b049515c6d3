namespace SyntaxKnowledge.Processes;

/// <summary>
/// Whether a leading-order asymptotic form is inside its regime at the given n: its relative deviation from the accurate
/// double-precision value is at most <see cref="Tolerance"/>, and a probability lies in [0, 1]. Hosts print the asymptotic
/// value together with this flag (skm pitman-yor: <c>"asymptotic_regime"</c>).
/// </summary>
/// <remarks>
/// <para>The asymptotic forms are expansions in 1/n (or n^(−d)) with constants that grow with θ: at d = 0, θ = 10⁶ and
/// n = 10⁴ the leading forms of the new-element probability and the acquired mass are 100 and −299. Where a form valid for
/// every n exists it is used instead and the flag is always true: for d = 0, E[Kₙ] = θ(ψ(θ+n) − ψ(θ)),
/// Var[Kₙ] = θ(ψ(θ+n) − ψ(θ)) − θ²(ψ′(θ) − ψ′(θ+n)), P(new) = θ/(θ+n) and T(C) = (θ/(θ+1))^C.</para>
/// <para>The decision compares against the accurate evaluators (<c>Approximate</c>), so it costs a few microseconds and
/// never calls an exact method. For Var[Kₙ] at d &gt; 0 the comparison value is accurate to far better than the tolerance
/// except where Var[Kₙ] ≪ E[Kₙ] + θ/d, where the asymptotic form is far off anyway.</para>
/// </remarks>
public static class AsymptoticRegime
{
    /// <summary>The largest relative deviation |asymptotic/accurate − 1| inside the regime: 10 %.</summary>
    public const double Tolerance = 0.1;

    /// <summary>Returns whether <see cref="Processes.ExpectedDistinct.Asymptotic"/> is within <see cref="Tolerance"/> of E[Kₙ].</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: 1 ≤ n ≤ <see cref="double.MaxValue"/>.</param>
    /// <returns><see langword="true"/> inside the regime (always for d = 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is outside its range.</exception>
    public static bool ExpectedDistinct(PitmanYorParameters parameters, double draws) =>
        parameters?.IsDirichlet == true || Within(Processes.ExpectedDistinct.Asymptotic(parameters!, draws), Processes.ExpectedDistinct.Approximate(parameters!, draws));

    /// <summary>Returns whether <see cref="Processes.DistinctVariance.Asymptotic"/> is within <see cref="Tolerance"/> of Var[Kₙ].</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: 1 ≤ n ≤ <see cref="double.MaxValue"/>.</param>
    /// <returns><see langword="true"/> inside the regime (always for d = 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is outside its range.</exception>
    public static bool DistinctVariance(PitmanYorParameters parameters, double draws)
    {
        double asymptotic = Processes.DistinctVariance.Asymptotic(parameters, draws);
        return parameters.IsDirichlet || Within(asymptotic, Processes.DistinctVariance.ApproximateForRegime(parameters, draws));
    }

    /// <summary>Returns whether <see cref="Processes.NewProbability.Asymptotic"/> is a probability within <see cref="Tolerance"/> of (θ+d)ₙ/(θ+1)ₙ.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of earlier draws n. Range: 1 ≤ n ≤ <see cref="double.MaxValue"/>.</param>
    /// <returns><see langword="true"/> inside the regime (always for d = 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is outside its range.</exception>
    public static bool NewProbability(PitmanYorParameters parameters, double draws)
    {
        double asymptotic = Processes.NewProbability.Asymptotic(parameters, draws);
        return IsProbability(asymptotic) && Within(asymptotic, Processes.NewProbability.Approximate(parameters, draws));
    }

    /// <summary>Returns whether the singleton asymptotic <see cref="ExpectedBlocks.Asymptotic"/> (m = 1) is within <see cref="Tolerance"/> of E[K_{n,1}].</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: 1 ≤ n ≤ <see cref="double.MaxValue"/>.</param>
    /// <returns><see langword="true"/> inside the regime.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is outside its range.</exception>
    public static bool Singletons(PitmanYorParameters parameters, double draws) =>
        Within(ExpectedBlocks.Asymptotic(parameters, draws, 1), ExpectedBlocks.SingletonsApproximate(parameters, draws));

    /// <summary>Returns whether <see cref="Processes.UncoveredMass.Asymptotic"/> is a probability within <see cref="Tolerance"/> of T(C).</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="stored">The number of stored elements C. Range: 1 ≤ C ≤ <see cref="double.MaxValue"/>.</param>
    /// <returns><see langword="true"/> inside the regime (always for d = 0, where the form is exact).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stored"/> is outside its range.</exception>
    public static bool UncoveredMass(PitmanYorParameters parameters, double stored)
    {
        double asymptotic = Processes.UncoveredMass.Asymptotic(parameters, stored);
        return parameters.IsDirichlet || (IsProbability(asymptotic) && Within(asymptotic, Processes.UncoveredMass.Approximate(parameters, stored)));
    }

    /// <summary>Returns whether <see cref="Processes.AcquiredMass.Asymptotic"/> is a probability whose complement is within
    /// <see cref="Tolerance"/> of the unacquired mass E[P(Bin(n, W) &lt; r)].</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: 1 ≤ n ≤ <see cref="double.MaxValue"/>.</param>
    /// <param name="exposures">The number of exposures r. Range: 1 ≤ r ≤ <see cref="Processes.AcquiredMass.MaximumApproximateExposures"/>.</param>
    /// <returns><see langword="true"/> inside the regime.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public static bool AcquiredMass(PitmanYorParameters parameters, double draws, int exposures)
    {
        double unacquired = Processes.AcquiredMass.UnacquiredAsymptotic(parameters, draws, exposures);
        return IsProbability(1 - unacquired) && IsProbability(unacquired)
               && Within(unacquired, Processes.AcquiredMass.UnacquiredApproximate(parameters, draws, exposures));
    }

    private static bool IsProbability(double value) => value is >= 0 and <= 1;

    private static bool Within(double asymptotic, double accurate) =>
        double.IsFinite(asymptotic) && accurate > 0 && Math.Abs((asymptotic / accurate) - 1) <= Tolerance;
}
