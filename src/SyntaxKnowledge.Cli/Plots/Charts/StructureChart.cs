using System.Globalization;
using SyntaxKnowledge.Cli.Plots.Data;
using SyntaxKnowledge.Laws;

namespace SyntaxKnowledge.Cli.Plots.Charts;

internal static partial class Charts
{
    /// <summary>The structure function h(c) as a step curve, the two-part code length c + h(c), and the MDL optimum marked.</summary>
    public static ChartSpec Structure(StructureData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        StructureFunctionResult r = data.Result;
        MdlOptimum o = r.Optimum;
        StructurePoint[] curve = [.. r.Curve];

        // h(c) is a step function: it keeps the value of a breakpoint until the next model becomes affordable.
        double end = curve.Length == 0 ? 1 : Math.Max(curve[^1].Budget * 1.05, o.ModelCost * 1.05);
        var x = new List<double>();
        var h = new List<double>();
        var low = new List<double>();
        for (int i = 0; i < curve.Length; i++)
        {
            double next = i + 1 < curve.Length ? curve[i + 1].Budget : end;
            x.AddRange([curve[i].Budget, next]);
            h.AddRange([curve[i].CodeLength, curve[i].CodeLength]);
            low.AddRange([curve[i].LowerBound, curve[i].LowerBound]);
        }

        var layers = new List<Layer>();
        if (!r.EqualCosts)
        {
            layers.Add(new BandLayer("h(c) lower bound to upper bound", Black, x, low, h));
        }

        layers.Add(new LineLayer("h(c): least data code length", Black, x, h));
        layers.Add(new LineLayer("c + h(c): two-part code length", Blue, x, [.. x.Zip(h, (c, v) => c + v)], Stroke.Dashed));
        layers.Add(new PointLayer(
            string.Create(CultureInfo.InvariantCulture, $"MDL optimum: c* = {o.ModelCost:G4}, total {o.Total:G6} nats"),
            Red,
            [o.ModelCost, o.ModelCost],
            [o.DataCodeLength, o.Total]));
        layers.Add(new LineLayer(string.Empty, Red, [o.ModelCost, o.ModelCost], [o.DataCodeLength, o.Total], Stroke.Dotted, Width: 1.5f));
        string threshold = o.StoredEntities.Length == 0
            ? "no entity"
            : string.Create(CultureInfo.InvariantCulture, $"{Count(o.StoredEntities.Length)} of {Count(r.Corpus.Entities)} entities (those with >= {o.MinimumStoredCount} mentions{(o.IsCountThreshold ? string.Empty : ", not a pure count threshold")})");
        return new ChartSpec(
            string.Create(CultureInfo.InvariantCulture, $"Structure function of a corpus: n = {Count(r.Corpus.Sentences)} sentences, K = {Count(r.Corpus.Entities)} entities"),
            new ChartAxis("model budget c (nats: syntax parameters + stored entities)"),
            new ChartAxis("code length (nats)"),
            layers,
            LegendCorner.UpperRight,
            string.Create(CultureInfo.InvariantCulture, $"{data.Source}; entity cost w = {data.EntityCost:G4} nats, syntax {r.SyntaxModelCost:G4} nats; optimum stores {(o.SyntaxStored ? "the syntax and " : string.Empty)}{threshold}"));
    }
}
