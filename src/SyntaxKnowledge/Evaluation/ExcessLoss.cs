using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Prediction;
using SyntaxKnowledge.Simulation;
using SyntaxKnowledge.Internal;

namespace SyntaxKnowledge.Evaluation;

/// <summary>One evaluation sentence scored by a language model and by a comparator (a Bayes-optimal predictor or the world).</summary>
/// <param name="Index">The corpus sentence index.</param>
/// <param name="Entity">The entity (the bootstrap resamples entities).</param>
/// <param name="TrainCount">The entity's sentences in the training prefix (0 = unseen).</param>
/// <param name="FactSeen">Whether training revealed the sentence's fact.</param>
/// <param name="Tags">The tag of every token.</param>
/// <param name="ComparatorLogProbabilities">The comparator's ln probability of every token (nats).</param>
/// <param name="ModelLogProbabilities">The language model's ln probability of every token (nats); −∞, +∞ and NaN are kept.</param>
public sealed record ScoredSentence(long Index, int Entity, long TrainCount, bool FactSeen, ImmutableArray<TokenTag> Tags, ImmutableArray<double> ComparatorLogProbabilities, ImmutableArray<double> ModelLogProbabilities)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(ScoredSentence? other) =>
        other is not null
            && Equals(Index, other.Index)
            && Equals(Entity, other.Entity)
            && Equals(TrainCount, other.TrainCount)
            && Equals(FactSeen, other.FactSeen)
            && Sequence.Equal(Tags, other.Tags)
            && Sequence.Equal(ComparatorLogProbabilities, other.ComparatorLogProbabilities)
            && Sequence.Equal(ModelLogProbabilities, other.ModelLogProbabilities);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Index);
        hash.Add(Entity);
        hash.Add(TrainCount);
        hash.Add(FactSeen);
        hash.Add(Sequence.Hash(Tags));
        hash.Add(Sequence.Hash(ComparatorLogProbabilities));
        hash.Add(Sequence.Hash(ModelLogProbabilities));
        return hash.ToHashCode();
    }

    /// <summary>Pairs an evaluation record with a model's log-probabilities of the same sentence.</summary>
    /// <param name="record">The evaluation record.</param>
    /// <param name="mode">Which comparator column to use.</param>
    /// <param name="model">The model's log-probabilities.</param>
    /// <returns>The scored sentence.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The indices differ, the number of model log-probabilities is not the number of tokens, or the record has no
    /// column for <paramref name="mode"/>.</exception>
    public static ScoredSentence Pair(EvaluationRecord record, EvaluationMode mode, ModelLogProbabilities model)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(model);
        if (record.Index != model.Index)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"model sentence i = {model.Index} paired with evaluation sentence i = {record.Index}; valid: the same index."), nameof(model));
        }

        if (model.TokenLogProbabilities.Length != record.Tokens.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"sentence i = {record.Index} has {model.TokenLogProbabilities.Length} token log-probabilities but {record.Tokens.Length} tokens; valid: one per corpus token."), nameof(model));
        }

        ImmutableArray<double> comparator = record.LogProbabilities(mode);
        if (comparator.IsDefaultOrEmpty)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"mode = {SweepManifest.ModeName(mode)}: the evaluation records have no such column; valid: continuation, frozen, or world when the split was made with the world's log-probabilities (without --no-world)."), nameof(mode));
        }

        return new ScoredSentence(record.Index, record.Entity, record.TrainCount, record.FactSeen, record.Tags, comparator, model.TokenLogProbabilities);
    }
}

