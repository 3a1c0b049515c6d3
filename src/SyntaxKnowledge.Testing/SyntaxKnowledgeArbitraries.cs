using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Testing;

/// <summary>
/// FsCheck arbitraries (generator + shrinker) for valid SyntaxKnowledge inputs. Register the class on a
/// property, and FsCheck supplies the arguments:
/// <code>
/// [Property(Arbitrary = [typeof(SyntaxKnowledgeArbitraries)])]
/// public bool NewProbability_IsAProbability(PitmanYorParameters p) => NewProbability.Exact(p, 10) is { Sign: > 0 } q &amp;&amp; q &lt; 1;
/// </code>
/// </summary>
/// <remarks>
/// <para>Generators are those of <see cref="SyntaxKnowledgeGenerators"/>. Shrinkers move towards simpler
/// cases that are still valid: PY(d, θ) towards d = 0 and small integer θ, Dirichlet priors towards fewer
/// categories and a = 1, models towards fewer attributes and unit priors, corpora towards shorter prefixes
/// of the same world (so a failing corpus shrinks to its first failing sentence).</para>
/// <para>FsCheck registers one arbitrary per type per class: if your own arbitraries class also defines one
/// for a type below, list only one of the two classes for that property.</para>
/// </remarks>
public static class SyntaxKnowledgeArbitraries
{
    /// <summary>The longest corpus of a biographies world that <see cref="Corpus"/> generates.</summary>
    public const int MaximumCorpusSentences = 40;

    /// <summary>Returns the arbitrary of valid Pitman–Yor parameters (see <see cref="SyntaxKnowledgeGenerators.PitmanYor"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<PitmanYorParameters> PitmanYor() => Arb.From(SyntaxKnowledgeGenerators.PitmanYor, ShrinkPitmanYor);

    /// <summary>Returns the arbitrary of symmetric Dirichlet priors (see <see cref="SyntaxKnowledgeGenerators.Dirichlet"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<SymmetricDirichlet> Dirichlet() => Arb.From(SyntaxKnowledgeGenerators.Dirichlet, ShrinkDirichlet);

    /// <summary>Returns the arbitrary of Syntax-Knowledge models, tiny and biographies (see <see cref="SyntaxKnowledgeGenerators.Models"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<SyntaxKnowledgeModel> Model() => Arb.From(SyntaxKnowledgeGenerators.Models, ShrinkModel);

    /// <summary>Returns the arbitrary of worlds (see <see cref="SyntaxKnowledgeGenerators.Worlds"/>); a world shrinks through its model, keeping its seed.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<World> World() =>
        Arb.From(SyntaxKnowledgeGenerators.Worlds, w => ShrinkModel(w.Model).Select(m => SyntaxKnowledge.Model.World.Sample(m, w.Seed)));

    /// <summary>Returns the arbitrary of short corpora (see <see cref="SyntaxKnowledgeGenerators.Corpora"/>) with at most
    /// <see cref="MaximumCorpusSentences"/> sentences; a corpus shrinks to shorter prefixes of the same world.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<SmallCorpus> Corpus() => Arb.From(SyntaxKnowledgeGenerators.Corpora(MaximumCorpusSentences), ShrinkCorpus);

    /// <summary>Returns simpler valid parameters: towards d = 0 and towards small integer θ (candidates are strictly simpler, so shrinking ends).</summary>
    /// <param name="parameters">The parameters to shrink.</param>
    /// <returns>Simpler valid parameters, simplest first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    public static IEnumerable<PitmanYorParameters> ShrinkPitmanYor(PitmanYorParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Rational d = parameters.Discount, theta = parameters.Concentration;
        Rational[] discounts = [Rational.Zero, new Rational(1, 2), d];
        Rational[] concentrations = [Rational.One, Rational.Zero, Rational.Floor(theta), Rational.Ceiling(theta), theta];
        (BigInteger, BigInteger) size = Size(parameters);
        var seen = new HashSet<PitmanYorParameters>();
        foreach (Rational dc in discounts)
        {
            foreach (Rational tc in concentrations)
            {
                if (PitmanYorParameters.TryCreate(dc, tc, out PitmanYorParameters? candidate) && Size(candidate).CompareTo(size) < 0 && seen.Add(candidate))
                {
                    yield return candidate;
                }
            }
        }
    }

    /// <summary>Returns simpler symmetric Dirichlet priors: fewer categories, then a = 1.</summary>
    /// <param name="prior">The prior to shrink.</param>
    /// <returns>Simpler priors.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prior"/> is <see langword="null"/>.</exception>
    public static IEnumerable<SymmetricDirichlet> ShrinkDirichlet(SymmetricDirichlet prior)
    {
        ArgumentNullException.ThrowIfNull(prior);
        for (int m = 1; m < prior.Categories; m++)
        {
            yield return Processes.SymmetricDirichlet.Create(m, prior.Concentration);
        }

        if (prior.Concentration != Rational.One)
        {
            yield return Processes.SymmetricDirichlet.Create(prior.Categories, Rational.One);
        }
    }

    /// <summary>Returns simpler models: fewer attributes (each one dropped in turn), unit syntax priors, uniform value bases,
    /// then simpler knowledge parameters.</summary>
    /// <param name="model">The model to shrink.</param>
    /// <returns>Simpler models.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static IEnumerable<SyntaxKnowledgeModel> ShrinkModel(SyntaxKnowledgeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Attributes.Length > 1)
        {
            for (int drop = 0; drop < model.Attributes.Length; drop++)
            {
                yield return model.WithAttributes([.. model.Attributes.Where((_, i) => i != drop).Select(a => a.Name)]);
            }
        }

        if (model.AttributePrior != Rational.One || model.TemplatePrior != Rational.One)
        {
            yield return model.WithSyntaxPriors(Rational.One, Rational.One);
        }

        if (model.Attributes.Any(a => !a.ValuePrior.IsUniform))
        {
            yield return model.WithValuePrior(ValuePrior.Uniform);
        }

        foreach (PitmanYorParameters p in ShrinkPitmanYor(model.Knowledge))
        {
            yield return model.WithKnowledge(p);
        }
    }

    /// <summary>Returns shorter corpora of the same world: the empty corpus, the first half, and all but the last sentence.</summary>
    /// <param name="corpus">The corpus to shrink.</param>
    /// <returns>Strictly shorter prefixes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="corpus"/> is <see langword="null"/>.</exception>
    public static IEnumerable<SmallCorpus> ShrinkCorpus(SmallCorpus corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        foreach (int n in new[] { 0, corpus.Count / 2, corpus.Count - 1 }.Where(n => n >= 0 && n < corpus.Count).Distinct())
        {
            yield return corpus.Prefix(n);
        }
    }

    // A well-founded size (lexicographic on the heights of d and θ): candidates are strictly smaller, so shrinking terminates.
    private static (BigInteger Discount, BigInteger Concentration) Size(PitmanYorParameters p) =>
        (BigInteger.Abs(p.Discount.Numerator) + p.Discount.Denominator, BigInteger.Abs(p.Concentration.Numerator) + p.Concentration.Denominator);
}
