using System.Globalization;
using System.Numerics;
using SyntaxKnowledge.Internal;

namespace SyntaxKnowledge.Processes;

/// <summary>
/// The cost bounds of the exact (rational) Pitman–Yor computations. An exact method whose estimated cost exceeds
/// its bound throws <see cref="ArgumentOutOfRangeException"/> naming the parameter, its value and the limit, instead
/// of running for minutes; use the double-precision <c>Approximate</c> methods beyond it.
/// </summary>
/// <remarks>
/// <para>With d = a/b and θ = c/b over a common denominator b, an exact value built from n factors c + j·a or
/// c + j·b has numerator and denominator of about <c>bits = n · log₂(2 + |c| + |a| + (n + 1) b)</c> bits, and the
/// final reduction (a gcd, quadratic in the size) dominates. Measured on one core (.NET 10): 2·10⁶ bits take
/// 1–3 s; E[Kₙ] at d = 1/2, θ = 1, n = 10⁵ (1.8·10⁶ bits) takes 1.5 s.</para>
/// <para>Bounds: closed forms (E[Kₙ], Var[Kₙ], P(new), E[K_{n,m}], T(C), the acquired mass) need
/// bits ≤ <see cref="MaximumBits"/>; the O(n) rational recursions need bits ≤ <see cref="MaximumRecursionBits"/>
/// (each of their n steps reduces a fraction of that size); the law of Kₙ (O(n²) multiply-adds) needs
/// n² · bits ≤ <see cref="MaximumDistributionWork"/>; exact alternating series of t terms (unrevealed and acquired
/// mass) need t · bits ≤ <see cref="MaximumSeriesWork"/>. Each bound corresponds to a few seconds at most.
/// T(C) for d = 0 is a single power (binary powering, no gcd) and has no bound beyond the integer range.</para>
/// </remarks>
public static class ExactLimits
{
    /// <summary>The largest estimated size, in bits, of an exact closed-form value (about 1–3 s of work).</summary>
    public const long MaximumBits = 2_000_000;

    /// <summary>The largest estimated size, in bits, of the value an O(n) exact recursion ends with.</summary>
    public const long MaximumRecursionBits = 25_000;

    /// <summary>The largest n² · bits for the exact law of Kₙ.</summary>
    public const double MaximumDistributionWork = 3e10;

    /// <summary>The largest terms · bits for an exact alternating series.</summary>
    public const double MaximumSeriesWork = 5e9;

    /// <summary>Returns the estimated size in bits of an exact value built from <paramref name="factors"/> factors.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="factors">The number of factors n. Range: n ≥ 0.</param>
    /// <returns>n · log₂(2 + |c| + |a| + (n + 1) b) with d = a/b, θ = c/b.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    public static double EstimatedBits(PitmanYorParameters parameters, long factors)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (factors <= 0)
        {
            return 0;
        }

        (BigInteger a, BigInteger c, BigInteger b) = parameters.CommonScale();
        BigInteger largest = 2 + BigInteger.Abs(c) + BigInteger.Abs(a) + ((factors + 1) * b);
        return factors * BigInteger.Log(largest, 2);
    }

    internal static void CheckBits(PitmanYorParameters parameters, long factors, string parameterName, double limit, string what)
    {
        double bits = EstimatedBits(parameters, factors);
        if (bits > limit)
        {
            throw Preconditions.OutOfRange(
                parameterName,
                factors,
                string.Create(CultureInfo.InvariantCulture, $"{what} needs about {bits:G3} bits here; the exact limit is {limit:G3} bits ({parameterName} up to about {LargestWithin(parameters, limit)}); use the double-precision value beyond it"));
        }
    }

    internal static void CheckWork(PitmanYorParameters parameters, long factors, double multiplier, string parameterName, double limit, string what)
    {
        double work = multiplier * EstimatedBits(parameters, factors);
        if (work > limit)
        {
            throw Preconditions.OutOfRange(
                parameterName,
                factors,
                string.Create(CultureInfo.InvariantCulture, $"{what} needs about {work:G3} units of work (terms x bits) here; the exact limit is {limit:G3}"));
        }
    }

    /// <summary>Returns the largest count n whose <see cref="EstimatedBits"/> is within a bit limit.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="limitBits">The limit in bits, e.g. <see cref="MaximumBits"/>. Range: ≥ 0.</param>
    /// <returns>The largest n ≤ <see cref="int.MaxValue"/> with EstimatedBits(n) ≤ limit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    public static long LargestCount(PitmanYorParameters parameters, double limitBits)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return LargestWithin(parameters, limitBits);
    }

    private static long LargestWithin(PitmanYorParameters parameters, double limit)
    {
        long low = 0, high = int.MaxValue;
        while (low < high)
        {
            long middle = low + ((high - low + 1) / 2);
            if (EstimatedBits(parameters, middle) <= limit)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }
}