/// <summary>
/// Excess loss of a language model over a comparator for one group of tokens: totals, per token and per sentence, nats and bits,
/// with a bootstrap standard error over entities.
/// </summary>
/// <param name="Group">The label: "all", a tag, "train=B/tag" (B a training-count bucket: 0, 1, 2-3, 4-7, …) or "fact=seen|unseen/tag".</param>
/// <param name="By">What the group splits by: "all", "tag", "train_count" or "fact".</param>
/// <param name="Bucket">The bucket ("" for "all" and tags; "0", "1", "2-3", … for training counts; "seen"/"unseen" for facts).</param>
/// <param name="Tag">"all", "syntax", "name" or "value".</param>
/// <param name="Tokens">The group's tokens.</param>
/// <param name="Sentences">The sentences with at least one token in the group.</param>
/// <param name="Entities">The entities with at least one token in the group.</param>
/// <param name="ModelNats">The model's total code length, nats (∞ or NaN when a model log-probability was non-finite).</param>
/// <param name="ComparatorNats">The comparator's total code length, nats.</param>
/// <param name="NonFiniteTokens">Tokens whose model log-probability was −∞, +∞ or NaN.</param>
/// <param name="StandardErrorNatsPerToken">The bootstrap standard error of <see cref="ExcessNatsPerToken"/> (NaN with fewer than 2 usable replicates).</param>
/// <param name="StandardErrorNatsPerSentence">The bootstrap standard error of <see cref="ExcessNatsPerSentence"/>.</param>
/// <param name="Improper">Whether the model beats the comparator by more than <see cref="ExcessLoss.ImproperThreshold"/> standard errors in a group of at
/// least <see cref="ExcessLoss.MinimumEntitiesToFlag"/> entities: impossible
/// for a proper model against the Bayes optimum in expectation, so its probabilities do not sum to one (typically an <c>&lt;unk&gt;</c> token without the name-space correction).</param>
public sealed record ExcessLossGroup(
    string Group,
    string By,
    string Bucket,
    string Tag,
    long Tokens,
    long Sentences,
    int Entities,
    double ModelNats,
    double ComparatorNats,
    long NonFiniteTokens,
    double StandardErrorNatsPerToken,
    double StandardErrorNatsPerSentence,
    bool Improper)
{
    /// <summary>Gets the total excess, model minus comparator, nats.</summary>
    public double ExcessNats => ModelNats - ComparatorNats;

    /// <summary>Gets the model's loss per token, nats.</summary>
    public double ModelNatsPerToken => ModelNats / Tokens;

    /// <summary>Gets the comparator's loss per token, nats.</summary>
    public double ComparatorNatsPerToken => ComparatorNats / Tokens;

    /// <summary>Gets the excess per token, nats.</summary>
    public double ExcessNatsPerToken => ExcessNats / Tokens;

    /// <summary>Gets the excess per token, bits.</summary>
    public double ExcessBitsPerToken => ExcessNatsPerToken / Math.Log(2);

    /// <summary>Gets the excess per sentence (of the group's tokens), nats.</summary>
    public double ExcessNatsPerSentence => ExcessNats / Sentences;

    /// <summary>Gets the excess per sentence, bits.</summary>
    public double ExcessBitsPerSentence => ExcessNatsPerSentence / Math.Log(2);
}

/// <summary>A language model's excess loss over a comparator, grouped by tag, training count and fact seen/unseen.</summary>
/// <param name="Mode">The comparator.</param>
/// <param name="TrainSentences">N, the training prefix the groups refer to.</param>
/// <param name="Sentences">The scored sentences.</param>
/// <param name="Entities">The scored entities (the bootstrap's units).</param>
/// <param name="BootstrapReplicates">B.</param>
/// <param name="Seed">The bootstrap seed.</param>
/// <param name="Groups">The groups: "all", tags, then training-count buckets, then fact seen/unseen.</param>
public sealed record ExcessLossReport(EvaluationMode Mode, int TrainSentences, long Sentences, int Entities, int BootstrapReplicates, ulong Seed, ImmutableArray<ExcessLossGroup> Groups)
{
    /// <summary>The schema of <see cref="ToTable"/>.</summary>
    public static readonly ImmutableArray<TableColumn> Columns =
    [
        new("group", string.Empty, ColumnKind.Text, "The group label: all, a tag, train=BUCKET/TAG or fact=seen|unseen/TAG."),
        new("by", string.Empty, ColumnKind.Text, "What the group splits by: all, tag, train_count or fact."),
        new("bucket", string.Empty, ColumnKind.Text, "The training-count bucket (0 = unseen entity, 1, 2-3, 4-7, ...) or seen/unseen."),
        new("tag", string.Empty, ColumnKind.Text, "The token tag: all, syntax, name or value."),
        new("tokens", "tokens", ColumnKind.Count, "Tokens in the group."),
        new("sentences", "sentences", ColumnKind.Count, "Sentences with a token in the group."),
        new("entities", "entities", ColumnKind.Count, "Entities with a token in the group (the bootstrap's units)."),
        new("model_nats_per_token", "nats/token", ColumnKind.Real, "The language model's loss per token."),
        new("oracle_nats_per_token", "nats/token", ColumnKind.Real, "The comparator's loss per token (the Bayes optimum in continuation and frozen mode)."),
        new("excess_nats_per_token", "nats/token", ColumnKind.Real, "Model minus comparator, per token."),
        new("excess_bits_per_token", "bits/token", ColumnKind.Real, "Model minus comparator, per token, in bits."),
        new("excess_se_nats_per_token", "nats/token", ColumnKind.Real, "Bootstrap standard error (over entities) of the excess per token."),
        new("excess_nats_per_sentence", "nats/sentence", ColumnKind.Real, "Model minus comparator, per sentence."),
        new("excess_bits_per_sentence", "bits/sentence", ColumnKind.Real, "Model minus comparator, per sentence, in bits."),
        new("excess_se_nats_per_sentence", "nats/sentence", ColumnKind.Real, "Bootstrap standard error of the excess per sentence."),
        new("non_finite_tokens", "tokens", ColumnKind.Count, "Tokens whose model log-probability was -Infinity, Infinity or NaN."),
        new("improper", string.Empty, ColumnKind.Boolean, "The model beats the comparator by more than 4 standard errors (groups of 5 or more entities): its probabilities cannot sum to one."),
    ];

