using System.Globalization;

namespace SyntaxKnowledge.Fitting;

/// <summary>A percentile bootstrap confidence interval [Lower, Upper] at a confidence level.</summary>
/// <param name="Lower">The lower end: the (1 − level)/2 quantile of the bootstrap replicates.</param>
/// <param name="Upper">The upper end: the (1 + level)/2 quantile of the bootstrap replicates.</param>
/// <param name="Level">The confidence level, e.g. 0.95.</param>
public sealed record ConfidenceInterval(double Lower, double Upper, double Level)
{
    /// <summary>Returns whether <paramref name="value"/> lies in the closed interval [Lower, Upper].</summary>
    /// <param name="value">The value to test.</param>
    /// <returns><see langword="true"/> when Lower ≤ value ≤ Upper (false for NaN).</returns>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>Gets the width Upper − Lower.</summary>
    public double Width => Upper - Lower;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Lower:G6}, {Upper:G6}] ({Level:P0})");
}

/// <summary>A fitted (or derived) quantity: the point estimate on the full data and its bootstrap interval.</summary>
/// <param name="Name">A stable snake_case identifier, e.g. <c>data_exponent</c> (see <see cref="ScalingLawFit.Quantities"/>).</param>
/// <param name="Value">The point estimate, computed from the fit to all points.</param>
/// <param name="Interval">The percentile bootstrap interval; <see langword="null"/> when the fit ran without a bootstrap.</param>
public sealed record FittedQuantity(string Name, double Value, ConfidenceInterval? Interval)
{
    /// <inheritdoc/>
    public override string ToString() => Interval is null
        ? string.Create(CultureInfo.InvariantCulture, $"{Name} = {Value:G6}")
        : string.Create(CultureInfo.InvariantCulture, $"{Name} = {Value:G6} {Interval}");
}

/// <summary>
/// The theory's consistency check on an unconstrained (<see cref="ScalingLawForm.Chinchilla"/>) fit: under the
/// Syntax-Knowledge model both exponents come from one discount d, so α = β/(1 − β), i.e. d from data = d from model.
/// </summary>
/// <param name="Difference">d_data − d_model = (1 − β) − 1/(1 + α); 0 under the theory.</param>
/// <param name="PredictedModelExponent">The model exponent the theory predicts from the fitted data exponent, β/(1 − β) (∞ when β ≥ 1).</param>
/// <param name="PredictedDataExponent">The data exponent the theory predicts from the fitted model exponent, α/(1 + α).</param>
/// <param name="IsConsistent">Whether the confidence interval of <paramref name="Difference"/> contains 0; <see langword="null"/> without a bootstrap.</param>
public sealed record DiscountConsistency(FittedQuantity Difference, FittedQuantity PredictedModelExponent, FittedQuantity PredictedDataExponent, bool? IsConsistent);

/// <summary>
/// The exponents of the compute-optimal allocation for compute F ∝ N·D: N_opt ∝ F^a and D_opt ∝ F^b with
/// a = β/(α + β) and b = α/(α + β), a + b = 1 (Hoffmann et al. 2022, eq. 4).
/// </summary>
/// <param name="ParametersExponent">a = β/(α + β); d/(1 + d) for the Syntax-Knowledge form.</param>
/// <param name="TokensExponent">b = α/(α + β); 1/(1 + d) for the Syntax-Knowledge form.</param>
public sealed record ComputeOptimalExponents(FittedQuantity ParametersExponent, FittedQuantity TokensExponent);

/// <summary>How the fit went: objective, residuals, search and bootstrap bookkeeping.</summary>
/// <param name="Points">The number of measured points n.</param>
/// <param name="FreeParameters">The number of free parameters of the form (5, 4, 3 or 3).</param>
/// <param name="HuberDelta">The Huber threshold δ used.</param>
/// <param name="Objective">The minimised objective Σᵢ Huber_δ(log L̂ᵢ − log Lᵢ).</param>
/// <param name="RootMeanSquareLogResidual">√(mean of (log L̂ᵢ − log Lᵢ)²): the typical relative error of the fitted law.</param>
/// <param name="MaximumAbsoluteLogResidual">maxᵢ |log L̂ᵢ − log Lᵢ| (large values flag outliers the Huber loss discounted).</param>
/// <param name="Starts">The number of starting points the optimiser refined on the full data.</param>
/// <param name="BootstrapReplicates">The number of bootstrap replicates B requested.</param>
/// <param name="FailedReplicates">Replicates whose fit did not give finite estimates; they are left out of the intervals.</param>
/// <param name="Seed">The bootstrap seed.</param>
public sealed record FitDiagnostics(
    int Points,
    int FreeParameters,
    double HuberDelta,
    double Objective,
    double RootMeanSquareLogResidual,
    double MaximumAbsoluteLogResidual,
    int Starts,
    int BootstrapReplicates,
    int FailedReplicates,
    ulong Seed);

