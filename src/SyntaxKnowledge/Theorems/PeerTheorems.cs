using System.Globalization;
using SyntaxKnowledge.Laws.Peers;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Theorems;

/// <summary>Catalog entries for the peer theories: Hutter (2021), Michaud et al. (2023), Dębowski's Santa Fe process,
/// Chinchilla (Hoffmann et al. 2022; Besiroglu et al. 2024), and the exact parameter mapping between them and PY(d, θ).</summary>
internal static class PeerTheorems
{
    /// <summary>Chinchilla's and Gopher's training budget, 5.76e23 FLOPs (Hoffmann et al. 2022, Table 3 and §4).</summary>
    internal const double GopherBudget = 5.76e23;

    private static readonly int[] TrackedQuanta = [0, 3, 9];

    private static readonly Rational[] MappingGrid = [new(1, 5), new(1, 3), new(1, 2), new(2, 3), new(3, 4), new(9, 10)];

    private static ulong Seed(VerificationContext c, int salt) => CounterRandom.Create(c.Seed, (ulong)(2_000 + salt)).Key;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // Exact comparison; long rationals are shown as a double with the size of the exact value.
    private static TheoremCheck Exact(string name, Rational expected, Rational observed) =>
        TheoremCheck.ExactCheck(name, Show(expected), Show(observed), expected == observed);

    private static string Show(Rational value)
    {
        string text = value.ToString();
        return text.Length <= 40
            ? text
            : string.Create(CultureInfo.InvariantCulture, $"{value.ToDouble():G17} (exact, {value.Denominator.ToString(CultureInfo.InvariantCulture).Length}-digit denominator)");
    }

    // A published figure reproduced within a stated tolerance (the paper's rounding).
    private static TheoremCheck Published(string name, string published, double computed, bool passed, string tolerance) =>
        new(CheckKind.Exact, name, passed, published, computed.ToString("G6", CultureInfo.InvariantCulture), double.NaN,
            (passed ? "reproduced within " : "NOT reproduced within ") + tolerance);

