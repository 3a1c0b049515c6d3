using FsCheck;
using FsCheck.Fluent;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Testing;

/// <summary>
/// FsCheck generators of valid SyntaxKnowledge inputs, to compose into your own generators. Register
/// <see cref="SyntaxKnowledgeArbitraries"/> instead when a property simply takes these types as arguments.
/// </summary>
/// <remarks>
/// <para>Parameters come from small rational grids that include the edge classes the theory
/// distinguishes: d = 0 (the Dirichlet process), θ just above −d, θ &lt; 0 for d &gt; 0, and large θ. Exact
/// quantities on these grids stay small enough for exact rational arithmetic in a property test.</para>
/// <para>Every generator is pure: the same FsCheck seed and size give the same values.</para>
/// </remarks>
public static class SyntaxKnowledgeGenerators
{
    /// <summary>Gets the discounts d ∈ {0} ∪ {1/12, …, 11/12}; d = 0 has probability 1/5.</summary>
    public static Gen<Rational> Discounts { get; } =
        Gen.Frequency((1, Gen.Constant(Rational.Zero)), (4, Twelfths(1, 11)));

    /// <summary>Gets Dirichlet concentrations a ∈ {1/4, 1/2, 1, 2, 4}.</summary>
    public static Gen<Rational> Concentrations { get; } =
        Gen.Elements(new Rational(1, 4), new Rational(1, 2), Rational.One, new Rational(2), new Rational(4));

    // Value bases H_j: uniform three times in four, otherwise Dirichlet(b) with b from Concentrations.
    private static Gen<ValuePrior> ValuePriors { get; } =
        Gen.Frequency((3, Gen.Constant(ValuePrior.Uniform)), (1, Concentrations.Select(ValuePrior.Dirichlet)));

    /// <summary>Gets valid Pitman–Yor parameters PY(d, θ): d from <see cref="Discounts"/>, θ ∈ {k/12 : −11 ≤ k ≤ 120}
    /// (to 10) or, one time in four, θ ∈ {k/60 : −59 ≤ k ≤ 0} (close to the boundary θ = −d), always with θ &gt; −d.</summary>
    public static Gen<PitmanYorParameters> PitmanYor { get; } =
        from d in Discounts
        from theta in Gen.Frequency((3, Twelfths(-11, 120)), (1, Fraction(60, -59, 0)))
        where theta > -d
        select PitmanYorParameters.Create(d, theta);

    /// <summary>Gets symmetric Dirichlet priors over 1 to 8 categories with concentration a ∈ {1/4, 1/2, 1, 2, 4}
    /// (a = 1/2 is the Jeffreys prior).</summary>
    public static Gen<SymmetricDirichlet> Dirichlet { get; } =
        from m in Gen.Choose(1, 8)
        from a in Concentrations
        select Processes.SymmetricDirichlet.Create(m, a);

    /// <summary>Gets <see cref="SyntaxKnowledgeModel.Tiny"/> models (two attributes, four names: small enough to
    /// enumerate every corpus of a few sentences) with random knowledge parameters, syntax priors and value bases.</summary>
    public static Gen<SyntaxKnowledgeModel> TinyModels { get; } =
        from p in PitmanYor
        from priors in Gen.Zip(Concentrations, Concentrations)
        from valuePrior in ValuePriors
        select SyntaxKnowledgeModel.Tiny(p).WithSyntaxPriors(priors.Item1, priors.Item2).WithValuePrior(valuePrior);

    /// <summary>Gets <see cref="SyntaxKnowledgeModel.Biographies"/> models restricted to a random non-empty subset of
    /// its five attributes, with random knowledge parameters, syntax priors and value bases.</summary>
    public static Gen<SyntaxKnowledgeModel> BiographiesModels { get; } =
        from p in PitmanYor
        from keep in Gen.Choose(1, 31)
        from priors in Gen.Zip(Concentrations, Concentrations)
        from valuePrior in ValuePriors
        select Biographies(p, keep).WithSyntaxPriors(priors.Item1, priors.Item2).WithValuePrior(valuePrior);

    /// <summary>Gets models: <see cref="TinyModels"/> one time in three, otherwise <see cref="BiographiesModels"/>.</summary>
    public static Gen<SyntaxKnowledgeModel> Models { get; } = Gen.Frequency((1, TinyModels), (2, BiographiesModels));

    /// <summary>Gets worlds: a model from <see cref="Models"/> and a seed in 0 … 2³¹ − 1.</summary>
    public static Gen<World> Worlds { get; } =
        from model in Models
        from seed in Gen.Choose(0, int.MaxValue)
        select SyntaxKnowledge.Model.World.Sample(model, (ulong)seed);

    /// <summary>Returns a generator of short corpora: up to 4 sentences of a <see cref="TinyModels"/> world (it has
    /// four names) or up to <paramref name="maximumSentences"/> sentences of a <see cref="BiographiesModels"/> world,
    /// the length growing with FsCheck's size.</summary>
    /// <param name="maximumSentences">The longest corpus of a biographies world. Range: 0 ≤ n ≤ <see cref="SmallCorpus.MaximumSentences"/>.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maximumSentences"/> is outside its range.</exception>
    public static Gen<SmallCorpus> Corpora(int maximumSentences)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maximumSentences);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maximumSentences, SmallCorpus.MaximumSentences);
        Gen<SmallCorpus> Of(Gen<SyntaxKnowledgeModel> models, int cap) => Gen.Sized(size =>
            from model in models
            from seed in Gen.Choose(0, int.MaxValue)
            from n in Gen.Choose(0, Math.Min(cap, Math.Max(size, 1)))
            select SmallCorpus.Generate(SyntaxKnowledge.Model.World.Sample(model, (ulong)seed), n));
        return Gen.Frequency((1, Of(TinyModels, Math.Min(4, maximumSentences))), (2, Of(BiographiesModels, maximumSentences)));
    }

    /// <summary>Returns a generator of the fractions k/<paramref name="denominator"/> for k from <paramref name="low"/> to <paramref name="high"/>.</summary>
    /// <param name="denominator">The denominator. Range: ≥ 1.</param>
    /// <param name="low">The smallest numerator.</param>
    /// <param name="high">The largest numerator. Range: ≥ <paramref name="low"/>.</param>
    /// <returns>The generator (uniform over the numerators).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="denominator"/> is less than one, or <paramref name="high"/> is less than <paramref name="low"/>.</exception>
    public static Gen<Rational> Fraction(int denominator, int low, int high)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(denominator, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(high, low);
        return Gen.Choose(low, high).Select(k => new Rational(k, denominator));
    }

    private static Gen<Rational> Twelfths(int low, int high) => Fraction(12, low, high);

    // keep is a bit mask over the five attributes (1..31): the selected attributes, in preset order.
    private static SyntaxKnowledgeModel Biographies(PitmanYorParameters p, int keep)
    {
        SyntaxKnowledgeModel full = SyntaxKnowledgeModel.Biographies(p);
        string[] names = [.. full.Attributes.Where((_, i) => (keep & (1 << i)) != 0).Select(a => a.Name)];
        return full.WithAttributes(names);
    }
}
