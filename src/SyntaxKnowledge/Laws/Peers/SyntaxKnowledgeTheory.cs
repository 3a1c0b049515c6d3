using System.Globalization;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Laws.Peers;

/// <summary>
/// The Syntax-Knowledge model (Pan, Wang, Liao, Li 2025) behind the common <see cref="IScalingTheory"/> interface:
/// data law from <see cref="DataScaling.Law"/> (exponent 1 − d), model law from the uncovered mass T(C) (exponent
/// (1 − d)/d), compute split C ∝ F^(d/(1+d)), n ∝ F^(1/(1+d)).
/// </summary>
/// <remarks>
/// <para>Model law: a model that stores the first C entities in order of appearance pays, per sentence about an
/// unstored entity, the cost of its name and fact under the base distributions, m = H(G) + (1/J) Σ_j cost_j
/// (E[ρ_j] = 1/J under the symmetric attribute prior), times the uncovered mass T(C) ~ Γ((θ+1)/d)/Γ(1+θ/d)
/// C^(−(1−d)/d) (docs/03-formulas/pitman-yor.md#uncovered-mass-tc-stick-breaking, docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law). Storing the C most frequent entities gives the same exponent and a smaller
/// constant. For d = 0, T(C) = (θ/(θ+1))^C decays geometrically: no power law, so <see cref="ModelLaw"/> is
/// <see langword="null"/>.</para>
/// <para>Immutable; build with <see cref="Create"/> or <see cref="FromKnowledge"/>.</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2504.09597">Pan, Wang, Liao, Li (2025), Understanding LLM Behaviors via Compression.</seealso>
public sealed record SyntaxKnowledgeTheory : IScalingTheory
{
    private SyntaxKnowledgeTheory(SyntaxKnowledgeModel model) => Model = model;

    /// <summary>Gets the model whose laws are reported.</summary>
    public SyntaxKnowledgeModel Model { get; }

    /// <summary>Gets the knowledge process PY(d, θ).</summary>
    public PitmanYorParameters Knowledge => Model.Knowledge;

    /// <inheritdoc/>
    public string Name => "syntax-knowledge";

    /// <inheritdoc/>
    public string Title => "Syntax-Knowledge model, Pan et al. (2025)";

    /// <inheritdoc/>
    public string Citation => "Z. Pan, S. Wang, P. Liao, L. Li (2025), Understanding LLM Behaviors via Compression: Data Generation, Knowledge Acquisition and Scaling Laws, NeurIPS 2025, arXiv:2504.09597.";

    /// <inheritdoc/>
    public string Mapping => Knowledge.IsDirichlet
        ? string.Create(CultureInfo.InvariantCulture, $"PY(d = 0, theta = {Knowledge.Concentration}): Dirichlet process, ranked weights decay geometrically (no Zipf exponent)")
        : string.Create(CultureInfo.InvariantCulture, $"PY(d = {Knowledge.Discount}, theta = {Knowledge.Concentration}); ranked weights ~ k^-(1/d), Zipf exponent {ParameterMapping.ZipfExponent(Knowledge.Discount)}");

    /// <inheritdoc/>
    public ExponentValue DataExponent => ExponentValue.Of(ParameterMapping.SyntaxKnowledgeDataExponent(Knowledge.Discount));

    /// <inheritdoc/>
    public ExponentValue? ModelExponent => Knowledge.IsDirichlet ? null : ExponentValue.Of(ParameterMapping.SyntaxKnowledgeModelExponent(Knowledge.Discount));

    /// <summary>Gets the per-miss cost m = H(G) + (1/J) Σ_j cost_j in nats (<see cref="Laws.MissCost.FromModel"/>): what a sentence about an unstored entity costs beyond one about a stored one.</summary>
    public double MissCost => Laws.MissCost.FromModel(Model).Total;

    /// <inheritdoc/>
    public TheoryPredictions Predictions => new(
        "entities are acquired in order of frequency after r exposures: acquired mass E[P(Bin(n, W) >= r)], threshold weight ~ r/n, never below the C-th weight of a capacity-C model (docs/03-formulas/acquisition.md#knowledge-acquisition-dynamics)",
        "an unstored entity's fact is emitted from the base H_j: rate = uncovered query mass x (1 - sum_v H_j(v)^2) when sampling; ~ n^-(1-d) with data, C^-((1-d)/d) with capacity; tracks the Good-Turing monofact rate (docs/03-formulas/hallucination.md#hallucination)",
        DataExponent,
        ModelExponent);

    /// <summary>Creates the theory for a model.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The theory.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static SyntaxKnowledgeTheory Create(SyntaxKnowledgeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new SyntaxKnowledgeTheory(model);
    }

    /// <summary>Creates the theory for the biographies preset with knowledge process PY(d, θ).</summary>
    /// <param name="knowledge">The knowledge process.</param>
    /// <returns>The theory.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is <see langword="null"/>.</exception>
    public static SyntaxKnowledgeTheory FromKnowledge(PitmanYorParameters knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return new SyntaxKnowledgeTheory(SyntaxKnowledgeModel.Biographies(knowledge));
    }

    /// <inheritdoc/>
    public ScalingLaw DataLaw() => DataScaling.Law(Model);

    /// <inheritdoc/>
    public ScalingLaw? ModelLaw() => Knowledge.IsDirichlet ? null : ModelScaling.Law(Model);

    /// <inheritdoc/>
    public ComputeAllocation? ComputeOptimal()
    {
        if (Knowledge.IsDirichlet)
        {
            return null;
        }

        return ComputeAllocation.Derive(ModelExponent!, DataExponent, null, null, 1, "C (entities stored)", "n (sentences)",
            "minimise B C^-((1-d)/d) + A n^-(1-d) on C n = F: C ~ F^(d/(1+d)), n ~ F^(1/(1+d)) (docs/03-formulas/capacity-and-model-scaling.md#combined-law-and-compute-optimal-split); the data law's n^-(1-d) ln n term leaves no constant prefactor");
    }
}
