using System.Globalization;
using MathNet.Numerics;
using SyntaxKnowledge.Model;

namespace SyntaxKnowledge.Cli.Plots.Data;

/// <summary>One frequency bucket of a generated corpus: entities whose count in the whole corpus lies in [Low, High].</summary>
/// <param name="Label">The bucket label, e.g. "4-15".</param>
/// <param name="Low">The least final count in the bucket.</param>
/// <param name="High">The greatest final count in the bucket.</param>
/// <param name="Entities">The number of entities in the bucket.</param>
/// <param name="Observed">At each checkpoint, the fraction of the bucket's entities seen at least r times so far.</param>
/// <param name="Predicted">At each checkpoint, the same fraction predicted from the final counts alone: by exchangeability an
/// entity with final count m has a Hypergeometric(N, m, n) count among the first n sentences.</param>
internal sealed record FrequencyBucket(string Label, int Low, int High, int Entities, double[] Observed, double[] Predicted);

/// <summary>Acquisition by frequency bucket in one generated corpus: frequent entities are acquired (seen r times) first.</summary>
/// <param name="Model">The model.</param>
/// <param name="Sentences">The corpus length N.</param>
/// <param name="Exposures">The exposures r needed to acquire an entity.</param>
/// <param name="Seed">The corpus seed.</param>
/// <param name="N">The checkpoints n (sentences read).</param>
/// <param name="Buckets">The buckets, least frequent first (those that can reach r exposures).</param>
internal sealed record BucketAcquisitionData(SyntaxKnowledgeModel Model, int Sentences, int Exposures, ulong Seed, double[] N, IReadOnlyList<FrequencyBucket> Buckets)
{
    /// <summary>The bucket base: buckets are [1, 3], [4, 15], [16, 63], ... (powers of four keep the number of curves readable).</summary>
    public const int BucketBase = 4;

    /// <summary>Generates the corpus and follows each entity's count along it.</summary>
    public static BucketAcquisitionData Compute(SyntaxKnowledgeModel model, int sentences, int exposures, int points, ulong seed, IProgress<double> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        int[] entity = new int[sentences];
        int i = 0;
        foreach (Sentence sentence in CorpusGenerator.Generate(World.Sample(model, seed), 0, sentences, cancellationToken))
        {
            entity[i++] = sentence.Entity;
            if ((i & 0x3FFF) == 0)
            {
                progress.Report(0.8 * i / sentences);
            }
        }

        int entities = entity.Length == 0 ? 0 : entity.Max() + 1;
        int[] final = new int[entities];
        foreach (int e in entity)
        {
            final[e]++;
        }

        int[] bucketOf = [.. final.Select(Bucket)];
        int buckets = bucketOf.DefaultIfEmpty(0).Max() + 1;
        int[] sizes = new int[buckets];
        foreach (int b in bucketOf)
        {
            sizes[b]++;
        }

        int[] checkpoints = Grids.Log(1, sentences, points);
        double[][] observed = [.. Enumerable.Range(0, buckets).Select(_ => new double[checkpoints.Length])];
        int[] running = new int[entities];
        int[] acquired = new int[buckets];
        int next = 0;
        for (int n = 1; n <= sentences; n++)
        {
            int e = entity[n - 1];
            if (++running[e] == exposures)
            {
                acquired[bucketOf[e]]++;
            }

            while (next < checkpoints.Length && checkpoints[next] == n)
            {
                for (int b = 0; b < buckets; b++)
                {
                    observed[b][next] = sizes[b] == 0 ? double.NaN : (double)acquired[b] / sizes[b];
                }

                next++;
            }
        }

        progress.Report(0.9);
        var result = new List<FrequencyBucket>();
        for (int b = 0; b < buckets; b++)
        {
            (int low, int high) = Bounds(b);
            if (sizes[b] == 0 || high < exposures)
            {
                continue;
            }

            var counts = Enumerable.Range(0, entities).Where(e => bucketOf[e] == b).GroupBy(e => final[e]).Select(g => (Count: g.Key, Entities: g.Count())).ToArray();
            double[] predicted = [.. checkpoints.Select(n => counts.Sum(c => c.Entities * HypergeometricTail(sentences, c.Count, n, exposures)) / sizes[b])];
            string label = low == high ? low.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{low}-{high}");
            result.Add(new FrequencyBucket(label, low, high, sizes[b], observed[b], predicted));
        }

        progress.Report(1);
        return new BucketAcquisitionData(model, sentences, exposures, seed, [.. checkpoints.Select(n => (double)n)], result);
    }

    /// <summary>Returns the bucket index of a final count m &gt;= 1: floor(log4 m).</summary>
    public static int Bucket(int count)
    {
        int b = 0;
        for (long limit = BucketBase; count >= limit; limit *= BucketBase)
        {
            b++;
        }

        return b;
    }

    /// <summary>Returns the final-count range [4^b, 4^(b+1) - 1] of bucket b.</summary>
    public static (int Low, int High) Bounds(int bucket)
    {
        long low = 1;
        for (int b = 0; b < bucket; b++)
        {
            low *= BucketBase;
        }

        return ((int)low, (int)Math.Min(int.MaxValue, (low * BucketBase) - 1));
    }

    /// <summary>P(X &gt;= r) for X ~ Hypergeometric(population N, successes m, draws n), by summing the lower tail in log space.</summary>
    public static double HypergeometricTail(int population, int successes, int draws, int r)
    {
        if (r <= 0)
        {
            return 1;
        }

        double logTotal = SpecialFunctions.BinomialLn(population, draws), below = 0;
        for (int x = 0; x < r; x++)
        {
            if (x > successes || draws - x > population - successes || x > draws)
            {
                continue;
            }

            below += Math.Exp(SpecialFunctions.BinomialLn(successes, x) + SpecialFunctions.BinomialLn(population - successes, draws - x) - logTotal);
        }

        return Math.Clamp(1 - below, 0, 1);
    }
}
