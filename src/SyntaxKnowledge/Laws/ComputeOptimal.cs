using System.Globalization;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Laws;

/// <summary>The compute-optimal split N* = P_N F^{1/(1+d)}, C* = P_C F^{d/(1+d)} of the law A N^{−(1−d)} + B C^{−(1−d)/d}
/// under compute F = k N C, with the optimal excess loss P_L F^{−(1−d)/(1+d)}.</summary>
/// <param name="Discount">The discount d. Range: 0 &lt; d &lt; 1.</param>
/// <param name="DataExponent">1/(1+d), exact.</param>
/// <param name="CapacityExponent">d/(1+d), exact.</param>
/// <param name="LossExponent">(1−d)/(1+d), exact: the optimal excess loss decays as F^{−(1−d)/(1+d)}.</param>
/// <param name="DataPrefactor">P_N = (d A/B)^{d/((1−d)(1+d))} k^{−1/(1+d)}.</param>
/// <param name="CapacityPrefactor">P_C = (B/(d A))^{d/((1−d)(1+d))} k^{−d/(1+d)}.</param>
/// <param name="LossPrefactor">P_L = (1+d) A^{1/(1+d)} (B/d)^{d/(1+d)} k^{(1−d)/(1+d)}.</param>
/// <param name="DataConstant">A.</param>
/// <param name="CapacityConstant">B.</param>
/// <param name="ComputePerUnit">k, the compute per (sentence × stored entity).</param>
public sealed record ComputeOptimalSplit(
    Rational Discount,
    Rational DataExponent,
    Rational CapacityExponent,
    Rational LossExponent,
    double DataPrefactor,
    double CapacityPrefactor,
    double LossPrefactor,
    double DataConstant,
    double CapacityConstant,
    double ComputePerUnit)
{
    /// <summary>Returns the optimal number of training sentences N* at compute F.</summary>
    /// <param name="compute">The compute F. Range: F &gt; 0.</param>
    /// <returns>N* = P_N F^{1/(1+d)}.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="compute"/> is not positive or is NaN.</exception>
    public double Data(double compute)
    {
        Preconditions.Positive(compute, nameof(compute));
        return DataPrefactor * Math.Pow(compute, DataExponent.ToDouble());
    }

    /// <summary>Returns the optimal capacity C* at compute F.</summary>
    /// <param name="compute">The compute F. Range: F &gt; 0.</param>
    /// <returns>C* = P_C F^{d/(1+d)}; N* C* k = F.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="compute"/> is not positive or is NaN.</exception>
    public double Capacity(double compute)
    {
        Preconditions.Positive(compute, nameof(compute));
        return CapacityPrefactor * Math.Pow(compute, CapacityExponent.ToDouble());
    }

    /// <summary>Returns the optimal excess loss at compute F.</summary>
    /// <param name="compute">The compute F. Range: F &gt; 0.</param>
    /// <returns>A N*^{−(1−d)} + B C*^{−(1−d)/d} = P_L F^{−(1−d)/(1+d)}.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="compute"/> is not positive or is NaN.</exception>
    public double Loss(double compute)
    {
        Preconditions.Positive(compute, nameof(compute));
        return LossPrefactor * Math.Pow(compute, -LossExponent.ToDouble());
    }

    /// <summary>Gets the optimal excess loss as a scaling law in F.</summary>
    public ScalingLaw LossLaw => new(
        "compute-optimal",
        "F (compute, k * N * C)",
        0,
        [new ScalingTerm("loss", LossPrefactor, LossExponent.ToDouble(), LossExponent, 0, "(1+d) A^(1/(1+d)) (B/d)^(d/(1+d)) k^((1-d)/(1+d)) F^-((1-d)/(1+d))")],
        [
            string.Create(CultureInfo.InvariantCulture, $"Optimal split: N* ~ F^{DataExponent}, C* ~ F^{CapacityExponent}; at the optimum the capacity term is d = {Discount} times the data term."),
            "Minimises the two-term law A N^-(1-d) + B C^-((1-d)/d); the syntax term (order 1/N) is outside it (and for d = 0 the names log factor).",
        ]);
}

