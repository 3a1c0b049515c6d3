using System.CommandLine;
using System.Globalization;

namespace SyntaxKnowledge.Cli;

/// <summary>
/// A shard "i/n" (0-based) of a range of work items, with the one split rule every sharded command uses:
/// shard i of n covers [⌊N·i/n⌋, ⌊N·(i+1)/n⌋), so the shards are disjoint, contiguous and cover [0, N).
/// </summary>
/// <param name="Index">The shard index i, 0 ≤ i &lt; n.</param>
/// <param name="Count">The number of shards n ≥ 1.</param>
internal readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>The whole range as one shard (0/1).</summary>
    public static ShardSpec Whole => new(0, 1);

    /// <summary>The --shard option (absent: the whole range).</summary>
    public static Option<string?> Option(string description) => new("--shard") { Description = description, HelpName = "i/n" };

    /// <summary>Parses "i/n"; <see langword="null"/> text is the whole range.</summary>
    /// <exception cref="CliInputException">The text is not i/n with 0 ≤ i &lt; n.</exception>
    public static ShardSpec Parse(string? text)
    {
        if (text is null)
        {
            return Whole;
        }

        string[] parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || i >= n)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--shard: '{text}' is not valid; valid form: i/n with 0 <= i < n, e.g. 0/4."));
        }

        return new ShardSpec(i, n);
    }

    /// <summary>Returns the start and length of this shard's part of [0, total).</summary>
    public (long Start, long Count) Range(long total)
    {
        long start = (long)((Int128)total * Index / Count), end = (long)((Int128)total * (Index + 1) / Count);
        return (start, end - start);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
