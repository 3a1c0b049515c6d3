using System.Collections.Immutable;
using System.Globalization;
using SyntaxKnowledge.Model;

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
    /// <summary>Builds a report. The frequency of an entity is its number of sentences in the scored corpus;
    /// buckets are powers of two: "1", "2-3", "4-7", ….</summary>
    /// <param name="tokens">The scored tokens.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tokens"/> is <see langword="null"/>.</exception>
    public static LossReport Build(IReadOnlyList<TokenLoss> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var sentencesPerEntity = new Dictionary<int, HashSet<long>>();
        foreach (TokenLoss t in tokens)
        {
            if (!sentencesPerEntity.TryGetValue(t.Entity, out HashSet<long>? set))
            {
                set = [];
                sentencesPerEntity.Add(t.Entity, set);
            }

            set.Add(t.Sentence);
        }

        var groups = new SortedDictionary<string, (long Tokens, double Oracle, double Model, int Order)>(StringComparer.Ordinal);
        void Add(string key, int order, TokenLoss t)
        {
            groups.TryGetValue(key, out var g);
            groups[key] = (g.Tokens + 1, g.Oracle + t.OracleNats, g.Model + t.ModelNats, order);
        }

        foreach (TokenLoss t in tokens)
        {
            string tag = TagName(t.Tag);
            Add("all", 0, t);
            Add(tag, 1 + (int)t.Tag, t);
            int frequency = sentencesPerEntity[t.Entity].Count;
            int bucket = 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)frequency);
            string label = bucket == 0 ? "1" : string.Create(CultureInfo.InvariantCulture, $"{1 << bucket}-{(2 << bucket) - 1}");
            Add(label + "/" + tag, 10 + (bucket * 4) + (int)t.Tag, t);
            Add(label + "/all", 10 + (bucket * 4) + 3, t);
        }

        long sentences = tokens.Select(t => t.Sentence).Distinct().LongCount();
        return new LossReport(sentences, [.. groups.OrderBy(g => g.Value.Order).Select(g => new LossGroup(g.Key, g.Value.Tokens, g.Value.Oracle, g.Value.Model))]);
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
