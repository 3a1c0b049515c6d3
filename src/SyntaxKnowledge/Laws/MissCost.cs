using System.Globalization;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Model;

namespace SyntaxKnowledge.Laws;

/// <summary>
/// The cost, in nats, that a capacity-limited learner pays on one query about an entity it has not
/// stored: the entity's name and the queried value, both coded under their base distributions.
/// </summary>
/// <remarks>
/// <para>docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law. A stored entity is coded at its frequency with its facts known, as the world codes it;
/// an unstored one is coded as "unknown": its name under G (E[−ln G(name)] = H(G)) and the queried value under
/// H_j (E[−ln H_j(V)] = H(H_j)). The excess loss of a learner is therefore
/// <see cref="Total"/> × (uncovered query mass). The escape probability that announces "unknown" is not
/// charged: it is O(uncovered mass × ln(1/uncovered mass)) smaller than the name cost for large name spaces.</para>
/// <para>The excess is Total × U ≥ 0 by construction. Charging the name is a convention (the learner names an entity it did
/// not store, against a world that names every entity); against a world that marginalises which unstored entity
/// appears — the baseline of <see cref="DataScaling"/> for unseen entities — the name cancels: use
/// <c>Create(0, fact)</c>. The exponent of the model law does not depend on it (docs/03-formulas/capacity-and-model-scaling.md).</para>
/// <para>Immutable; validated by <see cref="Create"/>.</para>
/// </remarks>
public sealed record MissCost
{
    private MissCost(double name, double fact) => (Name, Fact) = (name, fact);

    /// <summary>Gets the name cost in nats (H(G) for the model's name base). Range: ≥ 0.</summary>
    public double Name { get; }

    /// <summary>Gets the mean fact cost in nats, Σ_j E[ρ_j] cost_j (cost_j = ln M_j for a uniform base). Range: ≥ 0.</summary>
    public double Fact { get; }

    /// <summary>Gets the per-miss cost Name + Fact in nats.</summary>
    public double Total => Name + Fact;

    /// <summary>Returns the excess loss per query, Total × uncovered mass.</summary>
    /// <param name="uncovered">The uncovered query mass U. Range: 0 ≤ U ≤ 1.</param>
    /// <returns>The excess loss in nats per query.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="uncovered"/> is outside its range.</exception>
    public double ExcessLoss(double uncovered)
    {
        if (!(uncovered >= 0) || uncovered > 1)
        {
            throw Preconditions.OutOfRange(nameof(uncovered), uncovered, "0 <= uncovered <= 1");
        }

        return Total * uncovered;
    }

    /// <summary>Creates a miss cost from its two parts.</summary>
    /// <param name="name">The name cost in nats. Range: 0 ≤ name &lt; ∞.</param>
    /// <param name="fact">The mean fact cost in nats. Range: 0 ≤ fact &lt; ∞.</param>
    /// <returns>The cost.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A part is negative, infinite or NaN, or both are zero.</exception>
    public static MissCost Create(double name, double fact)
    {
        CheckPart(name, nameof(name));
        CheckPart(fact, nameof(fact));
        if (name + fact == 0)
        {
            throw Preconditions.OutOfRange(nameof(fact), fact, "name + fact > 0 (a miss must cost something)");
        }

        return new MissCost(name, fact);
    }

    /// <summary>Returns the model's per-miss cost: H(G) for the name plus the mean base entropy of a value.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The cost: name = H(G); fact = (1/J) Σ_j cost_j, cost_j = ln M_j (uniform base) or the expected entropy
    /// ψ(M_j b + 1) − ψ(b + 1) of a Dirichlet(b) base (E[ρ_j] = 1/J under the symmetric attribute prior).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static MissCost FromModel(SyntaxKnowledgeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new MissCost(model.Names.Entropy(), model.Attributes.Average(FactCost));
    }

    /// <summary>Returns the expected cost in nats of one value of an attribute coded under its base.</summary>
    internal static double FactCost(AttributeSpec attribute) => attribute.ValuePrior.Concentration is { } b
        ? World.ExpectedDirichletEntropy(b.ToDouble(), attribute.Values.Length)
        : Math.Log(attribute.Values.Length);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"MissCost(name = {Name:G6}, fact = {Fact:G6} nats)");

    private static void CheckPart(double value, string parameterName)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            throw Preconditions.OutOfRange(parameterName, value, "0 <= " + parameterName + " < infinity");
        }
    }
}