/// <summary>One point of the compute-optimal frontier.</summary>
/// <param name="Compute">The compute F.</param>
/// <param name="Data">The optimal number of training sentences N*.</param>
/// <param name="Capacity">The optimal capacity C*.</param>
/// <param name="Loss">The optimal excess loss of the two-term law.</param>
public sealed record ComputeOptimum(double Compute, double Data, double Capacity, double Loss)
{
    /// <summary>The least N* and C* at which the point is read as a prediction: both laws are large-N, large-C asymptotics.</summary>
    public const double RegimeMinimum = 10;

    /// <summary>Gets whether N* and C* are both at least <see cref="RegimeMinimum"/> and finite: where the two-term law describes
    /// the loss. Outside (at small F, or at d near 1 where N* ∝ F^{1/(1+d)} has a tiny prefactor) the point is a formal
    /// extrapolation of the law and is flagged.</summary>
    public bool AsymptoticRegime => Data >= RegimeMinimum && Capacity >= RegimeMinimum && double.IsFinite(Data) && double.IsFinite(Capacity);
}

/// <summary>
/// The compute-optimal allocation (docs/03-formulas/capacity-and-model-scaling.md#combined-law-and-compute-optimal-split): minimise A N^{−a} + B C^{−b} subject to k N C = F, with a = 1 − d
/// (data law) and b = (1 − d)/d (model law).
/// </summary>
/// <remarks>
/// <para>Derivation: at the optimum a A N^{−a} = b B C^{−b} (Lagrange, ∂/∂ln N = ∂/∂ln C). Substituting C = F/(k N):
/// N^{a+b} = (a A/(b B)) (F/k)^b, so N* ∝ F^{b/(a+b)} and C* ∝ F^{a/(a+b)}. With a/b = d and a + b = (1−d)(1+d)/d:
/// b/(a+b) = 1/(1+d), a/(a+b) = d/(1+d); the optimal loss is (1 + a/b) A N*^{−a} = (1+d) A N*^{−(1−d)} ∝ F^{−(1−d)/(1+d)}.
/// Exponents are exact rationals (d = 1/3: N ∝ F^{3/4}, C ∝ F^{1/4}, loss ∝ F^{−1/2}).</para>
/// <para>d = 0: the capacity term is geometric, B q^C with q = θ/(θ+1), and the data term A/N; the optimum is
/// C* = ln(F B ln(1/q)/(A k))/ln(1/q) (logarithmic in F), N* = F/(k C*) — see <see cref="Optimum"/>.</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2203.15556">Hoffmann et al. (2022), Training compute-optimal large language models.</seealso>
public static class ComputeOptimal
{
    /// <summary>Derives the compute-optimal split from the two exponents and the constants A and B.</summary>
    /// <param name="discount">The discount d. Range: 0 &lt; d &lt; 1.</param>
    /// <param name="dataConstant">A, the constant of the data term A N^{−(1−d)}. Range: A &gt; 0.</param>
    /// <param name="capacityConstant">B, the constant of the capacity term B C^{−(1−d)/d}. Range: B &gt; 0.</param>
    /// <param name="computePerUnit">k, with F = k N C. Range: k &gt; 0.</param>
    /// <returns>The split with exact exponents.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range (d = 0 has no power-law split: use <see cref="Optimum"/>).</exception>
    public static ComputeOptimalSplit Split(Rational discount, double dataConstant, double capacityConstant, double computePerUnit = 1)
    {
        if (discount.Sign <= 0 || discount >= 1)
        {
            throw Preconditions.OutOfRange(nameof(discount), discount, "0 < discount < 1 (for d = 0 the capacity term is geometric: use ComputeOptimal.Optimum)");
        }

        Preconditions.Positive(dataConstant, nameof(dataConstant));
        Preconditions.Positive(capacityConstant, nameof(capacityConstant));
        Preconditions.Positive(computePerUnit, nameof(computePerUnit));
        Rational dataExponent = 1 / (1 + discount), capacityExponent = discount / (1 + discount), lossExponent = (1 - discount) / (1 + discount);
        double d = discount.ToDouble(), a = dataConstant, b = capacityConstant, k = computePerUnit;
        double balance = d / ((1 - d) * (1 + d)); // 1/(a+b) in terms of the exponents
        double dataPrefactor = Math.Exp((balance * Math.Log(d * a / b)) - (dataExponent.ToDouble() * Math.Log(k)));
        double capacityPrefactor = Math.Exp((-balance * Math.Log(d * a / b)) - (capacityExponent.ToDouble() * Math.Log(k)));
        double lossPrefactor = (1 + d) * Math.Exp((dataExponent.ToDouble() * Math.Log(a)) + (capacityExponent.ToDouble() * Math.Log(b / d)) + (lossExponent.ToDouble() * Math.Log(k)));
        return new ComputeOptimalSplit(discount, dataExponent, capacityExponent, lossExponent, dataPrefactor, capacityPrefactor, lossPrefactor, a, b, k);
    }

