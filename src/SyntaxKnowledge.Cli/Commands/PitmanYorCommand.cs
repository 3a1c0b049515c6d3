using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>
/// skm pitman-yor &lt;quantity&gt;: exact and asymptotic Pitman–Yor quantities (THEORY.md §1).
/// The JSON form is a contract: {"quantity", "discount", "concentration", "exact", "approx", "asymptotic"}.
/// </summary>
internal static class PitmanYorCommand
{
    /// <summary>The largest n for exact scalar quantities (their rationals have O(n log n) digits).</summary>
    public const int MaximumDraws = 100_000;

    /// <summary>The largest n for the exact law of Kₙ (O(n²) work).</summary>
    public const int MaximumDistributionDraws = 10_000;

    private static readonly string[] Quantities =
    [
        "expected-distinct", "distinct-variance", "distinct-distribution", "new-probability",
        "expected-singletons", "uncovered-mass", "acquired-mass", "entropy",
    ];

    public static Command Create(bool interactive)
    {
        var quantity = new Argument<string>("quantity")
        {
            Description = "What to compute: " + string.Join(", ", Quantities) + ".",
        };
        quantity.AcceptOnlyFromAmong(Quantities);
        Option<Rational> discount = CliOptions.Discount();
        Option<Rational> concentration = CliOptions.Concentration();
        Option<int> draws = CliOptions.Integer("--n", "Number of draws n (tokens of knowledge seen).", 1, MaximumDraws);
        Option<int> stored = CliOptions.Integer("--stored", "Number of stored elements C (uncovered-mass).", 1, MaximumDraws);
        Option<int> exposures = CliOptions.Integer("--exposures", "Exposures r needed to acquire an element (acquired-mass).", 1, MaximumDraws);
        Option<string> format = CliOptions.Format("json", "table");

        var command = new Command("pitman-yor", "Exact (p/q) and asymptotic Pitman-Yor quantities: Heaps' law, unseen mass, Zipf coverage, acquisition.")
        {
            quantity, discount, concentration, draws, stored, exposures, format,
        };
        var optionNames = new Dictionary<string, string>
        {
            ["discount"] = "--discount", ["concentration"] = "--concentration", ["draws"] = "--n",
            ["stored"] = "--stored", ["exposures"] = "--exposures",
        };

        Cli.SetAction(command, interactive, optionNames, (parse, context) =>
        {
            var p = PitmanYorParameters.Create(parse.GetValue(discount), parse.GetValue(concentration));
            string what = parse.GetValue(quantity)!;
            RejectUnused(parse, what, draws, stored, exposures);
            int Required(Option<int> option)
            {
                if (parse.GetResult(option) is null)
                {
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{option.Name} is required for {what}."));
                }

                return parse.GetValue(option);
            }

            Result result = what switch
            {
                "expected-distinct" => Scalar(ExpectedDistinct.Exact(p, Required(draws)), ExpectedDistinct.Asymptotic(p, Required(draws))),
                "distinct-variance" => Scalar(DistinctVariance.Exact(p, Required(draws)), DistinctVariance.Asymptotic(p, Required(draws))),
                "new-probability" => Scalar(NewProbability.Exact(p, Required(draws)), NewProbability.Asymptotic(p, Required(draws))),
                "expected-singletons" => Scalar(ExpectedBlocks.SingletonsExact(p, Required(draws)), ExpectedBlocks.Asymptotic(p, Required(draws), 1)),
                "uncovered-mass" => Scalar(UncoveredMass.Exact(p, Required(stored)), UncoveredMass.Asymptotic(p, Required(stored))),
                "acquired-mass" => Scalar(AcquiredMass.Exact(p, Required(draws), Required(exposures)), AcquiredMass.Asymptotic(p, Required(draws), Required(exposures))),
                "entropy" => new Result(null, [], ExpectedEntropy.Approximate(p), ExpectedEntropy.Approximate(p)),
                _ => Distribution(p, Required(draws), context.CancellationToken),
            };

            if (parse.GetValue(format) == "table")
            {
                WriteTable(context.Output, what, p, result);
            }
            else
            {
                WriteJson(context.Output, what, p, result, parse.GetResult(draws) is null ? null : parse.GetValue(draws), parse.GetResult(stored) is null ? null : parse.GetValue(stored), parse.GetResult(exposures) is null ? null : parse.GetValue(exposures));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Refuses an option the quantity does not use (a silently ignored --stored reads as if it had an effect).</summary>
    private static void RejectUnused(ParseResult parse, string quantity, params Option[] options)
    {
        string[] used = quantity switch
        {
            "uncovered-mass" => ["--stored"],
            "acquired-mass" => ["--n", "--exposures"],
            "entropy" => [],
            _ => ["--n"],
        };
        foreach (Option option in options)
        {
            if (parse.GetResult(option) is { Implicit: false } && !used.Contains(option.Name, StringComparer.Ordinal))
            {
                string valid = used.Length == 0 ? "none (entropy depends on --discount and --concentration only)" : string.Join(", ", used);
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{option.Name}: {quantity} does not use this option; valid options for {quantity}: {valid}."));
            }
        }
    }

    private static Result Scalar(Rational exact, double asymptotic) => new(exact, [], exact.ToDouble(), asymptotic);

    private static Result Distribution(PitmanYorParameters p, int n, CancellationToken cancellationToken)
    {
        if (n > MaximumDistributionDraws)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--n = {n} is out of range for distinct-distribution; valid range: 1 <= n <= {MaximumDistributionDraws}."));
        }

        return new Result(null, DistinctDistribution.Exact(p, n, cancellationToken), double.NaN, double.NaN);
    }

    private static void WriteJson(TextWriter writer, string quantity, PitmanYorParameters p, Result result, int? n, int? stored, int? exposures) =>
        Output.Json(writer, json =>
        {
            json.WriteStartObject();
            json.WriteString("quantity", quantity);
            json.Exact("discount", p.Discount);
            json.Exact("concentration", p.Concentration);
            if (n is { } nn)
            {
                json.WriteNumber("n", nn);
            }

            if (stored is { } c)
            {
                json.WriteNumber("stored", c);
            }

            if (exposures is { } r)
            {
                json.WriteNumber("exposures", r);
            }

            if (result.Exact is { } exact)
            {
                json.Exact("exact", exact);
                json.Number("approx", result.Approx);
                json.Number("asymptotic", result.Asymptotic);
            }
            else if (!result.Law.IsDefaultOrEmpty)
            {
                json.WriteStartArray("exact");
                foreach (Rational value in result.Law)
                {
                    json.WriteStringValue(value.ToString());
                }

                json.WriteEndArray();
                json.WriteStartArray("approx");
                foreach (Rational value in result.Law)
                {
                    json.WriteNumberValue(value.ToDouble());
                }

                json.WriteEndArray();
                json.WriteNull("asymptotic");
            }
            else
            {
                json.Number("approx", result.Approx);
                json.Number("asymptotic", result.Asymptotic);
            }

            json.WriteEndObject();
        });

    private static void WriteTable(TextWriter writer, string quantity, PitmanYorParameters p, Result result)
    {
        string title = string.Create(CultureInfo.InvariantCulture, $"{quantity}, discount = {p.Discount}, concentration = {p.Concentration}");
        if (!result.Law.IsDefaultOrEmpty)
        {
            Output.Table(writer, ["k", "P(K_n = k) exact", "approx"], result.Law.Select((v, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), Abbreviate(v), Output.Format(v.ToDouble(), 12)]), title);
            return;
        }

        var rows = new List<IReadOnlyList<string>>();
        if (result.Exact is { } exact)
        {
            rows.Add(["exact", Abbreviate(exact)]);
        }

        rows.Add(["approx", Output.Format(result.Approx, 15)]);
        rows.Add(["asymptotic", Output.Format(result.Asymptotic, 15)]);
        if (result.Exact is not null && result.Approx != 0)
        {
            rows.Add(["asymptotic / exact", Output.Format(result.Asymptotic / result.Approx, 8)]);
        }

        Output.Table(writer, ["form", "value"], rows, title);
    }

    private static string Abbreviate(Rational value)
    {
        string text = value.ToString();
        return text.Length <= 60 ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..25]}...({text.Length} chars; use --format json)");
    }

    private sealed record Result(Rational? Exact, ImmutableArray<Rational> Law, double Approx, double Asymptotic);
}
