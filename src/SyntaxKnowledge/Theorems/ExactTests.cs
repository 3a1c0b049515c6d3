using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace SyntaxKnowledge.Theorems;

/// <summary>
/// Exact tail probabilities of the binomial and Poisson laws, and the normal deviate with the same tail, so that an exact
/// test reads on the same scale as a z-score ("within t standard errors" ⇔ both tails at least Φ(−t), t = <see cref="TheoremCheck.Tolerance"/>).
/// </summary>
internal static class ExactTests
{
    /// <summary>The smallest tail probability converted to a deviate (the deviate is then about ±38.5, always finite).</summary>
    private const double TailFloor = double.Epsilon;

    /// <summary>Returns P(X ≤ k) and P(X ≥ k) for X ~ Bin(n, p).</summary>
    /// <param name="successes">k, 0 ≤ k ≤ n.</param>
    /// <param name="trials">n ≥ 1.</param>
    /// <param name="probability">p ∈ [0, 1].</param>
    /// <returns>(lower, upper) tails, each including P(X = k).</returns>
    public static (double Lower, double Upper) BinomialTails(long successes, long trials, double probability)
    {
        if (probability <= 0)
        {
            return (1, successes == 0 ? 1 : 0);
        }

        if (probability >= 1)
        {
            return (successes == trials ? 1 : 0, 1);
        }

        // P(X >= k) = I_p(k, n - k + 1); P(X <= k) = I_{1-p}(n - k, k + 1).
        double upper = successes == 0 ? 1 : SpecialFunctions.BetaRegularized(successes, trials - successes + 1, probability);
        double lower = successes == trials ? 1 : SpecialFunctions.BetaRegularized(trials - successes, successes + 1, 1 - probability);
        return (Math.Clamp(lower, 0, 1), Math.Clamp(upper, 0, 1));
    }

    /// <summary>Returns P(S ≤ k) and P(S ≥ k) for S ~ Poisson(λ).</summary>
    /// <param name="count">k ≥ 0.</param>
    /// <param name="mean">λ ≥ 0.</param>
    /// <returns>(lower, upper) tails, each including P(S = k).</returns>
    public static (double Lower, double Upper) PoissonTails(long count, double mean)
    {
        if (mean <= 0)
        {
            return (1, count == 0 ? 1 : 0);
        }

        // P(S >= k) = P(k, λ) (regularised lower incomplete gamma); P(S <= k) = Q(k + 1, λ).
        double upper = count == 0 ? 1 : SpecialFunctions.GammaLowerRegularized(count, mean);
        double lower = SpecialFunctions.GammaUpperRegularized(count + 1, mean);
        return (Math.Clamp(lower, 0, 1), Math.Clamp(upper, 0, 1));
    }

    /// <summary>Returns the normal deviate of the smaller tail: Φ⁻¹(lower) (≤ 0) when the lower tail is the smaller, −Φ⁻¹(upper) (≥ 0) otherwise.</summary>
    /// <param name="lower">P(X ≤ observed).</param>
    /// <param name="upper">P(X ≥ observed).</param>
    /// <returns>A finite deviate, |z| ≤ 38.5; |z| ≤ 4 exactly when both tails are at least Φ(−4).</returns>
    public static double Deviate(double lower, double upper) => lower < upper
        ? Math.Min(0, Normal.InvCDF(0, 1, Math.Max(lower, TailFloor)))
        : Math.Max(0, -Normal.InvCDF(0, 1, Math.Max(upper, TailFloor)));

    /// <summary>Returns the normal deviate of one tail probability: −Φ⁻¹(tail), positive when the tail is small.</summary>
    /// <param name="tail">A tail probability.</param>
    /// <returns>A finite deviate.</returns>
    public static double OneSidedDeviate(double tail) => -Normal.InvCDF(0, 1, Math.Clamp(tail, TailFloor, 1 - 1e-16));

    /// <summary>Returns the integer total Σx = mean · R of an estimate of integer-valued replicates.</summary>
    /// <param name="estimate">The estimate.</param>
    /// <param name="parameter">The argument name for the exception.</param>
    /// <returns>The total.</returns>
    /// <exception cref="ArgumentException">The mean times R is not an integer (to rounding): the replicates were not counts.</exception>
    public static long Total(Simulation.MonteCarloEstimate estimate, string parameter)
    {
        double total = estimate.Mean * estimate.Replicates;
        double rounded = Math.Round(total);
        if (!double.IsFinite(total) || total < 0 || Math.Abs(total - rounded) > 1e-6 * Math.Max(1, rounded))
        {
            throw new ArgumentException(FormattableString.Invariant($"The estimate (mean {estimate.Mean:G6}, R = {estimate.Replicates}) is not a mean of non-negative integer replicates; valid: mean x R a non-negative integer."), parameter);
        }

        return (long)rounded;
    }
}
