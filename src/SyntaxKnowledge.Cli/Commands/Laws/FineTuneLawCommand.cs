using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SyntaxKnowledge.Cli.Plots.Charts;
using SyntaxKnowledge.Cli.Plots.Data;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Cli.Commands.Laws;

/// <summary>skm laws finetune: per-epoch acquisition, forgetting and hallucination of a capacity-C learner (docs/03-formulas/fine-tuning.md#fine-tuning-a-capacity-limited-learner), predicted vs simulated.</summary>
internal static class FineTuneLawCommand
{
    private static readonly Dictionary<string, string> OptionNames = new(ModelOptions.OptionNames)
    {
        ["pretrainingMentions"] = "--pretraining",
        ["capacity"] = "--capacity",
        ["newEntities"] = "--new-entities",
        ["repetitions"] = "--repetitions",
        ["replayMentions"] = "--replay",
        ["replayFraction"] = "--replay-fraction",
        ["decay"] = "--decay",
        ["epochs"] = "--epochs",
        ["valueMatch"] = "--value-match",
        ["minimumScore"] = "--min-score",
        ["parameters"] = "--pretraining/--replay",
        ["worlds"] = "--worlds",
    };

    public static Command Create(bool interactive) => LawCommand.Laws(Define(), interactive);

    /// <summary>skm plot finetune: the same options and computation, drawn.</summary>
    public static Command CreatePlot(bool interactive) => LawCommand.Plot(
        "finetune",
        "Fine-tuning per epoch: new facts acquired (with rigorous bounds), old mass forgotten and hallucination on old and new queries; fluid forecast vs simulation +/- 2 SE.",
        Define(),
        interactive);

