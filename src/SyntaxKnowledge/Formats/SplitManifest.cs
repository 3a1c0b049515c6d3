using System.Globalization;
using System.Text.Json;

namespace SyntaxKnowledge.Formats;

/// <summary>
/// The manifest of a train/evaluation split (<c>split.json</c>, format 1): which corpus, where the split is, and counts.
/// Training is sentences 0..N−1; evaluation is sentences N..N+M−1.
/// </summary>
/// <param name="CorpusFingerprint">The <see cref="Formats.CorpusFingerprint"/> of the corpus.</param>
/// <param name="CorpusSentences">The number of sentences in the corpus.</param>
/// <param name="TrainSentences">N, the number of training sentences. Range: 1 ≤ N &lt; <paramref name="CorpusSentences"/>.</param>
/// <param name="EvalSentences">M, the number of evaluation sentences. Range: 1 ≤ M ≤ sentences − N.</param>
/// <param name="TrainTokens">The number of tokens in the training sentences.</param>
/// <param name="EvalTokens">The number of tokens in the evaluation sentences.</param>
/// <param name="TrainEntities">The number of distinct entities in the training sentences.</param>
/// <param name="TrainFacts">The number of (entity, attribute) facts revealed by the training sentences.</param>
/// <param name="EvalUnseenEntitySentences">The evaluation sentences whose entity never occurs in training.</param>
/// <param name="EvalUnseenFactSentences">The evaluation sentences whose fact is not revealed in training (unseen entities included).</param>
/// <param name="Discount">The corpus's discount d as an exact "p/q" string (the derived data exponent is 1 − d).</param>
/// <param name="Concentration">The corpus's concentration θ as an exact "p/q" string.</param>
public sealed record SplitManifest(
    string CorpusFingerprint,
    long CorpusSentences,
    int TrainSentences,
    int EvalSentences,
    long TrainTokens,
    long EvalTokens,
    int TrainEntities,
    long TrainFacts,
    int EvalUnseenEntitySentences,
    int EvalUnseenFactSentences,
    string Discount,
    string Concentration)
{
    /// <summary>The current format version.</summary>
    public const int Format = 1;

    /// <summary>Writes the manifest as one indented JSON object.</summary>
    /// <param name="writer">The destination.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is <see langword="null"/>.</exception>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("kind", "split");
            json.WriteNumber("format", Format);
            json.WriteString("corpus_fingerprint", CorpusFingerprint);
            json.WriteNumber("corpus_sentences", CorpusSentences);
            json.WriteNumber("train_sentences", TrainSentences);
            json.WriteNumber("eval_first", TrainSentences);
            json.WriteNumber("eval_sentences", EvalSentences);
            json.WriteNumber("train_tokens", TrainTokens);
            json.WriteNumber("eval_tokens", EvalTokens);
            json.WriteNumber("train_entities", TrainEntities);
            json.WriteNumber("train_facts", TrainFacts);
            json.WriteNumber("eval_unseen_entity_sentences", EvalUnseenEntitySentences);
            json.WriteNumber("eval_unseen_fact_sentences", EvalUnseenFactSentences);
            json.WriteString("discount", Discount);
            json.WriteString("concentration", Concentration);
            json.WriteEndObject();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        writer.Write('\n');
    }

    /// <summary>Reads a manifest.</summary>
    /// <param name="reader">The text (one JSON object, possibly indented).</param>
    /// <param name="fileName">The name shown in error messages.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileFormatException">The text is not a split manifest, a field is missing, of the wrong type, or out of range.</exception>
    public static SplitManifest Read(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        string text = reader.ReadToEnd();
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FileFormatException(fileName, 0, null, "the file is empty; expected the split.json written by 'skm split'");
        }

        using JsonDocument document = JsonText.Parse(text, fileName, 1);
        JsonElement e = document.RootElement;
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("kind", out JsonElement kind) || kind.ValueKind != JsonValueKind.String || kind.GetString() != "split")
        {
            throw new FileFormatException(fileName, 1, "kind", "expected {\"kind\": \"split\", ...}");
        }

        JsonText.Format(e, Format, "split manifest", fileName, 1);
        string fingerprint = JsonText.String(e, "corpus_fingerprint", fileName, 1);
        if (!Formats.CorpusFingerprint.IsWellFormed(fingerprint))
        {
            throw new FileFormatException(fileName, 1, "corpus_fingerprint", string.Create(CultureInfo.InvariantCulture, $"'{fingerprint}' is not a fingerprint"));
        }

        long sentences = JsonText.Int64(e, "corpus_sentences", fileName, 1);
        int train = JsonText.Int32(e, "train_sentences", fileName, 1);
        int eval = JsonText.Int32(e, "eval_sentences", fileName, 1);
        if (train < 1 || train >= sentences)
        {
            throw new FileFormatException(fileName, 1, "train_sentences", string.Create(CultureInfo.InvariantCulture, $"{train} is out of range; valid range: 1 to {sentences - 1}"));
        }

        if (eval < 1 || eval > sentences - train)
        {
            throw new FileFormatException(fileName, 1, "eval_sentences", string.Create(CultureInfo.InvariantCulture, $"{eval} is out of range; valid range: 1 to {sentences - train}"));
        }

        return new SplitManifest(
            fingerprint, sentences, train, eval,
            JsonText.Int64(e, "train_tokens", fileName, 1), JsonText.Int64(e, "eval_tokens", fileName, 1),
            JsonText.Int32(e, "train_entities", fileName, 1), JsonText.Int64(e, "train_facts", fileName, 1),
            JsonText.Int32(e, "eval_unseen_entity_sentences", fileName, 1), JsonText.Int32(e, "eval_unseen_fact_sentences", fileName, 1),
            JsonText.String(e, "discount", fileName, 1), JsonText.String(e, "concentration", fileName, 1));
    }
}
