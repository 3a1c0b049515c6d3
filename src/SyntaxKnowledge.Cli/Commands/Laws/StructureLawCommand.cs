using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SyntaxKnowledge.Cli.Corpus;
using SyntaxKnowledge.Cli.Plots.Charts;
using SyntaxKnowledge.Cli.Plots.Data;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Prediction;

namespace SyntaxKnowledge.Cli.Commands.Laws;

/// <summary>skm laws structure: the structure function h(c) of a corpus (docs/03-formulas/structure-function.md#the-structure-function-of-a-corpus), its MDL optimum and the stored-entity threshold.</summary>
internal static class StructureLawCommand
{
    private const int TableRows = 40;

    private static readonly Dictionary<string, string> OptionNames = new(ModelOptions.OptionNames)
    {
        ["entityCost"] = "--entity-cost",
        ["syntaxParameterCost"] = "--syntax-cost",
    };

    public static Command Create(bool interactive) => LawCommand.Laws(Define(), interactive);

    /// <summary>skm plot structure: the same options and computation, drawn.</summary>
    public static Command CreatePlot(bool interactive) => LawCommand.Plot(
        "structure",
        "Structure function of a corpus: h(c) as a step curve, the two-part code length c + h(c), and the MDL optimum marked.",
        Define(),
        interactive);

    private static LawDefinition<StructureData> Define()
    {
        var model = new ModelOptions();
        model.Discount.Required = false;
        model.Concentration.Required = false;
        Option<int> sentences = CliOptions.Integer("--sentences", "Sentences N of the generated corpus (default 2000).", 1, 100_000_000);
        Option<ulong> seed = CliOptions.Seed();
        Option<string?> corpus = new("--corpus") { Description = "Read a JSONL corpus written by 'skm generate' instead of generating one (the model comes from its header).", HelpName = "file" };
        Option<double?> entityCost = Nats("--entity-cost", "Storage cost w of one entity in nats (default: its record, ln N + sum_j ln M_j + (1/2) ln n).");
        Option<double?> syntaxCost = Nats("--syntax-cost", "Cost per free syntax parameter in nats (default (1/2) ln n).");
        return new LawDefinition<StructureData>(
            "structure",
            "Structure function of a corpus: the least data code length h(c) for every model budget c (syntax parameters + stored entities), the MDL optimum and which entities it stores.",
            [sentences, seed, corpus, entityCost, syntaxCost, .. model.All],
            OptionNames,
            (parse, context) =>
            {
                string? path = parse.GetValue(corpus);
                (SyntaxKnowledgeModel m, CorpusStatistics stats, string source) = ProgressDisplay.Run(context, "reading corpus", _ =>
                    path is null ? Generate(parse, model, sentences, seed, context) : Read(parse, model, sentences, seed, path, context));
                double w = parse.GetValue(entityCost) ?? StructureFunction.DefaultEntityCost(m, stats.Sentences);
                return new StructureData(source, w, StructureFunction.Compute(stats, w, parse.GetValue(syntaxCost)));
            },
            (writer, format, data) => Write(writer, format, data.Source, data.EntityCost, data.Result),
            Charts.Structure);
    }

    private static (SyntaxKnowledgeModel, CorpusStatistics, string) Generate(ParseResult parse, ModelOptions model, Option<int> sentences, Option<ulong> seed, CommandContext context)
    {
        if (parse.GetResult(model.Discount) is null || parse.GetResult(model.Concentration) is null)
        {
            throw new CliInputException("--discount and --concentration are required unless --corpus is given.");
        }

        SyntaxKnowledgeModel m = model.Build(parse);
        int n = parse.GetResult(sentences) is null ? 2_000 : parse.GetValue(sentences);
        ulong s = parse.GetValue(seed);
        World world = World.Sample(m, s);
        ModelOptions.CheckNameSpace(world, n, model.PresetName(parse), "--sentences", context.CancellationToken);
        CorpusStatistics stats = CorpusStatistics.FromCorpus(m, CorpusGenerator.Generate(world, 0, n, context.CancellationToken), context.CancellationToken);
        return (m, stats, string.Create(CultureInfo.InvariantCulture, $"generated: {n} sentences, seed {s}, {m.Knowledge}"));
    }

