using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Laws;

/// <summary>The structure function (docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law): brute force over every model, the Python reference, the threshold
/// property, monotonicity and convexity, corpus statistics and Monte Carlo over generated corpora.</summary>
public sealed class StructureFunctionTests
{
    private static double[] Doubles(string text) => [.. text.Split(';').Select(x => double.Parse(x, CultureInfo.InvariantCulture))];

    private static long[] Longs(string text) => [.. text.Split(';').Select(x => long.Parse(x, CultureInfo.InvariantCulture))];

    [Fact]
    public void Compute_EqualsPythonBruteForce()
    {
        var expected = Golden.Read("structure_function.csv");
        foreach (var c in Golden.Read("structure_cases.csv"))
        {
            IReadOnlyList<long>[] templates = [.. c["templates"].Split('|').Select(t => (IReadOnlyList<long>)Longs(t))];
            var stats = CorpusStatistics.Create(templates, Longs(c["entity_counts"]), Doubles(c["entity_gains"]));
            double[] costs = Doubles(c["entity_costs"]);
            double syntax = c.D("syntax_parameter_cost");
            StructureFunctionResult r = costs.Distinct().Count() == 1 ? StructureFunction.Compute(stats, costs[0], syntax) : StructureFunction.Compute(stats, costs, syntax);
            Assert.Equal(costs.Distinct().Count() == 1, r.EqualCosts);
            foreach (var row in expected.Where(x => x["case"] == c["case"]))
            {
                double value = row["expected"] is "none" ? double.NaN : double.TryParse(row["expected"], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
                string where = $"case {c["case"]}, {row["quantity"]} at {row["budget"]}";
                switch (row["quantity"])
                {
                    case "h":
                        (double lower, double upper) = r.Evaluate(row.D("budget"));
                        Assert.True(lower <= value + 1e-9 && value <= upper + 1e-9, $"{where}: {value:R} not in [{lower:R}, {upper:R}]");
                        if (r.EqualCosts)
                        {
                            Assert.Equal(value, upper, 1e-9);
                            Assert.Equal(lower, upper);
                        }

                        break;
                    case "mdl_total":
                        Assert.True(Math.Abs(value - r.Optimum.Total) <= 1e-9, $"{where}: {r.Optimum.Total:R} != {value:R}");
                        break;
                    case "mdl_syntax":
                        Assert.Equal(row["expected"] == "1", r.Optimum.SyntaxStored);
                        break;
                    default:
                        Assert.Equal(row["expected"], r.Optimum.StoredEntities.IsEmpty ? "none" : string.Join(';', r.Optimum.StoredEntities));
                        break;
                }
            }
        }
    }

    [Property(MaxTest = 60)]
    public Property Compute_EqualCosts_IsExactAtEveryBudget_AgainstBruteForce(PositiveInt seed)
    {
        (CorpusStatistics stats, _) = RandomStatistics(seed.Get, uniformSaving: false);
        var random = new Random(seed.Get + 1);
        double w = 1 + (random.NextDouble() * 20);
        StructureFunctionResult r = StructureFunction.Compute(stats, w, random.NextDouble() * 3);
        double[] costs = [.. Enumerable.Repeat(w, stats.Entities)];
        double maximum = r.Curve[^1].Budget + w;
        bool ok = true;
        for (int i = 0; i <= 60; i++)
        {
            double budget = maximum * i / 60;
            if (NearBreakpoint(r, budget))
            {
                continue;
            }

            (double lower, double upper) = r.Evaluate(budget);
            double h = BruteForce(r, costs, budget);
            ok &= lower == upper && Math.Abs(upper - h) <= 1e-9 * Math.Max(1, h);
        }

        double mdl = r.Curve.Min(p => p.Budget + p.CodeLength);
        ok &= Math.Abs(mdl - r.Optimum.Total) <= 1e-9 * r.Optimum.Total;
        return ok.Label($"K = {stats.Entities}, w = {w}");
    }

    [Property(MaxTest = 60)]
    public Property Compute_UnequalCosts_BracketsBruteForce_AndIsExactWhereFlagged(PositiveInt seed)
    {
        (CorpusStatistics stats, _) = RandomStatistics(seed.Get, uniformSaving: false);
        var random = new Random(seed.Get + 2);
        double[] costs = [.. Enumerable.Range(0, stats.Entities).Select(_ => random.Next(0, 8) == 0 ? 0 : Math.Round(random.NextDouble() * 25, 3))];
        StructureFunctionResult r = StructureFunction.Compute(stats, costs);
        bool ok = true;
        double maximum = costs.Sum() + r.SyntaxModelCost + 1;
        for (int i = 0; i <= 80; i++)
        {
            double budget = maximum * i / 80;
            if (NearBreakpoint(r, budget))
            {
                continue;
            }

            (double lower, double upper) = r.Evaluate(budget);
            double h = BruteForce(r, costs, budget);
            ok &= lower <= h + 1e-9 && h <= upper + 1e-9;
        }

        ok &= r.Curve.Where(p => p.IsExact).All(p => Math.Abs(p.CodeLength - BruteForce(r, costs, p.Budget)) <= 1e-9 * Math.Max(1, p.CodeLength));
        ok &= r.SyntaxOffBranch.Concat(r.SyntaxOnBranch).All(p => Math.Abs(p.CodeLength - BruteForce(r, costs, p.Budget, onlySyntax: p.SyntaxStored)) <= 1e-9 * Math.Max(1, p.CodeLength));
        double mdl = BruteForceMdl(r, costs);
        ok &= Math.Abs(mdl - r.Optimum.Total) <= 1e-9 * mdl;
        return ok.Label($"K = {stats.Entities}, costs = [{string.Join(", ", costs)}]");
    }

    [Property(MaxTest = 80)]
    public Property Compute_CurveDecreases_AndGreedyPathsAreConvex(PositiveInt seed)
    {
        (CorpusStatistics stats, _) = RandomStatistics(seed.Get, uniformSaving: false);
        StructureFunctionResult r = StructureFunction.Compute(stats, 4.5);
        bool decreasing = r.Curve.Zip(r.Curve.Skip(1)).All(p => p.Second.Budget > p.First.Budget && p.Second.CodeLength < p.First.CodeLength);
        bool convex = Convex(r.SyntaxOffBranch) && Convex(r.SyntaxOnBranch);
        bool start = r.Curve[0].Budget == 0 && Math.Abs(r.Curve[0].CodeLength - (r.IndexCodeLength + r.SyntaxCodeLengthUniform + r.UnknownCodeLength)) <= 1e-9 * r.Curve[0].CodeLength;
        bool end = Math.Abs(r.Curve[^1].CodeLength - (r.IndexCodeLength + Math.Min(r.SyntaxCodeLengthLearned, r.SyntaxCodeLengthUniform))) <= 1e-9 * r.Curve[0].CodeLength;
        return (decreasing && convex && start && end).Label($"K = {stats.Entities}");
    }

    [Property(MaxTest = 80)]
    public Property Optimum_WithUniformSaving_StoresExactlyTheEntitiesAboveTheCountThreshold(PositiveInt seed)
    {
        (CorpusStatistics stats, double u) = RandomStatistics(seed.Get, uniformSaving: true);
        double w = u * (0.5 + (new Random(seed.Get).Next(0, 8) * 0.7));
        MdlOptimum o = StructureFunction.Compute(stats, w).Optimum;
        int[] above = [.. Enumerable.Range(0, stats.Entities).Where(k => stats.EntityCounts[k] * u > w)];
        bool same = above.SequenceEqual(o.StoredEntities);
        bool threshold = o.IsCountThreshold && Math.Abs(o.CountThresholdLower - (w / u)) <= 1e-9 * (w / u) && Math.Abs(o.CountThresholdUpper - (w / u)) <= 1e-9 * (w / u);
        return (same && threshold).Label($"w/u = {w / u}, counts = [{string.Join(", ", stats.EntityCounts)}]");
    }

    [Fact]
    public void Compute_HandExample_PartsAndOptimum()
    {
        // Two attributes (2 and 1 templates), entities with 3, 1 mentions; gains 30 and 5; w = 10; syntax cost 1 per parameter.
        var stats = CorpusStatistics.Create([[2, 1], [1]], [3, 1], [30, 5]);
        StructureFunctionResult r = StructureFunction.Compute(stats, 10, 1);
        Assert.Equal(2, stats.SyntaxParameters);
        Assert.Equal(4 * Math.Log(4) - (3 * Math.Log(3)), r.IndexCodeLength, 12);
        Assert.Equal(4 * Math.Log(4) - (2 * Math.Log(2)), r.SyntaxCodeLengthLearned, 12);
        Assert.Equal((3 * (Math.Log(2) + Math.Log(2))) + Math.Log(2), r.SyntaxCodeLengthUniform, 12);
        Assert.Equal(35, r.UnknownCodeLength);
        Assert.Equal(0, Assert.Single(r.Optimum.StoredEntities));
        Assert.Equal(3, r.Optimum.MinimumStoredCount);
        Assert.Equal(1, r.Optimum.MaximumUnstoredCount);
        Assert.False(r.Optimum.SyntaxStored); // 2 + 6 ln 2 > 7 ln 2: two parameters are not worth their cost on four sentences
        Assert.Equal(10, r.Optimum.ModelCost, 12);
        Assert.Equal(r.IndexCodeLength + r.SyntaxCodeLengthUniform + 5, r.Optimum.DataCodeLength, 12);
        Assert.Equal(r.Optimum.DataCodeLength, r.Evaluate(10).Upper, 12);
        Assert.Equal(r.Evaluate(10).Upper, r.Evaluate(10).Lower);
        Assert.Equal(r.IndexCodeLength + r.SyntaxCodeLengthLearned + 35, r.Evaluate(9.99).Upper, 12); // below w the syntax (cost 2) is the best buy
    }

    [Fact]
    public void FromCorpus_CountsEveryMention_AndIsDeterministic()
    {
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 1));
        var sentences = CorpusGenerator.Generate(model, 7, 300).ToList();
        CorpusStatistics stats = CorpusStatistics.FromCorpus(model, sentences);
        Assert.Equal(300, stats.Sentences);
        Assert.Equal(sentences.Select(s => s.Entity).Distinct().Count(), stats.Entities);
        Assert.Equal(Enumerable.Range(0, stats.Entities), stats.EntityIds);
        for (int k = 0; k < stats.Entities; k++)
        {
            double gain = sentences.Where(s => s.Entity == k).Sum(s => CorpusStatistics.UnknownCost(model, s.Attribute));
            Assert.Equal(gain, stats.EntityGains[k], 9);
            Assert.Equal(sentences.Count(s => s.Entity == k), stats.EntityCounts[k]);
        }

