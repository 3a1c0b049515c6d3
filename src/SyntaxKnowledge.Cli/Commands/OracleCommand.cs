using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SyntaxKnowledge.Evaluation;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Cli.Corpus;
using SyntaxKnowledge.Cli.Plots;
using SyntaxKnowledge.Cli.Plots.Charts;
using SyntaxKnowledge.Prediction;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>skm oracle and skm score: the optimal loss of a corpus, and a language model's excess loss over it.</summary>
internal static class OracleCommand
{
    public static Command CreateOracle(bool interactive)
    {
        Option<string> corpus = new("--corpus") { Description = "A JSONL corpus written by 'skm generate'.", Required = true, HelpName = "file" };
        Option<string> format = CliOptions.Format("json", "csv", "table");
        var command = new Command("oracle", "Summarise a corpus's Bayes-optimal loss (the least achievable per-token loss) by tag and by entity frequency.") { corpus, format };
        Cli.SetAction(command, interactive, new Dictionary<string, string>(), (parse, context) =>
        {
            LossReport report = ProgressDisplay.Run(context, "scoring", p => CorpusScoring.Score(parse.GetValue(corpus)!, null, p, context.CancellationToken));
            CorpusScoring.Write(context.Output, report, parse.GetValue(format)!, withModel: false);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateScore(bool interactive)
    {
        Option<string> corpus = new("--corpus") { Description = "A JSONL corpus written by 'skm generate'.", Required = true, HelpName = "file" };
        Option<string> logprobs = new("--model-logprobs")
        {
            Description = "JSONL of a language model's natural-log token probabilities, one line per scored sentence: {\"i\": 0, \"token_logprobs\": [...]}, one value per corpus token.",
            Required = true,
            HelpName = "file",
        };
        Option<string> format = CliOptions.Format("json", "csv", "table");
        Option<string?> plot = new("--plot") { Description = "Also draw the excess loss per token by entity-frequency bucket and tag as a chart; the extension picks the format: .png or .svg.", HelpName = "file" };
        Option<int?> train = new("--train-sentences")
        {
            Description = "N: the model was trained on sentences 0..N-1 (as 'skm split --train N'). Groups tokens by the entity's count in training (0 = unseen, 1, 2-3, ...) and by fact seen/unseen, with bootstrap standard errors, and flags groups where the model beats the optimum (improper probabilities). Range: 1 <= N < corpus sentences.",
            HelpName = "int",
        };
        Option<string> mode = CliOptions.Choice("--mode", "The comparator with --train-sentences: frozen (the Bayes-optimal predictor given exactly the training prefix: the fair comparator of a model that stopped training), continuation (prequential: also learns from earlier evaluation sentences) or world (the true world's own predictive: the model's loss minus the world's entropy).", ["frozen", "continuation", "world"], "frozen");
        Option<int> bootstrap = new("--bootstrap") { Description = "Bootstrap replicates over entities for the standard errors. Range: 0 to 100000.", DefaultValueFactory = _ => ExcessLoss.DefaultBootstrapReplicates, HelpName = "int" };
        Option<ulong> seed = CliOptions.Seed();
        Option<string?> manifest = new("--manifest") { Description = "With --train-sentences: append this run (training size, parameters, losses, excess and its standard error) to a sweep manifest that 'skm fit --manifest' reads.", HelpName = "file" };
        Option<double?> parameters = new("--parameters") { Description = "The model's parameter count, recorded in the manifest row.", HelpName = "number" };
        var command = new Command("score", "Report a language model's excess loss over the Bayes-optimal predictor, by tag and by entity frequency (with --train-sentences: by training count, with standard errors).") { corpus, logprobs, format, plot, train, mode, bootstrap, seed, manifest, parameters };
        Cli.SetAction(command, interactive, new Dictionary<string, string> { ["bootstrapReplicates"] = "--bootstrap" }, (parse, context) =>
        {
            // Options of one protocol given with the other would be silently ignored: refuse them instead.
            bool split = parse.GetValue(train) is not null;
            Option[] splitOnly = [mode, bootstrap, seed, manifest, parameters];
            if (split && parse.GetResult(plot) is { Implicit: false })
            {
                throw new CliInputException("--plot charts the prequential report and is not available with --train-sentences; drop one of them (the JSON result has every group for your own chart).");
            }

            if (!split && splitOnly.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } stray)
            {
                throw new CliInputException($"{stray.Name} needs --train-sentences N (the split protocol); without it skm score uses the prequential comparator over the whole corpus.");
            }

            if (parse.GetValue(train) is int n)
            {
                return ScoreSplit(parse, context, n, parse.GetValue(corpus)!, parse.GetValue(logprobs)!, parse.GetValue(mode)!, parse.GetValue(bootstrap), parse.GetValue(seed), parse.GetValue(format)!, parse.GetValue(manifest), parse.GetValue(parameters));
            }

            string? plotPath = parse.GetValue(plot);
            if (plotPath is not null)
            {
                ChartFile.FormatOf(plotPath, "--plot");
            }

            LossReport report = ProgressDisplay.Run(context, "scoring", p => CorpusScoring.Score(parse.GetValue(corpus)!, parse.GetValue(logprobs)!, p, context.CancellationToken));
            if (plotPath is not null)
            {
                ChartFile.Save(Charts.ExcessLossByBucket(report), plotPath, "--plot");
            }

            CorpusScoring.Write(context.Output, report, parse.GetValue(format)!, withModel: true);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int ScoreSplit(ParseResult parse, CommandContext context, int trainSentences, string corpusPath, string logprobsPath, string modeName, int replicates, ulong seed, string format, string? manifestPath, double? parameters)
    {
        EvaluationMode mode = SweepManifest.ParseMode(modeName) ?? EvaluationMode.Frozen;
        (ExcessLossReport report, long trainTokens) = ProgressDisplay.Run(context, "scoring", p => SplitScoring.Score(corpusPath, logprobsPath, trainSentences, mode, replicates, seed, p, context.CancellationToken));
        TableOutput.Write(context.Output, report.ToTable(), format);
        foreach (ExcessLossGroup g in report.ImproperGroups)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: group {g.Group}: the model beats the {modeName} optimum by {-g.ExcessNatsPerToken:G4} nats/token ({-g.ExcessNatsPerToken / g.StandardErrorNatsPerToken:G3} standard errors): its probabilities cannot sum to one (an <unk> token without the name-space correction?)."));
        }

        ExcessLossGroup total = report.Total;
        if (total.NonFiniteTokens > 0)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: {total.NonFiniteTokens} model log-probabilities are -Infinity, Infinity or NaN; the groups holding them report an infinite or undefined loss."));
        }

        if (manifestPath is not null)
        {
            string? discount = null;
            using (var reader = new StreamReader(corpusPath))
            {
                using JsonDocument header = JsonDocument.Parse(reader.ReadLine() ?? "{}");
                discount = header.RootElement.GetProperty("knowledge").GetProperty("discount").GetString();
            }

            var run = new SweepRun(trainSentences, trainTokens, parameters, discount, mode, total.Tokens, total.ModelNatsPerToken, total.ComparatorNatsPerToken, total.ExcessNatsPerToken, total.StandardErrorNatsPerToken, Path.GetFullPath(logprobsPath));
            using var writer = new StreamWriter(manifestPath, append: true);
            SweepManifest.WriteRun(writer, run);
            context.Error.WriteLine($"appended the run to {manifestPath}");
        }

        return ExitCodes.Ok;
    }
}
