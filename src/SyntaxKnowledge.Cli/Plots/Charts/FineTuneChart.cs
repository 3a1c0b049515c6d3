using System.Globalization;
using SyntaxKnowledge.Cli.Plots.Data;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Plots.Charts;

internal static partial class Charts
{
    /// <summary>Fine-tuning per epoch: fraction of new facts acquired (with rigorous bounds as a band), old mass forgotten and hallucination on old and new queries; forecast solid, simulation +/- 2 SE.</summary>
    public static ChartSpec FineTune(FineTuneData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        FineTuningParameters p = data.Forecast.Parameters;
        var epochs = data.Forecast.Epochs;
        double[] t = [.. epochs.Select(e => (double)e.Epoch)];
        double f = p.NewEntities;
        var layers = new List<Layer>
        {
            new BandLayer("new facts acquired: rigorous bounds", Blue, t, [.. epochs.Select(e => e.NewAcquiredLower / f)], [.. epochs.Select(e => e.NewAcquiredUpper / f)]),
            new LineLayer("new facts acquired (fraction of F)", Blue, t, [.. epochs.Select(e => e.NewAcquired / f)], Markers: true),
            new LineLayer("old mass forgotten since epoch 0", Red, t, [.. epochs.Select(e => e.ForgottenMass)], Markers: true),
            new LineLayer("hallucination on new queries", Orange, t, [.. epochs.Select(e => e.HallucinationNew)], Markers: true),
            new LineLayer("hallucination on old queries", 5, t, [.. epochs.Select(e => e.HallucinationOld)], Markers: true),
        };
        string simulation = "no simulation";
        if (data.Simulation is { } s)
        {
            double[] x = [.. s.Epochs.Select(e => (double)e.Epoch)];
            PointLayer Points(int color, Func<FineTuningSimulatedEpoch, MonteCarloEstimate> pick, double scale) => new(
                string.Empty,
                color,
                x,
                [.. s.Epochs.Select(e => pick(e).Mean / scale)],
                [.. s.Epochs.Select(e => (pick(e).Mean - (2 * pick(e).StandardError)) / scale)],
                [.. s.Epochs.Select(e => (pick(e).Mean + (2 * pick(e).StandardError)) / scale)]);
            layers.Add(Points(Blue, e => e.NewAcquired, f));
            layers.Add(Points(Red, e => e.ForgottenMass, 1));
            layers.Add(Points(Orange, e => e.HallucinationNew, 1));
            layers.Add(Points(5, e => e.HallucinationOld, 1));
            layers.Add(new KeyLayer("solid: fluid forecast", Black));
            layers.Add(new KeyLayer("markers: simulated +/- 2 SE", Black, Marker: true));
            simulation = string.Create(CultureInfo.InvariantCulture, $"simulated: {Count(s.Worlds)} worlds, seed {s.Seed}");
        }

        return new ChartSpec(
            string.Create(CultureInfo.InvariantCulture, $"Fine-tuning a capacity-{Count(p.Capacity)} learner on F = {p.NewEntities} new entities, d = {p.Knowledge.Discount}, theta = {p.Knowledge.Concentration}"),
            new ChartAxis("epoch t (0: after pre-training)", Categories: epochs.Length <= 21 ? [.. epochs.Select(e => e.Epoch.ToString(CultureInfo.InvariantCulture))] : null),
            new ChartAxis("fraction, or probability per query"),
            layers,
            LegendCorner.Below,
            string.Create(CultureInfo.InvariantCulture, $"n_pre = {Count(p.PretrainingMentions)} pre-training mentions; r = {p.Repetitions} mentions per new entity per epoch; replay m = {p.ReplayMentions} (lambda = {p.ReplayFraction}); decay {p.Decay}; {simulation}"));
    }
}
