using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Plots.Data;

/// <summary>Mass-weighted acquisition curves E[P(Bin(n, W) &gt;= r)] for several r: exact, asymptotic and simulated.</summary>
/// <param name="Parameters">The Pitman-Yor parameters.</param>
/// <param name="Exposures">The exposure counts r, one curve each.</param>
/// <param name="N">The dense grid of draws n.</param>
/// <param name="Exact">Per r, the exact acquired mass at each n.</param>
/// <param name="Asymptotic">Per r, the asymptotic acquired mass at each n (NaN where it is negative).</param>
/// <param name="Simulated">Per r, the simulated mass of elements seen at least r times, sum over such blocks of (n_k - d)/(theta + n); empty when not simulated.</param>
internal sealed record AcquisitionData(PitmanYorParameters Parameters, int[] Exposures, double[] N, double[][] Exact, double[][] Asymptotic, IReadOnlyList<SimulatedSeries> Simulated)
{
    /// <summary>Computes the curves and, when <paramref name="replicates"/> &gt;= 2, simulates seatings on a log grid.</summary>
    public static AcquisitionData Compute(PitmanYorParameters parameters, int[] exposures, int maxDraws, int points, int replicates, ulong seed, IProgress<double> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        double[] dense = [.. Grids.Log(1, maxDraws, 60).Select(n => (double)n)];
        double[][] exact = [.. exposures.Select(r => dense.Select(n => ExactCurves.AcquiredMass(parameters, (int)n, r)).ToArray())];
        double[][] asymptotic = [.. exposures.Select(r => dense.Select(n => AcquiredMass.Asymptotic(parameters, n, r)).Select(v => v >= 0 ? v : double.NaN).ToArray())];
        if (replicates < 2)
        {
            return new AcquisitionData(parameters, exposures, dense, exact, asymptotic, []);
        }

        int[] grid = Grids.Log(Math.Min(10, maxDraws), maxDraws, points);
        double total = grid.Sum(n => (double)n), done = 0;
        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue;
        List<double[]>[] samples = [.. exposures.Select(_ => new List<double[]>())];
        foreach (int n in grid)
        {
            SeatingSample sample = ManagedBackend.Instance.SimulateSeating(parameters, n, replicates, seed, cancellationToken: cancellationToken);
            for (int i = 0; i < exposures.Length; i++)
            {
                int r = exposures[i];
                samples[i].Add([.. sample.Partitions.Select(h => h.Sum(size => size >= r ? (size - d) / (theta + n) : 0))]);
            }

            done += n;
            progress.Report(done / total);
        }

        double[] x = [.. grid.Select(n => (double)n)];
        return new AcquisitionData(parameters, exposures, dense, exact, asymptotic, [.. samples.Select(s => SimulatedSeries.From(replicates, seed, x, s))]);
    }
}
