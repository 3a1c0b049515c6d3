using System.Globalization;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Prediction;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Theorems;

/// <summary>Catalog entries for docs/01-concepts/syntax-knowledge-model.md, docs/03-formulas/bayes-optimal-predictor.md, docs/03-formulas/data-scaling.md: the Syntax-Knowledge model, its Bayes-optimal predictor and the data scaling law.</summary>
internal static class ModelTheorems
{
    private static ulong Seed(VerificationContext c, int salt) => CounterRandom.Create(c.Seed, (ulong)(1_000 + salt)).Key;

    public static IEnumerable<Theorem> All()
    {
        yield return Theorem.Create(
            "model.oracle-exact", "5", "The Bayes-optimal predictor is an exact code",
            "The predictive probabilities of the next sentence (and of every next token) sum to exactly one, the product of a sentence's token probabilities equals its probability, and the probability of a corpus is invariant under permuting its sentences.",
            "Q(sentence) = Q(Z) [new => G(name)/(1 - G(used))] Q(J) Q(T|J) Q(V|Z,J); Q(token l) = P(prefix l)/P(prefix l-1)",
            2,
            c =>
            {
                var checks = new List<TheoremCheck>();
                SyntaxKnowledgeModel tiny = SyntaxKnowledgeModel.Tiny(PitmanYorParameters.Create(new Rational(1, 2), 1));
                var history = CorpusGenerator.Generate(tiny, Seed(c, 1), 3).Select(s => (IReadOnlyList<string>)s.Tokens).ToList();
                Rational before = BayesOracle.CorpusProbability(tiny, history);
                Rational after = Rational.Sum(Candidates(tiny).Select(next => BayesOracle.CorpusProbability(tiny, [.. history, next])));
                checks.Add(PitmanYorTheorems.Exact("next-sentence probabilities sum to one (tiny model, after 3 sentences)", before, after));

                List<Sentence> corpus = [.. CorpusGenerator.Generate(tiny, Seed(c, 2), 4)];
                var distribution = BayesOracle.NextTokenDistribution(tiny, corpus.Take(3).Select(s => (IReadOnlyList<string>)s.Tokens), corpus[3].Tokens.Take(2).ToList());
                checks.Add(PitmanYorTheorems.Exact("next-token probabilities sum to one", Rational.One, Rational.Sum(distribution.Select(t => t.Probability))));

                SyntaxKnowledgeModel bio = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 3));
                List<Sentence> sentences = [.. CorpusGenerator.Generate(bio, Seed(c, 3), 60)];
                SentenceScore<Rational> last = BayesOracle.Score<Rational>(bio, sentences).Last();
                checks.Add(PitmanYorTheorems.Exact("product of token probabilities = sentence probability", last.Probability, last.TokenProbabilities.Aggregate(Rational.One, (x, y) => x * y)));
                var tokens = sentences.Select(s => (IReadOnlyList<string>)s.Tokens).ToArray();
                checks.Add(PitmanYorTheorems.Exact("corpus probability invariant under reversal", BayesOracle.CorpusProbability(bio, tokens), BayesOracle.CorpusProbability(bio, tokens.Reverse())));
                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "model.redundancy", "6", "Redundancy by enumeration",
            "The redundancy R(n) = E[-log Q(X^n)] - E[-log P_world(X^n)] of the Bayes code, computed by enumerating every corpus of a small model, has increments equal to the closed-form expected excess losses (syntax, names and facts) and agrees with Monte Carlo over worlds (all parts).",
            "R(n+1) - R(n) = expected excess loss of sentence n+1",
            20_000,
            c =>
            {
                SyntaxKnowledgeModel tiny = SyntaxKnowledgeModel.Tiny(PitmanYorParameters.Create(new Rational(1, 2), 1));
                RedundancyParts r1 = Redundancy.Enumerated(tiny, 1, c.CancellationToken), r2 = Redundancy.Enumerated(tiny, 2, c.CancellationToken);
                ExcessLossParts e1 = DataScaling.Exact(tiny, 1);
                SimulatedRedundancy simulated = Redundancy.Simulate(tiny, 2, c.Replicates, Seed(c, 4), c.CancellationToken);
                c.Progress?.Report(1);
                return
                [
                    Close("syntax increment = closed form", e1.Syntax, r2.Syntax - r1.Syntax),
                    Close("names increment = closed form", e1.Names, r2.Names - r1.Names),
                    Close("facts increment = closed form", e1.Facts, r2.Facts - r1.Facts),
                    TheoremCheck.StatisticalCheck("R(2), syntax", r2.Syntax, simulated.Syntax),
                    TheoremCheck.StatisticalCheck("R(2), names", r2.Names, simulated.Names),
                    TheoremCheck.StatisticalCheck("R(2), facts", r2.Facts, simulated.Facts),
                ];
            });

