using System.Collections.Immutable;
using System.Globalization;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Prediction;

namespace SyntaxKnowledge.Laws;

/// <summary>
/// The sufficient statistics of a corpus for its two-part code (docs/03-formulas/structure-function.md#the-structure-function-of-a-corpus): template counts per attribute,
/// mention counts per entity, and the "unknown" cost of every entity's mentions.
/// </summary>
/// <remarks>
/// <para>The unknown cost of a mention of entity k with attribute j and value v is what a model that has not
/// stored k pays for it: its name under the name base G and its value under the base H_j,
/// −ln G(name) − ln H_j(v). For the built-in models G is uniform over N names and the value code is the base's
/// prior mean, uniform over M_j values, so a mention costs ln N + ln M_j nats.
/// <see cref="EntityGains"/>[k] is the sum over entity k's mentions: the data code length saved by storing k.</para>
/// <para>Immutable; build with <see cref="Create"/>, <see cref="FromCorpus"/> or <see cref="FromStructures"/>.</para>
/// </remarks>
public sealed record CorpusStatistics
{
    private CorpusStatistics(ImmutableArray<ImmutableArray<long>> templateCounts, ImmutableArray<long> entityCounts, ImmutableArray<double> entityGains, ImmutableArray<int> entityIds)
    {
        TemplateCounts = templateCounts;
        EntityCounts = entityCounts;
        EntityGains = entityGains;
        EntityIds = entityIds;
        Sentences = entityCounts.Sum();
    }

    /// <summary>Gets the number of sentences n.</summary>
    public long Sentences { get; }

    /// <summary>Gets the template counts n_{j,t}, by attribute j and template t (zeros included).</summary>
    public ImmutableArray<ImmutableArray<long>> TemplateCounts { get; }

    /// <summary>Gets the mention count n_k of every entity that occurs (k indexes these arrays).</summary>
    public ImmutableArray<long> EntityCounts { get; }

    /// <summary>Gets g_k, the unknown cost (nats) of all of entity k's mentions: the data code length saved by storing k.</summary>
    public ImmutableArray<double> EntityGains { get; }

    /// <summary>Gets the corpus's identifier of every entity (its first-appearance index in the generated corpus).</summary>
    public ImmutableArray<int> EntityIds { get; }

    /// <summary>Gets the number of distinct entities K.</summary>
    public int Entities => EntityCounts.Length;

    /// <summary>Gets the number of free syntax parameters k_syn = (J − 1) + Σ_j (m_j − 1).</summary>
    public int SyntaxParameters => TemplateCounts.Length - 1 + TemplateCounts.Sum(t => t.Length - 1);

    /// <summary>Creates statistics from counts (entities are identified 0..K−1).</summary>
    /// <param name="templateCounts">n_{j,t} by attribute and template. Range: at least one attribute with at least one template; counts ≥ 0.</param>
    /// <param name="entityCounts">n_k. Range: each ≥ 1, Σ n_k = Σ n_{j,t} ≥ 1.</param>
    /// <param name="entityGains">g_k, the unknown cost of entity k's mentions in nats. Range: finite, ≥ 0, same length as <paramref name="entityCounts"/>.</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A count or gain is out of range, the lengths differ, or the totals disagree.</exception>
    public static CorpusStatistics Create(IReadOnlyList<IReadOnlyList<long>> templateCounts, IReadOnlyList<long> entityCounts, IReadOnlyList<double> entityGains)
    {
        ArgumentNullException.ThrowIfNull(entityCounts);
        return Build(templateCounts, entityCounts, entityGains, [.. Enumerable.Range(0, entityCounts.Count)]);
    }

