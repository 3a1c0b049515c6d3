using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SyntaxKnowledge.Cli.Corpus;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Prediction;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>skm generate: writes a Syntax-Knowledge corpus (JSONL with exact oracle probabilities, or plain text).</summary>
internal static class GenerateCommand
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static Command Create(bool interactive)
    {
        var model = new ModelOptions();
        Option<long> sentences = new("--sentences")
        {
            Description = "Number of sentences N in the corpus. Range: 1 <= N <= 10^12.",
            Required = true,
            HelpName = "int",
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) && n is >= 1 and <= 1_000_000_000_000)
                {
                    return n;
                }

                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--sentences = {text} is out of range; valid range: 1 <= sentences <= 10^12."));
                return 0;
            },
        };
        Option<ulong> seed = CliOptions.Seed();
        Option<string> output = new("--out") { Description = "Output file; it appears only when complete.", Required = true, HelpName = "file" };
        Option<string> format = CliOptions.Format("jsonl", "text");
        Option<string> tokens = CliOptions.Tokens();
        Option<string?> shard = ShardSpec.Option("Write only shard i of n (0-based) of the sentence range; every JSONL shard carries the model/seed fingerprint, its range and a SHA-256 checksum, and skm merge checks and joins them into the whole corpus.");

        var command = new Command("generate", "Generate a Syntax-Knowledge corpus: JSONL with the exact Bayes-optimal probabilities of every sentence and token, or text for LM training.")
        {
            sentences, seed, output, format, tokens, shard,
        };
        foreach (Option o in model.All)
        {
            command.Options.Add(o);
        }

        Cli.SetAction(command, interactive, ModelOptions.OptionNames, (parse, context) =>
        {
            SyntaxKnowledgeModel m = model.Build(parse).WithTokenization(parse.GetValue(tokens) == "pieces" ? Tokenization.Pieces : Tokenization.Words);
            long n = parse.GetValue(sentences);
            string? shardText = parse.GetValue(shard);
            ShardSpec? part = shardText is null ? null : ShardSpec.Parse(shardText);
            (long start, long count) = (part ?? ShardSpec.Whole).Range(n);
            ulong s = parse.GetValue(seed);
            string path = parse.GetValue(output)!;
            bool jsonl = parse.GetValue(format) == "jsonl";
            World world = World.Sample(m, s);
            ModelOptions.CheckNameSpace(world, n, model.PresetName(parse), "--sentences", context.CancellationToken);
            ProgressDisplay.Run(context, "generating " + Path.GetFileName(path), progress =>
            {
                AtomicFile.Write(path, "--out", context.Output, stream =>
                {
                    if (jsonl)
                    {
                        WriteJsonl(stream, m, model.PresetName(parse), world, n, part, progress, context.CancellationToken);
                    }
                    else
                    {
                        WriteText(stream, world, start, count, progress, context.CancellationToken);
                    }
                });
                return 0;
            });
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {count:N0} sentences to {AtomicFile.Describe(path)}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(Stream stream, World world, long start, long count, IProgress<double> progress, CancellationToken cancellationToken)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        long written = 0;
        foreach (Sentence sentence in CorpusGenerator.Generate(world, start, count, cancellationToken))
        {
            writer.Write(sentence.Text);
            writer.Write('\n');
            if ((++written & 0x3FFF) == 0)
            {
                progress.Report((double)written / count);
            }
        }
    }

    private static void WriteJsonl(Stream stream, SyntaxKnowledgeModel model, string preset, World world, long sentences, ShardSpec? shard, IProgress<double> progress, CancellationToken cancellationToken)
    {
        (long start, long count) = (shard ?? ShardSpec.Whole).Range(sentences);

        // Lines are written into one growing buffer and handed to the file in blocks of about 1 MiB.
        // A shard hashes every byte it writes, so its end line can carry a checksum of the whole shard.
        const int block = 1 << 20;
        var buffer = new ArrayBufferWriter<byte>(block + (block / 4));
        using var json = new Utf8JsonWriter(buffer, JsonOptions);
        using IncrementalHash? hash = shard is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Flush()
        {
            stream.Write(buffer.WrittenSpan);
            hash?.AppendData(buffer.WrittenSpan);
            buffer.ResetWrittenCount();
        }

        void EndLine()
        {
            json.Flush();
            buffer.GetSpan(1)[0] = (byte)'\n';
            buffer.Advance(1);
            json.Reset();
            if (buffer.WrittenCount >= block)
            {
                Flush();
            }
        }

        if (shard is not { } s)
        {
            CorpusFile.WriteHeader(json, model, preset, world.Seed, sentences);
            EndLine();
        }
        else
        {
            // A shard starts with a shard line: its range, the whole corpus header and that header's fingerprint.
            CorpusFile.WriteShardLine(json, CorpusFile.HeaderBytes(model, preset, world.Seed, sentences), s.ToString(), start, count);
            EndLine();
        }

        long written = 0;
        foreach (SentenceAnnotation a in BayesOracle.Annotate(model, CorpusGenerator.Generate(world, 0, start + count, cancellationToken)))
        {
            if (a.Sentence.Index < start)
            {
                continue;
            }

            WriteSentence(json, a);
            EndLine();
            if ((++written & 0xFFF) == 0)
            {
                progress.Report((double)written / count);
            }
        }

        Flush();
        if (hash is not null)
        {
            CorpusFile.WriteShardEnd(json, count, Convert.ToHexStringLower(hash.GetHashAndReset()));
            EndLine();
            stream.Write(buffer.WrittenSpan);
        }
    }

    private static void WriteSentence(Utf8JsonWriter json, SentenceAnnotation a)
    {
        Sentence s = a.Sentence;
        json.WriteStartObject();
        json.WriteString(Names.Kind, Names.Sentence);
        json.WriteNumber(Names.Index, s.Index);
        json.WriteNumber(Names.Entity, s.Entity);
        json.WriteNumber(Names.Attribute, s.Attribute);
        json.WriteNumber(Names.Template, s.Template);
        json.WriteNumber(Names.Value, s.Value);
        json.WriteString(Names.Text, s.Text);
        json.WriteStartArray(Names.Tokens);
        foreach (string token in s.Tokens)
        {
            json.WriteStringValue(token);
        }

        json.WriteEndArray();
        json.WriteStartArray(Names.Tags);
        foreach (TokenTag tag in s.Tags)
        {
            json.WriteStringValue(Names.Tag(tag));
        }

        json.WriteEndArray();
        json.WriteStartObject(Names.Q);
        WriteRational(json, Names.Entity, a.Components.Entity);
        WriteRational(json, Names.Name, a.Components.Name);
        WriteRational(json, Names.Attribute, a.Components.Attribute);
        WriteRational(json, Names.Template, a.Components.Template);
        WriteRational(json, Names.Value, a.Components.Value);
        json.WriteEndObject();
        json.WriteNumber(Names.LogQ, a.LogProbability);
        json.WriteStartArray(Names.TokenLogQ);
        foreach (double l in a.TokenLogProbabilities)
        {
            json.WriteNumberValue(l);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes an exact "p/q" string without an intermediate string when it fits a small buffer.</summary>
    private static void WriteRational(Utf8JsonWriter json, JsonEncodedText name, Rational value)
    {
        Span<char> text = stackalloc char[128];
        if (value.TryFormat(text, out int length, default, CultureInfo.InvariantCulture))
        {
            json.WriteString(name, text[..length]);
        }
        else
        {
            json.WriteString(name, value.ToString());
        }
    }

    /// <summary>The property names and tag values of a sentence line, encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind"), Sentence = JsonEncodedText.Encode("sentence"),
            Index = JsonEncodedText.Encode("i"), Entity = JsonEncodedText.Encode("entity"), Attribute = JsonEncodedText.Encode("attribute"),
            Template = JsonEncodedText.Encode("template"), Value = JsonEncodedText.Encode("value"), Text = JsonEncodedText.Encode("text"),
            Tokens = JsonEncodedText.Encode("tokens"), Tags = JsonEncodedText.Encode("tags"), Q = JsonEncodedText.Encode("q"),
            Name = JsonEncodedText.Encode("name"), LogQ = JsonEncodedText.Encode("log_q"), TokenLogQ = JsonEncodedText.Encode("token_log_q");

        private static readonly JsonEncodedText[] TagNames = [.. Enum.GetValues<TokenTag>().Select(t => JsonEncodedText.Encode(LossReport.TagName(t)))];

        public static JsonEncodedText Tag(TokenTag tag) => TagNames[(int)tag];
    }
}
