using System.Numerics;

namespace SyntaxKnowledge.Numbers;

/// <summary>Exact integer products by balanced product trees (fast for thousands of factors).</summary>
internal static class IntegerProducts
{
    /// <summary>Returns Π_{i=0}^{count−1} (start + i·step), exactly.</summary>
    public static BigInteger Arithmetic(BigInteger start, BigInteger step, int count)
    {
        if (count <= 0)
        {
            return BigInteger.One;
        }

        return Tree(start, step, 0, count);
    }

    private static BigInteger Tree(BigInteger start, BigInteger step, int from, int to)
    {
        int length = to - from;
        if (length <= 16)
        {
            BigInteger product = BigInteger.One;
            for (int i = from; i < to; i++)
            {
                product *= start + (step * i);
            }

            return product;
        }

        int middle = from + (length / 2);
        return Tree(start, step, from, middle) * Tree(start, step, middle, to);
    }

    /// <summary>Returns the product of a list of integers by a balanced tree.</summary>
    public static BigInteger Of(IReadOnlyList<BigInteger> factors)
    {
        if (factors.Count == 0)
        {
            return BigInteger.One;
        }

        return Tree(factors, 0, factors.Count);
    }

    private static BigInteger Tree(IReadOnlyList<BigInteger> factors, int from, int to)
    {
        if (to - from <= 8)
        {
            BigInteger product = BigInteger.One;
            for (int i = from; i < to; i++)
            {
                product *= factors[i];
            }

            return product;
        }

        int middle = from + ((to - from) / 2);
        return Tree(factors, from, middle) * Tree(factors, middle, to);
    }
}
