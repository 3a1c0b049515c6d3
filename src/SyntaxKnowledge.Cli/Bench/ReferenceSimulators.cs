using System.Runtime.CompilerServices;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Bench;

/// <summary>
/// Simple reference implementations for the benchmark ratios: what a straightforward program would do
/// (System.Random, a linear scan over the tables), not what the library does.
/// </summary>
/// <remarks>Each method is one long loop called a few times, so it is compiled fully optimised at once
/// (tiered compilation would otherwise run it as on-stack-replacement code).</remarks>
internal static class ReferenceSimulators
{
    /// <summary>The Kₙ chain with <see cref="Random"/>; returns Kₙ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // fully optimised on the first call, like the samplers
    public static int Distinct(double discount, double concentration, int draws, int seed)
    {
        var random = new Random(seed);
        int k = 1;
        for (int i = 1; i < draws; i++)
        {
            if (random.NextDouble() * (concentration + i) < concentration + (k * discount))
            {
                k++;
            }
        }

        return k;
    }

    /// <summary>The seating process with <see cref="Random"/> and a linear scan over the tables (O(K) per draw); returns K.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // fully optimised on the first call, like the samplers
    public static int Seating(double discount, double concentration, int draws, int seed)
    {
        var random = new Random(seed);
        var counts = new List<int> { 1 };
        for (int i = 1; i < draws; i++)
        {
            double v = random.NextDouble() * (concentration + i);
            double newWeight = concentration + (counts.Count * discount);
            if (v < newWeight)
            {
                counts.Add(1);
                continue;
            }

            v -= newWeight;
            int table = 0;
            while (table < counts.Count - 1 && v >= counts[table] - discount)
            {
                v -= counts[table] - discount;
                table++;
            }

            counts[table]++;
        }

        return counts.Count;
    }

    /// <summary>Draws <paramref name="count"/> 64-bit words from the counter-based generator on one thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // fully optimised on the first call, like the samplers
    public static ulong CounterBits(long count)
    {
        CounterRandom random = CounterRandom.Create(1, 2);
        ulong sum = 0;
        for (long i = 0; i < count; i++)
        {
            sum ^= random.Bits(unchecked((ulong)i));
        }

        return sum;
    }

    /// <summary>Draws <paramref name="count"/> 64-bit words from <see cref="Random"/> on one thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // fully optimised on the first call, like the samplers
    public static long SystemRandomBits(long count)
    {
        var random = new Random(1);
        long sum = 0;
        for (long i = 0; i < count; i++)
        {
            sum ^= random.NextInt64();
        }

        return sum;
    }
}
