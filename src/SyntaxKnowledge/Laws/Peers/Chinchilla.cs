using System.Collections.Immutable;
using System.Globalization;
using SyntaxKnowledge.Fitting;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Laws.Peers;

/// <summary>
/// A published constant set of the Chinchilla parametric law L(N, D) = E + A·N^(−α) + B·D^(−β) (nats per token,
/// N parameters, D training tokens, compute C ≈ 6·N·D FLOPs), stored as the exact decimals the paper prints.
/// </summary>
/// <remarks>
/// <para>Published sets: <see cref="Hoffmann2022"/> (Hoffmann et al. 2022, Approach 3, eq. 10 as printed:
/// E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28); <see cref="Hoffmann2022Unrounded"/> (the same fit from the
/// paper's TeX source, as reported by Besiroglu et al. 2024: E = 1.6934, α = 0.3392, β = 0.2849);
/// <see cref="Besiroglu2024"/> (the refit of Besiroglu et al. 2024 on data reconstructed from Hoffmann et al.'s
/// Figure 4: E = 1.8172, A = 482.01, B = 2085.43, α = 0.3478, β = 0.3658).</para>
/// <para>Compute-optimal allocation (Hoffmann et al. eq. 4): N* = G (C/6)^a, D* = G^(−1) (C/6)^b with
/// G = (αA/(βB))^(1/(α+β)), a = β/(α+β), b = α/(α+β); the shares are exact rationals.</para>
/// <para>Immutable; build custom sets with <see cref="Create"/>, which validates.</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2203.15556">Hoffmann et al. (2022), Training Compute-Optimal Large Language Models.</seealso>
/// <seealso href="https://arxiv.org/abs/2404.10102">Besiroglu, Erdil, Barnett, You (2024), Chinchilla Scaling: A replication attempt.</seealso>
public sealed record ChinchillaConstants
{
    /// <summary>The FLOPs per parameter per training token in C ≈ 6·N·D.</summary>
    public const double FlopsPerParameterToken = 6;

    private ChinchillaConstants(string name, string source, Rational irreducible, Rational modelCoefficient, Rational modelExponent, Rational dataCoefficient, Rational dataExponent)
    {
        Name = name;
        Source = source;
        Irreducible = irreducible;
        ModelCoefficient = modelCoefficient;
        ModelExponent = modelExponent;
        DataCoefficient = dataCoefficient;
        DataExponent = dataExponent;
    }

    /// <summary>Gets Hoffmann et al. (2022)'s constants as printed in the paper (eq. 10, Approach 3).</summary>
    public static ChinchillaConstants Hoffmann2022 { get; } = new(
        "hoffmann-2022", "Hoffmann et al. (2022), Training Compute-Optimal Large Language Models, arXiv:2203.15556, eq. 10 (Approach 3, rounded as printed)",
        Rational.Parse("1.69"), Rational.Parse("406.4"), Rational.Parse("0.34"), Rational.Parse("410.7"), Rational.Parse("0.28"));

    /// <summary>Gets Hoffmann et al. (2022)'s Approach 3 fit with the unrounded exponents of the paper's TeX source (as reported by Besiroglu et al. 2024).</summary>
    public static ChinchillaConstants Hoffmann2022Unrounded { get; } = new(
        "hoffmann-2022-tex", "Hoffmann et al. (2022), Approach 3, unrounded values from the TeX source as reported by Besiroglu et al. (2024), arXiv:2404.10102",
        Rational.Parse("1.6934"), Rational.Parse("406.4"), Rational.Parse("0.3392"), Rational.Parse("410.7"), Rational.Parse("0.2849"));

    /// <summary>Gets Besiroglu et al. (2024)'s refit of the parametric law.</summary>
    public static ChinchillaConstants Besiroglu2024 { get; } = new(
        "besiroglu-2024", "Besiroglu, Erdil, Barnett, You (2024), Chinchilla Scaling: A replication attempt, arXiv:2404.10102 (refit on reconstructed data)",
        Rational.Parse("1.8172"), Rational.Parse("482.01"), Rational.Parse("0.3478"), Rational.Parse("2085.43"), Rational.Parse("0.3658"));

    /// <summary>Gets the published sets: <see cref="Hoffmann2022"/>, <see cref="Hoffmann2022Unrounded"/>, <see cref="Besiroglu2024"/>.</summary>
    public static ImmutableArray<ChinchillaConstants> Published { get; } = [Hoffmann2022, Hoffmann2022Unrounded, Besiroglu2024];

    /// <summary>Gets a stable identifier, e.g. "besiroglu-2024".</summary>
    public string Name { get; }

    /// <summary>Gets where the constants come from.</summary>
    public string Source { get; }

