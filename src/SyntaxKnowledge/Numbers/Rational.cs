using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace SyntaxKnowledge.Numbers;

/// <summary>
/// An exact rational number p/q backed by <see cref="BigInteger"/>, always in canonical form:
/// the fraction is reduced and the denominator is positive.
/// </summary>
/// <remarks>
/// <para>Immutable and thread-safe. <c>default(Rational)</c> is zero (0/1), never the invalid 0/0.</para>
/// <para>Equality is structural on the reduced form, so <c>1/2 == 2/4</c> by construction and
/// <see cref="GetHashCode"/> is consistent with it.</para>
/// <para>Implements the .NET generic-math interfaces (<see cref="INumber{TSelf}"/>,
/// <see cref="ISignedNumber{TSelf}"/>) so field-only formulas can be written once for
/// <see cref="double"/> and <see cref="Rational"/>. Rationals are always finite: the predicates for
/// NaN and infinity return <see langword="false"/>.</para>
/// <para>Conversion to <see cref="double"/> is correctly rounded (round half to even), including
/// subnormal results and operands with thousands of digits. <see cref="Log(Rational)"/> is accurate
/// to a few units in the last place for any positive value, however large or close to one.</para>
/// <para>Text form: <c>"p/q"</c>, or <c>"p"</c> when the denominator is one.
/// <see cref="Parse(string, IFormatProvider?)"/> accepts <c>"p/q"</c>, integers and finite decimals
/// with an optional exponent (<c>"0.25"</c> is exactly 1/4, <c>"-1.5e-3"</c> is exactly -3/2000).</para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public readonly struct Rational : INumber<Rational>, ISignedNumber<Rational>
{
    private readonly BigInteger _numerator;
    private readonly BigInteger _denominatorMinusOne; // default(Rational) == 0/1

    /// <summary>Creates the rational <paramref name="numerator"/>/<paramref name="denominator"/>, reduced to canonical form.</summary>
    /// <param name="numerator">The numerator p. Range: any integer.</param>
    /// <param name="denominator">The denominator q. Range: q ≠ 0.</param>
    /// <exception cref="DivideByZeroException"><paramref name="denominator"/> is zero.</exception>
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("The denominator of a Rational must not be zero.");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        if (numerator.IsZero)
        {
            _numerator = BigInteger.Zero;
            _denominatorMinusOne = BigInteger.Zero;
            return;
        }

        if (!denominator.IsOne)
        {
            BigInteger g = BigInteger.GreatestCommonDivisor(numerator, denominator);
            if (!g.IsOne)
            {
                numerator /= g;
                denominator /= g;
            }
        }

        _numerator = numerator;
        _denominatorMinusOne = denominator - BigInteger.One;
    }

    /// <summary>Creates the integer <paramref name="value"/> as a rational.</summary>
    /// <param name="value">The integer value. Range: any.</param>
    public Rational(BigInteger value)
    {
        _numerator = value;
        _denominatorMinusOne = BigInteger.Zero;
    }

    // Trusted constructor: the caller guarantees gcd(p, q) = 1 and q > 0.
    private Rational(BigInteger numerator, BigInteger denominator, bool canonical)
    {
        Debug.Assert(canonical && denominator.Sign > 0, "denominator must be positive");
        Debug.Assert(BigInteger.GreatestCommonDivisor(numerator, denominator).IsOne || numerator.IsZero, "fraction must be reduced");
        _numerator = numerator;
        _denominatorMinusOne = numerator.IsZero ? BigInteger.Zero : denominator - BigInteger.One;
    }

    /// <summary>Gets the numerator p of the reduced fraction; its sign is the sign of the value.</summary>
    public BigInteger Numerator => _numerator;

    /// <summary>Gets the denominator q of the reduced fraction; always positive.</summary>
    public BigInteger Denominator => _denominatorMinusOne + BigInteger.One;

    /// <summary>Gets zero (0/1), equal to <c>default(Rational)</c>.</summary>
    public static Rational Zero => default;

    /// <summary>Gets one (1/1).</summary>
    public static Rational One => new(BigInteger.One);

    /// <summary>Gets minus one (−1/1).</summary>
    public static Rational NegativeOne => new(BigInteger.MinusOne);

    /// <summary>Gets one half (1/2).</summary>
    public static Rational Half => new(BigInteger.One, 2, canonical: true);

    /// <inheritdoc/>
    static int INumberBase<Rational>.Radix => 2;

    /// <inheritdoc/>
    static Rational IAdditiveIdentity<Rational, Rational>.AdditiveIdentity => Zero;

    /// <inheritdoc/>
    static Rational IMultiplicativeIdentity<Rational, Rational>.MultiplicativeIdentity => One;

    /// <summary>Gets the sign of the value: −1, 0 or 1.</summary>
    public int Sign => _numerator.Sign;

    /// <summary>Gets a value indicating whether this rational is an integer (denominator one).</summary>
    public bool IsInteger => _denominatorMinusOne.IsZero;

    // ---------------------------------------------------------------- conversions

    /// <summary>Converts an integer to a rational.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Rational(int value) => new(new BigInteger(value));

    /// <summary>Converts an integer to a rational.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Rational(long value) => new(new BigInteger(value));

    /// <summary>Converts an integer to a rational.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Rational(BigInteger value) => new(value);

    /// <summary>Converts a rational to the nearest <see cref="double"/>, correctly rounded (half to even).</summary>
    /// <param name="value">The value.</param>
    public static explicit operator double(Rational value) => value.ToDouble();

    /// <summary>Converts a finite <see cref="double"/> to the rational it represents exactly (a dyadic fraction).</summary>
    /// <param name="value">The value. Range: finite.</param>
    /// <exception cref="OverflowException"><paramref name="value"/> is NaN or infinite.</exception>
    public static explicit operator Rational(double value) => FromDouble(value);

    /// <summary>Converts a <see cref="decimal"/> to the rational it represents exactly.</summary>
    /// <param name="value">The value.</param>
    public static explicit operator Rational(decimal value) => FromDecimal(value);

    /// <summary>Returns the rational equal to the integer <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The rational value/1.</returns>
    public static Rational FromInt32(int value) => value;

    /// <summary>Returns the rational equal to the integer <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The rational value/1.</returns>
    public static Rational FromInt64(long value) => value;

    /// <summary>Returns the rational equal to the integer <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The rational value/1.</returns>
    public static Rational FromBigInteger(BigInteger value) => value;

    /// <summary>Returns the exact rational value of a finite <see cref="double"/>.</summary>
    /// <param name="value">The value. Range: finite.</param>
    /// <returns>The dyadic rational equal to <paramref name="value"/>.</returns>
    /// <exception cref="OverflowException"><paramref name="value"/> is NaN or infinite.</exception>
    public static Rational FromDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new OverflowException(string.Create(CultureInfo.InvariantCulture, $"Cannot convert {value} to a Rational: the value must be finite."));
        }

        if (value == 0)
        {
            return Zero;
        }

        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1; // subnormal
        }
        else
        {
            mantissa |= 1L << 52;
        }

        exponent -= 1075;
        BigInteger m = negative ? -mantissa : mantissa;
        return exponent >= 0 ? new Rational(m << exponent) : new Rational(m, BigInteger.One << -exponent);
    }

    /// <summary>Returns the exact rational value of a <see cref="decimal"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The rational equal to <paramref name="value"/>.</returns>
    public static Rational FromDecimal(decimal value)
    {
        int[] parts = decimal.GetBits(value);
        BigInteger magnitude = ((BigInteger)(uint)parts[2] << 64) | ((BigInteger)(uint)parts[1] << 32) | (uint)parts[0];
        int scale = (parts[3] >> 16) & 0xFF;
        if (parts[3] < 0)
        {
            magnitude = -magnitude;
        }

        return new Rational(magnitude, BigInteger.Pow(10, scale));
    }

    /// <summary>Returns the nearest <see cref="double"/>, correctly rounded (half to even).</summary>
    /// <returns>The double nearest to this value; ±∞ when the magnitude exceeds <see cref="double.MaxValue"/>
    /// after rounding; ±0 when it is below half the smallest subnormal.</returns>
    /// <remarks>Cost: one BigInteger division of operands of the size of p and q, so values with
    /// thousands of digits convert in microseconds without overflow or NaN.</remarks>
    public double ToDouble()
    {
        if (_numerator.IsZero)
        {
            return 0.0;
        }

        BigInteger p = BigInteger.Abs(_numerator);
        BigInteger q = Denominator;
        if (_denominatorMinusOne.IsZero && p.GetBitLength() <= 53)
        {
            return (double)_numerator;
        }

        // Scale so that the integer quotient has at least 55 bits: value = (quotient + frac) * 2^-shift.
        long shift = 56 + q.GetBitLength() - p.GetBitLength();
        BigInteger scaledNumerator = shift >= 0 ? p << checked((int)shift) : p;
        BigInteger scaledDenominator = shift >= 0 ? q : q << checked((int)-shift);
        BigInteger quotient = BigInteger.DivRem(scaledNumerator, scaledDenominator, out BigInteger remainder);
        double magnitude = RoundToDouble(quotient, !remainder.IsZero, -shift);
        return _numerator.Sign < 0 ? -magnitude : magnitude;
    }

    // Rounds (m + s) * 2^e to double, where 0 <= s < 1 and s > 0 iff sticky; m has at least 55 bits.
    private static double RoundToDouble(BigInteger m, bool sticky, long e)
    {
        long length = m.GetBitLength();
        long leadingExponent = length - 1 + e;
        if (leadingExponent > 1024)
        {
            return double.PositiveInfinity;
        }

        // Keep 53 significant bits, or fewer in the subnormal range (lowest bit 2^-1074).
        long drop = Math.Max(length - 53, -1074 - e);
        if (drop > length + 1)
        {
            return 0.0; // far below half the smallest subnormal
        }

        BigInteger kept = m >> checked((int)drop);
        BigInteger rest = m - (kept << checked((int)drop));
        BigInteger half = BigInteger.One << checked((int)(drop - 1));
        int comparison = rest.CompareTo(half);
        if (comparison > 0 || (comparison == 0 && (sticky || !kept.IsEven)))
        {
            kept += BigInteger.One;
        }

        return Math.ScaleB((double)kept, checked((int)(e + drop)));
    }

    // ---------------------------------------------------------------- arithmetic

    /// <summary>Adds two rationals exactly.</summary>
    /// <param name="left">The first addend.</param>
    /// <param name="right">The second addend.</param>
    /// <returns>The exact sum.</returns>
    public static Rational operator +(Rational left, Rational right)
    {
        if (left.IsInteger && right.IsInteger)
        {
            return new Rational(left._numerator + right._numerator);
        }

        BigInteger b = left.Denominator, d = right.Denominator;
        if (b == d)
        {
            return new Rational((left._numerator + right._numerator), b);
        }

        return new Rational((left._numerator * d) + (right._numerator * b), b * d);
    }

    /// <summary>Subtracts two rationals exactly.</summary>
    /// <param name="left">The minuend.</param>
    /// <param name="right">The subtrahend.</param>
    /// <returns>The exact difference.</returns>
    public static Rational operator -(Rational left, Rational right) => left + (-right);

    /// <summary>Multiplies two rationals exactly.</summary>
    /// <param name="left">The first factor.</param>
    /// <param name="right">The second factor.</param>
    /// <returns>The exact product.</returns>
    public static Rational operator *(Rational left, Rational right)
    {
        if (left._numerator.IsZero || right._numerator.IsZero)
        {
            return Zero;
        }

        // Cross-reduce first so the product is already canonical.
        BigInteger g1 = BigInteger.GreatestCommonDivisor(left._numerator, right.Denominator);
        BigInteger g2 = BigInteger.GreatestCommonDivisor(right._numerator, left.Denominator);
        BigInteger numerator = (left._numerator / g1) * (right._numerator / g2);
        BigInteger denominator = (left.Denominator / g2) * (right.Denominator / g1);
        return new Rational(numerator, denominator, canonical: true);
    }

    /// <summary>Divides two rationals exactly.</summary>
    /// <param name="left">The dividend.</param>
    /// <param name="right">The divisor. Range: non-zero.</param>
    /// <returns>The exact quotient.</returns>
    /// <exception cref="DivideByZeroException"><paramref name="right"/> is zero.</exception>
    public static Rational operator /(Rational left, Rational right) => left * right.Reciprocal();

    /// <summary>Returns the remainder of truncated division, <c>left − right·trunc(left/right)</c>.</summary>
    /// <param name="left">The dividend.</param>
    /// <param name="right">The divisor. Range: non-zero.</param>
    /// <returns>The remainder, with the sign of <paramref name="left"/>.</returns>
    /// <exception cref="DivideByZeroException"><paramref name="right"/> is zero.</exception>
    public static Rational operator %(Rational left, Rational right) => left - (right * Truncate(left / right));

    /// <summary>Negates a rational.</summary>
    /// <param name="value">The value.</param>
    /// <returns>−value.</returns>
    public static Rational operator -(Rational value) => new(-value._numerator, value.Denominator, canonical: true);

    /// <summary>Returns the value unchanged.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The value.</returns>
    public static Rational operator +(Rational value) => value;

    /// <summary>Adds one.</summary>
    /// <param name="value">The value.</param>
    /// <returns>value + 1.</returns>
    public static Rational operator ++(Rational value) => value + One;

    /// <summary>Subtracts one.</summary>
    /// <param name="value">The value.</param>
    /// <returns>value − 1.</returns>
    public static Rational operator --(Rational value) => value - One;

    /// <summary>Adds two rationals exactly (method twin of <c>+</c>).</summary>
    /// <param name="left">The first addend.</param>
    /// <param name="right">The second addend.</param>
    /// <returns>The exact sum.</returns>
    public static Rational Add(Rational left, Rational right) => left + right;

    /// <summary>Subtracts two rationals exactly (method twin of <c>-</c>).</summary>
    /// <param name="left">The minuend.</param>
    /// <param name="right">The subtrahend.</param>
    /// <returns>The exact difference.</returns>
    public static Rational Subtract(Rational left, Rational right) => left - right;

    /// <summary>Multiplies two rationals exactly (method twin of <c>*</c>).</summary>
    /// <param name="left">The first factor.</param>
    /// <param name="right">The second factor.</param>
    /// <returns>The exact product.</returns>
    public static Rational Multiply(Rational left, Rational right) => left * right;

    /// <summary>Divides two rationals exactly (method twin of <c>/</c>).</summary>
    /// <param name="left">The dividend.</param>
    /// <param name="right">The divisor. Range: non-zero.</param>
    /// <returns>The exact quotient.</returns>
    /// <exception cref="DivideByZeroException"><paramref name="right"/> is zero.</exception>
    public static Rational Divide(Rational left, Rational right) => left / right;

    /// <summary>Returns the remainder of truncated division (method twin of <c>%</c>).</summary>
    /// <param name="left">The dividend.</param>
    /// <param name="right">The divisor. Range: non-zero.</param>
    /// <returns>The remainder.</returns>
    /// <exception cref="DivideByZeroException"><paramref name="right"/> is zero.</exception>
    public static Rational Mod(Rational left, Rational right) => left % right;

    /// <summary>Negates a rational (method twin of unary <c>-</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>−value.</returns>
    public static Rational Negate(Rational value) => -value;

    /// <summary>Increments a rational by one (method twin of <c>++</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>value + 1.</returns>
    public static Rational Increment(Rational value) => value + One;

    /// <summary>Decrements a rational by one (method twin of <c>--</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>value − 1.</returns>
    public static Rational Decrement(Rational value) => value - One;

    /// <summary>Returns the reciprocal 1/value.</summary>
    /// <returns>q/p.</returns>
    /// <exception cref="DivideByZeroException">This value is zero.</exception>
    public Rational Reciprocal()
    {
        if (_numerator.IsZero)
        {
            throw new DivideByZeroException("Cannot take the reciprocal of zero.");
        }

        return _numerator.Sign > 0
            ? new Rational(Denominator, _numerator, canonical: true)
            : new Rational(-Denominator, -_numerator, canonical: true);
    }

    /// <summary>Raises a rational to an integer power exactly.</summary>
    /// <param name="value">The base.</param>
    /// <param name="exponent">The exponent. Range: any; negative exponents need a non-zero base.</param>
    /// <returns>value^exponent (with 0^0 = 1).</returns>
    /// <exception cref="DivideByZeroException"><paramref name="value"/> is zero and <paramref name="exponent"/> is negative.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The result would have more than <see cref="MaximumPowerBits"/> bits in its
    /// numerator or denominator (e.g. 2^<see cref="int.MaxValue"/>).</exception>
    public static Rational Pow(Rational value, int exponent)
    {
        if (exponent == 0)
        {
            return One;
        }

        long e = exponent;
        if (e < 0)
        {
            value = value.Reciprocal();
            e = -e;
        }

        // |p|^e has at least (bits(|p|) − 1)·e bits: refuse a result too large to hold instead of overflowing inside BigInteger.
        long bits = Math.Max(BigInteger.Abs(value._numerator).GetBitLength(), value.Denominator.GetBitLength()) - 1;
        if (bits == 0)
        {
            // ±1 or ±1/1 and 0: a power of a unit (or zero) without arithmetic.
            return value._numerator.IsZero ? Zero : (value._numerator.Sign < 0 && (e & 1) == 1 ? -One : One);
        }

        if (bits * e > MaximumPowerBits)
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, string.Create(
                CultureInfo.InvariantCulture,
                $"exponent = {exponent} is out of range for a base of {bits + 1} bits: the result would have at least {bits * e} bits; valid range: |exponent| * (bits of the base - 1) <= {MaximumPowerBits}."));
        }

        return new Rational(BigInteger.Pow(value._numerator, (int)e), BigInteger.Pow(value.Denominator, (int)e), canonical: true);
    }

    /// <summary>The most bits <see cref="Pow"/> lets the numerator or denominator of its result have (2^30, 128 MiB).</summary>
    public const long MaximumPowerBits = 1L << 30;

    /// <summary>Sums rationals exactly by a balanced (pairwise) tree.</summary>
    /// <param name="values">The addends.</param>
    /// <returns>The exact sum; zero for an empty sequence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    /// <remarks>Pairwise summation keeps intermediate denominators small: summing n terms whose
    /// denominators are pairwise coprime costs O(M(N) log n) for a final denominator of N bits,
    /// instead of O(n·M(N)) for a left fold.</remarks>
    public static Rational Sum(IEnumerable<Rational> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Rational[] items = values.ToArray();
        return items.Length == 0 ? Zero : SumTree(items, 0, items.Length);
    }

    private static Rational SumTree(Rational[] items, int from, int to)
    {
        if (to - from == 1)
        {
            return items[from];
        }

        int middle = from + ((to - from) / 2);
        return SumTree(items, from, middle) + SumTree(items, middle, to);
    }

    /// <summary>Returns the largest integer not greater than the value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>⌊value⌋.</returns>
    public static BigInteger FloorToInteger(Rational value) =>
        BigInteger.DivRem(value._numerator, value.Denominator, out BigInteger r) - (r.Sign < 0 ? BigInteger.One : BigInteger.Zero);

    /// <summary>Returns the largest integer not greater than the value, as a rational.</summary>
    /// <param name="value">The value.</param>
    /// <returns>⌊value⌋.</returns>
    public static Rational Floor(Rational value) => FloorToInteger(value);

    /// <summary>Returns the smallest integer not less than the value, as a rational.</summary>
    /// <param name="value">The value.</param>
    /// <returns>⌈value⌉.</returns>
    public static Rational Ceiling(Rational value) => -FloorToInteger(-value);

    /// <summary>Returns the integer part, rounding toward zero.</summary>
    /// <param name="value">The value.</param>
    /// <returns>trunc(value).</returns>
    public static Rational Truncate(Rational value) => BigInteger.Divide(value._numerator, value.Denominator);

    /// <summary>Returns the absolute value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>|value|.</returns>
    public static Rational Abs(Rational value) => value._numerator.Sign < 0 ? -value : value;

    // ---------------------------------------------------------------- logarithms

    /// <summary>Returns the natural logarithm of a positive rational, accurate for any magnitude.</summary>
    /// <param name="value">The value. Range: value &gt; 0.</param>
    /// <returns>ln(value) as a double.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is zero or negative.</exception>
    /// <remarks>
    /// <para>Writes value = x·2^e with x in [1/2, 2) correctly rounded, so ln(value) = ln(x) + e·ln 2
    /// works for numerators and denominators with millions of bits (where both overflow a double).
    /// Near one it evaluates ln(1 + y) from the exact y = value − 1, so no cancellation occurs.</para>
    /// <para>Accuracy: within a few ulps of the true value (tested against reference values).</para>
    /// </remarks>
    public static double Log(Rational value)
    {
        if (value.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value.ToString(), "The logarithm needs a positive argument; valid range: value > 0.");
        }

        // Fast path: both parts below 2^53 convert exactly, so one division (or the exact difference) suffices.
        if (value._numerator.GetBitLength() <= 53 && value._denominatorMinusOne.GetBitLength() <= 53)
        {
            double p = (double)value._numerator, q = (double)value.Denominator;
            double ratio = p / q;
            return ratio is > 0.75 and < 1.25 ? LogOnePlus((p - q) / q) : Math.Log(ratio);
        }

        Rational y = value - One;
        if (Abs(y) < new Rational(1, 4))
        {
            return LogOnePlus(y.ToDouble());
        }

        long e = value._numerator.GetBitLength() - value.Denominator.GetBitLength();
        Rational scaled = e >= 0
            ? new Rational(value._numerator, value.Denominator << checked((int)e))
            : new Rational(value._numerator << checked((int)-e), value.Denominator);
        return Math.Log(scaled.ToDouble()) + (e * Math.Log(2.0));
    }

    /// <summary>Returns the base-2 logarithm of a positive rational, accurate for any magnitude.</summary>
    /// <param name="value">The value. Range: value &gt; 0.</param>
    /// <returns>log₂(value) as a double.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is zero or negative.</exception>
    public static double Log2(Rational value) => Log(value) / Math.Log(2.0);

    // ln(1 + y) for |y| < 1/4, accurate to a few ulps (Goldberg's correction of the rounded 1 + y).
    private static double LogOnePlus(double y)
    {
        double u = 1.0 + y;
        if (u == 1.0)
        {
            return y;
        }

        return Math.Log(u) * y / (u - 1.0);
    }

    // ---------------------------------------------------------------- comparison and equality

    /// <summary>Compares two rationals.</summary>
    /// <param name="other">The other value.</param>
    /// <returns>Negative, zero or positive as this value is less than, equal to or greater than <paramref name="other"/>.</returns>
    public int CompareTo(Rational other)
    {
        if (IsInteger && other.IsInteger)
        {
            return _numerator.CompareTo(other._numerator);
        }

        int signs = _numerator.Sign.CompareTo(other._numerator.Sign);
        if (signs != 0)
        {
            return signs;
        }

        return (_numerator * other.Denominator).CompareTo(other._numerator * Denominator);
    }

    /// <summary>Compares this value with an object.</summary>
    /// <param name="obj">A <see cref="Rational"/> or <see langword="null"/>.</param>
    /// <returns>The comparison result; <see langword="null"/> sorts first.</returns>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not a <see cref="Rational"/>.</exception>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Rational r => CompareTo(r),
        _ => throw new ArgumentException("Object must be a Rational.", nameof(obj)),
    };

    /// <summary>Tests exact equality of two rationals.</summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when the values are equal.</returns>
    public bool Equals(Rational other) => _numerator == other._numerator && _denominatorMinusOne == other._denominatorMinusOne;

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Rational r && Equals(r);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_numerator, _denominatorMinusOne);

    /// <summary>Tests exact equality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(Rational left, Rational right) => left.Equals(right);

    /// <summary>Tests exact inequality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(Rational left, Rational right) => !left.Equals(right);

    /// <summary>Tests whether <paramref name="left"/> is less than <paramref name="right"/>.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>The comparison result.</returns>
    public static bool operator <(Rational left, Rational right) => left.CompareTo(right) < 0;

    /// <summary>Tests whether <paramref name="left"/> is greater than <paramref name="right"/>.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>The comparison result.</returns>
    public static bool operator >(Rational left, Rational right) => left.CompareTo(right) > 0;

    /// <summary>Tests whether <paramref name="left"/> is at most <paramref name="right"/>.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>The comparison result.</returns>
    public static bool operator <=(Rational left, Rational right) => left.CompareTo(right) <= 0;

    /// <summary>Tests whether <paramref name="left"/> is at least <paramref name="right"/>.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>The comparison result.</returns>
    public static bool operator >=(Rational left, Rational right) => left.CompareTo(right) >= 0;

    /// <summary>Returns the larger of two rationals.</summary>
    /// <param name="x">The first value.</param>
    /// <param name="y">The second value.</param>
    /// <returns>max(x, y).</returns>
    public static Rational Max(Rational x, Rational y) => x >= y ? x : y;

    /// <summary>Returns the smaller of two rationals.</summary>
    /// <param name="x">The first value.</param>
    /// <param name="y">The second value.</param>
    /// <returns>min(x, y).</returns>
    public static Rational Min(Rational x, Rational y) => x <= y ? x : y;

    // ---------------------------------------------------------------- INumberBase predicates

    /// <inheritdoc/>
    public static bool IsCanonical(Rational value) => true;

    /// <inheritdoc/>
    public static bool IsComplexNumber(Rational value) => false;

    /// <inheritdoc/>
    public static bool IsEvenInteger(Rational value) => value.IsInteger && value._numerator.IsEven;

    /// <inheritdoc/>
    public static bool IsFinite(Rational value) => true;

    /// <inheritdoc/>
    public static bool IsImaginaryNumber(Rational value) => false;

    /// <inheritdoc/>
    public static bool IsInfinity(Rational value) => false;

    /// <inheritdoc/>
    static bool INumberBase<Rational>.IsInteger(Rational value) => value.IsInteger;

    /// <inheritdoc/>
    public static bool IsNaN(Rational value) => false;

    /// <inheritdoc/>
    public static bool IsNegative(Rational value) => value._numerator.Sign < 0;

    /// <inheritdoc/>
    public static bool IsNegativeInfinity(Rational value) => false;

    /// <inheritdoc/>
    public static bool IsNormal(Rational value) => !value._numerator.IsZero;

    /// <inheritdoc/>
    public static bool IsOddInteger(Rational value) => value.IsInteger && !value._numerator.IsEven;

    /// <inheritdoc/>
    public static bool IsPositive(Rational value) => value._numerator.Sign >= 0;

    /// <inheritdoc/>
    public static bool IsPositiveInfinity(Rational value) => false;

    /// <inheritdoc/>
    public static bool IsRealNumber(Rational value) => true;

    /// <inheritdoc/>
    public static bool IsSubnormal(Rational value) => false;

    /// <inheritdoc/>
    public static bool IsZero(Rational value) => value._numerator.IsZero;

    /// <inheritdoc/>
    public static Rational MaxMagnitude(Rational x, Rational y) => Abs(x) >= Abs(y) ? x : y;

    /// <inheritdoc/>
    public static Rational MaxMagnitudeNumber(Rational x, Rational y) => MaxMagnitude(x, y);

    /// <inheritdoc/>
    public static Rational MinMagnitude(Rational x, Rational y) => Abs(x) <= Abs(y) ? x : y;

    /// <inheritdoc/>
    public static Rational MinMagnitudeNumber(Rational x, Rational y) => MinMagnitude(x, y);

    // ---------------------------------------------------------------- generic conversions

    /// <inheritdoc/>
    static bool INumberBase<Rational>.TryConvertFromChecked<TOther>(TOther value, out Rational result) => TryConvertFrom(value, out result);

    /// <inheritdoc/>
    static bool INumberBase<Rational>.TryConvertFromSaturating<TOther>(TOther value, out Rational result) => TryConvertFrom(value, out result);

    /// <inheritdoc/>
    static bool INumberBase<Rational>.TryConvertFromTruncating<TOther>(TOther value, out Rational result) => TryConvertFrom(value, out result);

    /// <inheritdoc/>
    static bool INumberBase<Rational>.TryConvertToChecked<TOther>(Rational value, [MaybeNullWhen(false)] out TOther result) => TryConvertTo(value, ConversionMode.Checked, out result);

    /// <inheritdoc/>
    static bool INumberBase<Rational>.TryConvertToSaturating<TOther>(Rational value, [MaybeNullWhen(false)] out TOther result) => TryConvertTo(value, ConversionMode.Saturating, out result);

    /// <inheritdoc/>
    static bool INumberBase<Rational>.TryConvertToTruncating<TOther>(Rational value, [MaybeNullWhen(false)] out TOther result) => TryConvertTo(value, ConversionMode.Truncating, out result);

    // typeof(TOther) tests are folded by the JIT, so no value is boxed on these paths.
    private static bool TryConvertFrom<TOther>(TOther value, out Rational result)
        where TOther : INumberBase<TOther>
    {
        if (typeof(TOther) == typeof(int))
        {
            result = new Rational(new BigInteger((int)(object)value));
        }
        else if (typeof(TOther) == typeof(long))
        {
            result = new Rational(new BigInteger((long)(object)value));
        }
        else if (typeof(TOther) == typeof(Rational))
        {
            result = (Rational)(object)value;
        }
        else if (typeof(TOther) == typeof(BigInteger))
        {
            result = new Rational((BigInteger)(object)value);
        }
        else if (typeof(TOther) == typeof(double) && double.IsFinite((double)(object)value))
        {
            result = FromDouble((double)(object)value);
        }
        else if (typeof(TOther) == typeof(float) && float.IsFinite((float)(object)value))
        {
            result = FromDouble((float)(object)value);
        }
        else if (typeof(TOther) == typeof(decimal))
        {
            result = FromDecimal((decimal)(object)value);
        }
        else if (typeof(TOther) == typeof(short) || typeof(TOther) == typeof(sbyte) || typeof(TOther) == typeof(byte)
                 || typeof(TOther) == typeof(ushort) || typeof(TOther) == typeof(uint) || typeof(TOther) == typeof(ulong))
        {
            result = new Rational(BigInteger.CreateChecked(value));
        }
        else
        {
            result = default;
            return false;
        }

        return true;
    }

    // Follows the BCL convention for non-integer targets: the value is truncated toward zero; "checked"
    // throws OverflowException when the integer part is out of range, "saturating" clamps, "truncating" wraps.
    private static bool TryConvertTo<TOther>(Rational value, ConversionMode mode, [MaybeNullWhen(false)] out TOther result)
        where TOther : INumberBase<TOther>
    {
        if (typeof(TOther) == typeof(double))
        {
            result = (TOther)(object)value.ToDouble();
            return true;
        }

        if (typeof(TOther) == typeof(float))
        {
            result = (TOther)(object)(float)value.ToDouble();
            return true;
        }

        if (typeof(TOther) == typeof(decimal))
        {
            result = (TOther)(object)((decimal)value._numerator / (decimal)value.Denominator);
            return true;
        }

        if (typeof(TOther) == typeof(Rational))
        {
            result = (TOther)(object)value;
            return true;
        }

        BigInteger integer = BigInteger.Divide(value._numerator, value.Denominator);
        result = mode switch
        {
            ConversionMode.Checked => TOther.CreateChecked(integer),
            ConversionMode.Saturating => TOther.CreateSaturating(integer),
            _ => TOther.CreateTruncating(integer),
        };
        return true;
    }

    private enum ConversionMode
    {
        Checked,
        Saturating,
        Truncating,
    }

    // ---------------------------------------------------------------- text

    /// <summary>Formats the value as <c>"p/q"</c>, or <c>"p"</c> when it is an integer.</summary>
    /// <returns>The canonical text form.</returns>
    public override string ToString() =>
        IsInteger
            ? _numerator.ToString(CultureInfo.InvariantCulture)
            : string.Concat(_numerator.ToString(CultureInfo.InvariantCulture), "/", Denominator.ToString(CultureInfo.InvariantCulture));

    /// <summary>Formats the value.</summary>
    /// <param name="format"><see langword="null"/>, empty, <c>"G"</c> or <c>"R"</c> for the exact <c>"p/q"</c> form;
    /// any other standard numeric format (e.g. <c>"G17"</c>, <c>"F6"</c>, <c>"E3"</c>) formats the correctly
    /// rounded <see cref="double"/> value.</param>
    /// <param name="formatProvider">The culture for the double form; ignored for the exact form.</param>
    /// <returns>The formatted text.</returns>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        IsExactFormat(format) ? ToString() : ToDouble().ToString(format, formatProvider);

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (format.IsEmpty || format is "G" or "g" or "R" or "r")
        {
            // The exact "p/q" form straight into the destination, without an intermediate string.
            charsWritten = 0;
            if (!_numerator.TryFormat(destination, out int numerator, default, CultureInfo.InvariantCulture))
            {
                return false;
            }

            if (IsInteger)
            {
                charsWritten = numerator;
                return true;
            }

            if (numerator >= destination.Length || !Denominator.TryFormat(destination[(numerator + 1)..], out int denominator, default, CultureInfo.InvariantCulture))
            {
                return false;
            }

            destination[numerator] = '/';
            charsWritten = numerator + 1 + denominator;
            return true;
        }

        string text = ToString(format.IsEmpty ? null : format.ToString(), provider);
        if (text.Length > destination.Length)
        {
            charsWritten = 0;
            return false;
        }

        text.AsSpan().CopyTo(destination);
        charsWritten = text.Length;
        return true;
    }

    private static bool IsExactFormat(string? format) =>
        string.IsNullOrEmpty(format) || format is "G" or "g" or "R" or "r";

    /// <summary>Parses <c>"p/q"</c>, an integer, or a finite decimal with an optional exponent, exactly.</summary>
    /// <param name="s">The text. Surrounding white space is allowed.</param>
    /// <returns>The exact value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="s"/> is not in one of the accepted forms, or the denominator is zero.</exception>
    public static Rational Parse(string s) => Parse(s, CultureInfo.InvariantCulture);

    /// <summary>Parses <c>"p/q"</c>, an integer, or a finite decimal with an optional exponent, exactly.</summary>
    /// <param name="s">The text. Surrounding white space is allowed.</param>
    /// <param name="provider">Ignored: the invariant form (a dot as decimal separator) is always used.</param>
    /// <returns>The exact value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="s"/> is not in one of the accepted forms, or the denominator is zero.</exception>
    public static Rational Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan(), provider);
    }

    /// <inheritdoc cref="Parse(string, IFormatProvider?)"/>
    public static Rational Parse(ReadOnlySpan<char> s, IFormatProvider? provider) =>
        TryParse(s, provider, out Rational result)
            ? result
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{s.ToString()}' is not a rational number; expected 'p/q', an integer or a finite decimal such as 0.25."));

    /// <summary>Parses <c>"p/q"</c>, an integer, or a finite decimal with an optional exponent, exactly.</summary>
    /// <param name="s">The text.</param>
    /// <param name="style">Ignored: the accepted forms are fixed.</param>
    /// <param name="provider">Ignored.</param>
    /// <returns>The exact value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="s"/> is not in one of the accepted forms, or the denominator is zero.</exception>
    public static Rational Parse(string s, NumberStyles style, IFormatProvider? provider) => Parse(s, provider);

    /// <summary>Parses <c>"p/q"</c>, an integer, or a finite decimal with an optional exponent, exactly.</summary>
    /// <param name="s">The text.</param>
    /// <param name="style">Ignored: the accepted forms are fixed.</param>
    /// <param name="provider">Ignored.</param>
    /// <returns>The exact value.</returns>
    /// <exception cref="FormatException"><paramref name="s"/> is not in one of the accepted forms, or the denominator is zero.</exception>
    public static Rational Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) => Parse(s, provider);

    /// <summary>Tries to parse <c>"p/q"</c>, an integer, or a finite decimal with an optional exponent, exactly.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The value when parsing succeeds; zero otherwise.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> was parsed.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out Rational result) => TryParse(s.AsSpan(), CultureInfo.InvariantCulture, out result);

    /// <summary>Tries to parse <c>"p/q"</c>, an integer, or a finite decimal with an optional exponent, exactly.</summary>
    /// <param name="s">The text.</param>
    /// <param name="provider">Ignored.</param>
    /// <param name="result">The value when parsing succeeds; zero otherwise.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> was parsed.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Rational result)
    {
        if (s is null)
        {
            result = default;
            return false;
        }

        return TryParse(s.AsSpan(), provider, out result);
    }

    /// <summary>Tries to parse <c>"p/q"</c>, an integer, or a finite decimal with an optional exponent, exactly.</summary>
    /// <param name="s">The text.</param>
    /// <param name="style">Ignored.</param>
    /// <param name="provider">Ignored.</param>
    /// <param name="result">The value when parsing succeeds; zero otherwise.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> was parsed.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, NumberStyles style, IFormatProvider? provider, out Rational result) =>
        TryParse(s, provider, out result);

    /// <summary>Tries to parse <c>"p/q"</c>, an integer, or a finite decimal with an optional exponent, exactly.</summary>
    /// <param name="s">The text.</param>
    /// <param name="style">Ignored.</param>
    /// <param name="provider">Ignored.</param>
    /// <param name="result">The value when parsing succeeds; zero otherwise.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> was parsed.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, out Rational result) =>
        TryParse(s, provider, out result);

    /// <summary>Tries to parse <c>"p/q"</c>, an integer, or a finite decimal with an optional exponent, exactly.</summary>
    /// <param name="s">The text.</param>
    /// <param name="provider">Ignored.</param>
    /// <param name="result">The value when parsing succeeds; zero otherwise.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> was parsed.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Rational result)
    {
        result = default;
        s = s.Trim();
        if (s.IsEmpty)
        {
            return false;
        }

        int slash = s.IndexOf('/');
        if (slash >= 0)
        {
            if (!TryParseInteger(s[..slash].Trim(), out BigInteger p) || !TryParseInteger(s[(slash + 1)..].Trim(), out BigInteger q) || q.IsZero)
            {
                return false;
            }

            result = new Rational(p, q);
            return true;
        }

        return TryParseDecimal(s, out result);
    }

    private static bool TryParseInteger(ReadOnlySpan<char> s, out BigInteger value)
    {
        value = default;
        if (s.IsEmpty)
        {
            return false;
        }

        int start = s[0] is '+' or '-' ? 1 : 0;
        if (start == s.Length)
        {
            return false;
        }

        foreach (char c in s[start..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return BigInteger.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryParseDecimal(ReadOnlySpan<char> s, out Rational value)
    {
        value = default;
        int exponentAt = s.IndexOfAny('e', 'E');
        int exponent = 0;
        if (exponentAt >= 0)
        {
            ReadOnlySpan<char> e = s[(exponentAt + 1)..];
            if (!TryParseInteger(e, out BigInteger big) || BigInteger.Abs(big) > 100_000)
            {
                return false;
            }

            exponent = (int)big;
            s = s[..exponentAt];
        }

        bool negative = false;
        if (!s.IsEmpty && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        int dot = s.IndexOf('.');
        ReadOnlySpan<char> whole = dot >= 0 ? s[..dot] : s;
        ReadOnlySpan<char> fraction = dot >= 0 ? s[(dot + 1)..] : [];
        if (whole.IsEmpty && fraction.IsEmpty)
        {
            return false;
        }

        foreach (char c in whole)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        foreach (char c in fraction)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        string digits = string.Concat(whole, fraction);
        BigInteger mantissa = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (negative)
        {
            mantissa = -mantissa;
        }

        int scale = exponent - fraction.Length;
        value = scale >= 0
            ? new Rational(mantissa * BigInteger.Pow(10, scale))
            : new Rational(mantissa, BigInteger.Pow(10, -scale));
        return true;
    }
}