    private static (SyntaxKnowledgeModel, CorpusStatistics, string) Read(ParseResult parse, ModelOptions model, Option<int> sentences, Option<ulong> seed, string path, CommandContext context)
    {
        Option[] generatorOnly = [sentences, seed, .. model.All];
        if (generatorOnly.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } conflicting)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--corpus cannot be combined with {conflicting.Name}: the corpus header defines the model and the sentences; valid: --corpus FILE alone, or the generator options without --corpus."));
        }

        (SyntaxKnowledgeModel m, _, IEnumerable<CorpusLine> lines) = CorpusFile.Read(path, "--corpus");
        IEnumerable<(int, SentenceStructure)> Parsed()
        {
            foreach (CorpusLine line in lines)
            {
                if (!SentenceParser.TryParse(m, line.Tokens, out SentenceStructure? structure))
                {
                    throw CorpusFile.Malformed(path, line.LineNumber, "the tokens are not a sentence of the header's model");
                }

                yield return (line.Entity, structure);
            }
        }

        CorpusStatistics stats;
        try
        {
            stats = CorpusStatistics.FromStructures(m, Parsed(), context.CancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--corpus: '{path}': {ErrorText.FirstLine(e.Message)}"));
        }

        return (m, stats, "corpus: " + path);
    }

    private static Option<double?> Nats(string name, string description) => new(name)
    {
        Description = description + " Range: 0 <= value < infinity.",
        HelpName = "nats",
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= 0 && double.IsFinite(value))
            {
                return value;
            }

            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} = {text} is out of range; valid range: a number 0 <= value < infinity (nats)."));
            return null;
        },
    };

    private static void Write(TextWriter writer, string format, string source, double entityCost, StructureFunctionResult r)
    {
        MdlOptimum o = r.Optimum;
        string[] header = ["budget", "code_length", "lower_bound", "exact", "syntax_stored", "entities_stored"];
        IReadOnlyList<string> Row(StructurePoint p, int digits) =>
        [
            Output.Format(p.Budget, digits), Output.Format(p.CodeLength, digits), Output.Format(p.LowerBound, digits),
            p.IsExact ? "true" : "false", p.SyntaxStored ? "true" : "false", p.EntitiesStored.ToString(CultureInfo.InvariantCulture),
        ];
        switch (format)
        {
            case "csv":
                Output.Csv(writer, header, r.Curve.Select(p => Row(p, 17)));
                break;
            case "table":
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{source}: n = {r.Corpus.Sentences}, K = {r.Corpus.Entities} entities, k_syn = {r.Corpus.SyntaxParameters}"));
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"costs (nats): entity w = {entityCost:G6}, syntax = {r.SyntaxModelCost:G6} ({r.SyntaxParameterCost:G4} per parameter)"));
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"data code parts (nats): index {r.IndexCodeLength:G8}, syntax learned {r.SyntaxCodeLengthLearned:G8} / uniform {r.SyntaxCodeLengthUniform:G8}, unknown (nothing stored) {r.UnknownCodeLength:G8}"));
                int step = Math.Max(1, (int)Math.Ceiling(r.Curve.Length / (double)TableRows));
                var shown = r.Curve.Where((_, i) => i % step == 0 || i == r.Curve.Length - 1);
                Output.Table(writer, header, shown.Select(p => Row(p, 8)), string.Create(CultureInfo.InvariantCulture, $"structure function h(c): {r.Curve.Length} breakpoints (every {step}th shown)"));
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MDL optimum: c* = {o.ModelCost:G8}, h(c*) = {o.DataCodeLength:G8}, total = {o.Total:G8} nats; syntax {(o.SyntaxStored ? "stored" : "not stored")}, {o.StoredEntities.Length} of {r.Corpus.Entities} entities stored"));
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threshold: stored entities have >= {o.MinimumStoredCount} mentions, unstored <= {o.MaximumUnstoredCount}; count threshold w/u in [{o.CountThresholdLower:G6}, {o.CountThresholdUpper:G6}] ({(o.IsCountThreshold ? "a count threshold" : "not a pure count threshold: per-mention savings differ")})"));
                break;
            default:
                Output.Json(writer, json =>
                {
                    json.WriteStartObject();
                    json.WriteString("law", "structure");
                    json.WriteString("source", source);
                    json.WriteNumber("sentences", r.Corpus.Sentences);
                    json.WriteNumber("entities", r.Corpus.Entities);
                    json.WriteNumber("syntax_parameters", r.Corpus.SyntaxParameters);
                    json.WriteStartObject("costs");
                    json.Number("entity", entityCost);
                    json.Number("syntax_per_parameter", r.SyntaxParameterCost);
                    json.Number("syntax", r.SyntaxModelCost);
                    json.WriteEndObject();
                    json.WriteStartObject("parts");
                    json.Number("index", r.IndexCodeLength);
                    json.Number("syntax_learned", r.SyntaxCodeLengthLearned);
                    json.Number("syntax_uniform", r.SyntaxCodeLengthUniform);
                    json.Number("unknown", r.UnknownCodeLength);
                    json.WriteEndObject();
                    json.WriteBoolean("exact", r.EqualCosts);
                    json.WriteStartArray("curve");
                    foreach (StructurePoint p in r.Curve)
                    {
                        json.WriteStartObject();
                        json.Number("budget", p.Budget);
                        json.Number("code_length", p.CodeLength);
                        json.WriteNumber("entities", p.EntitiesStored);
                        json.WriteBoolean("syntax", p.SyntaxStored);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    WriteOptimum(json, r);
                    json.WriteEndObject();
                });
                break;
        }
    }

    private static void WriteOptimum(Utf8JsonWriter json, StructureFunctionResult r)
    {
        MdlOptimum o = r.Optimum;
        json.WriteStartObject("optimum");
        json.Number("model_cost", o.ModelCost);
        json.Number("data_code_length", o.DataCodeLength);
        json.Number("total", o.Total);
        json.WriteBoolean("syntax", o.SyntaxStored);
        json.WriteNumber("entities_stored", o.StoredEntities.Length);
        json.WriteStartArray("stored_entity_ids");
        foreach (int k in o.StoredEntities)
        {
            json.WriteNumberValue(r.Corpus.EntityIds[k]);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("threshold");
        json.WriteNumber("minimum_stored_count", o.MinimumStoredCount);
        json.WriteNumber("maximum_unstored_count", o.MaximumUnstoredCount);
        json.Number("count_threshold_lower", o.CountThresholdLower);
        json.Number("count_threshold_upper", o.CountThresholdUpper);
        json.WriteBoolean("is_count_threshold", o.IsCountThreshold);
        json.WriteEndObject();
    }
}
