using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Numerics;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>
/// skm pitman-yor &lt;quantity&gt;: exact and asymptotic Pitman–Yor quantities (docs/03-formulas/pitman-yor.md#pitmanyor-quantities).
/// The JSON form is a contract: {"quantity", "discount", "concentration", "exact", "approx", "asymptotic",
/// "asymptotic_regime"}; when the exact value is beyond its cost bound, "exact" is null and "exact_omitted" says why.
/// </summary>
internal static class PitmanYorCommand
{
    /// <summary>The largest n (and C) accepted: the double-precision evaluators are tested to this size.</summary>
    public const long MaximumDraws = 1_000_000_000_000_000;

    /// <summary>
    /// The largest exact value printed, in estimated bits (<see cref="ExactLimits.EstimatedBits"/>): about 180,000 decimal
    /// digits, under a second to compute and print (decimal conversion is quadratic). Beyond it, or beyond the library's
    /// own cost bound, "exact" is null with "exact_omitted".
    /// </summary>
    public const double MaximumPrintedBits = 600_000;

    /// <summary>The largest r accepted by acquired-mass.</summary>
    public const int MaximumExposures = 100_000;

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
        Option<long> draws = Count("--n", "Number of draws n (tokens of knowledge seen); e-notation such as 1e6 is accepted.");
        Option<long> stored = Count("--stored", "Number of stored elements C (uncovered-mass); e-notation such as 1e6 is accepted.");
        Option<int> exposures = CliOptions.Integer("--exposures", "Exposures r needed to acquire an element (acquired-mass).", 1, MaximumExposures);
        Option<string> format = CliOptions.Format("json", "table");

        var command = new Command("pitman-yor", "Exact (p/q), double-precision and asymptotic Pitman-Yor quantities: Heaps' law, unseen mass, Zipf coverage, acquisition. The exact value is computed below its cost bound (docs/03-formulas/pitman-yor.md), the double value up to n = 1e15.")
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
            T Required<T>(Option<T> option)
            {
                if (parse.GetResult(option) is null)
                {
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{option.Name} is required for {what}."));
                }

                return parse.GetValue(option)!;
            }

            Result result = what switch
            {
                "expected-distinct" => Scalar(p, Required(draws), "--n", n => ExpectedDistinct.Exact(p, n), n => ExpectedDistinct.Approximate(p, n), n => ExpectedDistinct.Asymptotic(p, n), n => AsymptoticRegime.ExpectedDistinct(p, n)),
                "distinct-variance" => Scalar(p, Required(draws), "--n", n => DistinctVariance.Exact(p, n), n => p.IsDirichlet ? DistinctVariance.Asymptotic(p, n) : null, n => DistinctVariance.Asymptotic(p, n), n => AsymptoticRegime.DistinctVariance(p, n)),
                "new-probability" => Scalar(p, Required(draws), "--n", n => NewProbability.Exact(p, n), n => NewProbability.Approximate(p, n), n => NewProbability.Asymptotic(p, n), n => AsymptoticRegime.NewProbability(p, n)),
                "expected-singletons" => Scalar(p, Required(draws), "--n", n => ExpectedBlocks.SingletonsExact(p, n), n => ExpectedBlocks.SingletonsApproximate(p, n), n => ExpectedBlocks.Asymptotic(p, n, 1), n => AsymptoticRegime.Singletons(p, n)),
                "uncovered-mass" => Scalar(p, Required(stored), "--stored", c => UncoveredMass.Exact(p, c), c => UncoveredMass.Approximate(p, c), c => UncoveredMass.Asymptotic(p, c), c => AsymptoticRegime.UncoveredMass(p, c), p.IsDirichlet ? 8 * ExactLimits.MaximumBits : ExactLimits.MaximumBits),
                "acquired-mass" => AcquiredScalar(p, Required(draws), Required(exposures)),
                "entropy" => new Result(null, null, [], ExpectedEntropy.Approximate(p), ExpectedEntropy.Approximate(p), null),
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

    /// <summary>
    /// A count option 1 ≤ value ≤ 10¹⁵ that accepts integers in e-notation (1e6, 2.5e3); values beyond the range, however
    /// written, are "out of range", and only non-numbers and non-integers are "not an integer".
    /// </summary>
    private static Option<long> Count(string name, string description)
    {
        string range = string.Create(CultureInfo.InvariantCulture, $"1 <= {name} <= 1e15");
        return new Option<long>(name)
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"{description} Range: {range}."),
            HelpName = "int",
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                string echo = ErrorText.Cut(text);
                string cleaned = text.Replace("_", string.Empty, StringComparison.Ordinal);
                if (!TryParseCount(cleaned, out BigInteger value))
                {
                    result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: '{echo}' is not an integer; valid range: {range} (e-notation such as 1e6 is accepted)."));
                    return 0;
                }

                if (value < 1 || value > MaximumDraws)
                {
                    result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} = {echo} is out of range; valid range: {range}."));
                    return 0;
                }

