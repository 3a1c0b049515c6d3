namespace SyntaxKnowledge.Fitting;

/// <summary>
/// The functional forms of a loss scaling law that <see cref="ScalingLawFitting"/> can fit, in terms of the
/// number of training tokens D and the number of model parameters N (or the knowledge capacity C ∝ N).
/// </summary>
/// <remarks>
/// <para>Every form is L(N, D) = E + [model term] + [data term] with E ≥ 0 the irreducible loss; the forms differ
/// in which terms are present and in how their exponents are tied together.</para>
/// <para><c>default</c> is <see cref="Chinchilla"/>.</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2203.15556">Hoffmann et al. (2022), Training Compute-Optimal Large Language Models.</seealso>
/// <seealso href="https://arxiv.org/abs/2504.09597">Pan, Wang, Liao, Li (2025), Understanding LLM Behaviors via Compression.</seealso>
public enum ScalingLawForm
{
    /// <summary>
    /// The Chinchilla form L = E + A·N^−α + B·D^−β with five free parameters (E, A, α, B, β) and unrelated exponents
    /// (Hoffmann et al. 2022, eq. 2).
    /// </summary>
    Chinchilla = 0,

    /// <summary>
    /// The Syntax-Knowledge form L = E + B·D^−(1−d) + A·N^−(1−d)/d: both exponents are set by one Pitman–Yor discount
    /// 0 &lt; d &lt; 1 (docs/03-formulas/data-scaling.md, docs/03-formulas/capacity-and-model-scaling.md), four free parameters (E, A, B, d). It is the Chinchilla form constrained by the
    /// theory's relation α = β/(1 − β).
    /// </summary>
    SyntaxKnowledge = 1,

    /// <summary>The data-only form L = E + B·D^−β for losses measured at one model size; three free parameters (E, B, β).</summary>
    DataOnly = 2,

    /// <summary>The model-only form L = E + A·N^−α for losses measured at one data size (or at convergence); three free parameters (E, A, α).</summary>
    ModelOnly = 3,
}
