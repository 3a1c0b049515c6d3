using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Plots.Data;

/// <summary>Unseen-mass data: P(next draw is new) exactly and asymptotically, the expected Good-Turing estimate, and both estimators simulated.</summary>
/// <param name="Parameters">The Pitman-Yor parameters.</param>
/// <param name="N">The dense grid of draws n.</param>
/// <param name="Exact">P(new after n draws) = (theta+d)_n/(theta+1)_n.</param>
/// <param name="GoodTuring">E[K_{n,1}]/n, the expected Good-Turing estimate.</param>
/// <param name="Asymptotic">Gamma(theta+1)/Gamma(theta+d) n^(d-1).</param>
/// <param name="SimulatedGoodTuring">Simulated K_{n,1}/n, or null.</param>
/// <param name="SimulatedModel">Simulated (theta + d K_n)/(theta + n), the new-probability given the sample, or null.</param>
internal sealed record UnseenData(PitmanYorParameters Parameters, double[] N, double[] Exact, double[] GoodTuring, double[] Asymptotic, SimulatedSeries? SimulatedGoodTuring, SimulatedSeries? SimulatedModel)
{
    /// <summary>Computes the curves and, when <paramref name="replicates"/> &gt;= 2, simulates seatings on a log grid.</summary>
    public static UnseenData Compute(PitmanYorParameters parameters, int maxDraws, int points, int replicates, ulong seed, IProgress<double> progress, CancellationToken cancellationToken)
    {
        double[] dense = [.. Grids.Log(1, maxDraws, 60).Select(n => (double)n)];
        double[] exact = [.. dense.Select(n => ExactCurves.NewProbability(parameters, (int)n))];
        double[] goodTuring = [.. dense.Select(n => ExactCurves.ExpectedSingletonFraction(parameters, (int)n))];
        double[] asymptotic = [.. dense.Select(n => NewProbability.Asymptotic(parameters, n))];
        if (replicates < 2)
        {
            return new UnseenData(parameters, dense, exact, goodTuring, asymptotic, null, null);
        }

        int[] grid = Grids.Log(Math.Min(10, maxDraws), maxDraws, points);
        double total = grid.Sum(n => (double)n), done = 0;
        var singletons = new List<double[]>();
        var model = new List<double[]>();
        double d = parameters.DiscountValue, theta = parameters.ConcentrationValue;
        foreach (int n in grid)
        {
            SeatingSample sample = ManagedBackend.Instance.SimulateSeating(parameters, n, replicates, seed, cancellationToken: cancellationToken);
            singletons.Add([.. sample.Partitions.Select(h => (double)h.Singletons / n)]);
            model.Add([.. sample.Partitions.Select(h => (theta + (d * h.Distinct)) / (theta + n))]);
            done += n;
            progress.Report(done / total);
        }

        double[] x = [.. grid.Select(n => (double)n)];
        return new UnseenData(parameters, dense, exact, goodTuring, asymptotic, SimulatedSeries.From(replicates, seed, x, singletons), SimulatedSeries.From(replicates, seed, x, model));
    }
}
