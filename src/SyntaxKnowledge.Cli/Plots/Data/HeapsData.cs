using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Plots.Data;

/// <summary>Heaps' law data: E[K_n] exactly and asymptotically on a dense grid, and simulated K_n on a coarser grid.</summary>
/// <param name="Parameters">The Pitman-Yor parameters.</param>
/// <param name="N">The dense grid of draws n.</param>
/// <param name="Exact">E[K_n] from the closed form at each n.</param>
/// <param name="Asymptotic">The leading-order law at each n.</param>
/// <param name="Simulated">Simulated K_n, or null when no replicates were asked for.</param>
internal sealed record HeapsData(PitmanYorParameters Parameters, double[] N, double[] Exact, double[] Asymptotic, SimulatedSeries? Simulated)
{
    /// <summary>Computes the data: exact values are rational up to <see cref="ExactCurves.RationalLimit"/>, the same closed form in double beyond.</summary>
    public static HeapsData Compute(PitmanYorParameters parameters, int maxDraws, int points, int replicates, ulong seed, IProgress<double> progress, CancellationToken cancellationToken)
    {
        double[] dense = [.. Grids.Log(1, maxDraws, 60).Select(n => (double)n)];
        double[] exact = [.. dense.Select(n => ExactCurves.ExpectedDistinct(parameters, (int)n))];
        double[] asymptotic = [.. dense.Select(n => ExpectedDistinct.Asymptotic(parameters, n))];
        SimulatedSeries? simulated = null;
        if (replicates >= 2)
        {
            int[] grid = Grids.Log(Math.Min(10, maxDraws), maxDraws, points);
            double total = grid.Sum(n => (double)n), done = 0;
            var samples = new List<double[]>();
            foreach (int n in grid)
            {
                DistinctSample sample = ManagedBackend.Instance.SimulateDistinct(parameters, n, replicates, seed, cancellationToken: cancellationToken);
                samples.Add([.. sample.Distinct.Select(k => (double)k)]);
                done += n;
                progress.Report(done / total);
            }

            simulated = SimulatedSeries.From(replicates, seed, [.. grid.Select(n => (double)n)], samples);
        }

        return new HeapsData(parameters, dense, exact, asymptotic, simulated);
    }
}
