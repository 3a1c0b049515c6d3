using System.Globalization;
using SyntaxKnowledge.Fitting;
using SyntaxKnowledge.Simulation;

namespace FitYourCurve;

/// <summary>
/// Generates a small loss table from the Syntax-Knowledge law with a known discount d, fits it, and prints the
/// recovered d: the workflow of docs/02-guides/fit-your-scaling-curve.md on data whose answer is known.
/// </summary>
public static class Demo
{
    /// <summary>The discount the synthetic data are generated with.</summary>
    public const double TrueDiscount = 0.55;

    /// <summary>Runs the demo, writing a short report.</summary>
    /// <param name="output">Where the report goes.</param>
    /// <returns>The fit of the Syntax-Knowledge form (for the test that runs this sample).</returns>
    public static ScalingLawFit Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        CultureInfo c = CultureInfo.InvariantCulture;

        // 1. A law from the theory: beta = 1 - d for data, alpha = (1 - d)/d for capacity (stored knowledge elements).
        double alpha = (1 - TrueDiscount) / TrueDiscount, beta = 1 - TrueDiscount;
        var truth = LossLaw.SyntaxKnowledge(irreducibleLoss: 2.0, modelCoefficient: 0.3 * Math.Pow(100, alpha), dataCoefficient: 0.5 * Math.Pow(1000, beta), discount: TrueDiscount);

        // 2. A 6 x 6 table of "training runs": capacity 10^2..10^5, tokens 10^3..10^7, 1% log-normal noise.
        var capacity = new List<double>();
        var tokens = new List<double>();
        var losses = new List<double>();
        CounterRandom noise = CounterRandom.Create(seed: 2025, stream: 0);
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                double cap = Math.Pow(10, 2 + (3.0 * i / 5)), n = Math.Pow(10, 3 + (4.0 * j / 5));
                ulong k = (ulong)(2 * losses.Count);
                double z = Math.Sqrt(-2 * Math.Log(noise.UniformPositive(k))) * Math.Cos(2 * Math.PI * noise.Uniform(k + 1));
                capacity.Add(cap);
                tokens.Add(n);
                losses.Add(truth.Loss(n, cap) * Math.Exp(0.01 * z));
            }
        }

        var observations = LossObservations.Create(tokens.ToArray(), capacity.ToArray(), losses.ToArray());
        output.WriteLine(string.Create(c, $"Synthetic losses: {observations.Count} runs from {truth}"));

        // 3. Fit both two-axis forms with 100 bootstrap replicates (seeded: the same output every run).
        var options = FitOptions.Create(bootstrapReplicates: 100, seed: 7);
        ScalingLawFit constrained = ScalingLawFitting.Fit(observations, ScalingLawForm.SyntaxKnowledge, options);
        ScalingLawFit free = ScalingLawFitting.Fit(observations, ScalingLawForm.Chinchilla, options);

        // 4. Report.
        output.WriteLine(string.Create(c, $"True discount d = {TrueDiscount}"));
        output.WriteLine(string.Create(c, $"Syntax-Knowledge fit:  {constrained.Discount}"));
        output.WriteLine(string.Create(c, $"Chinchilla fit:        {free.DiscountFromData}   (d = 1 - beta)"));
        output.WriteLine(string.Create(c, $"                       {free.DiscountFromModel}   (d = 1/(1 + alpha))"));
        output.WriteLine(string.Create(c, $"Theory check alpha = beta/(1 - beta): {free.Consistency!.Difference} -> {(free.Consistency.IsConsistent == true ? "consistent" : "not consistent")}"));
        output.WriteLine(string.Create(c, $"Compute-optimal (F = N*D): N ~ F^{constrained.ComputeOptimal!.ParametersExponent.Value:F3} (d/(1+d) = {TrueDiscount / (1 + TrueDiscount):F3}), D ~ F^{constrained.ComputeOptimal.TokensExponent.Value:F3}"));
        return constrained;
    }

    private static void Main() => Run(Console.Out);
}
