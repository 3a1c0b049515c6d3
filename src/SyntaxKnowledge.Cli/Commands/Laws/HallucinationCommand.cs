using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using SyntaxKnowledge.Cli.Plots.Charts;
using SyntaxKnowledge.Cli.Plots.Data;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Cli.Commands.Laws;

/// <summary>skm laws hallucination: hallucination rates by data and by capacity, Good-Turing, abstention (docs/03-formulas/hallucination.md#hallucination).</summary>
internal static class HallucinationCommand
{
    private static readonly int[] DefaultGrid = [10, 100, 1_000];
    private static readonly int[] DefaultCapacities = [1, 10, 100];

    public static Command Create(bool interactive) => LawCommand.Laws(Define(replicates: 0), interactive);

    /// <summary>skm plot hallucination: the same options and computation, drawn (simulated by default).</summary>
    public static Command CreatePlot(bool interactive) => LawCommand.Plot(
        "hallucination",
        "Hallucination rates on log-log axes: sampling and greedy decoding and the Good-Turing monofact rate, vs n (unlimited capacity) and vs C (unlimited data), simulated +/- 2 SE.",
        Define(replicates: 100),
        interactive);

    private static LawDefinition<HallucinationData> Define(int replicates)
    {
        var model = new ModelOptions();
        Option<string?> grid = new("--grid") { Description = "Comma-separated numbers of training sentences n (default 10,100,1000; exact up to 20000).", HelpName = "n,n,..." };
        Option<string?> capacities = new("--capacity-grid") { Description = "Comma-separated capacities C for the unlimited-data table (default 1,10,100).", HelpName = "C,C,..." };
        Option<string> learner = LawOptions.Learner("first-appearance", "Capacity learner for the capacity table: first-appearance (exact T(C)), top-frequency or top-counts (n -> infinity).");
        Option<Rational> abstain = CliOptions.Rational("--abstain", "Abstention probability a on uncovered queries for the trade-off (0 <= a <= 1).", new Rational(1, 2));
        Option<int> replicateCount = LawOptions.Replicates("worlds (corpus generator, one query each; n <= 2000)", replicates);
        Option<ulong> seed = CliOptions.Seed();
        return new LawDefinition<HallucinationData>(
            "hallucination",
            "Hallucination: uncovered query mass x (1 - sum H^2) [sampling] or x (1 - max H) [greedy], by data n and by capacity C; monofact rate; abstention.",
            [grid, capacities, learner, abstain, replicateCount, seed, .. model.All],
            ModelOptions.OptionNames,
            (parse, context) =>
            {
                SyntaxKnowledgeModel m = model.Build(parse);
                CapacityLearner kind = LawOptions.ParseLearner(parse.GetValue(learner));
                if (kind == CapacityLearner.Mdl)
                {
                    throw new CliInputException("--learner mdl has no fixed capacity; valid values for hallucination: first-appearance, top-frequency, top-counts.");
                }

                Rational a = parse.GetValue(abstain);
                if (a.Sign < 0 || a > 1)
                {
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--abstain = {a} is out of range; valid range: 0 <= a <= 1."));
                }

                int r = parse.GetValue(replicateCount);
                LawOptions.CheckReplicates(r);
                int[] points = LawsCommand.ParseGrid(parse.GetValue(grid), "--grid", DefaultGrid, 20_000);
                int[] caps = LawsCommand.ParseGrid(parse.GetValue(capacities), "--capacity-grid", DefaultCapacities, 1_000_000);
                return ProgressDisplay.Run(context, "hallucination", progress => HallucinationData.Compute(m, kind, points, caps, a.ToDouble(), r, parse.GetValue(seed), progress, context.CancellationToken));
            },
            (writer, format, data) => Write(writer, format, data.Factors, data.Data, data.Capacities, data.CapacityRates, data.Abstain),
            Charts.Hallucination);
    }

