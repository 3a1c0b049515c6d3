using System.Collections.Immutable;
using System.Globalization;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Theorems;

/// <summary>Catalog entries for docs/03-formulas/fine-tuning.md#fine-tuning-a-capacity-limited-learner (fine-tuning) and §7 (the structure function of a corpus).</summary>
internal static class FineTuningTheorems
{
    private static ulong Seed(VerificationContext c, int salt) => CounterRandom.Create(c.Seed, (ulong)(9_000 + salt)).Key;

    private static string Label(int epoch) => string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}: ");

    // A small world with replay, decay and a minimum score: every mechanism of the model is active.
    private static FineTuningParameters Small(int capacity) => FineTuningParameters.Create(
        PitmanYorParameters.Create(new Rational(1, 2), 1), pretrainingMentions: 60, capacity: capacity, newEntities: 4, repetitions: 3,
        replayMentions: 12, decay: new Rational(4, 5), epochs: 3, valueMatch: new Rational(1, 5), minimumScore: new Rational(3, 4));

    public static IEnumerable<Theorem> All()
    {
        yield return Theorem.Create(
            "finetune.linear", "9", "Fine-tuning: exact expectations of the entity profile",
            "Over PY worlds, the expected number of old entities with n pre-training and y replay mentions is C(n_pre,n) C(m,y) (1-d)_{s-1} (theta+d)_{N-s} / (theta+1)_{N-1} (s = n + y), carrying PY mass (s - d)/(theta + N) each. Hence the eligible old entities and mass, and the old competitors scoring above or tied with the new entities after every epoch, are exact rationals; simulation over worlds agrees.",
            "E[#old with score > x_t] = sum over patterns (n, y) with gamma^t n + g_t y > x_t of e(n, y); x_t = r (1 + gamma + ... + gamma^(t-1))",
            2_000,
            c =>
            {
                FineTuningParameters p = Small(capacity: 8);
                ImmutableArray<FineTuningExactEpoch> exact = FineTuning.Exact(p, c.CancellationToken);
                FineTuningForecast forecast = FineTuning.Predict(p, c.CancellationToken);
                FineTuningSimulation simulated = FineTuning.Simulate(p, c.Replicates, Seed(c, 1), cancellationToken: c.CancellationToken);
                var checks = new List<TheoremCheck>
                {
                    PitmanYorTheorems.Exact(
                        "epoch 0: eligible old mass = mass seen in pre-training, 1 - (theta+d)_n/(theta+1)_n",
                        Rational.One - NewProbability.Exact(p.Knowledge, p.PretrainingMentions),
                        exact[0].EligibleOldMass),
                };
                foreach (FineTuningExactEpoch e in exact)
                {
                    FineTuningPredictedEpoch f = forecast.Epochs[e.Epoch];
                    FineTuningSimulatedEpoch s = simulated.Epochs[e.Epoch];
                    checks.Add(Close(Label(e.Epoch) + "double forecast = exact (competitors above)", e.CompetitorsAbove.ToDouble(), f.CompetitorsAbove));
                    checks.Add(TheoremCheck.StatisticalCheck(Label(e.Epoch) + "eligible old entities", e.EligibleOld.ToDouble(), s.EligibleOld));
                    checks.Add(TheoremCheck.StatisticalCheck(Label(e.Epoch) + "eligible old mass", e.EligibleOldMass.ToDouble(), s.EligibleOldMass));
                    checks.Add(TheoremCheck.StatisticalCheck(Label(e.Epoch) + "old competitors above the new entities", e.CompetitorsAbove.ToDouble(), s.CompetitorsAbove));
                    checks.Add(TheoremCheck.PoissonCheck(Label(e.Epoch) + "old competitors tied with the new entities (rare: exact Poisson test)", e.CompetitorsTied.ToDouble(), s.CompetitorsTied));
                    checks.Add(TheoremCheck.StatisticalCheck(Label(e.Epoch) + "mass above the new entities", e.MassAbove.ToDouble(), s.MassAbove));
                }

                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "finetune.capacity-free", "9", "Fine-tuning with room to spare: acquisition, forgetting by decay, hallucination",
            "When the capacity exceeds every possible number of eligible entities, the learner stores exactly the eligible ones: all F new entities once r g_t >= kappa, the eligible old mass (which decay below kappa erodes, the only forgetting), and hallucinates on old queries at (1 - a)(1 - eligible old mass) and on new ones at (1 - a)(1 - acquired/F); simulation agrees.",
            "acquired = F 1{x_t >= kappa}; forgotten_t = E[eligible mass]_0 - E[eligible mass]_t; hallucination_old = (1 - a)(1 - E[eligible mass])",
            2_000,
            c =>
            {
                FineTuningParameters p = Small(capacity: 60 + 12 + 4);
                ImmutableArray<FineTuningExactEpoch> exact = FineTuning.Exact(p, c.CancellationToken);
                FineTuningForecast forecast = FineTuning.Predict(p, c.CancellationToken);
                FineTuningSimulation simulated = FineTuning.Simulate(p, c.Replicates, Seed(c, 2), cancellationToken: c.CancellationToken);
                double miss = 1 - p.ValueMatch.ToDouble();
                var checks = new List<TheoremCheck>();
                foreach (FineTuningExactEpoch e in exact)
                {
                    double acquired = e.NewEligible ? p.NewEntities : 0, mass = e.EligibleOldMass.ToDouble();
                    FineTuningPredictedEpoch f = forecast.Epochs[e.Epoch];
                    FineTuningSimulatedEpoch s = simulated.Epochs[e.Epoch];
                    checks.Add(Close(Label(e.Epoch) + "fluid = exact when capacity never binds (stored old mass)", mass, f.OldStoredMass));
                    checks.Add(Close(Label(e.Epoch) + "fluid = exact when capacity never binds (acquired)", acquired, f.NewAcquired));
                    checks.Add(TheoremCheck.StatisticalCheck(Label(e.Epoch) + "new facts acquired", acquired, s.NewAcquired));
                    checks.Add(TheoremCheck.StatisticalCheck(Label(e.Epoch) + "stored old mass", mass, s.OldStoredMass));
                    checks.Add(TheoremCheck.StatisticalCheck(Label(e.Epoch) + "forgotten old mass (decay below kappa)", (exact[0].EligibleOldMass - e.EligibleOldMass).ToDouble(), s.ForgottenMass));
                    checks.Add(TheoremCheck.StatisticalCheck(Label(e.Epoch) + "hallucination on old queries", miss * (1 - mass), s.HallucinationOld));
                    checks.Add(TheoremCheck.StatisticalCheck(Label(e.Epoch) + "hallucination on new queries", miss * (1 - (acquired / p.NewEntities)), s.HallucinationNew));
                }

                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "finetune.capacity", "9", "Fine-tuning a capacity-C learner: exact schedule and bounds",
            "Given the counts, the top-C store with random tie-breaking is exact: new entities displace the lowest-scoring old ones (the eviction threshold is the C-th largest decayed count) and the forgotten mass is their PY posterior mass. Over worlds, acquisition lies between F(1 - E[U]/(C - F + 1)) (Markov on the old competitors U at or above the new score) and min(F, C), the stored old mass below the eligible mass; simulation stays within these bounds.",
            "acquired = F min(1, (C - A)^+ / (B + F)), A/B = old above/tied; F (1 - E[A+B]/(C-F+1))^+ <= E[acquired] <= min(F, C)",
            2_000,
            c =>
            {
                // Hand-computed schedule: C = 4, F = 2, r = 2, no decay; pre-training counts 5,3,2,1,1,0 and replay 1,0,1,0,0,1
                // (N = 15, theta + N = 16). Epoch 0: 5,3,2 stored, one slot shared by the two 1s: mass (5.5+2.5+2.5+0.5)/16.
                // Epoch 1: scores 6,3,3,1,1,1 and the new entities at 2: 6,3,3 stored and the two new share one slot.
                var hand = FineTuningParameters.Create(PitmanYorParameters.Create(new Rational(1, 2), 1), 12, 4, 2, 2, 3, Rational.One, 1, new Rational(1, 3));
                ImmutableArray<FineTuningScheduleEpoch> schedule = FineTuning.Schedule(hand, [5, 3, 2, 1, 1, 0], [1, 0, 1, 0, 0, 1]);
                var checks = new List<TheoremCheck>
                {
                    PitmanYorTheorems.Exact("hand case, epoch 0: stored old mass", new Rational(11, 16), schedule[0].OldStoredMass),
                    PitmanYorTheorems.Exact("hand case, epoch 1: new entities acquired", Rational.One, schedule[1].NewAcquired),
                    PitmanYorTheorems.Exact("hand case, epoch 1: eviction threshold", 2, schedule[1].Threshold ?? Rational.Zero),
                    PitmanYorTheorems.Exact("hand case, epoch 1: forgotten mass", new Rational(1, 32), schedule[1].ForgottenMass),
                    PitmanYorTheorems.Exact("hand case, epoch 1: hallucination on new queries", new Rational(1, 3), schedule[1].HallucinationNew),
                };

                FineTuningParameters p = Small(capacity: 8);
                FineTuningForecast forecast = FineTuning.Predict(p, c.CancellationToken);
                FineTuningSimulation simulated = FineTuning.Simulate(p, c.Replicates, Seed(c, 3), cancellationToken: c.CancellationToken);
                foreach (FineTuningPredictedEpoch f in forecast.Epochs)
                {
                    FineTuningSimulatedEpoch s = simulated.Epochs[f.Epoch];
                    checks.Add(Within(Label(f.Epoch) + "new facts acquired within bounds", f.NewAcquiredLower, f.NewAcquiredUpper, s.NewAcquired));
                    checks.Add(Within(Label(f.Epoch) + "stored old mass below the eligible mass", 0, f.OldStoredMassUpper, s.OldStoredMass));
                    checks.Add(Within(Label(f.Epoch) + "old-query hallucination above its bound", f.HallucinationOldLower, 1, s.HallucinationOld));
                    checks.Add(Within(Label(f.Epoch) + "new-query hallucination within bounds", f.HallucinationNewLower, f.HallucinationNewUpper, s.HallucinationNew));
                }

                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "structure.threshold", "7", "Structure function: the MDL optimum is a count threshold",
            "In the additive two-part code (entity index at its empirical frequency, unknown names and values at their base cost unless the entity is stored), min_c [c + h(c)] stores exactly the entities whose saving g_k exceeds their storage cost; with equal costs w and one value base size, exactly those with more than w/u mentions. Over generated corpora the expected number stored is therefore sum_{s > w/u} E[K_{n,s}].",
            "S* = {k : g_k > w_k} = {k : n_k > w/u}; E[|S*|] = sum_{s > w/u} E[K_{n,s}]",
            1_500,
            c =>
            {
                var checks = new List<TheoremCheck>();

                // Brute force on a small corpus: the separable optimum is the minimum over all 2 * 2^K models.
                CorpusStatistics tiny = CorpusStatistics.Create([[3, 1, 2], [4, 0]], [4, 3, 1, 1, 1], [9.1, 6.7, 2.3, 2.2, 2.4]);
                StructureFunctionResult r = StructureFunction.Compute(tiny, 3.0);
                checks.Add(Close("MDL total = brute-force minimum over every model", BruteForceMdl(r, [3, 3, 3, 3, 3]), r.Optimum.Total));
                checks.Add(TheoremCheck.ExactCheck("stored set = {g_k > w}", "0;1", string.Join(';', r.Optimum.StoredEntities), string.Join(';', r.Optimum.StoredEntities) == "0;1"));

                SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 1)).WithAttributes(["field"]);
                double u = CorpusStatistics.UnknownCost(model, 0), w = 2.5 * u;
                const int n = 150;
                var stored = new double[c.Replicates];
                bool allThresholds = true;
                for (int i = 0; i < c.Replicates; i++)
                {
                    CorpusStatistics stats = CorpusStatistics.FromCorpus(model, CorpusGenerator.Generate(model, CounterRandom.Create(Seed(c, 4), (ulong)i).Key, n), c.CancellationToken);
                    MdlOptimum optimum = StructureFunction.Compute(stats, w).Optimum;
                    stored[i] = optimum.StoredEntities.Length;
                    allThresholds &= optimum.IsCountThreshold && optimum.StoredEntities.All(k => stats.EntityCounts[k] >= 3) && stats.EntityCounts.Count(x => x >= 3) == optimum.StoredEntities.Length;
                }

                PitmanYorParameters py = model.Knowledge;
                Rational expected = ExpectedDistinct.Exact(py, n) - ExpectedBlocks.Exact(py, n, 1) - ExpectedBlocks.Exact(py, n, 2);
                checks.Add(TheoremCheck.ExactCheck("every optimum stores exactly the entities with >= 3 mentions (w = 2.5 u)", "true", allThresholds ? "true" : "false", allThresholds));
                checks.Add(TheoremCheck.StatisticalCheck("E[entities stored by the MDL optimum] = E[K_n] - E[K_n,1] - E[K_n,2]", expected.ToDouble(), MonteCarlo.Summarize(stored.AsSpan())));
                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "structure.greedy-optimal", "7", "Structure function: greedy storage is optimal",
            "With equal entity costs the structure function h(c) is attained by storing entities greedily by saving (by count when every mention saves the same), so it is exact at every budget, non-increasing, and convex on the grid of whole entities; with unequal costs the greedy path by saving per cost is exact at its own budgets and brackets h elsewhere. Brute force over every subset agrees; the unknown part of h(0) has expectation n (ln N + mean_j ln M_j) over generated corpora.",
            "h(c) = L_index + L_syntax - sum of the floor((c - sigma L_syn)/w) largest g_k",
            1_500,
            c =>
            {
                var checks = new List<TheoremCheck>();
                CorpusStatistics tiny = CorpusStatistics.Create([[2, 2, 1], [3, 4]], [5, 2, 2, 1, 1, 1], [11.0, 4.4, 4.0, 2.2, 2.0, 2.1]);
                double[] unequal = [6.5, 1.5, 3.0, 0.5, 2.5, 2.2];
                foreach ((string name, StructureFunctionResult r, double[] costs) in new[]
                {
                    ("equal costs", StructureFunction.Compute(tiny, 2.5), Enumerable.Repeat(2.5, 6).ToArray()),
                    ("unequal costs", StructureFunction.Compute(tiny, unequal), unequal),
                })
                {
                    int bad = 0, inexact = 0;
                    foreach (double budget in Enumerable.Range(0, 80).Select(i => i * 0.25))
                    {
                        double h = BruteForce(r, costs, budget);
                        (double lower, double upper) = r.Evaluate(budget);
                        bad += lower <= h + 1e-9 && h <= upper + 1e-9 ? 0 : 1;
                        inexact += r.EqualCosts && Math.Abs(upper - h) > 1e-9 ? 1 : 0;
                    }

                    int pointErrors = r.Curve.Count(p => p.IsExact && Math.Abs(p.CodeLength - BruteForce(r, costs, p.Budget)) > 1e-9);
                    checks.Add(TheoremCheck.ExactCheck(name + ": brute force within [lower, upper] at 80 budgets; exact where flagged", "0 violations", string.Create(CultureInfo.InvariantCulture, $"{bad + inexact + pointErrors} violations"), bad + inexact + pointErrors == 0));
                    bool monotone = r.Curve.Zip(r.Curve.Skip(1)).All(p => p.Second.CodeLength < p.First.CodeLength && p.Second.Budget > p.First.Budget);
                    bool convex = Convex(r.SyntaxOnBranch) && Convex(r.SyntaxOffBranch);
                    checks.Add(TheoremCheck.ExactCheck(name + ": h decreasing, greedy paths convex", "true", (monotone && convex) ? "true" : "false", monotone && convex));
                }

                SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 3), 2));
                const int n = 120;
                var unknown = new double[c.Replicates];
                for (int i = 0; i < c.Replicates; i++)
                {
                    CorpusStatistics stats = CorpusStatistics.FromCorpus(model, CorpusGenerator.Generate(model, CounterRandom.Create(Seed(c, 5), (ulong)i).Key, n), c.CancellationToken);
                    StructureFunctionResult r = StructureFunction.Compute(stats, 10.0);
                    unknown[i] = r.Curve[0].CodeLength - r.IndexCodeLength - r.SyntaxCodeLengthUniform;
                }

                double perMention = model.Names.Entropy() + model.Attributes.Average(a => Math.Log(a.Values.Length));
                checks.Add(TheoremCheck.StatisticalCheck("E[unknown part of h(0)] = n (ln N + mean_j ln M_j)", n * perMention, MonteCarlo.Summarize(unknown.AsSpan())));
                c.Progress?.Report(1);
                return checks;
            });
    }

    private static TheoremCheck Close(string name, double expected, double observed)
    {
        // Both sides are the same expectation; the bound covers double rounding of sums of a few thousand terms and log-gamma.
        bool passed = Math.Abs(expected - observed) <= 1e-9 * Math.Max(1, Math.Abs(expected));
        return new TheoremCheck(CheckKind.Exact, name, passed, expected.ToString("R", CultureInfo.InvariantCulture), observed.ToString("R", CultureInfo.InvariantCulture), double.NaN,
            passed ? "equal to rounding (1e-9 relative)" : "DIFFER");
    }

    // A bound check: the Monte Carlo mean must lie in [lower - t se, upper + t se], t = Tolerance.
    private static TheoremCheck Within(string name, double lower, double upper, MonteCarloEstimate estimate)
    {
        double slack = (TheoremCheck.Tolerance * estimate.StandardError) + 1e-12;
        bool passed = estimate.Mean >= lower - slack && estimate.Mean <= upper + slack;
        double scale = estimate.StandardError + (1e-12 / TheoremCheck.Tolerance); // finite z even with zero spread
        double z = estimate.Mean < lower ? (estimate.Mean - lower) / scale : estimate.Mean > upper ? (estimate.Mean - upper) / scale : 0;
        return new TheoremCheck(CheckKind.Statistical, name, passed, string.Create(CultureInfo.InvariantCulture, $"[{lower:G6}, {upper:G6}]"), estimate.ToString(), z,
            passed ? string.Create(CultureInfo.InvariantCulture, $"within the rigorous bounds ({TheoremCheck.Tolerance} standard errors)") : "OUTSIDE the bounds");
    }

    private static bool Convex(ImmutableArray<StructurePoint> branch)
    {
        for (int i = 2; i < branch.Length; i++)
        {
            double s1 = (branch[i - 1].CodeLength - branch[i - 2].CodeLength) / (branch[i - 1].Budget - branch[i - 2].Budget);
            double s2 = (branch[i].CodeLength - branch[i - 1].CodeLength) / (branch[i].Budget - branch[i - 1].Budget);
            if (s2 < s1 - 1e-9)
            {
                return false;
            }
        }

        return true;
    }

    // h(c) by enumerating every (syntax, subset) model; the parts come from the result, the search is independent.
    internal static double BruteForce(StructureFunctionResult r, double[] costs, double budget)
    {
        int k = r.Corpus.Entities;
        double best = double.PositiveInfinity;
        for (int syntax = 0; syntax < 2; syntax++)
        {
            double baseCost = syntax == 1 ? r.SyntaxModelCost : 0;
            double baseData = r.IndexCodeLength + (syntax == 1 ? r.SyntaxCodeLengthLearned : r.SyntaxCodeLengthUniform);
            for (int mask = 0; mask < 1 << k; mask++)
            {
                double cost = baseCost, data = baseData;
                for (int e = 0; e < k; e++)
                {
                    if ((mask & (1 << e)) != 0)
                    {
                        cost += costs[e];
                    }
                    else
                    {
                        data += r.Corpus.EntityGains[e];
                    }
                }

                if (cost <= budget + 1e-9)
                {
                    best = Math.Min(best, data);
                }
            }
        }

        return best;
    }

    private static double BruteForceMdl(StructureFunctionResult r, double[] costs)
    {
        int k = r.Corpus.Entities;
        double best = double.PositiveInfinity;
        for (int syntax = 0; syntax < 2; syntax++)
        {
            for (int mask = 0; mask < 1 << k; mask++)
            {
                double total = r.IndexCodeLength + (syntax == 1 ? r.SyntaxModelCost + r.SyntaxCodeLengthLearned : r.SyntaxCodeLengthUniform);
                for (int e = 0; e < k; e++)
                {
                    total += (mask & (1 << e)) != 0 ? costs[e] : r.Corpus.EntityGains[e];
                }

                best = Math.Min(best, total);
            }
        }

        return best;
    }
}
