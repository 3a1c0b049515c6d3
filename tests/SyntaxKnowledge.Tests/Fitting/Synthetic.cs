using SyntaxKnowledge.Fitting;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Tests.Fitting;

/// <summary>Synthetic loss tables: a grid of (N, D) points, losses from a known law, optional log-normal noise.</summary>
internal static class Synthetic
{
    /// <summary>k log-spaced values from a to b inclusive.</summary>
    public static double[] LogSpace(double a, double b, int k) =>
        Enumerable.Range(0, k).Select(i => Math.Exp(Math.Log(a) + ((Math.Log(b) - Math.Log(a)) * i / (k - 1)))).ToArray();

    /// <summary>The full grid of parameter counts × token counts, as two parallel arrays.</summary>
    public static (double[] Parameters, double[] Tokens) Grid(double[] parameters, double[] tokens)
    {
        var n = new List<double>();
        var d = new List<double>();
        foreach (double p in parameters)
        {
            foreach (double t in tokens)
            {
                n.Add(p);
                d.Add(t);
            }
        }

        return (n.ToArray(), d.ToArray());
    }

    /// <summary>Hoffmann et al.'s scale: N from 10^8 to 1.6·10^10, D from 10^9 to 10^12, 8 × 8 points.</summary>
    public static (double[] Parameters, double[] Tokens) ChinchillaGrid() =>
        Grid(LogSpace(1e8, 1.6e10, 8), LogSpace(1e9, 1e12, 8));

    /// <summary>The Syntax-Knowledge scale: capacity C from 10^2 to 10^5 stored elements, n from 10^3 to 10^7 tokens, 6 × 6 points.</summary>
    public static (double[] Parameters, double[] Tokens) CapacityGrid() =>
        Grid(LogSpace(1e2, 1e5, 6), LogSpace(1e3, 1e7, 6));

    /// <summary>
    /// A Syntax-Knowledge law whose terms are both visible on <see cref="CapacityGrid"/>: the model term is 0.3 at the smallest
    /// capacity and the data term 0.5 at the smallest data size, above an irreducible loss of 2.
    /// </summary>
    public static LossLaw SyntaxKnowledgeLaw(double discount)
    {
        double alpha = (1 - discount) / discount, beta = 1 - discount;
        return LossLaw.SyntaxKnowledge(2.0, 0.3 * Math.Pow(1e2, alpha), 0.5 * Math.Pow(1e3, beta), discount);
    }

    /// <summary>Multiplies every loss by exp(σ·z), z standard normal from Box–Muller on stream (seed, 0).</summary>
    public static LossObservations WithNoise(LossObservations clean, double sigma, ulong seed)
    {
        CounterRandom random = CounterRandom.Create(seed, 0);
        double[] losses = clean.Losses.Select((loss, i) =>
        {
            double radius = Math.Sqrt(-2 * Math.Log(random.UniformPositive((ulong)(2 * i))));
            double z = radius * Math.Cos(2 * Math.PI * random.Uniform((ulong)((2 * i) + 1)));
            return loss * Math.Exp(sigma * z);
        }).ToArray();
        return LossObservations.Create(clean.Tokens.AsSpan(), clean.Parameters.AsSpan(), losses);
    }

    /// <summary>Asserts |actual/expected − 1| ≤ tolerance, printing both in g17 on failure.</summary>
    public static void AssertRelative(double expected, double actual, double tolerance, string what)
    {
        double error = Math.Abs((actual / expected) - 1);
        Assert.True(error <= tolerance, $"{what}: expected {expected:G17}, got {actual:G17}, relative error {error:G3} > {tolerance:G3}");
    }

    /// <summary>
    /// Asserts that the truth lies within z bootstrap standard errors of the estimate, the standard error being read off
    /// the percentile interval as width / (2·z_level) (normal approximation); z = 4 as everywhere in the project.
    /// </summary>
    public static void AssertWithinStandardErrors(double truth, FittedQuantity estimate, double z = 4)
    {
        ConfidenceInterval interval = estimate.Interval ?? throw new InvalidOperationException("the fit ran without a bootstrap");
        double standardError = interval.Width / (2 * MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (1 + interval.Level) / 2));
        Assert.True(
            Math.Abs(estimate.Value - truth) <= z * standardError,
            $"{estimate.Name}: estimate {estimate.Value:G17}, truth {truth:G17}, bootstrap standard error {standardError:G3}: more than {z} standard errors apart");
    }
}
