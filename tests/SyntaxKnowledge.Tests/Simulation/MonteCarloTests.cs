using System.Collections.Immutable;
using MathNet.Numerics;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Simulation;

/// <summary>Layer 4: seeded Monte Carlo estimates within 4 standard errors of every exact quantity (docs/03-formulas/pitman-yor.md#pitmanyor-quantities).</summary>
[Trait("Category", "Statistical")]
public sealed class MonteCarloTests
{
    private const double Z = 4;

    public static TheoryData<int, int, int, int> Parameters => new()
    {
        { 1, 2, 1, 1 },
        { 0, 1, 2, 1 },
        { 3, 4, -1, 2 },
        { 7, 10, 5, 1 },
    };

    private static PitmanYorParameters P(int dn, int dd, int tn, int td) => PitmanYorParameters.Create(new Rational(dn, dd), new Rational(tn, td));

    private static void AssertWithin(MonteCarloEstimate estimate, Rational exact, string what) => AssertWithin(estimate, exact.ToDouble(), what);

    private static void AssertWithin(MonteCarloEstimate estimate, double exact, string what) =>
        Assert.True(estimate.IsConsistentWith(exact, Z), $"{what}: simulated {estimate}, exact {exact:G10}, z = {estimate.ZScore(exact):F2}");

