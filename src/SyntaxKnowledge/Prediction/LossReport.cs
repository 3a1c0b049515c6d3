using System.Collections.Immutable;
using System.Globalization;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Internal;

namespace SyntaxKnowledge.Prediction;

/// <summary>One token's code lengths: the Bayes-optimal one and, optionally, a language model's.</summary>
/// <param name="Sentence">The sentence index.</param>
/// <param name="Entity">The entity of the sentence (0-based, first-appearance order).</param>
/// <param name="Tag">The token's tag.</param>
/// <param name="OracleNats">−ln Q(token | prefix) under the Bayes-optimal predictor.</param>
/// <param name="ModelNats">−ln P(token | prefix) under a language model, or NaN when absent.</param>
public sealed record TokenLoss(long Sentence, int Entity, TokenTag Tag, double OracleNats, double ModelNats);

/// <summary>Aggregated code lengths of a group of tokens.</summary>
/// <param name="Group">The group: "all", a tag ("syntax", "name", "value"), or an entity-frequency bucket and tag ("4-7/value").</param>
/// <param name="Tokens">The number of tokens.</param>
/// <param name="OracleNats">The total Bayes-optimal code length in nats.</param>
/// <param name="ModelNats">The total language-model code length in nats (NaN when no model was scored).</param>
public sealed record LossGroup(string Group, long Tokens, double OracleNats, double ModelNats)
{
    /// <summary>Gets the optimal loss per token in nats.</summary>
    public double OracleNatsPerToken => Tokens == 0 ? 0 : OracleNats / Tokens;

    /// <summary>Gets the optimal loss per token in bits.</summary>
    public double OracleBitsPerToken => OracleNatsPerToken / Math.Log(2);

    /// <summary>Gets the model's loss per token in nats (NaN when absent).</summary>
    public double ModelNatsPerToken => Tokens == 0 ? 0 : ModelNats / Tokens;

    /// <summary>Gets the model's excess loss over the optimum per token in nats (NaN when absent); never negative in expectation.</summary>
    public double ExcessNatsPerToken => ModelNatsPerToken - OracleNatsPerToken;
}

/// <summary>A loss report: code lengths by tag and by entity-frequency bucket.</summary>
/// <param name="Sentences">The number of sentences.</param>
/// <param name="Groups">The groups: "all", then each tag, then each (frequency bucket, tag) pair.</param>
public sealed record LossReport(long Sentences, ImmutableArray<LossGroup> Groups)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(LossReport? other) =>
        other is not null
            && Equals(Sentences, other.Sentences)
            && Sequence.Equal(Groups, other.Groups);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Sentences);
        hash.Add(Sequence.Hash(Groups));
        return hash.ToHashCode();
    }

    /// <summary>Builds a report. The frequency of an entity is its number of sentences in the scored corpus;
    /// buckets are powers of two: "1", "2-3", "4-7", ….</summary>
    /// <param name="tokens">The scored tokens.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tokens"/> is <see langword="null"/>.</exception>
    public static LossReport Build(IEnumerable<TokenLoss> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var accumulator = new LossAccumulator();
        foreach (TokenLoss t in tokens)
        {
            accumulator.Add(t);
        }

        return accumulator.Build();
    }

    /// <summary>Returns the lower-case name of a tag ("syntax", "name", "value").</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>Its name as used in files and reports.</returns>
    public static string TagName(TokenTag tag) => tag switch
    {
        TokenTag.Syntax => "syntax",
        TokenTag.Name => "name",
        _ => "value",
    };
}

/// <summary>
/// Streams token losses into a <see cref="LossReport"/> with memory O(entities), not O(tokens): sums are kept
/// per (entity, tag) and bucketed by entity frequency only when the report is built.
/// </summary>
/// <remarks>A mutable accumulator for host code (single-threaded use); the report it builds is immutable.</remarks>
public sealed class LossAccumulator
{
    private readonly Dictionary<int, EntitySums> _entities = [];
    private long _sentences = -1;
    private long _sentenceCount;

    /// <summary>Adds one token's losses. Tokens of a sentence must be added together, sentences in any order.</summary>
    /// <param name="token">The token.</param>
    /// <exception cref="ArgumentNullException"><paramref name="token"/> is <see langword="null"/>.</exception>
    public void Add(TokenLoss token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!_entities.TryGetValue(token.Entity, out EntitySums? sums))
        {
            sums = new EntitySums();
            _entities.Add(token.Entity, sums);
        }

        if (sums.LastSentence != token.Sentence)
        {
            sums.LastSentence = token.Sentence;
            sums.Sentences++;
        }

        if (_sentences != token.Sentence)
        {
            _sentences = token.Sentence;
            _sentenceCount++;
        }

        int tag = (int)token.Tag;
        sums.Tokens[tag]++;
        sums.Oracle[tag] += token.OracleNats;
        sums.Model[tag] += token.ModelNats;
    }

    /// <summary>Builds the report from everything added so far.</summary>
    /// <returns>The report: "all", each tag, then each (frequency bucket, tag) and (bucket, "all").</returns>
    public LossReport Build()
    {
        var groups = new Dictionary<string, (long Tokens, double Oracle, double Model, int Order)>(StringComparer.Ordinal);
        void Add(string key, int order, long tokens, double oracle, double model)
        {
            groups.TryGetValue(key, out var g);
            groups[key] = (g.Tokens + tokens, g.Oracle + oracle, g.Model + model, order);
        }

        foreach (EntitySums e in _entities.Values)
        {
            int bucket = 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)Math.Max(1, e.Sentences));
            string label = bucket == 0 ? "1" : string.Create(CultureInfo.InvariantCulture, $"{1 << bucket}-{(2 << bucket) - 1}");
            for (int tag = 0; tag < 3; tag++)
            {
                if (e.Tokens[tag] == 0)
                {
                    continue;
                }

                string name = LossReport.TagName((TokenTag)tag);
                Add("all", 0, e.Tokens[tag], e.Oracle[tag], e.Model[tag]);
                Add(name, 1 + tag, e.Tokens[tag], e.Oracle[tag], e.Model[tag]);
                Add(label + "/" + name, 10 + (bucket * 4) + tag, e.Tokens[tag], e.Oracle[tag], e.Model[tag]);
                Add(label + "/all", 10 + (bucket * 4) + 3, e.Tokens[tag], e.Oracle[tag], e.Model[tag]);
            }
        }

        return new LossReport(_sentenceCount, [.. groups.OrderBy(g => g.Value.Order).Select(g => new LossGroup(g.Key, g.Value.Tokens, g.Value.Oracle, g.Value.Model))]);
    }

    private sealed class EntitySums
    {
        public long LastSentence { get; set; } = -1;

        public int Sentences { get; set; }

        public long[] Tokens { get; } = new long[3];

        public double[] Oracle { get; } = new double[3];

        public double[] Model { get; } = new double[3];
    }
}
