using System.Globalization;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Internal;

/// <summary>Argument checks whose messages name the parameter, its value and the valid range (ASCII, invariant culture).</summary>
internal static class Preconditions
{
    public static ArgumentOutOfRangeException OutOfRange(string parameterName, object? actual, string range) =>
        new(parameterName, actual, string.Create(CultureInfo.InvariantCulture, $"{parameterName} = {Format(actual)} is out of range; valid range: {range}."));

    public static void AtLeast(int value, int minimum, string parameterName)
    {
        if (value < minimum)
        {
            throw OutOfRange(parameterName, value, string.Create(CultureInfo.InvariantCulture, $"{parameterName} >= {minimum}"));
        }
    }

    public static void AtLeast(long value, long minimum, string parameterName)
    {
        if (value < minimum)
        {
            throw OutOfRange(parameterName, value, string.Create(CultureInfo.InvariantCulture, $"{parameterName} >= {minimum}"));
        }
    }

    public static void InRange(int value, int minimum, int maximum, string parameterName)
    {
        if (value < minimum || value > maximum)
        {
            throw OutOfRange(parameterName, value, string.Create(CultureInfo.InvariantCulture, $"{minimum} <= {parameterName} <= {maximum}"));
        }
    }

    public static void Probability(Rational value, string parameterName)
    {
        if (value.Sign < 0 || value > Rational.One)
        {
            throw OutOfRange(parameterName, value, string.Create(CultureInfo.InvariantCulture, $"0 <= {parameterName} <= 1"));
        }
    }

    public static void Positive(Rational value, string parameterName)
    {
        if (value.Sign <= 0)
        {
            throw OutOfRange(parameterName, value, string.Create(CultureInfo.InvariantCulture, $"{parameterName} > 0"));
        }
    }

    public static void Positive(double value, string parameterName)
    {
        if (!(value > 0) || double.IsPositiveInfinity(value))
        {
            throw OutOfRange(parameterName, value, string.Create(CultureInfo.InvariantCulture, $"0 < {parameterName} < infinity"));
        }
    }

    public static void Finite(double value, string parameterName)
    {
        if (!double.IsFinite(value))
        {
            throw OutOfRange(parameterName, value, string.Create(CultureInfo.InvariantCulture, $"a finite number"));
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
