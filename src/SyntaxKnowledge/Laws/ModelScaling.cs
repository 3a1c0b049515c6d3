using System.Collections.Immutable;
using System.Globalization;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Laws;

/// <summary>How the capacity term decays with the number C of stored entities.</summary>
public enum DecayKind
{
    /// <summary>A power law C^{−(1−d)/d} (d &gt; 0).</summary>
    PowerLaw,

    /// <summary>Geometric decay (θ/(θ+1))^C (d = 0, the Dirichlet process: knowledge frequencies fall off exponentially).</summary>
    Geometric,
}

/// <summary>The decay of the uncovered mass with capacity: a power law with an exact exponent, or geometric with an exact rate.</summary>
/// <param name="Kind">Power law (d &gt; 0) or geometric (d = 0).</param>
/// <param name="Exponent">(1 − d)/d for a power law; otherwise <see langword="null"/>.</param>
/// <param name="Rate">θ/(θ + 1) for geometric decay; otherwise <see langword="null"/>.</param>
/// <param name="Description">The decay in words.</param>
public sealed record CapacityDecay(DecayKind Kind, Rational? Exponent, Rational? Rate, string Description);

/// <summary>The combined law L(N, C) ≈ L* + A N^{−(1−d)} + B C^{−(1−d)/d} of a learner with N training sentences and capacity C.</summary>
/// <param name="Data">The data law (docs/03-formulas/data-scaling.md#data-scaling-law-and-redundancy, <see cref="DataScaling.Law"/>): the excess loss of the unlimited-capacity learner in N.</param>
/// <param name="Model">The model law (§7, <see cref="ModelScaling.Law"/>): the excess loss of the capacity-C learner with unlimited data.</param>
/// <remarks>The sum is the additive approximation: exact in both limits (N → ∞ at fixed C, C → ∞ at fixed N); where
/// both terms are comparable (C ≈ Kₙ ≈ nᵈ) it is the leading-order interpolation.</remarks>
public sealed record CombinedScalingLaw(ScalingLaw Data, ScalingLaw Model)
{
    /// <summary>Gets L*, the entropy rate the law tends to (0: the law is an excess loss).</summary>
    public double Irreducible => Data.Irreducible + Model.Irreducible;

    /// <summary>Gets A, the summed constants of the data law's pure power terms with exponent 1 − d (knowledge: facts and names).</summary>
    public double DataConstant => Data.Terms.Where(IsKnowledge).Sum(t => t.Constant);

    /// <summary>Gets B, the constant of the capacity term.</summary>
    public double CapacityConstant => Model.Terms.Sum(t => t.Constant);

    /// <summary>Evaluates L* + data(N) + model(C).</summary>
    /// <param name="sentences">The number of training sentences N. Range: N &gt; 1.</param>
    /// <param name="stored">The capacity C. Range: C &gt; 0.</param>
    /// <returns>The combined excess loss per sentence in nats.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not positive or is NaN.</exception>
    public double Evaluate(double sentences, double stored) => Data.Evaluate(sentences) + Model.Evaluate(stored);

    // The data law's knowledge exponent 1 − d, recovered from the model exponent m = (1 − d)/d as m/(1 + m).
    private bool IsKnowledge(ScalingTerm term) =>
        term.LogPower == 0 && Model.Terms.Length > 0 && Model.Terms[0].ExactExponent is { } m && term.ExactExponent == m / (1 + m);
}

