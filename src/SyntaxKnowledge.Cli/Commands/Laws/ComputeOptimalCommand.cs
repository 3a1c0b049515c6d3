using System.CommandLine;
using System.Globalization;
using SyntaxKnowledge.Cli.Plots.Charts;
using SyntaxKnowledge.Cli.Plots.Data;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Cli.Commands.Laws;

/// <summary>skm laws compute-optimal: the split of compute F = k N C between data and capacity (docs/03-formulas/capacity-and-model-scaling.md#combined-law-and-compute-optimal-split).</summary>
internal static class ComputeOptimalCommand
{
    private static readonly double[] DefaultGrid = [1e6, 1e8, 1e10, 1e12];

    public static Command Create(bool interactive) => LawCommand.Laws(Define(), interactive);

    /// <summary>skm plot compute-optimal: the same options and computation, drawn.</summary>
    public static Command CreatePlot(bool interactive) => LawCommand.Plot(
        "compute-optimal",
        "Compute-optimal split: optimal sentences N* and stored entities C* vs compute F on log-log axes (exponents 1/(1+d) and d/(1+d)).",
        Define(),
        interactive);

    private static LawDefinition<ComputeOptimalData> Define()
    {
        var model = new ModelOptions();
        Option<string> learner = LawOptions.Learner("top-frequency", "Capacity learner whose constant B enters the law: first-appearance, top-frequency (default), top-counts or mdl.");
        Option<string?> grid = new("--grid") { Description = "Comma-separated compute budgets F (default 1e6,1e8,1e10,1e12).", HelpName = "F,F,..." };
        Option<Rational> perUnit = CliOptions.Rational("--compute-per-unit", "k in F = k N C: compute per (sentence x stored entity); default 1.", Rational.One);
        return new LawDefinition<ComputeOptimalData>(
            "compute-optimal",
            "Compute-optimal split: N* ~ F^(1/(1+d)), C* ~ F^(d/(1+d)), loss ~ F^-((1-d)/(1+d)), exponents exact, prefactors from the data and model laws.",
            [learner, grid, perUnit, .. model.All],
            ModelOptions.OptionNames,
            (parse, _) =>
            {
                SyntaxKnowledgeModel m = model.Build(parse);
                CapacityLearner kind = LawOptions.ParseLearner(parse.GetValue(learner));
                double[] computes = LawOptions.ParseReals(parse.GetValue(grid), "--grid", DefaultGrid, 1, 1e300);
                Rational k = parse.GetValue(perUnit);
                if (k.Sign <= 0)
                {
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--compute-per-unit = {k} is out of range; valid range: k > 0."));
                }

                return ComputeOptimalData.Compute(m, kind, computes, k);
            },
            (writer, format, data) => Write(writer, format, data.Parameters, data.Split, data.DataConstant, data.CapacityConstant, data.ComputePerUnit, data.Optima),
            Charts.ComputeOptimal);
    }

    private static void Write(TextWriter writer, string format, PitmanYorParameters p, ComputeOptimalSplit? split, double dataConstant, double capacityConstant, Rational k, ComputeOptimum[] optima)
    {
        string[] header = ["compute", "sentences", "stored", "loss", "asymptotic_regime"];
        IEnumerable<IReadOnlyList<string>> Cells(int digits) => optima.Select(o => (IReadOnlyList<string>)
            [Output.Format(o.Compute, digits), Output.Format(o.Data, digits), Output.Format(o.Capacity, digits), Output.Format(o.Loss, digits), o.AsymptoticRegime ? "true" : "false"]);
        switch (format)
        {
            case "csv":
                Output.Csv(writer, header, Cells(17));
                break;
            case "table":
                if (split is not null)
                {
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"N* = {split.DataPrefactor:G6} F^{split.DataExponent}, C* = {split.CapacityPrefactor:G6} F^{split.CapacityExponent}, loss = {split.LossPrefactor:G6} F^-{split.LossExponent} (A = {dataConstant:G6}, B = {capacityConstant:G6}, k = {k})"));
                }
                else
                {
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"d = 0: geometric capacity term, C* = ln(F B ln(1/q)/(A k))/ln(1/q), q = {p.Concentration / (p.Concentration + 1)} (A = {dataConstant:G6}, B = {capacityConstant:G6}, k = {k})"));
                }

                Output.Table(writer, header, Cells(6), "compute-optimal allocation of the two-term law A N^-(1-d) + B C^-((1-d)/d)");
                break;
            default:
                Output.Json(writer, json =>
                {
                    json.WriteStartObject();
                    json.WriteString("discount", p.Discount.ToString());
                    if (split is not null)
                    {
                        json.WriteString("data_exponent", split.DataExponent.ToString());
                        json.WriteString("capacity_exponent", split.CapacityExponent.ToString());
                        json.WriteString("loss_exponent", split.LossExponent.ToString());
                        json.Number("data_prefactor", split.DataPrefactor);
                        json.Number("capacity_prefactor", split.CapacityPrefactor);
                        json.Number("loss_prefactor", split.LossPrefactor);
                        json.WriteStartObject("loss_law");
                        LawsCommand.WriteLaw(json, split.LossLaw);
                        json.WriteEndObject();
                    }
                    else
                    {
                        json.WriteNull("data_exponent");
                        json.WriteNull("capacity_exponent");
                        json.WriteNull("loss_exponent");
                        json.WriteString("note", "d = 0: the capacity term decays geometrically, so C* grows like log F and there is no power-law split; the table gives the exact optimum of A/N + B q^C.");
                    }

                    json.Number("data_constant", dataConstant);
                    json.Number("capacity_constant", capacityConstant);
                    json.WriteString("compute_per_unit", k.ToString());
                    json.WriteStartArray("table");
                    foreach (ComputeOptimum o in optima)
                    {
                        json.WriteStartObject();
                        json.Number("compute", o.Compute);
                        json.Number("sentences", o.Data);
                        json.Number("stored", o.Capacity);
                        json.Number("loss", o.Loss);
                        json.WriteBoolean("asymptotic_regime", o.AsymptoticRegime);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                break;
        }
    }
}
