using System.Globalization;
using SyntaxKnowledge.Cli.Plots.Data;

namespace SyntaxKnowledge.Cli.Plots.Charts;

internal static partial class Charts
{
    /// <summary>Heaps' law on log-log axes: E[K_n] exact and asymptotic, simulated K_n as a band and mean markers.</summary>
    public static ChartSpec Heaps(HeapsData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        bool dirichlet = data.Parameters.IsDirichlet;
        var layers = new List<Layer>();
        layers.AddRange(Simulated(data.Simulated, Blue, "simulated K_n, 5-95% of paths", "simulated mean +/- 2 SE"));
        layers.Add(new LineLayer("E[K_n] exact", Black, data.N, data.Exact));
        layers.Add(new LineLayer(dirichlet ? "asymptotic theta ln n" : "asymptotic Gamma(theta+1)/(d Gamma(theta+d)) n^d", Red, data.N, data.Asymptotic, Stroke.Dashed));
        string growth = dirichlet ? "d = 0: logarithmic growth" : string.Create(CultureInfo.InvariantCulture, $"exponent d = {data.Parameters.Discount}");
        return new ChartSpec(
            $"Heaps' law: distinct entities K_n after n draws, PY({Describe(data.Parameters)})",
            new ChartAxis("n (draws = sentences)", AxisScale.Log),
            new ChartAxis("K_n (distinct entities)", AxisScale.Log),
            layers,
            LegendCorner.UpperLeft,
            $"{growth}; {Simulation(data.Simulated, "paths")}");
    }
}