/// <summary>
/// The model scaling law (docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law): the excess loss of a learner that can store C entities, per-miss cost ×
/// uncovered mass ≈ B C^{−(1−d)/d}, with the exponent exact and the constant derived from the parameters.
/// </summary>
/// <remarks>
/// <para>Exponent: T(C) = Π_{j≤C}(θ + j d)/(θ + 1 + (j−1) d) = Γ(1+θ/d+C)Γ((θ+1)/d)/(Γ(1+θ/d)Γ((θ+1)/d+C)) ~ K_T C^{−(1−d)/d}
/// by Γ(x + a)/Γ(x + b) ~ x^{a−b}, and (1 + θ/d) − (θ+1)/d = −(1−d)/d; the same exponent holds for the top-C, streaming
/// and MDL learners (their constants differ: see <see cref="TopFrequencyLearner"/>, <see cref="MdlLearner"/>). For rational
/// d it is the exact rational (1−d)/d (d = 1/3 gives 2). For d = 0 the decay is geometric, (θ/(θ+1))^C.</para>
/// <para>Combined with the data law's knowledge terms A N^{−(1−d)}: L(N, C) ≈ L* + A N^{−(1−d)} + B C^{−(1−d)/d}; see
/// <see cref="ComputeOptimal"/> for the split of compute F ∝ N C.</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2504.09597">Pan, Wang, Liao, Li (2025), model scaling law.</seealso>
public static class ModelScaling
{
    /// <summary>Returns the exact model exponent (1 − d)/d.</summary>
    /// <param name="parameters">The process parameters. Range: d &gt; 0.</param>
    /// <returns>(1 − d)/d as an exact rational.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">d = 0 (the decay is geometric; see <see cref="Decay"/>).</exception>
    public static Rational Exponent(PitmanYorParameters parameters)
    {
        RequirePowerLaw(parameters);
        return (1 - parameters.Discount) / parameters.Discount;
    }

    /// <summary>Returns how the uncovered mass decays with C: a power law with exponent (1−d)/d, or geometric with rate θ/(θ+1) for d = 0.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <returns>The decay.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    public static CapacityDecay Decay(PitmanYorParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.IsDirichlet)
        {
            Rational rate = parameters.Concentration / (parameters.Concentration + 1);
            return new CapacityDecay(DecayKind.Geometric, null, rate, string.Create(CultureInfo.InvariantCulture,
                $"d = 0: knowledge frequencies fall off exponentially, T(C) = ({rate})^C exactly and the top-C mass ~ e^-gamma ({rate})^C; no power law in C"));
        }

