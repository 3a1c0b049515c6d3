using MathNet.Numerics;

namespace SyntaxKnowledge.Processes;

/// <summary>
/// The expected Shannon entropy (in nats) of the random distribution P ~ PY(d, θ):
/// E[H(P)] = E[−log W] = ψ(θ+1) − ψ(1−d), W ~ Beta(1 − d, θ + d).
/// </summary>
/// <remarks>THEORY.md §1.7, from the size-biased identity E[Σ_k p_k f(p_k)] = E[f(W)] with f = −log.
/// This is a closed form, not an expansion: its only error is the evaluation of the digamma
/// function ψ (MathNet, about 1e-14 relative). It is also the n → ∞ limit of the per-draw entropy.</remarks>
public static class ExpectedEntropy
{
    /// <summary>Returns ψ(θ+1) − ψ(1−d) in nats.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <returns>E[H(P)] in nats.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    public static double Approximate(PitmanYorParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return SpecialFunctions.DiGamma(parameters.ConcentrationValue + 1) - SpecialFunctions.DiGamma(1 - parameters.DiscountValue);
    }
}