        yield return Theorem.Create(
            "model.data-scaling", "6", "Data scaling law: excess loss by part",
            "The expected excess loss of sentence n+1 over the world's proper predictive splits into syntax (Dirichlet-categorical learning, ~k_syn/(2n)), names (the entity choice against the world's weights, ~c S(d) n^{-(1-d)}) and facts (first revelations for seen entities, ~c sum_j (E[rho_j^d] - 1/J) cost_j n^{-(1-d)}); each part's closed form matches simulation over worlds, in which the world's divergence KL(p_world || Q) is computed with the weights drawn from their conditional law.",
            "facts: sum_j cost_j E[rho_j ((1 - rho_j W)^n - (1 - W)^n)]; names: E[sum_i Q_i f(alpha_i)] - f(theta + n), f(x) = psi(x+1) - ln x; syntax: Dirichlet excess",
            600,
            c =>
            {
                var checks = new List<TheoremCheck>();
                (int dn, int dd, int tn, int n)[] cases = [(1, 2, 1, 100), (0, 1, 2, 100), (3, 4, 1, 80)];
                int done = 0;
                foreach ((int dn, int dd, int tn, int n) in cases)
                {
                    SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(dn, dd), tn));
                    ExcessLossParts exact = DataScaling.Exact(model, n);
                    SimulatedExcessLoss simulated = DataScaling.Simulate(model, n, c.Replicates, Seed(c, 5 + done), cancellationToken: c.CancellationToken);
                    string label = string.Create(CultureInfo.InvariantCulture, $"d={dn}/{dd}, theta={tn}, n={n}: ");
                    checks.Add(TheoremCheck.StatisticalCheck(label + "syntax", exact.Syntax, simulated.Syntax));
                    checks.Add(TheoremCheck.StatisticalCheck(label + "names", exact.Names, simulated.Names));
                    checks.Add(TheoremCheck.StatisticalCheck(label + "facts", exact.Facts, simulated.Facts));
                    c.Progress?.Report(++done / (double)cases.Length);
                }

