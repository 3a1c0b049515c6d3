using System.Numerics;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Internal;

/// <summary>Exact sums of terms with rational term ratios, by integer Horner evaluation.</summary>
internal static class HypergeometricSums
{
    /// <summary>
    /// Returns Σ_{i=0}^{terms−1} t_i with t_0 = 1 and t_{i+1}/t_i = u_i/v_i given by <paramref name="ratio"/>.
    /// Evaluates 1 + x_0(1 + x_1(1 + …)) on integers and reduces once at the end, so no intermediate gcds
    /// are paid and alternating sums have no cancellation error.
    /// </summary>
    public static Rational Sum(int terms, Func<int, (BigInteger Numerator, BigInteger Denominator)> ratio)
    {
        if (terms <= 0)
        {
            return Rational.Zero;
        }

        BigInteger numerator = BigInteger.One, denominator = BigInteger.One;
        for (int i = terms - 2; i >= 0; i--)
        {
            (BigInteger u, BigInteger v) = ratio(i);
            numerator = (denominator * v) + (u * numerator);
            denominator *= v;
        }

        return new Rational(numerator, denominator);
    }
}
