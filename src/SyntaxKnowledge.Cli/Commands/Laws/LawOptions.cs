using System.CommandLine;
using System.Globalization;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Commands.Laws;

/// <summary>Options and parsers shared by the capacity, compute, acquisition and hallucination laws.</summary>
internal static class LawOptions
{
    private static readonly string[] LearnerNames = ["first-appearance", "top-frequency", "top-counts", "mdl"];

    /// <summary>The --learner option (first-appearance, top-frequency, top-counts, mdl).</summary>
    public static Option<string> Learner(string defaultValue, string description)
    {
        var option = new Option<string>("--learner")
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
        };
        option.AcceptOnlyFromAmong(LearnerNames);
        return option;
    }

    /// <summary>Maps a --learner value to the library's learner.</summary>
    public static CapacityLearner ParseLearner(string? text) => text switch
    {
        "top-frequency" => CapacityLearner.TopFrequency,
        "top-counts" => CapacityLearner.TopCounts,
        "mdl" => CapacityLearner.Mdl,
        _ => CapacityLearner.FirstAppearance,
    };

    /// <summary>The --learner value of a learner (the inverse of <see cref="ParseLearner"/>).</summary>
    public static string LearnerName(CapacityLearner learner) => learner switch
    {
        CapacityLearner.TopFrequency => "top-frequency",
        CapacityLearner.TopCounts => "top-counts",
        CapacityLearner.Mdl => "mdl",
        _ => "first-appearance",
    };

    /// <summary>The --replicates option (0: no simulation).</summary>
    public static Option<int> Replicates(string what, int defaultValue = 0) =>
        CliOptions.Integer("--replicates", "Monte Carlo replicates of " + what + " (0: no simulation).", 0, 10_000_000, defaultValue: defaultValue);

    /// <summary>Rejects a replicate count of one (a standard error needs two).</summary>
    public static void CheckReplicates(int replicates)
    {
        if (replicates == 1)
        {
            throw new CliInputException("--replicates = 1 is out of range; valid range: 0 (no simulation) or replicates >= 2.");
        }
    }

    /// <summary>Parses a comma-separated grid of positive reals such as "1e6,1e9" (ascending, distinct).</summary>
    public static double[] ParseReals(string? text, string option, double[] fallback, double minimum, double maximum)
    {
        if (text is null)
        {
            return fallback;
        }

        var values = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v >= minimum) || !(v <= maximum))
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{option}: '{part}' is not valid; valid values: numbers {minimum:G} <= x <= {maximum:G}, comma-separated."));
            }

            values.Add(v);
        }

        if (values.Count == 0)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{option}: no values; valid form: comma-separated numbers such as 1e6,1e9."));
        }

        return [.. values.Distinct().Order()];
    }

    /// <summary>Writes an exact rational as a "p/q" string when it is short enough to be useful (at most 60 characters).</summary>
    public static void ExactIfShort(System.Text.Json.Utf8JsonWriter json, string name, Rational value)
    {
        string text = value.ToString();
        if (text.Length <= 60)
        {
            json.WriteString(name, text);
        }
    }

    /// <summary>Writes a Monte Carlo estimate as value, standard error and replicates.</summary>
    public static void Estimate(System.Text.Json.Utf8JsonWriter json, string prefix, MonteCarloEstimate? estimate)
    {
        if (estimate is null)
        {
            return;
        }

        json.Number(prefix, estimate.Mean);
        json.Number(prefix + "_standard_error", estimate.StandardError);
        json.WriteNumber("replicates", estimate.Replicates);
    }

    /// <summary>Formats an optional estimate's mean for tables and CSV.</summary>
    public static string Cell(MonteCarloEstimate? estimate, int digits) => estimate is null ? string.Empty : Output.Format(estimate.Mean, digits);

    /// <summary>Formats an optional estimate's standard error for tables and CSV.</summary>
    public static string ErrorCell(MonteCarloEstimate? estimate) => estimate is null ? string.Empty : Output.Format(estimate.StandardError, 3);
}
