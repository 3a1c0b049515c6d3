using System.CommandLine;
using System.Globalization;
using SyntaxKnowledge.Cli.Commands.Laws;
using SyntaxKnowledge.Cli.Plots;
using SyntaxKnowledge.Cli.Plots.Charts;
using SyntaxKnowledge.Cli.Plots.Data;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Cli.Commands.Plot;

/// <summary>
/// skm plot &lt;chart&gt;: PNG/SVG charts of the laws, predicted vs simulated. Each subcommand is three steps:
/// compute a data record (Plots/Data), turn it into a chart (Plots/Charts), save it (<see cref="PlotOutput"/>).
/// </summary>
internal static class PlotCommand
{
    public static Command Create(bool interactive)
    {
        var command = new Command("plot", "Draw a chart of a law, exact and asymptotic against simulation, as PNG or SVG (--out FILE.png|FILE.svg).");
        command.Subcommands.Add(Heaps(interactive));
        command.Subcommands.Add(Zipf(interactive));
        command.Subcommands.Add(Unseen(interactive));
        command.Subcommands.Add(Acquisition(interactive));
        command.Subcommands.Add(AcquisitionBuckets(interactive));
        command.Subcommands.Add(DataLaw(interactive));
        command.Subcommands.Add(ModelLawCommand.CreatePlot(interactive));
        command.Subcommands.Add(ComputeOptimalCommand.CreatePlot(interactive));
        command.Subcommands.Add(HallucinationCommand.CreatePlot(interactive));
        command.Subcommands.Add(FineTuneLawCommand.CreatePlot(interactive));
        command.Subcommands.Add(StructureLawCommand.CreatePlot(interactive));
        return command;
    }

    private static Command Heaps(bool interactive) => CurveOverDraws(
        interactive, "heaps", "Heaps' law: E[K_n] exact and asymptotic vs n on log-log axes, with a simulated band (5-95% of paths) and means +/- 2 SE.", 200,
        (p, maxDraws, points, replicates, seed, progress, cancellation) => Charts.Heaps(HeapsData.Compute(p, maxDraws, points, replicates, seed, progress, cancellation)));

    private static Command Zipf(bool interactive)
    {
        var output = new PlotOutput();
        Option<Numbers.Rational> discount = CliOptions.Discount(), concentration = CliOptions.Concentration();
        Option<int> draws = CliOptions.Integer("--draws", "Draws n of each simulated seating.", 10, 10_000_000, defaultValue: 100_000);
        Option<int> replicates = CliOptions.Integer("--replicates", "Independent seatings drawn (one curve each).", 1, 8, defaultValue: 3);
        Option<ulong> seed = CliOptions.Seed();
        var command = new Command("zipf", "Zipf's law: ranked entity frequencies of simulated seatings on log-log axes against the derived slope -1/d.")
        {
            discount, concentration, draws, replicates, seed,
        };
        Add(command, output.All);
        Cli.SetAction(command, interactive, ModelOptions.OptionNames, (parse, context) =>
        {
            output.Check(parse);
            var p = PitmanYorParameters.Create(parse.GetValue(discount), parse.GetValue(concentration));
            ZipfData data = ProgressDisplay.Run(context, "zipf", progress => ZipfData.Compute(p, parse.GetValue(draws), parse.GetValue(replicates), parse.GetValue(seed), progress, context.CancellationToken));
            return output.Save(parse, context, "zipf", Charts.Zipf(data));
        });
        return command;
    }

    private static Command Unseen(bool interactive) => CurveOverDraws(
        interactive, "unseen", "Unseen mass: P(next draw is new) exact and asymptotic vs the Good-Turing singleton estimate K_n1/n, simulated, on log-log axes.", 100,
        (p, maxDraws, points, replicates, seed, progress, cancellation) => Charts.Unseen(UnseenData.Compute(p, maxDraws, points, replicates, seed, progress, cancellation)));

    /// <summary>A chart of a Pitman-Yor quantity over a grid of n up to --max-draws, simulated with --replicates: the shape shared by heaps and unseen.</summary>
    private static Command CurveOverDraws(
        bool interactive, string name, string description, int defaultReplicates,
        Func<PitmanYorParameters, int, int, int, ulong, IProgress<double>, CancellationToken, ChartSpec> draw)
    {
        var output = new PlotOutput();
        Option<Numbers.Rational> discount = CliOptions.Discount(), concentration = CliOptions.Concentration();
        Option<int> maxDraws = MaxDraws(), points = Points(12), replicates = Replicates(defaultReplicates);
        Option<ulong> seed = CliOptions.Seed();
        var command = new Command(name, description)
        {
            discount, concentration, maxDraws, points, replicates, seed,
        };
        Add(command, output.All);
        Cli.SetAction(command, interactive, ModelOptions.OptionNames, (parse, context) =>
        {
            output.Check(parse);
            var p = PitmanYorParameters.Create(parse.GetValue(discount), parse.GetValue(concentration));
            int r = PlotOutput.Replicates(parse, replicates);
            ChartSpec chart = ProgressDisplay.Run(context, name, progress => draw(p, parse.GetValue(maxDraws), parse.GetValue(points), r, parse.GetValue(seed), progress, context.CancellationToken));
            return output.Save(parse, context, name, chart);
        });
        return command;
    }

