using System.Collections.Immutable;
using System.Globalization;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Prediction;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Evaluation;

/// <summary>How many probes of each kind to sample, and with which seed.</summary>
/// <remarks>Immutable; build with <see cref="Create"/>, which validates.</remarks>
public sealed record ProbeOptions
{
    /// <summary>The default number of seen-fact (and of unseen-fact) probes per training-count bucket.</summary>
    public const int DefaultPerBucket = 200;

    /// <summary>The default number of unseen-entity probes.</summary>
    public const int DefaultUnseenEntities = 200;

    /// <summary>The default seed of the probe sampler.</summary>
    public const ulong DefaultSeed = 20250413;

    private ProbeOptions(int perBucket, int unseenEntities, ulong seed) => (PerBucket, UnseenEntities, Seed) = (perBucket, unseenEntities, seed);

    /// <summary>Gets the largest number of seen-fact probes, and of unseen-fact probes, per training-count bucket.</summary>
    public int PerBucket { get; }

    /// <summary>Gets the number of unseen-entity probes (fewer when the name model runs out of unused names).</summary>
    public int UnseenEntities { get; }

    /// <summary>Gets the seed of the probe sampler (independent of the world's seed).</summary>
    public ulong Seed { get; }

    /// <summary>Gets the default options.</summary>
    public static ProbeOptions Default { get; } = new(DefaultPerBucket, DefaultUnseenEntities, DefaultSeed);

    /// <summary>Creates validated options.</summary>
    /// <param name="perBucket">Probes per bucket and kind. Range: 0 ≤ M ≤ 1,000,000.</param>
    /// <param name="unseenEntities">Unseen-entity probes. Range: 0 ≤ U ≤ 1,000,000.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    public static ProbeOptions Create(int perBucket = DefaultPerBucket, int unseenEntities = DefaultUnseenEntities, ulong seed = DefaultSeed)
    {
        Preconditions.InRange(perBucket, 0, 1_000_000, nameof(perBucket));
        Preconditions.InRange(unseenEntities, 0, 1_000_000, nameof(unseenEntities));
        return new ProbeOptions(perBucket, unseenEntities, seed);
    }
}

/// <summary>
/// Samples knowledge probes from a corpus's training prefix: questions "entity k, attribute j, value = ?" built from the
/// model's own templates, stratified by how often the entity occurs in training, with the exact Bayes-optimal answer
/// distribution given exactly the training prefix.
/// </summary>
/// <remarks>
/// <para>Kinds. <see cref="ProbeKind.Seen"/>: a fact revealed in training, sampled uniformly among the bucket's seen facts,
/// at most <see cref="ProbeOptions.PerBucket"/> per training-count bucket (1, 2–3, 4–7, …). <see cref="ProbeKind.UnseenFact"/>:
/// a fact of a training entity that no training sentence states, likewise per bucket; its answer is the world's fact
/// (<see cref="World.Fact"/>). <see cref="ProbeKind.UnseenEntity"/>: the world's next entities K, K+1, … after the K
/// entities of the whole corpus, named exactly as the generator would name them (fresh names from the name model, never
/// used in the corpus), with the world's facts (draws from H_j) and attributes drawn by ρ.</para>
/// <para>Templates. A probe uses a template of its attribute whose name comes before the value (drawn by the world's
/// π_j restricted to those); attributes without such a template are not probed and not counted in the populations.</para>
/// <para>Bayes answer. The posterior of the value given the training prefix and the prompt, over the candidates: a point
/// mass on the revealed value for a seen fact, and the value base predictive (1/M_j, or the Dirichlet–categorical
/// predictive over revealed facts) for an unseen fact or entity. It equals the exact next-token distribution at the value
/// slot restricted to the attribute's values and renormalised (checked in the tests).</para>
/// <para>Pure and deterministic: the same inputs and seed give the same probes. Cost O(N + corpus) parsing plus
/// O(probes × M_j) exact arithmetic.</para>
/// </remarks>
public static class KnowledgeProbes
{
    private const ulong SeenStream = 0, UnseenFactStream = 1, TemplateStream = 2, EntityAttributeStream = 3;

