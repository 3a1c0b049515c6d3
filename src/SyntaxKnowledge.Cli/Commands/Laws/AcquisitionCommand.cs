using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using SyntaxKnowledge.Cli.Plots;
using SyntaxKnowledge.Cli.Plots.Charts;
using SyntaxKnowledge.Cli.Plots.Data;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Commands.Laws;

/// <summary>skm laws acquisition: knowledge acquisition dynamics (docs/03-formulas/acquisition.md#knowledge-acquisition-dynamics): curve, thresholds, buckets, capacity.</summary>
internal static class AcquisitionCommand
{
    private static readonly int[] DefaultGrid = [10, 100, 1_000, 10_000];
    private static readonly double[] DefaultEdges = [1e-4, 1e-3, 1e-2, 1e-1, 1];

    public static Command Create(bool interactive) => LawCommand.Laws(Define(), interactive);

    private static LawDefinition<Result> Define()
    {
        var model = new ModelOptions();
        Option<string?> grid = new("--grid") { Description = "Comma-separated numbers of sentences n (default 10,100,1000,10000).", HelpName = "n,n,..." };
        Option<int> exposures = CliOptions.Integer("--exposures", "Exposures r needed to acquire an entity.", 1, 100_000, defaultValue: 1);
        Option<int> capacity = CliOptions.Integer("--capacity", "Capacity C of a streaming learner (keeps the C highest counts among entities seen r times); 0: no limit.", 0, 1_000_000, defaultValue: 0);
        Option<string?> edges = new("--buckets") { Description = "Comma-separated weight bucket edges for the by-frequency table at the largest n (default 1e-4,1e-3,1e-2,1e-1,1).", HelpName = "x,x,..." };
        Option<int> replicates = LawOptions.Replicates("the capacity-limited learner (needs --capacity)");
        Option<ulong> seed = CliOptions.Seed();
        return new LawDefinition<Result>(
            "acquisition",
            "Knowledge acquisition: acquired mass E[P(Bin(n,W) >= r)] (exact), acquired entities, the frequency threshold ~ m_r/n, by-frequency buckets, and the capacity floor E[P_(C)].",
            [grid, exposures, capacity, edges, replicates, seed, .. model.All],
            ModelOptions.OptionNames,
            (parse, context) =>
        {
            PitmanYorParameters p = model.Build(parse).Knowledge;
            int r = parse.GetValue(exposures), c = parse.GetValue(capacity), reps = parse.GetValue(replicates);
            LawOptions.CheckReplicates(reps);
            int[] points = LawsCommand.ParseGrid(parse.GetValue(grid), "--grid", DefaultGrid, 100_000);
            if (points[0] < r)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--grid: n = {points[0]} is below --exposures = {r}; valid range: n >= r."));
            }

            double[] cuts = LawOptions.ParseReals(parse.GetValue(edges), "--buckets", DefaultEdges, 1e-300, 1);
            if (cuts.Length < 2)
            {
                throw new CliInputException("--buckets: at least two edges are needed, such as 1e-3,1e-2,1.");
            }

            int? cap = c > 0 ? c : null;
            return ProgressDisplay.Run(context, "acquisition", progress =>
            {
                ImmutableArray<AcquisitionPoint> curve = Acquisition.Curve(p, points, r);
                ImmutableArray<ThresholdPoint> thresholds = Acquisition.Thresholds(p, points, r, cap);
                var simulated = new List<MonteCarloEstimate?>();
                for (int i = 0; i < points.Length; i++)
                {
                    simulated.Add(cap is { } limit && reps >= 2 ? StreamingLearner.Simulate(p, points[i], [limit], reps, parse.GetValue(seed), r, cancellationToken: context.CancellationToken).Uncovered[0] : null);
                    progress.Report((i + 1.0) / points.Length);
                }

                AcquisitionBucket[] buckets = [.. cuts.Zip(cuts.Skip(1)).Select(e => Acquisition.Bucket(p, e.First, e.Second, points[^1], r))];
                double crossover = cap is { } floor ? Acquisition.CapacityCrossover(p, r, floor) : double.NaN;
                return new Result(p, r, cap, points, parse.GetValue(seed), curve, thresholds, simulated, buckets, crossover);
            });
        },
            (writer, format, result) => Write(writer, format, result.Exposures, result.Capacity, result),
            Chart);
    }

    // The acquisition chart of `skm plot acquisition` for this r, exact and asymptotic from 1 to the largest n (computed only when --plot is given).
    private static ChartSpec Chart(Result result) =>
        Charts.Acquisition(AcquisitionData.Compute(result.Parameters, [result.Exposures], result.Draws[^1], result.Draws.Length, 0, result.Seed, new Progress<double>(), CancellationToken.None));

    private static void Write(TextWriter writer, string format, int exposures, int? capacity, Result result)
    {
        string[] header = ["n", "acquired_mass", "asymptotic", "acquired_entities", "threshold", "threshold_asymptotic", "effective_threshold", "simulated_acquired_with_capacity", "standard_error"];
        IEnumerable<IReadOnlyList<string>> Cells(int digits) => result.Curve.Select((a, i) => (IReadOnlyList<string>)
        [
            a.Draws.ToString(CultureInfo.InvariantCulture), Output.Format(a.Mass.ToDouble(), digits), Output.Format(a.MassAsymptotic, digits), Output.Format(a.Entities.ToDouble(), digits),
            Output.Format(result.Thresholds[i].Threshold, digits), Output.Format(result.Thresholds[i].Asymptotic, digits), Output.Format(result.Thresholds[i].Effective, digits),
            result.Simulated[i] is { } s ? Output.Format(1 - s.Mean, digits) : string.Empty, LawOptions.ErrorCell(result.Simulated[i]),
        ]);
        switch (format)
        {
            case "csv":
                Output.Csv(writer, header, Cells(17));
                break;
            case "table":
                Output.Table(writer, header, Cells(6), string.Create(CultureInfo.InvariantCulture, $"acquisition after n sentences, r = {exposures}{(capacity is { } c ? $", capacity {c}" : string.Empty)}"));
                Output.Table(writer, ["weight from", "to", "entities", "acquired", "fraction"], result.Buckets.Select(b => (IReadOnlyList<string>)
                    [Output.Format(b.Lower, 3), Output.Format(b.Upper, 3), Output.Format(b.Entities, 6), Output.Format(b.Acquired, 6), Output.Format(b.Fraction, 4)]), "by frequency bucket at the largest n");
                break;
            default:
                Output.Json(writer, json =>
                {
                    json.WriteStartObject();
                    json.WriteNumber("exposures", exposures);
                    if (capacity is { } c)
                    {
                        json.WriteNumber("capacity", c);
                        json.Number("capacity_floor", result.Thresholds[0].CapacityFloor);
                        json.Number("crossover", result.Crossover);
                    }
                    else
                    {
                        json.WriteNull("capacity");
                    }

                    json.WriteStartArray("curve");
                    for (int i = 0; i < result.Curve.Length; i++)
                    {
                        AcquisitionPoint a = result.Curve[i];
                        ThresholdPoint t = result.Thresholds[i];
                        json.WriteStartObject();
                        json.WriteNumber("n", a.Draws);
                        json.Number("acquired_mass", a.Mass.ToDouble());
                        LawOptions.ExactIfShort(json, "acquired_mass_exact", a.Mass);
                        json.Number("asymptotic", a.MassAsymptotic);
                        json.Number("acquired_entities", a.Entities.ToDouble());
                        json.Number("acquired_entities_asymptotic", a.EntitiesAsymptotic);
                        json.Number("threshold", t.Threshold);
                        json.Number("threshold_asymptotic", t.Asymptotic);
                        json.Number("effective_threshold", t.Effective);
                        if (result.Simulated[i] is { } s)
                        {
                            json.Number("simulated_acquired_with_capacity", 1 - s.Mean);
                            json.Number("standard_error", s.StandardError);
                            json.WriteNumber("replicates", s.Replicates);
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteStartArray("buckets");
                    foreach (AcquisitionBucket b in result.Buckets)
                    {
                        json.WriteStartObject();
                        json.Number("lower", b.Lower);
                        json.Number("upper", b.Upper);
                        json.Number("entities", b.Entities);
                        json.Number("acquired", b.Acquired);
                        json.Number("fraction", b.Fraction);
                        json.Number("mass", b.Mass);
                        json.Number("acquired_mass", b.AcquiredMass);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                break;
        }
    }

    private sealed record Result(PitmanYorParameters Parameters, int Exposures, int? Capacity, int[] Draws, ulong Seed, ImmutableArray<AcquisitionPoint> Curve, ImmutableArray<ThresholdPoint> Thresholds, List<MonteCarloEstimate?> Simulated, AcquisitionBucket[] Buckets, double Crossover);
}
