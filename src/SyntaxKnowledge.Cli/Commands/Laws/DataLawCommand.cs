using System.CommandLine;
using System.Globalization;
using SyntaxKnowledge.Cli.Plots.Charts;
using SyntaxKnowledge.Cli.Plots.Data;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;

namespace SyntaxKnowledge.Cli.Commands.Laws;

/// <summary>skm laws data: the data scaling law (docs/03-formulas/data-scaling.md#data-scaling-law-and-redundancy) and a predicted-vs-simulated table on a log grid.</summary>
internal static class DataLawCommand
{
    private static readonly int[] DefaultGrid = [10, 30, 100, 300, 1_000];

    public static Command Create(bool interactive) => LawCommand.Laws(Define(), interactive);

    private static LawDefinition<DataLawData> Define()
    {
        var model = new ModelOptions();
        Option<string?> grid = new("--grid") { Description = "Comma-separated numbers of sentences n (default 10,30,100,300,1000; exact parts cost O(n^2) up to 4096).", HelpName = "n,n,..." };
        Option<int> worlds = CliOptions.Integer("--worlds", "Worlds simulated per grid point (0: no simulation).", 0, 1_000_000, defaultValue: 300);
        Option<ulong> seed = CliOptions.Seed();
        return new LawDefinition<DataLawData>(
            "data",
            "Data scaling law: expected excess loss of sentence n+1 by part (syntax, names, facts), exponent 1 - d derived from the discount, predicted vs simulated.",
            [grid, worlds, seed, .. model.All],
            ModelOptions.OptionNames,
            (parse, context) =>
            {
                SyntaxKnowledgeModel m = model.Build(parse);
                int[] points = LawsCommand.ParseGrid(parse.GetValue(grid), "--grid", DefaultGrid, 100_000_000);
                int r = parse.GetValue(worlds);
                if (r == 1)
                {
                    throw new CliInputException("--worlds = 1 is out of range; valid range: 0 (no simulation) or worlds >= 2.");
                }

                return ProgressDisplay.Run(context, "data law", progress => DataLawData.Compute(m, points, r, parse.GetValue(seed), progress, context.CancellationToken));
            },
            (writer, format, data) => Write(writer, format, data.Law, data.Points),
            Charts.DataLaw);
    }

    private static void Write(TextWriter writer, string format, ScalingLaw law, IReadOnlyList<DataLawPoint> rows)
    {
        string[] header = ["n", "predicted", "asymptotic", "simulated", "standard_error", "syntax", "names", "facts", "simulated_syntax", "simulated_names", "simulated_facts", "asymptotic_regime"];
        IEnumerable<IReadOnlyList<string>> Cells(int digits) => rows.Select(r => (IReadOnlyList<string>)
        [
            r.N.ToString(CultureInfo.InvariantCulture), Output.Format(r.Exact.Total, digits), Output.Format(r.Asymptotic.Total, digits),
            r.Simulated is null ? string.Empty : Output.Format(r.Simulated.Total.Mean, digits), r.Simulated is null ? string.Empty : Output.Format(r.Simulated.Total.StandardError, 3),
            Output.Format(r.Exact.Syntax, digits), Output.Format(r.Exact.Names, digits), Output.Format(r.Exact.Facts, digits),
            r.Simulated is null ? string.Empty : Output.Format(r.Simulated.Syntax.Mean, digits), r.Simulated is null ? string.Empty : Output.Format(r.Simulated.Names.Mean, digits), r.Simulated is null ? string.Empty : Output.Format(r.Simulated.Facts.Mean, digits),
            r.AsymptoticRegime ? "true" : "false",
        ]);
        switch (format)
        {
            case "csv":
                Output.Csv(writer, header, Cells(17));
                break;
            case "table":
                LawsCommand.WriteLawText(writer, law);
                Output.Table(writer, header[..8], Cells(5).Select(c => (IReadOnlyList<string>)[.. c.Take(2), c[^1] == "true" ? c[2] : c[2] + " (outside regime)", .. c.Skip(3).Take(5)]), "expected excess loss of sentence n+1 (nats): predicted (exact in expectation) vs simulated");
                break;
            default:
                Output.Json(writer, json =>
                {
                    json.WriteStartObject();
                    LawsCommand.WriteLaw(json, law);
                    json.WriteStartArray("table");
                    foreach (DataLawPoint r in rows)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("n", r.N);
                        json.Number("predicted", r.Exact.Total);
                        json.Number("asymptotic", r.Asymptotic.Total);
                        json.WriteBoolean("asymptotic_regime", r.AsymptoticRegime);
                        json.WriteStartObject("parts");
                        json.Number("syntax", r.Exact.Syntax);
                        json.Number("names", r.Exact.Names);
                        json.Number("facts", r.Exact.Facts);
                        json.WriteEndObject();
                        if (r.Simulated is { } s)
                        {
                            json.Number("simulated", s.Total.Mean);
                            json.Number("standard_error", s.Total.StandardError);
                            json.WriteNumber("worlds", s.Total.Replicates);
                            json.WriteStartObject("simulated_parts");
                            json.Number("syntax", s.Syntax.Mean);
                            json.Number("names", s.Names.Mean);
                            json.Number("facts", s.Facts.Mean);
                            json.WriteEndObject();
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
