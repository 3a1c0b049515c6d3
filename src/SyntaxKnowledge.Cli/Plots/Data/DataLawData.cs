using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;

namespace SyntaxKnowledge.Cli.Plots.Data;

/// <summary>One grid point of the data law: expected excess loss of sentence n+1 exactly, asymptotically and simulated.</summary>
/// <param name="N">The number of sentences seen n.</param>
/// <param name="Exact">The exact expected excess loss by part.</param>
/// <param name="Asymptotic">The asymptotic law by part.</param>
/// <param name="Simulated">The simulated excess loss, or null.</param>
/// <param name="AsymptoticRegime">Whether n lies in the regime of the asymptotic law (<see cref="DataScaling.InAsymptoticRegime"/>).</param>
internal sealed record DataLawPoint(int N, ExcessLossParts Exact, ExcessLossParts Asymptotic, SimulatedExcessLoss? Simulated, bool AsymptoticRegime);

/// <summary>The data scaling law of a model with its table (the rows `skm laws data` prints) and a dense asymptotic curve.</summary>
/// <param name="Law">The derived law.</param>
/// <param name="Model">The model.</param>
/// <param name="Worlds">Worlds simulated per grid point (0: none).</param>
/// <param name="Seed">The seed.</param>
/// <param name="Points">The grid points.</param>
/// <param name="CurveN">A dense grid for the asymptotic curve.</param>
/// <param name="CurveTotal">The asymptotic total on the dense grid.</param>
internal sealed record DataLawData(ScalingLaw Law, SyntaxKnowledgeModel Model, int Worlds, ulong Seed, IReadOnlyList<DataLawPoint> Points, double[] CurveN, double[] CurveTotal)
{
    /// <summary>The largest n that is simulated (beyond it, simulation costs minutes).</summary>
    public const int SimulationLimit = 100_000;

    /// <summary>Computes the exact and asymptotic parts at each grid point and simulates <paramref name="worlds"/> worlds there.</summary>
    public static DataLawData Compute(SyntaxKnowledgeModel model, IReadOnlyList<int> grid, int worlds, ulong seed, IProgress<double> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(grid);
        var points = new List<DataLawPoint>();
        for (int i = 0; i < grid.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = grid[i];
            ExcessLossParts exact = DataScaling.Exact(model, n);
            ExcessLossParts asymptotic = DataScaling.Asymptotic(model, Math.Max(n, 2));
            SimulatedExcessLoss? simulated = worlds >= 2 && n <= SimulationLimit
                ? DataScaling.Simulate(model, n, worlds, seed, cancellationToken: cancellationToken)
                : null;
            points.Add(new DataLawPoint(n, exact, asymptotic, simulated, DataScaling.InAsymptoticRegime(model, n)));
            progress.Report((i + 1.0) / grid.Count);
        }

        // The law once (its constants cost a series summation), then evaluated on a dense grid.
        ScalingLaw law = DataScaling.Law(model);
        double low = Math.Max(2, grid.Min()), high = Math.Max(low * 2, grid.Max());
        double[] curve = Grids.LogReal(low, high, 80);
        return new DataLawData(law, model, worlds, seed, points, curve, [.. curve.Select(law.Evaluate)]);
    }
}
