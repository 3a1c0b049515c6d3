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
        Option<int> replicates = CliOptions.Integer("--replicates", "Number of independent replicates R.", 1, required: true);
        Option<ulong> seed = CliOptions.Seed();
        Option<string> backend = Backends.Option();
        Option<string> format = CliOptions.Format("json", "table");
        var command = new Command("simulate", "Monte Carlo: K_n chains or full seating partitions, replicate r on stream r of the seed, on the managed, ilgpu-cpu or gpu backend.")
        {
            kind, discount, concentration, draws, replicates, seed, backend, format,
        };
        var names = new Dictionary<string, string>
        {
            ["discount"] = "--discount", ["concentration"] = "--concentration", ["draws"] = "--n", ["replicates"] = "--replicates",
        };

        Cli.SetAction(command, interactive, names, (parse, context) =>
        {
            var p = PitmanYorParameters.Create(parse.GetValue(discount), parse.GetValue(concentration));
            int n = parse.GetValue(draws), r = parse.GetValue(replicates);
            bool seatingKind = parse.GetValue(kind) == "seating";
            string backendName = parse.GetValue(backend)!;
            ISimulationBackend simulator = Backends.Create(backendName);
            try
            {
                Result result = Backends.Guard(backendName, () => WithProgress(context, seatingKind ? "seating" : "K_n chain", progress =>
                {
                    var clock = Stopwatch.StartNew();
                    if (seatingKind)
                    {
                        SeatingSample sample = simulator.SimulateSeating(p, n, r, parse.GetValue(seed), progress, context.CancellationToken);
                        return new Result(simulator.Name, sample.Distinct, sample.Singletons, clock.Elapsed.TotalSeconds);
                    }

                    DistinctSample chain = simulator.SimulateDistinct(p, n, r, parse.GetValue(seed), progress, context.CancellationToken);
                    return new Result(simulator.Name, chain.Summary, null, clock.Elapsed.TotalSeconds);
                }));
                Rational? exact = n <= MaximumExactDraws ? ExpectedDistinct.Exact(p, n) : null;
                double rate = (double)n * r / Math.Max(result.Seconds, 1e-9);
                if (parse.GetValue(format) == "table")
                {
                    WriteTable(context.Output, p, n, r, parse.GetValue(seed), Backends.Device(simulator), result, exact, rate);
                }
                else
                {
                    WriteJson(context.Output, p, n, r, parse.GetValue(seed), Backends.Device(simulator), result, exact, rate);
                }
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

    private static void WriteJson(TextWriter writer, PitmanYorParameters p, int n, int r, ulong seed, string device, Result result, Rational? exact, double rate) =>
        Output.Json(writer, json =>
        {
            json.WriteStartObject();
            json.WriteString("backend", result.Backend);
            json.WriteString("device", device);
            json.Exact("discount", p.Discount);
            json.Exact("concentration", p.Concentration);
            json.WriteNumber("n", n);
            json.WriteNumber("replicates", r);
            json.WriteNumber("seed", seed);
            json.Number("mean_distinct", result.Distinct.Mean);
            json.Number("standard_error", result.Distinct.StandardError);
            if (result.Singletons is { } singletons)
            {
                json.Number("mean_singletons", singletons.Mean);
                json.Number("singletons_standard_error", singletons.StandardError);
            }

            if (exact is { } e)
            {
                json.Exact("exact_mean_distinct", e);
                json.Number("exact_mean_distinct_approx", e.ToDouble());
                json.Number("z_score", result.Distinct.ZScore(e.ToDouble()));
            }
            else
            {
                json.WriteNull("exact_mean_distinct");
            }

            json.Number("draws_per_second", rate);
            json.Number("seconds", result.Seconds);
            json.WriteEndObject();
        });

    private static void WriteTable(TextWriter writer, PitmanYorParameters p, int n, int r, ulong seed, string device, Result result, Rational? exact, double rate)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var rows = new List<IReadOnlyList<string>>();
        rows.Add(["E[K_n] simulated", result.Distinct.ToString()]);
        if (exact is { } e)
        {
            rows.Add(["E[K_n] exact", Output.Format(e.ToDouble(), 12)]);
            rows.Add(["z-score", Output.Format(result.Distinct.ZScore(e.ToDouble()), 3)]);
        }

        if (result.Singletons is { } singletons)
        {
            rows.Add(["E[K_n,1] simulated", singletons.ToString()]);
        }

        rows.Add(["draws per second", rate.ToString("N0", c)]);
        rows.Add(["seconds", Output.Format(result.Seconds, 4)]);
        string title = string.Create(c, $"simulate, {p}, n = {n}, R = {r}, seed = {seed}, backend = {result.Backend} ({device})");
        Output.Table(writer, ["quantity", "value"], rows, title);
    }

    private sealed record Result(string Backend, MonteCarloEstimate Distinct, MonteCarloEstimate? Singletons, double Seconds);

    /// <summary>Forwards backend progress (from any thread) to a Spectre task.</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = Math.Max(task.Value, value);
    }
}
