using System.Globalization;
using SyntaxKnowledge.Cli.Plots.Data;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Plots.Charts;

internal static partial class Charts
{
    /// <summary>Hallucination rates on log-log axes: sampling, greedy and the uncovered (Good-Turing monofact) rate vs n (solid) and vs C (dashed), simulated +/- 2 SE.</summary>
    public static ChartSpec Hallucination(HallucinationData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        double[] n = [.. data.Data.Select(r => (double)r.Draws)], c = [.. data.Capacities.Select(v => (double)v)];
        var layers = new List<Layer>
        {
            new LineLayer("uncovered mass = E[monofact rate] (Good-Turing)", Black, n, [.. data.Data.Select(r => r.Rates.Uncovered)], Markers: true),
            new LineLayer("sampling decoding: x (1 - sum H^2)", Blue, n, [.. data.Data.Select(r => r.Rates.Sampling)], Markers: true),
            new LineLayer("greedy decoding: x (1 - max H)", Orange, n, [.. data.Data.Select(r => r.Rates.Greedy)], Markers: true),
            new LineLayer(string.Empty, Black, c, [.. data.CapacityRates.Select(r => r.Uncovered)], Stroke.Dashed, Markers: true, Width: 1.5f),
            new LineLayer(string.Empty, Blue, c, [.. data.CapacityRates.Select(r => r.Sampling)], Stroke.Dashed, Markers: true, Width: 1.5f),
            new LineLayer(string.Empty, Orange, c, [.. data.CapacityRates.Select(r => r.Greedy)], Stroke.Dashed, Markers: true, Width: 1.5f),
        };
        HallucinationDataRow[] simulated = [.. data.Data.Where(r => r.Sample is not null)];
        if (simulated.Length > 0)
        {
            double[] x = [.. simulated.Select(r => (double)r.Draws)];
            PointLayer Points(int color, Func<SyntaxKnowledge.Laws.HallucinationSample, MonteCarloEstimate> pick) => new(
                string.Empty,
                color,
                x,
                [.. simulated.Select(r => pick(r.Sample!).Mean)],
                [.. simulated.Select(r => pick(r.Sample!).Mean - (2 * pick(r.Sample!).StandardError))],
                [.. simulated.Select(r => pick(r.Sample!).Mean + (2 * pick(r.Sample!).StandardError))]);
            layers.Add(Points(Black, s => s.Monofact));
            layers.Add(Points(Blue, s => s.Sampling));
            layers.Add(Points(Orange, s => s.Greedy));
        }

        layers.Add(new KeyLayer("solid: vs n, unlimited capacity", Black));
        layers.Add(new KeyLayer(string.Create(CultureInfo.InvariantCulture, $"dashed: vs C ({Commands.Laws.LawOptions.LearnerName(data.Learner)}), unlimited data"), Black, Stroke.Dashed));
        if (simulated.Length > 0)
        {
            layers.Add(new KeyLayer("markers: simulated +/- 2 SE (black: monofacts)", Black, Marker: true));
        }

        string simulation = simulated.Length > 0
            ? string.Create(CultureInfo.InvariantCulture, $"simulated: {Count(simulated[0].Sample!.Sampling.Replicates)} worlds per n (n <= {Count(HallucinationData.SimulationLimit)}), one query each, seed {data.Seed}")
            : "no simulation";
        return new ChartSpec(
            "Hallucination: wrong answers per query vs data n and capacity C",
            new ChartAxis("n (training sentences), solid; C (stored entities), dashed", AxisScale.Log),
            new ChartAxis("rate per query (probability)", AxisScale.Log),
            layers,
            LegendCorner.LowerLeft,
            "a query about an unstored entity is answered from the value base H; " + simulation);
    }
}
