using System.Collections.Immutable;
using System.Text.Json;

namespace SyntaxKnowledge.Formats;

/// <summary>One run of a sweep: how much the model was trained on, how large it is, and how it scored.</summary>
/// <param name="TrainSentences">N, the training sentences. Range: ≥ 1.</param>
/// <param name="TrainTokens">D, the training tokens. Range: ≥ 1.</param>
/// <param name="Parameters">The model's parameter count, or <see langword="null"/> when not given.</param>
/// <param name="Discount">The corpus's discount d as an exact "p/q" string (the theory's data exponent is 1 − d), or <see langword="null"/>.</param>
/// <param name="Mode">The comparator the score used.</param>
/// <param name="EvalTokens">The scored evaluation tokens.</param>
/// <param name="ModelNatsPerToken">The model's loss per evaluation token, nats.</param>
/// <param name="OracleNatsPerToken">The comparator's loss per evaluation token, nats.</param>
/// <param name="ExcessNatsPerToken">Model minus comparator, nats per token.</param>
/// <param name="ExcessStandardError">The bootstrap standard error of the excess (over entities), nats per token; NaN when unknown.</param>
/// <param name="ScoreFile">The model log-probabilities file that was scored (as an absolute path), or <see langword="null"/>.</param>
public sealed record SweepRun(
    long TrainSentences,
    long TrainTokens,
    double? Parameters,
    string? Discount,
    EvaluationMode Mode,
    long EvalTokens,
    double ModelNatsPerToken,
    double OracleNatsPerToken,
    double ExcessNatsPerToken,
    double ExcessStandardError,
    string? ScoreFile);

/// <summary>
/// A sweep manifest (JSONL, format 1): one line per run
/// <c>{"kind": "run", "format": 1, "train_sentences", "train_tokens", "parameters", "discount", "mode", "eval_tokens",
/// "model_nats_per_token", "oracle_nats_per_token", "excess_nats_per_token", "excess_se", "score_file"}</c>, appended by
/// <c>skm score --manifest</c> and read by <c>skm fit --manifest</c>.
/// </summary>
public static class SweepManifest
{
    /// <summary>The current format version.</summary>
    public const int Format = 1;

    /// <summary>Writes one run as one line.</summary>
    /// <param name="writer">The destination (typically the end of the manifest).</param>
    /// <param name="run">The run.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static void WriteRun(TextWriter writer, SweepRun run)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(run);
        JsonText.WriteLine(writer, json =>
        {
            json.WriteStartObject();
            json.WriteString("kind", "run");
            json.WriteNumber("format", Format);
            json.WriteNumber("train_sentences", run.TrainSentences);
            json.WriteNumber("train_tokens", run.TrainTokens);
            if (run.Parameters is { } p)
            {
                json.WriteNumber("parameters", p);
            }
            else
            {
                json.WriteNull("parameters");
            }

            if (run.Discount is null)
            {
                json.WriteNull("discount");
            }
            else
            {
                json.WriteString("discount", run.Discount);
            }

            json.WriteString("mode", ModeName(run.Mode));
            json.WriteNumber("eval_tokens", run.EvalTokens);
            json.WritePropertyName("model_nats_per_token");
            JsonText.WriteDouble(json, run.ModelNatsPerToken);
            json.WritePropertyName("oracle_nats_per_token");
            JsonText.WriteDouble(json, run.OracleNatsPerToken);
            json.WritePropertyName("excess_nats_per_token");
            JsonText.WriteDouble(json, run.ExcessNatsPerToken);
            json.WritePropertyName("excess_se");
            JsonText.WriteDouble(json, run.ExcessStandardError);
            if (run.ScoreFile is null)
            {
                json.WriteNull("score_file");
            }
            else
            {
                json.WriteString("score_file", run.ScoreFile);
            }

            json.WriteEndObject();
        });
    }

    /// <summary>Reads every run of a manifest.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="fileName">The name shown in error messages.</param>
    /// <returns>The runs in file order.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileFormatException">The manifest has no run, or a line is malformed (the message names the line and field).</exception>
    public static ImmutableArray<SweepRun> Read(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        var runs = ImmutableArray.CreateBuilder<SweepRun>();
        foreach ((int line, string text) in JsonText.Lines(reader))
        {
            using JsonDocument document = JsonText.Parse(text, fileName, line);
            JsonElement e = document.RootElement;
            if (JsonText.String(e, "kind", fileName, line) != "run")
            {
                throw new FileFormatException(fileName, line, "kind", "expected \"run\"");
            }

            JsonText.Format(e, Format, "sweep manifest", fileName, line);
            long sentences = JsonText.Int64(e, "train_sentences", fileName, line);
            long tokens = JsonText.Int64(e, "train_tokens", fileName, line);
            if (sentences < 1 || tokens < 1)
            {
                throw new FileFormatException(fileName, line, sentences < 1 ? "train_sentences" : "train_tokens", "must be at least 1");
            }

            double? parameters = JsonText.TryProperty(e, "parameters", out JsonElement p) ? JsonText.Double(p, fileName, line, "parameters") : null;
            string? discount = JsonText.TryProperty(e, "discount", out _) ? JsonText.String(e, "discount", fileName, line) : null;
            string? scoreFile = JsonText.TryProperty(e, "score_file", out _) ? JsonText.String(e, "score_file", fileName, line) : null;
            string modeName = JsonText.String(e, "mode", fileName, line);
            EvaluationMode mode = ParseMode(modeName) ?? throw new FileFormatException(fileName, line, "mode", $"unknown mode '{modeName}'; valid: continuation, frozen, world");
            runs.Add(new SweepRun(
                sentences, tokens, parameters, discount, mode, JsonText.Int64(e, "eval_tokens", fileName, line),
                JsonText.Double(JsonText.Property(e, "model_nats_per_token", fileName, line), fileName, line, "model_nats_per_token"),
                JsonText.Double(JsonText.Property(e, "oracle_nats_per_token", fileName, line), fileName, line, "oracle_nats_per_token"),
                JsonText.Double(JsonText.Property(e, "excess_nats_per_token", fileName, line), fileName, line, "excess_nats_per_token"),
                JsonText.Double(JsonText.Property(e, "excess_se", fileName, line), fileName, line, "excess_se"),
                scoreFile));
        }

        if (runs.Count == 0)
        {
            throw new FileFormatException(fileName, 0, null, "no runs: append one with 'skm score ... --manifest FILE'");
        }

        return runs.ToImmutable();
    }

    /// <summary>Returns the file name of a mode ("continuation", "frozen", "world").</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>Its name.</returns>
    public static string ModeName(EvaluationMode mode) => mode switch
    {
        EvaluationMode.Continuation => "continuation",
        EvaluationMode.Frozen => "frozen",
        _ => "world",
    };

    /// <summary>Parses a mode name.</summary>
    /// <param name="name">"continuation", "frozen" or "world".</param>
    /// <returns>The mode, or <see langword="null"/> for any other text.</returns>
    public static EvaluationMode? ParseMode(string? name) => name switch
    {
        "continuation" => EvaluationMode.Continuation,
        "frozen" => EvaluationMode.Frozen,
        "world" => EvaluationMode.World,
        _ => null,
    };
}
