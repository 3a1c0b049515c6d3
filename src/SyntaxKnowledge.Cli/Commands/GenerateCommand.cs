using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SyntaxKnowledge.Cli.Corpus;
using SyntaxKnowledge.Model;
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
        Option<string?> shard = ShardSpec.Option("Write only shard i of n (0-based) of the sentence range; shards concatenate to the whole corpus (the header is in shard 0; skm merge checks and joins them).");

        var command = new Command("generate", "Generate a Syntax-Knowledge corpus: JSONL with the exact Bayes-optimal probabilities of every sentence and token, or text for LM training.")
        {
            sentences, seed, output, format, shard,
        };
        foreach (Option o in model.All)
        {
            command.Options.Add(o);
        }

        Cli.SetAction(command, interactive, ModelOptions.OptionNames, (parse, context) =>
        {
            SyntaxKnowledgeModel m = model.Build(parse);
            long n = parse.GetValue(sentences);
            (long start, long count, bool first) = Shard(parse.GetValue(shard), n);
            ulong s = parse.GetValue(seed);
            string path = parse.GetValue(output)!;
            bool jsonl = parse.GetValue(format) == "jsonl";
            World world = World.Sample(m, s);
            ProgressDisplay.Run(context, "generating " + Path.GetFileName(path), progress =>
            {
                AtomicFile.Write(path, "--out", stream =>
                {
                    if (jsonl)
                    {
                        WriteJsonl(stream, m, model.PresetName(parse), world, n, start, count, first, progress, context.CancellationToken);
                    }
                    else
                    {
                        WriteText(stream, world, start, count, progress, context.CancellationToken);
                    }
                });
                return 0;
            });
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {count:N0} sentences to {path}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static (long Start, long Count, bool First) Shard(string? text, long sentences)
    {
        ShardSpec shard = ShardSpec.Parse(text);
        (long start, long count) = shard.Range(sentences);
        return (start, count, shard.Index == 0);
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

    private static void WriteJsonl(Stream stream, SyntaxKnowledgeModel model, string preset, World world, long sentences, long start, long count, bool header, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        using var json = new Utf8JsonWriter(buffer, JsonOptions);
        void Flush()
        {
            json.Flush();
            buffer.WriteByte((byte)'\n');
            buffer.WriteTo(stream);
            buffer.SetLength(0);
            json.Reset(buffer);
        }

        if (header)
        {
            // Only shard 0 carries the header, identical to the unsharded one, so shards concatenate to the whole corpus.
            CorpusFile.WriteHeader(json, model, preset, world.Seed, sentences);
            Flush();
        }

        long written = 0;
        foreach (SentenceAnnotation a in BayesOracle.Annotate(model, CorpusGenerator.Generate(world, 0, start + count, cancellationToken)))
        {
            if (a.Sentence.Index < start)
            {
                continue;
            }

            WriteSentence(json, a);
            Flush();
            if ((++written & 0xFFF) == 0)
            {
                progress.Report((double)written / count);
            }
        }
    }

    private static void WriteSentence(Utf8JsonWriter json, SentenceAnnotation a)
    {
        Sentence s = a.Sentence;
        json.WriteStartObject();
        json.WriteString("kind", "sentence");
        json.WriteNumber("i", s.Index);
        json.WriteNumber("entity", s.Entity);
        json.WriteNumber("attribute", s.Attribute);
        json.WriteNumber("template", s.Template);
        json.WriteNumber("value", s.Value);
        json.WriteString("text", s.Text);
        json.WriteStartArray("tokens");
        foreach (string token in s.Tokens)
        {
            json.WriteStringValue(token);
        }

        json.WriteEndArray();
        json.WriteStartArray("tags");
        foreach (TokenTag tag in s.Tags)
        {
            json.WriteStringValue(LossReport.TagName(tag));
        }

        json.WriteEndArray();
        json.WriteStartObject("q");
        json.WriteString("entity", a.Components.Entity.ToString());
        json.WriteString("name", a.Components.Name.ToString());
        json.WriteString("attribute", a.Components.Attribute.ToString());
        json.WriteString("template", a.Components.Template.ToString());
        json.WriteString("value", a.Components.Value.ToString());
        json.WriteEndObject();
        json.WriteNumber("log_q", a.LogProbability);
        json.WriteStartArray("token_log_q");
        foreach (double l in a.TokenLogProbabilities)
        {
            json.WriteNumberValue(l);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
