using System.CommandLine;
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
        var command = new Command("score", "Report a language model's excess loss over the Bayes-optimal predictor, by tag and by entity frequency.") { corpus, logprobs, format, plot };
        Cli.SetAction(command, interactive, new Dictionary<string, string>(), (parse, context) =>
        {
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
}
