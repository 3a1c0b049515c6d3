using System.Security.Cryptography;
using System.Text;

namespace SyntaxKnowledge.Formats;

/// <summary>
/// The fingerprint of a JSONL corpus: <c>sha256:</c> followed by the lower-case hex SHA-256 of its header and sentence
/// lines, each as UTF-8 bytes followed by one line feed, blank lines skipped. Files derived from a corpus (a split,
/// an evaluation set, a model's log-probabilities) record it so that a file of another corpus is refused.
/// </summary>
/// <remarks>The fingerprint ignores line endings (CR LF or LF) and blank lines, so a corpus copied between systems keeps it;
/// any change to a header field, a token or a sentence's order changes it.</remarks>
public static class CorpusFingerprint
{
    /// <summary>The prefix of every fingerprint string.</summary>
    public const string Prefix = "sha256:";

    /// <summary>Computes the fingerprint of a corpus given as lines (header first).</summary>
    /// <param name="lines">The corpus lines, without line terminators.</param>
    /// <returns>The fingerprint, e.g. <c>sha256:3f…</c> (71 characters).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lines"/> is <see langword="null"/>.</exception>
    public static string Compute(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] newline = [(byte)'\n'];
        foreach (string line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            hash.AppendData(Encoding.UTF8.GetBytes(line.TrimEnd('\r')));
            hash.AppendData(newline);
        }

        return Prefix + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Computes the fingerprint of a corpus read to its end.</summary>
    /// <param name="corpus">The corpus text.</param>
    /// <returns>The fingerprint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="corpus"/> is <see langword="null"/>.</exception>
    public static string Compute(TextReader corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return Compute(ReadLines(corpus));
    }

    /// <summary>Returns whether a string has the shape of a fingerprint (the prefix and 64 lower-case hex digits).</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when it is a well-formed fingerprint.</returns>
    public static bool IsWellFormed(string? text) =>
        text is { Length: 71 } && text.StartsWith(Prefix, StringComparison.Ordinal) && !text.AsSpan(Prefix.Length).ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    private static IEnumerable<string> ReadLines(TextReader reader)
    {
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            yield return line;
        }
    }
}
