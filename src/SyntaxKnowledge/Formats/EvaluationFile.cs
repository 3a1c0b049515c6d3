using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Prediction;

namespace SyntaxKnowledge.Formats;

/// <summary>Which predictor's per-token log-probabilities serve as the comparator of a language model.</summary>
public enum EvaluationMode
{
    /// <summary>The Bayes-optimal predictor given everything before the token (training and earlier evaluation sentences): prequential.</summary>
    Continuation,

    /// <summary>The Bayes-optimal predictor given exactly the training prefix, without learning inside the evaluation set.</summary>
    Frozen,

    /// <summary>The true world's own predictive (the proper baseline of the data law).</summary>
    World,
}

/// <summary>One evaluation sentence of a split, with what the training prefix revealed about it and the comparators' log-probabilities.</summary>
/// <param name="Index">The corpus sentence index <c>i</c> (≥ N).</param>
/// <param name="Entity">The entity (0-based, first-appearance order in the corpus).</param>
/// <param name="Attribute">The attribute j the sentence states.</param>
/// <param name="Tokens">The tokens.</param>
/// <param name="Tags">The tag of every token.</param>
/// <param name="TrainCount">The number of training sentences about the entity (0 = an unseen entity).</param>
/// <param name="FactSeen">Whether a training sentence revealed the fact (entity, attribute) this sentence states.</param>
/// <param name="Continuation">ln Q(token | every earlier token of the corpus) in nats: the prequential Bayes-optimal predictor.</param>
/// <param name="Frozen">ln Q(token | the training prefix and the earlier tokens of this sentence) in nats: the Bayes-optimal predictor frozen after training.</param>
/// <param name="World">ln P(token | the true world) in nats, or empty when the split has no world column.</param>
/// <remarks>Equality compares every field, arrays element by element.</remarks>
public sealed record EvaluationRecord(
    long Index,
    int Entity,
    int Attribute,
    ImmutableArray<string> Tokens,
    ImmutableArray<TokenTag> Tags,
    long TrainCount,
    bool FactSeen,
    ImmutableArray<double> Continuation,
    ImmutableArray<double> Frozen,
    ImmutableArray<double> World)
{
    /// <summary>Returns the comparator's per-token log-probabilities for a mode.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>The log-probabilities (empty for <see cref="EvaluationMode.World"/> when absent).</returns>
    public ImmutableArray<double> LogProbabilities(EvaluationMode mode) => mode switch
    {
        EvaluationMode.Continuation => Continuation,
        EvaluationMode.Frozen => Frozen,
        _ => World,
    };

    /// <inheritdoc/>
    public bool Equals(EvaluationRecord? other) =>
        other is not null && Index == other.Index && Entity == other.Entity && Attribute == other.Attribute && TrainCount == other.TrainCount
        && FactSeen == other.FactSeen && Tokens.SequenceEqual(other.Tokens) && Tags.SequenceEqual(other.Tags)
        && Continuation.AsSpan().SequenceEqual(other.Continuation.AsSpan()) && Frozen.AsSpan().SequenceEqual(other.Frozen.AsSpan())
        && World.AsSpan().SequenceEqual(other.World.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Index, Entity, Attribute, TrainCount, FactSeen, Tokens.Length);
}

/// <summary>The header line of an evaluation file: the corpus and the split it was cut from.</summary>
/// <param name="CorpusFingerprint">The corpus's <see cref="Formats.CorpusFingerprint"/>.</param>
/// <param name="TrainSentences">N, the training prefix length.</param>
/// <param name="EvalSentences">M, the number of evaluation records.</param>
/// <param name="HasWorld">Whether the records carry the world column.</param>
public sealed record EvaluationHeader(string CorpusFingerprint, int TrainSentences, int EvalSentences, bool HasWorld);

/// <summary>
/// The evaluation file of a split (<c>eval.jsonl</c>, format 1): a header line
/// <c>{"kind": "header", "format": 1, "corpus_fingerprint": …, "train_sentences": N, "eval_sentences": M, "columns": ["continuation", "frozen"]}</c>,
/// then one line per evaluation sentence <c>{"kind": "eval", "i", "entity", "attribute", "tokens", "tags", "train_count", "fact_seen",
/// "logprobs": {"continuation": […], "frozen": […]}}</c> (and <c>"world"</c> when present).
/// </summary>
public static class EvaluationFile
{
    /// <summary>The current format version.</summary>
    public const int Format = 1;