                return checks;
            });

        yield return Theorem.Create(
            "model.data-exponent", "6", "Data scaling exponent 1 - d",
            "The knowledge part of the excess loss decays as n^{-(1-d)}: the exponent is derived from the discount (an exact rational when d is rational) and the exact curve's log-log slope tends to it.",
            "excess loss ~ A_K n^{-(1-d)} + A_S n^{-1}",
            2,
            c =>
            {
                var checks = new List<TheoremCheck>();
                foreach (Rational d in new[] { new Rational(1, 3), new Rational(1, 2), new Rational(4, 5) })
                {
                    SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(d, 1));
                    ScalingLaw law = DataScaling.Law(model);
                    checks.Add(PitmanYorTheorems.Exact(string.Create(CultureInfo.InvariantCulture, $"d = {d}: exponent = 1 - d"), 1 - d, law.Leading.ExactExponent ?? Rational.Zero));
                    // The facts part is an exact rational alternating sum (cost O(n^2) bits): a grid to 3,200 keeps this fast.
                    double[] grid = [50, 400, 3_200];
                    double Slope(double x) => Math.Log(DataScaling.Exact(model, (int)(x * 1.1)).Facts / DataScaling.Exact(model, (int)x).Facts) / Math.Log(1.1);
                    checks.Add(TheoremCheck.AsymptoticCheck(string.Create(CultureInfo.InvariantCulture, $"d = {d}: facts slope / -(1-d)"), grid, [.. grid.Select(x => Slope(x) / -(1 - d).ToDouble())], x => 1 / x));
                }

                c.Progress?.Report(1);
                return checks;
            });

        yield return Theorem.Create(
            "model.data-baseline", "6", "Data law over the whole range: non-negative parts at high discount",
            "The excess loss over the world's proper predictive is a conditional mutual information: every exact part is non-negative for d up to 0.999 and theta just above -d, and matches simulation over worlds there.",
            "excess(n) = I(world; X_{n+1} | X^n) >= 0, part by part",
            400,
            c =>
            {
                var checks = new List<TheoremCheck>();
                (Rational d, Rational theta, int n)[] cases =
                [
                    (new Rational(999, 1000), Rational.One, 30),
                    (new Rational(99, 100), new Rational(-989, 1000), 30),
                    (new Rational(19, 20), new Rational(1000), 30),
                ];
                int done = 0;
                foreach ((Rational d, Rational theta, int n) in cases)
                {
                    SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(d, theta));
                    ExcessLossParts exact = DataScaling.Exact(model, n);
                    string label = string.Create(CultureInfo.InvariantCulture, $"d={d}, theta={theta}, n={n}: ");
                    bool nonNegative = exact.Syntax >= 0 && exact.Names >= 0 && exact.Facts >= 0;
                    checks.Add(TheoremCheck.ExactCheck(label + "parts >= 0", ">= 0",
                        string.Create(CultureInfo.InvariantCulture, $"{exact.Syntax:G6}, {exact.Names:G6}, {exact.Facts:G6}"), nonNegative));
                    SimulatedExcessLoss simulated = DataScaling.Simulate(model, n, c.Replicates, Seed(c, 40 + done), cancellationToken: c.CancellationToken);
                    checks.Add(TheoremCheck.StatisticalCheck(label + "total", exact.Total, simulated.Total));
                    c.Progress?.Report(++done / (double)cases.Length);
                }

                return checks;
            });

        yield return Theorem.Create(
            "model.heaps", "4", "Generated corpora follow Heaps' law",
            "The corpus generator seats entities by the Pitman-Yor rule: the number of distinct entities in n sentences has expectation E[K_n].",
            "E[#entities in n sentences] = E[K_n]",
            1_000,
            c =>
            {
                var checks = new List<TheoremCheck>();
                foreach (PitmanYorParameters p in PitmanYorTheorems.Grid)
                {
                    SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(p);
                    const int n = 300;
                    double[] counts = [.. Enumerable.Range(0, c.Replicates).Select(r => (double)CorpusGenerator.Generate(model, CounterRandom.Create(Seed(c, 9), (ulong)r).Key, n).Count(s => s.IsNewEntity))];
                    checks.Add(TheoremCheck.StatisticalCheck(PitmanYorTheorems.Label(p) + ": E[K_300]", ExpectedDistinct.Exact(p, n).ToDouble(), DistinctVariance.Exact(p, n).ToDouble(), MonteCarlo.Summarize(counts.AsSpan())));
                }

                c.Progress?.Report(1);
                return checks;
            });
    }

    private static TheoremCheck Close(string name, double expected, double observed)
    {
        // Both sides are exact in expectation; the bound is the double rounding of sums of a few thousand logs.
        bool passed = Math.Abs(expected - observed) <= 1e-10 * Math.Max(1, Math.Abs(expected));
        return new TheoremCheck(CheckKind.Exact, name, passed, expected.ToString("R", CultureInfo.InvariantCulture), observed.ToString("R", CultureInfo.InvariantCulture), double.NaN,
            passed ? "equal to double rounding (1e-10)" : "DIFFER");
    }

    internal static IEnumerable<IReadOnlyList<string>> Candidates(SyntaxKnowledgeModel model)
    {
        foreach (AttributeSpec attribute in model.Attributes)
        {
            foreach (Template template in attribute.Templates)
            {
                foreach (string given in model.Names.GivenVocabulary())
                {
                    foreach (string family in model.Names.FamilyVocabulary())
                    {
                        foreach (string value in attribute.Values)
                        {
                            yield return template.Render(given, family, value).Tokens;
                        }
                    }
                }
            }
        }
    }
}