    /// <summary>Gets the "all" group.</summary>
    public ExcessLossGroup Total => Groups[0];

    /// <summary>Gets the groups flagged improper.</summary>
    public IEnumerable<ExcessLossGroup> ImproperGroups => Groups.Where(g => g.Improper);

    /// <summary>Returns the report as a table with the schema <see cref="Columns"/>, one row per group.</summary>
    /// <returns>The table.</returns>
    public ResultTable ToTable() => new(
        string.Create(CultureInfo.InvariantCulture, $"excess loss over the {SweepManifest.ModeName(Mode)} comparator: {Sentences} sentences, {Entities} entities, training prefix N = {TrainSentences}, {BootstrapReplicates} bootstrap replicates over entities (seed {Seed})"),
        Columns,
        [.. Groups.Select(g => ImmutableArray.Create(
            TableCell.Of(g.Group), TableCell.Of(g.By), TableCell.Of(g.Bucket), TableCell.Of(g.Tag), TableCell.Of(g.Tokens), TableCell.Of(g.Sentences), TableCell.Of((long)g.Entities),
            TableCell.Of(g.ModelNatsPerToken), TableCell.Of(g.ComparatorNatsPerToken), TableCell.Of(g.ExcessNatsPerToken), TableCell.Of(g.ExcessBitsPerToken), TableCell.Of(g.StandardErrorNatsPerToken),
            TableCell.Of(g.ExcessNatsPerSentence), TableCell.Of(g.ExcessBitsPerSentence), TableCell.Of(g.StandardErrorNatsPerSentence), TableCell.Of(g.NonFiniteTokens), TableCell.Of(g.Improper)))]);

    /// <inheritdoc/>
    public bool Equals(ExcessLossReport? other) =>
        other is not null && Mode == other.Mode && TrainSentences == other.TrainSentences && Sentences == other.Sentences && Entities == other.Entities
        && BootstrapReplicates == other.BootstrapReplicates && Seed == other.Seed && Groups.SequenceEqual(other.Groups);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Mode, TrainSentences, Sentences, Entities, Groups.Length);
}

/// <summary>Builds <see cref="ExcessLossReport"/>s: grouping by training count, fact and tag, and the entity bootstrap.</summary>
public static class ExcessLoss
{
    /// <summary>A group is improper when its excess per token is below −4 standard errors and it has at least <see cref="MinimumEntitiesToFlag"/> entities.</summary>
    public const double ImproperThreshold = 4;

    /// <summary>The fewest entities a group needs before it can be flagged improper: with fewer, the entity bootstrap's
    /// standard error does not measure the sampling variation (a model that knows one entity well beats the comparator by luck).</summary>
    public const int MinimumEntitiesToFlag = 5;

    /// <summary>The default number of bootstrap replicates.</summary>
    public const int DefaultBootstrapReplicates = 200;

    /// <summary>Returns the training-count bucket label: "0" (unseen), "1", "2-3", "4-7", … (powers of two).</summary>
    /// <param name="trainCount">The count. Range: ≥ 0.</param>
    /// <returns>The label.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trainCount"/> is negative.</exception>
    public static string BucketLabel(long trainCount)
    {
        (long lower, long upper) = TrainCountBuckets.Of(trainCount);
        return TrainCountBuckets.Label(lower, upper);
    }

