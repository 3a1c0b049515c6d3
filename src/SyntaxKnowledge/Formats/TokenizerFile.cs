using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using SyntaxKnowledge.Model;

namespace SyntaxKnowledge.Formats;

/// <summary>
/// Writes and reads a <see cref="TokenVocabulary"/>: as a Hugging Face <c>tokenizers</c> file (<c>tokenizer.json</c>: a
/// <c>WordLevel</c> model whose <c>vocab</c> maps every token to its id, a <c>WhitespaceSplit</c> pre-tokenizer — corpus tokens
/// are separated by single spaces and never contain one — and the four specials as added tokens), loadable as it is by
/// <c>tokenizers.Tokenizer.from_file</c>, <c>transformers.PreTrainedTokenizerFast(tokenizer_file=…)</c> and the JavaScript port;
/// or as text, one token per line, line number − 1 = id.
/// </summary>
public static class TokenizerFile
{
    /// <summary>Writes the Hugging Face <c>tokenizers</c> JSON.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="vocabulary">The vocabulary.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static void WriteHuggingFace(TextWriter writer, TokenVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(vocabulary);
        JsonText.WriteLine(writer, json =>
        {
            json.WriteStartObject();
            json.WriteString("version", "1.0");
            json.WriteNull("truncation");
            json.WriteNull("padding");
            json.WriteStartArray("added_tokens");
            for (int id = 0; id < vocabulary.SpecialCount; id++)
            {
                json.WriteStartObject();
                json.WriteNumber("id", id);
                json.WriteString("content", vocabulary.Tokens[id]);
                json.WriteBoolean("single_word", false);
                json.WriteBoolean("lstrip", false);
                json.WriteBoolean("rstrip", false);
                json.WriteBoolean("normalized", false);
                json.WriteBoolean("special", true);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNull("normalizer");
            json.WriteStartObject("pre_tokenizer");
            json.WriteString("type", "WhitespaceSplit");
            json.WriteEndObject();
            json.WriteNull("post_processor");
            json.WriteNull("decoder");
            json.WriteStartObject("model");
            json.WriteString("type", "WordLevel");
            json.WriteStartObject("vocab");
            for (int id = 0; id < vocabulary.Count; id++)
            {
                json.WriteNumber(vocabulary.Tokens[id], id);
            }

            json.WriteEndObject();
            json.WriteString("unk_token", TokenVocabulary.Unk);
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    /// <summary>Writes the vocabulary as text: one token per line, in id order.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="vocabulary">The vocabulary.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static void WriteText(TextWriter writer, TokenVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(vocabulary);
        foreach (string token in vocabulary.Tokens)
        {
            writer.Write(token);
            writer.Write('\n');
        }
    }

    /// <summary>Reads either format (JSON when the first non-blank character is <c>{</c>) and returns the tokens by id.</summary>
    /// <param name="reader">The source.</param>
    /// <param name="source">The file's name as shown in errors.</param>
    /// <returns>The tokens, indexed by id.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileFormatException">The file is malformed: not a WordLevel model, ids not 0..n−1, a duplicate or blank token.</exception>
    public static ImmutableArray<string> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        string text = reader.ReadToEnd();
        if (text.TrimStart().StartsWith('{'))
        {
            using JsonDocument document = JsonText.Parse(text, source, 0);
            JsonElement model = JsonText.Property(document.RootElement, "model", source, 0);
            if (JsonText.String(model, "type", source, 0) != "WordLevel")
            {
                throw new FileFormatException(source, 0, "model.type", "expected a WordLevel model");
            }

            JsonElement vocab = JsonText.Property(model, "vocab", source, 0);
            if (vocab.ValueKind != JsonValueKind.Object)
            {
                throw new FileFormatException(source, 0, "model.vocab", "expected an object mapping tokens to ids, got " + JsonText.Kind(vocab));
            }

            var entries = vocab.EnumerateObject().Select(p => (Token: p.Name, Id: p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out int id) ? id : -1)).ToList();
            var tokens = new string?[entries.Count];
            foreach ((string token, int id) in entries)
            {
                if (id < 0 || id >= tokens.Length || tokens[id] is not null)
                {
                    throw new FileFormatException(source, 0, "model.vocab", string.Create(CultureInfo.InvariantCulture, $"token '{token}' has id {id}; valid: distinct ids 0 to {tokens.Length - 1}"));
                }

                tokens[id] = token;
            }

            return Validate([.. tokens.Select(t => t!)], source);
        }

        var lines = new List<string>();
        int number = 0;
        using var lineReader = new StringReader(text);
        string? line;
        while ((line = lineReader.ReadLine()) is not null)
        {
            number++;
            if (line.Length == 0 && lineReader.Peek() < 0)
            {
                break;
            }

            lines.Add(line);
        }

        return Validate([.. lines], source);
    }

    private static ImmutableArray<string> Validate(ImmutableArray<string> tokens, string source)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int id = 0; id < tokens.Length; id++)
        {
            string t = tokens[id];
            if (string.IsNullOrWhiteSpace(t) || t.Any(char.IsWhiteSpace) || !seen.Add(t))
            {
                throw new FileFormatException(source, 0, null, string.Create(CultureInfo.InvariantCulture, $"token {id} '{t}' is blank, holds white space or repeats an earlier token; valid: distinct tokens without white space"));
            }
        }

        string[] specials = [TokenVocabulary.Pad, TokenVocabulary.Bos, TokenVocabulary.Eos, TokenVocabulary.Unk];
        if (tokens.Length < specials.Length || !tokens.Take(specials.Length).SequenceEqual(specials, StringComparer.Ordinal))
        {
            throw new FileFormatException(source, 0, null, "the vocabulary must begin with the specials <pad> <bos> <eos> <unk> (ids 0 to 3), as 'skm vocab' writes it");
        }

        return tokens;
    }
}
