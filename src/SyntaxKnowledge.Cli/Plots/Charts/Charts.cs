using System.Globalization;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Cli.Plots.Charts;

/// <summary>
/// Chart functions: each turns one data record (computed elsewhere, in Plots/Data) into a <see cref="ChartSpec"/>,
/// without computing anything itself. One file per chart. Conventions shared by every chart:
/// exact values are solid lines, asymptotic laws dashed, simulations colour bands (5-95% of replicates) and
/// markers with +/- 2 SE error bars; slot 0 (near-black) is the headline exact curve; axis labels carry units;
/// titles state the parameters and subtitles the simulation size and seed.
/// </summary>
internal static partial class Charts
{
    /// <summary>Palette slot of the headline exact curve.</summary>
    private const int Black = 0;

    /// <summary>Palette slot of simulations.</summary>
    private const int Blue = 1;

    /// <summary>Palette slot of the second simulated estimator.</summary>
    private const int Orange = 2;

    /// <summary>Palette slot of asymptotic laws.</summary>
    private const int Red = 4;

    /// <summary>"d = 1/2, theta = 1".</summary>
    private static string Describe(PitmanYorParameters p) => string.Create(CultureInfo.InvariantCulture, $"d = {p.Discount}, theta = {p.Concentration}");

    /// <summary>"biographies-like model with J = 5 attributes, d = 1/2, theta = 1".</summary>
    private static string Describe(SyntaxKnowledgeModel model) =>
        string.Create(CultureInfo.InvariantCulture, $"J = {model.Attributes.Length} attributes, {Describe(model.Knowledge)}");

    private static string Count(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Simulation(Data.SimulatedSeries? simulated, string what) => simulated is null
        ? "no simulation"
        : string.Create(CultureInfo.InvariantCulture, $"simulated: {Count(simulated.Replicates)} {what}, seed {simulated.Seed}, the same {what} at every n (errors correlated across n); band 5-95% of {what}, markers mean +/- 2 SE");

    /// <summary>The band and (unless <paramref name="meanLabel"/> is null) the mean markers of a simulated series.</summary>
    private static IEnumerable<Layer> Simulated(Data.SimulatedSeries? simulated, int color, string bandLabel, string? meanLabel)
    {
        if (simulated is null)
        {
            yield break;
        }

        yield return new BandLayer(bandLabel, color, simulated.X, simulated.Low, simulated.High);
        if (meanLabel is not null)
        {
            yield return new PointLayer(meanLabel, color, simulated.X, simulated.Mean, simulated.MeanMinusTwoStandardErrors, simulated.MeanPlusTwoStandardErrors);
        }
    }
}
