using System.Collections.Immutable;
using System.Numerics;
using SyntaxKnowledge.Evaluation;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Tests.Evaluation;

/// <summary>
/// <see cref="ExcessLoss"/>: a model equal to the comparator has no excess and no error, a model worse by c nats per token has excess c,
/// a model that beats the optimum on name tokens is flagged improper once a group holds enough entities, training-count buckets are
/// powers of two, non-finite model values are counted, and the entity bootstrap is reproducible and of the size the linearised
/// ratio estimator predicts.
/// </summary>
public sealed class ExcessLossTests
{
    private const int Train = 200, Eval = 120;

    private static readonly Lazy<EvaluationRecord[]> Records = new(() =>
    {
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 1)).WithTokenization(Tokenization.Pieces);
        var corpus = CorpusGenerator.Generate(model, 23, Train + Eval).Select(s => (IReadOnlyList<string>)s.Tokens);
        return [.. SplitEvaluation.Evaluate(model, corpus, Train, Eval)];
    });

    private static readonly ImmutableArray<TokenTag> SyntheticTags = [TokenTag.Syntax, TokenTag.Name, TokenTag.Name, TokenTag.Value, TokenTag.Syntax];

    /// <summary>Scores every record with a model derived token by token from the comparator.</summary>
    private static List<ScoredSentence> Scored(EvaluationMode mode, Func<EvaluationRecord, int, double, double> model) =>
        [.. Records.Value.Select(r => ScoredSentence.Pair(r, mode, new ModelLogProbabilities(r.Index, [.. r.LogProbabilities(mode).Select((lp, t) => model(r, t, lp))])))];

    /// <summary>One sentence per entity, five tokens (syntax, name, name, value, syntax), comparator log-probabilities varying by entity.</summary>
    private static ScoredSentence Synthetic(int entity, long trainCount, Func<int, double, double> model, bool factSeen = false)
    {
        ImmutableArray<double> comparator = [-0.5 - (entity % 3), -2 - (0.25 * entity), -0.125, -3.5 - (entity % 5), -0.01];
        return new ScoredSentence(1000 + entity, entity, trainCount, factSeen, SyntheticTags, comparator, [.. comparator.Select((lp, t) => model(t, lp))]);
    }

    private static string Bucket(long count) => count == 0 ? "0" : count == 1 ? "1" : $"{1L << BitOperations.Log2((ulong)count)}-{(2L << BitOperations.Log2((ulong)count)) - 1}";

    [Theory]
    [InlineData(EvaluationMode.Frozen)]
    [InlineData(EvaluationMode.Continuation)]
    public void Build_ModelIsTheComparator_ExcessAndStandardErrorAreExactlyZeroInEveryGroup(EvaluationMode mode)
    {
        ExcessLossReport report = ExcessLoss.Build(Scored(mode, (_, _, lp) => lp), mode, Train, 200, 5);
        Assert.True(report.Groups.Length >= 10, $"{report.Groups.Length} groups");
        foreach (ExcessLossGroup g in report.Groups)
        {
            Assert.Equal(g.ComparatorNats, g.ModelNats);
            Assert.Equal(0.0, g.ExcessNats);
            Assert.Equal(0.0, g.ExcessNatsPerToken);
            Assert.Equal(0.0, g.StandardErrorNatsPerToken);
            Assert.Equal(0.0, g.StandardErrorNatsPerSentence);
            Assert.Equal(0, g.NonFiniteTokens);
            Assert.False(g.Improper, g.Group);
        }

        Assert.Equal(mode, report.Mode);
        Assert.Equal(Eval, report.Sentences);
        Assert.Equal(Records.Value.Select(r => r.Entity).Distinct().Count(), report.Entities);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(0.001)]
    public void Build_ModelWorseByCNatsOnEveryToken_HasExcessExactlyCPerToken(double c)
    {
        ExcessLossReport report = ExcessLoss.Build(Scored(EvaluationMode.Frozen, (_, _, lp) => lp - c), EvaluationMode.Frozen, Train, 200, 1);
        foreach (ExcessLossGroup g in report.Groups)
        {
            Assert.Equal(c, g.ExcessNatsPerToken, 1e-12);
            Assert.Equal(c / Math.Log(2), g.ExcessBitsPerToken, 1e-12);
            Assert.Equal(c * g.Tokens / g.Sentences, g.ExcessNatsPerSentence, 1e-9);

            // Every replicate's excess is c up to rounding of the sums; a one-pass variance (Σx² − n·mean²) left a floor of
            // c·sqrt(ε) ≈ 1e-8·c here, which Welford's update removes.
            Assert.InRange(g.StandardErrorNatsPerToken, 0, 1e-12); // rounding of the group sums (a few nats each), not of c
            Assert.False(g.Improper, g.Group);
        }
    }

    [Fact]
    public void Build_GroupTotals_AreIndependentSumsOverTheRecords()
    {
        var random = new Random(3);
        List<ScoredSentence> scored = Scored(EvaluationMode.Frozen, (_, _, lp) => lp - random.NextDouble());
        ExcessLossReport report = ExcessLoss.Build(scored, EvaluationMode.Frozen, Train, 50, 1);
        ExcessLossGroup all = report.Total;
        Assert.Equal("all", all.Group);
        Assert.Equal(scored.Sum(s => (long)s.Tags.Length), all.Tokens);
        Assert.Equal(scored.Count, all.Sentences);
        Assert.Equal(scored.Select(s => s.Entity).Distinct().Count(), all.Entities);
        Assert.Equal(-scored.Sum(s => s.ModelLogProbabilities.Sum()), all.ModelNats, 1e-9);
        Assert.Equal(-scored.Sum(s => s.ComparatorLogProbabilities.Sum()), all.ComparatorNats, 1e-9);

        foreach (TokenTag tag in Enum.GetValues<TokenTag>())
        {
            string name = tag.ToString().ToLowerInvariant();
            ExcessLossGroup g = report.Groups.Single(x => x.By == "tag" && x.Tag == name);
            Assert.Equal(name, g.Group);
            Assert.Equal(scored.Sum(s => (long)s.Tags.Count(t => t == tag)), g.Tokens);
            Assert.Equal(-scored.Sum(s => s.ModelLogProbabilities.Where((_, t) => s.Tags[t] == tag).Sum()), g.ModelNats, 1e-9);
        }

        foreach (bool seen in new[] { true, false })
        {
            ExcessLossGroup g = report.Groups.Single(x => x.Group == (seen ? "fact=seen/all" : "fact=unseen/all"));
            Assert.Equal(scored.Where(s => s.FactSeen == seen).Sum(s => (long)s.Tags.Length), g.Tokens);
            Assert.Equal(scored.Where(s => s.FactSeen == seen).Select(s => s.Entity).Distinct().Count(), g.Entities);
        }
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(1L, "1")]
    [InlineData(2L, "2-3")]
    [InlineData(3L, "2-3")]
    [InlineData(4L, "4-7")]
    [InlineData(7L, "4-7")]
    [InlineData(8L, "8-15")]
    [InlineData(1023L, "512-1023")]
    [InlineData(1024L, "1024-2047")]
    [InlineData(long.MaxValue, "4611686018427387904-9223372036854775807")]
    public void BucketLabel_IsZeroOneThenPowersOfTwo(long count, string label)
    {
        Assert.Equal(label, ExcessLoss.BucketLabel(count));
    }

    [Fact]
    public void BucketLabel_NegativeCount_Fails()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExcessLoss.BucketLabel(-1));
    }

    [Fact]
    public void Build_TrainCountGroups_HoldTheTokensOfTheirBucket_InGroupOrder()
    {
        List<ScoredSentence> scored = Scored(EvaluationMode.Frozen, (_, _, lp) => lp - 0.25);
        ExcessLossReport report = ExcessLoss.Build(scored, EvaluationMode.Frozen, Train, 0, 0);
        var expected = scored.GroupBy(s => Bucket(s.TrainCount)).ToDictionary(g => g.Key, g => g.Sum(s => (long)s.Tags.Length), StringComparer.Ordinal);
        Assert.True(expected.Count >= 4, $"{expected.Count} buckets: the fixture must reach beyond 0, 1, 2-3");
        ExcessLossGroup[] buckets = [.. report.Groups.Where(g => g.By == "train_count" && g.Tag == "all")];
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), buckets.Select(g => g.Bucket).Order(StringComparer.Ordinal));
        Assert.All(buckets, g => Assert.Equal(expected[g.Bucket], g.Tokens));
        Assert.All(buckets, g => Assert.Equal("train=" + g.Bucket + "/all", g.Group));

        // Order: all, the tags, the buckets by increasing count (each "all" then its tags), then fact seen and unseen.
        string[] by = ["all", "tag", "train_count", "fact"];
        int[] ranks = [.. report.Groups.Select(g => Array.IndexOf(by, g.By))];
        Assert.Equal(ranks.Order(), ranks);
        Assert.Equal(["syntax", "name", "value"], report.Groups.Where(g => g.By == "tag").Select(g => g.Tag));
        long[] lowers = [.. buckets.Select(g => long.Parse(g.Bucket.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal(lowers.Order(), lowers);
        Assert.Equal(["seen", "seen", "seen", "seen", "unseen", "unseen", "unseen", "unseen"], report.Groups.Where(g => g.By == "fact").Select(g => g.Bucket));
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(9, true)]
    public void Build_ModelBeatsTheOptimumOnNames_IsImproperOnlyWithAtLeastFiveEntities(int entities, bool flagged)
    {
        const double c = 6;
        List<ScoredSentence> scored = [.. Enumerable.Range(0, entities).Select(e => Synthetic(e, 0, (t, lp) => SyntheticTags[t] == TokenTag.Name ? lp + c : lp))];
        ExcessLossReport report = ExcessLoss.Build(scored, EvaluationMode.Frozen, Train, 200, 2);
        Assert.True(ExcessLoss.MinimumEntitiesToFlag == 5);
        ExcessLossGroup name = report.Groups.Single(g => g.Group == "name");
        Assert.Equal(-c, name.ExcessNatsPerToken, 1e-12);
        Assert.Equal(entities, name.Entities);

        // Every group holding name tokens beats the optimum; syntax and value tokens are scored exactly as the comparator.
        string[] expected = flagged ? [.. report.Groups.Where(g => g.Tag is "name" or "all").Select(g => g.Group)] : [];
        Assert.Equal(expected, report.ImproperGroups.Select(g => g.Group));
        Assert.True(report.Groups.Length == 1 + 3 + 4 + 4, string.Join(", ", report.Groups.Select(g => g.Group)));
    }

    [Fact]
    public void Build_ImproperFlag_IsPerGroup_ABucketOfFourEntitiesIsNotFlagged()
    {
        Func<int, double, double> cheat = (t, lp) => SyntheticTags[t] == TokenTag.Name ? lp + 6 : lp;
        List<ScoredSentence> scored = [.. Enumerable.Range(0, 6).Select(e => Synthetic(e, 0, cheat)), .. Enumerable.Range(6, 4).Select(e => Synthetic(e, 1, cheat))];
        ExcessLossReport report = ExcessLoss.Build(scored, EvaluationMode.Frozen, Train, 200, 2);
        Assert.True(report.Groups.Single(g => g.Group == "train=0/name").Improper);
        Assert.False(report.Groups.Single(g => g.Group == "train=1/name").Improper);
        Assert.True(report.Groups.Single(g => g.Group == "name").Improper);
        Assert.Equal(4, report.Groups.Single(g => g.Group == "train=1/name").Entities);
    }

    [Fact]
    public void Build_RealSplit_NamesPlusSixNats_IsFlaggedWhereGroupsHoldFiveEntitiesOrMore()
    {
        ExcessLossReport report = ExcessLoss.Build(Scored(EvaluationMode.Frozen, (r, t, lp) => r.Tags[t] == TokenTag.Name ? lp + 6 : lp), EvaluationMode.Frozen, Train, 200, 3);
        Assert.True(report.Total.Improper);
        Assert.True(report.Groups.Single(g => g.Group == "name").Improper);
        Assert.False(report.Groups.Single(g => g.Group == "syntax").Improper);
        Assert.Contains(report.Groups, g => g.Tag == "name" && g.Entities < ExcessLoss.MinimumEntitiesToFlag);
        Assert.All(report.Groups.Where(g => g.Entities < ExcessLoss.MinimumEntitiesToFlag), g => Assert.False(g.Improper, g.Group));
        Assert.All(report.Groups.Where(g => g.Tag == "name" && g.Entities >= ExcessLoss.MinimumEntitiesToFlag), g => Assert.True(g.Improper, g.Group));
    }

    [Fact]
    public void Build_NaNAndMinusInfinityModelValues_AreCountedAsNonFiniteTokens_NotErrors()
    {
        // Entity 0: name token 1 is NaN, value token 3 is -Infinity (probability 0). The other entities are finite.
        List<ScoredSentence> scored =
        [
            Synthetic(0, 0, (t, lp) => t == 1 ? double.NaN : t == 3 ? double.NegativeInfinity : lp - 1),
            .. Enumerable.Range(1, 6).Select(e => Synthetic(e, 2, (_, lp) => lp - 1)),
        ];
        ExcessLossReport report = ExcessLoss.Build(scored, EvaluationMode.Frozen, Train, 100, 4);
        Assert.Equal(2, report.Total.NonFiniteTokens);
        Assert.True(double.IsNaN(report.Total.ModelNats));
        ExcessLossGroup name = report.Groups.Single(g => g.Group == "name"), value = report.Groups.Single(g => g.Group == "value"), syntax = report.Groups.Single(g => g.Group == "syntax");
        Assert.Equal(1, name.NonFiniteTokens);
        Assert.True(double.IsNaN(name.ModelNats));
        Assert.Equal(1, value.NonFiniteTokens);
        Assert.Equal(double.PositiveInfinity, value.ModelNats);
        Assert.Equal(double.PositiveInfinity, value.ExcessNatsPerToken);
        Assert.Equal(0, syntax.NonFiniteTokens);
        Assert.Equal(1.0, syntax.ExcessNatsPerToken, 1e-12);

        // Groups without entity 0 stay finite and exact.
        ExcessLossGroup clean = report.Groups.Single(g => g.Group == "train=2-3/all");
        Assert.Equal(0, clean.NonFiniteTokens);
        Assert.Equal(1.0, clean.ExcessNatsPerToken, 1e-12);
        Assert.Empty(report.ImproperGroups);
    }

    [Fact]
    public void Build_Bootstrap_IsReproducibleForASeed_NonNegative_AndNaNWithoutReplicates()
    {
        var random = new Random(11);
        List<ScoredSentence> scored = Scored(EvaluationMode.Frozen, (_, _, lp) => lp - (2 * random.NextDouble()));
        ExcessLossReport a = ExcessLoss.Build(scored, EvaluationMode.Frozen, Train, 100, 7);
        Assert.Equal(a, ExcessLoss.Build(scored, EvaluationMode.Frozen, Train, 100, 7));
        Assert.Equal(a, ExcessLoss.Build(Enumerable.Reverse(scored).Reverse(), EvaluationMode.Frozen, Train, 100, 7));
        Assert.NotEqual(a.Total.StandardErrorNatsPerToken, ExcessLoss.Build(scored, EvaluationMode.Frozen, Train, 100, 8).Total.StandardErrorNatsPerToken);
        Assert.All(a.Groups, g => Assert.False(g.StandardErrorNatsPerToken < 0 || g.StandardErrorNatsPerSentence < 0, g.Group));
        Assert.All(a.Groups.Where(g => g.Entities >= 2), g => Assert.True(g.StandardErrorNatsPerToken > 0, $"{g.Group}: SE {g.StandardErrorNatsPerToken}"));

        ExcessLossReport none = ExcessLoss.Build(scored, EvaluationMode.Frozen, Train, 0, 7);
        Assert.All(none.Groups, g => Assert.True(double.IsNaN(g.StandardErrorNatsPerToken) && double.IsNaN(g.StandardErrorNatsPerSentence) && !g.Improper, g.Group));
        Assert.Equal(a.Total.ExcessNats, none.Total.ExcessNats);
    }

    [Fact]
    public void Build_BootstrapStandardError_MatchesTheLinearisedRatioEstimator()
    {
        // Resampling entities: SE(Σx/Σt) ≈ sqrt(Σ_e (x_e − R t_e)²) / Σt, x_e the entity's excess, t_e its tokens, R the ratio.
        // 150 entities with 1 to 4 sentences each, the model worse by a random amount on every token.
        var random = new Random(19);
        List<ScoredSentence> scored = [.. Enumerable.Range(0, 150).SelectMany(e => Enumerable.Range(0, 1 + (e % 4)).Select(_ =>
            Synthetic(e, e % 9, (_, lp) => lp - (3 * random.NextDouble() * random.NextDouble()))))];
        var perEntity = scored.GroupBy(s => s.Entity).Select(g => (
            X: g.Sum(s => s.ModelLogProbabilities.Zip(s.ComparatorLogProbabilities, (m, c) => c - m).Sum()),
            T: g.Sum(s => (double)s.Tags.Length))).ToList();
        double total = perEntity.Sum(e => e.T), ratio = perEntity.Sum(e => e.X) / total;
        double linearised = Math.Sqrt(perEntity.Sum(e => Math.Pow(e.X - (ratio * e.T), 2))) / total;
        Assert.Equal(150, perEntity.Count);

        ExcessLossReport report = ExcessLoss.Build(scored, EvaluationMode.Frozen, Train, 4000, 1);
        Assert.Equal(ratio, report.Total.ExcessNatsPerToken, 1e-12);
        Assert.InRange(report.Total.StandardErrorNatsPerToken, 0.85 * linearised, 1.15 * linearised);
    }

    [Fact]
    public void Pair_MismatchedIndexTokenCountOrMissingColumn_Fails()
    {
        EvaluationRecord r = Records.Value[0];
        ArgumentException index = Assert.Throws<ArgumentException>(() => ScoredSentence.Pair(r, EvaluationMode.Frozen, new ModelLogProbabilities(r.Index + 1, r.Frozen)));
        Assert.Contains($"model sentence i = {r.Index + 1} paired with evaluation sentence i = {r.Index}", index.Message, StringComparison.Ordinal);
        ArgumentException count = Assert.Throws<ArgumentException>(() => ScoredSentence.Pair(r, EvaluationMode.Frozen, new ModelLogProbabilities(r.Index, [.. r.Frozen, -1])));
        Assert.Contains($"has {r.Tokens.Length + 1} token log-probabilities but {r.Tokens.Length} tokens", count.Message, StringComparison.Ordinal);
        ArgumentException world = Assert.Throws<ArgumentException>(() => ScoredSentence.Pair(r, EvaluationMode.World, new ModelLogProbabilities(r.Index, r.Frozen)));
        Assert.Equal("mode", world.ParamName);

        ScoredSentence s = ScoredSentence.Pair(r, EvaluationMode.Continuation, new ModelLogProbabilities(r.Index, r.Frozen));
        Assert.Equal(r.Continuation.ToArray(), s.ComparatorLogProbabilities.ToArray());
        Assert.Equal(r.Frozen.ToArray(), s.ModelLogProbabilities.ToArray());
        Assert.Equal((r.Index, r.Entity, r.TrainCount, r.FactSeen), (s.Index, s.Entity, s.TrainCount, s.FactSeen));
    }

    [Fact]
    public void Build_BadArguments_Fail()
    {
        List<ScoredSentence> one = [Synthetic(0, 0, (_, lp) => lp)];
        Assert.Throws<ArgumentOutOfRangeException>(() => ExcessLoss.Build([], EvaluationMode.Frozen, Train));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExcessLoss.Build(one, EvaluationMode.Frozen, 0));
        Assert.Contains("valid range: 0 to 100000", Assert.Throws<ArgumentOutOfRangeException>(() => ExcessLoss.Build(one, EvaluationMode.Frozen, Train, -1)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ExcessLoss.Build(one, EvaluationMode.Frozen, Train, 100_001));
        Assert.Throws<ArgumentNullException>(() => ExcessLoss.Build(null!, EvaluationMode.Frozen, Train));
        ScoredSentence ragged = one[0] with { ModelLogProbabilities = [-1, -2] };
        Assert.Contains("valid: one of each per token", Assert.Throws<ArgumentException>(() => ExcessLoss.Build([ragged], EvaluationMode.Frozen, Train)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToTable_HasOneRowPerGroup_WithEveryColumn()
    {
        ExcessLossReport report = ExcessLoss.Build(Scored(EvaluationMode.Frozen, (_, _, lp) => lp - 0.5), EvaluationMode.Frozen, Train, 20, 1);
        ResultTable table = report.ToTable();
        Assert.Equal(report.Groups.Length, table.Rows.Length);
        Assert.All(table.Rows, row => Assert.Equal(ExcessLossReport.Columns.Length, row.Length));
        Assert.Contains($"training prefix N = {Train}", table.Title, StringComparison.Ordinal);
    }
}
