using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Theorems;

/// <summary>Catalog entries for docs/03-formulas/pitman-yor.md, docs/03-formulas/dirichlet-categorical.md: the Pitman–Yor process and the Dirichlet–categorical model.</summary>
internal static class PitmanYorTheorems
{
    /// <summary>The parameter sets every entry checks: a typical one, the Dirichlet case, and a heavy tail with θ &lt; 0.</summary>
    internal static readonly ImmutableArray<PitmanYorParameters> Grid =
    [
        PitmanYorParameters.Create(new Rational(1, 2), 1),
        PitmanYorParameters.Create(0, 2),
        PitmanYorParameters.Create(new Rational(3, 4), new Rational(-1, 2)),
    ];

    private static readonly int[] StoredGrid = [1, 10, 50];
    private static readonly int[] ExposureGrid = [1, 3, 10];
    private static readonly int[] SampleSequence = [0, 2, 2, 0, 2];

    internal static string Label(PitmanYorParameters p) => string.Create(CultureInfo.InvariantCulture, $"d={p.Discount}, theta={p.Concentration}");

    internal static TheoremCheck Exact(string name, Rational expected, Rational observed) =>
        TheoremCheck.ExactCheck(name, expected.ToString(), observed.ToString(), expected == observed);

    internal static IEnumerable<TheoremCheck> ForGrid(VerificationContext context, Func<PitmanYorParameters, int, IEnumerable<TheoremCheck>> checks)
    {
        for (int i = 0; i < Grid.Length; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            foreach (TheoremCheck c in checks(Grid[i], i))
            {
                yield return c with { Name = Label(Grid[i]) + ": " + c.Name };
            }

            context.Progress?.Report((i + 1.0) / Grid.Length);
        }
    }

    /// <summary>Checks a stick-breaking estimate of T(C) = E[Π_{j≤C}(1 − V_j)] with the theory's variance E[T²] − T(C)², where
    /// E[T²] = Π_{j≤C} (θ + j d)(θ + j d + 1)/((θ + 1 + (j−1) d)(θ + 2 + (j−1) d)) (the second moment of Beta(θ + j d, 1 − d)).</summary>
    internal static TheoremCheck UncoveredMassCheck(string name, PitmanYorParameters p, int stored, MonteCarloEstimate estimate)
    {
        Rational mean = UncoveredMass.Exact(p, stored);
        return TheoremCheck.StatisticalCheck(name, mean.ToDouble(), (UncoveredSecondMoment(p, stored) - (mean * mean)).ToDouble(), estimate);
    }

    /// <summary>Returns E[T_C²] = Π_{j≤C} (θ + j d)(θ + j d + 1)/((θ + 1 + (j−1) d)(θ + 2 + (j−1) d)) exactly.</summary>
    internal static Rational UncoveredSecondMoment(PitmanYorParameters p, int stored)
    {
        Rational d = p.Discount, theta = p.Concentration, product = Rational.One;
        for (int j = 1; j <= stored; j++)
        {
            Rational b = theta + (j * d), total = theta + 1 + ((j - 1) * d);
            product *= b * (b + 1) / (total * (total + 1));
        }

        return product;
    }

    /// <summary>Returns Var[K_{n,m}] exactly, from E[K_{n,m}] and the second factorial moment
    /// E[K_{n,m}(K_{n,m} − 1)] = C(n,m) C(n−m,m) (1−d)_{m−1}² (θ+d) (θ+2d)_{n−2m}/(θ+1)_{n−1} (0 when 2m &gt; n): the EPPF
    /// probability that two given disjoint m-sets are blocks, times the number of ordered pairs of such sets.</summary>
    internal static Rational BlockCountVariance(PitmanYorParameters p, int draws, int multiplicity)
    {
        Rational d = p.Discount, theta = p.Concentration, mean = ExpectedBlocks.Exact(p, draws, multiplicity);
        Rational factorial = 2 * multiplicity > draws
            ? Rational.Zero
            : Pochhammer.Binomial(draws, multiplicity) * Pochhammer.Binomial(draws - multiplicity, multiplicity) * Rational.Pow(Pochhammer.Rising(1 - d, multiplicity - 1), 2)
                * (theta + d) * Pochhammer.Rising(theta + (2 * d), draws - (2 * multiplicity)) / Pochhammer.Rising(theta + 1, draws - 1);
        return factorial + mean - (mean * mean);
    }

