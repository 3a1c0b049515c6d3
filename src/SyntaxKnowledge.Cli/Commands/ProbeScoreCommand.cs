using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text;
using SyntaxKnowledge.Cli.Corpus;
using SyntaxKnowledge.Evaluation;
using SyntaxKnowledge.Formats;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>
/// skm score-probes: a language model's answers to the knowledge probes of a split, scored by training-count bucket and kind
/// (accuracy, p(truth), hallucination, calibration) beside the theory (acquisition threshold r, capacity, bits per parameter,
/// predicted hallucination). The core does every computation (<see cref="ProbeScoring"/>); this command reads and renders.
/// </summary>
internal static class ProbeScoreCommand
{
    private static readonly string[] TableNames = ["groups", "reliability", "acquisition", "summary"];

    public static Command Create(bool interactive)
    {
        Option<string> probes = new("--probes") { Description = "The probes.jsonl that 'skm split' wrote.", Required = true, HelpName = "file" };
        Option<string> answers = new("--answers")
        {
            Description = "The model's answers: a header line {\"kind\":\"header\",\"content\":\"answers\",\"format\":1}, then one line per probe {\"probe\": id, \"value_logprobs\": [ln P(candidate | prompt), ...]} in the order of the probe's candidates (a multi-piece value: the sum over its pieces).",
            Required = true,
            HelpName = "file",
        };
        Option<double?> parameters = new("--parameters") { Description = "The model's parameter count, for bits per parameter. Range: 1 to 1e15.", HelpName = "number" };
        Option<int> bins = CliOptions.Integer("--bins", "Equal-width confidence bins of the calibration error and the reliability table.", 1, 1000, ProbeScoringOptions.DefaultCalibrationBins);
        Option<int> bootstrap = CliOptions.Integer("--bootstrap", "Bootstrap replicates over probes for the calibration error's standard error (0: none).", 0, 100_000, ProbeScoringOptions.DefaultBootstrapReplicates);
        Option<int> maxExposures = CliOptions.Integer("--max-exposures", "The largest exposure count r the acquisition fit tries (r = 1..R).", 1, 100_000, ProbeScoringOptions.DefaultMaxExposures);
        Option<ulong> seed = CliOptions.Seed(0);
        Option<string> format = CliOptions.Format("json", "csv", "table");
        Option<string> table = CliOptions.Choice("--table", "With --format csv: which table to write (groups, reliability, acquisition or summary); json and table formats write all four.", TableNames, "groups");
        Option<string?> output = new("--out") { Description = "Write the report to this file (it appears only when complete) instead of standard output.", HelpName = "file" };
        var command = new Command("score-probes", "Score a language model's answers to knowledge probes: accuracy, p(truth), hallucination and calibration by training-count bucket and kind, with standard errors, beside the theory (acquisition threshold r, capacity in facts and bits per parameter, predicted hallucination 1 - max H and 1 - sum H^2).")
        {
            probes, answers, parameters, bins, bootstrap, maxExposures, seed, format, table, output,
        };
        var optionNames = new Dictionary<string, string>
        {
            ["parameters"] = "--parameters", ["calibrationBins"] = "--bins", ["bootstrapReplicates"] = "--bootstrap", ["maxExposures"] = "--max-exposures", ["answers"] = "--answers",
        };
        Cli.SetAction(command, interactive, optionNames, (parse, context) =>
        {
            ProbeSet probeSet = ReadProbes(parse.GetValue(probes)!);
            string answersPath = parse.GetValue(answers)!;
            ImmutableArray<ProbeAnswer> answerList = ReadAnswers(answersPath, probeSet);
            var options = ProbeScoringOptions.Create(parse.GetValue(parameters), parse.GetValue(bins), parse.GetValue(bootstrap), parse.GetValue(seed), parse.GetValue(maxExposures));
            ProbeScoreReport report = ProbeScoring.Score(probeSet, answerList, options);
            string formatName = parse.GetValue(format)!, tableName = parse.GetValue(table)!;
            if (parse.GetValue(output) is { } path)
            {
                AtomicFile.Write(path, "--out", context.Output, stream =>
                {
                    using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                    Write(writer, report, formatName, tableName);
                });
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote the scores of {report.Probes:N0} probes to {AtomicFile.Describe(path)}"));
            }
            else
            {
                Write(context.Output, report, formatName, tableName);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static ProbeSet ReadProbes(string path)
    {
        InputFile.Require(path, "--probes");

        using var reader = new StreamReader(path);
        try
        {
            return ProbesFormat.Read(reader, path);
        }
        catch (FormatException e)
        {
            throw new CliInputException("--probes: " + ErrorText.FirstLine(e.Message), e);
        }
    }

    private static ImmutableArray<ProbeAnswer> ReadAnswers(string path, ProbeSet probeSet)
    {
        InputFile.Require(path, "--answers");

        using var reader = new StreamReader(path);
        try
        {
            return ProbeAnswersFormat.Read(reader, path, probeSet);
        }
        catch (FormatException e)
        {
            throw new CliInputException("--answers: " + ErrorText.FirstLine(e.Message), e);
        }
    }

    private static void Write(TextWriter writer, ProbeScoreReport report, string format, string tableName)
    {
        switch (format)
        {
            case "csv":
                TableOutput.Write(writer, report.ToTables()[Array.IndexOf(TableNames, tableName)], "csv");
                break;
            case "table":
                foreach (ResultTable t in report.ToTables())
                {
                    TableOutput.Write(writer, t, "table");
                    writer.WriteLine();
                }

                break;
            default:
                Output.Json(writer, json =>
                {
                    json.WriteStartObject();
                    json.WriteNumber("train_sentences", report.TrainSentences);
                    json.WriteNumber("probes", report.Probes);
                    if (report.Parameters is { } p)
                    {
                        json.WriteNumber("parameters", p);
                    }
                    else
                    {
                        json.WriteNull("parameters");
                    }

                    ImmutableArray<ResultTable> tables = report.ToTables();
                    for (int i = 0; i < TableNames.Length; i++)
                    {
                        json.WritePropertyName(TableNames[i]);
                        TableOutput.WriteJson(json, tables[i]);
                    }

                    json.WriteEndObject();
                });
                break;
        }
    }
}
