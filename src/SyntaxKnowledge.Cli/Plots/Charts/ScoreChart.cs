using System.Globalization;
using SyntaxKnowledge.Prediction;

namespace SyntaxKnowledge.Cli.Plots.Charts;

internal static partial class Charts
{
    private static readonly string[] Tags = ["syntax", "name", "value"];

    /// <summary>A language model's excess loss per token over the Bayes-optimal predictor, by entity-frequency bucket (grouped bars per tag, a line for all tokens).</summary>
    public static ChartSpec ExcessLossByBucket(LossReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var byKey = report.Groups.ToDictionary(g => g.Group, StringComparer.Ordinal);
        string[] buckets = [.. report.Groups.Select(g => g.Group).Where(g => g.EndsWith("/all", StringComparison.Ordinal)).Select(g => g[..^4])];
        var layers = new List<Layer>();
        const double width = 0.26;
        for (int t = 0; t < Tags.Length; t++)
        {
            var x = new List<double>();
            var y = new List<double>();
            for (int b = 0; b < buckets.Length; b++)
            {
                if (byKey.TryGetValue(buckets[b] + "/" + Tags[t], out LossGroup? group) && group.Tokens > 0)
                {
                    x.Add(b + ((t - 1) * width));
                    y.Add(group.ExcessNatsPerToken);
                }
            }

            layers.Add(new BarLayer(Tags[t] + " tokens", Blue + t, x, y, width * 0.95));
        }

        layers.Add(new PointLayer("all tokens", Black, [.. Enumerable.Range(0, buckets.Length).Select(b => (double)b)], [.. buckets.Select(b => byKey[b + "/all"].ExcessNatsPerToken)], Connect: true));
        double overall = byKey.TryGetValue("all", out LossGroup? all) ? all.ExcessNatsPerToken : double.NaN;

        // Many buckets: label each by its lower end only, so the labels do not collide.
        bool compact = buckets.Length > 8;
        string[] labels = compact ? [.. buckets.Select(b => b.Split('-')[0])] : buckets;
        return new ChartSpec(
            "Language model excess loss over the Bayes-optimal predictor, by entity frequency",
            new ChartAxis(compact ? "entity frequency: sentences mentioning the entity (bucket m to 2m-1, labelled m)" : "entity frequency bucket (sentences mentioning the entity)", Categories: labels),
            new ChartAxis("excess loss (nats per token)"),
            layers,
            LegendCorner.UpperRight,
            string.Create(CultureInfo.InvariantCulture, $"{Count(report.Sentences)} sentences scored; overall excess {overall:G4} nats per token"));
    }
}
