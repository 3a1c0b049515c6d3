using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using SyntaxKnowledge.Internal;

namespace SyntaxKnowledge.Simulation;

/// <summary>
/// The block-size profile of a random partition: for every block size m that occurs, the number
/// K_{n,m} of blocks of that size. It is a sufficient statistic for every symmetric functional of the
/// partition (Kₙ, singletons, Σ_k f(n_k), acquired mass, top-C coverage, …).
/// </summary>
/// <remarks>Immutable. Sizes are strictly increasing; the representation is sparse, so it has at most
/// about √(2n) entries whatever the number of blocks.</remarks>
public sealed class BlockHistogram
{
    private BlockHistogram(ImmutableArray<int> sizes, ImmutableArray<int> multiplicities)
    {
        Sizes = sizes;
        Multiplicities = multiplicities;
        long draws = 0;
        int blocks = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            draws += (long)sizes[i] * multiplicities[i];
            blocks += multiplicities[i];
        }

        Draws = draws;
        Distinct = blocks;
    }

    /// <summary>Gets the distinct block sizes that occur, in increasing order.</summary>
    public ImmutableArray<int> Sizes { get; }

    /// <summary>Gets the number of blocks of each size in <see cref="Sizes"/> (same order).</summary>
    public ImmutableArray<int> Multiplicities { get; }

    /// <summary>Gets the number of draws n = Σ_m m K_{n,m}.</summary>
    public long Draws { get; }

    /// <summary>Gets the number of blocks Kₙ = Σ_m K_{n,m}.</summary>
    public int Distinct { get; }

    /// <summary>Gets the number of singletons K_{n,1}.</summary>
    public int Singletons => Blocks(1);

    /// <summary>Builds the profile of a list of block sizes.</summary>
    /// <param name="blockSizes">The block sizes (each ≥ 1), in any order.</param>
    /// <returns>The histogram.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than one.</exception>
    public static BlockHistogram FromBlockSizes(ReadOnlySpan<int> blockSizes)
    {
        int[] sorted = blockSizes.ToArray();
        Array.Sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            Preconditions.AtLeast(sorted[i], 1, nameof(blockSizes));
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                distinct++;
            }
        }

        var sizes = new int[distinct];
        var multiplicities = new int[distinct];
        int d = -1;
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                sizes[++d] = sorted[i];
            }

            multiplicities[d]++;
        }

        return new BlockHistogram(ImmutableCollectionsMarshal.AsImmutableArray(sizes), ImmutableCollectionsMarshal.AsImmutableArray(multiplicities));
    }

    /// <summary>Builds the histogram from its profile: distinct sizes in increasing order and their multiplicities.</summary>
    /// <param name="sizes">The distinct block sizes, strictly increasing, each ≥ 1.</param>
    /// <param name="multiplicities">The number of blocks of each size (same order), each ≥ 1.</param>
    /// <returns>The histogram.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or the sizes are not strictly increasing.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size or a multiplicity is less than one.</exception>
    /// <remarks>The form GPU kernels produce (<see cref="Samplers.Profile{TWorkspace}"/>); O(D) for D distinct sizes.</remarks>
    public static BlockHistogram FromProfile(ReadOnlySpan<int> sizes, ReadOnlySpan<int> multiplicities)
    {
        if (sizes.Length != multiplicities.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"multiplicities has length {multiplicities.Length}; valid range: the length of sizes, {sizes.Length}."), nameof(multiplicities));
        }

        for (int i = 0; i < sizes.Length; i++)
        {
            Preconditions.AtLeast(sizes[i], 1, nameof(sizes));
            Preconditions.AtLeast(multiplicities[i], 1, nameof(multiplicities));
            if (i > 0 && sizes[i] <= sizes[i - 1])
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"sizes[{i}] = {sizes[i]} does not exceed sizes[{i - 1}] = {sizes[i - 1]}; sizes must be strictly increasing."), nameof(sizes));
            }
        }

        return new BlockHistogram(ImmutableArray.Create(sizes.ToArray()), ImmutableArray.Create(multiplicities.ToArray()));
    }

    /// <summary>Returns K_{n,m}, the number of blocks of size exactly m.</summary>
    /// <param name="size">The block size m.</param>
    /// <returns>The number of blocks of that size (zero if none).</returns>
    public int Blocks(int size)
    {
        int i = Sizes.BinarySearch(size);
        return i >= 0 ? Multiplicities[i] : 0;
    }

    /// <summary>Returns Σ_k f(n_k) over all blocks.</summary>
    /// <param name="function">The function f of a block size.</param>
    /// <returns>The sum over blocks.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is <see langword="null"/>.</exception>
    public double Sum(Func<int, double> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        double total = 0;
        for (int i = 0; i < Sizes.Length; i++)
        {
            total += Multiplicities[i] * function(Sizes[i]);
        }

        return total;
    }

    /// <summary>Returns the number of draws in the <paramref name="top"/> largest blocks.</summary>
    /// <param name="top">The number of largest blocks C. Range: C ≥ 0.</param>
    /// <returns>The total size of the C largest blocks (all draws if C ≥ Kₙ).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is negative.</exception>
    public long LargestBlocksTotal(int top)
    {
        Preconditions.AtLeast(top, 0, nameof(top));
        long total = 0;
        for (int i = Sizes.Length - 1; i >= 0 && top > 0; i--)
        {
            int take = Math.Min(top, Multiplicities[i]);
            total += (long)take * Sizes[i];
            top -= take;
        }

        return total;
    }
}