    /// <summary>Gets E, the irreducible loss (nats per token).</summary>
    public Rational Irreducible { get; }

    /// <summary>Gets A, the coefficient of N^(−α).</summary>
    public Rational ModelCoefficient { get; }

    /// <summary>Gets α, the parameter (model) exponent.</summary>
    public Rational ModelExponent { get; }

    /// <summary>Gets B, the coefficient of D^(−β).</summary>
    public Rational DataCoefficient { get; }

    /// <summary>Gets β, the data exponent.</summary>
    public Rational DataExponent { get; }

    /// <summary>Gets a = β/(α + β), the exponent of N* ∝ C^a, exactly.</summary>
    public Rational ParametersShare => DataExponent / (ModelExponent + DataExponent);

    /// <summary>Gets b = α/(α + β), the exponent of D* ∝ C^b, exactly.</summary>
    public Rational TokensShare => ModelExponent / (ModelExponent + DataExponent);

    /// <summary>Gets G = (αA/(βB))^(1/(α+β)) (double precision, relative error a few ulps).</summary>
    public double Prefactor => Math.Exp((Math.Log((ModelExponent * ModelCoefficient).ToDouble()) - Math.Log((DataExponent * DataCoefficient).ToDouble())) / (ModelExponent + DataExponent).ToDouble());

    /// <summary>Creates a custom constant set.</summary>
    /// <param name="name">A stable identifier. Range: non-empty.</param>
    /// <param name="source">Where the constants come from.</param>
    /// <param name="irreducible">E. Range: E ≥ 0.</param>
    /// <param name="modelCoefficient">A. Range: A &gt; 0.</param>
    /// <param name="modelExponent">α. Range: α &gt; 0.</param>
    /// <param name="dataCoefficient">B. Range: B &gt; 0.</param>
    /// <param name="dataExponent">β. Range: β &gt; 0.</param>
    /// <returns>The constants.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="source"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A constant is outside its range.</exception>
    public static ChinchillaConstants Create(string name, string source, Rational irreducible, Rational modelCoefficient, Rational modelExponent, Rational dataCoefficient, Rational dataExponent)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(source);
        if (irreducible.Sign < 0)
        {
            throw Preconditions.OutOfRange(nameof(irreducible), irreducible, "irreducible >= 0");
        }

        Preconditions.Positive(modelCoefficient, nameof(modelCoefficient));
        Preconditions.Positive(modelExponent, nameof(modelExponent));
        Preconditions.Positive(dataCoefficient, nameof(dataCoefficient));
        Preconditions.Positive(dataExponent, nameof(dataExponent));
        return new ChinchillaConstants(name, source, irreducible, modelCoefficient, modelExponent, dataCoefficient, dataExponent);
    }

    /// <summary>Returns L(N, D) = E + A·N^(−α) + B·D^(−β).</summary>
    /// <param name="parameters">N. Range: 0 &lt; N &lt; ∞.</param>
    /// <param name="tokens">D. Range: 0 &lt; D &lt; ∞.</param>
    /// <returns>The predicted loss in nats per token.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not positive and finite.</exception>
    public double Loss(double parameters, double tokens) => ToLossLaw().Loss(tokens, parameters);

    /// <summary>Returns the compute-optimal parameters and tokens for a training budget of C FLOPs (C = 6·N·D).</summary>
    /// <param name="flops">C. Range: 0 &lt; C &lt; ∞.</param>
    /// <returns>(N*, D*) = (G (C/6)^a, (C/6)/N*).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="flops"/> is not positive and finite.</exception>
    public (double Parameters, double Tokens) ComputeOptimal(double flops)
    {
        (double n, double d) = Allocation().Allocate(flops);
        return (n, d);
    }

    /// <summary>Returns the compute-optimal tokens per parameter D*/N* at a budget of C FLOPs.</summary>
    /// <param name="flops">C. Range: 0 &lt; C &lt; ∞.</param>
    /// <returns>G^(−2) (C/6)^(b − a).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="flops"/> is not positive and finite.</exception>
    public double TokensPerParameter(double flops)
    {
        (double n, double d) = ComputeOptimal(flops);
        return d / n;
    }

    /// <summary>Returns the allocation record (exact shares, prefactor G, 6 FLOPs per parameter-token).</summary>
    /// <returns>The allocation.</returns>
    public ComputeAllocation Allocation() => ComputeAllocation.Derive(
        ExponentValue.Of(ModelExponent), ExponentValue.Of(DataExponent), ModelCoefficient.ToDouble(), DataCoefficient.ToDouble(), FlopsPerParameterToken,
        "N (parameters)", "D (tokens)", "Hoffmann et al. (2022) eq. 4: N* = G (C/6)^(beta/(alpha+beta)), G = (alpha A/(beta B))^(1/(alpha+beta))");

    /// <summary>Returns the law as a <see cref="LossLaw"/> of the <see cref="ScalingLawForm.Chinchilla"/> form.</summary>
    /// <returns>The law (constants rounded to double).</returns>
    public LossLaw ToLossLaw() => LossLaw.Chinchilla(Irreducible.ToDouble(), ModelCoefficient.ToDouble(), ModelExponent.ToDouble(), DataCoefficient.ToDouble(), DataExponent.ToDouble());

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: E = {Irreducible.ToDouble():G6}, A = {ModelCoefficient.ToDouble():G6}, alpha = {ModelExponent.ToDouble():G6}, B = {DataCoefficient.ToDouble():G6}, beta = {DataExponent.ToDouble():G6}");
}

