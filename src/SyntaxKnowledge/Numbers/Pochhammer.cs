using System.Numerics;
using SyntaxKnowledge.Internal;

namespace SyntaxKnowledge.Numbers;

/// <summary>
/// Rising factorials (Pochhammer symbols) (x)ₘ = x(x+1)…(x+m−1), their ratios and binomial
/// coefficients, exactly on <see cref="Rational"/>, and in log space on <see cref="double"/>.
/// </summary>
/// <remarks>
/// Exact products use balanced product trees on integers (x = a/b gives (x)ₘ = Π(a + i·b)/bᵐ), so
/// a product of m factors costs O(M(m log m)) instead of m rational multiplications with gcds.
/// All members are pure and thread-safe.
/// </remarks>
public static class Pochhammer
{
    /// <summary>Returns the rising factorial (x)ₘ = x(x+1)…(x+m−1), with (x)₀ = 1, exactly.</summary>
    /// <param name="x">The base x. Range: any rational.</param>
    /// <param name="count">The number of factors m. Range: m ≥ 0.</param>
    /// <returns>(x)ₘ.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static Rational Rising(Rational x, int count)
    {
        Preconditions.AtLeast(count, 0, nameof(count));
        BigInteger a = x.Numerator, b = x.Denominator;
        return new Rational(IntegerProducts.Arithmetic(a, b, count), BigInteger.Pow(b, count));
    }

    /// <summary>Returns the ratio of rising factorials (x)ₘ / (y)ₘ exactly.</summary>
    /// <param name="x">The numerator base x. Range: any rational.</param>
    /// <param name="y">The denominator base y. Range: (y)ₘ ≠ 0, i.e. y is not one of 0, −1, …, −(m−1).</param>
    /// <param name="count">The number of factors m. Range: m ≥ 0.</param>
    /// <returns>(x)ₘ / (y)ₘ.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="DivideByZeroException">(y)ₘ is zero.</exception>
    public static Rational RisingRatio(Rational x, Rational y, int count)
    {
        Preconditions.AtLeast(count, 0, nameof(count));
        BigInteger a = x.Numerator, b = x.Denominator, c = y.Numerator, e = y.Denominator;
        BigInteger numerator = IntegerProducts.Arithmetic(a, b, count);
        BigInteger denominator = IntegerProducts.Arithmetic(c, e, count);
        if (b != e)
        {
            numerator *= BigInteger.Pow(e, count);
            denominator *= BigInteger.Pow(b, count);
        }

        return new Rational(numerator, denominator);
    }

    /// <summary>Returns the binomial coefficient C(n, k) exactly; zero when k &lt; 0 or k &gt; n.</summary>
    /// <param name="n">The set size n. Range: n ≥ 0.</param>
    /// <param name="k">The subset size k. Range: any (outside 0..n the result is 0).</param>
    /// <returns>C(n, k).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    public static BigInteger Binomial(int n, int k)
    {
        Preconditions.AtLeast(n, 0, nameof(n));
        if (k < 0 || k > n)
        {
            return BigInteger.Zero;
        }

        k = Math.Min(k, n - k);
        return IntegerProducts.Arithmetic(n - k + 1, BigInteger.One, k) / IntegerProducts.Arithmetic(1, BigInteger.One, k);
    }

    /// <summary>Returns ln (x)ₘ = lnΓ(x+m) − lnΓ(x) for x &gt; 0 and real m ≥ 0.</summary>
    /// <param name="x">The base x. Range: x &gt; 0.</param>
    /// <param name="count">The (possibly non-integer) count m. Range: m ≥ 0.</param>
    /// <returns>ln (x)ₘ.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range, or is NaN.</exception>
    /// <remarks>Accuracy: relative error a few ε: the difference is formed without subtracting log-gamma values
    /// (shift recurrence, then Stirling's decomposition).</remarks>
    public static double LogRising(double x, double count)
    {
        Preconditions.Positive(x, nameof(x));
        if (!(count >= 0) || double.IsPositiveInfinity(count))
        {
            throw Preconditions.OutOfRange(nameof(count), count, "0 <= count < infinity");
        }

        return count == 0 ? 0.0 : GammaRatios.LogGammaDifference(x + count, x, count);
    }

    /// <summary>Returns ln[(x)ₘ / (y)ₘ] for x, y &gt; 0 and real m ≥ 0.</summary>
    /// <param name="x">The numerator base x. Range: x &gt; 0.</param>
    /// <param name="y">The denominator base y. Range: y &gt; 0.</param>
    /// <param name="count">The count m. Range: m ≥ 0.</param>
    /// <returns>ln (x)ₘ − ln (y)ₘ.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range, or is NaN.</exception>
    /// <remarks>Accuracy: absolute error about 4ε(|x − y|(ln(y + m) + 3) + 1), formed without subtracting log-gamma values;
    /// x − y is taken from the two doubles (callers with exact parameters pass their difference to the internal evaluator).</remarks>
    public static double LogRisingRatio(double x, double y, double count)
    {
        Preconditions.Positive(x, nameof(x));
        Preconditions.Positive(y, nameof(y));
        if (!(count >= 0) || double.IsPositiveInfinity(count))
        {
            throw Preconditions.OutOfRange(nameof(count), count, "0 <= count < infinity");
        }

        return GammaRatios.LogRisingRatio(x, y, x - y, count);
    }
}