    /// <summary>Writes the header line.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="header">The header.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static void WriteHeader(TextWriter writer, EvaluationHeader header)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(header);
        JsonText.WriteLine(writer, json =>
        {
            json.WriteStartObject();
            json.WriteString("kind", "header");
            json.WriteNumber("format", Format);
            json.WriteString("corpus_fingerprint", header.CorpusFingerprint);
            json.WriteNumber("train_sentences", header.TrainSentences);
            json.WriteNumber("eval_sentences", header.EvalSentences);
            JsonText.WriteStrings(json, "columns", header.HasWorld ? ["continuation", "frozen", "world"] : ["continuation", "frozen"]);
            json.WriteEndObject();
        });
    }

    /// <summary>Writes one record line.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="record">The record.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static void WriteRecord(TextWriter writer, EvaluationRecord record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        JsonText.WriteLine(writer, json =>
        {
            json.WriteStartObject();
            json.WriteString("kind", "eval");
            json.WriteNumber("i", record.Index);
            json.WriteNumber("entity", record.Entity);
            json.WriteNumber("attribute", record.Attribute);
            JsonText.WriteStrings(json, "tokens", record.Tokens);
            JsonText.WriteStrings(json, "tags", record.Tags.Select(LossReport.TagName));
            json.WriteNumber("train_count", record.TrainCount);
            json.WriteBoolean("fact_seen", record.FactSeen);
            json.WriteStartObject("logprobs");
            JsonText.WriteDoubles(json, "continuation", record.Continuation);
            JsonText.WriteDoubles(json, "frozen", record.Frozen);
            if (!record.World.IsDefaultOrEmpty)
            {
                JsonText.WriteDoubles(json, "world", record.World);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    /// <summary>Reads an evaluation file: the header at once, the records lazily as the sequence is enumerated (once).</summary>
    /// <param name="reader">The text; it must stay open while the records are enumerated.</param>
    /// <param name="fileName">The name shown in error messages.</param>
    /// <returns>The header and the records.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileFormatException">The header is missing or malformed; a record is malformed (reported when reached): a field
    /// missing or of the wrong type, tags or log-probabilities not one per token, indices not increasing.</exception>
    public static (EvaluationHeader Header, IEnumerable<EvaluationRecord> Records) Read(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        IEnumerator<(int Line, string Text)> lines = JsonText.Lines(reader).GetEnumerator();
        if (!lines.MoveNext())
        {
            lines.Dispose();
            throw new FileFormatException(fileName, 0, null, "the file is empty; expected the eval.jsonl written by 'skm split'");
        }

        (int headerLine, string headerText) = lines.Current;
        EvaluationHeader header;
        using (JsonDocument document = JsonText.Parse(headerText, fileName, headerLine))
        {
            JsonElement e = document.RootElement;
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("kind", out JsonElement kind) || kind.ValueKind != JsonValueKind.String || kind.GetString() != "header")
            {
                lines.Dispose();
                throw new FileFormatException(fileName, headerLine, "kind", "the first line must be the header {\"kind\": \"header\", ...} written by 'skm split'");
            }

            JsonText.Format(e, Format, "evaluation", fileName, headerLine);
            string fingerprint = JsonText.String(e, "corpus_fingerprint", fileName, headerLine);
            string[] columns = JsonText.Strings(e, "columns", fileName, headerLine);
            header = new EvaluationHeader(fingerprint, JsonText.Int32(e, "train_sentences", fileName, headerLine), JsonText.Int32(e, "eval_sentences", fileName, headerLine), columns.Contains("world"));
        }

        return (header, Records(lines, header, fileName));
    }

    private static IEnumerable<EvaluationRecord> Records(IEnumerator<(int Line, string Text)> lines, EvaluationHeader header, string fileName)
    {
        using (lines)
        {
            long previous = header.TrainSentences - 1L;
            int count = 0;
            while (lines.MoveNext())
            {
                (int line, string text) = lines.Current;
                EvaluationRecord record = ParseRecord(text, line, header.HasWorld, fileName);
                if (record.Index <= previous)
                {
                    throw new FileFormatException(fileName, line, "i", string.Create(CultureInfo.InvariantCulture, $"{record.Index} where an index above {previous} was expected (records are in corpus order after the training prefix)"));
                }

                previous = record.Index;
                count++;
                if (count > header.EvalSentences)
                {
                    throw new FileFormatException(fileName, line, null, string.Create(CultureInfo.InvariantCulture, $"more records than the header's eval_sentences = {header.EvalSentences}"));
                }

                yield return record;
            }

            if (count < header.EvalSentences)
            {
                throw new FileFormatException(fileName, 0, null, string.Create(CultureInfo.InvariantCulture, $"{count} records where the header's eval_sentences = {header.EvalSentences}: the file is truncated"));
            }
        }
    }

    private static EvaluationRecord ParseRecord(string text, int line, bool hasWorld, string fileName)
    {
        using JsonDocument document = JsonText.Parse(text, fileName, line);
        JsonElement e = document.RootElement;
        if (JsonText.String(e, "kind", fileName, line) != "eval")
        {
            throw new FileFormatException(fileName, line, "kind", "expected \"eval\"");
        }

        string[] tokens = JsonText.Strings(e, "tokens", fileName, line);
        string[] tagNames = JsonText.Strings(e, "tags", fileName, line);
        if (tagNames.Length != tokens.Length)
        {
            throw new FileFormatException(fileName, line, "tags", string.Create(CultureInfo.InvariantCulture, $"{tagNames.Length} tags for {tokens.Length} tokens"));
        }

        ImmutableArray<TokenTag> tags = [.. tagNames.Select((t, k) => t switch
        {
            "syntax" => TokenTag.Syntax,
            "name" => TokenTag.Name,
            "value" => TokenTag.Value,
            _ => throw new FileFormatException(fileName, line, string.Create(CultureInfo.InvariantCulture, $"tags[{k}]"), $"unknown tag '{t}'; valid tags: syntax, name, value"),
        })];
        JsonElement logprobs = JsonText.Property(e, "logprobs", fileName, line);
        ImmutableArray<double> Column(string name)
        {
            double[] values = JsonText.Doubles(logprobs, name, fileName, line);
            return values.Length == tokens.Length
                ? [.. values]
                : throw new FileFormatException(fileName, line, "logprobs." + name, string.Create(CultureInfo.InvariantCulture, $"{values.Length} log-probabilities for {tokens.Length} tokens"));
        }

        return new EvaluationRecord(
            JsonText.Int64(e, "i", fileName, line), JsonText.Int32(e, "entity", fileName, line), JsonText.Int32(e, "attribute", fileName, line),
            [.. tokens], tags, JsonText.Int64(e, "train_count", fileName, line), JsonText.Boolean(e, "fact_seen", fileName, line),
            Column("continuation"), Column("frozen"), hasWorld ? Column("world") : []);
    }
}