    private static Command Acquisition(bool interactive)
    {
        var output = new PlotOutput();
        Option<Numbers.Rational> discount = CliOptions.Discount(), concentration = CliOptions.Concentration();
        Option<int> maxDraws = MaxDraws(), points = Points(10), replicates = Replicates(100);
        Option<string?> exposures = new("--exposures") { Description = "Comma-separated exposure counts r needed to acquire an entity (default 1,2,4,8).", HelpName = "r,r,..." };
        Option<ulong> seed = CliOptions.Seed();
        var command = new Command("acquisition", "Knowledge acquisition: mass of entities seen at least r times, E[P(Bin(n, W) >= r)], exact, asymptotic and simulated, for several r.")
        {
            discount, concentration, exposures, maxDraws, points, replicates, seed,
        };
        Add(command, output.All);
        Cli.SetAction(command, interactive, ModelOptions.OptionNames, (parse, context) =>
        {
            output.Check(parse);
            var p = PitmanYorParameters.Create(parse.GetValue(discount), parse.GetValue(concentration));
            int[] r = LawsCommand.ParseGrid(parse.GetValue(exposures), "--exposures", [1, 2, 4, 8], 1_000);
            if (r.Length > 8)
            {
                throw new CliInputException("--exposures: at most 8 values (one curve each).");
            }

            int replicateCount = PlotOutput.Replicates(parse, replicates);
            AcquisitionData data = ProgressDisplay.Run(context, "acquisition", progress => AcquisitionData.Compute(p, r, parse.GetValue(maxDraws), parse.GetValue(points), replicateCount, parse.GetValue(seed), progress, context.CancellationToken));
            return output.Save(parse, context, "acquisition", Charts.Acquisition(data));
        });
        return command;
    }

    private static Command AcquisitionBuckets(bool interactive)
    {
        var output = new PlotOutput();
        var model = new ModelOptions();
        Option<int> sentences = CliOptions.Integer("--sentences", "Length N of the generated corpus.", 10, 20_000_000, defaultValue: 100_000);
        Option<int> exposures = CliOptions.Integer("--exposures", "Exposures r needed to acquire an entity.", 1, 1_000, defaultValue: 1);
        Option<int> points = CliOptions.Integer("--points", "Checkpoints along the corpus (log-spaced).", 2, 200, defaultValue: 40);
        Option<ulong> seed = CliOptions.Seed();
        var command = new Command("acquisition-buckets", "Acquisition by frequency bucket: in one generated corpus, the fraction of each bucket's entities (by final count) seen r times after n sentences, vs the exchangeability prediction.")
        {
            sentences, exposures, points, seed,
        };
        Add(command, model.All);
        Add(command, output.All);
        Cli.SetAction(command, interactive, ModelOptions.OptionNames, (parse, context) =>
        {
            output.Check(parse);
            SyntaxKnowledgeModel m = model.Build(parse);
            BucketAcquisitionData data = ProgressDisplay.Run(context, "corpus", progress => BucketAcquisitionData.Compute(m, parse.GetValue(sentences), parse.GetValue(exposures), parse.GetValue(points), parse.GetValue(seed), progress, context.CancellationToken));
            if (data.Buckets.Count == 0)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--exposures = {data.Exposures}: no entity appears that often in {data.Sentences} sentences; use a smaller --exposures or more --sentences."));
            }

            return output.Save(parse, context, "acquisition-buckets", Charts.AcquisitionByBucket(data));
        });
        return command;
    }

    private static Command DataLaw(bool interactive)
    {
        var output = new PlotOutput();
        var model = new ModelOptions();
        Option<string?> grid = new("--grid") { Description = "Comma-separated numbers of sentences n (default: 9 points log-spaced from 10 to 1000; exact parts cost O(n^2) up to 4096).", HelpName = "n,n,..." };
        Option<int> worlds = Replicates(100, "--worlds", "Worlds simulated per grid point (0: no simulation).");
        Option<ulong> seed = CliOptions.Seed();
        var command = new Command("data-law", "Data scaling law: exact excess loss by part and total vs n on log-log axes, the derived asymptotic law dashed, simulated totals +/- 2 SE.")
        {
            grid, worlds, seed,
        };
        Add(command, model.All);
        Add(command, output.All);
        Cli.SetAction(command, interactive, ModelOptions.OptionNames, (parse, context) =>
        {
            output.Check(parse);
            SyntaxKnowledgeModel m = model.Build(parse);
            int[] n = LawsCommand.ParseGrid(parse.GetValue(grid), "--grid", Grids.Log(10, 1_000, 9), 100_000_000);
            int r = PlotOutput.Replicates(parse, worlds);
            DataLawData data = ProgressDisplay.Run(context, "data law", progress => DataLawData.Compute(m, n, r, parse.GetValue(seed), progress, context.CancellationToken));
            return output.Save(parse, context, "data-law", Charts.DataLaw(data));
        });
        return command;
    }

    private static Option<int> MaxDraws() => CliOptions.Integer("--max-n", "Largest number of draws n on the x axis.", 10, 10_000_000, defaultValue: 100_000);

    private static Option<int> Points(int defaultValue) => CliOptions.Integer("--points", "Simulated grid points, log-spaced from 10 to --max-n.", 2, 100, defaultValue: defaultValue);

    private static Option<int> Replicates(int defaultValue, string name = "--replicates", string description = "Simulated replicates per grid point (0: no simulation).") =>
        CliOptions.Integer(name, description, 0, 1_000_000, defaultValue: defaultValue);

    private static void Add(Command command, IEnumerable<Option> options)
    {
        foreach (Option o in options)
        {
            command.Options.Add(o);
        }
    }
}
