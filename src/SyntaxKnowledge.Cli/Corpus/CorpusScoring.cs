using System.Globalization;
using System.Text.Json;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Prediction;

namespace SyntaxKnowledge.Cli.Corpus;

/// <summary>Runs the Bayes-optimal predictor over a JSONL corpus and, optionally, a language model's per-token log-probabilities.</summary>
internal static class CorpusScoring
{
    public static LossReport Score(string corpusPath, string? logprobsPath, IProgress<double> progress, CancellationToken cancellationToken)
    {
        (SyntaxKnowledgeModel model, JsonElement header, IEnumerable<CorpusLine> lines) = CorpusFile.Read(corpusPath, "--corpus");
        long total = header.GetProperty("sentences").GetInt64();
        Dictionary<long, double[]>? modelLogprobs = logprobsPath is null ? null : ReadLogprobs(logprobsPath);
        var accumulator = new LossAccumulator();
        long expected = 0;
        using IEnumerator<CorpusLine> line = lines.GetEnumerator();
        IEnumerable<IReadOnlyList<string>> Tokens()
        {
            while (line.MoveNext())
            {
                if (line.Current.Index != expected)
                {
                    throw CorpusFile.Malformed(corpusPath, line.Current.LineNumber, string.Create(CultureInfo.InvariantCulture, $"sentence index {line.Current.Index} where {expected} was expected (sentences must be complete and in order)"));
                }

                expected++;
                yield return line.Current.Tokens;
            }
        }

        foreach (SentenceScore<double> score in Parsed(BayesOracle.ScoreTokens<double>(model, Tokens()), corpusPath, () => line.Current?.LineNumber ?? 1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            CorpusLine current = line.Current;
            if (score.Entity != current.Entity)
            {
                throw CorpusFile.Malformed(corpusPath, current.LineNumber, string.Create(CultureInfo.InvariantCulture, $"entity {current.Entity} does not match the name's first appearance order ({score.Entity})"));
            }

            double[]? lm = null;
            if (modelLogprobs is not null)
            {
                if (!modelLogprobs.Remove(score.Index, out lm))
                {
                    continue; // the language model did not score this sentence
                }

                if (lm.Length != current.Tokens.Length)
                {
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--model-logprobs: sentence i = {score.Index} has {lm.Length} token log-probabilities but the corpus sentence has {current.Tokens.Length} tokens."));
                }
            }

            for (int t = 0; t < current.Tokens.Length; t++)
            {
                double oracle = -Math.Log(score.TokenProbabilities[t]);
                accumulator.Add(new TokenLoss(score.Index, score.Entity, current.Tags[t], oracle, lm is null ? double.NaN : -lm[t]));
            }

            if ((score.Index & 0x3FFF) == 0)
            {
                progress.Report((double)score.Index / Math.Max(1, total));
            }
        }

        if (modelLogprobs is { Count: > 0 })
        {
            long missing = modelLogprobs.Keys.Min();
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--model-logprobs: sentence i = {missing} is not in the corpus (it has {expected} sentences)."));
        }

        return accumulator.Build();
    }

    // A sentence the model cannot parse (an edited name or word) is a malformed line of the corpus: name the file and the line.
    private static IEnumerable<T> Parsed<T>(IEnumerable<T> scores, string path, Func<int> lineNumber)
    {
        using IEnumerator<T> e = scores.GetEnumerator();
        while (true)
        {
            try
            {
                if (!e.MoveNext())
                {
                    yield break;
                }
            }
            catch (FormatException ex) when (ex is not SyntaxKnowledge.Formats.FileFormatException)
            {
                throw CorpusFile.Malformed(path, lineNumber(), ErrorText.FirstLine(ex.Message));
            }

            yield return e.Current;
        }
    }

    private static Dictionary<long, double[]> ReadLogprobs(string path)
    {
        InputFile.Require(path, "--model-logprobs");

        var result = new Dictionary<long, double[]>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(line);
                long i = document.RootElement.GetProperty("i").GetInt64();
                double[] values = [.. document.RootElement.GetProperty("token_logprobs").EnumerateArray().Select(v => v.GetDouble())];
                if (values.Any(v => !(v <= 0) || double.IsNegativeInfinity(v)))
                {
                    throw CorpusFile.Malformed(path, lineNumber, "token_logprobs must be finite natural-log probabilities (<= 0)");
                }

                if (!result.TryAdd(i, values))
                {
                    throw CorpusFile.Malformed(path, lineNumber, string.Create(CultureInfo.InvariantCulture, $"sentence i = {i} appears twice"));
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw CorpusFile.Malformed(path, lineNumber, "expected {\"i\": <int>, \"token_logprobs\": [<float>, ...]}: " + ErrorText.FirstLine(e.Message));
            }
        }

        if (result.Count == 0)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--model-logprobs: '{ErrorText.Cut(path)}' holds no sentence lines; expected one {{\"i\": <int>, \"token_logprobs\": [...]}} line per scored sentence."));
        }

        return result;
    }

    /// <summary>Writes a report as JSON, CSV or a table.</summary>
    public static void Write(TextWriter writer, LossReport report, string format, bool withModel)
    {
        string[] header = withModel
            ? ["group", "tokens", "oracle_nats_per_token", "oracle_bits_per_token", "model_nats_per_token", "excess_nats_per_token"]
            : ["group", "tokens", "oracle_nats_per_token", "oracle_bits_per_token", "oracle_nats"];
        IEnumerable<IReadOnlyList<string>> Rows(int digits) => report.Groups.Select(g => (IReadOnlyList<string>)(withModel
            ? [g.Group, g.Tokens.ToString(CultureInfo.InvariantCulture), Output.Format(g.OracleNatsPerToken, digits), Output.Format(g.OracleBitsPerToken, digits), Output.Format(g.ModelNatsPerToken, digits), Output.Format(g.ExcessNatsPerToken, digits)]
            : [g.Group, g.Tokens.ToString(CultureInfo.InvariantCulture), Output.Format(g.OracleNatsPerToken, digits), Output.Format(g.OracleBitsPerToken, digits), Output.Format(g.OracleNats, digits)]));
        switch (format)
        {
            case "csv":
                Output.Csv(writer, header, Rows(17));
                break;
            case "table":
                Output.Table(writer, header, Rows(6), string.Create(CultureInfo.InvariantCulture, $"{report.Sentences:N0} sentences; frequency buckets count each entity's sentences"));
                break;
            default:
                Output.Json(writer, json =>
                {
                    json.WriteStartObject();
                    json.WriteNumber("sentences", report.Sentences);
                    json.WriteStartArray("groups");
                    foreach (LossGroup g in report.Groups)
                    {
                        json.WriteStartObject();
                        json.WriteString("group", g.Group);
                        json.WriteNumber("tokens", g.Tokens);
                        json.Number("oracle_nats", g.OracleNats);
                        json.Number("oracle_nats_per_token", g.OracleNatsPerToken);
                        json.Number("oracle_bits_per_token", g.OracleBitsPerToken);
                        if (withModel)
                        {
                            json.Number("model_nats_per_token", g.ModelNatsPerToken);
                            json.Number("excess_nats_per_token", g.ExcessNatsPerToken);
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                break;
        }
    }
}
