using System.Globalization;
using SyntaxKnowledge.Internal;

namespace SyntaxKnowledge.Fitting;

/// <summary>
/// A loss scaling law L(N, D) = E + A·N^−α + B·D^−β in one of the forms of <see cref="ScalingLawForm"/>, with
/// N the number of model parameters (or knowledge capacity C) and D the number of training tokens.
/// </summary>
/// <remarks>
/// <para>The letters follow Hoffmann et al. (2022): A and α belong to the model term, B and β to the data term.
/// docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law writes the same law as L* + A·n^−(1−d) + B·C^−(1−d)/d with n the data, so its A is our B.</para>
/// <para>In the <see cref="ScalingLawForm.SyntaxKnowledge"/> form both exponents are derived from the Pitman–Yor
/// discount d: the data exponent β = 1 − d (docs/03-formulas/data-scaling.md#data-scaling-law-and-redundancy: excess loss ∝ n^−(1−d), since the unseen knowledge mass
/// falls as n^(d−1)) and the model exponent α = (1 − d)/d (docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law: the mass not covered by C stored
/// elements falls as C^−(1−d)/d, the Zipf tail of ranked weights k^−1/d).</para>
/// <para>An absent term (single-axis forms) has coefficient 0 and exponent 0.</para>
/// <para>Immutable: build with <see cref="Chinchilla"/>, <see cref="SyntaxKnowledge"/>, <see cref="DataOnly"/> or
/// <see cref="ModelOnly"/>, which validate.</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2203.15556">Hoffmann et al. (2022), Training Compute-Optimal Large Language Models.</seealso>
/// <seealso href="https://arxiv.org/abs/2504.09597">Pan, Wang, Liao, Li (2025), Understanding LLM Behaviors via Compression.</seealso>
public sealed record LossLaw
{
    private LossLaw(ScalingLawForm form, double irreducibleLoss, double modelCoefficient, double modelExponent, double dataCoefficient, double dataExponent, double? discount)
    {
        Form = form;
        IrreducibleLoss = irreducibleLoss;
        ModelCoefficient = modelCoefficient;
        ModelExponent = modelExponent;
        DataCoefficient = dataCoefficient;
        DataExponent = dataExponent;
        Discount = discount;
    }

    /// <summary>Gets the form of the law.</summary>
    public ScalingLawForm Form { get; }

    /// <summary>Gets the irreducible loss E. Range: E ≥ 0.</summary>
    public double IrreducibleLoss { get; }

    /// <summary>Gets the model coefficient A (of N^−α). Range: A &gt; 0, or 0 when the law has no model term.</summary>
    public double ModelCoefficient { get; }

    /// <summary>Gets the model exponent α. Range: α &gt; 0, or 0 when the law has no model term.</summary>
    public double ModelExponent { get; }

    /// <summary>Gets the data coefficient B (of D^−β). Range: B &gt; 0, or 0 when the law has no data term.</summary>
    public double DataCoefficient { get; }

    /// <summary>Gets the data exponent β. Range: β &gt; 0, or 0 when the law has no data term.</summary>
    public double DataExponent { get; }

    /// <summary>Gets the Pitman–Yor discount d of a <see cref="ScalingLawForm.SyntaxKnowledge"/> law (0 &lt; d &lt; 1); <see langword="null"/> for the other forms.</summary>
    public double? Discount { get; }

    /// <summary>Gets a value indicating whether the law has a model term A·N^−α.</summary>
    public bool HasModelTerm => Form != ScalingLawForm.DataOnly;

    /// <summary>Gets a value indicating whether the law has a data term B·D^−β.</summary>
    public bool HasDataTerm => Form != ScalingLawForm.ModelOnly;

    /// <summary>Creates the Chinchilla law L = E + A·N^−α + B·D^−β.</summary>
    /// <param name="irreducibleLoss">The irreducible loss E. Range: 0 ≤ E &lt; ∞.</param>
    /// <param name="modelCoefficient">The model coefficient A. Range: 0 &lt; A &lt; ∞.</param>
    /// <param name="modelExponent">The model exponent α. Range: 0 &lt; α &lt; ∞.</param>
    /// <param name="dataCoefficient">The data coefficient B. Range: 0 &lt; B &lt; ∞.</param>
    /// <param name="dataExponent">The data exponent β. Range: 0 &lt; β &lt; ∞.</param>
    /// <returns>The law.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range, or is NaN.</exception>
    /// <remarks>Hoffmann et al. (2022) fitted E = 1.69, A = 406.4, α = 0.34, B = 410.7, β = 0.28 (nats per token).</remarks>
    public static LossLaw Chinchilla(double irreducibleLoss, double modelCoefficient, double modelExponent, double dataCoefficient, double dataExponent)
    {
        CheckIrreducible(irreducibleLoss);
        Preconditions.Positive(modelCoefficient, nameof(modelCoefficient));
        Preconditions.Positive(modelExponent, nameof(modelExponent));
        Preconditions.Positive(dataCoefficient, nameof(dataCoefficient));
        Preconditions.Positive(dataExponent, nameof(dataExponent));
        return new LossLaw(ScalingLawForm.Chinchilla, irreducibleLoss, modelCoefficient, modelExponent, dataCoefficient, dataExponent, null);
    }