    [Theory]
    [MemberData(nameof(Parameters))]
    public void DistinctChain_MeanVarianceLawAndNewProbability_MatchExact(int dn, int dd, int tn, int td)
    {
        PitmanYorParameters p = P(dn, dd, tn, td);
        const int n = 200;
        DistinctSample sample = ManagedBackend.Instance.SimulateDistinct(p, n, TestScale.Replicates(20_000), seed: 11);
        Rational mean = ExpectedDistinct.Exact(p, n);
        AssertWithin(sample.Summary, mean, "E[K_n]");

        // Var[K_n] = E[(K_n − E K_n)^2], estimated with the exact mean so the estimator is unbiased.
        double mu = mean.ToDouble();
        AssertWithin(MonteCarlo.Summarize(sample.Distinct.Select(k => (k - mu) * (k - mu))), DistinctVariance.Exact(p, n), "Var[K_n]");

        // The law: P(K_n = k) at the mode and at two quartile-ish points.
        ImmutableArray<Rational> law = DistinctDistribution.Exact(p, n);
        int mode = law.IndexOf(law.Max()) + 1;
        foreach (int k in new[] { mode, Math.Max(1, mode - 5), Math.Min(n, mode + 5) })
        {
            AssertWithin(MonteCarlo.Summarize(sample.Distinct.Select(x => x == k ? 1.0 : 0.0)), law[k - 1], $"P(K_n = {k})");
        }

        AssertWithin(sample.NewProbability, NewProbability.Exact(p, n), "P(new)");
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void FullSeating_BlocksSingletonsUnrevealedAndAcquiredMass_MatchExact(int dn, int dd, int tn, int td)
    {
        PitmanYorParameters p = P(dn, dd, tn, td);
        const int n = 150;
        SeatingSample sample = ManagedBackend.Instance.SimulateSeating(p, n, TestScale.Replicates(8_000), seed: 12);
        double d = p.DiscountValue, theta = p.ConcentrationValue;

        AssertWithin(sample.Distinct, ExpectedDistinct.Exact(p, n), "E[K_n] (seating)");
        AssertWithin(sample.Singletons, ExpectedBlocks.SingletonsExact(p, n), "E[K_n,1]");
        foreach (int m in new[] { 2, 3, 5 })
        {
            AssertWithin(sample.Blocks(m), ExpectedBlocks.Exact(p, n, m), $"E[K_n,{m}]");
        }

        // E[(1 − ρW)^n] = E[Σ_k (n_k − d)(1 − ρ)^{n_k}/(θ + n) + (θ + d K)/(θ + n)] (Rao–Blackwellised over draw n+1).
        foreach (Rational rho in new[] { new Rational(1, 5), new Rational(1, 2) })
        {
            double r = rho.ToDouble();
            MonteCarloEstimate unrevealed = sample.Estimate(h =>
                (h.Sum(size => (size - d) * Math.Pow(1 - r, size)) + theta + (d * h.Distinct)) / (theta + n));
            AssertWithin(unrevealed, UnrevealedMass.Exact(p, rho, n), $"E[(1 - {rho} W)^n]");
        }

        // E[P(Bin(n, W) >= r)] = E[Σ_{k: n_k >= r} (n_k − d)/(θ + n)].
        foreach (int exposures in new[] { 1, 2, 5 })
        {
            MonteCarloEstimate acquired = sample.Estimate(h => h.Sum(size => size >= exposures ? size - d : 0) / (theta + n));
            AssertWithin(acquired, AcquiredMass.Exact(p, n, exposures), $"acquired mass, r = {exposures}");
        }
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void StickBreaking_UncoveredMass_MatchesExact(int dn, int dd, int tn, int td)
    {
        PitmanYorParameters p = P(dn, dd, tn, td);
        foreach (int stored in new[] { 1, 5, 40 })
        {
            UncoveredMassSample sample = ManagedBackend.Instance.SimulateUncoveredMass(p, stored, TestScale.Replicates(20_000), seed: 13);
            AssertWithin(sample.Summary, UncoveredMass.Exact(p, stored), $"T({stored})");
        }
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void StickBreaking_Entropy_MatchesDigammaClosedForm(int dn, int dd, int tn, int td)
    {
        PitmanYorParameters p = P(dn, dd, tn, td);
        double d = p.DiscountValue, theta = p.ConcentrationValue;
        const int sticks = 60;
        int replicates = TestScale.Replicates(10_000);
        var values = new double[replicates];
        for (int r = 0; r < replicates; r++)
        {
            // Entropy of the first sticks, plus the exact conditional expectation of the rest: given the first C
            // sticks, the remainder is R · GEM(d, θ + C d), whose expected entropy is ψ(θ + C d + 1) − ψ(1 − d).
            CounterRandom random = CounterRandom.Create(14, (ulong)r);
            ulong counter = 0;
            double remaining = 1, entropy = 0;
            for (int j = 1; j <= sticks; j++)
            {
                double w = remaining * Samplers.Beta(1 - d, theta + (j * d), random, ref counter);
                if (w > 0)
                {
                    entropy -= w * Math.Log(w);
                }

                remaining -= w;
            }

            double tail = SpecialFunctions.DiGamma(theta + (sticks * d) + 1) - SpecialFunctions.DiGamma(1 - d);
            values[r] = entropy + (remaining > 0 ? (remaining * tail) - (remaining * Math.Log(remaining)) : 0);
        }

        AssertWithin(MonteCarlo.Summarize(values.AsSpan()), ExpectedEntropy.Approximate(p), "E[H(P)]");
    }

    [Fact]
    public void GoodTuring_SingletonRatio_EstimatesUnseenMass()
    {
        // K_{n,1}/n is an asymptotically unbiased estimate of the unseen mass; K_{n,1}/K_n tends to d.
        PitmanYorParameters p = P(1, 2, 1, 1);
        const int n = 2_000;
        SeatingSample sample = ManagedBackend.Instance.SimulateSeating(p, n, TestScale.Replicates(2_000), seed: 15);
        double unseen = NewProbability.Exact(p, n).ToDouble();
        double goodTuring = ExpectedBlocks.SingletonsExact(p, n).ToDouble() / n;
        AssertWithin(sample.Estimate(h => (double)h.Singletons / n), goodTuring, "E[K_n,1]/n");
        Assert.True(Math.Abs(goodTuring - unseen) / unseen < 0.01, $"Good-Turing bias {goodTuring} vs {unseen}");

        // K_{n,1}/K_n -> d: the exact ratio of means r = E[K_{n,1}]/E[K_n] is near d = 1/2, and the simulated worlds agree
        // with it to 4 standard errors through E[K_{n,1} - r K_n] = 0 exactly (a tolerance from an SE, not a band).
        double r = (ExpectedBlocks.SingletonsExact(p, n) / ExpectedDistinct.Exact(p, n)).ToDouble();
        Assert.InRange(r, 0.5099, 0.5101); // 0.50998 by Python fractions
        MonteCarloEstimate centred = sample.Estimate(h => h.Singletons - (r * h.Distinct));
        Assert.True(centred.StandardError > 0, centred.ToString());
        AssertWithin(centred, 0.0, "E[K_n,1 - r K_n]");
    }
}