                return (long)value;
            },
        };
    }

    /// <summary>Parses an integer written plainly or in e-notation (mantissa with optional fraction, integral value).</summary>
    internal static bool TryParseCount(string text, out BigInteger value)
    {
        value = BigInteger.Zero;
        if (text.Length == 0 || text.Length > 400)
        {
            return false;
        }

        if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        int e = text.IndexOfAny(['e', 'E']);
        if (e <= 0 || !int.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int exponent) || Math.Abs(exponent) > 400)
        {
            return false;
        }

        if (!Rational.TryParse(text[..e], CultureInfo.InvariantCulture, out Rational mantissa) || text[..e].Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        Rational scaled = exponent >= 0 ? mantissa * BigInteger.Pow(10, exponent) : mantissa / BigInteger.Pow(10, -exponent);
        if (!scaled.IsInteger)
        {
            return false;
        }

        value = scaled.Numerator;
        return true;
    }

    private static Result Scalar(
        PitmanYorParameters p,
        long count,
        string option,
        Func<int, Rational> exact,
        Func<double, double?> approximate,
        Func<double, double> asymptotic,
        Func<double, bool> regime,
        double limitBits = ExactLimits.MaximumBits)
    {
        (Rational? value, string? omitted) = TryExact(p, count, option, exact, limitBits);
        double? approx = value is { } v ? v.ToDouble() : approximate(count);
        return new Result(value, omitted, [], approx, asymptotic(count), regime(count));
    }

    private static Result AcquiredScalar(PitmanYorParameters p, long n, int r)
    {
        (Rational? value, string? omitted) = TryExact(p, n, "--n", k => AcquiredMass.Exact(p, k, r), ExactLimits.MaximumBits);
        double approx = value is { } v ? v.ToDouble() : AcquiredMass.Approximate(p, n, r);
        return new Result(value, omitted, [], approx, AcquiredMass.Asymptotic(p, n, r), AsymptoticRegime.AcquiredMass(p, n, r));
    }

    // The exact value when its cost bound allows it; otherwise the reason it is omitted.
    private static (Rational? Value, string? Omitted) TryExact(PitmanYorParameters p, long count, string option, Func<int, Rational> exact, double limitBits)
    {
        limitBits = Math.Min(limitBits, MaximumPrintedBits);
        long largest = ExactLimits.LargestCount(p, limitBits);
        string Reason() => string.Create(
            CultureInfo.InvariantCulture,
            $"{option} = {count} is beyond the exact cost bound (the exact value needs about {ExactLimits.EstimatedBits(p, count):G3} bits; the bound is {limitBits:G3} bits, {option} <= {largest} at these parameters); approx is the double-precision value");
        if (count > largest)
        {
            return (null, Reason());
        }

        try
        {
            return (exact((int)count), null);
        }
        catch (ArgumentOutOfRangeException)
        {
            return (null, Reason());
        }
    }

    private static Result Distribution(PitmanYorParameters p, long n, CancellationToken cancellationToken)
    {
        // The exact law costs n² · bits(n) (ExactLimits.MaximumDistributionWork); it has no double-precision form.
        long low = 1, high = 1_000_000;
        while (low < high)
        {
            long middle = low + ((high - low + 1) / 2);
            if ((double)middle * middle * ExactLimits.EstimatedBits(p, middle) <= ExactLimits.MaximumDistributionWork)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (n > low)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--n = {n} is out of range for distinct-distribution (an exact law, cost n^2 x bits); valid range at these parameters: 1 <= --n <= {low}."));
        }

        return new Result(null, null, DistinctDistribution.Exact(p, (int)n, cancellationToken), null, double.NaN, null);
    }

    private static void WriteJson(TextWriter writer, string quantity, PitmanYorParameters p, Result result, long? n, long? stored, int? exposures) =>
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

            if (!result.Law.IsDefaultOrEmpty)
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
                json.WriteEndObject();
                return;
            }

            if (result.Exact is { } exact)
            {
                json.Exact("exact", exact);
            }
            else if (result.ExactOmitted is { } reason)
            {
                json.WriteNull("exact");
                json.WriteString("exact_omitted", reason);
            }

            if (result.Approx is { } approx)
            {
                json.Number("approx", approx);
            }
            else
            {
                json.WriteNull("approx");
            }

            json.Number("asymptotic", result.Asymptotic);
            if (result.Regime is { } regime)
            {
                json.WriteBoolean("asymptotic_regime", regime);
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
        else if (result.ExactOmitted is { } reason)
        {
            rows.Add(["exact", "omitted: " + reason]);
        }

        rows.Add(["approx", result.Approx is { } a ? Output.Format(a, 15) : "not available (no double-precision evaluator)"]);
        rows.Add(["asymptotic", Output.Format(result.Asymptotic, 15)]);
        if (result.Regime is { } regime)
        {
            rows.Add(["asymptotic regime", regime ? "yes (within 10 % of the accurate value)" : "NO: the leading-order form is outside its regime here"]);
        }

        if (result.Approx is { } approxValue && approxValue != 0 && result.Regime is not null)
        {
            rows.Add([result.Exact is null ? "asymptotic / approx" : "asymptotic / exact", Output.Format(result.Asymptotic / approxValue, 8)]);
        }

        Output.Table(writer, ["form", "value"], rows, title);
    }

    private static string Abbreviate(Rational value)
    {
        string text = value.ToString();
        return text.Length <= 60 ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..25]}...({text.Length} chars; use --format json)");
    }

    private sealed record Result(Rational? Exact, string? ExactOmitted, ImmutableArray<Rational> Law, double? Approx, double Asymptotic, bool? Regime);
}
