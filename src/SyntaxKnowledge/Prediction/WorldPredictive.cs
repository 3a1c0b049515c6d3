using System.Collections.Immutable;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Prediction;

/// <summary>
/// The true world's own proper predictive p(X_i | world, X^{&lt;i}) of a corpus: the baseline a language model's loss is
/// measured against when the data law (not the Bayes mixture) is the reference.
/// </summary>
/// <remarks>
/// <para>The world knows its syntax (ρ_j π_jt, <see cref="World.AttributeProbabilities"/> and
/// <see cref="World.TemplateProbabilities"/>) and every fact of an entity it has shown (a known entity's value has
/// probability one). Entity weights are drawn, with the seed, from the Pitman–Yor posterior given the whole corpus:
/// (W₁, …, W_K, R) ~ Dirichlet(n₁ − d, …, n_K − d, θ + dK), with n_k the corpus count of entity k (first-appearance
/// order). At sentence i a seen entity has probability W_k; a new entity has the mass R + Σ_{k first seen at or after i} W_k,
/// a name uniform over the N − K unused names and a value from the world's H_j (<see cref="World.ValueProbabilities"/>).</para>
/// <para>Per-token values are the prefix marginals of this predictive, computed by the same engine as
/// <see cref="BayesOracle"/> with the weights W_k in place of n_k − d, for either <see cref="Tokenization"/>; per sentence they
/// sum to the sentence's log-probability. Double precision: relative error about 1e-14 per probability.</para>
/// <para>A pure function of its arguments (deterministic given the seed); thread-safe.</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2504.09597">Pan, Wang, Liao, Li (2025), §3 (the Syntax-Knowledge model).</seealso>
public static class WorldPredictive
{
    /// <summary>The random stream of the posterior weight draw.</summary>
    private const ulong WeightStream = 7;

    /// <summary>Returns, for every sentence, the natural-log probability of each of its tokens under the world's predictive.</summary>
    /// <param name="model">The model: its hyperparameters must be the world's; its <see cref="SyntaxKnowledgeModel.Tokenization"/>
    /// decides the tokens (each sentence is rendered from its structure with it).</param>
    /// <param name="world">The world the corpus came from.</param>
    /// <param name="corpus">The corpus from its first sentence, in order (entity indices are first-appearance order).</param>
    /// <param name="seed">The seed of the posterior weight draw.</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    /// <returns>One array of per-token log-probabilities per sentence (−∞ for a token the world rules out).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The model's hyperparameters differ from the world's.</exception>
    public static IEnumerable<ImmutableArray<double>> TokenLogProbabilities(SyntaxKnowledgeModel model, World world, IReadOnlyList<Sentence> corpus, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(corpus);
        Check(model, world);
        return Iterate(model, world, [.. corpus.Select(SentenceStructure.Of)], seed, cancellationToken);
    }

    /// <summary>Returns, for every sentence given as tokens, the natural-log probability of each token under the world's predictive.</summary>
    /// <param name="model">The model (hyperparameters of the world; its tokenization is the tokens').</param>
    /// <param name="world">The world the corpus came from.</param>
    /// <param name="sentences">The sentences' tokens, from the first, in order.</param>
    /// <param name="seed">The seed of the posterior weight draw.</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    /// <returns>One array of per-token log-probabilities per sentence.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The model's hyperparameters differ from the world's.</exception>
    /// <exception cref="FormatException">A sentence does not parse.</exception>
    public static IEnumerable<ImmutableArray<double>> TokenLogProbabilities(SyntaxKnowledgeModel model, World world, IReadOnlyList<IReadOnlyList<string>> sentences, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(sentences);
        Check(model, world);
        return Iterate(model, world, [.. sentences.Select(t => SentenceParser.Parse(model, t))], seed, cancellationToken);
    }

