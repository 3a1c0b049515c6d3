using System.Globalization;
using SyntaxKnowledge.Cli.Plots.Data;
using SyntaxKnowledge.Laws;

namespace SyntaxKnowledge.Cli.Plots.Charts;

internal static partial class Charts
{
    /// <summary>The model scaling law on log-log axes: excess loss (miss cost x uncovered mass) vs capacity C, exact, its law and simulated learners +/- 2 SE.</summary>
    public static ChartSpec ModelLaw(ModelLawData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        double cost = data.Cost.Total;
        double[] c = [.. data.Rows.Select(r => r.Capacity)];
        (string exact, string third) = data.Learner switch
        {
            CapacityLearner.TopFrequency => ("top-frequency, exact integral", "asymptotic law"),
            CapacityLearner.TopCounts => (string.Create(CultureInfo.InvariantCulture, $"top-counts after n = {Count(data.Draws)}, exact"), "top-frequency limit (n -> infinity)"),
            CapacityLearner.Mdl => (string.Create(CultureInfo.InvariantCulture, $"MDL (r = {data.Exposures}), exact at E[stored]"), "law B_r C^-(1-d)/d"),
            _ => ("first-appearance, exact E[T(C)]", "asymptotic law B C^-(1-d)/d"),
        };
        var layers = new List<Layer>
        {
            new LineLayer(exact, Black, c, [.. data.Rows.Select(r => cost * r.Uncovered)], Markers: true),
            new LineLayer(third, Red, c, [.. data.Rows.Select(r => cost * r.Third)], data.Learner == CapacityLearner.TopCounts ? Stroke.Dotted : Stroke.Dashed),
        };
        ModelLawRow[] simulated = [.. data.Rows.Where(r => r.Simulated is not null)];
        if (simulated.Length > 0)
        {
            layers.Add(new PointLayer(
                "simulated +/- 2 SE",
                Blue,
                [.. simulated.Select(r => r.Capacity)],
                [.. simulated.Select(r => cost * r.Simulated!.Mean)],
                [.. simulated.Select(r => cost * (r.Simulated!.Mean - (2 * r.Simulated.StandardError)))],
                [.. simulated.Select(r => cost * (r.Simulated!.Mean + (2 * r.Simulated.StandardError)))]));
        }

        CapacityDecay decay = ModelScaling.Decay(data.Model.Knowledge);
        string shape = decay.Exponent is { } exponent
            ? "model exponent (1-d)/d = " + exponent
            : "d = 0: geometric decay (" + decay.Rate + ")^C, no power law in C";
        string simulation = simulated.Length > 0
            ? string.Create(CultureInfo.InvariantCulture, $"simulated: {Count(simulated[0].Simulated!.Replicates)} learners per point, seed {data.Seed}")
            : "no simulation";
        return new ChartSpec(
            $"Model scaling law: excess loss vs capacity, {Describe(data.Model)}",
            new ChartAxis(data.Learner == CapacityLearner.Mdl ? "C (expected stored entities)" : "C (stored entities)", AxisScale.Log),
            new ChartAxis("expected excess loss (nats per sentence)", AxisScale.Log),
            layers,
            LegendCorner.LowerLeft,
            string.Create(CultureInfo.InvariantCulture, $"{shape}; miss cost {cost:G4} nats x uncovered mass; {simulation}"));
    }
}
