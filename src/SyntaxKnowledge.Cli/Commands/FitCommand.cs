using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using SyntaxKnowledge.Fitting;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>
/// skm fit --input FILE.csv: robust scaling-law fits to measured losses (Chinchilla and Syntax-Knowledge forms, or
/// single-axis forms), bootstrap intervals, the discount d each exponent implies, and the theory's consistency check.
/// The JSON form is a contract: {"input", "points", "bootstrap", "seed", "confidence", "huber_delta", "fits": [...]}.
/// </summary>
internal static class FitCommand
{
    private static readonly string[] Forms = ["all", "chinchilla", "syntax-knowledge", "data", "model"];

    private static readonly Dictionary<string, string> Symbols = new()
    {
        ["irreducible_loss"] = "E",
        ["model_coefficient"] = "A",
        ["model_exponent"] = "alpha",
        ["data_coefficient"] = "B",
        ["data_exponent"] = "beta",
        ["discount"] = "d",
        ["discount_from_data"] = "1 - beta",
        ["discount_from_model"] = "1/(1 + alpha)",
        ["discount_difference"] = "d_data - d_model",
        ["predicted_model_exponent"] = "beta/(1 - beta)",
        ["predicted_data_exponent"] = "alpha/(1 + alpha)",
        ["optimal_parameters_exponent"] = "beta/(alpha + beta)",
        ["optimal_tokens_exponent"] = "alpha/(alpha + beta)",
    };