    /// <summary>Samples probes from generated sentences (see the type remarks).</summary>
    /// <param name="world">The world of the corpus (its model and seed, e.g. <see cref="World.Sample"/> of a corpus header's model and seed).</param>
    /// <param name="corpus">The world's corpus from its first sentence: at least the training prefix, and ideally every sentence
    /// (unseen entities avoid every name of it).</param>
    /// <param name="trainSentences">The number N of training sentences (sentences 0..N−1). Range: 0 ≤ N ≤ corpus length.</param>
    /// <param name="options">The sampling options.</param>
    /// <returns>The probe set.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trainSentences"/> is negative or exceeds the corpus.</exception>
    /// <exception cref="ArgumentException">A training sentence states a value that is not the world's fact (the corpus is not this world's).</exception>
    public static ProbeSet Sample(World world, IEnumerable<Sentence> corpus, long trainSentences, ProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return SampleStructures(world, corpus.Select(s => SentenceStructure.Of(s)), trainSentences, options);
    }

    /// <summary>Samples probes from a corpus given as token sequences (each parsed with <see cref="SentenceParser"/>).</summary>
    /// <param name="world">The world of the corpus.</param>
    /// <param name="corpus">The sentences' tokens, from the first sentence.</param>
    /// <param name="trainSentences">The number N of training sentences. Range: 0 ≤ N ≤ corpus length.</param>
    /// <param name="options">The sampling options.</param>
    /// <returns>The probe set.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trainSentences"/> is negative or exceeds the corpus.</exception>
    /// <exception cref="ArgumentException">A training sentence states a value that is not the world's fact.</exception>
    /// <exception cref="FormatException">A sentence does not parse.</exception>
    public static ProbeSet SampleTokens(World world, IEnumerable<IReadOnlyList<string>> corpus, long trainSentences, ProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(corpus);
        return SampleStructures(world, corpus.Select(tokens => SentenceParser.Parse(world.Model, tokens)), trainSentences, options);
    }

    /// <summary>
    /// Returns the exact Bayes posterior of attribute <paramref name="attribute"/>'s value for the named entity, given the
    /// training sentences: P(V = v | training, the entity's name) for every value v in vocabulary order.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="training">The training sentences' tokens.</param>
    /// <param name="given">The entity's given name.</param>
    /// <param name="family">The entity's family name (a name not in training means a new entity).</param>
    /// <param name="attribute">The attribute j. Range: 0 ≤ j &lt; J.</param>
    /// <returns>The distribution over the attribute's values; it sums to exactly 1.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attribute"/> is out of range.</exception>
    /// <exception cref="FormatException">A training sentence does not parse.</exception>
    public static ImmutableArray<Rational> Posterior(SyntaxKnowledgeModel model, IEnumerable<IReadOnlyList<string>> training, string given, string family, int attribute)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(family);
        Preconditions.InRange(attribute, 0, model.Attributes.Length - 1, nameof(attribute));
        var engine = new OracleEngine<Rational>(model, prefixes: false);
        foreach (IReadOnlyList<string> tokens in training)
        {
            engine.Observe(SentenceParser.Parse(model, tokens));
        }