    /// <summary>Creates the Syntax-Knowledge law L = E + A·N^−(1−d)/d + B·D^−(1−d).</summary>
    /// <param name="irreducibleLoss">The irreducible loss E (the syntax-and-knowledge entropy rate L*). Range: 0 ≤ E &lt; ∞.</param>
    /// <param name="modelCoefficient">The model (capacity) coefficient A. Range: 0 &lt; A &lt; ∞.</param>
    /// <param name="dataCoefficient">The data coefficient B. Range: 0 &lt; B &lt; ∞.</param>
    /// <param name="discount">The Pitman–Yor discount d. Range: 0 &lt; d &lt; 1.</param>
    /// <returns>The law, with model exponent α = (1 − d)/d and data exponent β = 1 − d.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range, or is NaN.</exception>
    /// <remarks>d = 0 (the Dirichlet process) is excluded: its model exponent (1 − d)/d is infinite, because
    /// finitely many effective elements are covered exponentially fast rather than as a power law.</remarks>
    public static LossLaw SyntaxKnowledge(double irreducibleLoss, double modelCoefficient, double dataCoefficient, double discount)
    {
        CheckIrreducible(irreducibleLoss);
        Preconditions.Positive(modelCoefficient, nameof(modelCoefficient));
        Preconditions.Positive(dataCoefficient, nameof(dataCoefficient));
        if (!(discount > 0 && discount < 1))
        {
            throw Preconditions.OutOfRange(nameof(discount), discount, "0 < discount < 1");
        }

        return new LossLaw(ScalingLawForm.SyntaxKnowledge, irreducibleLoss, modelCoefficient, (1 - discount) / discount, dataCoefficient, 1 - discount, discount);
    }

    /// <summary>Creates the data-only law L = E + B·D^−β.</summary>
    /// <param name="irreducibleLoss">The irreducible loss E. Range: 0 ≤ E &lt; ∞.</param>
    /// <param name="dataCoefficient">The data coefficient B. Range: 0 &lt; B &lt; ∞.</param>
    /// <param name="dataExponent">The data exponent β. Range: 0 &lt; β &lt; ∞.</param>
    /// <returns>The law.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range, or is NaN.</exception>
    public static LossLaw DataOnly(double irreducibleLoss, double dataCoefficient, double dataExponent)
    {
        CheckIrreducible(irreducibleLoss);
        Preconditions.Positive(dataCoefficient, nameof(dataCoefficient));
        Preconditions.Positive(dataExponent, nameof(dataExponent));
        return new LossLaw(ScalingLawForm.DataOnly, irreducibleLoss, 0, 0, dataCoefficient, dataExponent, null);
    }

    /// <summary>Creates the model-only law L = E + A·N^−α.</summary>
    /// <param name="irreducibleLoss">The irreducible loss E. Range: 0 ≤ E &lt; ∞.</param>
    /// <param name="modelCoefficient">The model coefficient A. Range: 0 &lt; A &lt; ∞.</param>
    /// <param name="modelExponent">The model exponent α. Range: 0 &lt; α &lt; ∞.</param>
    /// <returns>The law.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range, or is NaN.</exception>
    public static LossLaw ModelOnly(double irreducibleLoss, double modelCoefficient, double modelExponent)
    {
        CheckIrreducible(irreducibleLoss);
        Preconditions.Positive(modelCoefficient, nameof(modelCoefficient));
        Preconditions.Positive(modelExponent, nameof(modelExponent));
        return new LossLaw(ScalingLawForm.ModelOnly, irreducibleLoss, modelCoefficient, modelExponent, 0, 0, null);
    }

    /// <summary>Returns the predicted loss L(N, D).</summary>
    /// <param name="tokens">The training tokens D. Range: 0 &lt; D &lt; ∞ when the law has a data term; ignored otherwise.</param>
    /// <param name="parameters">The model parameters N. Range: 0 &lt; N &lt; ∞ when the law has a model term; ignored otherwise.</param>
    /// <returns>E + A·N^−α + B·D^−β (absent terms omitted).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A used argument is not positive and finite.</exception>
    /// <remarks>Evaluated in double precision as written; relative error a few ulps.</remarks>
    public double Loss(double tokens, double parameters)
    {
        double loss = IrreducibleLoss;
        if (HasModelTerm)
        {
            Preconditions.Positive(parameters, nameof(parameters));
            loss += ModelCoefficient * Math.Pow(parameters, -ModelExponent);
        }

        if (HasDataTerm)
        {
            Preconditions.Positive(tokens, nameof(tokens));
            loss += DataCoefficient * Math.Pow(tokens, -DataExponent);
        }

        return loss;
    }

