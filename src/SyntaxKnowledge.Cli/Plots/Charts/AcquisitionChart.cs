using System.Globalization;
using SyntaxKnowledge.Cli.Plots.Data;

namespace SyntaxKnowledge.Cli.Plots.Charts;

internal static partial class Charts
{
    /// <summary>Mass-weighted acquisition curves over log n: one colour per exposure count r; exact solid, asymptotic dashed, simulated markers.</summary>
    public static ChartSpec Acquisition(AcquisitionData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var layers = new List<Layer>();
        for (int i = 0; i < data.Exposures.Length; i++)
        {
            int color = Blue + i;
            layers.Add(new LineLayer(string.Create(CultureInfo.InvariantCulture, $"r = {data.Exposures[i]}"), color, data.N, data.Exact[i]));
            layers.Add(new LineLayer(string.Empty, color, data.N, data.Asymptotic[i], Stroke.Dashed, Width: 1.5f));
            if (i < data.Simulated.Count)
            {
                SimulatedSeries s = data.Simulated[i];
                layers.Add(new PointLayer(string.Empty, color, s.X, s.Mean, s.MeanMinusTwoStandardErrors, s.MeanPlusTwoStandardErrors));
            }
        }

        layers.Add(new KeyLayer("solid: exact E[P(Bin(n, W) >= r)]", Black));
        layers.Add(new KeyLayer("dashed: asymptotic", Black, Stroke.Dashed));
        if (data.Simulated.Count > 0)
        {
            layers.Add(new KeyLayer("markers: simulated +/- 2 SE", Black, Marker: true));
        }

        string subtitle = data.Simulated.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"W ~ Beta(1-d, theta+d): mass of entities seen at least r times; simulated: {Count(data.Simulated[0].Replicates)} seatings, seed {data.Simulated[0].Seed}")
            : "W ~ Beta(1-d, theta+d): mass of entities seen at least r times";
        return new ChartSpec(
            $"Knowledge acquisition: mass of entities seen r times, PY({Describe(data.Parameters)})",
            new ChartAxis("n (draws = sentences)", AxisScale.Log),
            new ChartAxis("acquired probability mass"),
            layers,
            LegendCorner.LowerRight,
            subtitle);
    }

    /// <summary>Acquisition by frequency bucket of one generated corpus: observed fraction of each bucket's entities seen r times (solid) and the exchangeability prediction (dashed).</summary>
    public static ChartSpec AcquisitionByBucket(BucketAcquisitionData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var layers = new List<Layer>();
        for (int i = 0; i < data.Buckets.Count; i++)
        {
            FrequencyBucket b = data.Buckets[i];
            int color = Blue + i;
            layers.Add(new LineLayer(string.Create(CultureInfo.InvariantCulture, $"count {b.Label} ({Count(b.Entities)})"), color, data.N, b.Observed));
            layers.Add(new LineLayer(string.Empty, color, data.N, b.Predicted, Stroke.Dashed, Width: 1.5f));
        }

        layers.Add(new KeyLayer("solid: observed in the corpus", Black));
        layers.Add(new KeyLayer("dashed: predicted from final counts", Black, Stroke.Dashed));
        return new ChartSpec(
            string.Create(CultureInfo.InvariantCulture, $"Acquisition by frequency: entities seen >= {data.Exposures} times, {Describe(data.Model)}"),
            new ChartAxis("n (sentences read)", AxisScale.Log),
            new ChartAxis("fraction of the bucket's entities acquired"),
            layers,
            LegendCorner.Below,
            string.Create(CultureInfo.InvariantCulture, $"one generated corpus of {Count(data.Sentences)} sentences, seed {data.Seed}; buckets by final count (entities in each); prediction: hypergeometric (exchangeability)"));
    }
}
