using System.Globalization;
using SyntaxKnowledge.Cli.Plots.Data;

namespace SyntaxKnowledge.Cli.Plots.Charts;

internal static partial class Charts
{
    /// <summary>Zipf's law on log-log axes: ranked entity frequencies of each simulated seating and the derived slope -1/d.</summary>
    public static ChartSpec Zipf(ZipfData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var layers = new List<Layer>();
        for (int r = 0; r < data.Ranked.Count; r++)
        {
            double[] ranked = data.Ranked[r];
            layers.Add(new LineLayer(
                string.Create(CultureInfo.InvariantCulture, $"seating {r + 1}: K = {Count(ranked.Length)} entities"),
                Blue + r,
                [.. Enumerable.Range(1, ranked.Length).Select(k => (double)k)],
                ranked,
                Width: 1.5f));
        }

        string subtitle;
        if (data.Slope is { } slope && double.IsFinite(data.GuideConstant))
        {
            // Draw the guide from rank 1 to where it reaches one occurrence (1/n) or the last rank seen.
            int maxRank = data.Ranked.Max(r => r.Length);
            double end = Math.Min(maxRank, Math.Pow(1.0 / (data.Draws * data.GuideConstant), 1 / slope));
            double[] ranks = Grids.LogReal(1, Math.Max(2, end), 40);
            layers.Add(new LineLayer(
                string.Create(CultureInfo.InvariantCulture, $"slope -1/d = {slope:G4} (derived)"),
                Black,
                ranks,
                [.. ranks.Select(k => data.GuideConstant * Math.Pow(k, slope))],
                Stroke.Dashed));
            subtitle = string.Create(CultureInfo.InvariantCulture, $"guide height placed through ranks {data.GuideRanks.First}-{data.GuideRanks.Last} (mean count >= 10); seed {data.Seed}");
        }
        else if (data.Slope is { } derived)
        {
            subtitle = string.Create(CultureInfo.InvariantCulture, $"slope -1/d = {derived:G4}; too few draws to place a guide (needs ranks >= 3 with mean count >= 10); seed {data.Seed}");
        }
        else
        {
            subtitle = string.Create(CultureInfo.InvariantCulture, $"d = 0: ranked weights decay geometrically, no power law; seed {data.Seed}");
        }

        return new ChartSpec(
            string.Create(CultureInfo.InvariantCulture, $"Zipf's law: ranked entity frequencies, PY({Describe(data.Parameters)}), n = {Count(data.Draws)} draws"),
            new ChartAxis("rank k (entities by count)", AxisScale.Log),
            new ChartAxis("relative frequency n_k / n", AxisScale.Log),
            layers,
            LegendCorner.UpperRight,
            subtitle);
    }
}
