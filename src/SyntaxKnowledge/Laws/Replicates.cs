using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Laws;

/// <summary>Runs independent Monte Carlo replicates in parallel for the laws' simulations; replicate r always uses
/// <see cref="CounterRandom.Create"/>(seed, r), so results do not depend on the thread count.</summary>
internal static class Replicates
{
    /// <summary>Runs body(r, workspace) for every replicate, in chunks, reporting progress and honouring cancellation.</summary>
    public static void Run<TWork>(int replicates, IProgress<double>? progress, Func<TWork> workspace, Action<int, TWork> body, CancellationToken cancellationToken)
    {
        int chunk = Math.Max(1, replicates / (8 * Environment.ProcessorCount));
        int chunks = (replicates + chunk - 1) / chunk;
        long done = 0;
        Parallel.For(
            0,
            chunks,
            new ParallelOptions { CancellationToken = cancellationToken },
            workspace,
            (c, _, work) =>
            {
                int from = c * chunk, to = Math.Min(replicates, from + chunk);
                for (int r = from; r < to; r++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    body(r, work);
                }

                progress?.Report((double)Interlocked.Add(ref done, to - from) / replicates);
                return work;
            },
            _ => { });
    }

    /// <summary>Validates and sorts a grid of stored-entity counts C ≥ 0 (distinct, ascending).</summary>
    public static int[] StoredGrid(IReadOnlyList<int> stored, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(stored, parameterName);
        if (stored.Count == 0)
        {
            throw new ArgumentException("At least one capacity is needed; valid range: a non-empty list of C >= 0.", parameterName);
        }

        foreach (int c in stored)
        {
            Preconditions.AtLeast(c, 0, parameterName);
        }

        return [.. stored.Distinct().Order()];
    }

    /// <summary>Validates the common simulation arguments.</summary>
    public static void Check(PitmanYorParameters parameters, int replicates)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(replicates, 2, nameof(replicates));
    }
}
