using System.CommandLine;
using System.Globalization;
using SyntaxKnowledge.Cli.Plots.Charts;
using SyntaxKnowledge.Cli.Plots.Data;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Cli.Commands.Laws;

/// <summary>skm laws model: the model scaling law (docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law) of a capacity-limited learner, exact/asymptotic/simulated.</summary>
internal static class ModelLawCommand
{
    private static readonly int[] DefaultGrid = [1, 3, 10, 30, 100];
    private static readonly int[] DefaultMdlGrid = [100, 1_000, 10_000];

    public static Command Create(bool interactive) => LawCommand.Laws(Define(replicates: 0), interactive);

    /// <summary>skm plot model-law: the same options and computation, drawn (simulated by default).</summary>
    public static Command CreatePlot(bool interactive) => LawCommand.Plot(
        "model-law",
        "Model scaling law: excess loss vs capacity C on log-log axes, exact and asymptotic law against simulated learners +/- 2 SE.",
        Define(replicates: 200),
        interactive);

    private static LawDefinition<ModelLawData> Define(int replicates)
    {
        var model = new ModelOptions();
        Option<string> learner = LawOptions.Learner("first-appearance", "Learner: first-appearance (first C entities met), top-frequency (C most frequent), top-counts (C highest running counts after --draws), mdl (stores an entity once its count reaches --exposures).");
        Option<string?> grid = new("--grid") { Description = "Comma-separated capacities C (default 1,3,10,30,100); for --learner mdl, numbers of sentences n (default 100,1000,10000).", HelpName = "x,x,..." };
        Option<int> draws = CliOptions.Integer("--draws", "Training sentences n for --learner top-counts (exact up to 40, simulated beyond).", 1, 10_000_000, defaultValue: 1_000);
        Option<int> exposures = CliOptions.Integer("--exposures", "MDL count threshold r (overridden by --storage-cost).", 1, 1_000_000, defaultValue: 1);
        Option<Rational?> storage = new("--storage-cost")
        {
            Description = "MDL storage cost of one entity in nats; the threshold is r = ceil(storage cost / miss cost).",
            HelpName = "p/q",
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (Rational.TryParse(text, CultureInfo.InvariantCulture, out Rational value) && value.Sign >= 0)
                {
                    return value;
                }

                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--storage-cost: '{text}' is not valid; valid values: a number >= 0 (nats), such as 30 or 61/2."));
                return null;
            },
        };
        Option<int> replicateCount = LawOptions.Replicates("the learner", replicates);
        Option<int> maxSticks = CliOptions.Integer("--max-sticks", "Stick-breaking truncation for top-frequency simulations (the bias bound T(M) is reported).", 1, 100_000_000, defaultValue: 100_000);
        Option<ulong> seed = CliOptions.Seed();
        return new LawDefinition<ModelLawData>(
            "model",
            "Model scaling law: excess loss of a learner that stores C entities, miss cost x uncovered mass ~ B C^-((1-d)/d), exponent exact.",
            [learner, grid, draws, exposures, storage, replicateCount, maxSticks, seed, .. model.All],
            ModelOptions.OptionNames,
            (parse, context) =>
            {
                SyntaxKnowledgeModel m = model.Build(parse);
                CapacityLearner kind = LawOptions.ParseLearner(parse.GetValue(learner));
                int r = parse.GetValue(replicateCount);
                LawOptions.CheckReplicates(r);
                MissCost cost = MissCost.FromModel(m);
                int threshold = parse.GetValue(storage) is { } s ? MdlLearner.Threshold(s.ToDouble(), cost.Total) : parse.GetValue(exposures);
                int[] points = LawsCommand.ParseGrid(parse.GetValue(grid), "--grid", kind == CapacityLearner.Mdl ? DefaultMdlGrid : DefaultGrid, kind == CapacityLearner.Mdl ? 20_000 : 1_000_000);
                if (kind == CapacityLearner.Mdl && m.Knowledge.IsDirichlet)
                {
                    throw new CliInputException("--learner mdl needs --discount > 0 (for d = 0 the stored set grows like log n and the law is not a power of C).");
                }

                return ProgressDisplay.Run(context, "model law", progress => ModelLawData.Compute(m, kind, points, parse.GetValue(draws), threshold, r, parse.GetValue(maxSticks), parse.GetValue(seed), progress, context.CancellationToken));
            },
            Write,
            Charts.ModelLaw);
    }

    private static void Write(TextWriter writer, string format, ModelLawData data)
    {
        (SyntaxKnowledgeModel model, CapacityLearner kind, MissCost cost, int exposures, int draws) = (data.Model, data.Learner, data.Cost, data.Exposures, data.Draws);
        PitmanYorParameters p = model.Knowledge;
        CapacityDecay decay = ModelScaling.Decay(p);
        ScalingLaw? law = p.IsDirichlet ? null : ModelScaling.Law(model, kind, cost, exposures);
        string scale = kind == CapacityLearner.Mdl ? "n" : "C";
        string third = kind == CapacityLearner.TopCounts ? "top_frequency_limit" : kind == CapacityLearner.Mdl ? "law" : "asymptotic";
        bool mdl = kind == CapacityLearner.Mdl;
        string[] header = mdl
            ? [scale, "uncovered", "stored", third, "excess_loss", "simulated", "standard_error", "simulated_stored"]
            : [scale, "uncovered", "uncovered_exact", third, "excess_loss", "simulated", "standard_error"];
        IEnumerable<IReadOnlyList<string>> Cells(int digits) => data.Rows.Select(r => (IReadOnlyList<string>)(mdl
            ?
            [
                r.Scale.ToString(CultureInfo.InvariantCulture), Output.Format(r.Uncovered, digits), Output.Format(r.Stored, digits), Output.Format(r.Third, digits),
                Output.Format(cost.Total * r.Uncovered, digits), LawOptions.Cell(r.Simulated, digits), LawOptions.ErrorCell(r.Simulated), LawOptions.Cell(r.SimulatedStored, digits),
            ]
            :
            [
                r.Scale.ToString(CultureInfo.InvariantCulture), Output.Format(r.Uncovered, digits), r.Exact?.ToString() ?? string.Empty, Output.Format(r.Third, digits),
                Output.Format(cost.Total * r.Uncovered, digits), LawOptions.Cell(r.Simulated, digits), LawOptions.ErrorCell(r.Simulated),
            ]));
        switch (format)
        {
            case "csv":
                Output.Csv(writer, header, Cells(17));
                break;
            case "table":
                if (law is not null)
                {
                    LawsCommand.WriteLawText(writer, law);
                }

                writer.WriteLine("decay: " + decay.Description);
                Output.Table(writer, header, Cells(6), string.Create(CultureInfo.InvariantCulture, $"{LawOptions.LearnerName(kind)}: expected uncovered mass and excess loss (miss cost {cost.Total:G6} nats)"));
                break;
            default:
                Output.Json(writer, json =>
                {
                    json.WriteStartObject();
                    if (law is not null)
                    {
                        LawsCommand.WriteLaw(json, law);
                    }

                    json.WriteString("learner", LawOptions.LearnerName(kind));
                    if (decay.Exponent is { } exponent)
                    {
                        json.WriteString("model_exponent", exponent.ToString());
                    }
                    else
                    {
                        json.WriteNull("model_exponent");
                    }

                    json.WriteString("decay", decay.Kind == DecayKind.PowerLaw ? "power-law" : "geometric");
                    if (decay.Rate is { } rate)
                    {
                        json.WriteString("rate", rate.ToString());
                    }

                    json.WriteString("decay_description", decay.Description);
                    json.Number("ratio_to_first_appearance", TopFrequencyLearner.RatioToFirstAppearance(p));
                    json.WriteStartObject("miss_cost");
                    json.Number("name", cost.Name);
                    json.Number("fact", cost.Fact);
                    json.Number("total", cost.Total);
                    json.WriteEndObject();
                    if (kind == CapacityLearner.Mdl)
                    {
                        json.WriteNumber("exposures", exposures);
                    }

                    if (kind == CapacityLearner.TopCounts)
                    {
                        json.WriteNumber("draws", draws);
                    }

                    if (data.Sticks is { } sticks)
                    {
                        json.WriteNumber("exact_replicates", sticks.ExactReplicates);
                        json.Number("truncation_bias_bound", sticks.Residual.Mean);
                        json.Number("truncation_bound", sticks.TruncationBound);
                    }

                    json.WriteStartArray("table");
                    foreach (ModelLawRow r in data.Rows)
                    {
                        json.WriteStartObject();
                        json.WriteNumber(scale, r.Scale);
                        json.Number("uncovered", r.Uncovered);
                        if (r.Exact is { } exact)
                        {
                            LawOptions.ExactIfShort(json, "uncovered_exact", exact);
                        }

                        json.Number(third, r.Third);
                        if (r.AsymptoticRegime is { } regime)
                        {
                            json.WriteBoolean("asymptotic_regime", regime);
                        }

                        if (!double.IsNaN(r.Stored))
                        {
                            json.Number("stored", r.Stored);
                        }

                        json.Number("excess_loss", cost.Total * r.Uncovered);
                        LawOptions.Estimate(json, "simulated", r.Simulated);
                        if (r.SimulatedStored is { } stored)
                        {
                            json.Number("simulated_stored", stored.Mean);
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                break;
        }
    }
}