/// <summary>
/// Chinchilla (Hoffmann et al. 2022; Besiroglu et al. 2024) as a peer theory: a fitted parametric law with no
/// generative process. Under the Syntax-Knowledge theory its exponents imply two discounts, 1 − β from data and
/// 1/(1 + α) from the model, which agree when the law is consistent with one PY process.
/// </summary>
/// <remarks>Immutable; build with <see cref="Create"/>.</remarks>
/// <seealso href="https://arxiv.org/abs/2203.15556">Hoffmann et al. (2022).</seealso>
/// <seealso href="https://arxiv.org/abs/2404.10102">Besiroglu et al. (2024).</seealso>
public sealed record ChinchillaTheory : IScalingTheory
{
    private ChinchillaTheory(ChinchillaConstants constants) => Constants = constants;

    /// <summary>Gets the constants.</summary>
    public ChinchillaConstants Constants { get; }

    /// <inheritdoc/>
    public string Name => "chinchilla-" + Constants.Name;

    /// <inheritdoc/>
    public string Title => Constants.Name switch
    {
        "hoffmann-2022" => "Chinchilla, Hoffmann et al. (2022)",
        "hoffmann-2022-tex" => "Chinchilla, Hoffmann et al. (2022), unrounded",
        "besiroglu-2024" => "Chinchilla refit, Besiroglu et al. (2024)",
        _ => "Chinchilla form, " + Constants.Name,
    };

    /// <inheritdoc/>
    public string Citation => Constants.Source;

    /// <inheritdoc/>
    public string Mapping => string.Create(CultureInfo.InvariantCulture,
        $"fitted, no generative process; implied d = 1 - beta = {(Constants.DataExponent < Rational.One ? (Rational.One - Constants.DataExponent).ToString() : "none (beta >= 1)")} (data), d = 1/(1 + alpha) = {ParameterMapping.DiscountFromModelExponent(Constants.ModelExponent)} (model)");

    /// <inheritdoc/>
    public ExponentValue DataExponent => ExponentValue.Of(Constants.DataExponent);

    /// <inheritdoc/>
    public ExponentValue? ModelExponent => ExponentValue.Of(Constants.ModelExponent);

    /// <inheritdoc/>
    public TheoryPredictions Predictions => new(
        "none: the law describes the aggregate loss only",
        "none: no mechanism for errors on unknown items",
        null,
        null);

    /// <summary>Creates the theory for a constant set.</summary>
    /// <param name="constants">The constants, e.g. <see cref="ChinchillaConstants.Besiroglu2024"/>.</param>
    /// <returns>The theory.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="constants"/> is <see langword="null"/>.</exception>
    public static ChinchillaTheory Create(ChinchillaConstants constants)
    {
        ArgumentNullException.ThrowIfNull(constants);
        return new ChinchillaTheory(constants);
    }

    /// <inheritdoc/>
    public ScalingLaw DataLaw() => new(
        "data", "D (tokens)", Constants.Irreducible.ToDouble(),
        [new ScalingTerm("data", Constants.DataCoefficient.ToDouble(), Constants.DataExponent.ToDouble(), Constants.DataExponent, 0, "B D^-beta (fitted)")],
        ["Loss in nats per token at N = infinity; E is the fitted irreducible loss."]);

    /// <inheritdoc/>
    public ScalingLaw? ModelLaw() => new(
        "model", "N (parameters)", Constants.Irreducible.ToDouble(),
        [new ScalingTerm("model", Constants.ModelCoefficient.ToDouble(), Constants.ModelExponent.ToDouble(), Constants.ModelExponent, 0, "A N^-alpha (fitted)")],
        ["Loss in nats per token at D = infinity."]);

    /// <inheritdoc/>
    public ComputeAllocation? ComputeOptimal() => Constants.Allocation();
}