        int k = engine.EntityOf(given, family);
        return PosteriorOf(engine, model, k < engine.Entities ? k : -1, attribute);
    }

    private static ImmutableArray<Rational> PosteriorOf(OracleEngine<Rational> engine, SyntaxKnowledgeModel model, int entity, int attribute)
    {
        int values = model.Attributes[attribute].Values.Length;
        int fact = entity >= 0 ? engine.Fact(entity, attribute) : -1;
        var p = ImmutableArray.CreateBuilder<Rational>(values);
        for (int v = 0; v < values; v++)
        {
            p.Add(fact >= 0 ? (v == fact ? Rational.One : Rational.Zero) : engine.ValueProbability(attribute, v));
        }

        return p.MoveToImmutable();
    }

    private static ProbeSet SampleStructures(World world, IEnumerable<SentenceStructure> corpus, long trainSentences, ProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        Preconditions.AtLeast(trainSentences, 0, nameof(trainSentences));
        SyntaxKnowledgeModel model = world.Model;
        int attributes = model.Attributes.Length;
        int[][] nameFirst = [.. model.Attributes.Select(a => Enumerable.Range(0, a.Templates.Length).Where(t => NameBeforeValue(a.Templates[t])).ToArray())];

        var engine = new OracleEngine<Rational>(model, prefixes: false);
        var factCounts = new List<long[]>();
        var names = new List<(string Given, string Family)>();
        var used = new HashSet<(string, string)>();
        long sentences = 0;
        foreach (SentenceStructure s in corpus)
        {
            used.Add((s.GivenName, s.FamilyName));
            if (sentences < trainSentences)
            {
                int k = engine.EntityOf(s.GivenName, s.FamilyName);
                if (k == factCounts.Count)
                {
                    factCounts.Add(new long[attributes]);
                    names.Add((s.GivenName, s.FamilyName));
                }

                int fact = world.Fact(k, s.Attribute);
                if (fact != s.Value)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Sentence {sentences} states value '{model.Attributes[s.Attribute].Values[s.Value]}' for entity {k}, attribute '{model.Attributes[s.Attribute].Name}', but the world's fact is '{model.Attributes[s.Attribute].Values[fact]}': the corpus is not the corpus of world seed {world.Seed}."), nameof(corpus));
                }

                factCounts[k][s.Attribute]++;
                engine.Observe(s);
            }

            sentences++;
        }

        if (trainSentences > sentences)
        {
            throw Preconditions.OutOfRange(nameof(trainSentences), trainSentences, string.Create(CultureInfo.InvariantCulture, $"0 <= trainSentences <= {sentences} (the corpus length)"));
        }

        // Sampling frames by bucket: seen and unseen facts of training entities, probe-able attributes only.
        var seenFrames = new SortedDictionary<long, List<(int Entity, int Attribute)>>();
        var unseenFrames = new SortedDictionary<long, List<(int Entity, int Attribute)>>();
        var populations = new SortedDictionary<long, (long Upper, long Entities, long Seen, long Unseen)>();
        for (int k = 0; k < factCounts.Count; k++)
        {
            (long lower, long upper) = TrainCountBuckets.Of(engine.EntityCount(k));
            (long _, long entities, long seen, long unseen) = populations.TryGetValue(lower, out var p) ? p : (upper, 0, 0, 0);
            entities++;
            for (int j = 0; j < attributes; j++)
            {
                if (nameFirst[j].Length == 0)
                {
                    continue;
                }

                bool revealed = factCounts[k][j] > 0;
                SortedDictionary<long, List<(int, int)>> frames = revealed ? seenFrames : unseenFrames;
                if (!frames.TryGetValue(lower, out List<(int, int)>? list))
                {
                    list = [];
                    frames.Add(lower, list);
                }

                list.Add((k, j));
                if (revealed)
                {
                    seen++;
                }
                else
                {
                    unseen++;
                }
            }

            populations[lower] = (upper, entities, seen, unseen);
        }

        CounterRandom root = CounterRandom.Create(options.Seed, 0);
        CounterRandom templateRandom = root.Substream(TemplateStream);
        var probes = ImmutableArray.CreateBuilder<Probe>();
        foreach ((ProbeKind kind, SortedDictionary<long, List<(int, int)>> frames, ulong stream) in new[] { (ProbeKind.Seen, seenFrames, SeenStream), (ProbeKind.UnseenFact, unseenFrames, UnseenFactStream) })
        {
            foreach ((long lower, List<(int Entity, int Attribute)> frame) in frames)
            {
                CounterRandom random = root.Substream(stream).Substream((ulong)lower);
                foreach ((int k, int j) in Choose(frame, options.PerBucket, random))
                {
                    (string given, string family) = names[k];
                    probes.Add(Build(world, engine, probes.Count, k, j, given, family, engine.EntityCount(k), factCounts[k][j], kind, nameFirst[j], templateRandom));
                }
            }
        }

        // Unseen entities: the world's next entities, named as the generator would name them.
        CounterRandom attributeRandom = root.Substream(EntityAttributeStream);
        int[] probeable = [.. Enumerable.Range(0, attributes).Where(j => nameFirst[j].Length > 0)];
        int next = used.Count;
        for (int u = 0; u < options.UnseenEntities && probeable.Length > 0 && used.Count < model.Names.NameSpaceSize; u++)
        {
            int k = next + u;
            CounterRandom nameRandom = CounterRandom.Create(world.Seed, World.NameStream).Substream((ulong)k);
            ulong counter = 0;
            (string, string) name;
            do
            {
                name = model.Names.Sample(nameRandom, ref counter);
            }
            while (!used.Add(name));

            int j = PickWeighted(probeable, world.AttributeProbabilities, attributeRandom.Uniform((ulong)u));
            probes.Add(Build(world, engine, probes.Count, k, j, name.Item1, name.Item2, 0, 0, ProbeKind.UnseenEntity, nameFirst[j], templateRandom));
        }

        var header = new ProbeSetHeader(world.Seed, trainSentences, model.Knowledge.Discount, model.Knowledge.Concentration, options.Seed, factCounts.Count,
            [.. populations.Select(p => new ProbePopulation(p.Key, p.Value.Upper, p.Value.Entities, p.Value.Seen, p.Value.Unseen))]);
        return new ProbeSet(header, probes.ToImmutable());
    }

    private static Probe Build(World world, OracleEngine<Rational> engine, int id, int entity, int attribute, string given, string family, long trainCount, long factCount, ProbeKind kind, int[] templates, CounterRandom templateRandom)
    {
        SyntaxKnowledgeModel model = world.Model;
        AttributeSpec spec = model.Attributes[attribute];
        int template = PickWeighted(templates, world.TemplateProbabilities[attribute], templateRandom.Uniform((ulong)id));
        int value = world.Fact(entity, attribute);
        // Rendered with the model's tokenization (name pieces under Tokenization.Pieces), cut before the value token.
        (ImmutableArray<string> tokens, ImmutableArray<TokenTag> tags) = model.Render(attribute, template, given, family, value);
        ImmutableArray<string> prompt = [.. tokens.Take(tags.IndexOf(TokenTag.Value))];
        ImmutableArray<Rational> posterior = PosteriorOf(engine, model, kind == ProbeKind.UnseenEntity ? -1 : entity, attribute);
        ImmutableArray<double> h = world.ValueProbabilities[attribute];
        var valueBase = new ProbeBase(h.Max(), h.Sum(x => x * x), -h.Where(x => x > 0).Sum(x => x * Math.Log2(x)));
        return new Probe(id, entity, attribute, template, prompt, spec.Values[value], spec.Values, trainCount, factCount, factCount > 0, kind, posterior[value], posterior.Max(), valueBase);
    }

    private static bool NameBeforeValue(Template template)
    {
        int name = template.Slots.IndexOf(template.Slots.First(s => s.Kind == SlotKind.GivenName));
        int value = template.Slots.IndexOf(template.Slots.First(s => s.Kind == SlotKind.Value));
        return name < value;
    }

    // A uniform sample of min(m, n) items without replacement (partial Fisher–Yates), returned in frame order.
    private static IEnumerable<(int, int)> Choose(List<(int, int)> frame, int m, CounterRandom random)
    {
        int n = frame.Count;
        int take = Math.Min(m, n);
        int[] index = [.. Enumerable.Range(0, n)];
        for (int i = 0; i < take; i++)
        {
            int j = i + (int)random.Below((ulong)i, (uint)(n - i));
            (index[i], index[j]) = (index[j], index[i]);
        }

        return index.Take(take).Order().Select(i => frame[i]);
    }

    private static int PickWeighted(int[] allowed, ImmutableArray<double> weights, double u)
    {
        double total = allowed.Sum(i => weights[i]);
        double target = u * total, cumulative = 0;
        foreach (int i in allowed)
        {
            cumulative += weights[i];
            if (target < cumulative)
            {
                return i;
            }
        }

        return allowed[^1];
    }
}
