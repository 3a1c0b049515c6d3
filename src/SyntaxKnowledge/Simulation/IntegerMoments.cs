using System.Globalization;
using System.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Simulation;

/// <summary>
/// Exact sufficient statistics of integer replicate values: the count R, the sum Σx and the sum of squares Σx².
/// They merge exactly (<see cref="Merge"/>), so shards of a simulation run on different machines combine to
/// exactly the statistics of the unsharded run, whatever the order of merging.
/// </summary>
/// <remarks>
/// <para>Immutable and thread-safe. The sums are <see cref="BigInteger"/>s and never overflow.</para>
/// <para>The estimate (<see cref="MonteCarlo.Summarize(IntegerMoments)"/>) is a function of (R, Σx, Σx²)
/// alone, computed from exact rationals and rounded once, so it is bit-for-bit the same however the
/// replicates were split into shards.</para>
/// </remarks>
public sealed record IntegerMoments
{
    private IntegerMoments(long count, BigInteger sum, BigInteger sumOfSquares) =>
        (Count, Sum, SumOfSquares) = (count, sum, sumOfSquares);

    /// <summary>Gets the statistics of no values (R = 0, Σx = Σx² = 0), the identity of <see cref="Merge"/>.</summary>
    public static IntegerMoments Empty { get; } = new(0, BigInteger.Zero, BigInteger.Zero);

    /// <summary>Gets the number of values R.</summary>
    public long Count { get; }

    /// <summary>Gets the exact sum of the values Σx.</summary>
    public BigInteger Sum { get; }

    /// <summary>Gets the exact sum of the squared values Σx².</summary>
    public BigInteger SumOfSquares { get; }

    /// <summary>Creates moments from recorded sums (e.g. read back from a shard file), checking they are consistent.</summary>
    /// <param name="count">The number of values R. Range: R ≥ 0.</param>
    /// <param name="sum">The sum Σx. Range: 0 when R = 0.</param>
    /// <param name="sumOfSquares">The sum of squares Σx². Range: (Σx)² ≤ R·Σx² (Cauchy–Schwarz), so Σx² ≥ 0.</param>
    /// <returns>The moments.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range: no R integers have these sums.</exception>
    public static IntegerMoments Create(long count, BigInteger sum, BigInteger sumOfSquares)
    {
        Preconditions.AtLeast(count, 0, nameof(count));
        if (sumOfSquares.Sign < 0 || (sum * sum) > (count * sumOfSquares))
        {
            throw Preconditions.OutOfRange(nameof(sumOfSquares), sumOfSquares, string.Create(CultureInfo.InvariantCulture, $"sum^2 <= count * sumOfSquares (sum = {sum}, count = {count})"));
        }

        return new IntegerMoments(count, sum, sumOfSquares);
    }

    /// <summary>Returns the moments of the given values.</summary>
    /// <param name="values">The values. Range: any (possibly empty).</param>
    /// <returns>The moments.</returns>
    public static IntegerMoments Of(ReadOnlySpan<int> values)
    {
        Int128 sum = 0, squares = 0;
        foreach (int v in values)
        {
            sum += v;
            squares += (long)v * v;
        }

        return new IntegerMoments(values.Length, (BigInteger)sum, (BigInteger)squares);
    }

    /// <summary>Returns the moments of the given values.</summary>
    /// <param name="values">The values. Range: any (possibly empty).</param>
    /// <returns>The moments.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    public static IntegerMoments Of(IEnumerable<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Of(values.ToArray().AsSpan());
    }

    /// <summary>Returns the moments of the union of both sets of values (exact: the counts and sums add).</summary>
    /// <param name="other">The other moments.</param>
    /// <returns>The merged moments.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is <see langword="null"/>.</exception>
    /// <exception cref="OverflowException">The merged count exceeds <see cref="long.MaxValue"/>.</exception>
    public IntegerMoments Merge(IntegerMoments other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new IntegerMoments(checked(Count + other.Count), Sum + other.Sum, SumOfSquares + other.SumOfSquares);
    }

    /// <summary>Returns the exact sample mean Σx / R.</summary>
    /// <returns>The mean.</returns>
    /// <exception cref="InvalidOperationException">The moments are empty (R = 0).</exception>
    public Rational Mean() =>
        Count > 0 ? new Rational(Sum, Count) : throw new InvalidOperationException("The mean of no values is undefined; at least one value (count >= 1) is needed.");

    /// <summary>Returns the exact sample variance (R·Σx² − (Σx)²) / (R(R − 1)), with divisor R − 1.</summary>
    /// <returns>The variance; zero when R = 1.</returns>
    /// <exception cref="InvalidOperationException">The moments are empty (R = 0).</exception>
    public Rational Variance()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The variance of no values is undefined; at least one value (count >= 1) is needed.");
        }

        return Count == 1 ? Rational.Zero : new Rational((Count * SumOfSquares) - (Sum * Sum), (BigInteger)Count * (Count - 1));
    }
}
