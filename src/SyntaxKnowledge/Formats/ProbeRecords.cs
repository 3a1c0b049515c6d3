using System.Collections.Immutable;
using System.Globalization;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Internal;

namespace SyntaxKnowledge.Formats;

/// <summary>What a knowledge probe asks about, relative to the training prefix.</summary>
public enum ProbeKind
{
    /// <summary>A fact revealed by at least one training sentence.</summary>
    Seen,

    /// <summary>A fact of an entity seen in training that no training sentence revealed.</summary>
    UnseenFact,

    /// <summary>A fact of an entity that never occurs in the corpus (a fresh name from the name model).</summary>
    UnseenEntity,
}

/// <summary>The world's value base H_j of a probe's attribute, summarised by the quantities the theory columns need.</summary>
/// <param name="Top">max_v H_j(v): the accuracy of the best guess that knows nothing about the entity (greedy decoding from the base).</param>
/// <param name="Collision">Σ_v H_j(v)²: the accuracy of a guess sampled from the base.</param>
/// <param name="EntropyBits">H(H_j) = −Σ_v H_j(v) log₂ H_j(v): the information of one fact, in bits.</param>
public sealed record ProbeBase(double Top, double Collision, double EntropyBits);

/// <summary>
/// One knowledge probe: a prompt that ends just before the value slot of a template, the true value, every value the
/// attribute can take, and the exact Bayes-optimal posterior's probability of the truth and of its mode.
/// </summary>
/// <param name="Id">The probe id (0-based, the probe's position in its set).</param>
/// <param name="Entity">The entity index k in the world's first-appearance order (for an unseen entity: an index after every entity of the corpus).</param>
/// <param name="Attribute">The attribute j.</param>
/// <param name="Template">The template t of attribute j used to build the prompt.</param>
/// <param name="Prompt">The tokens of the template up to (not including) the value slot, with the entity's name filled in.</param>
/// <param name="Answer">The true value token (the world's fact).</param>
/// <param name="Candidates">Every value token of the attribute, in the model's vocabulary order; the answer is one of them.</param>
/// <param name="TrainCount">The number of training sentences about the entity (0 for an unseen entity).</param>
/// <param name="FactCount">The number of training sentences that state this fact (0 unless <paramref name="FactSeen"/>).</param>
/// <param name="FactSeen">Whether a training sentence revealed the fact.</param>
/// <param name="Kind">The probe's kind.</param>
/// <param name="BayesAnswer">The exact Bayes posterior probability of the answer, given exactly the training prefix.</param>
/// <param name="BayesTop">The exact largest Bayes posterior probability over the candidates.</param>
/// <param name="Base">The world's value base of the attribute.</param>
public sealed record Probe(
    int Id,
    int Entity,
    int Attribute,
    int Template,
    ImmutableArray<string> Prompt,
    string Answer,
    ImmutableArray<string> Candidates,
    long TrainCount,
    long FactCount,
    bool FactSeen,
    ProbeKind Kind,
    Rational BayesAnswer,
    Rational BayesTop,
    ProbeBase Base)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(Probe? other) =>
        other is not null
            && Equals(Id, other.Id)
            && Equals(Entity, other.Entity)
            && Equals(Attribute, other.Attribute)
            && Equals(Template, other.Template)
            && Sequence.Equal(Prompt, other.Prompt)
            && Equals(Answer, other.Answer)
            && Sequence.Equal(Candidates, other.Candidates)
            && Equals(TrainCount, other.TrainCount)
            && Equals(FactCount, other.FactCount)
            && Equals(FactSeen, other.FactSeen)
            && Equals(Kind, other.Kind)
            && Equals(BayesAnswer, other.BayesAnswer)
            && Equals(BayesTop, other.BayesTop)
            && Equals(Base, other.Base);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Id);
        hash.Add(Entity);
        hash.Add(Attribute);
        hash.Add(Template);
        hash.Add(Sequence.Hash(Prompt));
        hash.Add(Answer);
        hash.Add(Sequence.Hash(Candidates));
        hash.Add(TrainCount);
        hash.Add(FactCount);
        hash.Add(FactSeen);
        hash.Add(Kind);
        hash.Add(BayesAnswer);
        hash.Add(BayesTop);
        hash.Add(Base);
        return hash.ToHashCode();
    }

    /// <summary>Gets the index of <see cref="Answer"/> in <see cref="Candidates"/>.</summary>
    public int AnswerIndex => Candidates.IndexOf(Answer, StringComparer.Ordinal);
}