    public static Command Create(bool interactive)
    {
        var input = new Option<string>("--input")
        {
            Description = "CSV of measured losses: header with tokens (or data, D), parameters (or params, N, capacity) and loss; one run per row.",
            HelpName = "file.csv",
        };
        var manifest = new Option<string>("--manifest")
        {
            Description = "Instead of --input: a sweep manifest (JSONL rows appended by 'skm score --train-sentences N --manifest FILE'). Fits excess = B * N^-beta per comparator mode with a parametric bootstrap interval, beside the theory's 1 - d (world mode).",
            HelpName = "sweep.jsonl",
        };
        var form = new Option<string>("--form")
        {
            Description = "Law to fit: chinchilla (E + A/N^alpha + B/D^beta), syntax-knowledge (one discount d: beta = 1-d, alpha = (1-d)/d), data (E + B/D^beta), model (E + A/N^alpha), or all (every form the columns support).",
            DefaultValueFactory = _ => "all",
        };
        form.AcceptOnlyFromAmong(Forms);
        Option<int> bootstrap = CliOptions.Integer("--bootstrap", "Bootstrap replicates B for the confidence intervals (0: none).", 0, FitOptions.MaximumBootstrapReplicates, FitOptions.DefaultBootstrapReplicates);
        Option<ulong> seed = CliOptions.Seed();
        Option<double> confidence = Real("--confidence", "Confidence level of the percentile intervals.", 0, 1, FitOptions.DefaultConfidenceLevel);
        Option<double> huberDelta = Real("--huber-delta", "Huber threshold delta on log-loss residuals (Hoffmann et al. 2022 use 1e-3).", 0, double.PositiveInfinity, FitOptions.DefaultHuberDelta);
        Option<string> format = CliOptions.Format(CliOptions.AllFormats);

        var command = new Command("fit", "Fit scaling laws to measured losses (Huber on log-loss, multi-start BFGS, bootstrap intervals) and report the implied discount d.")
        {
            input, manifest, form, bootstrap, seed, confidence, huberDelta, format,
        };
        var optionNames = new Dictionary<string, string>
        {
            ["observations"] = "--input", ["bootstrapReplicates"] = "--bootstrap", ["confidenceLevel"] = "--confidence", ["huberDelta"] = "--huber-delta",
        };

        Cli.SetAction(command, interactive, optionNames, (parse, context) =>
        {
            string? csvPath = parse.GetValue(input), manifestPath = parse.GetValue(manifest);
            if ((csvPath is null) == (manifestPath is null))
            {
                throw new CliInputException("give exactly one of --input FILE.csv (measured losses) and --manifest sweep.jsonl (a sweep of 'skm score' runs).");
            }

            if (manifestPath is not null)
            {
                return FitManifest(context, manifestPath, parse.GetValue(bootstrap), parse.GetValue(seed), parse.GetValue(confidence), parse.GetValue(format)!);
            }

            string path = csvPath!;
            LossCsv.Table table = LossCsv.Read(path);
            LossObservations observations = table.Observations;
            IReadOnlyList<ScalingLawForm> forms = SelectForms(parse.GetValue(form)!, observations, path, table.HeaderLine);
            var options = FitOptions.Create(parse.GetValue(huberDelta), parse.GetValue(bootstrap), parse.GetValue(seed), parse.GetValue(confidence));

            CheckIdentifiable(observations, path);
            bool all = parse.GetValue(form) == "all";
            if (all)
            {
                // Only forms with more points than free parameters: a curve through every point has zero-width intervals.
                forms = [.. forms.Where(f => observations.Count > ScalingLawFitting.FreeParameters(f))];
                if (forms.Count == 0)
                {
                    throw NotIdentifiable(path, string.Create(CultureInfo.InvariantCulture, $"{observations.Count} points are not more than the free parameters of any applicable form"));
                }
            }

            List<ScalingLawFit> fits = context.Interactive && options.BootstrapReplicates > 0
                ? FitWithProgressBar(observations, forms, options, path, context)
                : forms.Select(f => FitOne(observations, f, options, null, path, context.CancellationToken)).ToList();
            fits = CheckFits(observations, fits, all, path);

            switch (parse.GetValue(format))
            {
                case "csv":
                    WriteCsv(context.Output, fits);
                    break;
                case "table":
                    WriteTable(context.Output, path, fits, options);
                    break;
                default:
                    WriteJson(context.Output, path, observations, fits, options);
                    break;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static int FitManifest(CommandContext context, string path, int replicates, ulong seed, double level, string format)
    {
        InputFile.Require(path, "--manifest");

        System.Collections.Immutable.ImmutableArray<SyntaxKnowledge.Formats.SweepRun> runs;
        using (var reader = new StreamReader(path))
        {
            runs = SyntaxKnowledge.Formats.SweepManifest.Read(reader, path);
        }

        SweepFitReport report = SweepFitting.Fit(runs, replicates, seed, level);
        switch (format)
        {
            case "csv":
                TableOutput.Write(context.Output, report.ToTable(), "csv");
                break;
            case "table":
                TableOutput.Write(context.Output, report.ToTable(), "table");
                context.Output.WriteLine();
                TableOutput.Write(context.Output, report.ToPointsTable(), "table");
                break;
            default:
                Output.Json(context.Output, json =>
                {
                    json.WriteStartObject();
                    json.WriteString("manifest", path);
                    json.WriteNumber("runs", runs.Length);
                    json.WritePropertyName("fits");
                    TableOutput.WriteJson(json, report.ToTable());
                    json.WritePropertyName("points");
                    TableOutput.WriteJson(json, report.ToPointsTable());
                    json.WriteEndObject();
                });
                break;
        }

        foreach (SweepExponentFit fit in report.Fits.Where(f => f.Consistent == false))
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"note: {fit.Series}: the fitted exponent {fit.Exponent:G4} [{fit.Interval!.Lower:G4}, {fit.Interval.Upper:G4}] excludes the theory's 1 - d = {fit.TheoryExponent:G4}."));
        }

        return ExitCodes.Ok;
    }

    /// <summary>The CLI name of a form.</summary>
    public static string Name(ScalingLawForm form) => form switch
    {
        ScalingLawForm.Chinchilla => "chinchilla",
        ScalingLawForm.SyntaxKnowledge => "syntax-knowledge",
        ScalingLawForm.DataOnly => "data",
        _ => "model",
    };

    private static IReadOnlyList<ScalingLawForm> SelectForms(string requested, LossObservations observations, string path, int headerLine)
    {
        if (requested == "all")
        {
            IReadOnlyList<ScalingLawForm> applicable = ScalingLawFitting.ApplicableForms(observations);
            if (applicable.Count == 0)
            {
                throw new CliInputException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path}: no form can be fitted to {observations.Count} points: chinchilla and syntax-knowledge need both tokens and parameters with at least 2 distinct values each (and 5 or 4 points), data and model need at least 3 distinct values of their column."));
            }

            return applicable;
        }

        ScalingLawForm form = requested switch
        {
            "chinchilla" => ScalingLawForm.Chinchilla,
            "syntax-knowledge" => ScalingLawForm.SyntaxKnowledge,
            "data" => ScalingLawForm.DataOnly,
            _ => ScalingLawForm.ModelOnly,
        };

        if (form != ScalingLawForm.DataOnly && !observations.HasParameters)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}:{headerLine}: column 'parameters' (or params, N, capacity) is missing; --form {requested} needs it."));
        }

        if (form != ScalingLawForm.ModelOnly && !observations.HasTokens)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}:{headerLine}: column 'tokens' (or data, D) is missing; --form {requested} needs it."));
        }

        int needed = ScalingLawFitting.FreeParameters(form);
        if (observations.Count <= needed)
        {
            throw NotIdentifiable(path, string.Create(CultureInfo.InvariantCulture, $"{observations.Count} data rows for the {requested} form's {needed} free parameters; it needs at least {needed + 1} rows (a curve through every point leaves no residual to set an interval)"));
        }

        return [form];
    }

    /// <summary>The smallest share of the variation of log-loss a fitted curve must explain (R²) before its parameters are reported.</summary>
    public const double MinimumExplainedVariation = 0.5;

    private static CliInputException NotIdentifiable(string path, string reason) =>
        new(string.Create(CultureInfo.InvariantCulture, $"--input: {ErrorText.Cut(path)}: the scaling law is not identifiable: {reason}; nothing was fitted."));

    // Constant losses carry no information about any exponent.
    private static void CheckIdentifiable(LossObservations observations, string path)
    {
        double low = observations.Losses.Min(), high = observations.Losses.Max();
        if (high - low <= 1e-12 * Math.Abs(high))
        {
            throw NotIdentifiable(path, string.Create(CultureInfo.InvariantCulture, $"every loss is {Output.Format(high, 6)}, so no exponent can be fitted (valid data: losses that vary with tokens or parameters)"));
        }
    }

    // A fit whose curve explains less than half of the variation of log-loss is noise-dominated: its exponents and verdicts
    // would be artefacts of the noise. With --form all such forms are dropped while another remains.
    private static List<ScalingLawFit> CheckFits(LossObservations observations, List<ScalingLawFit> fits, bool all, string path)
    {
        double[] logs = [.. observations.Losses.Select(Math.Log)];
        double mean = logs.Average(), variance = logs.Sum(l => (l - mean) * (l - mean)) / logs.Length;
        double Explained(ScalingLawFit f) =>
            variance > 0 ? 1 - (f.Diagnostics.RootMeanSquareLogResidual * f.Diagnostics.RootMeanSquareLogResidual / variance) : 0;
        List<ScalingLawFit> kept = [.. fits.Where(f => Explained(f) >= MinimumExplainedVariation)];
        if (kept.Count == fits.Count || (all && kept.Count > 0))
        {
            return kept;
        }

        ScalingLawFit bad = fits.First(f => Explained(f) < MinimumExplainedVariation);
        throw NotIdentifiable(path, string.Create(CultureInfo.InvariantCulture, $"the {Name(bad.Form)} fit explains {Math.Max(0, Explained(bad)):P0} of the variation of log-loss (at least {MinimumExplainedVariation:P0} needed): the data are dominated by noise"));
    }

    private static ScalingLawFit FitOne(LossObservations observations, ScalingLawForm form, FitOptions options, IProgress<double>? progress, string path, CancellationToken cancellationToken)
    {
        try
        {
            return ScalingLawFitting.Fit(observations, form, options, progress, cancellationToken);
        }
        catch (ArithmeticException e)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: {ErrorText.FirstLine(e.Message)}"), e);
        }
    }

    private static List<ScalingLawFit> FitWithProgressBar(LossObservations observations, IReadOnlyList<ScalingLawForm> forms, FitOptions options, string path, CommandContext context)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
        var fits = new List<ScalingLawFit>();
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                foreach (ScalingLawForm form in forms)
                {
                    ProgressTask task = progress.AddTask(string.Create(CultureInfo.InvariantCulture, $"{Name(form)}: bootstrap x{options.BootstrapReplicates}"), maxValue: 1);
                    fits.Add(FitOne(observations, form, options, new TaskProgress(task), path, context.CancellationToken));
                    task.Value = 1;
                }
            });
        return fits;
    }

    private static Option<double> Real(string name, string description, double exclusiveMinimum, double exclusiveMaximum, double defaultValue)
    {
        string range = double.IsPositiveInfinity(exclusiveMaximum)
            ? string.Create(CultureInfo.InvariantCulture, $"{name} > {exclusiveMinimum}")
            : string.Create(CultureInfo.InvariantCulture, $"{exclusiveMinimum} < {name} < {exclusiveMaximum}");
        return new Option<double>(name)
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"{description} Range: {range}."),
            HelpName = "number",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: '{text}' is not a number; valid range: {range}."));
                    return 0;
                }

                if (!(value > exclusiveMinimum && value < exclusiveMaximum))
                {
                    result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} = {text} is out of range; valid range: {range}."));
                    return 0;
                }

                return value;
            },
        };
    }

    private static void WriteJson(TextWriter writer, string path, LossObservations observations, List<ScalingLawFit> fits, FitOptions options) =>
        Output.Json(writer, json =>
        {
            json.WriteStartObject();
            json.WriteString("input", path);
            json.WriteNumber("points", observations.Count);
            json.WriteNumber("bootstrap", options.BootstrapReplicates);
            json.WriteNumber("seed", options.Seed);
            json.WriteNumber("confidence", options.ConfidenceLevel);
            json.WriteNumber("huber_delta", options.HuberDelta);
            json.WriteStartArray("fits");
            foreach (ScalingLawFit fit in fits)
            {
                json.WriteStartObject();
                json.WriteString("form", Name(fit.Form));
                json.WriteString("law", fit.Law.ToString());
                json.WriteStartObject("quantities");
                foreach (FittedQuantity q in fit.Quantities())
                {
                    json.WriteStartObject(q.Name);
                    json.Number("value", q.Value);
                    if (q.Interval is { } interval)
                    {
                        json.Number("lower", interval.Lower);
                        json.Number("upper", interval.Upper);
                    }
                    else
                    {
                        json.WriteNull("lower");
                        json.WriteNull("upper");
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
                WriteTheory(json, fit);
                FitDiagnostics d = fit.Diagnostics;
                json.WriteStartObject("diagnostics");
                json.WriteNumber("points", d.Points);
                json.WriteNumber("free_parameters", d.FreeParameters);
                json.Number("objective", d.Objective);
                json.Number("rms_log_residual", d.RootMeanSquareLogResidual);
                json.Number("max_abs_log_residual", d.MaximumAbsoluteLogResidual);
                json.WriteNumber("starts", d.Starts);
                json.WriteNumber("failed_replicates", d.FailedReplicates);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    private static void WriteTheory(Utf8JsonWriter json, ScalingLawFit fit)
    {
        json.WriteStartObject("theory");
        json.WriteString("data_exponent", "1 - d");
        json.WriteString("model_exponent", "(1 - d)/d");
        json.WriteString("relation", "alpha = beta/(1 - beta)");
        if (fit.Consistency is { } consistency)
        {
            if (consistency.IsConsistent is { } consistent)
            {
                json.WriteBoolean("consistent", consistent);
            }
            else
            {
                json.WriteNull("consistent");
            }
        }
        else if (fit.Form == ScalingLawForm.SyntaxKnowledge)
        {
            json.WriteString("consistent", "by construction");
        }
        else
        {
            json.WriteNull("consistent");
        }

        json.WriteEndObject();
    }

    private static void WriteCsv(TextWriter writer, List<ScalingLawFit> fits)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (ScalingLawFit fit in fits)
        {
            string name = Name(fit.Form);
            foreach (FittedQuantity q in fit.Quantities())
            {
                rows.Add([name, q.Name, Output.Format(q.Value), q.Interval is null ? string.Empty : Output.Format(q.Interval.Lower), q.Interval is null ? string.Empty : Output.Format(q.Interval.Upper)]);
            }

            if (fit.Consistency is { IsConsistent: { } consistent })
            {
                rows.Add([name, "consistent_with_theory", consistent ? "1" : "0", string.Empty, string.Empty]);
            }

            rows.Add([name, "objective", Output.Format(fit.Diagnostics.Objective), string.Empty, string.Empty]);
            rows.Add([name, "rms_log_residual", Output.Format(fit.Diagnostics.RootMeanSquareLogResidual), string.Empty, string.Empty]);
            rows.Add([name, "max_abs_log_residual", Output.Format(fit.Diagnostics.MaximumAbsoluteLogResidual), string.Empty, string.Empty]);
            rows.Add([name, "failed_replicates", fit.Diagnostics.FailedReplicates.ToString(CultureInfo.InvariantCulture), string.Empty, string.Empty]);
        }

        Output.Csv(writer, ["form", "quantity", "value", "lower", "upper"], rows);
    }

    private static void WriteTable(TextWriter writer, string path, List<ScalingLawFit> fits, FitOptions options)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        string level = options.ConfidenceLevel.ToString("P0", c).Replace(" ", string.Empty, StringComparison.Ordinal);
        foreach (ScalingLawFit fit in fits)
        {
            FitDiagnostics d = fit.Diagnostics;
            string title = string.Create(c, $"{Name(fit.Form)}: {path}, {d.Points} points, Huber delta = {options.HuberDelta:G3}, {options.BootstrapReplicates} bootstrap replicates (seed {options.Seed})");
            var rows = fit.Quantities().Select(q => (IReadOnlyList<string>)
            [
                q.Name, Symbols.GetValueOrDefault(q.Name, string.Empty), Output.Format(q.Value, 6),
                q.Interval is null ? "-" : Output.Format(q.Interval.Lower, 6), q.Interval is null ? "-" : Output.Format(q.Interval.Upper, 6),
            ]);
            Output.Table(writer, ["quantity", "formula", "value", $"{level} lower", $"{level} upper"], rows, title);
            writer.WriteLine(string.Create(c, $"  fitted law: {fit.Law}"));
            writer.WriteLine(string.Create(c, $"  residuals: rms log = {d.RootMeanSquareLogResidual:G3}, max |log| = {d.MaximumAbsoluteLogResidual:G3}, objective = {d.Objective:G4}, failed replicates = {d.FailedReplicates}"));
            if (fit.DiscountFromData is { } fromData)
            {
                writer.WriteLine(string.Create(c, $"  implied discount from the data exponent:  d = 1 - beta      = {Describe(fromData)}"));
            }

            if (fit.DiscountFromModel is { } fromModel)
            {
                writer.WriteLine(string.Create(c, $"  implied discount from the model exponent: d = 1/(1 + alpha) = {Describe(fromModel)}"));
            }

            if (fit.Consistency is { } consistency)
            {
                writer.WriteLine(string.Create(c, $"  theory (one discount d): alpha = beta/(1 - beta) predicts alpha = {Describe(consistency.PredictedModelExponent)}; fitted alpha = {Describe(fit.ModelExponent!)}"));
                string verdict = consistency.IsConsistent switch
                {
                    true => $"consistent with the theory ({level} interval of d_data - d_model contains 0)",
                    false => $"NOT consistent with the theory ({level} interval of d_data - d_model excludes 0)",
                    null => "no verdict without a bootstrap (use --bootstrap B)",
                };
                writer.WriteLine(string.Create(c, $"  d_data - d_model = {Describe(consistency.Difference)}: {verdict}"));
            }
            else if (fit.Form == ScalingLawForm.SyntaxKnowledge)
            {
                writer.WriteLine("  theory: this form imposes alpha = (1 - d)/d and beta = 1 - d, so d_data = d_model by construction; compare its residuals with the chinchilla fit.");
            }

            if (fit.ComputeOptimal is { } optimal)
            {
                writer.WriteLine(string.Create(c, $"  compute-optimal split for F = N*D: N_opt ~ F^{Describe(optimal.ParametersExponent)}, D_opt ~ F^{Describe(optimal.TokensExponent)}"));
            }

            writer.WriteLine();
        }
    }

    private static string Describe(FittedQuantity q) => q.Interval is null
        ? Output.Format(q.Value, 4)
        : string.Create(CultureInfo.InvariantCulture, $"{Output.Format(q.Value, 4)} [{Output.Format(q.Interval.Lower, 4)}, {Output.Format(q.Interval.Upper, 4)}]");

    /// <summary>Moves a Spectre progress task forward from any thread; reports may arrive out of order.</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<double>
    {
        private readonly Lock _gate = new();
        private double _value;

        public void Report(double value)
        {
            lock (_gate)
            {
                if (value > _value)
                {
                    _value = value;
                    task.Value = value;
                }
            }
        }
    }
}