    private static LawDefinition<FineTuneData> Define()
    {
        var model = new ModelOptions();
        Option<int> pretraining = CliOptions.Integer("--pretraining", "Pre-training mentions n_pre drawn from the PY world.", 1, FineTuningParameters.MaximumMentions, defaultValue: 2_000);
        Option<int> capacity = CliOptions.Integer("--capacity", "Capacity C: how many entities the learner can store.", 1, int.MaxValue, defaultValue: 60);
        Option<int> newEntities = CliOptions.Integer("--new-entities", "New entities F in the fine-tuning set.", 1, FineTuningParameters.MaximumMentions, defaultValue: 20);
        Option<int> repetitions = CliOptions.Integer("--repetitions", "Mentions r of each new entity per epoch.", 1, FineTuningParameters.MaximumMentions, defaultValue: 3);
        Option<int> replay = CliOptions.Integer("--replay", "Replay buffer m: pre-training-distribution mentions drawn once and shown every epoch (default 200 unless --replay-fraction is given).", 0, FineTuningParameters.MaximumMentions);
        Option<Rational> replayFraction = CliOptions.Rational("--replay-fraction", "Replay fraction lambda = m/(m + F r) of fine-tuning mentions (sets m = lambda F r/(1 - lambda), which must be an integer).");
        Option<Rational> decay = CliOptions.Rational("--decay", "Per-epoch decay gamma of the learner's counts (0 < gamma <= 1).", Rational.One);
        Option<Rational> minimumScore = CliOptions.Rational("--min-score", "Minimum decayed count kappa an entity needs to be stored (>= 0).", Rational.Zero);
        Option<int> epochs = CliOptions.Integer("--epochs", "Fine-tuning epochs T.", 1, FineTuningParameters.MaximumEpochs, defaultValue: 5);
        Option<Rational?> valueMatch = new("--value-match")
        {
            Description = "Chance a that a guess from the value base is right (default: the model's (1/J) sum_j E[sum_v H_j(v)^2], sampling decoding).",
            HelpName = "p/q",
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (Rational.TryParse(text, CultureInfo.InvariantCulture, out Rational value))
                {
                    return value;
                }

                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--value-match: '{text}' is not a number; valid forms: p/q or a decimal in [0, 1]."));
                return null;
            },
        };
        Option<int> worlds = CliOptions.Integer("--worlds", "Worlds simulated (0: no simulation; at most 2,000,000/(epochs + 1)).", 0, 2_000_000, defaultValue: 300);
        Option<ulong> seed = CliOptions.Seed();
        return new LawDefinition<FineTuneData>(
            "finetune",
            "Fine-tuning a capacity-C learner: new facts acquired, old mass forgotten and hallucination on old and new queries per epoch; fluid forecast with rigorous bounds vs simulation over PY worlds.",
            [pretraining, capacity, newEntities, repetitions, replay, replayFraction, decay, minimumScore, epochs, valueMatch, worlds, seed, .. model.All],
            OptionNames,
            (parse, context) =>
        {
            SyntaxKnowledgeModel m = model.Build(parse);
            int f = parse.GetValue(newEntities), r = parse.GetValue(repetitions), replayMentions;
            if (parse.GetResult(replayFraction) is not null)
            {
                if (parse.GetResult(replay) is not null)
                {
                    throw new CliInputException("--replay and --replay-fraction cannot both be given; choose one.");
                }

                replayMentions = FineTuningParameters.ReplayMentionsFor(parse.GetValue(replayFraction), f, r);
            }
            else
            {
                replayMentions = parse.GetResult(replay) is null ? 200 : parse.GetValue(replay);
            }

            int worldCount = parse.GetValue(worlds);
            if (worldCount == 1)
            {
                throw new CliInputException("--worlds = 1 is out of range; valid range: 0 (no simulation) or worlds >= 2.");
            }

            var parameters = FineTuningParameters.Create(
                m.Knowledge, parse.GetValue(pretraining), parse.GetValue(capacity), f, r, replayMentions, parse.GetValue(decay), parse.GetValue(epochs),
                parse.GetValue(valueMatch) ?? FineTuning.ValueMatchProbability(m), parse.GetValue(minimumScore));
            return ProgressDisplay.Run(context, "fine-tuning", progress =>
            {
                FineTuningForecast predicted = FineTuning.Predict(parameters, context.CancellationToken);
                FineTuningSimulation? simulated = worldCount >= 2 ? FineTuning.Simulate(parameters, worldCount, parse.GetValue(seed), progress, context.CancellationToken) : null;
                return new FineTuneData(predicted, simulated);
            });
        },
            (writer, format, data) => Write(writer, format, data.Forecast, data.Simulation),
            Charts.FineTune);
    }

    private static void Write(TextWriter writer, string format, FineTuningForecast forecast, FineTuningSimulation? simulation)
    {
        FineTuningParameters p = forecast.Parameters;
        switch (format)
        {
            case "csv":
                string[] header =
                [
                    "epoch", "new_score", "new_acquired", "new_acquired_lower", "new_acquired_upper", "simulated_new_acquired", "se_new_acquired",
                    "old_stored", "simulated_old_stored", "old_mass", "old_mass_upper", "simulated_old_mass", "se_old_mass",
                    "forgotten_mass", "simulated_forgotten_mass", "se_forgotten_mass",
                    "hallucination_old", "hallucination_old_lower", "simulated_hallucination_old", "se_hallucination_old",
                    "hallucination_new", "hallucination_new_lower", "hallucination_new_upper", "simulated_hallucination_new", "se_hallucination_new",
                    "competitors_above", "simulated_competitors_above", "competitors_tied", "simulated_competitors_tied", "mass_above", "simulated_mass_above",
                    "eligible_old", "simulated_eligible_old", "eligible_mass", "simulated_eligible_mass", "threshold",
                ];
                Output.Csv(writer, header, forecast.Epochs.Select(e =>
                {
                    FineTuningSimulatedEpoch? s = simulation?.Epochs[e.Epoch];
                    string Mean(Func<FineTuningSimulatedEpoch, Simulation.MonteCarloEstimate> pick) => s is null ? string.Empty : Output.Format(pick(s).Mean, 17);
                    string Se(Func<FineTuningSimulatedEpoch, Simulation.MonteCarloEstimate> pick) => s is null ? string.Empty : Output.Format(pick(s).StandardError, 3);
                    return (IReadOnlyList<string>)
                    [
                        e.Epoch.ToString(CultureInfo.InvariantCulture), Output.Format(e.NewScore, 17), Output.Format(e.NewAcquired, 17), Output.Format(e.NewAcquiredLower, 17), Output.Format(e.NewAcquiredUpper, 17), Mean(x => x.NewAcquired), Se(x => x.NewAcquired),
                        Output.Format(e.OldStored, 17), Mean(x => x.OldStored), Output.Format(e.OldStoredMass, 17), Output.Format(e.OldStoredMassUpper, 17), Mean(x => x.OldStoredMass), Se(x => x.OldStoredMass),
                        Output.Format(e.ForgottenMass, 17), Mean(x => x.ForgottenMass), Se(x => x.ForgottenMass),
                        Output.Format(e.HallucinationOld, 17), Output.Format(e.HallucinationOldLower, 17), Mean(x => x.HallucinationOld), Se(x => x.HallucinationOld),
                        Output.Format(e.HallucinationNew, 17), Output.Format(e.HallucinationNewLower, 17), Output.Format(e.HallucinationNewUpper, 17), Mean(x => x.HallucinationNew), Se(x => x.HallucinationNew),
                        Output.Format(e.CompetitorsAbove, 17), Mean(x => x.CompetitorsAbove), Output.Format(e.CompetitorsTied, 17), Mean(x => x.CompetitorsTied), Output.Format(e.MassAbove, 17), Mean(x => x.MassAbove),
                        Output.Format(e.EligibleOld, 17), Mean(x => x.EligibleOld), Output.Format(e.EligibleOldMass, 17), Mean(x => x.EligibleOldMass), double.IsNaN(e.Threshold) ? string.Empty : Output.Format(e.Threshold, 17),
                    ];
                }));
                break;
            case "table":
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p}"));
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replay fraction lambda = m/(m + F r) = {p.ReplayFraction}; hallucination factor 1 - a = {Rational.One - p.ValueMatch}"));
                string Sim(FineTuningSimulatedEpoch? s, Func<FineTuningSimulatedEpoch, Simulation.MonteCarloEstimate> pick) =>
                    s is null ? string.Empty : Output.Format(pick(s).Mean, 4) + " +- " + Output.Format(pick(s).StandardError, 2);
                Output.Table(
                    writer,
                    ["epoch", "new score", "acquired (fluid)", "bounds", "simulated", "halluc. new (fluid)", "simulated"],
                    forecast.Epochs.Select(e =>
                    {
                        FineTuningSimulatedEpoch? s = simulation?.Epochs[e.Epoch];
                        return (IReadOnlyList<string>)
                        [
                            e.Epoch.ToString(CultureInfo.InvariantCulture), Output.Format(e.NewScore, 5), Output.Format(e.NewAcquired, 5),
                            string.Create(CultureInfo.InvariantCulture, $"[{Output.Format(e.NewAcquiredLower, 4)}, {Output.Format(e.NewAcquiredUpper, 4)}]"), Sim(s, x => x.NewAcquired),
                            Output.Format(e.HallucinationNew, 4), Sim(s, x => x.HallucinationNew),
                        ];
                    }),
                    "new facts: acquired per epoch (fluid forecast, rigorous bounds, simulation mean +- standard error)");
                Output.Table(
                    writer,
                    ["epoch", "old mass (fluid)", "simulated", "forgotten (fluid)", "simulated", "halluc. old (fluid)", "simulated"],
                    forecast.Epochs.Select(e =>
                    {
                        FineTuningSimulatedEpoch? s = simulation?.Epochs[e.Epoch];
                        return (IReadOnlyList<string>)
                        [
                            e.Epoch.ToString(CultureInfo.InvariantCulture), Output.Format(e.OldStoredMass, 5), Sim(s, x => x.OldStoredMass),
                            Output.Format(e.ForgottenMass, 4), Sim(s, x => x.ForgottenMass), Output.Format(e.HallucinationOld, 4), Sim(s, x => x.HallucinationOld),
                        ];
                    }),
                    "old facts: stored pre-training mass, net mass forgotten since epoch 0, hallucination on old queries");
                foreach (string note in forecast.Notes)
                {
                    writer.WriteLine("  note: " + note);
                }

                break;
            default:
                Output.Json(writer, json =>
                {
                    json.WriteStartObject();
                    json.WriteString("law", "finetune");
                    json.WriteStartObject("parameters");
                    json.WriteString("discount", p.Knowledge.Discount.ToString());
                    json.WriteString("concentration", p.Knowledge.Concentration.ToString());
                    json.WriteNumber("pretraining_mentions", p.PretrainingMentions);
                    json.WriteNumber("capacity", p.Capacity);
                    json.WriteNumber("new_entities", p.NewEntities);
                    json.WriteNumber("repetitions", p.Repetitions);
                    json.WriteNumber("replay_mentions", p.ReplayMentions);
                    json.Exact("replay_fraction", p.ReplayFraction);
                    json.Exact("decay", p.Decay);
                    json.Exact("minimum_score", p.MinimumScore);
                    json.WriteNumber("epochs", p.Epochs);
                    json.Exact("value_match", p.ValueMatch);
                    json.WriteEndObject();
                    json.Number("neglected_count", forecast.NeglectedCount);
                    if (simulation is not null)
                    {
                        json.WriteNumber("worlds", simulation.Worlds);
                        json.WriteNumber("seed", simulation.Seed);
                    }

                    json.WriteStartArray("notes");
                    foreach (string note in forecast.Notes)
                    {
                        json.WriteStringValue(note);
                    }

                    json.WriteEndArray();
                    json.WriteStartArray("table");
                    foreach (FineTuningPredictedEpoch e in forecast.Epochs)
                    {
                        WriteEpoch(json, p, e, simulation?.Epochs[e.Epoch]);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                break;
        }
    }

    private static void WriteEpoch(Utf8JsonWriter json, FineTuningParameters p, FineTuningPredictedEpoch e, FineTuningSimulatedEpoch? s)
    {
        json.WriteStartObject();
        json.WriteNumber("epoch", e.Epoch);
        json.Exact("new_score", p.NewEntityScore(e.Epoch));
        json.WriteBoolean("new_eligible", e.NewEligible);
        json.Number("threshold", e.Threshold);
        json.WriteStartObject("predicted");
        json.Number("new_acquired", e.NewAcquired);
        json.Number("old_stored", e.OldStored);
        json.Number("old_mass", e.OldStoredMass);
        json.Number("forgotten_mass", e.ForgottenMass);
        json.Number("hallucination_old", e.HallucinationOld);
        json.Number("hallucination_new", e.HallucinationNew);
        json.WriteEndObject();
        json.WriteStartObject("bounds");
        json.Number("new_acquired_lower", e.NewAcquiredLower);
        json.Number("new_acquired_upper", e.NewAcquiredUpper);
        json.Number("old_stored_upper", e.OldStoredUpper);
        json.Number("old_mass_upper", e.OldStoredMassUpper);
        json.Number("hallucination_old_lower", e.HallucinationOldLower);
        json.Number("hallucination_new_lower", e.HallucinationNewLower);
        json.Number("hallucination_new_upper", e.HallucinationNewUpper);
        json.WriteEndObject();
        json.WriteStartObject("exact");
        json.Number("competitors_above", e.CompetitorsAbove);
        json.Number("competitors_tied", e.CompetitorsTied);
        json.Number("mass_above", e.MassAbove);
        json.Number("eligible_old", e.EligibleOld);
        json.Number("eligible_mass", e.EligibleOldMass);
        json.WriteEndObject();
        if (s is not null)
        {
            json.WriteStartObject("simulated");
            void Estimate(string name, Simulation.MonteCarloEstimate estimate)
            {
                json.WriteStartObject(name);
                json.Number("mean", estimate.Mean);
                json.Number("standard_error", estimate.StandardError);
                json.WriteEndObject();
            }

            Estimate("new_acquired", s.NewAcquired);
            Estimate("old_stored", s.OldStored);
            Estimate("old_mass", s.OldStoredMass);
            Estimate("forgotten_mass", s.ForgottenMass);
            Estimate("hallucination_old", s.HallucinationOld);
            Estimate("hallucination_new", s.HallucinationNew);
            Estimate("competitors_above", s.CompetitorsAbove);
            Estimate("competitors_tied", s.CompetitorsTied);
            Estimate("mass_above", s.MassAbove);
            Estimate("eligible_old", s.EligibleOld);
            Estimate("eligible_mass", s.EligibleOldMass);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
