using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Cli.Plots.Data;

/// <summary>The compute-optimal split of F = k N C between data N and capacity C: the rows `skm laws compute-optimal` prints and a dense curve for the chart.</summary>
/// <param name="Parameters">The Pitman-Yor parameters of the knowledge.</param>
/// <param name="Learner">The capacity learner whose constant B enters the law.</param>
/// <param name="Split">The power-law split, or null for d = 0 (geometric capacity term).</param>
/// <param name="DataConstant">A, the constant of the data term A N^-(1-d).</param>
/// <param name="CapacityConstant">B, the constant of the capacity term.</param>
/// <param name="ComputePerUnit">k in F = k N C.</param>
/// <param name="Optima">The optimum at each requested compute budget.</param>
/// <param name="Curve">The optimum on a dense log grid over the requested budgets.</param>
internal sealed record ComputeOptimalData(PitmanYorParameters Parameters, CapacityLearner Learner, ComputeOptimalSplit? Split, double DataConstant, double CapacityConstant, Rational ComputePerUnit, ComputeOptimum[] Optima, ComputeOptimum[] Curve)
{
    /// <summary>Computes the split and the optimum at each budget (closed forms; no simulation).</summary>
    public static ComputeOptimalData Compute(SyntaxKnowledgeModel model, CapacityLearner kind, double[] computes, Rational computePerUnit)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(computes);
        PitmanYorParameters p = model.Knowledge;
        double k = computePerUnit.ToDouble();
        ComputeOptimalSplit? split = null;
        double dataConstant, capacityConstant;
        if (p.IsDirichlet)
        {
            if (kind == CapacityLearner.Mdl)
            {
                throw new CliInputException("--learner mdl needs --discount > 0.");
            }

            // d = 0: data term A/N from the facts term; capacity term B q^C with B = miss cost (x e^-gamma for the top-C learner).
            dataConstant = DataScaling.Law(model).Terms.Where(t => t.Name == "facts").Sum(t => t.Constant);
            capacityConstant = MissCost.FromModel(model).Total * (kind == CapacityLearner.FirstAppearance ? 1 : TopFrequencyLearner.RatioToFirstAppearance(p));
        }
        else
        {
            split = ComputeOptimal.Split(model, kind, computePerUnit: k);
            (dataConstant, capacityConstant) = (split.DataConstant, split.CapacityConstant);
        }

        ComputeOptimum Optimum(double f) => ComputeOptimal.Optimum(p, dataConstant, capacityConstant, f, k);
        double low = computes.Min(), high = Math.Max(computes.Max(), low * 10);
        return new ComputeOptimalData(p, kind, split, dataConstant, capacityConstant, computePerUnit, [.. computes.Select(Optimum)], [.. Grids.LogReal(low, high, 60).Select(Optimum)]);
    }
}
