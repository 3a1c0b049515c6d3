using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Cli.Plots.Data;

/// <summary>
/// Exact closed forms evaluated for plotting: as rationals (then rounded to double) up to <see cref="RationalLimit"/>
/// draws, and the same closed forms in double precision beyond, where rational arithmetic costs seconds per point and
/// the double evaluation agrees to about 1e-12 relative (far below what a chart can show).
/// </summary>
internal static class ExactCurves
{
    /// <summary>The largest n evaluated in exact rational arithmetic.</summary>
    public const int RationalLimit = 2000;

    /// <summary>E[K_n].</summary>
    public static double ExpectedDistinct(PitmanYorParameters p, int n) =>
        n <= RationalLimit ? Processes.ExpectedDistinct.Exact(p, n).ToDouble() : Processes.ExpectedDistinct.Approximate(p, n);

    /// <summary>P(draw n+1 is new) = (theta+d)_n/(theta+1)_n.</summary>
    public static double NewProbability(PitmanYorParameters p, int n) =>
        n <= RationalLimit ? Processes.NewProbability.Exact(p, n).ToDouble() : Processes.NewProbability.Approximate(p, n);

    /// <summary>E[K_{n,1}]/n = (theta+d)_{n-1}/(theta+1)_{n-1}: the expected Good-Turing estimate of the unseen mass.</summary>
    public static double ExpectedSingletonFraction(PitmanYorParameters p, int n) =>
        n <= RationalLimit ? (ExpectedBlocks.SingletonsExact(p, n) / n).ToDouble() : Processes.NewProbability.Approximate(p, n - 1);

    /// <summary>
    /// E[P(Bin(n, W) &gt;= r)], W ~ Beta(1-d, theta+d). Beyond the rational limit: 1 - t_0 * sum_{k&lt;r} t_k/t_0 with
    /// t_0 = (theta+d)_n/(theta+1)_n and t_{k+1}/t_k = (n-k)/(k+1) * (1-d+k)/(theta+d+n-k-1), the terms of
    /// <see cref="AcquiredMass.Exact"/> in double.
    /// </summary>
    public static double AcquiredMass(PitmanYorParameters p, int n, int r)
    {
        if (n <= RationalLimit || r == 0 || r > n)
        {
            return Processes.AcquiredMass.Exact(p, n, r).ToDouble();
        }

        double d = p.DiscountValue, theta = p.ConcentrationValue;
        double term = 1, sum = 0;
        for (int k = 0; k < r; k++)
        {
            sum += term;
            term *= (n - k) / (k + 1.0) * (1 - d + k) / (theta + d + n - k - 1);
        }

        return 1 - (Processes.NewProbability.Approximate(p, n) * sum);
    }
}