/// <summary>
/// The result of fitting a scaling law to measured losses: the fitted law, every parameter with its bootstrap
/// interval, the discount d each exponent implies, the theory's consistency check and the compute-optimal exponents.
/// </summary>
/// <param name="Law">The fitted law (point estimate on all points).</param>
/// <param name="IrreducibleLoss">E.</param>
/// <param name="ModelCoefficient">A; <see langword="null"/> for the data-only form.</param>
/// <param name="ModelExponent">α; <see langword="null"/> for the data-only form.</param>
/// <param name="DataCoefficient">B; <see langword="null"/> for the model-only form.</param>
/// <param name="DataExponent">β; <see langword="null"/> for the model-only form.</param>
/// <param name="Discount">The shared discount d of the Syntax-Knowledge form; <see langword="null"/> for the other forms.</param>
/// <param name="DiscountFromData">The discount implied by the data exponent, d = 1 − β (docs/03-formulas/data-scaling.md#data-scaling-law-and-redundancy); <see langword="null"/> without a data term.
/// Outside [0, 1) when β &gt; 1, i.e. the data are not in the theory's range.</param>
/// <param name="DiscountFromModel">The discount implied by the model exponent, d = 1/(1 + α) (docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law); <see langword="null"/> without a model term.</param>
/// <param name="Consistency">The theory's check α = β/(1 − β); only for the <see cref="ScalingLawForm.Chinchilla"/> form (the
/// Syntax-Knowledge form satisfies it by construction).</param>
/// <param name="ComputeOptimal">The compute-optimal exponents; only for the two-axis forms.</param>
/// <param name="Diagnostics">Objective, residuals and bookkeeping.</param>
public sealed record ScalingLawFit(
    LossLaw Law,
    FittedQuantity IrreducibleLoss,
    FittedQuantity? ModelCoefficient,
    FittedQuantity? ModelExponent,
    FittedQuantity? DataCoefficient,
    FittedQuantity? DataExponent,
    FittedQuantity? Discount,
    FittedQuantity? DiscountFromData,
    FittedQuantity? DiscountFromModel,
    DiscountConsistency? Consistency,
    ComputeOptimalExponents? ComputeOptimal,
    FitDiagnostics Diagnostics)
{
    /// <summary>Gets the form that was fitted.</summary>
    public ScalingLawForm Form => Law.Form;

    /// <summary>
    /// Returns every reported quantity in a fixed order: <c>irreducible_loss</c>, <c>model_coefficient</c>,
    /// <c>model_exponent</c>, <c>data_coefficient</c>, <c>data_exponent</c>, <c>discount</c>,
    /// <c>discount_from_data</c>, <c>discount_from_model</c>, <c>discount_difference</c>,
    /// <c>predicted_model_exponent</c>, <c>predicted_data_exponent</c>, <c>optimal_parameters_exponent</c>,
    /// <c>optimal_tokens_exponent</c>, skipping those the form does not have.
    /// </summary>
    /// <returns>The quantities.</returns>
    public IReadOnlyList<FittedQuantity> Quantities()
    {
        FittedQuantity?[] all =
        [
            IrreducibleLoss, ModelCoefficient, ModelExponent, DataCoefficient, DataExponent, Discount, DiscountFromData, DiscountFromModel,
            Consistency?.Difference, Consistency?.PredictedModelExponent, Consistency?.PredictedDataExponent,
            ComputeOptimal?.ParametersExponent, ComputeOptimal?.TokensExponent,
        ];
        return all.OfType<FittedQuantity>().ToList().AsReadOnly();
    }
}
