using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SyntaxKnowledge.Laws.Peers;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>
/// skm compare: the Syntax-Knowledge theory and its peers (Hutter, quantization, Santa Fe, Chinchilla) side by side
/// for one PY(d, θ): exponents, implied discounts, compute split, predictions, mapping, Chinchilla allocations, and
/// optionally every law evaluated on a grid (for plots).
/// </summary>
internal static class CompareCommand
{
    private static readonly Rational DefaultCompute = Rational.Parse("5.76e23");

    public static Command Create(bool interactive)
    {
        var model = new ModelOptions();
        Option<Rational> compute = CliOptions.Rational("--compute", "Training compute C in FLOPs for the Chinchilla allocations N* = G (C/6)^a (default 5.76e23, the Chinchilla/Gopher budget).", DefaultCompute);
        Option<string?> grid = new("--grid")
        {
            Description = "Comma-separated scales x > 1 at which to evaluate every theory's data and model law (each in its own units); with --format csv the curve points replace the rows.",
            HelpName = "x,x,...",
        };
        Option<string> format = CliOptions.Format("json", "csv", "table");
        var command = new Command("compare", "Compare the Syntax-Knowledge theory with Hutter (2021), Michaud et al. (2023), Debowski's Santa Fe process and Chinchilla (Hoffmann et al. 2022; Besiroglu et al. 2024) for the same PY(d, theta).")
        {
            compute, grid, format,
        };
        foreach (Option o in model.All)
        {
            command.Options.Add(o);
        }

        var optionNames = new Dictionary<string, string>(ModelOptions.OptionNames.ToDictionary(p => p.Key, p => p.Value)) { ["compute"] = "--compute" };
        Cli.SetAction(command, interactive, optionNames, (parse, context) =>
        {
            SyntaxKnowledgeModel m = model.Build(parse);
            Rational flops = parse.GetValue(compute);
            if (flops.Sign <= 0 || flops > Rational.Parse("1e40"))
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--compute = {flops.ToDouble():G6} is out of range; valid range: 0 < compute <= 1e40 FLOPs."));
            }

            double[] scales = ParseScales(parse.GetValue(grid));
            ComparisonTable table = Comparison.For(m);
            CurvePoint[] curves = scales.Length == 0 ? [] : [.. table.Curves(scales)];
            Write(context.Output, parse.GetValue(format)!, table, flops.ToDouble(), curves);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static double[] ParseScales(string? text)
    {
        if (text is null)
        {
            return [];
        }

        var values = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !(x > 1) || x > 1e15)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--grid: '{part}' is not valid; valid values: numbers 1 < x <= 1e15, comma-separated."));
            }

            values.Add(x);
        }

        if (values.Count == 0)
        {
            throw new CliInputException("--grid: no values; valid form: comma-separated numbers such as 10,1e3,1e5.");
        }

