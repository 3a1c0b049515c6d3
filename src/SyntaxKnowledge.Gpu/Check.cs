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

    // The stream indices firstReplicate + i must not pass long.MaxValue (the kernels add them in 64 bits).
    public static void FirstReplicate(long firstReplicate, int replicates)
    {
        if (firstReplicate < 0 || firstReplicate > long.MaxValue - replicates)
        {
            throw new ArgumentOutOfRangeException(nameof(firstReplicate), firstReplicate, string.Create(CultureInfo.InvariantCulture, $"firstReplicate = {firstReplicate} is out of range; valid range: 0 <= firstReplicate <= {long.MaxValue - replicates}."));
        }
    }
}
