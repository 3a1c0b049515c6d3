using System.Globalization;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Laws.Peers;

/// <summary>A scaling exponent: its double value and, when the theory's parameters are rational, its exact value.</summary>
/// <param name="Value">The exponent as a double (correctly rounded from <paramref name="Exact"/> when that is known).</param>
/// <param name="Exact">The exact rational exponent, or <see langword="null"/> when it is not rational.</param>
public sealed record ExponentValue(double Value, Rational? Exact)
{
    /// <summary>Returns the exponent of an exact rational value.</summary>
    /// <param name="exact">The exact exponent.</param>
    /// <returns>The exponent with <see cref="Exact"/> set and <see cref="Value"/> correctly rounded.</returns>
    public static ExponentValue Of(Rational exact) => new(exact.ToDouble(), exact);

    /// <summary>Gets the exponent as text: "p/q" when exact, otherwise the double to 6 significant digits.</summary>
    public string Text => Exact?.ToString() ?? Value.ToString("G6", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>
/// The compute-optimal allocation of a two-term law L = E + A·N^(−α) + B·D^(−β) under a budget F = N·D:
/// N* = G·F^a and D* = F/N* = G^(−1)·F^b with a = β/(α + β), b = α/(α + β) and G = (αA/(βB))^(1/(α+β)).
/// </summary>
/// <param name="ModelShare">The exponent a of the model variable (parameters, capacity): N* ∝ F^a.</param>
/// <param name="DataShare">The exponent b = 1 − a of the data variable (tokens, sentences, samples): D* ∝ F^b.</param>
/// <param name="Prefactor">G, or <see langword="null"/> when the theory fixes the exponents but not the constants of both terms.</param>
/// <param name="ComputePerProduct">The compute per unit of N·D (6 FLOPs per parameter per token for Chinchilla; 1 for abstract budgets), so F = compute/ComputePerProduct.</param>
/// <param name="ModelVariable">What N counts.</param>
/// <param name="DataVariable">What D counts.</param>
/// <param name="Description">How the split was derived.</param>
/// <remarks>Derivation: with D = F/N, dL/dN = −αA N^(−α−1) + βB F^(−β) N^(β−1) = 0 gives N^(α+β) = (αA/(βB)) F^β
/// (Hoffmann et al. 2022, eq. 4; docs/03-formulas/capacity-and-model-scaling.md#combined-law-and-compute-optimal-split for the Syntax-Knowledge exponents d/(1+d) and 1/(1+d)).</remarks>
public sealed record ComputeAllocation(ExponentValue ModelShare, ExponentValue DataShare, double? Prefactor, double ComputePerProduct, string ModelVariable, string DataVariable, string Description)
{
    /// <summary>Derives the allocation from the exponents (and, when known, the coefficients) of a two-term law.</summary>
    /// <param name="modelExponent">α, the exponent of the model term. Range: α &gt; 0.</param>
    /// <param name="dataExponent">β, the exponent of the data term. Range: β &gt; 0.</param>
    /// <param name="modelCoefficient">A, or <see langword="null"/> when unknown. Range: A &gt; 0.</param>
    /// <param name="dataCoefficient">B, or <see langword="null"/> when unknown. Range: B &gt; 0.</param>
    /// <param name="computePerProduct">Compute per unit of N·D. Range: &gt; 0.</param>
    /// <param name="modelVariable">What N counts.</param>
    /// <param name="dataVariable">What D counts.</param>
    /// <param name="description">How the law was obtained.</param>
    /// <returns>The allocation; the shares are exact when both exponents are.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An exponent, coefficient or the compute per product is not positive.</exception>
    public static ComputeAllocation Derive(ExponentValue modelExponent, ExponentValue dataExponent, double? modelCoefficient, double? dataCoefficient, double computePerProduct, string modelVariable, string dataVariable, string description)
    {
        ArgumentNullException.ThrowIfNull(modelExponent);
        ArgumentNullException.ThrowIfNull(dataExponent);
        ArgumentNullException.ThrowIfNull(modelVariable);
        ArgumentNullException.ThrowIfNull(dataVariable);
        ArgumentNullException.ThrowIfNull(description);
        Preconditions.Positive(modelExponent.Value, nameof(modelExponent));
        Preconditions.Positive(dataExponent.Value, nameof(dataExponent));
        Preconditions.Positive(computePerProduct, nameof(computePerProduct));
        double alpha = modelExponent.Value, beta = dataExponent.Value;
        ExponentValue modelShare, dataShare;
        if (modelExponent.Exact is { } a && dataExponent.Exact is { } b)
        {
            modelShare = ExponentValue.Of(b / (a + b));
            dataShare = ExponentValue.Of(a / (a + b));
        }
        else
        {
            modelShare = new ExponentValue(beta / (alpha + beta), null);
            dataShare = new ExponentValue(alpha / (alpha + beta), null);
        }

        double? prefactor = null;
        if (modelCoefficient is { } coefficientA && dataCoefficient is { } coefficientB)
        {
            Preconditions.Positive(coefficientA, nameof(modelCoefficient));
            Preconditions.Positive(coefficientB, nameof(dataCoefficient));
            prefactor = Math.Exp((Math.Log(alpha * coefficientA) - Math.Log(beta * coefficientB)) / (alpha + beta));
        }

        return new ComputeAllocation(modelShare, dataShare, prefactor, computePerProduct, modelVariable, dataVariable, description);
    }

    /// <summary>Returns the compute-optimal model and data sizes for a budget.</summary>
    /// <param name="compute">The budget (FLOPs for Chinchilla). Range: 0 &lt; compute &lt; ∞.</param>
    /// <returns>N* = G·F^a and D* = F/N* with F = compute/<see cref="ComputePerProduct"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="compute"/> is not positive and finite.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Prefactor"/> is unknown.</exception>
    /// <remarks>Evaluated in log space; relative error a few ulps times ln F.</remarks>
    public (double Model, double Data) Allocate(double compute)
    {
        Preconditions.Positive(compute, nameof(compute));
        if (Prefactor is not { } g)
        {
            throw new InvalidOperationException("This theory fixes the exponents of the split but not its prefactor G; only the shares are available.");
        }

        double logF = Math.Log(compute / ComputePerProduct);
        double logN = Math.Log(g) + (ModelShare.Value * logF);
        return (Math.Exp(logN), Math.Exp(logF - logN));
    }
}

/// <summary>What a theory predicts about knowledge acquisition and hallucination.</summary>
/// <param name="Acquisition">How knowledge is acquired: order, threshold, curve.</param>
/// <param name="Hallucination">What the theory says about confident errors on unknown items.</param>
/// <param name="HallucinationDataExponent">The exponent with which the hallucination (forced-error) rate falls with data, or <see langword="null"/> when the theory has none.</param>
/// <param name="HallucinationModelExponent">The exponent with which it falls with model size, or <see langword="null"/>.</param>
public sealed record TheoryPredictions(string Acquisition, string Hallucination, ExponentValue? HallucinationDataExponent, ExponentValue? HallucinationModelExponent);

/// <summary>
/// A data-generation theory of scaling: its data law, model law, compute-optimal split, predictions and the
/// mapping of its parameters to the Pitman–Yor discount d. Implemented by the Syntax-Knowledge model itself and by
/// its peers (Hutter 2021, Michaud et al. 2023, Dębowski's Santa Fe process, Hoffmann et al. 2022).
/// </summary>
/// <remarks>Implementations are immutable; every exponent is derived from the theory's parameters (exact rationals
/// when they are rational), never fitted, except for Chinchilla whose constants are the published fits.</remarks>
public interface IScalingTheory
{
    /// <summary>Gets a stable identifier, e.g. "hutter".</summary>
    string Name { get; }

    /// <summary>Gets a short human title, e.g. "Hutter (2021), learning curve theory".</summary>
    string Title { get; }

    /// <summary>Gets the citation (authors, year, title, venue or arXiv id).</summary>
    string Citation { get; }

    /// <summary>Gets how the theory's parameters map to the Pitman–Yor (d, θ) of the Syntax-Knowledge model.</summary>
    string Mapping { get; }

    /// <summary>Gets the exponent with which the excess loss falls with data.</summary>
    ExponentValue DataExponent { get; }

    /// <summary>Gets the exponent with which the excess loss falls with model size, or <see langword="null"/> when the theory has no model law.</summary>
    ExponentValue? ModelExponent { get; }

    /// <summary>Gets the acquisition and hallucination predictions.</summary>
    TheoryPredictions Predictions { get; }

    /// <summary>Returns the data scaling law (excess loss against data, model unlimited).</summary>
    /// <returns>The law with derived exponent and constant.</returns>
    ScalingLaw DataLaw();

    /// <summary>Returns the model scaling law (excess loss against model size, data unlimited).</summary>
    /// <returns>The law, or <see langword="null"/> when the theory has no model law.</returns>
    ScalingLaw? ModelLaw();

    /// <summary>Returns the compute-optimal split between model and data.</summary>
    /// <returns>The allocation, or <see langword="null"/> when the theory has no model law.</returns>
    ComputeAllocation? ComputeOptimal();
}