        Assert.Equal(sentences.Count(s => s.Attribute == 1 && s.Template == 2), stats.TemplateCounts[1][2]);
        Assert.Equal(stats, CorpusStatistics.FromCorpus(model, CorpusGenerator.Generate(model, 7, 300)));
        Assert.Equal(model.Names.Entropy() + Math.Log(200), CorpusStatistics.UnknownCost(model, 1), 12);
        Assert.Equal(model.Names.Entropy() + Math.Log(240 * 200 * 80 * 300 * 40.0) + (0.5 * Math.Log(300)), StructureFunction.DefaultEntityCost(model, 300), 9);
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void Optimum_OverGeneratedCorpora_StoresOnAverageTheExpectedNumberOfFrequentEntities()
    {
        // One attribute: every mention saves u = ln N + ln 40; with w = 3.5 u the optimum stores entities with >= 4 mentions.
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(2, 3), 2)).WithAttributes(["field"]);
        double u = CorpusStatistics.UnknownCost(model, 0);
        const int n = 200;
        int replicates = TestScale.Replicates(500);
        double[] stored = new double[replicates];
        for (int i = 0; i < replicates; i++)
        {
            CorpusStatistics stats = CorpusStatistics.FromCorpus(model, CorpusGenerator.Generate(model, CounterRandom.Create(77, (ulong)i).Key, n));
            stored[i] = StructureFunction.Compute(stats, 3.5 * u).Optimum.StoredEntities.Length;
        }

        PitmanYorParameters p = model.Knowledge;
        Rational expected = ExpectedDistinct.Exact(p, n) - ExpectedBlocks.Exact(p, n, 1) - ExpectedBlocks.Exact(p, n, 2) - ExpectedBlocks.Exact(p, n, 3);
        MonteCarloEstimate estimate = MonteCarlo.Summarize(stored.AsSpan());
        Assert.True(estimate.IsConsistentWith(expected.ToDouble()), $"{estimate} vs {expected.ToDouble():G10}");
    }

    [Fact]
    public void BadInput_ThrowsNamingTheParameter()
    {
        Assert.Equal("entityCounts", Assert.Throws<ArgumentException>(() => CorpusStatistics.Create([[2, 1]], [2, 2], [1, 1])).ParamName);
        Assert.Equal("entityCounts", Assert.Throws<ArgumentException>(() => CorpusStatistics.Create([[2, 1]], [3, 0], [1, 1])).ParamName);
        Assert.Equal("entityGains", Assert.Throws<ArgumentException>(() => CorpusStatistics.Create([[2, 1]], [3], [1, 1])).ParamName);
        Assert.Equal("entityGains", Assert.Throws<ArgumentException>(() => CorpusStatistics.Create([[2, 1]], [3], [double.NaN])).ParamName);
        Assert.Equal("templateCounts", Assert.Throws<ArgumentException>(() => CorpusStatistics.Create([], [3], [1])).ParamName);
        var stats = CorpusStatistics.Create([[2, 1]], [3], [1]);
        Assert.Equal("entityCost", Assert.Throws<ArgumentOutOfRangeException>(() => StructureFunction.Compute(stats, -1)).ParamName);
        Assert.Equal("syntaxParameterCost", Assert.Throws<ArgumentOutOfRangeException>(() => StructureFunction.Compute(stats, 1, double.NaN)).ParamName);
        Assert.Equal("entityCosts", Assert.Throws<ArgumentException>(() => StructureFunction.Compute(stats, [1.0, 2.0])).ParamName);
        Assert.Equal("budget", Assert.Throws<ArgumentOutOfRangeException>(() => StructureFunction.Compute(stats, 1).Evaluate(-1)).ParamName);
    }

    // Random small statistics: up to 9 entities; uniformSaving gives every mention the same unknown cost u.
    private static (CorpusStatistics Stats, double U) RandomStatistics(int seed, bool uniformSaving)
    {
        var random = new Random(seed);
        int attributes = random.Next(1, 4), entities = random.Next(1, 10);
        int[] templates = [.. Enumerable.Range(0, attributes).Select(_ => random.Next(1, 4))];
        double u = Math.Log(random.Next(2, 50));
        double[] valueCost = [.. Enumerable.Range(0, attributes).Select(_ => uniformSaving ? 0 : Math.Log(random.Next(2, 9)))];
        long[][] templateCounts = [.. templates.Select(m => new long[m])];
        var counts = new long[entities];
        var gains = new double[entities];
        for (int k = 0; k < entities; k++)
        {
            counts[k] = random.Next(1, 8);
            for (int i = 0; i < counts[k]; i++)
            {
                int j = random.Next(attributes);
                templateCounts[j][random.Next(templates[j])]++;
                gains[k] += u + valueCost[j];
            }
        }

        return (CorpusStatistics.Create([.. templateCounts.Select(t => (IReadOnlyList<long>)t)], counts, gains), u);
    }

    // A budget within rounding of a model cost could fall on either side of it depending on the order of summation.
    private static bool NearBreakpoint(StructureFunctionResult r, double budget) =>
        budget > 0 && r.SyntaxOffBranch.Concat(r.SyntaxOnBranch).Any(p => Math.Abs(p.Budget - budget) <= 1e-9 * Math.Max(1, budget));

    private static bool Convex(System.Collections.Immutable.ImmutableArray<StructurePoint> branch)
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

    // h(c) by enumerating all 2 x 2^K models (optionally only one syntax choice).
    private static double BruteForce(StructureFunctionResult r, double[] costs, double budget, bool? onlySyntax = null)
    {
        int k = r.Corpus.Entities;
        double best = double.PositiveInfinity;
        for (int syntax = 0; syntax < 2; syntax++)
        {
            if (onlySyntax is { } only && only != (syntax == 1))
            {
                continue;
            }

            for (int mask = 0; mask < 1 << k; mask++)
            {
                double cost = syntax == 1 ? r.SyntaxModelCost : 0;
                double data = r.IndexCodeLength + (syntax == 1 ? r.SyntaxCodeLengthLearned : r.SyntaxCodeLengthUniform);
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

                if (cost <= budget * (1 + 1e-12))
                {
                    best = Math.Min(best, data);
                }
            }
        }

        return best;
    }

    private static double BruteForceMdl(StructureFunctionResult r, double[] costs)
    {
        double best = double.PositiveInfinity;
        for (int syntax = 0; syntax < 2; syntax++)
        {
            for (int mask = 0; mask < 1 << r.Corpus.Entities; mask++)
            {
                double total = r.IndexCodeLength + (syntax == 1 ? r.SyntaxModelCost + r.SyntaxCodeLengthLearned : r.SyntaxCodeLengthUniform);
                for (int e = 0; e < r.Corpus.Entities; e++)
                {
                    total += (mask & (1 << e)) != 0 ? costs[e] : r.Corpus.EntityGains[e];
                }

                best = Math.Min(best, total);
            }
        }

        return best;
    }
}
