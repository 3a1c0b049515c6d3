using System.CommandLine;
using System.Globalization;
using SyntaxKnowledge.Cli.Commands.Laws;
using SyntaxKnowledge.Cli.Plots.Charts;
using SyntaxKnowledge.Simulation;
using SyntaxKnowledge.Theorems;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>skm verify: runs the theorem catalog (exact, statistical and asymptotic checks) and reports pass/fail.</summary>
internal static class VerifyCommand
{
    public static Command Create(bool interactive)
    {
        Option<string?> theorem = new("--theorem") { Description = "Verify one theorem (by id, e.g. py.expected-distinct) or a prefix followed by '*' (e.g. py.*); default: all.", HelpName = "id" };
        Option<int?> replicates = new("--replicates")
        {
            Description = "Monte Carlo replicates per theorem (default: each theorem's own count; 10x that is the long run). Range: replicates >= 2.",
            HelpName = "int",
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int r) && r >= 2)
                {
                    return r;
                }

                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--replicates = {text} is out of range; valid range: replicates >= 2."));
                return null;
            },
        };
        Option<Numbers.Rational> scale = CliOptions.Rational("--scale", "Multiply every theorem's default replicates (e.g. 10 for the long run, 1/2 for a quick one). Range: 0 < scale <= 1000.", Numbers.Rational.One);
        Option<ulong> seed = CliOptions.Seed();
        Option<string> backend = Backends.Option();
        Option<string> format = CliOptions.Format("table", "json");
        Option<bool> list = new("--list") { Description = "List the catalog (id, section, title) without verifying." };
        Option<string?> plot = LawCommand.PlotOption("the z-score of every Monte Carlo check, by theorem,");
        var command = new Command("verify", "Verify the theorems of the theory: exact identities (==), Monte Carlo within 5 standard errors (exact binomial/Poisson tests for frequencies and rare counts), asymptotic ratios -> 1. Exit 0 only if all pass.")
        {
            theorem, replicates, scale, seed, backend, format, list, plot,
        };
        Cli.SetAction(command, interactive, new Dictionary<string, string>(), (parse, context) =>
        {
            Theorem[] selected = Select(parse.GetValue(theorem));
            if (parse.GetValue(list))
            {
                Output.Table(context.Output, ["id", "section", "title", "default replicates"], selected.Select(t => (IReadOnlyList<string>)[t.Id, t.Section, t.Title, t.DefaultReplicates.ToString(CultureInfo.InvariantCulture)]));
                return ExitCodes.Ok;
            }

            string? plotPath = LawCommand.CheckPlot(parse, plot);
            Numbers.Rational exactFactor = parse.GetValue(scale);
            if (exactFactor.Sign <= 0 || exactFactor > 1_000)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--scale = {exactFactor} is out of range; valid range: 0 < scale <= 1000."));
            }

            double factor = exactFactor.ToDouble();

            string backendName = parse.GetValue(backend)!;
            ISimulationBackend simulation = Backends.Create(backendName);
            using var lease = simulation as IDisposable;
            var reports = ProgressDisplay.Run(context, "verifying", progress =>
            {
                var result = new List<TheoremReport>();
                for (int i = 0; i < selected.Length; i++)
                {
                    Theorem t = selected[i];
                    int r = parse.GetValue(replicates) ?? Math.Max(2, (int)Math.Round(t.DefaultReplicates * factor));
                    int index = i;
                    var inner = new RelayProgress(f => progress.Report((index + f) / selected.Length));
                    result.Add(Backends.Guard(backendName, () => t.Verify(simulation, r, parse.GetValue(seed), inner, context.CancellationToken)));
                }

                return result;
            });
            LawCommand.SavePlot(plotPath, () => Charts.Verification(reports), height: Charts.VerificationHeight(reports));
            Write(context.Output, parse.GetValue(format)!, reports);
            return reports.All(r => r.Passed) ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }

    private static Theorem[] Select(string? pattern)
    {
        if (pattern is null)
        {
            return [.. TheoremCatalog.All];
        }

        Theorem[] selected = pattern.EndsWith('*')
            ? [.. TheoremCatalog.All.Where(t => t.Id.StartsWith(pattern[..^1], StringComparison.Ordinal))]
            : [.. TheoremCatalog.All.Where(t => t.Id == pattern)];
        if (selected.Length == 0)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--theorem: no theorem matches '{pattern}'; valid ids: {string.Join(", ", TheoremCatalog.All.Select(t => t.Id))}."));
        }

        return selected;
    }

    private static void Write(TextWriter writer, string format, List<TheoremReport> reports)
    {
        if (format == "json")
        {
            Output.Json(writer, json =>
            {
                json.WriteStartObject();
                json.WriteBoolean("passed", reports.All(r => r.Passed));
                json.WriteStartArray("theorems");
                foreach (TheoremReport r in reports)
                {
                    json.WriteStartObject();
                    json.WriteString("id", r.Id);
                    json.WriteString("statement", r.Statement);
                    json.WriteBoolean("passed", r.Passed);
                    json.WriteString("why", r.Why);
                    json.WriteString("backend", r.Backend);
                    json.WriteNumber("replicates", r.Replicates);
                    json.WriteNumber("seed", r.Seed);
                    json.WriteStartArray("checks");
                    foreach (TheoremCheck c in r.Checks)
                    {
                        json.WriteStartObject();
                        json.WriteString("kind", c.Kind.ToString().ToLowerInvariant());
                        json.WriteString("name", c.Name);
                        json.WriteBoolean("passed", c.Passed);
                        json.WriteString("expected", c.Expected);
                        json.WriteString("observed", c.Observed);
                        json.Number("z", c.ZScore);
                        json.WriteString("detail", c.Detail);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            });
            return;
        }

        Output.Table(
            writer,
            ["theorem", "section", "checks", "max |z| (vs closed form)", "result"],
            reports.Select(r => (IReadOnlyList<string>)
            [
                r.Id,
                TheoremCatalog.TryFind(r.Id, out Theorem? t) ? t.Section : string.Empty,
                string.Create(CultureInfo.InvariantCulture, $"{r.Checks.Count(c => c.Passed)}/{r.Checks.Length}"),
                r.Checks.Where(c => c.Kind == CheckKind.Statistical && !Plots.Charts.Charts.IsBound(c)).Select(c => Math.Abs(c.ZScore)).DefaultIfEmpty(0).Max().ToString("F2", CultureInfo.InvariantCulture),
                r.Passed ? "pass" : "FAIL: " + r.Why,
            ]),
            string.Create(CultureInfo.InvariantCulture, $"{reports.Count(r => r.Passed)} of {reports.Count} theorems verified (backend {reports.FirstOrDefault()?.Backend}, seed {reports.FirstOrDefault()?.Seed})"));
    }

    private sealed class RelayProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
