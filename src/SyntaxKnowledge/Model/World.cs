using System.Collections.Immutable;
using MathNet.Numerics;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Model;

/// <summary>
/// One world of the Syntax-Knowledge model: the attribute probabilities ρ, the template probabilities
/// π_j and the value bases H_j, drawn from their priors with a seed. Entities are created lazily, in
/// order of first appearance, by the Pitman–Yor seating rule; entity k's name and facts are pure
/// functions of (seed, k) (see <see cref="CorpusGenerator"/>).
/// </summary>
/// <remarks>
/// <para>The entity weights of the world are integrated out (the Chinese-restaurant representation of
/// PY(d, θ)): the sequence of entities has exactly the law it has given weights drawn by stick-breaking
/// and then averaged, and the generator never truncates the infinite weight sequence. Quantities that
/// need the weights in expectation use exact identities instead (e.g. E[Σ_k p_k log p_k] = ψ(1−d) − ψ(θ+1)).</para>
/// <para>Immutable; probabilities are doubles because they are draws of continuous random variables.
/// Random streams: 0 world parameters, 1 entity choice, 2 attribute, 3 template (counter = sentence
/// index), 4 names and 5 facts (sub-stream = entity).</para>
/// </remarks>
public sealed class World
{
    internal const ulong ParameterStream = 0, EntityStream = 1, AttributeStream = 2, TemplateStream = 3, NameStream = 4, FactStream = 5;

    private readonly double[] _attributeCumulative;
    private readonly double[][] _templateCumulative;
    private readonly double[][] _valueCumulative;

    private World(SyntaxKnowledgeModel model, ulong seed, double[] rho, double[][] pi, double[][] h)
    {
        Model = model;
        Seed = seed;
        AttributeProbabilities = [.. rho];
        TemplateProbabilities = [.. pi.Select(p => p.ToImmutableArray())];
        ValueProbabilities = [.. h.Select(p => p.ToImmutableArray())];
        _attributeCumulative = Cumulative(rho);
        _templateCumulative = [.. pi.Select(Cumulative)];
        _valueCumulative = [.. h.Select(Cumulative)];
    }

    /// <summary>Gets the model the world was drawn from.</summary>
    public SyntaxKnowledgeModel Model { get; }

    /// <summary>Gets the seed of the world (and of its corpus).</summary>
    public ulong Seed { get; }

    /// <summary>Gets ρ, the probability of each attribute.</summary>
    public ImmutableArray<double> AttributeProbabilities { get; }

    /// <summary>Gets π_j, the probability of each template of each attribute.</summary>
    public ImmutableArray<ImmutableArray<double>> TemplateProbabilities { get; }

    /// <summary>Gets H_j, the probability of each value of each attribute (uniform, or a Dirichlet draw).</summary>
    public ImmutableArray<ImmutableArray<double>> ValueProbabilities { get; }

    /// <summary>Draws a world: ρ ~ Dirichlet(a_J), π_j ~ Dirichlet(a), H_j uniform or ~ Dirichlet(b).</summary>
    /// <param name="model">The model.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The world.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static World Sample(SyntaxKnowledgeModel model, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        CounterRandom random = CounterRandom.Create(seed, ParameterStream);
        ulong counter = 0;
        double[] rho = Dirichlet(model.AttributePrior.ToDouble(), model.Attributes.Length, random, ref counter);
        double[][] pi = [.. model.Attributes.Select(a => Dirichlet(model.TemplatePrior.ToDouble(), a.Templates.Length, random, ref counter))];
        double[][] h = [.. model.Attributes.Select(a => a.ValuePrior.Concentration is { } b
            ? Dirichlet(b.ToDouble(), a.Values.Length, random, ref counter)
            : Enumerable.Repeat(1.0 / a.Values.Length, a.Values.Length).ToArray())];
        return new World(model, seed, rho, pi, h);
    }

    /// <summary>Returns the value index of fact (entity, attribute): a pure function of (seed, entity, attribute).</summary>
    /// <param name="entity">The entity k (first-appearance order). Range: k ≥ 0.</param>
    /// <param name="attribute">The attribute j. Range: 0 ≤ j &lt; J.</param>
    /// <returns>The value index v drawn from H_j.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public int Fact(int entity, int attribute)
    {
        Internal.Preconditions.AtLeast(entity, 0, nameof(entity));
        Internal.Preconditions.InRange(attribute, 0, Model.Attributes.Length - 1, nameof(attribute));
        double u = CounterRandom.Create(Seed, FactStream).Substream((ulong)entity).Uniform((ulong)attribute);
        return Pick(_valueCumulative[attribute], u);
    }

    /// <summary>Returns the expected log-loss per sentence of the true world's syntax, H(ρ) + Σ_j ρ_j H(π_j), in nats.</summary>
    /// <returns>The syntax entropy of this world.</returns>
    public double SyntaxEntropy()
    {
        double h = Entropy(AttributeProbabilities);
        for (int j = 0; j < AttributeProbabilities.Length; j++)
        {
            h += AttributeProbabilities[j] * Entropy(TemplateProbabilities[j]);
        }

        return h;
    }

    internal int PickAttribute(double u) => Pick(_attributeCumulative, u);

    internal int PickTemplate(int attribute, double u) => Pick(_templateCumulative[attribute], u);

    private static int Pick(double[] cumulative, double u)
    {
        int i = Array.BinarySearch(cumulative, u * cumulative[^1]);
        i = i < 0 ? ~i : i + 1;
        return Math.Min(i, cumulative.Length - 1);
    }

    private static double[] Cumulative(double[] p)
    {
        var c = new double[p.Length];
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            sum += p[i];
            c[i] = sum;
        }

        return c;
    }

    private static double Entropy(ImmutableArray<double> p) => -p.Where(x => x > 0).Sum(x => x * Math.Log(x));

    private static double[] Dirichlet(double concentration, int categories, CounterRandom random, ref ulong counter)
    {
        var x = new double[categories];
        double sum = 0;
        for (int i = 0; i < categories; i++)
        {
            x[i] = Samplers.Gamma(concentration, random, ref counter);
            sum += x[i];
        }

        if (!(sum > 0))
        {
            // All Gamma draws underflowed (tiny concentration): the Dirichlet limit puts all mass on one category.
            x[(int)random.Below(counter++, (uint)categories)] = 1;
            return x;
        }

        for (int i = 0; i < categories; i++)
        {
            x[i] /= sum;
        }

        return x;
    }

    /// <summary>Returns the expected entropy of a Dirichlet(a, …, a) draw over m categories, ψ(m a + 1) − ψ(a + 1).</summary>
    internal static double ExpectedDirichletEntropy(double concentration, int categories) =>
        SpecialFunctions.DiGamma((categories * concentration) + 1) - SpecialFunctions.DiGamma(concentration + 1);
}