    /// <summary>Returns E[(K_n − E K_n)⁴] exactly. For d &gt; 0 from the rising factorial moments of Y = K_n + θ/d,
    /// E[Y(Y+1)…(Y+r−1)] = (θ/d + 1)_{r−1} (θ + r d)_n/(d (θ+1)_{n−1}); for d = 0 from the cumulants of the independent
    /// Bernoulli(θ/(θ+i−1)) indicators of a new element at draw i (κ₂ = pq, κ₄ = pq(1 − 6pq)).</summary>
    internal static Rational CentralFourthMoment(PitmanYorParameters p, int draws)
    {
        Rational d = p.Discount, theta = p.Concentration;
        if (p.IsDirichlet)
        {
            Rational k2 = Rational.Zero, k4 = Rational.Zero;
            for (int i = 1; i <= draws; i++)
            {
                Rational q = theta / (theta + (i - 1)), v = q * (1 - q);
                k2 += v;
                k4 += v * (1 - (6 * v));
            }

            return k4 + (3 * k2 * k2);
        }

        Rational a = theta / d, common = d * Pochhammer.Rising(theta + 1, draws - 1);
        Rational[] rising = [.. Enumerable.Range(1, 4).Select(r => Pochhammer.Rising(a + 1, r - 1) * Pochhammer.Rising(theta + (r * d), draws) / common)];
        Rational e1 = rising[0], e2 = rising[1] - e1, e3 = rising[2] - (3 * e2) - (2 * e1), e4 = rising[3] - (6 * e3) - (11 * e2) - (6 * e1);
        return e4 - (4 * e1 * e3) + (6 * e1 * e1 * e2) - (3 * e1 * e1 * e1 * e1);
    }

    private static ulong Seed(VerificationContext c, int i, int salt) => CounterRandom.Create(c.Seed, (ulong)((i * 64) + salt)).Key;

