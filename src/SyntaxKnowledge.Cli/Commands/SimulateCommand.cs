using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>
/// skm simulate distinct|seating: Monte Carlo replicates of the Kₙ chain or the full partition on a chosen backend.
/// The JSON form is a contract: {"backend", "n", "replicates", "mean_distinct", "standard_error",
/// "mean_singletons" (seating), "exact_mean_distinct" (n ≤ 10000, where the exact rational stays small), "draws_per_second", "seconds"}.
/// The same seed gives the same mean_distinct on managed and ilgpu-cpu, whatever the thread count.
/// With --shard i/n it runs replicates [⌊R·i/n⌋, ⌊R·(i+1)/n⌋) only and adds the fields skm merge needs
/// (<see cref="SimulationSummary"/>); the means are computed from exact integer sums, so merged shards
/// reproduce the unsharded output bit for bit.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>The largest n for which the exact E[Kₙ] is printed (its rational has O(n log n) digits).</summary>
    public const int MaximumExactDraws = 10_000;

    private static readonly string[] Kinds = ["distinct", "seating"];

    public static Command Create(bool interactive)
    {
        var kind = new Argument<string>("kind") { Description = "distinct: the K_n chain (O(1) memory); seating: the full partition (block sizes)." };
        kind.AcceptOnlyFromAmong(Kinds);
        Option<Rational> discount = CliOptions.Discount();
        Option<Rational> concentration = CliOptions.Concentration();
        Option<int> draws = CliOptions.Integer("--n", "Number of draws n per replicate.", 1, required: true);
        Option<int> replicates = CliOptions.Integer("--replicates", "Number of independent replicates R (at least 2, so that a standard error exists).", 2, required: true);
        Option<ulong> seed = CliOptions.Seed();
        Option<string> backend = Backends.Option();
        Option<string> format = CliOptions.Format("json", "table");
        Option<string?> shard = ShardSpec.Option("Run only shard i of n (0-based) of the replicates, on the same streams as the unsharded run; skm merge combines the shards' JSON exactly.");
        var command = new Command("simulate", "Monte Carlo: K_n chains or full seating partitions, replicate r on stream r of the seed, on the managed, ilgpu-cpu or gpu backend.")
        {
            kind, discount, concentration, draws, replicates, seed, backend, format, shard,
        };
        var names = new Dictionary<string, string>
        {
            ["discount"] = "--discount", ["concentration"] = "--concentration", ["draws"] = "--n", ["replicates"] = "--replicates",
        };

        Cli.SetAction(command, interactive, names, (parse, context) =>
        {
            var p = PitmanYorParameters.Create(parse.GetValue(discount), parse.GetValue(concentration));
            int n = parse.GetValue(draws), total = parse.GetValue(replicates);
            string? shardText = parse.GetValue(shard);
            ShardSpec part = ShardSpec.Parse(shardText);
            if (part.Count > total)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--shard: '{shardText}' splits --replicates {total} into {part.Count} shards, so some would be empty; valid range: n <= replicates ({total})."));
            }

            (long first, long count) = part.Range(total);
            string simulationKind = parse.GetValue(kind)!;
            ulong s = parse.GetValue(seed);
            string backendName = parse.GetValue(backend)!;
            ISimulationBackend simulator = Backends.Create(backendName);
            try
            {
                string label = simulationKind == "seating" ? "seating" : "K_n chain";
                SimulationSummary summary = Backends.Guard(backendName, () => WithProgress(context, label, progress =>
                {
                    var clock = Stopwatch.StartNew();
                    IntegerMoments distinctMoments;
                    IntegerMoments? singletonMoments = null;
                    if (simulationKind == "seating")
                    {
                        SeatingSample sample = simulator.SimulateSeating(p, n, (int)count, s, first, progress, context.CancellationToken);
                        distinctMoments = sample.Moments(h => h.Distinct);
                        singletonMoments = sample.Moments(h => h.Singletons);
                    }
                    else
                    {
                        distinctMoments = simulator.SimulateDistinct(p, n, (int)count, s, first, progress, context.CancellationToken).Moments;
                    }

                    double seconds = clock.Elapsed.TotalSeconds;
                    return new SimulationSummary(simulationKind, simulator.Name, Backends.Device(simulator), p, n, s, total, shardText is null ? null : part, first, distinctMoments, singletonMoments, seconds, 1);
                }));
                summary.Write(context.Output, parse.GetValue(format)!);
            }
            finally
            {
                (simulator as IDisposable)?.Dispose();
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Runs the body with a Spectre progress bar on stderr when interactive, otherwise silently.</summary>
    internal static T WithProgress<T>(CommandContext context, string description, Func<IProgress<double>?, T> body)
    {
        if (!context.Interactive)
        {
            return body(null);
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                ProgressTask task = progress.AddTask(Markup.Escape(description), maxValue: 1);
                result = body(new TaskProgress(task));
                task.Value = 1;
            });
        return result;
    }

    /// <summary>Forwards backend progress (from any thread) to a Spectre task.</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = Math.Max(task.Value, value);
    }
}
