using System.Globalization;
using SyntaxKnowledge.Cli.Plots.Data;
using SyntaxKnowledge.Laws;

namespace SyntaxKnowledge.Cli.Plots.Charts;

internal static partial class Charts
{
    /// <summary>The compute-optimal split on log-log axes: N* (sentences) and C* (stored entities) vs compute F, with the requested budgets marked.</summary>
    public static ChartSpec ComputeOptimal(ComputeOptimalData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        double[] f = [.. data.Curve.Select(o => o.Compute)], marked = [.. data.Optima.Select(o => o.Compute)];
        ComputeOptimalSplit? s = data.Split;
        string dataLabel = s is null ? "N* (training sentences)" : string.Create(CultureInfo.InvariantCulture, $"N* = {s.DataPrefactor:G3} F^({s.DataExponent}) (training sentences)");
        string capacityLabel = s is null ? "C* (stored entities), ~ log F" : string.Create(CultureInfo.InvariantCulture, $"C* = {s.CapacityPrefactor:G3} F^({s.CapacityExponent}) (stored entities)");
        var layers = new List<Layer>
        {
            new LineLayer(dataLabel, Blue, f, [.. data.Curve.Select(o => o.Data)]),
            new LineLayer(capacityLabel, Orange, f, [.. data.Curve.Select(o => o.Capacity)]),
            new PointLayer(string.Empty, Blue, marked, [.. data.Optima.Select(o => o.Data)]),
            new PointLayer(string.Empty, Orange, marked, [.. data.Optima.Select(o => o.Capacity)]),
            new KeyLayer("markers: the budgets of the table", Black, Marker: true),
        };
        string loss = s is null
            ? "d = 0: geometric capacity term, no power-law split"
            : string.Create(CultureInfo.InvariantCulture, $"optimal loss = {s.LossPrefactor:G3} F^-({s.LossExponent}) nats per sentence");
        return new ChartSpec(
            string.Create(CultureInfo.InvariantCulture, $"Compute-optimal split of F = k N C, d = {data.Parameters.Discount}, theta = {data.Parameters.Concentration}"),
            new ChartAxis("compute F (k x sentences x stored entities)", AxisScale.Log),
            new ChartAxis("optimal allocation (sentences or entities)", AxisScale.Log),
            layers,
            LegendCorner.UpperLeft,
            string.Create(CultureInfo.InvariantCulture, $"minimises A N^-(1-d) + B C^-((1-d)/d) with A = {data.DataConstant:G4}, B = {data.CapacityConstant:G4} ({Commands.Laws.LawOptions.LearnerName(data.Learner)} learner), k = {data.ComputePerUnit}; {loss}"));
    }
}
