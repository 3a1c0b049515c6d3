using System.Globalization;
using SyntaxKnowledge.Cli.Plots.Data;
using SyntaxKnowledge.Laws;

namespace SyntaxKnowledge.Cli.Plots.Charts;

internal static partial class Charts
{
    /// <summary>The data scaling law on log-log axes: exact total and parts, the asymptotic law dashed, simulated totals with +/- 2 SE.</summary>
    public static ChartSpec DataLaw(DataLawData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        double[] n = [.. data.Points.Select(p => (double)p.N)];
        var layers = new List<Layer>
        {
            new LineLayer("syntax (exact)", Blue, n, [.. data.Points.Select(p => p.Exact.Syntax)], Markers: true, Width: 1.5f),
            new LineLayer("names (exact)", Orange, n, [.. data.Points.Select(p => p.Exact.Names)], Markers: true, Width: 1.5f),
            new LineLayer("facts (exact)", 3, n, [.. data.Points.Select(p => p.Exact.Facts)], Markers: true, Width: 1.5f),
            new LineLayer("total (exact)", Black, n, [.. data.Points.Select(p => p.Exact.Total)], Markers: true),
            new LineLayer("total, asymptotic law", Red, data.CurveN, data.CurveTotal, Stroke.Dashed),
        };
        DataLawPoint[] simulated = [.. data.Points.Where(p => p.Simulated is not null)];
        if (simulated.Length > 0)
        {
            layers.Add(new PointLayer(
                "total, simulated +/- 2 SE",
                Blue + 4,
                [.. simulated.Select(p => (double)p.N)],
                [.. simulated.Select(p => p.Simulated!.Total.Mean)],
                [.. simulated.Select(p => p.Simulated!.Total.Mean - (2 * p.Simulated.Total.StandardError))],
                [.. simulated.Select(p => p.Simulated!.Total.Mean + (2 * p.Simulated.Total.StandardError))]));
        }

        ScalingTerm? knowledge = data.Law.Terms.FirstOrDefault(t => t.Name == "facts");
        string exponent = knowledge is null ? string.Empty : "knowledge exponent 1 - d = " + knowledge.ExponentText + "; ";
        string simulation = simulated.Length > 0
            ? string.Create(CultureInfo.InvariantCulture, $"simulated: {Count(data.Worlds)} worlds per point, seed {data.Seed}")
            : "no simulation";
        return new ChartSpec(
            $"Data scaling law: excess loss of sentence n+1, {Describe(data.Model)}",
            new ChartAxis("n (sentences seen)", AxisScale.Log),
            new ChartAxis("expected excess loss (nats per sentence)", AxisScale.Log),
            layers,
            LegendCorner.LowerLeft,
            exponent + "syntax exponent 1 (k_syn/2n); " + simulation);
    }
}
