using System.Collections.Immutable;
using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Cli.Corpus;

/// <summary>One sentence line of a JSONL corpus, as read back.</summary>
internal sealed record CorpusLine(long Index, int Entity, ImmutableArray<string> Tokens, ImmutableArray<TokenTag> Tags, int LineNumber);

/// <summary>The JSONL corpus format (format 1): a header line recording every hyperparameter, then one object per sentence.</summary>
internal static class CorpusFile
{
    public const int Format = 1;

    /// <summary>The "kind" of the first line of a corpus shard (skm generate --shard i/n).</summary>
    public const string ShardKind = "shard";

    /// <summary>The "kind" of the last line of a corpus shard, which carries its checksum.</summary>
    public const string ShardEndKind = "shard_end";

    private static readonly JsonWriterOptions HeaderOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>Returns the header line (without newline) exactly as an unsharded corpus starts.</summary>
    public static byte[] HeaderBytes(SyntaxKnowledgeModel model, string preset, ulong seed, long sentences)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, HeaderOptions))
        {
            WriteHeader(json, model, preset, seed, sentences);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The fingerprint of a corpus: SHA-256 (hex) of its header line, which records the model, preset, seed and size.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> headerLine) => Convert.ToHexStringLower(SHA256.HashData(headerLine));

    /// <summary>
    /// Writes the first line of a corpus shard: {"kind":"shard","shard":"i/n","first","count","fingerprint","header":{...}},
    /// where header is the whole corpus's header line and fingerprint its SHA-256.
    /// </summary>
    public static void WriteShardLine(Utf8JsonWriter json, byte[] headerLine, string shard, long first, long count)
    {
        json.WriteStartObject();
        json.WriteString("kind", ShardKind);
        json.WriteString("shard", shard);
        json.WriteNumber("first", first);
        json.WriteNumber("count", count);
        json.WriteString("fingerprint", Fingerprint(headerLine));
        json.WritePropertyName("header");
        json.WriteRawValue(headerLine, skipInputValidation: true);
        json.WriteEndObject();
    }

    /// <summary>Writes the last line of a corpus shard: the sentence count and the SHA-256 (hex) of every byte before this line.</summary>
    public static void WriteShardEnd(Utf8JsonWriter json, long sentences, string sha256)
    {
        json.WriteStartObject();
        json.WriteString("kind", ShardEndKind);
        json.WriteNumber("sentences", sentences);
        json.WriteString("sha256", sha256);
        json.WriteEndObject();
    }

    public static void WriteHeader(Utf8JsonWriter json, SyntaxKnowledgeModel model, string preset, ulong seed, long sentences)
    {
        json.WriteStartObject();
        json.WriteString("kind", "header");
        json.WriteNumber("format", Format);
        json.WriteString("preset", preset);
        json.WriteNumber("seed", seed);
        json.WriteNumber("sentences", sentences);
        json.WriteString("tokens", model.Tokenization == Tokenization.Pieces ? "pieces" : "words");

        json.WriteStartObject("knowledge");
        json.WriteString("discount", model.Knowledge.Discount.ToString());
        json.WriteString("concentration", model.Knowledge.Concentration.ToString());
        json.WriteEndObject();
        json.WriteStartObject("syntax");
        json.WriteString("attribute_prior", model.AttributePrior.ToString());
        json.WriteString("template_prior", model.TemplatePrior.ToString());
        json.WriteStartArray("attributes");
        foreach (AttributeSpec a in model.Attributes)
        {
            json.WriteStartObject();
            json.WriteString("name", a.Name);
            json.WriteNumber("values", a.Values.Length);
            json.WriteString("value_prior", a.ValuePrior.ToString());
            json.WriteStartArray("templates");
            foreach (Template t in a.Templates)
            {
                json.WriteStringValue(t.Text);
            }

            json.WriteEndArray();
            json.WriteStartArray("value_tokens");
            foreach (string v in a.Values)
            {
                json.WriteStringValue(v);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        NameModel names = model.Names;
        json.WriteStartObject("names");
        WriteStrings(json, "given_syllables", names.GivenSyllables);
        WriteInts(json, "given_syllable_counts", names.GivenSyllableCounts);
        WriteStrings(json, "family_syllables", names.FamilySyllables);
        WriteInts(json, "family_syllable_counts", names.FamilySyllableCounts);
        WriteStrings(json, "family_endings", names.FamilyEndings);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteInts(Utf8JsonWriter json, string name, IEnumerable<int> values)
    {
        json.WriteStartArray(name);
        foreach (int v in values)
        {
            json.WriteNumberValue(v);
        }

        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }

    /// <summary>Rebuilds the model recorded in a header line.</summary>
    public static SyntaxKnowledgeModel ReadModel(JsonElement header, string file)
    {
        try
        {
            if (!header.TryGetProperty("kind", out JsonElement kind) || kind.GetString() != "header")
            {
                throw Malformed(file, 1, kind.ValueKind == JsonValueKind.String && kind.GetString() == ShardKind
                    ? "this is one shard of a corpus (skm generate --shard); join the shards with skm merge SHARD... --out corpus.jsonl"
                    : "the first line must be the header object {\"kind\":\"header\",...} written by skm generate --format jsonl");
            }

            if (header.GetProperty("format").GetInt32() != Format)
            {
                throw Malformed(file, 1, string.Create(CultureInfo.InvariantCulture, $"unsupported format {header.GetProperty("format")}; this skm reads format {Format}"));
            }

            JsonElement knowledge = header.GetProperty("knowledge"), syntax = header.GetProperty("syntax"), names = header.GetProperty("names");
            var p = PitmanYorParameters.Create(Rational.Parse(knowledge.GetProperty("discount").GetString()!), Rational.Parse(knowledge.GetProperty("concentration").GetString()!));
            var attributes = new List<AttributeSpec>();
            foreach (JsonElement a in syntax.GetProperty("attributes").EnumerateArray())
            {
                string prior = a.GetProperty("value_prior").GetString()!;
                attributes.Add(AttributeSpec.Create(
                    a.GetProperty("name").GetString()!,
                    [.. a.GetProperty("value_tokens").EnumerateArray().Select(v => v.GetString()!)],
                    prior == "uniform" ? ValuePrior.Uniform : ValuePrior.Dirichlet(Rational.Parse(prior)),
                    [.. a.GetProperty("templates").EnumerateArray().Select(t => Template.Parse(t.GetString()!))]));
            }

            NameModel nameModel = NameModel.Create(
                Strings(names, "given_syllables"),
                [.. names.GetProperty("given_syllable_counts").EnumerateArray().Select(v => v.GetInt32())],
                Strings(names, "family_syllables"),
                [.. names.GetProperty("family_syllable_counts").EnumerateArray().Select(v => v.GetInt32())],
                Strings(names, "family_endings"));
            // Corpora written before the "tokens" field existed are word-tokenised.
            Tokenization tokenization = !header.TryGetProperty("tokens", out JsonElement tokens) ? Tokenization.Words : tokens.GetString() switch
            {
                "words" => Tokenization.Words,
                "pieces" => Tokenization.Pieces,
                string other => throw new FormatException($"tokens = '{other}' is not a tokenization; valid: words or pieces"),
                null => throw new FormatException("tokens must be \"words\" or \"pieces\""),
            };
            return SyntaxKnowledgeModel.Create(p, Rational.Parse(syntax.GetProperty("attribute_prior").GetString()!), Rational.Parse(syntax.GetProperty("template_prior").GetString()!), attributes, nameModel)
                .WithTokenization(tokenization);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw Malformed(file, 1, "invalid header: " + ErrorText.FirstLine(e.Message));
        }
    }

    private static string[] Strings(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(v => v.GetString()!)];

    /// <summary>Reads a JSONL corpus: the model from the header, then the sentence lines lazily.</summary>
    public static (SyntaxKnowledgeModel Model, JsonElement Header, IEnumerable<CorpusLine> Lines) Read(string path, string optionName)
    {
        InputFile.Require(path, optionName);

        string? first;
        using (var reader = new StreamReader(path))
        {
            first = reader.ReadLine();
        }

        if (string.IsNullOrWhiteSpace(first))
        {
            throw Malformed(path, 1, "the file is empty; expected a JSONL corpus written by 'skm generate --format jsonl'");
        }

        JsonElement header;
        try
        {
            header = JsonDocument.Parse(first).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw Malformed(path, 1, "not JSON: " + ErrorText.FirstLine(e.Message));
        }

        SyntaxKnowledgeModel model = ReadModel(header, path);
        long declared;
        try
        {
            declared = header.GetProperty("sentences").GetInt64();
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Malformed(path, 1, "invalid header: \"sentences\" must be the number of sentence lines (an integer >= 1)");
        }

        if (declared < 1)
        {
            throw Malformed(path, 1, string.Create(CultureInfo.InvariantCulture, $"invalid header: \"sentences\" = {declared} is out of range; valid range: sentences >= 1"));
        }

        return (model, header, Lines(path, model, declared));
    }

    private static IEnumerable<CorpusLine> Lines(string path, SyntaxKnowledgeModel model, long declared)
    {
        int lineNumber = 0;
        long sentences = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1 || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (++sentences > declared)
            {
                throw Malformed(path, lineNumber, string.Create(CultureInfo.InvariantCulture, $"sentence line {sentences} but the header says \"sentences\": {declared}; the file was edited or two corpora were concatenated"));
            }

            CorpusLine parsed;
            try
            {
                using JsonDocument document = JsonDocument.Parse(line);
                JsonElement e = document.RootElement;
                if (e.GetProperty("kind").GetString() != "sentence")
                {
                    throw Malformed(path, lineNumber, "expected {\"kind\":\"sentence\",...}");
                }

                ImmutableArray<string> tokens = [.. e.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!)];
                ImmutableArray<TokenTag> tags = [.. e.GetProperty("tags").EnumerateArray().Select(t => ParseTag(t.GetString(), path, lineNumber))];
                if (tags.Length != tokens.Length)
                {
                    throw Malformed(path, lineNumber, string.Create(CultureInfo.InvariantCulture, $"{tokens.Length} tokens but {tags.Length} tags"));
                }

                CheckRecorded(e, model, tokens, path, lineNumber);
                parsed = new CorpusLine(e.GetProperty("i").GetInt64(), e.GetProperty("entity").GetInt32(), tokens, tags, lineNumber);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw Malformed(path, lineNumber, ErrorText.FirstLine(ex.Message));
            }

            yield return parsed;
        }

        if (sentences != declared)
        {
            throw Malformed(path, lineNumber, string.Create(CultureInfo.InvariantCulture, $"the file ends after {sentences} sentence lines but the header says \"sentences\": {declared}; the corpus is truncated or its header was edited"));
        }
    }

    // The recorded fields a reader does not recompute must still be those of a sentence of the model: attribute, template and
    // value in range, the text the tokens joined by spaces, log-probabilities finite and <= 0.
    private static void CheckRecorded(JsonElement e, SyntaxKnowledgeModel model, ImmutableArray<string> tokens, string path, int lineNumber)
    {
        int attributes = model.Attributes.Length;
        int attribute = -1;
        if (e.TryGetProperty("attribute", out JsonElement a))
        {
            if (!a.TryGetInt32(out attribute) || attribute < 0 || attribute >= attributes)
            {
                throw Malformed(path, lineNumber, string.Create(CultureInfo.InvariantCulture, $"\"attribute\" = {ErrorText.Cut(a.GetRawText())} is out of range; valid range: 0 to {attributes - 1}"));
            }
        }

        if (attribute >= 0 && e.TryGetProperty("template", out JsonElement t))
        {
            int templates = model.Attributes[attribute].Templates.Length;
            if (!t.TryGetInt32(out int template) || template < 0 || template >= templates)
            {
                throw Malformed(path, lineNumber, string.Create(CultureInfo.InvariantCulture, $"\"template\" = {ErrorText.Cut(t.GetRawText())} is out of range for attribute {attribute}; valid range: 0 to {templates - 1}"));
            }
        }

        if (attribute >= 0 && e.TryGetProperty("value", out JsonElement v))
        {
            int values = model.Attributes[attribute].Values.Length;
            if (!v.TryGetInt32(out int value) || value < 0 || value >= values)
            {
                throw Malformed(path, lineNumber, string.Create(CultureInfo.InvariantCulture, $"\"value\" = {ErrorText.Cut(v.GetRawText())} is out of range for attribute {attribute}; valid range: 0 to {values - 1}"));
            }

            string token = model.Attributes[attribute].Values[value];
            if (!token.Contains(' ', StringComparison.Ordinal) && !tokens.Contains(token, StringComparer.Ordinal))
            {
                throw Malformed(path, lineNumber, string.Create(CultureInfo.InvariantCulture, $"\"value\" = {value} is '{token}', which is not among the tokens; the line was edited"));
            }
        }

        if (e.TryGetProperty("text", out JsonElement text) && (text.ValueKind != JsonValueKind.String || !string.Equals(text.GetString(), string.Join(' ', tokens), StringComparison.Ordinal)))
        {
            throw Malformed(path, lineNumber, "\"text\" is not the tokens joined by single spaces; the line was edited");
        }

        if (e.TryGetProperty("log_q", out JsonElement logQ) && !IsLogProbability(logQ))
        {
            throw Malformed(path, lineNumber, string.Create(CultureInfo.InvariantCulture, $"\"log_q\" = {ErrorText.Cut(logQ.GetRawText())} is not valid; valid range: a finite natural-log probability <= 0"));
        }

        if (e.TryGetProperty("token_log_q", out JsonElement tokenLogQ))
        {
            if (tokenLogQ.ValueKind != JsonValueKind.Array || tokenLogQ.GetArrayLength() != tokens.Length || tokenLogQ.EnumerateArray().Any(x => !IsLogProbability(x)))
            {
                throw Malformed(path, lineNumber, string.Create(CultureInfo.InvariantCulture, $"\"token_log_q\" must hold {tokens.Length} finite natural-log probabilities <= 0, one per token"));
            }
        }
    }

    private static bool IsLogProbability(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double x) && double.IsFinite(x) && x <= 0;

    private static TokenTag ParseTag(string? tag, string path, int line) => tag switch
    {
        "syntax" => TokenTag.Syntax,
        "name" => TokenTag.Name,
        "value" => TokenTag.Value,
        _ => throw Malformed(path, line, string.Create(CultureInfo.InvariantCulture, $"unknown tag '{tag}'; valid tags: syntax, name, value")),
    };

    public static CliInputException Malformed(string path, int line, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}, line {line}: {problem.TrimEnd('.')}."));
}