    /// <summary>
    /// Builds the report. Each group's excess per token is Σ(model − comparator)/Σ tokens over its tokens; its standard error is the standard
    /// deviation over <paramref name="bootstrapReplicates"/> replicates that resample the scored entities with replacement (replicate r draws entity
    /// j with <see cref="CounterRandom"/>.<see cref="CounterRandom.Create"/>(seed, r).Below(j, E)), so sentences of one entity move together.
    /// </summary>
    /// <param name="sentences">The scored sentences (any order).</param>
    /// <param name="mode">The comparator the sentences carry.</param>
    /// <param name="trainSentences">N, the training prefix the training counts refer to. Range: ≥ 1.</param>
    /// <param name="bootstrapReplicates">B. Range: 0 (no standard errors: NaN) to 100 000.</param>
    /// <param name="seed">The bootstrap seed.</param>
    /// <param name="cancellationToken">Checked once per sentence and once per replicate.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sentences"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range, or there is no sentence.</exception>
    /// <exception cref="ArgumentException">A sentence's arrays do not have one value per token.</exception>
    public static ExcessLossReport Build(IEnumerable<ScoredSentence> sentences, EvaluationMode mode, int trainSentences, int bootstrapReplicates = DefaultBootstrapReplicates, ulong seed = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentOutOfRangeException.ThrowIfLessThan(trainSentences, 1);
        if (bootstrapReplicates is < 0 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(bootstrapReplicates), bootstrapReplicates, string.Create(CultureInfo.InvariantCulture, $"bootstrapReplicates = {bootstrapReplicates} is out of range; valid range: 0 to 100000."));
        }

        var groups = new List<GroupKey>();
        var groupIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var entities = new Dictionary<int, Dictionary<int, Sums>>();
        long count = 0;
        int Id(string by, string bucket, string tag, int order)
        {
            string label = by switch
            {
                "all" => tag,
                "tag" => tag,
                "train_count" => "train=" + bucket + "/" + tag,
                _ => "fact=" + bucket + "/" + tag,
            };
            if (!groupIds.TryGetValue(label, out int id))
            {
                id = groups.Count;
                groupIds.Add(label, id);
                groups.Add(new GroupKey(label, by, bucket, tag, order));
            }

            return id;
        }

