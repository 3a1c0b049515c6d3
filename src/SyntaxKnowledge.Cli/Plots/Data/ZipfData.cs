using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Plots.Data;

/// <summary>Zipf's law data: ranked entity frequencies of simulated seatings, and the derived slope -1/d.</summary>
/// <param name="Parameters">The Pitman-Yor parameters.</param>
/// <param name="Draws">The draws n of each seating.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Ranked">Per replicate, the relative frequencies n_k/n sorted in decreasing order (rank 1 first).</param>
/// <param name="Slope">The derived log-log slope -1/d of the ranked weights, or null for d = 0 (no power law).</param>
/// <param name="GuideConstant">C of the guide C k^(-1/d), placed through the data (the slope is derived, only the height is read from the data).</param>
/// <param name="GuideRanks">The ranks [first, last] over which the guide is drawn and placed (ranks whose mean count is at least 10).</param>
internal sealed record ZipfData(PitmanYorParameters Parameters, int Draws, ulong Seed, IReadOnlyList<double[]> Ranked, double? Slope, double GuideConstant, (int First, int Last) GuideRanks)
{
    /// <summary>Simulates <paramref name="replicates"/> seatings of <paramref name="draws"/> draws and ranks their block sizes.</summary>
    public static ZipfData Compute(PitmanYorParameters parameters, int draws, int replicates, ulong seed, IProgress<double> progress, CancellationToken cancellationToken)
    {
        SeatingSample sample = ManagedBackend.Instance.SimulateSeating(parameters, draws, replicates, seed, progress, cancellationToken);
        double[][] ranked = [.. sample.Partitions.Select(h => RankedFrequencies(h, draws))];
        if (parameters.IsDirichlet)
        {
            return new ZipfData(parameters, draws, seed, ranked, null, double.NaN, (1, 1));
        }

        double slope = -1 / parameters.DiscountValue;

        // Mean ranked frequency over replicates at ranks every replicate has; the guide covers ranks >= 3 whose mean count is >= 10.
        int common = ranked.Min(r => r.Length);
        double[] mean = [.. Enumerable.Range(0, common).Select(k => ranked.Average(r => r[k]))];
        int first = Math.Min(3, common), last = first;
        while (last < common && mean[last] * draws >= 10)
        {
            last++;
        }

        last = Math.Max(last, Math.Min(common, first + 1));
        double[] offsets = [.. Enumerable.Range(first, last - first + 1).Select(k => Math.Log(mean[k - 1]) - (slope * Math.Log(k)))];
        double constant = Math.Exp(Grids.Quantile(offsets, 0.5));
        return new ZipfData(parameters, draws, seed, ranked, slope, constant, (first, last));
    }

    private static double[] RankedFrequencies(BlockHistogram histogram, int draws)
    {
        var sizes = new List<double>(histogram.Distinct);
        for (int i = histogram.Sizes.Length - 1; i >= 0; i--)
        {
            for (int j = 0; j < histogram.Multiplicities[i]; j++)
            {
                sizes.Add((double)histogram.Sizes[i] / draws);
            }
        }

        return [.. sizes];
    }
}
