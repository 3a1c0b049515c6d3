using System.Globalization;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Numbers;

public sealed class RationalTests
{
    [Fact]
    public void Default_IsZeroOverOne()
    {
        Rational zero = default;
        Assert.Equal(BigInteger.Zero, zero.Numerator);
        Assert.Equal(BigInteger.One, zero.Denominator);
        Assert.Equal(Rational.Zero, zero);
        Assert.Equal("0", zero.ToString());
        Assert.Equal(0.0, zero.ToDouble());
    }

    [Fact]
    public void Constructor_ReducesAndMovesSignToNumerator()
    {
        var r = new Rational(6, -8);
        Assert.Equal(new BigInteger(-3), r.Numerator);
        Assert.Equal(new BigInteger(4), r.Denominator);
        Assert.Equal(new Rational(-3, 4), r);
        Assert.Equal(new Rational(1, 2), new Rational(2, 4));
        Assert.Equal(new Rational(1, 2).GetHashCode(), new Rational(50, 100).GetHashCode());
    }

    [Fact]
    public void Constructor_ZeroDenominator_Throws() =>
        Assert.Throws<DivideByZeroException>(() => new Rational(1, 0));

    [Fact]
    public void Reciprocal_OfZero_Throws() =>
        Assert.Throws<DivideByZeroException>(() => Rational.One / Rational.Zero);

