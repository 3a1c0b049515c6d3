using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace SyntaxKnowledge.Simulation;

/// <summary>
/// The managed backend's seating loop for workspaces larger than the caches: the same arithmetic as
/// <see cref="Samplers.Seating{TWorkspace}"/>, with each draw's uniform computed a fixed distance ahead
/// so that the workspace line it will read is prefetched while earlier draws complete.
/// </summary>
/// <remarks>
/// <para>Draw i + L's rest weight is estimated with the current number of blocks; blocks only grow, so the
/// estimate is the exact index unless a block is founded in between, and then it is off by a few
/// elements. The prefetch is a hint only: the values read and every comparison are those of the plain
/// loop, so the partition is bit-for-bit the same (tests compare the two).</para>
/// <para>At n = 10⁸ the plain loop waits on one DRAM miss per draw; with prefetching about L misses
/// overlap (docs/performance.md).</para>
/// </remarks>
internal static class PrefetchingSeating
{
    /// <summary>Workspaces of at least this many integers (1 MiB) use the prefetching loop.</summary>
    public const int MinimumDraws = 1 << 18;

    private const int Distance = 32; // draws ahead; a power of two
    private const int Mask = Distance - 1;

    /// <summary>Runs the seating process like <see cref="Samplers.Seating{TWorkspace}"/> on an array workspace.</summary>
    /// <param name="discount">The discount d.</param>
    /// <param name="concentration">The concentration θ.</param>
    /// <param name="draws">The number of draws n ≥ 1.</param>
    /// <param name="random">The replicate's generator.</param>
    /// <param name="workspace">At least n integers; on return [n − K, n) are the block sizes.</param>
    /// <returns>The number of blocks K.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe int Run(double discount, double concentration, int draws, CounterRandom random, int[] workspace) =>
        Run(discount, concentration, draws, random, workspace, CancellationToken.None);

    /// <summary>As <see cref="Run(double, double, int, CounterRandom, int[])"/>, looking at the token every
    /// <see cref="Samplers.CancellationInterval"/> draws (a few milliseconds), so Ctrl-C stops even n = 2·10⁹ at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe int Run(double discount, double concentration, int draws, CounterRandom random, int[] workspace, CancellationToken cancellationToken)
    {
        Debug.Assert(workspace.Length >= draws, "workspace covers every draw");
        if (!Sse.IsSupported || draws < MinimumDraws)
        {
            return Samplers.Seating(discount, concentration, draws, random, new ArrayWorkspace<int>(workspace));
        }

        double* ahead = stackalloc double[Distance];
        int k = 1, r = 0;
        double oneMinusDiscount = 1 - discount;
        ulong counter = unchecked(random.Key + CounterRandom.Gamma), aheadCounter = counter;
        double aheadIndex = 1;
        for (int j = 1; j <= Distance; j++, aheadIndex += 1)
        {
            aheadCounter = unchecked(aheadCounter + CounterRandom.Gamma);
            ahead[j & Mask] = CounterRandom.ToUnitInterval(CounterRandom.Mix(aheadCounter)) * (concentration + aheadIndex);
        }

        fixed (int* blocks = workspace)
        {
            for (int i = 1; i < draws; i++, aheadIndex += 1)
            {
                if ((i & (Samplers.CancellationInterval - 1)) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                double newWeight = concentration + (k * discount);
                double v = ahead[i & Mask];

                // Draw i + L (computed even past n; harmless) and a prefetch of the entry it will likely read.
                aheadCounter = unchecked(aheadCounter + CounterRandom.Gamma);
                double future = CounterRandom.ToUnitInterval(CounterRandom.Mix(aheadCounter)) * (concentration + aheadIndex);
                ahead[(i + Distance) & Mask] = future;
                double guess = future - newWeight;
                if (guess >= 0 && guess < r)
                {
                    Sse.Prefetch0(blocks + unchecked((int)guess));
                }

                if (v < newWeight)
                {
                    k++;
                    continue;
                }

                double w = v - newWeight;
                int block;
                if (w < r)
                {
                    block = blocks[unchecked((int)w)];
                }
                else
                {
                    block = unchecked((int)((w - r) / oneMinusDiscount));
                    if (block >= k)
                    {
                        block = k - 1;
                    }
                }

                blocks[r++] = block;
            }

            for (int b = r; b < r + k; b++)
            {
                blocks[b] = 1;
            }

            for (int j = 0; j < r; j++)
            {
                blocks[r + blocks[j]]++;
            }
        }

        return k;
    }
}
