using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace SyntaxKnowledge.Formats;

/// <summary>A language model's natural-log probabilities of the tokens of one corpus sentence.</summary>
/// <param name="Index">The corpus sentence index <c>i</c>. Range: ≥ 0.</param>
/// <param name="TokenLogProbabilities">ln P(token ℓ | everything before it) for every token of the sentence, in nats. Values may be
/// −∞ (the model gave the token probability 0), +∞ or NaN: they are kept as read and reported as such by scoring.</param>
/// <param name="Line">The 1-based line of the file it was read from (0 when built in memory).</param>
/// <remarks>Equality compares the index, the line and the values element by element (NaN equals NaN).</remarks>
public sealed record ModelLogProbabilities(long Index, ImmutableArray<double> TokenLogProbabilities, int Line = 0)
{
    /// <inheritdoc/>
    public bool Equals(ModelLogProbabilities? other) =>
        other is not null && Index == other.Index && Line == other.Line && TokenLogProbabilities.AsSpan().SequenceEqual(other.TokenLogProbabilities.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Index);
        hash.Add(Line);
        foreach (double v in TokenLogProbabilities)
        {
            hash.Add(v);
        }

        return hash.ToHashCode();
    }
}

/// <summary>A model log-probability file as read: the corpus it was written for (when recorded) and its sentences.</summary>
/// <param name="CorpusFingerprint">The <see cref="Formats.CorpusFingerprint"/> of the corpus from the optional header line, or <see langword="null"/>.</param>
/// <param name="Sentences">The sentences in file order.</param>
public sealed record ModelLogProbabilityDocument(string? CorpusFingerprint, ImmutableArray<ModelLogProbabilities> Sentences)
{
    /// <inheritdoc/>
    public bool Equals(ModelLogProbabilityDocument? other) =>
        other is not null && CorpusFingerprint == other.CorpusFingerprint && Sentences.SequenceEqual(other.Sentences);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(CorpusFingerprint, Sentences.Length);
}

/// <summary>
/// The model log-probability format (JSONL, format 1): an optional header line
/// <c>{"kind": "header", "format": 1, "corpus_fingerprint": "sha256:…"}</c>, then one line per scored sentence
/// <c>{"i": 17, "token_logprobs": [-0.1, -2.3, …]}</c> with one natural-log probability per corpus token.
/// Python's <c>json</c> writes <c>-Infinity</c>, <c>Infinity</c> and <c>NaN</c> bare; they are read as those values.
/// </summary>
/// <remarks>Without a header line the file is the format <c>skm score</c> has always read. With one, readers compare its
/// fingerprint with the corpus's and refuse a file written for another corpus.</remarks>
public static class ModelLogProbabilityFile
{
    /// <summary>The current format version.</summary>
    public const int Format = 1;

    /// <summary>Reads a whole file.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="fileName">The name shown in error messages.</param>
    /// <returns>The document.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileFormatException">The file is empty, a line is not JSON, a field is missing or of the wrong type,
    /// a sentence index is negative or appears twice; the message names the line and the field.</exception>
    public static ModelLogProbabilityDocument Read(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        string? fingerprint = null;
        var sentences = ImmutableArray.CreateBuilder<ModelLogProbabilities>();
        var seen = new HashSet<long>();
        bool first = true;
        foreach ((int line, string text) in JsonText.Lines(reader))
        {
            using JsonDocument document = JsonText.Parse(text, fileName, line);
            JsonElement e = document.RootElement;
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw new FileFormatException(fileName, line, null, "expected {\"i\": <int>, \"token_logprobs\": [<float>, ...]}, found " + JsonText.Kind(e));
            }

            if (e.TryGetProperty("kind", out JsonElement kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == "header")
            {
                if (!first)
                {
                    throw new FileFormatException(fileName, line, "kind", "a header line may only be the first line");
                }

                JsonText.Format(e, Format, "model log-probability", fileName, line);
                fingerprint = JsonText.String(e, "corpus_fingerprint", fileName, line);
                if (!CorpusFingerprint.IsWellFormed(fingerprint))
                {
                    throw new FileFormatException(fileName, line, "corpus_fingerprint", string.Create(CultureInfo.InvariantCulture, $"'{fingerprint}' is not a fingerprint (sha256: and 64 hex digits)"));
                }

                first = false;
                continue;
            }

            first = false;
            long i = JsonText.Int64(e, "i", fileName, line);
            if (i < 0)
            {
                throw new FileFormatException(fileName, line, "i", string.Create(CultureInfo.InvariantCulture, $"{i} is negative; sentence indices start at 0"));
            }

            if (!seen.Add(i))
            {
                throw new FileFormatException(fileName, line, "i", string.Create(CultureInfo.InvariantCulture, $"sentence i = {i} appears twice"));
            }

            sentences.Add(new ModelLogProbabilities(i, [.. JsonText.Doubles(e, "token_logprobs", fileName, line)], line));
        }

        if (sentences.Count == 0)
        {
            throw new FileFormatException(fileName, 0, null, "no sentence lines: expected one line {\"i\": <int>, \"token_logprobs\": [...]} per scored sentence");
        }

        return new ModelLogProbabilityDocument(fingerprint, sentences.ToImmutable());
    }

    /// <summary>Writes a file: the header line when a fingerprint is given, then one line per sentence.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="corpusFingerprint">The corpus's fingerprint, or <see langword="null"/> for no header line.</param>
    /// <param name="sentences">The sentences.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="sentences"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="corpusFingerprint"/> is not a well-formed fingerprint.</exception>
    public static void Write(TextWriter writer, string? corpusFingerprint, IEnumerable<ModelLogProbabilities> sentences)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(sentences);
        if (corpusFingerprint is not null)
        {
            if (!CorpusFingerprint.IsWellFormed(corpusFingerprint))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"corpusFingerprint = '{corpusFingerprint}' is not a fingerprint; valid: sha256: and 64 lower-case hex digits."), nameof(corpusFingerprint));
            }

            JsonText.WriteLine(writer, json =>
            {
                json.WriteStartObject();
                json.WriteString("kind", "header");
                json.WriteNumber("format", Format);
                json.WriteString("corpus_fingerprint", corpusFingerprint);
                json.WriteEndObject();
            });
        }

        foreach (ModelLogProbabilities s in sentences)
        {
            JsonText.WriteLine(writer, json =>
            {
                json.WriteStartObject();
                json.WriteNumber("i", s.Index);
                JsonText.WriteDoubles(json, "token_logprobs", s.TokenLogProbabilities);
                json.WriteEndObject();
            });
        }
    }
}