    public static IEnumerable<Theorem> All()
    {
        yield return Theorem.Create(
            "py.seating", "1.1", "Seating rule",
            "After n draws with K distinct elements of counts n_k, the next draw joins element k with probability (n_k - d)/(theta + n) and is new with probability (theta + d K)/(theta + n); these sum to exactly one.",
            "P(existing k) = (n_k - d)/(theta + n), P(new) = (theta + dK)/(theta + n)",
            8_000,
            c => ForGrid(c, (p, i) =>
            {
                int[] counts = [5, 1, 3, 1];
                ImmutableArray<Rational> predictive = Seating.Predictive(p, counts);
                const int n = 60;
                DistinctSample before = c.Backend.SimulateDistinct(p, n, c.Replicates, Seed(c, i, 1), cancellationToken: c.CancellationToken);
                DistinctSample after = c.Backend.SimulateDistinct(p, n + 1, c.Replicates, Seed(c, i, 1), cancellationToken: c.CancellationToken);
                MonteCarloEstimate fresh = MonteCarlo.Summarize(after.Distinct.Select((k, r) => (double)(k - before.Distinct[r])));
                return
                [
                    Exact("predictive sums to one", Rational.One, Rational.Sum(predictive)),
                    TheoremCheck.BinomialCheck("frequency of a new element at draw 61", NewProbability.Exact(p, n).ToDouble(), fresh),
                ];
            }));

        yield return Theorem.Create(
            "py.eppf", "1.2", "Exchangeable partition probability function",
            "The probability of a sequence depends only on its block sizes, equals the product of the seating probabilities, and sums to one over all set partitions.",
            "p(n_1..n_K) = prod_{i=1}^{K-1}(theta + i d) / (theta+1)_{n-1} * prod_k (1-d)_{n_k-1}",
            8_000,
            c => ForGrid(c, (p, i) =>
            {
                int[] sequence = [0, 1, 0, 2, 1, 0, 3];
                int[] reversed = [.. sequence.Reverse()];
                Rational eppf = Eppf.Exact(p, [3, 2, 1, 1]);
                Rational total = Rational.Sum(SetPartitions(6).Select(s => Eppf.Exact(p, s)));
                const int n = 6;
                DistinctSample sample = c.Backend.SimulateDistinct(p, n, c.Replicates, Seed(c, i, 2), cancellationToken: c.CancellationToken);
                return
                [
                    Exact("EPPF = product of seating probabilities", eppf, Eppf.SequenceProbability(p, sequence)),
                    Exact("invariant under reversing the sequence", eppf, Eppf.SequenceProbability(p, reversed)),
                    Exact("sums to one over the 203 set partitions of [6]", Rational.One, total),
                    TheoremCheck.BinomialCheck("P(K_6 = 1) = EPPF(6)", Eppf.Exact(p, [6]).ToDouble(), MonteCarlo.Summarize(sample.Distinct.Select(k => k == 1 ? 1.0 : 0.0))),
                ];
            }));

        yield return Theorem.Create(
            "py.expected-distinct", "1.3", "Heaps' law: expected number of distinct elements",
            "The expected number of distinct elements after n draws has a closed form, satisfies the recursion E[K_{n+1}] = E[K_n] + (theta + d E[K_n])/(theta + n), and grows like n^d (theta log n when d = 0).",
            "E[K_n] = (theta+d)/d (theta+d+1)_{n-1}/(theta+1)_{n-1} - theta/d ~ Gamma(theta+1)/(d Gamma(theta+d)) n^d",
            8_000,
            c => ForGrid(c, (p, i) =>
            {
                const int n = 500;
                DistinctSample sample = c.Backend.SimulateDistinct(p, n, c.Replicates, Seed(c, i, 3), cancellationToken: c.CancellationToken);
                double[] grid = [100, 1_000, 10_000];
                double d = p.DiscountValue;
                return
                [
                    Exact("closed form = recursion (n = 300)", ExpectedDistinct.ExactByRecursion(p, 300), ExpectedDistinct.Exact(p, 300)),
                    TheoremCheck.StatisticalCheck("E[K_500]", ExpectedDistinct.Exact(p, n).ToDouble(), DistinctVariance.Exact(p, n).ToDouble(), sample.Summary),
                    TheoremCheck.AsymptoticCheck("asymptotic/exact", grid, [.. grid.Select(x => ExpectedDistinct.Asymptotic(p, x) / ExpectedDistinct.Exact(p, (int)x).ToDouble())], x => d > 0 ? Math.Pow(x, -d) : 1 / Math.Log(x)),
                ];
            }));

        yield return Theorem.Create(
            "py.distinct-variance", "1.3", "Variance of the number of distinct elements",
            "Var[K_n] follows from the rising factorial moments of K_n + theta/d (or a sum of independent Bernoulli variances when d = 0), agrees with the second-moment recursion, and grows like n^{2d} Var[S].",
            "E[(K_n + a)(K_n + a + 1)] = (a + 1)(theta + 2d)_n / (d (theta+1)_{n-1}), a = theta/d",
            8_000,
            c => ForGrid(c, (p, i) =>
            {
                const int n = 300;
                Rational mean = ExpectedDistinct.Exact(p, n), variance = DistinctVariance.Exact(p, n);
                DistinctSample sample = c.Backend.SimulateDistinct(p, n, c.Replicates, Seed(c, i, 4), cancellationToken: c.CancellationToken);
                double mu = mean.ToDouble();
                var checks = new List<TheoremCheck>
                {
                    Exact("closed form = recursion", DistinctVariance.SecondMomentByRecursion(p, n) - (mean * mean), variance),
                    TheoremCheck.StatisticalCheck("Var[K_300] = E[(K - E K)^2]", variance.ToDouble(), (CentralFourthMoment(p, n) - (variance * variance)).ToDouble(), MonteCarlo.Summarize(sample.Distinct.Select(k => (k - mu) * (k - mu)))),
                };
                if (p.DiscountValue >= 0.3)
                {
                    double[] grid = [100, 1_000, 10_000];
                    checks.Add(TheoremCheck.AsymptoticCheck("asymptotic/exact", grid, [.. grid.Select(x => DistinctVariance.Asymptotic(p, x) / DistinctVariance.Exact(p, (int)x).ToDouble())], x => Math.Pow(x, -p.DiscountValue)));
                }

                return checks;
            }));

        yield return Theorem.Create(
            "py.distinct-law", "1.3", "Law of the number of distinct elements",
            "P(K_n = k) is given by generalised Stirling numbers; the law sums to one and its mean is E[K_n].",
            "P(K_n = k) = prod_{i=1}^{k-1}(theta + i d)/(theta+1)_{n-1} S_d(n, k), S(n+1,k) = S(n,k-1) + (n - k d) S(n,k)",
            8_000,
            c => ForGrid(c, (p, i) =>
            {
                const int n = 40;
                ImmutableArray<Rational> law = DistinctDistribution.Exact(p, n, c.CancellationToken);
                DistinctSample sample = c.Backend.SimulateDistinct(p, n, c.Replicates, Seed(c, i, 5), cancellationToken: c.CancellationToken);
                int mode = law.IndexOf(law.Max()) + 1;
                return
                [
                    Exact("sums to one", Rational.One, Rational.Sum(law)),
                    Exact("mean = E[K_n]", ExpectedDistinct.Exact(p, n), Rational.Sum(law.Select((q, k) => q * (k + 1)))),
                    TheoremCheck.BinomialCheck(string.Create(CultureInfo.InvariantCulture, $"P(K_40 = {mode}) (the mode)"), law[mode - 1].ToDouble(), MonteCarlo.Summarize(sample.Distinct.Select(k => k == mode ? 1.0 : 0.0))),
                    TheoremCheck.BinomialCheck(string.Create(CultureInfo.InvariantCulture, $"P(K_40 <= {mode})"), Rational.Sum(law.Take(mode)).ToDouble(), MonteCarlo.Summarize(sample.Distinct.Select(k => k <= mode ? 1.0 : 0.0))),
                ];
            }));

        yield return Theorem.Create(
            "py.new-probability", "1.4", "Unseen mass",
            "The probability that draw n+1 is new is (theta+d)_n/(theta+1)_n, decaying like n^{d-1}.",
            "P(new at n+1) = (theta+d)_n/(theta+1)_n ~ Gamma(theta+1)/Gamma(theta+d) n^{d-1}",
            8_000,
            c => ForGrid(c, (p, i) =>
            {
                const int n = 400;
                DistinctSample sample = c.Backend.SimulateDistinct(p, n, c.Replicates, Seed(c, i, 6), cancellationToken: c.CancellationToken);
                double[] grid = [100, 1_000, 10_000];
                return
                [
                    Exact("= E[K_{n+1}] - E[K_n]", ExpectedDistinct.Exact(p, n + 1) - ExpectedDistinct.Exact(p, n), NewProbability.Exact(p, n)),
                    TheoremCheck.StatisticalCheck("E[(theta + d K_n)/(theta + n)]", NewProbability.Exact(p, n).ToDouble(), (p.Discount * p.Discount * DistinctVariance.Exact(p, n) / ((p.Concentration + n) * (p.Concentration + n))).ToDouble(), sample.NewProbability),
                    TheoremCheck.AsymptoticCheck("asymptotic/exact", grid, [.. grid.Select(x => NewProbability.Asymptotic(p, x) / NewProbability.Exact(p, (int)x).ToDouble())], x => 1 / x),
                ];
            }));

        yield return Theorem.Create(
            "py.block-counts", "1.5", "Expected number of elements seen m times",
            "E[K_{n,m}] = C(n,m)(1-d)_{m-1}(theta+d)_{n-m}/(theta+1)_{n-1}; these sum to E[K_n] and, weighted by m, to n.",
            "E[K_{n,m}] = C(n,m)(1-d)_{m-1}(theta+d)_{n-m}/(theta+1)_{n-1} ~ (1-d)_{m-1}/m! Gamma(theta+1)/Gamma(theta+d) n^d",
            2_000,
            c => ForGrid(c, (p, i) =>
            {
                const int n = 200;
                Rational[] blocks = [.. Enumerable.Range(1, n).Select(m => ExpectedBlocks.Exact(p, n, m))];
                SeatingSample sample = c.Backend.SimulateSeating(p, n, c.Replicates, Seed(c, i, 7), cancellationToken: c.CancellationToken);
                double[] grid = [100, 1_000, 10_000];
                return
                [
                    Exact("sum_m m E[K_{n,m}] = n", n, Rational.Sum(blocks.Select((b, k) => b * (k + 1)))),
                    Exact("sum_m E[K_{n,m}] = E[K_n]", ExpectedDistinct.Exact(p, n), Rational.Sum(blocks)),
                    TheoremCheck.StatisticalCheck("E[K_{200,1}]", blocks[0].ToDouble(), BlockCountVariance(p, n, 1).ToDouble(), sample.Singletons),
                    TheoremCheck.StatisticalCheck("E[K_{200,2}]", blocks[1].ToDouble(), BlockCountVariance(p, n, 2).ToDouble(), sample.Blocks(2)),
                    TheoremCheck.StatisticalCheck("E[K_{200,5}]", blocks[4].ToDouble(), BlockCountVariance(p, n, 5).ToDouble(), sample.Blocks(5)),
                    TheoremCheck.AsymptoticCheck("E[K_{n,2}]: asymptotic/exact", grid, [.. grid.Select(x => ExpectedBlocks.Asymptotic(p, x, 2) / ExpectedBlocks.Exact(p, (int)x, 2).ToDouble())], x => 1 / x),
                ];
            }));

        yield return Theorem.Create(
            "py.good-turing", "1.5", "Good-Turing estimate of the unseen mass",
            "The singleton rate K_{n,1}/n is an asymptotically unbiased estimate of the unseen mass, and K_{n,1}/K_n tends to d.",
            "E[K_{n,1}]/n = (theta+d)_{n-1}/(theta+1)_{n-1} vs P(new) = (theta+d)_n/(theta+1)_n; ratio = (theta+1+n-1)/(theta+d+n-1) -> 1",
            1_000,
            c => ForGrid(c, (p, i) =>
            {
                const int n = 1_000;
                SeatingSample sample = c.Backend.SimulateSeating(p, n, c.Replicates, Seed(c, i, 8), cancellationToken: c.CancellationToken);
                double[] grid = [100, 1_000, 10_000];
                Rational ratio = ExpectedBlocks.SingletonsExact(p, n) / n / NewProbability.Exact(p, n);
                Rational expectedRatio = (p.Concentration + n) / (p.Concentration + p.Discount + n - 1);
                return
                [
                    Exact("E[K_{n,1}]/n divided by P(new) = (theta+n)/(theta+d+n-1)", expectedRatio, ratio),
                    TheoremCheck.StatisticalCheck("E[K_{1000,1}/1000]", ExpectedBlocks.SingletonsExact(p, n).ToDouble() / n, BlockCountVariance(p, n, 1).ToDouble() / ((double)n * n), sample.Estimate(h => (double)h.Singletons / n)),
                    TheoremCheck.AsymptoticCheck("Good-Turing/unseen", grid, [.. grid.Select(x => ExpectedBlocks.SingletonsExact(p, (int)x).ToDouble() / x / NewProbability.Exact(p, (int)x).ToDouble())], x => 1 / x),
                ];
            }));

        yield return Theorem.Create(
            "py.uncovered-mass", "1.6", "Mass beyond the first C elements (stick-breaking)",
            "The expected probability mass not covered by the first C elements in order of first appearance is a product of Beta means and decays like C^{-(1-d)/d} (geometrically when d = 0).",
            "T(C) = prod_{j=1}^{C} (theta + j d)/(theta + 1 + (j-1) d) ~ Gamma((theta+1)/d)/Gamma(1+theta/d) C^{-(1-d)/d}",
            8_000,
            c => ForGrid(c, (p, i) =>
            {
                var checks = new List<TheoremCheck>();
                foreach (int stored in StoredGrid)
                {
                    UncoveredMassSample sample = c.Backend.SimulateUncoveredMass(p, stored, c.Replicates, Seed(c, i, 9 + stored), cancellationToken: c.CancellationToken);
                    checks.Add(UncoveredMassCheck(string.Create(CultureInfo.InvariantCulture, $"T({stored})"), p, stored, sample.Summary));
                }

                // For d = 0, T(C) = (theta/(theta+1))^C decays geometrically (the asymptotic form is exact): stay above underflow.
                double[] grid = p.IsDirichlet ? [10, 20, 40] : [100, 1_000, 10_000];
                checks.Add(TheoremCheck.AsymptoticCheck("asymptotic/exact", grid, [.. grid.Select(x => UncoveredMass.Asymptotic(p, x) / UncoveredMass.Exact(p, (int)x).ToDouble())], x => 1 / x));
                return checks;
            }));

        yield return Theorem.Create(
            "py.entropy", "1.7", "Expected entropy (size-biased identity)",
            "E[sum_k p_k f(p_k)] = E[f(W)] with W ~ Beta(1-d, theta+d); with f = -log the expected entropy of the random distribution is psi(theta+1) - psi(1-d).",
            "E[H(P)] = psi(theta+1) - psi(1-d)",
            4_000,
            c => ForGrid(c, (p, i) =>
            {
                double d = p.DiscountValue, theta = p.ConcentrationValue;
                const int sticks = 60;
                var values = new double[c.Replicates];
                for (int r = 0; r < values.Length; r++)
                {
                    CounterRandom random = CounterRandom.Create(Seed(c, i, 12), (ulong)r);
                    ulong counter = 0;
                    double remaining = 1, entropy = 0;
                    for (int j = 1; j <= sticks; j++)
                    {
                        double w = remaining * Samplers.Beta(1 - d, theta + (j * d), random, ref counter);
                        entropy -= w > 0 ? w * Math.Log(w) : 0;
                        remaining -= w;
                    }

                    // Given the first sticks the rest is R * GEM(d, theta + C d): add its exact conditional expected entropy.
                    double tail = SpecialFunctions.DiGamma(theta + (sticks * d) + 1) - SpecialFunctions.DiGamma(1 - d);
                    values[r] = entropy + (remaining > 0 ? (remaining * tail) - (remaining * Math.Log(remaining)) : 0);
                }

                return [TheoremCheck.StatisticalCheck("E[H(P)] by stick-breaking", ExpectedEntropy.Approximate(p), MonteCarlo.Summarize(values.AsSpan()))];
            }));

        yield return Theorem.Create(
            "py.unrevealed-mass", "1.7", "Unrevealed facts (size-biased complement power)",
            "The expected mass of entities none of whose n earlier occurrences carried a given attribute of probability rho is E[(1 - rho W)^n], an exact alternating sum decaying like (rho n)^{-(1-d)}.",
            "E[(1 - rho W)^n] = sum_i C(n,i)(-rho)^i (1-d)_i/(1+theta)_i ~ Gamma(theta+1)/Gamma(theta+d) (rho n)^{-(1-d)}",
            2_000,
            c => ForGrid(c, (p, i) =>
            {
                const int n = 150;
                var rho = new Rational(1, 5);
                double d = p.DiscountValue, theta = p.ConcentrationValue;
                SeatingSample sample = c.Backend.SimulateSeating(p, n, c.Replicates, Seed(c, i, 13), cancellationToken: c.CancellationToken);
                MonteCarloEstimate estimate = sample.Estimate(h => (h.Sum(m => (m - d) * Math.Pow(0.8, m)) + theta + (d * h.Distinct)) / (theta + n));
                double[] grid = [100, 1_000, 4_000];
                return
                [
                    Exact("rho = 1 gives the unseen mass", NewProbability.Exact(p, n), UnrevealedMass.Exact(p, Rational.One, n)),
                    TheoremCheck.StatisticalCheck("E[(1 - W/5)^150]", UnrevealedMass.Exact(p, rho, n).ToDouble(), estimate),
                    TheoremCheck.AsymptoticCheck("asymptotic/exact", grid, [.. grid.Select(x => UnrevealedMass.Asymptotic(p, 0.2, x) / UnrevealedMass.Exact(p, rho, (int)x).ToDouble())], x => 1 / x),
                ];
            }));

        yield return Theorem.Create(
            "py.acquired-mass", "8", "Mass-weighted knowledge acquisition curve",
            "The expected probability mass of elements seen at least r times in n draws is the Beta-binomial tail E[P(Bin(n, W) >= r)]; for r = 1 it is one minus the unseen mass.",
            "E[P(Bin(n,W) >= r)] = 1 - sum_{k<r} C(n,k)(1-d)_k(theta+d)_{n-k}/(1+theta)_n ~ 1 - Gamma(theta+1)/Gamma(theta+d) n^{d-1} (2-d)_{r-1}/(r-1)!",
            2_000,
            c => ForGrid(c, (p, i) =>
            {
                const int n = 150;
                double d = p.DiscountValue, theta = p.ConcentrationValue;
                SeatingSample sample = c.Backend.SimulateSeating(p, n, c.Replicates, Seed(c, i, 14), cancellationToken: c.CancellationToken);
                double[] grid = [100, 1_000, 10_000];
                var checks = new List<TheoremCheck> { Exact("r = 1: 1 - unseen mass", Rational.One - NewProbability.Exact(p, n), AcquiredMass.Exact(p, n, 1)) };
                foreach (int r in ExposureGrid)
                {
                    checks.Add(TheoremCheck.StatisticalCheck(string.Create(CultureInfo.InvariantCulture, $"acquired mass, r = {r}"), AcquiredMass.Exact(p, n, r).ToDouble(), sample.Estimate(h => h.Sum(m => m >= r ? m - d : 0) / (theta + n))));
                }

                checks.Add(TheoremCheck.AsymptoticCheck("unacquired mass (r = 3): asymptotic/exact", grid, [.. grid.Select(x => AcquiredMass.UnacquiredAsymptotic(p, x, 3) / (Rational.One - AcquiredMass.Exact(p, (int)x, 3)).ToDouble())], x => 1 / x));
                return checks;
            }));

        yield return Theorem.Create(
            "dirichlet.redundancy", "2", "Dirichlet-categorical code and its redundancy",
            "The Bayes mixture over a k-parameter categorical assigns a sequence prod_i (a)_{c_i}/(m a)_n; its redundancy grows like (k/2) log n plus the Clarke-Barron constant.",
            "R(n) = (k/2) log(n/(2 pi e)) + m log Gamma(a) - log Gamma(m a) - m(a - 1/2)(psi(a) - psi(m a)) + o(1)",
            2,
            c =>
            {
                var prior = SymmetricDirichlet.Create(3, new Rational(1, 2));
                int[] counts = [2, 0, 3];
                Rational product = Rational.One;
                int[] seen = new int[3];
                foreach (int x in SampleSequence)
                {
                    product *= DirichletCategorical.Predictive(prior, seen, x);
                    seen[x]++;
                }

                double[] grid = [10, 40, 160];
                return
                [
                    Exact("sequence probability = product of predictives", DirichletCategorical.SequenceProbability(prior, counts), product),
                    Exact("predictive sums to one", Rational.One, Rational.Sum(DirichletCategorical.Predictive(prior, counts))),
                    TheoremCheck.AsymptoticCheck("Clarke-Barron/enumerated (m = 3, a = 1/2)", grid, [.. grid.Select(x => BayesRedundancy.Asymptotic(prior, x) / BayesRedundancy.Enumerated(prior, (int)x))], x => Math.Pow(x, -0.5) / Math.Log(x)),
                ];
            });
    }

    internal static IEnumerable<int[]> SetPartitions(int n)
    {
        var labels = new int[n];
        IEnumerable<int[]> Recurse(int i, int max)
        {
            if (i == n)
            {
                var sizes = new int[max + 1];
                foreach (int label in labels)
                {
                    sizes[label]++;
                }

                yield return sizes;
                yield break;
            }

            for (int label = 0; label <= max + 1; label++)
            {
                labels[i] = label;
                foreach (int[] s in Recurse(i + 1, Math.Max(max, label)))
                {
                    yield return s;
                }
            }
        }

        return Recurse(1, 0);
    }
}