    /// <summary>Derives the compute-optimal split of a model: A from the data law's knowledge terms, B from the model law.</summary>
    /// <param name="model">The model. Range: d &gt; 0.</param>
    /// <param name="learner">The capacity learner (default: the C most frequent entities).</param>
    /// <param name="cost">The per-miss cost; <see langword="null"/> for <see cref="MissCost.FromModel"/>.</param>
    /// <param name="computePerUnit">k, with F = k N C. Range: k &gt; 0.</param>
    /// <returns>The split.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">d = 0, or k is not positive.</exception>
    public static ComputeOptimalSplit Split(SyntaxKnowledgeModel model, CapacityLearner learner = CapacityLearner.TopFrequency, MissCost? cost = null, double computePerUnit = 1)
    {
        CombinedScalingLaw law = ModelScaling.Combined(model, learner, cost);
        return Split(model.Knowledge.Discount, law.DataConstant, law.CapacityConstant, computePerUnit);
    }

    /// <summary>Returns the exact minimiser of the two-term law at compute F, for any d (geometric capacity term when d = 0).</summary>
    /// <param name="parameters">The process parameters (d and, for d = 0, θ).</param>
    /// <param name="dataConstant">A. Range: A &gt; 0.</param>
    /// <param name="capacityConstant">B. Range: B &gt; 0.</param>
    /// <param name="compute">F. Range: F &gt; 0.</param>
    /// <param name="computePerUnit">k. Range: k &gt; 0.</param>
    /// <returns>N*, C*, and the loss. For d = 0: C* = max(0, ln(F B ln(1/q)/(A k))/ln(1/q)) with q = θ/(θ+1), loss A k C*/F + B q^{C*}
    /// (when F is so small that C* = 0, storing nothing is optimal and N* is reported as +∞).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public static ComputeOptimum Optimum(PitmanYorParameters parameters, double dataConstant, double capacityConstant, double compute, double computePerUnit = 1)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.Positive(compute, nameof(compute));
        if (!parameters.IsDirichlet)
        {
            ComputeOptimalSplit split = Split(parameters.Discount, dataConstant, capacityConstant, computePerUnit);
            return new ComputeOptimum(compute, split.Data(compute), split.Capacity(compute), split.Loss(compute));
        }

        Preconditions.Positive(dataConstant, nameof(dataConstant));
        Preconditions.Positive(capacityConstant, nameof(capacityConstant));
        Preconditions.Positive(computePerUnit, nameof(computePerUnit));
        double theta = parameters.ConcentrationValue, logInverseRate = Math.Log((theta + 1) / theta);
        double capacity = Math.Max(0, Math.Log(compute * capacityConstant * logInverseRate / (dataConstant * computePerUnit)) / logInverseRate);
        double loss = (dataConstant * computePerUnit * capacity / compute) + (capacityConstant * Math.Exp(-capacity * logInverseRate));
        return new ComputeOptimum(compute, compute / (computePerUnit * capacity), capacity, loss);
    }
}