        return [.. values.Distinct().Order()];
    }

    private static string Text(ExponentValue? value) => value?.Text ?? string.Empty;

    private static void Write(TextWriter writer, string format, ComparisonTable table, double flops, CurvePoint[] curves)
    {
        string[] header =
        [
            "theory", "data_exponent", "model_exponent", "discount_from_data", "discount_from_model", "model_share", "data_share",
            "hallucination_data_exponent", "hallucination_model_exponent", "acquisition", "hallucination", "mapping", "citation",
        ];
        IEnumerable<IReadOnlyList<string>> Rows() => table.Rows.Select(r => (IReadOnlyList<string>)
        [
            r.Theory, r.DataExponent.Text, Text(r.ModelExponent), Text(r.DiscountFromData), Text(r.DiscountFromModel),
            Text(r.ComputeOptimal?.ModelShare), Text(r.ComputeOptimal?.DataShare),
            Text(r.Predictions.HallucinationDataExponent), Text(r.Predictions.HallucinationModelExponent),
            r.Predictions.Acquisition, r.Predictions.Hallucination, r.Mapping, r.Citation,
        ]);
        switch (format)
        {
            case "csv":
                if (curves.Length > 0)
                {
                    Output.Csv(writer, ["theory", "law", "variable", "x", "value"], curves.Select(c => (IReadOnlyList<string>)
                        [c.Theory, c.Law, c.Variable, Output.Format(c.Scale), Output.Format(c.Value)]));
                }
                else
                {
                    Output.Csv(writer, header, Rows());
                }

                break;
            case "table":
                WriteTable(writer, table, flops, curves, Rows());
                break;
            default:
                Output.Json(writer, json => WriteJson(json, table, flops, curves));
                break;
        }
    }

    private static void WriteTable(TextWriter writer, ComparisonTable table, double flops, CurvePoint[] curves, IEnumerable<IReadOnlyList<string>> rows)
    {
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Theories compared for PY(d = {table.Discount}, theta = {table.Concentration}); exponents exact (p/q) where rational."));
        Output.Table(writer, ["theory", "data exp", "model exp", "d (data)", "d (model)", "model share", "data share"], rows.Select(r => (IReadOnlyList<string>)[.. r.Take(7)]));
        Output.Table(writer, ["theory", "acquisition", "hallucination"], table.Rows.Select(r => (IReadOnlyList<string>)[r.Theory, r.Predictions.Acquisition, r.Predictions.Hallucination]), "predictions");
        Output.Table(writer, ["theory", "parameter mapping"], table.Rows.Select(r => (IReadOnlyList<string>)[r.Theory, r.Mapping]), "mapping to PY(d, theta)");
        Output.Table(writer, ["constants", "E", "A", "alpha", "B", "beta", "a = beta/(alpha+beta)", "N*", "D*", "D*/N*"],
            ChinchillaConstants.Published.Select(k => Allocation(k, flops)).Select(a => (IReadOnlyList<string>)
                [a.Constants.Name, Output.Format(a.Constants.Irreducible.ToDouble()), Output.Format(a.Constants.ModelCoefficient.ToDouble()), Output.Format(a.Constants.ModelExponent.ToDouble()),
                 Output.Format(a.Constants.DataCoefficient.ToDouble()), Output.Format(a.Constants.DataExponent.ToDouble()), a.Constants.ParametersShare.ToString(),
                 Output.Format(a.Parameters, 6), Output.Format(a.Tokens, 6), Output.Format(a.Tokens / a.Parameters, 6)]),
            string.Create(CultureInfo.InvariantCulture, $"Chinchilla compute-optimal allocation at C = {flops:G6} FLOPs"));
        if (curves.Length > 0)
        {
            Output.Table(writer, ["theory", "law", "variable", "x", "value"], curves.Select(c => (IReadOnlyList<string>)
                [c.Theory, c.Law, c.Variable, Output.Format(c.Scale, 6), Output.Format(c.Value, 8)]), "laws on the grid");
        }

        foreach (string note in table.Notes)
        {
            writer.WriteLine("  note: " + note);
        }

    }

    private static void WriteJson(Utf8JsonWriter json, ComparisonTable table, double flops, CurvePoint[] curves)
    {
        json.WriteStartObject();
        json.Exact("discount", table.Discount);
        json.Exact("concentration", table.Concentration);
        json.WriteStartArray("theories");
        foreach (ComparisonRow r in table.Rows)
        {
            json.WriteStartObject();
            json.WriteString("name", r.Theory);
            json.WriteString("title", r.Title);
            json.WriteString("citation", r.Citation);
            Exponent(json, "data_exponent", r.DataExponent);
            Exponent(json, "model_exponent", r.ModelExponent);
            Exponent(json, "discount_from_data", r.DiscountFromData);
            Exponent(json, "discount_from_model", r.DiscountFromModel);
            if (r.ComputeOptimal is { } split)
            {
                json.WriteStartObject("compute_optimal");
                Exponent(json, "model_share", split.ModelShare);
                Exponent(json, "data_share", split.DataShare);
                if (split.Prefactor is { } g)
                {
                    json.Number("prefactor", g);
                }
                else
                {
                    json.WriteNull("prefactor");
                }

                json.Number("compute_per_product", split.ComputePerProduct);
                json.WriteString("model_variable", split.ModelVariable);
                json.WriteString("data_variable", split.DataVariable);
                json.WriteString("derivation", split.Description);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("compute_optimal");
            }

            json.WriteString("acquisition", r.Predictions.Acquisition);
            json.WriteString("hallucination", r.Predictions.Hallucination);
            Exponent(json, "hallucination_data_exponent", r.Predictions.HallucinationDataExponent);
            Exponent(json, "hallucination_model_exponent", r.Predictions.HallucinationModelExponent);
            json.WriteString("mapping", r.Mapping);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.Number("compute_flops", flops);
        json.WriteStartArray("chinchilla");
        foreach ((ChinchillaConstants k, double n, double d) in ChinchillaConstants.Published.Select(k => Allocation(k, flops)))
        {
            json.WriteStartObject();
            json.WriteString("constants", k.Name);
            json.WriteString("source", k.Source);
            json.Exact("E", k.Irreducible);
            json.Exact("A", k.ModelCoefficient);
            json.Exact("alpha", k.ModelExponent);
            json.Exact("B", k.DataCoefficient);
            json.Exact("beta", k.DataExponent);
            json.Exact("parameters_share", k.ParametersShare);
            json.Exact("tokens_share", k.TokensShare);
            json.Number("prefactor", k.Prefactor);
            json.Number("parameters", n);
            json.Number("tokens", d);
            json.Number("tokens_per_parameter", d / n);
            json.Number("loss", k.Loss(n, d));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (curves.Length > 0)
        {
            json.WriteStartArray("curves");
            foreach (CurvePoint c in curves)
            {
                json.WriteStartObject();
                json.WriteString("theory", c.Theory);
                json.WriteString("law", c.Law);
                json.WriteString("variable", c.Variable);
                json.Number("x", c.Scale);
                json.Number("value", c.Value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartArray("notes");
        foreach (string note in table.Notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static (ChinchillaConstants Constants, double Parameters, double Tokens) Allocation(ChinchillaConstants k, double flops)
    {
        (double n, double d) = k.ComputeOptimal(flops);
        return (k, n, d);
    }

    // An exponent as "p/q" (or a number when not rational) with its double value, or null.
    private static void Exponent(Utf8JsonWriter json, string name, ExponentValue? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
            json.WriteNull(name + "_value");
            return;
        }

        if (value.Exact is { } exact)
        {
            json.Exact(name, exact);
        }
        else
        {
            json.Number(name, value.Value);
        }

        json.Number(name + "_value", value.Value);
    }
}
