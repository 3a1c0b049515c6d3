using System.Numerics;
using FsCheck;
using FsCheck.Xunit;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Tests.Numbers;

public sealed class PochhammerTests
{
    [Fact]
    public void Rising_SmallCases()
    {
        Assert.Equal(Rational.One, Pochhammer.Rising(new Rational(5, 7), 0));
        Assert.Equal(new Rational(24), Pochhammer.Rising(1, 4));
        Assert.Equal(new Rational(1, 2) * new Rational(3, 2) * new Rational(5, 2), Pochhammer.Rising(new Rational(1, 2), 3));
        Assert.Equal(Rational.Zero, Pochhammer.Rising(-2, 5));
    }

    [Property]
    public bool Rising_MatchesNaiveProduct(int p, PositiveInt q, byte m)
    {
        var x = new Rational(p % 1000, q.Get);
        Rational naive = Rational.One;
        for (int i = 0; i < m % 40; i++)
        {
            naive *= x + i;
        }

        return Pochhammer.Rising(x, m % 40) == naive;
    }

    [Property]
    public bool RisingRatio_EqualsQuotientOfRisings(PositiveInt a, PositiveInt b, byte m)
    {
        var x = new Rational(a.Get % 500, 7);
        var y = new Rational((b.Get % 500) + 1, 3);
        return Pochhammer.RisingRatio(x, y, m % 50) == Pochhammer.Rising(x, m % 50) / Pochhammer.Rising(y, m % 50);
    }

    [Fact]
    public void Binomial_MatchesPascal()
    {
        for (int n = 0; n < 30; n++)
        {
            for (int k = 1; k < n; k++)
            {
                Assert.Equal(Pochhammer.Binomial(n - 1, k - 1) + Pochhammer.Binomial(n - 1, k), Pochhammer.Binomial(n, k));
            }
        }

        Assert.Equal(BigInteger.Zero, Pochhammer.Binomial(5, 6));
        Assert.Equal(BigInteger.One, Pochhammer.Binomial(5, 0));
    }

    [Fact]
    public void LogRising_MatchesExact()
    {
        double exact = Rational.Log(Pochhammer.Rising(new Rational(3, 2), 200));
        Assert.Equal(exact, Pochhammer.LogRising(1.5, 200), 1e-10 * Math.Abs(exact));
    }

    [Fact]
    public void Rising_NegativeCount_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Pochhammer.Rising(1, -1));
        Assert.Equal("count", e.ParamName);
        Assert.Contains("count >= 0", e.Message, StringComparison.Ordinal);
    }
}