    [Theory]
    [InlineData("1/2", 1, 2)]
    [InlineData("-3/6", -1, 2)]
    [InlineData("  7 ", 7, 1)]
    [InlineData("0.25", 1, 4)]
    [InlineData("-1.5e-3", -3, 2000)]
    [InlineData("2.5E2", 250, 1)]
    [InlineData(".5", 1, 2)]
    [InlineData("3.", 3, 1)]
    [InlineData("+4/-8", -1, 2)]
    public void Parse_AcceptedForms_AreExact(string text, long p, long q) =>
        Assert.Equal(new Rational(p, q), Rational.Parse(text, CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1/0")]
    [InlineData("1/2/3")]
    [InlineData("1.2.3")]
    [InlineData("e5")]
    [InlineData("0x10")]
    [InlineData("NaN")]
    [InlineData("1 /")]
    public void Parse_Malformed_ThrowsFormatException(string text)
    {
        Assert.False(Rational.TryParse(text, CultureInfo.InvariantCulture, out _));
        Assert.Throws<FormatException>(() => Rational.Parse(text, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ToString_FormatsCanonicalFraction()
    {
        Assert.Equal("-7/3", new Rational(14, -6).ToString());
        Assert.Equal("5", new Rational(10, 2).ToString());
        Assert.Equal("0.333333", new Rational(1, 3).ToString("F6", CultureInfo.InvariantCulture));
        Assert.Equal("1/3", new Rational(1, 3).ToString("G", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ToDouble_GoldenValues_AreCorrectlyRounded()
    {
        foreach (var row in Golden.Read("rational_to_double.csv"))
        {
            var r = new Rational(BigInteger.Parse(row["numerator"], CultureInfo.InvariantCulture), BigInteger.Parse(row["denominator"], CultureInfo.InvariantCulture));
            double expected = row.D("expected");
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(r.ToDouble()), $"{row["numerator"][..Math.Min(30, row["numerator"].Length)]}/...: expected {expected:R}, got {r.ToDouble():R}");
        }
    }

    [Fact]
    public void Log_GoldenValues_WithinFourUlps()
    {
        foreach (var row in Golden.Read("rational_log.csv"))
        {
            var r = new Rational(BigInteger.Parse(row["numerator"], CultureInfo.InvariantCulture), BigInteger.Parse(row["denominator"], CultureInfo.InvariantCulture));
            double expected = row.D("expected"), actual = Rational.Log(r);
            double ulp = Math.Max(Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected), double.Epsilon);
            Assert.True(Math.Abs(actual - expected) <= 4 * ulp, $"log: expected {expected:R}, got {actual:R}");
        }
    }

    [Fact]
    public void Log_NonPositive_ThrowsWithRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Rational.Log(Rational.Zero));
        Assert.Equal("value", e.ParamName);
        Assert.Contains("value > 0", e.Message, StringComparison.Ordinal);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool FieldAxioms_HoldExactly(Rational a, Rational b, Rational c) =>
        (a + b) - b == a
        && a * (b + c) == (a * b) + (a * c)
        && (b == Rational.Zero || (a / b) * b == a)
        && a + Rational.Zero == a
        && a * Rational.One == a;

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool ParseOfToString_RoundTrips(Rational a) => Rational.Parse(a.ToString(), CultureInfo.InvariantCulture) == a;

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool TryFormat_WritesToStringExactly_AndFailsWhenShort(Rational a)
    {
        string text = a.ToString();
        Span<char> large = stackalloc char[text.Length + 8];
        Span<char> exact = stackalloc char[text.Length];
        Span<char> shorter = stackalloc char[text.Length - 1];
        return a.TryFormat(large, out int written, default, CultureInfo.InvariantCulture) && large[..written].SequenceEqual(text)
            && a.TryFormat(exact, out written, "G", CultureInfo.InvariantCulture) && written == text.Length && exact.SequenceEqual(text)
            && !a.TryFormat(shorter, out written, default, CultureInfo.InvariantCulture) && written == 0;
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Comparison_AgreesWithSubtraction(Rational a, Rational b) => Math.Sign(a.CompareTo(b)) == (a - b).Sign;

    [Property]
    public bool FromDouble_IsExactAndRoundTrips(NormalFloat value)
    {
        var r = Rational.FromDouble(value.Get);
        return r.ToDouble() == value.Get;
    }

    [Property]
    public bool ToDouble_OfSmallFractions_MatchesIeeeDivision(int p, PositiveInt q) =>
        new Rational(p, q.Get).ToDouble() == (double)p / q.Get;

    [Fact]
    public void ToDouble_HugeOperands_IsFiniteAndAccurate()
    {
        BigInteger big = BigInteger.Pow(10, 4000);
        var r = new Rational((big * 3) + 1, big);
        Assert.Equal(3.0, r.ToDouble());
        Assert.Equal(1e-300, new Rational(BigInteger.One, BigInteger.Pow(10, 300)).ToDouble());
        Assert.Equal(double.PositiveInfinity, new Rational(BigInteger.Pow(10, 400)).ToDouble());
        Assert.Equal(0.0, new Rational(BigInteger.One, BigInteger.Pow(10, 400)).ToDouble());
    }

    [Fact]
    public void Log_NearOneAndHuge_IsAccurate()
    {
        BigInteger q = BigInteger.Pow(10, 40);
        Assert.Equal(1e-40, Rational.Log(new Rational(q + 1, q)), 1e-54);
        Assert.Equal(5000 * Math.Log(10), Rational.Log(new Rational(BigInteger.Pow(10, 5000))), 1e-9);
    }

    [Fact]
    public void GenericMath_WorksForRationalAndDouble()
    {
        static T Mean<T>(T a, T b) where T : INumberBase<T> => (a + b) / (T.One + T.One);
        static T Make<T>(double x) where T : INumberBase<T> => T.CreateChecked(x);
        Assert.Equal(new Rational(3, 4), Mean(new Rational(1, 2), Rational.One));
        Assert.Equal(0.75, Mean(0.5, 1.0));
        Assert.Equal(new Rational(5, 2), Make<Rational>(2.5));
        Assert.Equal(7, int.CreateChecked(new Rational(7)));
        Assert.Equal(3, int.CreateChecked(new Rational(7, 2)));
        Assert.Equal(-3, int.CreateTruncating(new Rational(-7, 2)));
        Assert.Throws<OverflowException>(() => int.CreateChecked(new Rational(System.Numerics.BigInteger.Pow(10, 20))));
        Assert.Equal(int.MaxValue, int.CreateSaturating(new Rational(System.Numerics.BigInteger.Pow(10, 20))));
    }

    [Fact]
    public void Rounding_FloorCeilingTruncate()
    {
        Assert.Equal(new Rational(-4), Rational.Floor(new Rational(-7, 2)));
        Assert.Equal(new Rational(-3), Rational.Ceiling(new Rational(-7, 2)));
        Assert.Equal(new Rational(-3), Rational.Truncate(new Rational(-7, 2)));
        Assert.Equal(new Rational(3), Rational.Floor(new Rational(7, 2)));
        Assert.Equal(new Rational(-1, 2), new Rational(-7, 2) % new Rational(3));
        Assert.Equal(new Rational(8, 27), Rational.Pow(new Rational(2, 3), 3));
        Assert.Equal(new Rational(9, 4), Rational.Pow(new Rational(2, 3), -2));
    }

    [Fact]
    public void Sum_IsExactPairwise()
    {
        Rational harmonic = Rational.Sum(Enumerable.Range(1, 10).Select(i => new Rational(1, i)));
        Assert.Equal(new Rational(7381, 2520), harmonic);
        Assert.Equal(Rational.Zero, Rational.Sum([]));
    }
}