        var touched = new HashSet<int>();
        foreach (ScoredSentence s in sentences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ArgumentNullException.ThrowIfNull(s, nameof(sentences));
            if (s.ComparatorLogProbabilities.Length != s.Tags.Length || s.ModelLogProbabilities.Length != s.Tags.Length)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"sentence i = {s.Index} has {s.Tags.Length} tags, {s.ComparatorLogProbabilities.Length} comparator and {s.ModelLogProbabilities.Length} model log-probabilities; valid: one of each per token."), nameof(sentences));
            }

            count++;
            if (!entities.TryGetValue(s.Entity, out Dictionary<int, Sums>? perGroup))
            {
                perGroup = [];
                entities.Add(s.Entity, perGroup);
            }

            string bucket = BucketLabel(s.TrainCount);
            int bucketOrder = s.TrainCount == 0 ? 0 : 65 - BitOperations.LeadingZeroCount((ulong)s.TrainCount);
            string fact = s.FactSeen ? "seen" : "unseen";
            touched.Clear();
            for (int t = 0; t < s.Tags.Length; t++)
            {
                string tag = LossReport.TagName(s.Tags[t]);
                int tagOrder = 1 + (int)s.Tags[t];
                double model = -s.ModelLogProbabilities[t], comparator = -s.ComparatorLogProbabilities[t];
                bool finite = double.IsFinite(model);
                ReadOnlySpan<int> ids =
                [
                    Id("all", string.Empty, "all", 0), Id("tag", string.Empty, tag, tagOrder),
                    Id("train_count", bucket, "all", 100 + (bucketOrder * 4)), Id("train_count", bucket, tag, 100 + (bucketOrder * 4) + tagOrder),
                    Id("fact", fact, "all", 1000 + (s.FactSeen ? 0 : 4)), Id("fact", fact, tag, 1000 + (s.FactSeen ? 0 : 4) + tagOrder),
                ];
                foreach (int id in ids)
                {
                    if (!perGroup.TryGetValue(id, out Sums? sums))
                    {
                        sums = new Sums();
                        perGroup.Add(id, sums);
                    }

                    sums.Tokens++;
                    sums.Model += model;
                    sums.Comparator += comparator;
                    sums.NonFinite += finite ? 0 : 1;
                    if (touched.Add(id))
                    {
                        sums.Sentences++;
                    }
                }
            }
        }

        if (count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sentences), 0, "sentences is empty; valid: at least one scored sentence.");
        }

        int g = groups.Count;
        var totals = new Sums[g];
        var entityCounts = new int[g];
        for (int i = 0; i < g; i++)
        {
            totals[i] = new Sums();
        }

        Dictionary<int, Sums>[] units = [.. entities.Values];
        foreach (Dictionary<int, Sums> perGroup in units)
        {
            foreach ((int id, Sums s) in perGroup)
            {
                totals[id].Add(s);
                entityCounts[id]++;
            }
        }

        (double[] perToken, double[] perSentence) = Bootstrap(units, g, bootstrapReplicates, seed, cancellationToken);
        ImmutableArray<ExcessLossGroup> result = [.. Enumerable.Range(0, g).OrderBy(i => groups[i].Order).ThenBy(i => groups[i].Label, StringComparer.Ordinal).Select(i =>
        {
            Sums t = totals[i];
            double excess = (t.Model - t.Comparator) / t.Tokens;
            bool improper = entityCounts[i] >= MinimumEntitiesToFlag && !double.IsNaN(perToken[i]) && excess < 0 && excess < -ImproperThreshold * perToken[i];
            return new ExcessLossGroup(groups[i].Label, groups[i].By, groups[i].Bucket, groups[i].Tag, t.Tokens, t.Sentences, entityCounts[i], t.Model, t.Comparator, t.NonFinite, perToken[i], perSentence[i], improper);
        })];
        return new ExcessLossReport(mode, trainSentences, count, units.Length, bootstrapReplicates, seed, result);
    }

    private static (double[] PerToken, double[] PerSentence) Bootstrap(Dictionary<int, Sums>[] units, int groups, int replicates, ulong seed, CancellationToken cancellationToken)
    {
        // Welford's running mean and sum of squared deviations: no cancellation when the replicates are nearly equal.
        var meanToken = new double[groups];
        var squaresToken = new double[groups];
        var meanSentence = new double[groups];
        var squaresSentence = new double[groups];
        var used = new int[groups];
        var tokens = new long[groups];
        var sentences = new long[groups];
        var excess = new double[groups];
        uint n = (uint)units.Length;
        for (int r = 0; r < replicates; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Clear(tokens);
            Array.Clear(sentences);
            Array.Clear(excess);
            CounterRandom random = CounterRandom.Create(seed, (ulong)r);
            for (uint j = 0; j < n; j++)
            {
                foreach ((int id, Sums s) in units[random.Below(j, n)])
                {
                    tokens[id] += s.Tokens;
                    sentences[id] += s.Sentences;
                    excess[id] += s.Model - s.Comparator;
                }
            }

            for (int i = 0; i < groups; i++)
            {
                if (tokens[i] == 0)
                {
                    continue;
                }

                double x = excess[i] / tokens[i], y = excess[i] / sentences[i];
                used[i]++;
                double dx = x - meanToken[i];
                meanToken[i] += dx / used[i];
                squaresToken[i] += dx * (x - meanToken[i]);
                double dy = y - meanSentence[i];
                meanSentence[i] += dy / used[i];
                squaresSentence[i] += dy * (y - meanSentence[i]);
            }
        }

        var perToken = new double[groups];
        var perSentence = new double[groups];
        for (int i = 0; i < groups; i++)
        {
            perToken[i] = StandardDeviation(used[i], squaresToken[i]);
            perSentence[i] = StandardDeviation(used[i], squaresSentence[i]);
        }

        return (perToken, perSentence);
    }

    private static double StandardDeviation(int n, double squaredDeviations) => n < 2 ? double.NaN : Math.Sqrt(Math.Max(0, squaredDeviations / (n - 1)));

    private sealed record GroupKey(string Label, string By, string Bucket, string Tag, int Order);

    private sealed class Sums
    {
        public long Tokens { get; set; }

        public long Sentences { get; set; }

        public double Model { get; set; }

        public double Comparator { get; set; }

        public long NonFinite { get; set; }

        public void Add(Sums other)
        {
            Tokens += other.Tokens;
            Sentences += other.Sentences;
            Model += other.Model;
            Comparator += other.Comparator;
            NonFinite += other.NonFinite;
        }
    }
}
