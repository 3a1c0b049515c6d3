using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Plots.Data;

/// <summary>Zipf's law data: ranked entity frequencies of simulated seatings, and the derived slope -1/d.</summary>
/// <param name="Parameters">The Pitman-Yor parameters.</param>
/// <param name="Draws">The draws n of each seating.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Ranked">Per replicate, the relative frequencies n_k/n sorted in decreasing order (rank 1 first).</param>
/// <param name="Slope">The derived log-log slope -1/d of the ranked weights, or null for d = 0 (no power law).</param>
/// <param name="GuideConstant">C of the guide C k^(-1/d), placed through the data (the slope is derived, only the height is read from the data); NaN when too few ranks have mean count &gt;= 10.</param>
/// <param name="GuideRanks">The ranks [first, last] through which the guide is placed (ranks &gt;= 3 whose mean count is at least 10); (0, 0) without a guide.</param>
internal sealed record ZipfData(PitmanYorParameters Parameters, int Draws, ulong Seed, IReadOnlyList<double[]> Ranked, double? Slope, double GuideConstant, (int First, int Last) GuideRanks)
{
    /// <summary>Simulates <paramref name="replicates"/> seatings of <paramref name="draws"/> draws and ranks their block sizes.</summary>
    public static ZipfData Compute(PitmanYorParameters parameters, int draws, int replicates, ulong seed, IProgress<double> progress, CancellationToken cancellationToken)
    {
        SeatingSample sample = ManagedBackend.Instance.SimulateSeating(parameters, draws, replicates, seed, progress: progress, cancellationToken: cancellationToken);
        double[][] ranked = [.. sample.Partitions.Select(h => RankedFrequencies(h, draws))];
        if (parameters.IsDirichlet)
        {
            return new ZipfData(parameters, draws, seed, ranked, null, double.NaN, (1, 1));
        }

        double slope = -1 / parameters.DiscountValue;

        // Mean ranked frequency over replicates at ranks every replicate has; the guide is placed through ranks >= 3 whose
        // mean count is >= 10 (below that, counts are too discrete to follow the weights). Fewer than two such ranks: no guide.
        int common = ranked.Min(r => r.Length);
        double[] mean = [.. Enumerable.Range(0, common).Select(k => ranked.Average(r => r[k]))];
        int[] usable = [.. Enumerable.Range(3, Math.Max(0, common - 2)).Where(k => mean[k - 1] * draws >= 10)];
        if (usable.Length < 2)
        {
            return new ZipfData(parameters, draws, seed, ranked, slope, double.NaN, (0, 0));
        }

        double[] offsets = [.. usable.Select(k => Math.Log(mean[k - 1]) - (slope * Math.Log(k)))];
        double constant = Math.Exp(Grids.Quantile(offsets, 0.5));
        return new ZipfData(parameters, draws, seed, ranked, slope, constant, (usable[0], usable[^1]));
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