    /// <summary>Returns the law's losses at the given points, as observations (noiseless synthetic data).</summary>
    /// <param name="tokens">The training tokens D of every point, or empty when the law has no data term. Range: each 0 &lt; D &lt; ∞.</param>
    /// <param name="parameters">The model parameters N of every point, or empty when the law has no model term. Range: each 0 &lt; N &lt; ∞.</param>
    /// <returns>Observations with the given axes and losses L(Nᵢ, Dᵢ).</returns>
    /// <exception cref="ArgumentException">An axis the law uses is empty, the axes differ in length, or both are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not positive and finite.</exception>
    public LossObservations Tabulate(ReadOnlySpan<double> tokens, ReadOnlySpan<double> parameters)
    {
        if (HasDataTerm && tokens.IsEmpty)
        {
            throw new ArgumentException("The law has a data term, so tokens are needed; valid: one token count per point.", nameof(tokens));
        }

        if (HasModelTerm && parameters.IsEmpty)
        {
            throw new ArgumentException("The law has a model term, so parameters are needed; valid: one parameter count per point.", nameof(parameters));
        }

        int count = Math.Max(tokens.Length, parameters.Length);
        var losses = new double[count];
        for (int i = 0; i < count; i++)
        {
            double d = i < tokens.Length ? tokens[i] : double.NaN, n = i < parameters.Length ? parameters[i] : double.NaN;
            losses[i] = Loss(d, n);
        }

        return LossObservations.Create(tokens, parameters, losses);
    }

    /// <summary>
    /// Returns the compute-optimal model size and data size for a compute budget F = N·D, minimising the loss on
    /// the curve N·D = F.
    /// </summary>
    /// <param name="compute">The budget F = N·D (training FLOPs ≈ 6·N·D, so pass FLOPs/6). Range: 0 &lt; F &lt; ∞.</param>
    /// <returns>N_opt = G·F^(β/(α+β)) and D_opt = F/N_opt = G^−1·F^(α/(α+β)), with G = (αA/(βB))^(1/(α+β)).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="compute"/> is not positive and finite.</exception>
    /// <exception cref="InvalidOperationException">The law has only one term (no trade-off exists).</exception>
    /// <remarks>
    /// <para>Derivation: with D = F/N, dL/dN = −αA·N^−α−1 + βB·F^−β·N^β−1 = 0 gives N^(α+β) = (αA/(βB))·F^β
    /// (Hoffmann et al. 2022, eq. 4). For the Syntax-Knowledge law (α = (1−d)/d, β = 1−d) the exponents are
    /// N_opt ∝ F^(d/(1+d)) and D_opt ∝ F^(1/(1+d)), docs/03-formulas/capacity-and-model-scaling.md#combined-law-and-compute-optimal-split with the data axis called N there.</para>
    /// </remarks>
    public (double Parameters, double Tokens) ComputeOptimal(double compute)
    {
        Preconditions.Positive(compute, nameof(compute));
        if (Form is ScalingLawForm.DataOnly or ScalingLawForm.ModelOnly)
        {
            throw new InvalidOperationException("A compute-optimal split needs both a model term and a data term; this law has one.");
        }

        double sum = ModelExponent + DataExponent;
        double logG = (Math.Log(ModelExponent * ModelCoefficient) - Math.Log(DataExponent * DataCoefficient)) / sum;
        double logN = logG + (DataExponent / sum * Math.Log(compute));
        double n = Math.Exp(logN);
        return (n, Math.Exp(Math.Log(compute) - logN));
    }

    /// <inheritdoc/>
    public override string ToString() => Form switch
    {
        ScalingLawForm.Chinchilla => string.Create(CultureInfo.InvariantCulture, $"L = {IrreducibleLoss:G6} + {ModelCoefficient:G6}*N^-{ModelExponent:G6} + {DataCoefficient:G6}*D^-{DataExponent:G6}"),
        ScalingLawForm.SyntaxKnowledge => string.Create(CultureInfo.InvariantCulture, $"L = {IrreducibleLoss:G6} + {ModelCoefficient:G6}*N^-((1-d)/d) + {DataCoefficient:G6}*D^-(1-d), d = {Discount:G6}"),
        ScalingLawForm.DataOnly => string.Create(CultureInfo.InvariantCulture, $"L = {IrreducibleLoss:G6} + {DataCoefficient:G6}*D^-{DataExponent:G6}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"L = {IrreducibleLoss:G6} + {ModelCoefficient:G6}*N^-{ModelExponent:G6}"),
    };

    private static void CheckIrreducible(double irreducibleLoss)
    {
        if (!(irreducibleLoss >= 0) || double.IsPositiveInfinity(irreducibleLoss))
        {
            throw Preconditions.OutOfRange(nameof(irreducibleLoss), irreducibleLoss, "0 <= irreducibleLoss < infinity");
        }
    }
}