        Rational exponent = Exponent(parameters);
        return new CapacityDecay(DecayKind.PowerLaw, exponent, null, string.Create(CultureInfo.InvariantCulture,
            $"power law C^-({exponent}): ranked frequencies follow Zipf's law with exponent 1/d = {1 / parameters.Discount}, so the mass beyond rank C decays with exponent 1/d - 1 = (1-d)/d"));
    }

    /// <summary>Returns the constant of the uncovered mass U(C) ≈ constant · C^{−(1−d)/d} for a learner.</summary>
    /// <param name="parameters">The process parameters. Range: d &gt; 0.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="exposures">The MDL count threshold r (used by <see cref="CapacityLearner.Mdl"/> only). Range: r ≥ 1.</param>
    /// <returns>K_T (first appearance); R(d) K_T (top frequency and, as n → ∞, top counts); the MDL curve constant B′_r (in terms of E[C]).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">d = 0, r &lt; 1, or an unknown learner.</exception>
    public static double Constant(PitmanYorParameters parameters, CapacityLearner learner, int exposures = 1) => learner switch
    {
        CapacityLearner.FirstAppearance => FirstAppearanceLearner.Constant(parameters),
        CapacityLearner.TopFrequency or CapacityLearner.TopCounts => TopFrequencyLearner.Constant(parameters),
        CapacityLearner.Mdl => MdlLearner.CurveConstant(parameters, exposures),
        _ => throw Preconditions.OutOfRange(nameof(learner), learner, "FirstAppearance, TopFrequency, TopCounts or Mdl"),
    };

    /// <summary>Returns the model scaling law: excess loss ≈ B C^{−(1−d)/d} with B = per-miss cost × the learner's constant.</summary>
    /// <param name="model">The model. Range: d &gt; 0.</param>
    /// <param name="learner">The learner (default: first appearance, whose uncovered mass T(C) is exact).</param>
    /// <param name="cost">The per-miss cost; <see langword="null"/> for <see cref="MissCost.FromModel"/>.</param>
    /// <param name="exposures">The MDL count threshold r (MDL only). Range: r ≥ 1.</param>
    /// <returns>The law in C (for MDL, in the expected number of stored entities), irreducible part 0 (an excess loss).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">d = 0 (geometric decay: use <see cref="Decay"/> and the exact T(C)), r &lt; 1, or an unknown learner.</exception>
    public static ScalingLaw Law(SyntaxKnowledgeModel model, CapacityLearner learner = CapacityLearner.FirstAppearance, MissCost? cost = null, int exposures = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        PitmanYorParameters p = model.Knowledge;
        Rational exponent = Exponent(p);
        MissCost miss = cost ?? MissCost.FromModel(model);
        double constant = Constant(p, learner, exposures);
        string description = learner switch
        {
            CapacityLearner.FirstAppearance => "first C entities met: miss cost * K_T, K_T = Gamma((theta+1)/d)/Gamma(1+theta/d); exact: miss cost * T(C)",
            CapacityLearner.TopFrequency => "C most frequent entities: miss cost * R(d) K_T, R(d) = 1/((1-d) Gamma(1-d)^(1/d))",
            CapacityLearner.TopCounts => "C highest running counts, n -> infinity: same constant as the C most frequent, miss cost * R(d) K_T",
            _ => string.Create(CultureInfo.InvariantCulture, $"MDL threshold r = {exposures}, in E[C]: miss cost * c (2-d)_(r-1)/(r-1)! (c (1-d)_(r-1)/(d (r-1)!))^((1-d)/d)"),
        };
        var notes = ImmutableArray.CreateBuilder<string>();
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"Excess loss per query in nats with unlimited data: miss cost ({miss.Total:G6} = name {miss.Name:G6} + fact {miss.Fact:G6}) x uncovered mass."));
        notes.Add(learner switch
        {
            CapacityLearner.FirstAppearance => "Relative error of the power law O(1/C); T(C) itself is exact (FirstAppearanceLearner.UncoveredExact).",
            CapacityLearner.Mdl => "Curve of expectations (E[C_n], E[U_n]) over n, relative error O(n^-d); both are exact rationals (MdlLearner.StoredExact, UncoveredExact).",
            _ => "Relative error of the power law O(1/C); R(d) T(C) has relative error O(1/C^2) (TopFrequencyLearner.UncoveredFromFirstAppearance).",
        });
        notes.Add(learner == CapacityLearner.Mdl
            ? "The MDL learner sizes itself to the data: C_n ~ n^d entities after n sentences."
            : "Valid for C well below the number of entities the data has revealed (C << K_N ~ N^d); beyond that the data term dominates.");
        var term = new ScalingTerm("capacity", miss.Total * constant, exponent.ToDouble(), exponent, 0, description);
        string variable = learner == CapacityLearner.Mdl ? "E[C] (expected stored entities)" : "C (stored entities)";
        return new ScalingLaw("model", variable, 0, [term], notes.ToImmutable());
    }

    /// <summary>Returns the combined law L(N, C) ≈ L* + data law(N) + model law(C).</summary>
    /// <param name="model">The model. Range: d &gt; 0.</param>
    /// <param name="learner">The capacity learner (default: the C most frequent entities).</param>
    /// <param name="cost">The per-miss cost; <see langword="null"/> for <see cref="MissCost.FromModel"/>.</param>
    /// <returns>The combined law; <see cref="CombinedScalingLaw.DataConstant"/> is A and <see cref="CombinedScalingLaw.CapacityConstant"/> is B.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">d = 0.</exception>
    public static CombinedScalingLaw Combined(SyntaxKnowledgeModel model, CapacityLearner learner = CapacityLearner.TopFrequency, MissCost? cost = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ScalingLaw capacity = Law(model, learner, cost);
        return new CombinedScalingLaw(DataScaling.Law(model), capacity);
    }

    internal static void RequirePowerLaw(PitmanYorParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.IsDirichlet)
        {
            throw Preconditions.OutOfRange("discount", parameters.Discount,
                "0 < discount < 1 (for d = 0 the capacity term decays geometrically, (theta/(theta+1))^C, not as a power of C)");
        }
    }
}