    public static IEnumerable<Theorem> All()
    {
        yield return Theorem.Create(
            "peers.hutter", "6", "Hutter's learning curve: memorisation error",
            "Features drawn i.i.d. with probabilities theta_i, deterministic labels, a learner that memorises what it saw: its expected error after n samples is the unseen mass sum_i theta_i (1 - theta_i)^n (exact for rational theta), and for Zipf features theta_i ~ i^-(1+alpha) it decays as n^-(alpha/(1+alpha)) with a derived constant.",
            "E_n = sum_i theta_i (1 - theta_i)^n ~ Gamma(alpha/(1+alpha)) / ((1+alpha) zeta(1+alpha)^(1/(1+alpha))) n^-(alpha/(1+alpha))",
            4_000,
            c =>
            {
                var checks = new List<TheoremCheck>();
                FeatureFrequencies features = FeatureFrequencies.TruncatedZipf(30, 2);
                const int n = 40;
                Rational exact = MemorisationError.Exact(features, n);
                checks.Add(Exact("E_n = E[distinct after n+1] - E[distinct after n] (truncated Zipf, m = 30, s = 2, n = 40)", MemorisationError.ExpectedDistinct(features, n + 1) - MemorisationError.ExpectedDistinct(features, n), exact));
                checks.Add(TheoremCheck.StatisticalCheck("memorising learner, truncated Zipf (m = 30, s = 2), n = 40", exact.ToDouble(), MemorisationError.Simulate(features, n, c.Replicates, Seed(c, 1), c.CancellationToken)));
                c.Progress?.Report(0.3);
                ZipfLaw zipf = ZipfLaw.Create(2);
                checks.Add(TheoremCheck.StatisticalCheck("memorising learner, Zipf s = 2 (alpha = 1), n = 200", MemorisationError.Approximate(zipf, 200), MemorisationError.Simulate(zipf, 200, Math.Max(2, c.Replicates / 4), Seed(c, 2), c.CancellationToken)));
                c.Progress?.Report(0.6);
                foreach (Rational alpha in new[] { Rational.One, new Rational(1, 2), Rational.Parse("2") })
                {
                    HutterTheory theory = HutterTheory.Create(alpha);
                    checks.Add(Exact(Invariant($"alpha = {alpha}: data exponent = alpha/(1+alpha)"), alpha / (1 + alpha), theory.DataExponent.Exact ?? Rational.Zero));
                    double[] grid = [100, 1_000, 10_000, 100_000];
                    checks.Add(TheoremCheck.AsymptoticCheck(Invariant($"alpha = {alpha}: asymptotic/exact"), grid, [.. grid.Select(x => MemorisationError.Asymptotic(theory.Features, x) / MemorisationError.Approximate(theory.Features, x))], x => 1 / x));
                }

                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "peers.quantization", "7", "Quantization model: quanta learned in order of frequency",
            "Quanta used with Zipf frequencies p_k ~ k^-(alpha+1) are learned in order of frequency: from D samples a quantum is learned once seen tau times, so the unlearned mass is sum_k p_k P(Bin(D, p_k) < tau) ~ D^-(alpha/(alpha+1)); a model holding the n most frequent quanta leaves sum_{k>n} p_k ~ n^-alpha.",
            "L(N) - L_inf ~ N^-alpha / (alpha zeta(1+alpha)); L(D) - L_inf ~ beta zeta^-beta Gamma(1-beta) (2-beta)_(tau-1)/(tau-1)! D^-(alpha/(alpha+1)), beta = 1/(1+alpha)",
            4_000,
            c =>
            {
                var checks = new List<TheoremCheck>();
                FeatureFrequencies quanta = FeatureFrequencies.TruncatedZipf(25, 2);
                const int samples = 60, tau = 2;
                QuantaSample sample = QuantaLearning.Simulate(quanta, samples, tau, null, c.Replicates, Seed(c, 3), c.CancellationToken);
                checks.Add(TheoremCheck.StatisticalCheck("unlearned mass, truncated Zipf (m = 25, s = 2), D = 60, tau = 2", QuantaLearning.UnlearnedMassExact(quanta, samples, tau).ToDouble(), sample.UnlearnedMass));
                foreach (int k in TrackedQuanta)
                {
                    checks.Add(TheoremCheck.BinomialCheck(Invariant($"P(quantum {k + 1} learned)"), QuantaLearning.LearnedProbabilityExact(quanta, k, samples, tau).ToDouble(), sample.Learned[k]));
                }

                Rational[] order = [.. Enumerable.Range(0, quanta.Count).Select(k => QuantaLearning.LearnedProbabilityExact(quanta, k, samples, tau))];
                bool ordered = Enumerable.Range(1, order.Length - 1).All(k => order[k] < order[k - 1]);
                checks.Add(TheoremCheck.ExactCheck("learning probability strictly decreases with rank (frequency order)", "decreasing", ordered ? "decreasing" : "NOT decreasing", ordered));
                checks.Add(Exact("tau = 1: unlearned mass = Hutter's memorisation error", MemorisationError.Exact(quanta, samples), QuantaLearning.UnlearnedMassExact(quanta, samples, 1)));
                c.Progress?.Report(0.5);

                QuantizationTheory theory = QuantizationTheory.Create(Rational.One, tau);
                checks.Add(Exact("alpha = 1: parameter exponent = alpha", Rational.One, theory.ModelExponent?.Exact ?? Rational.Zero));
                checks.Add(Exact("alpha = 1: data exponent = alpha/(alpha+1)", Rational.Half, theory.DataExponent.Exact ?? Rational.Zero));
                checks.Add(Exact("alpha = 1: compute share of N = 1/(2+alpha)", new Rational(1, 3), theory.ComputeOptimal()?.ModelShare.Exact ?? Rational.Zero));
                double[] grid = [100, 1_000, 10_000, 100_000];
                checks.Add(TheoremCheck.AsymptoticCheck("model law: tail mass / asymptotic (alpha = 1)", grid, [.. grid.Select(x => theory.ModelLaw()!.Evaluate(x) / QuantaLearning.CapacityLimited(theory.Quanta, x))], x => 1 / x));
                checks.Add(TheoremCheck.AsymptoticCheck("data law: asymptotic / exact (alpha = 1, tau = 2)", grid, [.. grid.Select(x => theory.DataLaw().Evaluate(x) / QuantaLearning.UnlearnedMass(theory.Quanta, x, tau))], x => 1 / x));
                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "peers.santa-fe", "6", "Santa Fe process: Heaps' and Hilberg's laws",
            "In the Santa Fe process X_t = (K_t, Z_{K_t}) with K_t ~ Zipf(1/beta) i.i.d. and fixed random bits Z_k, the number of distinct pairs in n tokens (Heaps) and the mutual information between two adjacent blocks of n tokens (Hilberg) both grow as n^beta; the excess code length per token decays as n^-(1-beta).",
            "E[V_n] = sum_k 1 - (1 - p_k)^n ~ Gamma(1-beta) zeta(1/beta)^-beta n^beta; I_n = sum_k (1 - (1 - p_k)^n)^2 = 2 E[V_n] - E[V_2n] ~ (2 - 2^beta) E[V_n] bits",
            800,
            c =>
            {
                var checks = new List<TheoremCheck>();
                int done = 0;
                foreach (Rational beta in new[] { Rational.Half, new Rational(1, 3) })
                {
                    SantaFeTheory theory = SantaFeTheory.Create(beta);
                    ZipfLaw narration = theory.Narration;
                    const int n = 500;
                    SantaFeSample sample = SantaFeProcess.Simulate(narration, n, c.Replicates, Seed(c, 4 + done), c.CancellationToken);
                    string label = Invariant($"beta = {beta}: ");
                    checks.Add(TheoremCheck.StatisticalCheck(label + "E[distinct pairs in 500 tokens] (Heaps)", SantaFeProcess.ExpectedDistinct(narration, n), sample.Distinct));
                    checks.Add(TheoremCheck.StatisticalCheck(label + "I(X_1..500; X_501..1000) in bits (Hilberg)", SantaFeProcess.MutualInformationBits(narration, n), sample.MutualInformationBits));
                    checks.Add(TheoremCheck.BinomialCheck(label + "excess bits of token 501 (= P(K_501 new))", SantaFeProcess.ExcessBits(narration, n), sample.NewPairBits));
                    double identity = (2 * SantaFeProcess.ExpectedDistinct(narration, 1_000)) - SantaFeProcess.ExpectedDistinct(narration, 2_000);
                    double direct = SantaFeProcess.MutualInformationBits(narration, 1_000);
                    bool close = Math.Abs(identity - direct) <= 1e-9 * direct;
                    checks.Add(new TheoremCheck(CheckKind.Exact, label + "I_n = 2 E[V_n] - E[V_2n] (n = 1000)", close, identity.ToString("R", CultureInfo.InvariantCulture), direct.ToString("R", CultureInfo.InvariantCulture), double.NaN, close ? "equal to summation accuracy (1e-9)" : "DIFFER"));
                    checks.Add(Exact(label + "Heaps/Hilberg exponent = beta", beta, theory.HeapsExponent.Exact ?? Rational.Zero));
                    checks.Add(Exact(label + "data exponent = 1 - beta", 1 - beta, theory.DataExponent.Exact ?? Rational.Zero));
                    double[] grid = [1_000, 10_000, 100_000, 1_000_000];
                    double b = beta.ToDouble();
                    checks.Add(TheoremCheck.AsymptoticCheck(label + "Heaps: asymptotic/exact", grid, [.. grid.Select(x => SantaFeProcess.ExpectedDistinctAsymptotic(narration, x) / SantaFeProcess.ExpectedDistinct(narration, x))], x => Math.Pow(x, -b)));
                    checks.Add(TheoremCheck.AsymptoticCheck(label + "Hilberg: asymptotic/exact", grid, [.. grid.Select(x => SantaFeProcess.MutualInformationAsymptotic(narration, x) / SantaFeProcess.MutualInformationBits(narration, x))], x => Math.Pow(x, -b)));
                    c.Progress?.Report(++done / 2.0);
                }

                return checks;
            });

        yield return Theorem.Create(
            "peers.chinchilla", "7", "Chinchilla: compute-optimal allocation and the published figures",
            "For L = E + A N^-alpha + B D^-beta and C = 6 N D, the compute-optimal allocation is N* = G (C/6)^(beta/(alpha+beta)), G = (alpha A/(beta B))^(1/(alpha+beta)); with the published constants it reproduces Hoffmann et al.'s Approach-3 exponents (a = 0.46, b = 0.54 from the unrounded fit) and 40B-parameter optimum at the Gopher budget, and Besiroglu et al.'s finding that their refit, unlike the printed Hoffmann constants, is consistent with Chinchilla's 20 tokens per parameter (70B, 1.4T tokens).",
            "N* = G (C/6)^a, D* = G^-1 (C/6)^b, a = beta/(alpha+beta), b = alpha/(alpha+beta)",
            2,
            c =>
            {
                var checks = new List<TheoremCheck>();
                ChinchillaConstants printed = ChinchillaConstants.Hoffmann2022, tex = ChinchillaConstants.Hoffmann2022Unrounded, refit = ChinchillaConstants.Besiroglu2024;
                checks.Add(Exact("Hoffmann (printed): a = 0.28/0.62 = 14/31", new Rational(14, 31), printed.ParametersShare));
                checks.Add(Exact("Besiroglu: a = 0.3658/0.7136 = 1829/3568", new Rational(1829, 3568), refit.ParametersShare));
                foreach (ChinchillaConstants k in ChinchillaConstants.Published)
                {
                    checks.Add(Exact(k.Name + ": a + b = 1", Rational.One, k.ParametersShare + k.TokensShare));
                    (double n, double d) = k.ComputeOptimal(GopherBudget);
                    double closed = 6 * n * d / GopherBudget;
                    checks.Add(new TheoremCheck(CheckKind.Exact, k.Name + ": 6 N* D* = C", Math.Abs(closed - 1) < 1e-13, "1", closed.ToString("R", CultureInfo.InvariantCulture), double.NaN, "budget identity to double rounding"));
                    double searched = IsoFlopMinimum(k, GopherBudget);
                    bool agree = Math.Abs((searched / n) - 1) < 1e-6;
                    checks.Add(new TheoremCheck(CheckKind.Exact, k.Name + ": closed form = numerical minimum on the iso-FLOP curve (5.76e23)", agree, n.ToString("G10", CultureInfo.InvariantCulture), searched.ToString("G10", CultureInfo.InvariantCulture), double.NaN, agree ? "golden-section search agrees to 1e-6" : "DIFFER"));
                }

                double aTex = tex.ParametersShare.ToDouble(), bTex = tex.TokensShare.ToDouble();
                checks.Add(Published("Hoffmann et al. Table 2, Approach 3: a = 0.46 (unrounded constants)", "0.46", aTex, Math.Abs(aTex - 0.46) <= 0.005, "the printed 2-decimal rounding (0.005)"));
                checks.Add(Published("Hoffmann et al. Table 2, Approach 3: b = 0.54 (unrounded constants)", "0.54", bTex, Math.Abs(bTex - 0.54) <= 0.005, "the printed 2-decimal rounding (0.005)"));
                double aPrinted = printed.ParametersShare.ToDouble();
                checks.Add(Published("the printed (rounded) constants give a = 0.45, not 0.46 (Besiroglu et al.'s rounding finding)", "0.45", aPrinted, Math.Abs(aPrinted - 0.45) <= 0.005 && Math.Abs(aPrinted - 0.46) > 0.005, "2-decimal rounding (0.005)"));
                double nTex = tex.ComputeOptimal(GopherBudget).Parameters / 1e9;
                checks.Add(Published("Hoffmann et al.: Approach 3 optimum at the Gopher budget 5.76e23 FLOPs = 40B parameters", "40 (billion)", nTex, Math.Abs(nTex - 40) <= 0.5, "2 significant digits (0.5B)"));
                (double nRefit, double dRefit) = refit.ComputeOptimal(GopherBudget);
                double ratio = dRefit / nRefit;
                checks.Add(Published("Besiroglu et al.: the refit is consistent with Chinchilla's 20 tokens per parameter at 5.76e23 FLOPs", "20 (1.4T/70B)", ratio, Math.Abs(ratio - 20) <= 0.1 * 20, "10% (Chinchilla's own 20 is a round figure; the refit's 80% interval is wider)"));
                checks.Add(Published("Besiroglu et al. refit: N* at 5.76e23 FLOPs vs Chinchilla's 70B", "70 (billion)", nRefit / 1e9, Math.Abs((nRefit / 70e9) - 1) <= 0.1, "10%"));
                double ratioPrinted = printed.TokensPerParameter(GopherBudget);
                checks.Add(Published("Besiroglu et al.: the printed Hoffmann constants are not consistent with 20 tokens per parameter", "far from 20 (their Figure 1)", ratioPrinted, ratioPrinted > 2 * 20, "a factor of 2"));
                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "peers.mapping", "7", "Parameter mapping: Zipf exponent 1/d = 1 + alpha, Hilberg beta = d",
            "The ranked PY(d, theta) weights follow Zipf's law with exponent 1/d; matching Hutter's and Michaud's i^-(1+alpha) gives alpha = (1-d)/d, and then Hutter's data exponent alpha/(1+alpha) = 1 - d (the Syntax-Knowledge data exponent), Michaud's parameter exponent alpha = (1-d)/d (the model exponent), both compute splits equal d/(1+d) : 1/(1+d), and the Santa Fe process with beta = d has Heaps/Hilberg exponent d and data exponent 1 - d.",
            "1 + alpha = 1/d; alpha/(1+alpha) = 1 - d; alpha = (1-d)/d; 1/(2+alpha) = d/(1+d); beta = d",
            2,
            c =>
            {
                var checks = new List<TheoremCheck>();
                foreach (Rational d in MappingGrid)
                {
                    string label = Invariant($"d = {d}: ");
                    Rational alpha = ParameterMapping.ZipfAlpha(d);
                    checks.Add(Exact(label + "1 + alpha = Zipf exponent 1/d", ParameterMapping.ZipfExponent(d), 1 + alpha));
                    checks.Add(Exact(label + "d(alpha(d)) = d", d, ParameterMapping.DiscountFromAlpha(alpha)));
                    checks.Add(Exact(label + "Hutter data exponent = 1 - d", ParameterMapping.SyntaxKnowledgeDataExponent(d), HutterTheory.FromDiscount(d).DataExponent.Exact ?? Rational.Zero));
                    QuantizationTheory quantization = QuantizationTheory.FromDiscount(d);
                    checks.Add(Exact(label + "Michaud parameter exponent = (1-d)/d", ParameterMapping.SyntaxKnowledgeModelExponent(d), quantization.ModelExponent?.Exact ?? Rational.Zero));
                    checks.Add(Exact(label + "Michaud data exponent = 1 - d", 1 - d, quantization.DataExponent.Exact ?? Rational.Zero));
                    SyntaxKnowledgeTheory sk = SyntaxKnowledgeTheory.FromKnowledge(PitmanYorParameters.Create(d, 1));
                    checks.Add(Exact(label + "Michaud compute share of N = d/(1+d)", d / (1 + d), quantization.ComputeOptimal()?.ModelShare.Exact ?? Rational.Zero));
                    checks.Add(Exact(label + "Syntax-Knowledge compute share of C = d/(1+d)", d / (1 + d), sk.ComputeOptimal()?.ModelShare.Exact ?? Rational.Zero));
                    SantaFeTheory santaFe = SantaFeTheory.FromDiscount(d);
                    checks.Add(Exact(label + "Santa Fe Heaps/Hilberg exponent = d", d, santaFe.HeapsExponent.Exact ?? Rational.Zero));
                    checks.Add(Exact(label + "Santa Fe model exponent = (1-d)/d", alpha, santaFe.ModelExponent?.Exact ?? Rational.Zero));
                }

                // The exponents are not only equal on paper: the PY closed forms have the Zipf peers' slopes.
                foreach (Rational d in new[] { new Rational(1, 2), new Rational(2, 3) })
                {
                    var p = PitmanYorParameters.Create(d, 1);
                    double alpha = ParameterMapping.ZipfAlpha(d).ToDouble();
                    double[] grid = [100, 1_000, 10_000];
                    double SlopeUncovered(double x) => (Math.Log(UncoveredMass.Approximate(p, x * 1.1)) - Math.Log(UncoveredMass.Approximate(p, x))) / Math.Log(1.1);
                    checks.Add(TheoremCheck.AsymptoticCheck(Invariant($"d = {d}: slope of PY T(C) / -alpha (Michaud's exponent)"), grid, [.. grid.Select(x => SlopeUncovered(x) / -alpha)], x => 1 / x));
                    double SlopeUnseen(double x) => (Math.Log(NewProbability.Approximate(p, x * 1.1)) - Math.Log(NewProbability.Approximate(p, x))) / Math.Log(1.1);
                    checks.Add(TheoremCheck.AsymptoticCheck(Invariant($"d = {d}: slope of PY unseen mass / -alpha/(1+alpha) (Hutter's exponent)"), grid, [.. grid.Select(x => SlopeUnseen(x) / -(alpha / (1 + alpha)))], x => 1 / x));
                }

                c.Progress?.Report(1);
                return checks;
            });
    }

    /// <summary>Minimises the reducible loss A N^-alpha + B (C/(6N))^-beta over ln N by golden-section search (independent of the closed form).</summary>
    internal static double IsoFlopMinimum(ChinchillaConstants k, double flops)
    {
        double a = k.ModelCoefficient.ToDouble(), alpha = k.ModelExponent.ToDouble(), b = k.DataCoefficient.ToDouble(), beta = k.DataExponent.ToDouble();
        double Loss(double lnN) => (a * Math.Exp(-alpha * lnN)) + (b * Math.Exp(-beta * (Math.Log(flops / 6) - lnN)));

        double lo = Math.Log(1e3), hi = Math.Log(flops / 6 / 1e3);
        double ratio = (Math.Sqrt(5) - 1) / 2;
        double x1 = hi - (ratio * (hi - lo)), x2 = lo + (ratio * (hi - lo));
        double f1 = Loss(x1), f2 = Loss(x2);
        for (int i = 0; i < 200 && hi - lo > 1e-12; i++)
        {
            if (f1 < f2)
            {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - (ratio * (hi - lo));
                f1 = Loss(x1);
            }
            else
            {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + (ratio * (hi - lo));
                f2 = Loss(x2);
            }
        }

        return Math.Exp((lo + hi) / 2);
    }
}
