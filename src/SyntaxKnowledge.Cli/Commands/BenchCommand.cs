using System.CommandLine;
using System.Globalization;
using SyntaxKnowledge.Cli.Bench;
using SyntaxKnowledge.Gpu;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>
/// skm bench [--quick] [--backend managed|ilgpu-cpu|gpu|all]: raw generator rate, Kₙ-chain steps/s and
/// full-seating draws/s at n = 10³, 10⁶ (and 10⁸ without --quick) per backend, with the ratios to a simple
/// reference implementation, to the raw generator rate and to the managed backend, all from one run.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(bool interactive)
    {
        var quick = new Option<bool>("--quick") { Description = "Small sizes (a few seconds); without it n = 10^8 seating is included (about a minute)." };
        Option<string> backend = Backends.Option("all");
        backend.DefaultValueFactory = _ => "all";
        backend.Description = "Backends to measure besides the managed baseline: managed, ilgpu-cpu, gpu, or all (gpu only when present).";
        Option<string> format = CliOptions.Format("json", "table");
        var command = new Command("bench", "Measure simulation throughput per backend: generator, K_n chain, full seating at n = 1e3, 1e6, 1e8; ratios to references.")
        {
            quick, backend, format,
        };

        Cli.SetAction(command, interactive, new Dictionary<string, string>(), (parse, context) =>
        {
            var backends = new List<ISimulationBackend> { ManagedBackend.Instance };
            string which = parse.GetValue(backend)!;
            try
            {
                if (which is "ilgpu-cpu" or "all")
                {
                    backends.Add(IlgpuBackend.CreateCpu());
                }

                if (which == "gpu")
                {
                    backends.Add(Backends.Create("gpu"));
                }
                else if (which == "all" && Backends.Guard("gpu", () => IlgpuBackend.TryCreateGpu(out IlgpuBackend? found) ? found : null) is { } gpu)
                {
                    backends.Add(gpu);
                }

                BenchReport report = Backends.Guard(which, () => SimulateCommand.WithProgress(context, "bench", progress => BenchRunner.Run(parse.GetValue(quick), backends, progress, context.CancellationToken)));
                if (parse.GetValue(format) == "table")
                {
                    WriteTable(context.Output, report);
                }
                else
                {
                    WriteJson(context.Output, report);
                }
            }
            finally
            {
                foreach (IDisposable disposable in backends.OfType<IDisposable>())
                {
                    disposable.Dispose();
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteJson(TextWriter writer, BenchReport report) =>
        Output.Json(writer, json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("quick", report.Quick);
            json.WriteNumber("cores", report.Cores);
            json.Exact("discount", report.Parameters.Discount);
            json.Exact("concentration", report.Parameters.Concentration);
            json.WriteStartArray("devices");
            foreach (string device in report.Devices)
            {
                json.WriteStringValue(device);
            }

            json.WriteEndArray();
            json.Number("generator_per_second", report.GeneratorRate);
            json.Number("system_random_per_second", report.SystemRandomRate);
            json.WriteStartArray("rows");
            foreach (BenchRow row in report.Rows)
            {
                json.WriteStartObject();
                json.WriteString("workload", row.Workload);
                json.WriteNumber("n", row.Draws);
                json.WriteNumber("replicates", row.Replicates);
                json.WriteString("backend", row.Backend);
                if (row.Threads is { } threads)
                {
                    json.WriteNumber("threads", threads);
                }
                else
                {
                    json.WriteNull("threads");
                }

                json.Number("seconds", row.Seconds);
                json.Number("per_second", row.Rate);
                json.Number("cpu_seconds", row.CpuSeconds);
                json.Number("per_cpu_second", row.RatePerCpuSecond);
                json.Number("cores_used", row.CoresUsed);
                Nullable(json, "reference_per_second", row.ReferenceRate);
                Nullable(json, "vs_reference", row.VersusReference);
                json.Number("vs_generator", row.VersusGenerator);
                Nullable(json, "vs_managed", row.VersusManaged);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    private static void Nullable(System.Text.Json.Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.Number(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteTable(TextWriter writer, BenchReport report)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        string title = string.Create(c, $"skm bench{(report.Quick ? " --quick" : string.Empty)}: {report.Cores} cores, {report.Parameters}; CounterRandom {report.GeneratorRate / 1e6:F0} M words/s, System.Random {report.SystemRandomRate / 1e6:F0} M words/s (one thread); {string.Join("; ", report.Devices)}");
        Output.Table(
            writer,
            ["workload", "n", "R", "backend", "threads", "M/s", "M/s per thread", "M per CPU-s", "cores used", "x reference", "x generator", "x managed"],
            report.Rows.Select(row => (IReadOnlyList<string>)
            [
                row.Workload,
                row.Draws.ToString("N0", c),
                row.Replicates.ToString("N0", c),
                row.Backend,
                row.Threads?.ToString(c) ?? "gpu",
                (row.Rate / 1e6).ToString("F1", c),
                row.Threads is { } t ? (row.Rate / t / 1e6).ToString("F1", c) : "-",
                (row.RatePerCpuSecond / 1e6).ToString("F1", c),
                row.CoresUsed.ToString("F2", c),
                row.VersusReference?.ToString("F1", c) ?? "-",
                row.VersusGenerator.ToString("F3", c),
                row.VersusManaged?.ToString("F2", c) ?? "-",
            ]),
            title);
    }
}