/// <summary>The size of one training-count bucket's population in the training prefix (what a probe stratum stands for).</summary>
/// <param name="Lower">The smallest training count of the bucket (a power of two).</param>
/// <param name="Upper">The largest training count of the bucket (2·lower − 1).</param>
/// <param name="Entities">The entities whose training count lies in the bucket.</param>
/// <param name="SeenFacts">Their facts revealed in training (probe-able attributes only).</param>
/// <param name="UnseenFacts">Their facts not revealed in training (probe-able attributes only).</param>
public sealed record ProbePopulation(long Lower, long Upper, long Entities, long SeenFacts, long UnseenFacts)
{
    /// <summary>Gets the bucket label: "1", "2-3", "4-7", ….</summary>
    public string Label => TrainCountBuckets.Label(Lower, Upper);
}

/// <summary>The header of a probe set: what world and training prefix it was sampled from.</summary>
/// <param name="WorldSeed">The world's seed (the corpus seed).</param>
/// <param name="TrainSentences">The number N of training sentences (the corpus prefix 0..N−1).</param>
/// <param name="Discount">The Pitman–Yor discount d of the entity process.</param>
/// <param name="Concentration">The Pitman–Yor concentration θ of the entity process.</param>
/// <param name="ProbeSeed">The seed of the probe sampler.</param>
/// <param name="TrainEntities">The number of distinct entities in the training prefix.</param>
/// <param name="Populations">Every non-empty training-count bucket's population, by increasing count.</param>
public sealed record ProbeSetHeader(ulong WorldSeed, long TrainSentences, Rational Discount, Rational Concentration, ulong ProbeSeed, long TrainEntities, ImmutableArray<ProbePopulation> Populations)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(ProbeSetHeader? other) =>
        other is not null
            && Equals(WorldSeed, other.WorldSeed)
            && Equals(TrainSentences, other.TrainSentences)
            && Equals(Discount, other.Discount)
            && Equals(Concentration, other.Concentration)
            && Equals(ProbeSeed, other.ProbeSeed)
            && Equals(TrainEntities, other.TrainEntities)
            && Sequence.Equal(Populations, other.Populations);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(WorldSeed);
        hash.Add(TrainSentences);
        hash.Add(Discount);
        hash.Add(Concentration);
        hash.Add(ProbeSeed);
        hash.Add(TrainEntities);
        hash.Add(Sequence.Hash(Populations));
        return hash.ToHashCode();
    }
}

/// <summary>A probe set: its header and its probes (ids 0..n−1 in order).</summary>
/// <param name="Header">The header.</param>
/// <param name="Probes">The probes.</param>
public sealed record ProbeSet(ProbeSetHeader Header, ImmutableArray<Probe> Probes)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(ProbeSet? other) =>
        other is not null
            && Equals(Header, other.Header)
            && Sequence.Equal(Probes, other.Probes);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Header);
        hash.Add(Sequence.Hash(Probes));
        return hash.ToHashCode();
    }
}

/// <summary>A language model's answer to one probe: its natural-log probability of every candidate at the value slot.</summary>
/// <param name="Probe">The probe id.</param>
/// <param name="ValueLogProbabilities">ln P(candidate | prompt), one per candidate in the probe's order; a candidate of several
/// tokens (sub-word pieces) gets the sum of its pieces' log-probabilities, each given the prompt and the pieces before it.
/// −∞ is allowed; NaN and +∞ are not.</param>
public sealed record ProbeAnswer(int Probe, ImmutableArray<double> ValueLogProbabilities)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(ProbeAnswer? other) =>
        other is not null
            && Equals(Probe, other.Probe)
            && Sequence.Equal(ValueLogProbabilities, other.ValueLogProbabilities);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Probe);
        hash.Add(Sequence.Hash(ValueLogProbabilities));
        return hash.ToHashCode();
    }
}

/// <summary>Training-count buckets shared by every report: 0 (unseen), 1, 2–3, 4–7, … (powers of two).</summary>
public static class TrainCountBuckets
{
    /// <summary>Returns the bucket [lower, upper] of a training count.</summary>
    /// <param name="count">The training count. Range: ≥ 0.</param>
    /// <returns>(0, 0) for 0, otherwise (2^b, 2^(b+1) − 1) with b = ⌊log₂ count⌋.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static (long Lower, long Upper) Of(long count)
    {
        Internal.Preconditions.AtLeast(count, 0, nameof(count));
        if (count == 0)
        {
            return (0, 0);
        }

        long lower = 1L << (63 - (int)long.LeadingZeroCount(count));
        return (lower, lower == 1L << 62 ? long.MaxValue : (2 * lower) - 1);
    }

    /// <summary>Returns the label of a bucket: "0", "1", "2-3", "4-7", ….</summary>
    /// <param name="lower">The bucket's smallest count.</param>
    /// <param name="upper">The bucket's largest count.</param>
    /// <returns>The label.</returns>
    public static string Label(long lower, long upper) =>
        lower == upper ? lower.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{lower}-{upper}");
}