    private static void Write(TextWriter writer, string format, ImmutableArray<HallucinationFactor> factors, IReadOnlyList<HallucinationDataRow> data, int[] caps, HallucinationRates[] capacity, double abstain)
    {
        string[] header = ["table", "x", "uncovered", "sampling", "greedy", "abstention", "uncovered_log_loss", "simulated_sampling", "standard_error"];
        IEnumerable<IReadOnlyList<string>> Cells(int digits) =>
            data.Select(d => (IReadOnlyList<string>)
            [
                "data", d.Draws.ToString(CultureInfo.InvariantCulture), Output.Format(d.Rates.Uncovered, digits), Output.Format(d.Rates.Sampling, digits), Output.Format(d.Rates.Greedy, digits),
                Output.Format(d.Rates.Abstention, digits), Output.Format(d.Rates.UncoveredLogLoss, digits), LawOptions.Cell(d.Sample?.Sampling, digits), LawOptions.ErrorCell(d.Sample?.Sampling),
            ]).Concat(capacity.Select((c, i) => (IReadOnlyList<string>)
            [
                "capacity", caps[i].ToString(CultureInfo.InvariantCulture), Output.Format(c.Uncovered, digits), Output.Format(c.Sampling, digits), Output.Format(c.Greedy, digits),
                Output.Format(c.Abstention, digits), Output.Format(c.UncoveredLogLoss, digits), string.Empty, string.Empty,
            ]));
        switch (format)
        {
            case "csv":
                Output.Csv(writer, header, Cells(17));
                break;
            case "table":
                Output.Table(writer, ["attribute", "values", "1 - sum H^2", "1 - max H", "E[H(H_j)] nats"], factors.Select(f => (IReadOnlyList<string>)
                    [f.Attribute, f.Values.ToString(CultureInfo.InvariantCulture), f.Sampling.ToString(), Output.Format(f.Greedy, 6), Output.Format(f.Entropy, 6)]), "probability that a guess from the base is wrong");
                Output.Table(writer, header, Cells(6), "hallucination per query (x = n for data rows with unlimited capacity, x = C for capacity rows with unlimited data)");
                AbstentionPoint point = Hallucination.Abstention(data[0].Rates, abstain);
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"abstaining with probability {abstain:G4} on uncovered queries at n = {data[0].Draws}: hallucination {point.Hallucination:G6}, abstention {point.Abstention:G6}, extra log-loss {point.ExtraLogLoss:G6} nats/query"));
                break;
            default:
                Output.Json(writer, json =>
                {
                    json.WriteStartObject();
                    json.WriteStartArray("factors");
                    foreach (HallucinationFactor f in factors)
                    {
                        json.WriteStartObject();
                        json.WriteString("attribute", f.Attribute);
                        json.WriteNumber("values", f.Values);
                        json.WriteString("sampling", f.Sampling.ToString());
                        json.Number("sampling_value", f.Sampling.ToDouble());
                        if (f.ExactGreedy is { } g)
                        {
                            json.WriteString("greedy", g.ToString());
                        }

                        json.Number("greedy_value", f.Greedy);
                        json.Number("entropy", f.Entropy);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteStartArray("data");
                    foreach (HallucinationDataRow d in data)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("n", d.Draws);
                        WriteRates(json, d.Rates);
                        json.Number("expected_monofact_n_plus_1", d.Rates.Uncovered);
                        json.Number("uncovered_asymptotic", d.Asymptotic);
                        if (d.Sample is { } s)
                        {
                            json.Number("simulated_uncovered", s.Uncovered.Mean);
                            json.Number("simulated_sampling", s.Sampling.Mean);
                            json.Number("simulated_sampling_standard_error", s.Sampling.StandardError);
                            json.Number("simulated_greedy", s.Greedy.Mean);
                            json.Number("simulated_monofact", s.Monofact.Mean);
                            json.WriteNumber("replicates", s.Sampling.Replicates);
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteStartArray("capacity");
                    for (int i = 0; i < caps.Length; i++)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("C", caps[i]);
                        WriteRates(json, capacity[i]);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    AbstentionPoint point = Hallucination.Abstention(data[0].Rates, abstain);
                    json.WriteStartObject("abstention");
                    json.WriteNumber("n", data[0].Draws);
                    json.Number("abstain", point.Abstain);
                    json.Number("hallucination", point.Hallucination);
                    json.Number("abstention", point.Abstention);
                    json.Number("extra_log_loss", point.ExtraLogLoss);
                    json.WriteEndObject();
                    json.WriteEndObject();
                });
                break;
        }
    }

    private static void WriteRates(System.Text.Json.Utf8JsonWriter json, HallucinationRates rates)
    {
        json.Number("uncovered", rates.Uncovered);
        json.Number("sampling", rates.Sampling);
        json.Number("greedy", rates.Greedy);
        json.Number("abstention", rates.Abstention);
        json.Number("uncovered_log_loss", rates.UncoveredLogLoss);
    }
}
