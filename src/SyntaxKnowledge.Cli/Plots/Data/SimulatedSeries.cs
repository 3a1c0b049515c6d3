using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Plots.Data;

/// <summary>A simulated statistic on a grid: mean, standard error and the 5% and 95% quantiles of the replicates at each x.</summary>
/// <param name="Replicates">The number of replicates R at each grid point.</param>
/// <param name="Seed">The seed (replicate r uses stream r at every grid point, so the band follows R sample paths).</param>
/// <param name="X">The grid.</param>
/// <param name="Mean">The replicate mean at each grid point.</param>
/// <param name="StandardError">The standard error of the mean.</param>
/// <param name="Low">The 5% quantile of the replicates.</param>
/// <param name="High">The 95% quantile of the replicates.</param>
internal sealed record SimulatedSeries(int Replicates, ulong Seed, double[] X, double[] Mean, double[] StandardError, double[] Low, double[] High)
{
    /// <summary>Summarises one replicate sample per grid point.</summary>
    public static SimulatedSeries From(int replicates, ulong seed, IReadOnlyList<double> x, IReadOnlyList<double[]> samples)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(samples);
        var estimates = samples.Select(s => MonteCarlo.Summarize(s.AsSpan())).ToArray();
        return new SimulatedSeries(
            replicates,
            seed,
            [.. x],
            [.. estimates.Select(e => e.Mean)],
            [.. estimates.Select(e => e.StandardError)],
            [.. samples.Select(s => Grids.Quantile(s, 0.05))],
            [.. samples.Select(s => Grids.Quantile(s, 0.95))]);
    }

    /// <summary>Gets mean - 2 SE at each grid point.</summary>
    public double[] MeanMinusTwoStandardErrors => [.. Mean.Select((m, i) => m - (2 * StandardError[i]))];

    /// <summary>Gets mean + 2 SE at each grid point.</summary>
    public double[] MeanPlusTwoStandardErrors => [.. Mean.Select((m, i) => m + (2 * StandardError[i]))];
}

/// <summary>Grids and order statistics shared by the chart data.</summary>
internal static class Grids
{
    /// <summary>Returns up to <paramref name="points"/> distinct integers spaced geometrically from <paramref name="low"/> to <paramref name="high"/> inclusive.</summary>
    public static int[] Log(int low, int high, int points)
    {
        if (low < 1 || high < low || points < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, "Log grid needs 1 <= low <= high and points >= 1.");
        }

        if (points == 1 || low == high)
        {
            return [high];
        }

        double ratio = Math.Log((double)high / low) / (points - 1);
        return [.. Enumerable.Range(0, points).Select(i => i == points - 1 ? high : (int)Math.Round(low * Math.Exp(ratio * i))).Distinct().Order()];
    }

    /// <summary>Returns <paramref name="points"/> values spaced geometrically from <paramref name="low"/> to <paramref name="high"/> (real, for smooth curves).</summary>
    public static double[] LogReal(double low, double high, int points) =>
        [.. Enumerable.Range(0, points).Select(i => low * Math.Pow(high / low, i / (points - 1.0)))];

    /// <summary>Returns the p-quantile of the values (linear interpolation between order statistics, type 7).</summary>
    public static double Quantile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = [.. values.Order()];
        double h = (sorted.Length - 1) * p;
        int i = (int)Math.Floor(h);
        return i + 1 < sorted.Length ? sorted[i] + ((h - i) * (sorted[i + 1] - sorted[i])) : sorted[i];
    }
}