    /// <summary>Computes the statistics of generated sentences.</summary>
    /// <param name="model">The model that generated them (for the name and value bases).</param>
    /// <param name="corpus">The sentences.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The corpus is empty or a sentence does not fit the model.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static CorpusStatistics FromCorpus(SyntaxKnowledgeModel model, IEnumerable<Sentence> corpus, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return FromStructures(model, corpus.Select(s => (s.Entity, SentenceStructure.Of(s))), cancellationToken);
    }

    /// <summary>Computes the statistics of parsed sentences, each with its entity identifier.</summary>
    /// <param name="model">The model (for the name and value bases).</param>
    /// <param name="corpus">(entity, structure) per sentence. Range: entity ≥ 0; attribute, template and value within the model.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The statistics; entities are ordered by identifier.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The corpus is empty or a sentence does not fit the model.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static CorpusStatistics FromStructures(SyntaxKnowledgeModel model, IEnumerable<(int Entity, SentenceStructure Structure)> corpus, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(corpus);
        double[] mentionCost = [.. Enumerable.Range(0, model.Attributes.Length).Select(j => UnknownCost(model, j))];
        long[][] templates = [.. model.Attributes.Select(a => new long[a.Templates.Length])];
        var entities = new SortedDictionary<int, (long Count, double Gain)>();
        long n = 0;
        foreach ((int entity, SentenceStructure s) in corpus)
        {
            if ((++n & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (entity < 0 || s.Attribute < 0 || s.Attribute >= templates.Length || s.Template < 0 || s.Template >= templates[s.Attribute].Length
                || s.Value < 0 || s.Value >= model.Attributes[s.Attribute].Values.Length)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Sentence {n - 1} (entity {entity}, attribute {s.Attribute}, template {s.Template}, value {s.Value}) does not fit the model."), nameof(corpus));
            }

            templates[s.Attribute][s.Template]++;
            entities[entity] = entities.TryGetValue(entity, out var e) ? (e.Count + 1, e.Gain + mentionCost[s.Attribute]) : (1, mentionCost[s.Attribute]);
        }

        return Build(
            [.. templates.Select(t => (IReadOnlyList<long>)t)],
            [.. entities.Values.Select(e => e.Count)],
            [.. entities.Values.Select(e => e.Gain)],
            [.. entities.Keys]);
    }

    /// <summary>Returns the unknown cost of one mention with attribute j: ln N (name under the uniform G) + ln M_j (value under the base's mean).</summary>
    /// <param name="model">The model.</param>
    /// <param name="attribute">The attribute j. Range: 0 ≤ j &lt; J.</param>
    /// <returns>The cost in nats.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attribute"/> is out of range.</exception>
    public static double UnknownCost(SyntaxKnowledgeModel model, int attribute)
    {
        ArgumentNullException.ThrowIfNull(model);
        Preconditions.InRange(attribute, 0, model.Attributes.Length - 1, nameof(attribute));
        return model.Names.Entropy() + Math.Log(model.Attributes[attribute].Values.Length);
    }

    private static CorpusStatistics Build(IReadOnlyList<IReadOnlyList<long>> templateCounts, IReadOnlyList<long> entityCounts, IReadOnlyList<double> entityGains, ImmutableArray<int> ids)
    {
        ArgumentNullException.ThrowIfNull(templateCounts);
        ArgumentNullException.ThrowIfNull(entityCounts);
        ArgumentNullException.ThrowIfNull(entityGains);
        if (templateCounts.Count == 0 || templateCounts.Any(t => t is null || t.Count == 0 || t.Any(c => c < 0)))
        {
            throw new ArgumentException("templateCounts needs at least one attribute, each with at least one template count >= 0.", nameof(templateCounts));
        }

        if (entityGains.Count != entityCounts.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"entityGains has {entityGains.Count} entries but entityCounts has {entityCounts.Count}; they must match."), nameof(entityGains));
        }

        for (int k = 0; k < entityCounts.Count; k++)
        {
            if (entityCounts[k] < 1)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"entityCounts[{k}] = {entityCounts[k]}; valid range: >= 1 (list only entities that occur)."), nameof(entityCounts));
            }

            if (!(entityGains[k] >= 0) || double.IsPositiveInfinity(entityGains[k]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"entityGains[{k}] = {entityGains[k]}; valid range: finite and >= 0."), nameof(entityGains));
            }
        }

        long sentences = entityCounts.Sum(), syntax = templateCounts.Sum(t => t.Sum());
        if (sentences < 1 || sentences != syntax)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The entity counts sum to {sentences} and the template counts to {syntax}; both must be the number of sentences n >= 1."), nameof(entityCounts));
        }

        return new CorpusStatistics([.. templateCounts.Select(t => t.ToImmutableArray())], [.. entityCounts], [.. entityGains], ids);
    }

    /// <inheritdoc/>
    public bool Equals(CorpusStatistics? other) =>
        other is not null && Sentences == other.Sentences && EntityCounts.SequenceEqual(other.EntityCounts) && EntityGains.SequenceEqual(other.EntityGains)
        && EntityIds.SequenceEqual(other.EntityIds) && TemplateCounts.Length == other.TemplateCounts.Length
        && TemplateCounts.Zip(other.TemplateCounts).All(p => p.First.SequenceEqual(p.Second));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Sentences, EntityCounts.Length, TemplateCounts.Length);
}