    /// <summary>Returns the next-token distribution of the world's predictive after a history and a prefix (every token of
    /// the finite candidate set with positive probability; sums to one up to rounding).</summary>
    internal static IReadOnlyList<(string Token, double Probability)> NextTokenDistribution(SyntaxKnowledgeModel model, World world, IReadOnlyList<Sentence> corpus, int sentence, IReadOnlyList<string> prefix, ulong seed)
    {
        OracleEngine<double> engine = Engine(model, world, [.. corpus.Select(SentenceStructure.Of)], seed);
        for (int i = 0; i < sentence; i++)
        {
            engine.Observe(SentenceStructure.Of(corpus[i]));
        }

        double denominator = engine.PrefixProbabilities(prefix)[prefix.Count];
        var candidates = new SortedSet<string>(model.Vocabulary.SyntaxWords, StringComparer.Ordinal);
        candidates.UnionWith(model.Attributes.SelectMany(a => a.Values));
        candidates.UnionWith(model.Tokenization == Tokenization.Pieces ? model.Names.PieceVocabulary() : model.Names.GivenVocabulary().Concat(model.Names.FamilyVocabulary()));
        var extended = new List<string>(prefix) { string.Empty };
        var result = new List<(string, double)>();
        foreach (string token in candidates)
        {
            extended[^1] = token;
            double p = engine.PrefixProbabilities(extended)[extended.Count] / denominator;
            if (p > 0)
            {
                result.Add((token, p));
            }
        }

        return result;
    }

    private static void Check(SyntaxKnowledgeModel model, World world)
    {
        if (model.WithTokenization(world.Model.Tokenization) != world.Model)
        {
            throw new ArgumentException("The model's hyperparameters differ from the world's; pass world.Model (with any tokenization).", nameof(model));
        }
    }

    private static IEnumerable<ImmutableArray<double>> Iterate(SyntaxKnowledgeModel model, World world, List<SentenceStructure> structures, ulong seed, CancellationToken cancellationToken)
    {
        OracleEngine<double> engine = Engine(model, world, structures, seed);
        foreach (SentenceStructure s in structures)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ImmutableArray<string> tokens = model.Render(s.Attribute, s.Template, s.GivenName, s.FamilyName, s.Value).Tokens;
            double[] prefix = engine.PrefixProbabilities(tokens);
            var logs = ImmutableArray.CreateBuilder<double>(tokens.Length);
            for (int l = 1; l < prefix.Length; l++)
            {
                logs.Add(Math.Log(prefix[l] / prefix[l - 1]));
            }

            engine.Observe(s);
            yield return logs.MoveToImmutable();
        }
    }

    /// <summary>Draws (W₁..W_K, R) ~ Dirichlet(n₁ − d, …, n_K − d, θ + dK) from the corpus counts and builds the world engine.</summary>
    private static OracleEngine<double> Engine(SyntaxKnowledgeModel model, World world, List<SentenceStructure> structures, ulong seed)
    {
        var index = new Dictionary<(string, string), int>();
        var counts = new List<long>();
        foreach (SentenceStructure s in structures)
        {
            if (!index.TryGetValue((s.GivenName, s.FamilyName), out int k))
            {
                k = counts.Count;
                index.Add((s.GivenName, s.FamilyName), k);
                counts.Add(0);
            }

            counts[k]++;
        }

        double d = model.Knowledge.DiscountValue, theta = model.Knowledge.ConcentrationValue;
        CounterRandom random = CounterRandom.Create(seed, WeightStream);
        ulong counter = 0;
        var weights = new double[counts.Count];
        double sum = 0;
        for (int k = 0; k < weights.Length; k++)
        {
            weights[k] = Samplers.Gamma(counts[k] - d, random, ref counter);
            sum += weights[k];
        }

        // θ + dK > 0 once K ≥ 1 (θ > −d); an empty corpus leaves all mass to the rest.
        double rest = counts.Count == 0 ? 1 : Samplers.Gamma(theta + (d * counts.Count), random, ref counter);
        sum += rest;
        for (int k = 0; k < weights.Length; k++)
        {
            weights[k] /= sum;
        }

        return new OracleEngine<double>(model, prefixes: true, new WorldKnowledge(world, weights, rest / sum));
    }
}
