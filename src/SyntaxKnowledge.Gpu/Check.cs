using System.Globalization;

namespace SyntaxKnowledge.Gpu;

/// <summary>Argument checks with the same one-line messages as the core (name, value, valid range).</summary>
internal static class Check
{
    public static void AtLeast(int value, int minimum, string parameterName)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(parameterName, value, string.Create(CultureInfo.InvariantCulture, $"{parameterName} = {value} is out of range; valid range: {parameterName} >= {minimum}."));
        }
    }
}
