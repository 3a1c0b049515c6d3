using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using SyntaxKnowledge.Model;

namespace SyntaxKnowledge.Testing;

/// <summary>
/// A short corpus of a Syntax-Knowledge world: the world and its first sentences, as
/// <see cref="CorpusGenerator"/> produces them. What property tests of the Bayes-optimal predictor and
/// of the generator take as input.
/// </summary>
/// <remarks>
/// <para>Immutable; build with <see cref="Generate"/>, so the sentences are always the world's own first
/// sentences (a prefix of a corpus is again a corpus of the same world, which is how the FsCheck shrinker
/// of <see cref="SyntaxKnowledgeArbitraries.Corpus"/> shortens a failing case).</para>
/// <para><see cref="ToString"/> prints the model, the world's seed and the sentences, so a failing
/// property shows a reproducible case.</para>
/// </remarks>
public sealed class SmallCorpus
{
    private SmallCorpus(World world, ImmutableArray<Sentence> sentences)
    {
        World = world;
        Sentences = sentences;
    }

    /// <summary>The largest corpus <see cref="Generate"/> builds (the sentences are held in memory).</summary>
    public const int MaximumSentences = 100_000;

    /// <summary>Gets the world the corpus was generated from.</summary>
    public World World { get; }

    /// <summary>Gets the model of the world.</summary>
    public SyntaxKnowledgeModel Model => World.Model;

    /// <summary>Gets the sentences 0 … n − 1 of the world's corpus.</summary>
    public ImmutableArray<Sentence> Sentences { get; }

    /// <summary>Gets the number of sentences n.</summary>
    public int Count => Sentences.Length;

    /// <summary>Gets the tokens of every sentence, in order (the input of <c>BayesOracle.ScoreTokens</c> and <c>BayesOracle.CorpusProbability</c>).</summary>
    public ImmutableArray<IReadOnlyList<string>> Tokens => [.. Sentences.Select(s => (IReadOnlyList<string>)s.Tokens)];

    /// <summary>Gets the number of distinct entities K_n in the corpus.</summary>
    public int DistinctEntities => Sentences.Length == 0 ? 0 : Sentences.Max(s => s.Entity) + 1;

    /// <summary>Generates the first sentences of a world's corpus.</summary>
    /// <param name="world">The world.</param>
    /// <param name="sentences">The number of sentences n. Range: 0 ≤ n ≤ <see cref="MaximumSentences"/>.</param>
    /// <returns>The corpus.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="world"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sentences"/> is outside its range.</exception>
    /// <exception cref="InvalidOperationException">The corpus needs more entities than the model has names
    /// (only possible with tiny name models, e.g. <see cref="SyntaxKnowledgeModel.Tiny"/> has four names).</exception>
    public static SmallCorpus Generate(World world, int sentences)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentOutOfRangeException.ThrowIfNegative(sentences);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sentences, MaximumSentences);
        return new SmallCorpus(world, [.. CorpusGenerator.Generate(world, 0, sentences)]);
    }

    /// <summary>Returns the corpus of the same world cut to its first <paramref name="sentences"/> sentences.</summary>
    /// <param name="sentences">The number of sentences to keep. Range: 0 ≤ n ≤ <see cref="Count"/>.</param>
    /// <returns>The prefix.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sentences"/> is outside its range.</exception>
    public SmallCorpus Prefix(int sentences)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sentences);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sentences, Count);
        return new SmallCorpus(World, Sentences[..sentences]);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"SmallCorpus({Model}, seed = {World.Seed}, {Count} sentences, {DistinctEntities} entities)");
        foreach (Sentence s in Sentences.Take(12))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  {s.Index}: {s.Text}");
        }

        if (Count > 12)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  ... {Count - 12} more");
        }

        return text.ToString();
    }
}
