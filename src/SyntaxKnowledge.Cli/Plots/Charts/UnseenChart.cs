using SyntaxKnowledge.Cli.Plots.Data;

namespace SyntaxKnowledge.Cli.Plots.Charts;

internal static partial class Charts
{
    /// <summary>The unseen mass on log-log axes: P(next draw is new) exactly and asymptotically, against the Good-Turing singleton estimate.</summary>
    public static ChartSpec Unseen(UnseenData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var layers = new List<Layer>();
        layers.AddRange(Simulated(data.SimulatedModel, Orange, "(theta + d K_n)/(theta + n) given the sample, 5-95%", null));
        layers.AddRange(Simulated(data.SimulatedGoodTuring, Blue, "Good-Turing K_n1/n, 5-95%", "Good-Turing mean +/- 2 SE"));
        layers.Add(new LineLayer("P(new) = (theta+d)_n/(theta+1)_n exact", Black, data.N, data.Exact));
        layers.Add(new LineLayer("E[K_n1]/n exact", Blue, data.N, data.GoodTuring, Stroke.Dotted));
        layers.Add(new LineLayer("asymptotic Gamma(theta+1)/Gamma(theta+d) n^(d-1)", Red, data.N, data.Asymptotic, Stroke.Dashed));
        return new ChartSpec(
            $"Unseen mass: P(next draw is new) vs Good-Turing, PY({Describe(data.Parameters)})",
            new ChartAxis("n (draws = sentences)", AxisScale.Log),
            new ChartAxis("probability the next draw is a new entity", AxisScale.Log),
            layers,
            LegendCorner.LowerLeft,
            Simulation(data.SimulatedGoodTuring, "seatings"));
    }
}
