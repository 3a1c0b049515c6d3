using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Theorems;

/// <summary>Catalog entries for docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law, docs/03-formulas/acquisition.md#knowledge-acquisition-dynamics and docs/03-formulas/hallucination.md#hallucination: capacity-limited learners and the model scaling law, the
/// compute-optimal split, knowledge acquisition dynamics and hallucination.</summary>
internal static class CapacityTheorems
{
    private static readonly PitmanYorParameters Half = PitmanYorParameters.Create(new Rational(1, 2), 1);
    private static readonly int[] PathSizes = [10, 20, 30];
    private static readonly string[] SkewedAttributes = ["university", "field"];
    private static readonly int[] ZipfRanks = [0, 3, 9];
    private static readonly int[] MonofactSizes = [0, 1, 7, 40];

    private static ulong Seed(VerificationContext c, int salt) => CounterRandom.Create(c.Seed, (ulong)(2_000 + salt)).Key;

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    public static IEnumerable<Theorem> All()
    {
        yield return Theorem.Create(
            "capacity.first-appearance", "7", "Capacity: the first C entities met",
            "A learner that stores the first C entities it meets leaves expected mass T(C) uncovered with unlimited data; after n draws the expected uncovered mass is T(C) + sum_{k<C} P(K_n = k)(theta + d k)/(theta + n)(1 - T(C)/T(k)), which equals the unseen mass when C > n. Its excess loss is miss cost x T(C) ~ B C^{-(1-d)/d}.",
            "E[U_n(C)] = T(C) + sum_{k<C} P(K_n = k)(theta+dk)/(theta+n)(1 - T(C)/T(k)); T(C) ~ Gamma((theta+1)/d)/Gamma(1+theta/d) C^{-(1-d)/d}",
            4_000,
            c => PitmanYorTheorems.ForGrid(c, (p, i) =>
            {
                const int n = 60;
                int[] grid = [1, 5, 10];
                // The replicate (posterior uncovered mass) is skewed: for d = 0 and C = 10 its excess over the floor theta/(theta+n)
                // comes from the rare worlds with K_60 > 10, which few replicates miss, so that the sample understates both the
                // mean and its spread. Its variance has no closed form here: 8 R replicates (60 draws each, cheap) keep the
                // sample standard error honest.
                CapacitySample sample = FirstAppearanceLearner.Simulate(p, n, grid, (int)Math.Min(int.MaxValue, 8L * c.Replicates), Seed(c, 10 + i), cancellationToken: c.CancellationToken);
                var checks = new List<TheoremCheck>
                {
                    PitmanYorTheorems.Exact("C > n: uncovered = unseen mass (theta+d)_n/(theta+1)_n", NewProbability.Exact(p, 12), FirstAppearanceLearner.UncoveredExact(p, 12, 13)),
                };
                checks.AddRange(grid.Select((cap, g) => TheoremCheck.StatisticalCheck(Invariant($"E[U_60({cap})]"), FirstAppearanceLearner.UncoveredExact(p, n, cap).ToDouble(), sample.Uncovered[g])));
                if (!p.IsDirichlet)
                {
                    double[] caps = [10, 100, 1_000];
                    SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(p);
                    ScalingLaw law = ModelScaling.Law(model);
                    double cost = MissCost.FromModel(model).Total;
                    checks.Add(PitmanYorTheorems.Exact("model exponent (1-d)/d", (1 - p.Discount) / p.Discount, law.Leading.ExactExponent ?? Rational.Zero));
                    checks.Add(TheoremCheck.AsymptoticCheck("law B C^-(1-d)/d / (miss cost x T(C))", caps, [.. caps.Select(x => law.Evaluate(x) / (cost * UncoveredMass.Approximate(p, x)))], x => 1 / x));
                }

                return checks;
            }));

        yield return Theorem.Create(
            "capacity.top-c", "7", "Capacity: the C most frequent entities",
            "The best C-entity learner stores the C largest weights; its expected uncovered mass is a one-dimensional Poisson-Kingman integral, asymptotically R(d) K_T C^{-(1-d)/d} with R(d) = 1/((1-d) Gamma(1-d)^{1/d}) (same exponent as first appearance, smaller constant; e^-gamma (theta/(theta+1))^C for d = 0). Ranked stick-breaking with an exact stopping rule reproduces it.",
            "E[sum_{k>C} P_(k)] ~ R(d) Gamma((theta+1)/d)/Gamma(1+theta/d) C^{-(1-d)/d}; R(1/2) = 2/pi",
            2_000,
            c =>
            {
                var checks = new List<TheoremCheck>();
                PitmanYorParameters[] grid = [Half, PitmanYorParameters.Create(0, 2), PitmanYorParameters.Create(new Rational(1, 2), new Rational(-1, 4))];
                int[] caps = [1, 3, 10];
                for (int i = 0; i < grid.Length; i++)
                {
                    PitmanYorParameters p = grid[i];
                    string label = PitmanYorTheorems.Label(p) + ": ";
                    TopFrequencySample sample = TopFrequencyLearner.Simulate(p, caps, c.Replicates, Seed(c, 20 + i), cancellationToken: c.CancellationToken);
                    checks.Add(TheoremCheck.ExactCheck(label + "every replicate's truncation is provably exact", c.Replicates.ToString(CultureInfo.InvariantCulture), sample.ExactReplicates.ToString(CultureInfo.InvariantCulture), sample.ExactReplicates == c.Replicates));
                    checks.AddRange(caps.Select((cap, g) => TheoremCheck.StatisticalCheck(label + Invariant($"E[U_top({cap})] (integral)"), TopFrequencyLearner.UncoveredApproximate(p, cap), sample.TopFrequency[g])));
                    checks.Add(PitmanYorTheorems.UncoveredMassCheck(label + "first appearance on the same worlds: T(10)", p, 10, sample.FirstAppearance[2]));
                    double[] big = [10, 100, 1_000];
                    Func<double, double> rate = p.IsDirichlet ? x => 1 / (x * x) : x => 1 / x;
                    double[] dirichletCaps = [5, 15, 30];
                    double[] axis = p.IsDirichlet ? dirichletCaps : big;
                    checks.Add(TheoremCheck.AsymptoticCheck(label + "integral / asymptotic law", axis, [.. axis.Select(x => TopFrequencyLearner.UncoveredApproximate(p, (int)x) / TopFrequencyLearner.UncoveredAsymptotic(p, x))], rate));
                    if (!p.IsDirichlet)
                    {
                        checks.Add(TheoremCheck.AsymptoticCheck(label + "integral / (R(d) T(C)), rate 1/C^2", big, [.. big.Select(x => TopFrequencyLearner.UncoveredApproximate(p, (int)x) / TopFrequencyLearner.UncoveredFromFirstAppearance(p, (int)x))], x => 1 / (x * x)));
                    }

                    c.Progress?.Report((i + 1.0) / grid.Length);
                }

                checks.Add(Close("R(1/2) = 2/pi", 2 / Math.PI, TopFrequencyLearner.RatioToFirstAppearance(Half), 1e-14));
                return checks;
            });

        yield return Theorem.Create(
            "capacity.streaming", "7", "Capacity: the C highest running counts",
            "A streaming learner that keeps the C entities with the highest counts so far has expected uncovered mass 1 - E[sum of the C largest (n_k - d)]/(theta + n), exact by enumerating block-size profiles with the EPPF; with no capacity limit it is the unseen mass, with a count threshold r the acquisition tail, and it never beats the top-C oracle.",
            "E[U_n(C)] = 1 - sum_lambda n!/(prod lambda_i! prod a_m!) EPPF(lambda) (sum_{i<=C} (lambda_i - d))/(theta + n)",
            4_000,
            c =>
            {
                var checks = new List<TheoremCheck>();
                const int n = 25;
                int[] caps = [1, 3, int.MaxValue];
                foreach ((PitmanYorParameters p, int i) in PitmanYorTheorems.Grid.Select((p, i) => (p, i)))
                {
                    string label = PitmanYorTheorems.Label(p) + ": ";
                    CapacitySample sample = StreamingLearner.Simulate(p, n, caps, c.Replicates, Seed(c, 30 + i), cancellationToken: c.CancellationToken);
                    checks.AddRange(caps.Select((cap, g) => TheoremCheck.StatisticalCheck(label + Invariant($"E[U_25({(cap == int.MaxValue ? "inf" : cap.ToString(CultureInfo.InvariantCulture))})]"), StreamingLearner.UncoveredExact(p, n, cap).ToDouble(), sample.Uncovered[g])));
                    checks.Add(PitmanYorTheorems.Exact(label + "no capacity limit: unseen mass", NewProbability.Exact(p, n), StreamingLearner.UncoveredExact(p, n, n)));
                    checks.Add(PitmanYorTheorems.Exact(label + "no capacity limit, r = 2: 1 - acquired mass", Rational.One - AcquiredMass.Exact(p, n, 2), StreamingLearner.UncoveredExact(p, n, n, 2)));
                    Rational[] path = [.. PathSizes.Select(m => StreamingLearner.UncoveredExact(p, m, 3))];
                    checks.Add(TheoremCheck.ExactCheck(label + "E[U_n(3)] decreases in n (n = 10, 20, 30)", "decreasing", string.Join(" > ", path.Select(x => x.ToDouble().ToString("G6", CultureInfo.InvariantCulture))), path[0] > path[1] && path[1] > path[2]));
                    c.Progress?.Report((i + 1.0) / (PitmanYorTheorems.Grid.Length + 1));
                }

                CapacitySample large = StreamingLearner.Simulate(Half, 1_000, [3], Math.Max(2, c.Replicates / 8), Seed(c, 39), cancellationToken: c.CancellationToken);
                checks.Add(AtLeast("d=1/2, theta=1: E[U_1000(3)] >= E[U_top(3)] (the oracle is optimal)", TopFrequencyLearner.UncoveredApproximate(Half, 3), large.Uncovered[0]));
                return checks;
            });

        yield return Theorem.Create(
            "capacity.mdl", "7", "Capacity: the MDL (two-part code) learner",
            "A learner that stores an entity once its count n_k reaches r = ceil(storage cost / miss cost) minimises the two-part code length; its expected uncovered mass is E[P(Bin(n, W) < r)] and its expected size sum_{m>=r} E[K_{n,m}], both exact, so loss against size follows the model law with exponent (1-d)/d.",
            "U_n = 1 - E[P(Bin(n,W) >= r)] ~ c (2-d)_{r-1}/(r-1)! n^{-(1-d)}; C_n = sum_{m>=r} E[K_{n,m}] ~ (c/d)(1-d)_{r-1}/(r-1)! n^d",
            4_000,
            c =>
            {
                var checks = new List<TheoremCheck>
                {
                    TheoremCheck.ExactCheck("threshold: storage 5, miss 2 -> r = 3; storage 4, miss 2 -> r = 2 (ties store)", "3, 2", Invariant($"{MdlLearner.Threshold(5, 2)}, {MdlLearner.Threshold(4, 2)}"), MdlLearner.Threshold(5, 2) == 3 && MdlLearner.Threshold(4, 2) == 2),
                };
                foreach ((PitmanYorParameters p, int i) in PitmanYorTheorems.Grid.Select((p, i) => (p, i)))
                {
                    string label = PitmanYorTheorems.Label(p) + ": ";
                    const int n = 200;
                    MdlSample sample = MdlLearner.Simulate(p, n, 2, c.Replicates, Seed(c, 40 + i), cancellationToken: c.CancellationToken);
                    checks.Add(TheoremCheck.StatisticalCheck(label + "E[U_200], r = 2", MdlLearner.UncoveredExact(p, n, 2).ToDouble(), sample.Uncovered));
                    checks.Add(TheoremCheck.StatisticalCheck(label + "E[C_200], r = 2", MdlLearner.StoredExact(p, n, 2).ToDouble(), sample.Stored));
                    checks.Add(PitmanYorTheorems.Exact(label + "r = 1 stores every seen entity: C_n = E[K_n]", ExpectedDistinct.Exact(p, 50), MdlLearner.StoredExact(p, 50, 1)));
                    checks.Add(PitmanYorTheorems.Exact(label + "r = 1: U_n = unseen mass", NewProbability.Exact(p, 50), MdlLearner.UncoveredExact(p, 50, 1)));
                }

                double[] grid = [100, 1_000, 10_000];
                double power = ModelScaling.Exponent(Half).ToDouble();
                checks.Add(TheoremCheck.AsymptoticCheck("d=1/2: U_n exact / asymptotic (r = 2)", grid, [.. grid.Select(x => MdlLearner.UncoveredExact(Half, (int)x, 2).ToDouble() / MdlLearner.UncoveredAsymptotic(Half, x, 2))], x => 1 / x));
                checks.Add(TheoremCheck.AsymptoticCheck("d=1/2: C_n exact / asymptotic (r = 2)", grid, [.. grid.Select(x => MdlLearner.StoredExact(Half, (int)x, 2).ToDouble() / MdlLearner.StoredAsymptotic(Half, x, 2))], x => Math.Pow(x, -0.5)));
                checks.Add(TheoremCheck.AsymptoticCheck("d=1/2: U_n / (B'_2 C_n^-(1-d)/d) (curve of expectations)", grid, [.. grid.Select(x => MdlLearner.UncoveredExact(Half, (int)x, 2).ToDouble() / (MdlLearner.CurveConstant(Half, 2) * Math.Pow(MdlLearner.StoredExact(Half, (int)x, 2).ToDouble(), -power)))], x => Math.Pow(x, -0.5)));
                checks.Add(Close("r = 1: per-world constant = K_T (first appearance)", FirstAppearanceLearner.Constant(Half), MdlLearner.Constant(Half, 1), 1e-14));
                double[] thresholds = [10, 100, 1_000];
                checks.Add(TheoremCheck.AsymptoticCheck("d=1/2: per-world constant B_r / top-C constant as r grows", thresholds, [.. thresholds.Select(r => MdlLearner.Constant(Half, (int)r) / TopFrequencyLearner.Constant(Half))], r => 1 / r));
                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "laws.model-exponent", "7", "Model scaling exponent (1 - d)/d",
            "The uncovered mass of a capacity-C learner decays as C^{-(1-d)/d}: the exponent is the exact rational (1-d)/d (d = 1/3 gives 2), the local log-log slope of T(C) tends to it, and for d = 0 the decay is geometric with the exact rate theta/(theta+1).",
            "T(C) ~ K_T C^{-(1-d)/d}; d = 0: T(C) = (theta/(theta+1))^C",
            4_000,
            c =>
            {
                var checks = new List<TheoremCheck>();
                foreach ((Rational d, Rational expected) in new[] { (new Rational(1, 3), (Rational)2), (new Rational(1, 2), Rational.One), (new Rational(3, 4), new Rational(1, 3)) })
                {
                    PitmanYorParameters p = PitmanYorParameters.Create(d, 1);
                    checks.Add(PitmanYorTheorems.Exact(Invariant($"d = {d}: (1-d)/d"), expected, ModelScaling.Exponent(p)));
                    checks.Add(PitmanYorTheorems.Exact(Invariant($"d = {d}: decay exponent"), expected, ModelScaling.Decay(p).Exponent ?? Rational.Zero));
                    double[] caps = [10, 100, 1_000];
                    double Slope(double x) => Math.Log(UncoveredMass.Approximate(p, x * 1.1) / UncoveredMass.Approximate(p, x)) / Math.Log(1.1);
                    checks.Add(TheoremCheck.AsymptoticCheck(Invariant($"d = {d}: slope of T(C) / -(1-d)/d"), caps, [.. caps.Select(x => Slope(x) / -expected.ToDouble())], x => 1 / x));
                }

                PitmanYorParameters dirichlet = PitmanYorParameters.Create(0, 2);
                CapacityDecay decay = ModelScaling.Decay(dirichlet);
                checks.Add(TheoremCheck.ExactCheck("d = 0: decay is geometric", "Geometric", decay.Kind.ToString(), decay.Kind == DecayKind.Geometric && decay.Exponent is null));
                checks.Add(PitmanYorTheorems.Exact("d = 0: T(7) = (2/3)^7", Rational.Pow(decay.Rate ?? Rational.Zero, 7), UncoveredMass.Exact(dirichlet, 7)));
                double[] small = [0.1, 0.01, 0.001];
                checks.Add(TheoremCheck.AsymptoticCheck("R(d) -> e^-gamma as d -> 0", [.. small.Select(x => 1 / x)], [.. small.Select(x => TopFrequencyLearner.RatioToFirstAppearance(PitmanYorParameters.Create(Rational.FromDouble(x), 1)) / Math.Exp(-Constants.EulerMascheroni))], x => 1 / x));
                UncoveredMassSample sample = c.Backend.SimulateUncoveredMass(Half, 50, c.Replicates, Seed(c, 50), cancellationToken: c.CancellationToken);
                checks.Add(PitmanYorTheorems.UncoveredMassCheck("d=1/2: T(50) (law's exact value) by stick-breaking", Half, 50, sample.Summary));
                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "laws.compute-optimal", "7", "Compute-optimal split of data and capacity",
            "Minimising A N^{-(1-d)} + B C^{-(1-d)/d} at compute F = k N C gives N* ~ F^{1/(1+d)}, C* ~ F^{d/(1+d)} and loss ~ F^{-(1-d)/(1+d)}, with exact rational exponents (d = 1/3: 3/4, 1/4, 1/2) derived from the two law exponents; at the optimum the capacity term is d times the data term. A from the data law's knowledge terms, B from the model law.",
            "N* = (dA/B)^{d/((1-d)(1+d))} (F/k)^{1/(1+d)}, C* = F/(k N*), L* = (1+d) A^{1/(1+d)} (B/d)^{d/(1+d)} (F/k)^{-(1-d)/(1+d)}",
            2_000,
            c =>
            {
                var checks = new List<TheoremCheck>();
                foreach ((Rational d, Rational[] expected) in new[] { (new Rational(1, 3), new Rational[] { new(3, 4), new(1, 4), new(1, 2) }), (new Rational(1, 2), new Rational[] { new(2, 3), new(1, 3), new(1, 3) }) })
                {
                    SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(d, 1));
                    ComputeOptimalSplit split = ComputeOptimal.Split(model, computePerUnit: 6);
                    string label = Invariant($"d = {d}: ");
                    checks.Add(TheoremCheck.ExactCheck(label + "exponents of N*, C*, loss", string.Join(", ", expected.Select(e => e.ToString())), Invariant($"{split.DataExponent}, {split.CapacityExponent}, {split.LossExponent}"),
                        split.DataExponent == expected[0] && split.CapacityExponent == expected[1] && split.LossExponent == expected[2] && split.DataExponent + split.CapacityExponent == 1));
                    const double compute = 1e12;
                    double n = split.Data(compute), cap = split.Capacity(compute);
                    checks.Add(Close(label + "k N* C* = F", compute, 6 * n * cap, 1e-12));
                    double dataTerm = split.DataConstant * Math.Pow(n, -(1 - d.ToDouble())), capacityTerm = split.CapacityConstant * Math.Pow(cap, -((1 - d) / d).ToDouble());
                    checks.Add(Close(label + "capacity term = d x data term at the optimum", d.ToDouble() * dataTerm, capacityTerm, 1e-12));
                    checks.Add(Close(label + "loss prefactor = sum of the terms", dataTerm + capacityTerm, split.Loss(compute), 1e-12));
                    double numeric = GoldenMinimum(logC => (split.DataConstant * Math.Pow(compute / (6 * Math.Exp(logC)), -(1 - d.ToDouble()))) + (split.CapacityConstant * Math.Exp(-logC * ((1 - d) / d).ToDouble())), 0, Math.Log(compute));
                    checks.Add(Close(label + "closed form = numerical minimum on the iso-compute curve", Math.Log(cap), numeric, 1e-6));
                }

                // d = 0: geometric capacity term; the closed-form C* is a stationary point of A k C/F + B q^C.
                PitmanYorParameters dirichlet = PitmanYorParameters.Create(0, 2);
                ComputeOptimum optimum = ComputeOptimal.Optimum(dirichlet, 3, 50, 1e6);
                double Loss(double cap) => (3 * cap / 1e6) + (50 * Math.Pow(2.0 / 3, cap));
                checks.Add(TheoremCheck.ExactCheck("d = 0: C* = ln(F B ln(1/q)/(A k))/ln(1/q) minimises the loss", "minimum", Invariant($"C* = {optimum.Capacity:G8}"),
                    Loss(optimum.Capacity) <= Loss(optimum.Capacity * 0.99) && Loss(optimum.Capacity) <= Loss(optimum.Capacity * 1.01) && Math.Abs(Loss(optimum.Capacity) - optimum.Loss) <= 1e-12 * optimum.Loss));

                // Monte Carlo: the first-appearance learner at a compute-optimal (N*, C*) for d = 1/2 has the exact uncovered mass.
                SyntaxKnowledgeModel half = SyntaxKnowledgeModel.Biographies(Half);
                ComputeOptimalSplit first = ComputeOptimal.Split(half, CapacityLearner.FirstAppearance);
                double f = Math.Pow(300 / first.DataPrefactor, 1 + Half.DiscountValue);
                int sentences = (int)Math.Round(first.Data(f)), stored = Math.Max(1, (int)Math.Round(first.Capacity(f)));
                CapacitySample sample = FirstAppearanceLearner.Simulate(Half, sentences, [stored], c.Replicates, Seed(c, 60), cancellationToken: c.CancellationToken);
                checks.Add(TheoremCheck.StatisticalCheck(Invariant($"d=1/2: first-appearance learner at the optimum (N* = {sentences}, C* = {stored})"), FirstAppearanceLearner.UncoveredExact(Half, sentences, stored).ToDouble(), sample.Uncovered[0]));
                double[] computes = [1e6, 1e9, 1e12];
                double cost = MissCost.FromModel(half).Total;
                checks.Add(TheoremCheck.AsymptoticCheck("d=1/2: capacity term B C*^-(1-d)/d / exact miss cost x T(C*) as F grows", computes,
                    [.. computes.Select(x => first.CapacityConstant * Math.Pow(first.Capacity(x), -1) / (cost * UncoveredMass.Approximate(Half, first.Capacity(x))))], x => Math.Pow(x, -1.0 / 3)));
                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "acquisition.curve", "8", "Knowledge acquisition curve",
            "After n draws the expected acquired mass (entities seen at least r times) is the Beta-binomial tail E[P(Bin(n, W) >= r)], exactly 1 - (theta+d)_n/(theta+1)_n for r = 1; by weight bucket, the expected number of acquired entities is the integral of P(Bin(n, x) >= r) against the entity intensity Gamma(theta+1)/(Gamma(1-d)Gamma(theta+d)) x^{-1-d}(1-x)^{theta+d-1}.",
            "E[acquired mass] = E[P(Bin(n,W) >= r)]; E[#acquired in [a,b)] = int_a^b P(Bin(n,x) >= r) nu(dx)",
            1_500,
            c =>
            {
                var checks = new List<TheoremCheck>();
                foreach ((PitmanYorParameters p, int i) in PitmanYorTheorems.Grid.Select((p, i) => (p, i)))
                {
                    string label = PitmanYorTheorems.Label(p) + ": ";
                    AcquisitionPoint point = Acquisition.Curve(p, [40], 1)[0];
                    checks.Add(PitmanYorTheorems.Exact(label + "r = 1: mass = 1 - unseen mass", Rational.One - NewProbability.Exact(p, 40), point.Mass));
                    checks.Add(PitmanYorTheorems.Exact(label + "r = 1: acquired entities = E[K_n]", ExpectedDistinct.Exact(p, 40), point.Entities));
                    CapacitySample sample = StreamingLearner.Simulate(p, 100, [int.MaxValue], c.Replicates, Seed(c, 70 + i), exposures: 2, cancellationToken: c.CancellationToken);
                    checks.Add(TheoremCheck.StatisticalCheck(label + "unacquired mass, n = 100, r = 2", 1 - AcquiredMass.Exact(p, 100, 2).ToDouble(), sample.Uncovered[0]));
                }

                double whole = Acquisition.Bucket(Half, 1e-12, 1, 100, 2).AcquiredMass;
                checks.Add(Close("d=1/2: bucket integral over (1e-12, 1] = exact acquired mass (n = 100, r = 2)", AcquiredMass.Exact(Half, 100, 2).ToDouble(), whole, 1e-8));
                (double, double)[] buckets = [(1e-2, 1e-1), (1e-1, 1)];
                ImmutableArray<BucketSample> simulated = Acquisition.SimulateBuckets(Half, buckets, 100, 2, c.Replicates, Seed(c, 75), cancellationToken: c.CancellationToken);
                foreach (BucketSample s in simulated)
                {
                    AcquisitionBucket exact = Acquisition.Bucket(Half, s.Lower, s.Upper, 100, 2);
                    string bucket = Invariant($"d=1/2, bucket [{s.Lower:G2}, {s.Upper:G2}): ");
                    checks.Add(TheoremCheck.StatisticalCheck(bucket + "E[#entities]", exact.Entities, s.Entities));
                    checks.Add(TheoremCheck.StatisticalCheck(bucket + "E[#acquired], n = 100, r = 2", exact.Acquired, s.Acquired));
                }

                double[] grid = [100, 1_000, 10_000];
                checks.Add(TheoremCheck.AsymptoticCheck("d=1/2: unacquired mass exact / asymptotic (r = 3)", grid, [.. grid.Select(x => (1 - AcquiredMass.Exact(Half, (int)x, 3).ToDouble()) / AcquiredMass.UnacquiredAsymptotic(Half, x, 3))], x => 1 / x));
                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "acquisition.order", "8", "Knowledge is acquired in order of frequency",
            "P(Bin(n, p) >= r) is strictly increasing in p; of two entities the more frequent reaches r exposures first with probability P(Bin(2r-1, p1/(p1+p2)) >= r) > 1/2, exactly 1/2 for equal weights; in simulated Pitman-Yor worlds the top entities are acquired in frequency order more often than not, as the race formula predicts.",
            "P(tau_1 < tau_2) = P(Bin(2r-1, p1/(p1+p2)) >= r)",
            1_000,
            c =>
            {
                var checks = new List<TheoremCheck>
                {
                    PitmanYorTheorems.Exact("equal weights: order probability 1/2", Rational.Half, Acquisition.OrderProbabilityExact(new Rational(1, 10), new Rational(1, 10), 3)),
                    PitmanYorTheorems.Exact("p1 = 1/5, p2 = 1/10, r = 3: P(Bin(5, 2/3) >= 3) = 64/81", new Rational(64, 81), Acquisition.OrderProbabilityExact(new Rational(1, 5), new Rational(1, 10), 3)),
                };
                Rational[] tail = [.. Enumerable.Range(0, 21).Select(k => Acquisition.ProbabilityExact(new Rational(k, 20), 30, 3))];
                checks.Add(TheoremCheck.ExactCheck("P(Bin(30, k/20) >= 3) strictly increasing in k", "increasing", "increasing on k = 0..20", tail.Zip(tail.Skip(1)).All(t => t.First < t.Second)));

                OrderSample order = Acquisition.SimulateOrder(Half, 8, 3, c.Replicates, Seed(c, 80), cancellationToken: c.CancellationToken);
                checks.Add(TheoremCheck.StatisticalCheck("d=1/2: concordance - race formula (top 8, r = 3)", 0, order.Difference));
                checks.Add(Above("d=1/2: pairs acquired in frequency order > 1/2", 0.5, order.Concordance));

                double[] weights = [.. Zipf(10)];
                ImmutableArray<MonteCarloEstimate> stored = Acquisition.SimulateStored(weights, 60, 2, int.MaxValue, c.Replicates, Seed(c, 81), c.CancellationToken);
                foreach (int k in ZipfRanks)
                {
                    checks.Add(TheoremCheck.BinomialCheck(Invariant($"Zipf(10): P(rank {k + 1} acquired), n = 60, r = 2"), Acquisition.Probability(weights[k], 60, 2), stored[k]));
                }

                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "acquisition.threshold", "8", "Frequency threshold of acquisition",
            "The weight acquired with probability 1/2 after n draws falls like m_r/n (m_r the median of Gamma(r, 1), about r - 1/3); a learner that can store only C entities cannot acquire below the C-th ranked weight, a floor reached after about m_r/E[P_(C)] ~ C^{1/d} draws.",
            "P(Bin(n, p*) >= r) = 1/2, n p* -> m_r; with capacity: threshold = max(p*, E[P_(C)])",
            2_000,
            c =>
            {
                var checks = new List<TheoremCheck>();
                double threshold = Acquisition.Threshold(100, 3);
                checks.Add(Close("P(Bin(100, p*) >= 3) = 1/2", 0.5, Acquisition.Probability(threshold, 100, 3), 1e-12));
                double[] grid = [100, 1_000, 10_000];
                checks.Add(TheoremCheck.AsymptoticCheck("n p*(n) / m_r (r = 3)", grid, [.. grid.Select(x => Acquisition.Threshold((int)x, 3) / Acquisition.ThresholdAsymptotic(x, 3))], x => 1 / x));
                double[] caps = [10, 100, 1_000];
                double median = SpecialFunctions.GammaLowerRegularizedInv(1, 0.5);
                checks.Add(TheoremCheck.AsymptoticCheck("d=1/2: crossover n_C / (m_1 / asymptotic E[P_(C)]) ~ C^{1/d}", caps, [.. caps.Select(x => Acquisition.CapacityCrossover(Half, 1, (int)x) / (median / TopFrequencyLearner.RankedWeightAsymptotic(Half, x)))], x => 1 / x));

                // A Zipf world with capacity 3: after enough data the unlimited learner acquires rank 4 almost surely, the
                // capacity-3 learner almost never; rank 3 it keeps.
                double[] weights = [.. Zipf(10)];
                const int n = 300;
                double unlimited = Acquisition.Probability(weights[3], n, 2);
                checks.Add(TheoremCheck.ExactCheck("Zipf(10), n = 300: without capacity rank 4 is acquired with probability > 0.99", "> 0.99", unlimited.ToString("G6", CultureInfo.InvariantCulture), unlimited > 0.99));
                ImmutableArray<MonteCarloEstimate> stored = Acquisition.SimulateStored(weights, n, 2, 3, c.Replicates, Seed(c, 90), c.CancellationToken);
                checks.Add(Frequency("capacity 3: rank 3 stored with probability > 1/2", 0.5, stored[2], above: true));
                checks.Add(Frequency("capacity 3: rank 4 stored with probability < 1/2 (the floor binds)", 0.5, stored[3], above: false));
                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "hallucination.rates", "10", "Hallucination rates of sampled and greedy decoding",
            "A model that has not stored the queried fact emits a value from the base H_j: it hallucinates at uncovered mass x (1 - sum_v H_j(v)^2) when sampling and x (1 - max_v H_j(v)) when greedy. With data n the uncovered mass is sum_j E[rho_j (1 - rho_j W)^n] (exact); with capacity C and unlimited data it is the learner's uncovered mass (T(C) for first appearance).",
            "rate = U x mean_j (1 - sum_v H_j(v)^2) [sampling], U x mean_j (1 - max_v H_j(v)) [greedy]; U(n) = J sum_i C(n,i)(-1)^i (a_J)_{i+1}/(J a_J)_{i+1} (1-d)_i/(1+theta)_i",
            2_000,
            c =>
            {
                var checks = new List<TheoremCheck>();
                SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(Half);
                HallucinationFactor field = Hallucination.Factors(model).Single(f => f.Attribute == "field");
                checks.Add(PitmanYorTheorems.Exact("uniform base over 40 values: 1 - sum H^2 = 1 - max H = 39/40", new Rational(39, 40), field.Sampling));
                checks.Add(PitmanYorTheorems.Exact("explicit distribution (1/2, 1/4, 1/4): sampling factor 5/8", new Rational(5, 8), Hallucination.SamplingFactor([Rational.Half, new Rational(1, 4), new Rational(1, 4)])));
                checks.Add(PitmanYorTheorems.Exact("explicit distribution (1/2, 1/4, 1/4): greedy factor 1/2", Rational.Half, Hallucination.GreedyFactor([Rational.Half, new Rational(1, 4), new Rational(1, 4)])));
                const int n = 20;
                HallucinationSample uniform = Hallucination.Simulate(model, n, c.Replicates, Seed(c, 100), cancellationToken: c.CancellationToken);
                HallucinationRates rates = Hallucination.Rates(model, n);
                checks.Add(TheoremCheck.StatisticalCheck("uniform bases, n = 20: uncovered query mass", rates.Uncovered, uniform.Uncovered));
                checks.Add(TheoremCheck.StatisticalCheck("uniform bases, n = 20: sampled hallucination", rates.Sampling, uniform.Sampling));
                checks.Add(TheoremCheck.StatisticalCheck("uniform bases, n = 20: greedy hallucination", rates.Greedy, uniform.Greedy));
                SyntaxKnowledgeModel skewed = model.WithAttributes(SkewedAttributes).WithValuePrior(ValuePrior.Dirichlet(new Rational(1, 2)));
                HallucinationSample dirichlet = Hallucination.Simulate(skewed, n, c.Replicates, Seed(c, 101), cancellationToken: c.CancellationToken);
                HallucinationRates skewedRates = Hallucination.Rates(skewed, n);
                checks.Add(TheoremCheck.StatisticalCheck("Dirichlet(1/2) bases (university, field), n = 20: sampled hallucination", skewedRates.Sampling, dirichlet.Sampling));
                checks.Add(TheoremCheck.StatisticalCheck("Dirichlet(1/2) bases (university, field), n = 20: greedy hallucination", skewedRates.Greedy, dirichlet.Greedy));
                HallucinationSample capacity = Hallucination.SimulateCapacity(skewed, 5, c.Replicates, Seed(c, 102), cancellationToken: c.CancellationToken);
                HallucinationRates capacityRates = Hallucination.RatesAtCapacity(skewed, CapacityLearner.FirstAppearance, 5);
                checks.Add(TheoremCheck.StatisticalCheck("capacity 5, unlimited data: sampled hallucination = T(5) x factor", capacityRates.Sampling, capacity.Sampling));
                checks.Add(TheoremCheck.StatisticalCheck("capacity 5, unlimited data: greedy hallucination", capacityRates.Greedy, capacity.Greedy));
                double[] grid = [30, 300, 3_000];
                checks.Add(TheoremCheck.AsymptoticCheck("uncovered query mass exact / asymptotic", grid, [.. grid.Select(x => Hallucination.UncoveredQueryMassExact(model, (int)x).ToDouble() / Hallucination.UncoveredQueryMassAsymptotic(model, x))], x => Math.Pow(x, -Half.DiscountValue)));
                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "hallucination.good-turing", "10", "Hallucination and the Good-Turing monofact rate",
            "The expected fraction of facts seen exactly once in n+1 sentences equals the uncovered query mass after n sentences, exactly; so a calibrated predictor hallucinates at the monofact rate x (1 - sum H^2) (Kalai and Vempala 2024, with equality here). Both sides are computed by independent exact routes (block counts vs. an alternating sum).",
            "E[MF(n+1)] = U(n); sampled hallucination(n) = E[MF(n+1)] x mean_j(1 - sum_v H_j(v)^2)",
            2_000,
            c =>
            {
                var checks = new List<TheoremCheck>();
                foreach (PitmanYorParameters p in PitmanYorTheorems.Grid)
                {
                    SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(p);
                    string label = PitmanYorTheorems.Label(p) + ": ";
                    foreach (int n in MonofactSizes)
                    {
                        checks.Add(PitmanYorTheorems.Exact(label + Invariant($"E[MF({n + 1})] = U({n})"), Hallucination.UncoveredQueryMassExact(model, n), Hallucination.MonofactRateExact(model, n + 1)));
                    }

                    ImmutableArray<HallucinationFactor> factors = Hallucination.Factors(model);
                    Rational calibrated = Hallucination.MonofactRateExact(model, 31) * Rational.Sum(factors.Select(f => f.Sampling)) / factors.Length;
                    checks.Add(PitmanYorTheorems.Exact(label + "sampled hallucination(30) = E[MF(31)] x mean factor", calibrated, Hallucination.SamplingRateExact(model, 30)));
                }

                SyntaxKnowledgeModel tiny = SyntaxKnowledgeModel.Tiny(Half);
                checks.Add(PitmanYorTheorems.Exact("tiny model (J = 2): E[MF(4)] = U(3)", Hallucination.UncoveredQueryMassExact(tiny, 3), Hallucination.MonofactRateExact(tiny, 4)));
                SyntaxKnowledgeModel bio = SyntaxKnowledgeModel.Biographies(Half);
                HallucinationSample sample = Hallucination.Simulate(bio, 30, c.Replicates, Seed(c, 110), cancellationToken: c.CancellationToken);
                checks.Add(TheoremCheck.StatisticalCheck("d=1/2: simulated monofact rate of 31 sentences vs U(30)", Hallucination.UncoveredQueryMassExact(bio, 30).ToDouble(), sample.Monofact));
                checks.Add(TheoremCheck.StatisticalCheck("d=1/2: simulated sampled hallucination vs E[MF(31)] x factor", Hallucination.SamplingRateExact(bio, 30).ToDouble(), sample.Sampling));
                double[] grid = [10, 100, 300];
                checks.Add(TheoremCheck.AsymptoticCheck("d=1/2: Good-Turing bias E[MF(n)]/U(n) = U(n-1)/U(n) -> 1", grid, [.. grid.Select(x => Hallucination.MonofactRateExact(bio, (int)x).ToDouble() / Hallucination.UncoveredQueryMassExact(bio, (int)x).ToDouble())], x => 1 / x));
                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "hallucination.abstention", "10", "Abstention and the cost of never abstaining",
            "A model allowed to say 'unknown' would abstain exactly on the uncovered mass U (hallucination 0, abstention U). Log-loss (compression) never abstains: moving probability a to 'unknown' costs -U ln(1 - a) nats per query (infinite at a = 1), so the compression optimum guesses from the base, paying U x E[H(H_j)] nats and hallucinating at U x (1 - sum H^2).",
            "abstain a: hallucination U(1-a)f, abstention U a, extra log-loss -U ln(1-a); a = 0: log-loss U E[H(H_j)]",
            2_000,
            c =>
            {
                var checks = new List<TheoremCheck>();
                SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(Half);
                const int n = 25;
                HallucinationRates rates = Hallucination.Rates(model, n);
                AbstentionPoint full = Hallucination.Abstention(rates, 1), none = Hallucination.Abstention(rates, 0), half = Hallucination.Abstention(rates, 0.5);
                checks.Add(TheoremCheck.ExactCheck("a = 1: hallucination 0, abstention = U, extra log-loss infinite", Invariant($"0, {rates.Uncovered:R}, inf"), Invariant($"{full.Hallucination:R}, {full.Abstention:R}, {full.ExtraLogLoss}"),
                    full.Hallucination == 0 && full.Abstention == rates.Uncovered && double.IsPositiveInfinity(full.ExtraLogLoss)));
                checks.Add(TheoremCheck.ExactCheck("a = 0: no abstention, no extra log-loss, full hallucination", Invariant($"0, 0, {rates.Sampling:R}"), Invariant($"{none.Abstention:R}, {none.ExtraLogLoss:R}, {none.Hallucination:R}"),
                    none.Abstention == 0 && none.ExtraLogLoss == 0 && none.Hallucination == rates.Sampling));
                checks.Add(Close("a = 1/2: extra log-loss U ln 2", rates.Uncovered * Math.Log(2), half.ExtraLogLoss, 1e-15));
                HallucinationSample sample = Hallucination.Simulate(model, n, c.Replicates, Seed(c, 120), cancellationToken: c.CancellationToken);
                checks.Add(TheoremCheck.StatisticalCheck("abstaining model: abstention rate = U(25)", rates.Abstention, sample.Uncovered));
                checks.Add(TheoremCheck.StatisticalCheck("never-abstaining model: log-loss on uncovered queries = U E[H(H_j)]", rates.UncoveredLogLoss, sample.LogLoss));
                double[] grid = [30, 300, 3_000];
                double entropy = Hallucination.Factors(model).Average(f => f.Entropy);
                checks.Add(TheoremCheck.AsymptoticCheck("uncovered log-loss / (E[H] x asymptotic U)", grid, [.. grid.Select(x => Hallucination.Rates(model, (int)x).UncoveredLogLoss / (entropy * Hallucination.UncoveredQueryMassAsymptotic(model, x)))], x => Math.Pow(x, -Half.DiscountValue)));
                c.Progress?.Report(1);
                return checks;
            });
    }

    // Zipf weights 1/k^2 normalised, k = 1..m.
    private static IEnumerable<double> Zipf(int m)
    {
        double total = Enumerable.Range(1, m).Sum(k => 1.0 / (k * k));
        return Enumerable.Range(1, m).Select(k => 1.0 / (k * k) / total);
    }

    private static TheoremCheck Close(string name, double expected, double observed, double relative)
    {
        bool passed = Math.Abs(expected - observed) <= relative * Math.Max(1e-300, Math.Abs(expected));
        return new TheoremCheck(CheckKind.Exact, name, passed, expected.ToString("R", CultureInfo.InvariantCulture), observed.ToString("R", CultureInfo.InvariantCulture), double.NaN,
            passed ? Invariant($"equal to relative {relative:G2}") : "DIFFER");
    }

    // One-sided statistical check of a mean: the estimate must not lie more than Tolerance (5) standard errors below the bound (the
    // z-score is finite: a zero spread leaves the double rounding of the mean as its scale).
    private static TheoremCheck AtLeast(string name, double bound, MonteCarloEstimate estimate)
    {
        double rounding = estimate.Replicates * Math.ScaleB(1.0, -52) * Math.Max(1, Math.Abs(bound));
        double z = (estimate.Mean - bound) / (estimate.StandardError + (rounding / TheoremCheck.Tolerance));
        bool passed = z >= -TheoremCheck.Tolerance;
        return new TheoremCheck(CheckKind.Statistical, name, passed, ">= " + bound.ToString("G10", CultureInfo.InvariantCulture), estimate.ToString(), z,
            Invariant($"z = {z:F2} ({(passed ? "consistent" : "VIOLATED")}: one-sided, {TheoremCheck.Tolerance} standard errors, R = {estimate.Replicates})"));
    }

    // A strict one-sided claim about a mean: it must lie more than Tolerance standard errors above the bound.
    private static TheoremCheck Above(string name, double bound, MonteCarloEstimate estimate)
    {
        double rounding = estimate.Replicates * Math.ScaleB(1.0, -52) * Math.Max(1, Math.Abs(bound));
        double z = (estimate.Mean - bound) / (estimate.StandardError + (rounding / TheoremCheck.Tolerance));
        bool passed = z > TheoremCheck.Tolerance;
        return new TheoremCheck(CheckKind.Statistical, name, passed, "> " + bound.ToString("G10", CultureInfo.InvariantCulture), estimate.ToString(), z,
            Invariant($"z = {z:F2} ({(passed ? "above" : "NOT above")} by more than {TheoremCheck.Tolerance} standard errors, R = {estimate.Replicates})"));
    }

    // A strict one-sided claim about a probability, by the exact binomial test: the frequency of the event in R replicates
    // must reject p <= bound (above) or p >= bound (below) at the level Phi(-Tolerance); z is the deviate of that tail (finite).
    private static TheoremCheck Frequency(string name, double bound, MonteCarloEstimate indicators, bool above)
    {
        long successes = ExactTests.Total(indicators, nameof(indicators));
        (double lower, double upper) = ExactTests.BinomialTails(successes, indicators.Replicates, bound);
        double z = above ? ExactTests.OneSidedDeviate(upper) : -ExactTests.OneSidedDeviate(lower);
        bool passed = above ? z > TheoremCheck.Tolerance : z < -TheoremCheck.Tolerance;
        return new TheoremCheck(CheckKind.Statistical, name, passed, (above ? "> " : "< ") + bound.ToString("G10", CultureInfo.InvariantCulture), indicators.ToString(), z,
            Invariant($"z = {z:F2} ({(passed ? "beyond" : "NOT beyond")} the bound at the {TheoremCheck.Tolerance}-sigma level; {successes} of {indicators.Replicates}, exact binomial test: P({(above ? ">=" : "<=")} {successes} | p = {bound:G3}) = {(above ? upper : lower):G3})"));
    }

    // Golden-section search for the minimiser of a unimodal function on [low, high].
    private static double GoldenMinimum(Func<double, double> f, double low, double high)
    {
        double ratio = (Math.Sqrt(5) - 1) / 2;
        double a = low, b = high;
        for (int i = 0; i < 200 && b - a > 1e-12; i++)
        {
            double x1 = b - (ratio * (b - a)), x2 = a + (ratio * (b - a));
            if (f(x1) < f(x2))
            {
                b = x2;
            }
            else
            {
                a = x1;
            }
        }

        return (a + b) / 2;
    }
}
