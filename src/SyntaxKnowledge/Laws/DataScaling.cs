using System.Collections.Immutable;
using System.Numerics;
using MathNet.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Prediction;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Laws;

/// <summary>The expected excess loss (nats) of sentence n+1 over the true world, split by part.</summary>
/// <param name="Draws">The number n of earlier sentences.</param>
/// <param name="Syntax">Attribute and template components: E[−ln Q(J) − ln Q(T | J)] − E[H(ρ) + Σ_j ρ_j H(π_j)].</param>
/// <param name="Names">Entity choice: E[−ln Q(Z)] − E[−ln p_world(Z)], the world knowing the weights of the seen entities and
/// the rest R (a new entity's name is coded by G restricted to unused names in both codes, so it cancels).</param>
/// <param name="Facts">Value component: E[−ln Q(V | Z, J)] for seen entities whose fact j is not yet revealed (the world
/// knows every fact of a seen entity; a new entity's value costs both codes the same).</param>
public sealed record ExcessLossParts(double Draws, double Syntax, double Names, double Facts)
{
    /// <summary>Gets the total expected excess loss of the sentence, R(n+1) − R(n) = I(world; X_{n+1} | Xⁿ) ≥ 0.</summary>
    public double Total => Syntax + Names + Facts;
}

/// <summary>Simulated excess loss of sentence n+1 by part, with standard errors.</summary>
/// <param name="Draws">The number n of earlier sentences.</param>
/// <param name="Syntax">The syntax part.</param>
/// <param name="Names">The names part.</param>
/// <param name="Facts">The facts part.</param>
/// <param name="Total">The total.</param>
public sealed record SimulatedExcessLoss(int Draws, MonteCarloEstimate Syntax, MonteCarloEstimate Names, MonteCarloEstimate Facts, MonteCarloEstimate Total);

/// <summary>
/// The data scaling law of the Syntax-Knowledge model (docs/03-formulas/data-scaling.md#data-scaling-law-and-redundancy): the expected excess loss of the
/// Bayes-optimal predictor on sentence n+1, exactly (in expectation, evaluated in double), asymptotically
/// with exponents and constants derived from the parameters, and by Monte Carlo over worlds.
/// </summary>
/// <remarks>
/// <para>Baseline. The excess loss is I(world; X_{n+1} | Xⁿ), the divergence of the Bayes predictive Q from the world's own
/// proper predictive of the observable tokens: the world knows its syntax (ρ, π), the weights W_k of the entities seen so far
/// and the rest R = 1 − Σ W_k, and every fact of a seen entity; which unseen atom appears next is marginalised, so a new
/// entity has probability R, its name comes from G restricted to unused names (as in Q) and its value from H_j. Every part is
/// therefore non-negative for every d ∈ [0, 1) and θ &gt; −d (docs/03-formulas/data-scaling.md).</para>
/// <para>Parts. With c = Γ(θ+1)/Γ(θ+d), W ~ Beta(1 − d, θ + d) and f(x) = ψ(x+1) − ln x (positive and decreasing):</para>
/// <para>• facts: Σ_j cost_j · E[ρ_j ((1 − ρ_j W)ⁿ − (1 − W)ⁿ)] (a fact of a seen entity is paid for once, when first
/// revealed; cost_j = ln M_j for a uniform base), exact as an alternating rational sum; asymptotically
/// c Σ_j (E[ρ_j^d] − 1/J) cost_j n^{−(1−d)}.</para>
/// <para>• names: given the counts the world's weights are Dirichlet(n_k − d, θ + dK) with mean Q, so the entity-choice
/// excess is E[Σ_k ((n_k − d)/(θ+n)) f(n_k − d) + ((θ + dK)/(θ+n)) f(θ + dK)] − f(θ + n); asymptotically
/// c S(d) n^{−(1−d)} with S(d) = Σ_{m≥1} (1−d)_m/m! f(m − d) for d &gt; 0, and
/// (θ/2) n⁻¹ ln n + [θ (Σ_{m≥1} (f(m) − 1/(2m)) − ψ(θ)/2 + f(θ)) − 1/2] n⁻¹ for d = 0.</para>
/// <para>• syntax: the Dirichlet–categorical excess of the attribute and of the template given its attribute,
/// exactly; asymptotically k_syn/(2n) with k_syn = (J − 1) + Σ_j (m_j − 1) (Clarke–Barron).</para>
/// </remarks>
public static class DataScaling
{
    private const int ExactLawLimit = 4096;
    private const int ExactFactLimit = 20_000;
    private const int ExactDirichletLimit = 256;
    private const ulong WeightStream = 7;

    /// <summary>Returns the asymptotic data scaling law of the expected excess loss per sentence.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The law: terms for facts and names with exponent 1 − d (the names term with a −c d ln n companion), and syntax with exponent 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static ScalingLaw Law(SyntaxKnowledgeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        PitmanYorParameters p = model.Knowledge;
        double d = p.DiscountValue, theta = p.ConcentrationValue, c = Math.Exp(LogC(p));
        Rational exponent = Rational.One - p.Discount;
        var terms = ImmutableArray.CreateBuilder<ScalingTerm>();
        var notes = ImmutableArray.CreateBuilder<string>();
        terms.Add(new ScalingTerm("facts", c * FactConstant(model), exponent.ToDouble(), exponent, 0,
            "first revelation of a fact of a seen entity: c * sum_j (E[rho_j^d] - 1/J) * cost_j, c = Gamma(theta+1)/Gamma(theta+d)"));
        if (d > 0)
        {
            terms.Add(new ScalingTerm("names", c * BlockSeries(d), exponent.ToDouble(), exponent, 0,
                "entity choice against the world's weights: c * S(d), S(d) = sum_m (1-d)_m/m! f(m-d), f(x) = psi(x+1) - ln x"));
            notes.Add(FormattableString.Invariant($"The names term needs many blocks, d ln n >> 1 (n >> {Math.Exp(1 / d):G3}); below that the d = 0 form (theta/2) n^-1 ln n is closer."));
        }
        else
        {
            terms.Add(new ScalingTerm("names-log", theta / 2, 1, Rational.One, 1,
                "d = 0: the ~theta ln n entities act as parameters, (theta/2) n^-1 ln n"));
            terms.Add(new ScalingTerm("names", DirichletNamesConstant(theta), 1, Rational.One, 0,
                "d = 0: theta (T - psi(theta)/2 + f(theta)) - 1/2, T = sum_m (f(m) - 1/(2m)), f(x) = psi(x+1) - ln x"));
        }

        terms.Add(new ScalingTerm("syntax", model.SyntaxParameters / 2.0, 1, Rational.One, 0,
            "Clarke-Barron: k_syn/(2n), k_syn = (J-1) + sum_j (m_j - 1)"));
        notes.Add("Excess loss per sentence in nats over the true world's proper predictive (it knows the syntax, the seen entities' weights and every fact of a seen entity; a new entity's name and value cost both codes the same); every part is >= 0.");
        notes.Add(FormattableString.Invariant($"Asymptotic regime: n >> max(1, theta) = {Math.Max(1, theta):G4}; corrections are O(n^-1) absolute (O(n^-d) relative to the knowledge terms)."));
        if (model.Attributes.Any(a => !a.ValuePrior.IsUniform))
        {
            notes.Add("Dirichlet value bases: fact cost_j is the expected base entropy psi(M_j b+1) - psi(b+1); the O(1/N_j) cost of learning H_j is neglected.");
        }

        return new ScalingLaw("data", "n (sentences seen)", 0, terms.ToImmutable(), notes.ToImmutable());
    }

    /// <summary>Returns whether n sentences lie in the regime of the asymptotic law <see cref="Law"/>: n ≥ 10 max(1, θ) and,
    /// for d &gt; 0, d ln n ≥ 1 (enough blocks for the names term).</summary>
    /// <param name="model">The model.</param>
    /// <param name="draws">The number of earlier sentences n.</param>
    /// <returns><see langword="true"/> when the asymptotic form may be read as an approximation of the exact parts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static bool InAsymptoticRegime(SyntaxKnowledgeModel model, double draws)
    {
        ArgumentNullException.ThrowIfNull(model);
        double d = model.Knowledge.DiscountValue, theta = model.Knowledge.ConcentrationValue;
        return draws >= 10 * Math.Max(1, theta) && (d == 0 || d * Math.Log(draws) >= 1);
    }

    /// <summary>Returns the expected excess loss of sentence n+1 by part, exactly in expectation (evaluated in double).</summary>
    /// <param name="model">The model.</param>
    /// <param name="draws">The number of earlier sentences n. Range: n ≥ 0.</param>
    /// <returns>The parts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is negative.</exception>
    /// <remarks>
    /// <para>Exact up to double rounding (about 1e-12 absolute) for n ≤ 4096; beyond, the new-entity term of the names
    /// part uses E[Kₙ] in place of the law of Kₙ (that term lies in [0, 1/(2(θ+n))], so the error is far below
    /// 1e-4 of it) and the template excess for attributes seen more than 256 times uses its asymptotic expansion
    /// (relative error O(1/n)). Facts are exact rational sums up to n = 20,000 and the leading asymptotic form beyond.
    /// Dirichlet value bases use the expected base entropy as the cost of a new fact (the O(1/N_j) learning cost is
    /// neglected). Every part is non-negative.</para>
    /// <para>Cost: O(n²) for n ≤ 4096 (the law of Kₙ), O(n · 256) for the template part.</para>
    /// </remarks>
    public static ExcessLossParts Exact(SyntaxKnowledgeModel model, int draws)
    {
        ArgumentNullException.ThrowIfNull(model);
        Preconditions.AtLeast(draws, 0, nameof(draws));
        return new ExcessLossParts(draws, SyntaxExact(model, draws), NamesExact(model, draws), FactsExact(model, draws));
    }

    /// <summary>Returns the asymptotic excess loss of sentence n+1 by part (the terms of <see cref="Law"/>).</summary>
    /// <param name="model">The model.</param>
    /// <param name="draws">The number of earlier sentences n. Range: n &gt; 1.</param>
    /// <returns>The parts, each clamped at zero (a leading-order form can dip below zero far outside its regime; see
    /// <see cref="InAsymptoticRegime"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is not greater than one.</exception>
    public static ExcessLossParts Asymptotic(SyntaxKnowledgeModel model, double draws)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(draws > 1) || double.IsPositiveInfinity(draws))
        {
            throw Preconditions.OutOfRange(nameof(draws), draws, "1 < draws < infinity");
        }

        ScalingLaw law = Law(model);
        double Part(params string[] names) => Math.Max(0, law.Terms.Where(t => names.Contains(t.Name)).Sum(t => t.Evaluate(draws)));
        return new ExcessLossParts(draws, Part("syntax"), Part("names", "names-log"), Part("facts"));
    }

    /// <summary>
    /// Simulates the expected excess loss of sentence n+1 over independent worlds: each world generates n
    /// sentences, the Bayes-optimal predictor reads them, the world's weights of the seen entities are drawn from their
    /// conditional law given the corpus, and the divergence of the world's proper predictive of sentence n+1 from the
    /// predictor's, KL(p_world ‖ Q) = I(world; X_{n+1} | Xⁿ) for this world, is recorded part by part.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="draws">The number of earlier sentences n. Range: n ≥ 1.</param>
    /// <param name="worlds">The number of independent worlds R. Range: R ≥ 2.</param>
    /// <param name="seed">The seed; world r uses the seed of stream r.</param>
    /// <param name="progress">Receives the completed fraction; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>Estimates of every part with standard errors.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>The generator integrates the entity weights out (it seats by the Pitman–Yor rule), so the weights of the
    /// seen entities and the rest are drawn afterwards from their conditional law given the counts,
    /// (W₁, …, W_K, R) ~ Dirichlet(n₁ − d, …, n_K − d, θ + dK), which gives the world's joint law exactly. Every
    /// replicate is non-negative. Runs worlds in parallel; the result does not depend on the thread count.</remarks>
    public static SimulatedExcessLoss Simulate(SyntaxKnowledgeModel model, int draws, int worlds, ulong seed, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        Preconditions.AtLeast(draws, 1, nameof(draws));
        Preconditions.AtLeast(worlds, 2, nameof(worlds));
        var syntax = new double[worlds];
        var names = new double[worlds];
        var facts = new double[worlds];
        long done = 0;
        Parallel.For(0, worlds, new ParallelOptions { CancellationToken = cancellationToken }, r =>
        {
            ulong key = CounterRandom.Create(seed, (ulong)r).Key;
            World world = World.Sample(model, key);
            var engine = new OracleEngine<double>(model, prefixes: false);
            foreach (Sentence sentence in CorpusGenerator.Generate(world, 0, draws, cancellationToken))
            {
                engine.Observe(SentenceStructure.Of(sentence));
            }

            double[] weights = PosteriorWeights(engine, model.Knowledge, CounterRandom.Create(key, WeightStream), out double rest);
            (syntax[r], names[r], facts[r]) = engine.WorldDivergence(world, weights, rest);
            progress?.Report((double)Interlocked.Increment(ref done) / worlds);
        });

        double[] total = [.. syntax.Select((s, i) => s + names[i] + facts[i])];
        return new SimulatedExcessLoss(draws, MonteCarlo.Summarize(syntax.AsSpan()), MonteCarlo.Summarize(names.AsSpan()), MonteCarlo.Summarize(facts.AsSpan()), MonteCarlo.Summarize(total.AsSpan()));
    }

    /// <summary>Draws (W₁, …, W_K, R) ~ Dirichlet(n₁ − d, …, n_K − d, θ + dK) from the engine's counts (R = 1 before any sentence).</summary>
    private static double[] PosteriorWeights(OracleEngine<double> engine, PitmanYorParameters p, CounterRandom random, out double rest)
    {
        double d = p.DiscountValue, theta = p.ConcentrationValue;
        ulong counter = 0;
        var weights = new double[engine.Entities];
        if (weights.Length == 0)
        {
            rest = 1;
            return weights;
        }

        double sum = 0;
        for (int k = 0; k < weights.Length; k++)
        {
            weights[k] = Samplers.Gamma(engine.EntityCount(k) - d, random, ref counter);
            sum += weights[k];
        }

        rest = Samplers.Gamma(theta + (d * weights.Length), random, ref counter);
        sum += rest;
        for (int k = 0; k < weights.Length; k++)
        {
            weights[k] /= sum;
        }

        rest /= sum;
        return weights;
    }

    /// <summary>f(x) = ψ(x+1) − ln x = E[−ln W] − (−ln E[W]) gap of a Dirichlet coordinate, per unit mean: positive, decreasing,
    /// x f(x) ↑ 1/2. Relative error about 1e-14 (the asymptotic series for x ≥ 20, digamma below).</summary>
    internal static double F(double x)
    {
        if (x < 20)
        {
            return SpecialFunctions.DiGamma(x + 1) - Math.Log(x);
        }

        // ψ(x+1) − ln x = 1/(2x) − 1/(12x²) + 1/(120x⁴) − 1/(252x⁶) + 1/(240x⁸) − …; the next term is below 1e-15 relative at x = 20.
        double r = 1 / x, r2 = r * r;
        return (r / 2) - (r2 * ((1.0 / 12) - (r2 * ((1.0 / 120) - (r2 * ((1.0 / 252) - (r2 / 240)))))));
    }

    /// <summary>The O(1/n) constant of the names part at d = 0: θ (T − ψ(θ)/2 + f(θ)) − 1/2 with T = Σ_{m≥1} (f(m) − 1/(2m)).</summary>
    internal static double DirichletNamesConstant(double theta)
    {
        // f(m) − 1/(2m) = −1/(12m²) + 1/(120m⁴) − …: summed to M, then the tail by Euler–Maclaurin of the two leading terms.
        const int direct = 2_000;
        double t = 0;
        for (int m = direct; m >= 1; m--)
        {
            t += F(m) - (0.5 / m);
        }

        double big = direct;
        double tail2 = (1 / big) - (1 / (2 * big * big)) + (1 / (6 * big * big * big)); // Σ_{m>M} m⁻² to O(M⁻⁵)
        t += (-tail2 / 12) + (1 / (360 * big * big * big));
        return (theta * (t - (SpecialFunctions.DiGamma(theta) / 2) + F(theta))) - 0.5;
    }

    /// <summary>S(d) = Σ_{m≥1} (1−d)_m/m! f(m − d), f(x) = ψ(x+1) − ln x, summed exactly to 10⁵ and then by an integral of
    /// the asymptotic summand over geometric blocks (the tail decays like m^−d, slowly for small d).</summary>
    internal static double BlockSeries(double d)
    {
        const int direct = 100_000;
        double sum = 0, logWeight = 0; // ln (1−d)_m/m!
        for (int m = 1; m <= direct; m++)
        {
            logWeight += Math.Log((m - d) / m);
            sum += Math.Exp(logWeight) * Summand(m, d);
        }

        // Tail: Σ_{m>M} f(m) ≈ ∫_{M+1/2}^∞ f(x) dx (midpoint rule, error O(f''(M)) ≈ M^{-3-d}): Gauss–Legendre on
        // [x, 2x] blocks up to 10^12, then the analytic tail of the leading behaviour f(x) ≈ x^{−1−d}/(2Γ(1−d)).
        double lowerLog = SpecialFunctions.GammaLn(1 - d);
        double F(double x)
        {
            // ln Γ(x+1−d) − ln Γ(x+1) = −d ln x − d(1−d)/(2x) + O(x⁻²), without the cancellation of two huge log-gammas.
            double logRatio = (-d * Math.Log(x)) - (d * (1 - d) / (2 * x));
            return Math.Exp(logRatio - lowerLog) * Summand(x, d);
        }

        double from = direct + 0.5, tail = 0;
        while (from < 1e12)
        {
            double to = from * 2;
            tail += Integrate.GaussLegendre(F, from, to, 32);
            from = to;
        }

        tail += Math.Exp((-d * Math.Log(from)) - lowerLog) / (2 * d);
        return sum + tail;
    }

    // ψ(y) − ln(y − 1) with y = x + 1 − d, computed without cancellation for large y.
    private static double Summand(double x, double d)
    {
        double y = x + 1 - d;
        if (y < 64)
        {
            return SpecialFunctions.DiGamma(y) - Math.Log(y - 1);
        }

        double r = 1 / y;

        // ψ(y) = ln y − 1/(2y) − 1/(12y²) + 1/(120y⁴) − 1/(252y⁶); −ln(1 − 1/y) = Σ r^k/k.
        double psiMinusLog = (-r / 2) - (r * r / 12) + (Math.Pow(r, 4) / 120) - (Math.Pow(r, 6) / 252);
        double logRatio = r + (r * r / 2) + (Math.Pow(r, 3) / 3) + (Math.Pow(r, 4) / 4) + (Math.Pow(r, 5) / 5) + (Math.Pow(r, 6) / 6) + (Math.Pow(r, 7) / 7);
        return psiMinusLog + logRatio;
    }

    private static double LogC(PitmanYorParameters p) => SpecialFunctions.GammaLn(p.ConcentrationValue + 1) - SpecialFunctions.GammaLn(p.ConcentrationValue + p.DiscountValue);

    // Σ_j (E[ρ_j^d] − E[ρ_j]) cost_j with ρ_j ~ Beta(a_J, (J−1) a_J): zero for one attribute (every fact of a seen entity is known).
    private static double FactConstant(SyntaxKnowledgeModel model)
    {
        double d = model.Knowledge.DiscountValue, aJ = model.AttributePrior.ToDouble();
        int attributes = model.Attributes.Length;
        if (attributes == 1)
        {
            return 0;
        }

        double moment = Math.Exp(SpecialFunctions.GammaLn(aJ + d) + SpecialFunctions.GammaLn(attributes * aJ) - SpecialFunctions.GammaLn(aJ) - SpecialFunctions.GammaLn((attributes * aJ) + d));
        return model.Attributes.Sum(a => (moment - (1.0 / attributes)) * FactCost(a));
    }

    private static double FactCost(AttributeSpec attribute) => attribute.ValuePrior.Concentration is { } b
        ? World.ExpectedDirichletEntropy(b.ToDouble(), attribute.Values.Length)
        : Math.Log(attribute.Values.Length);

    private static double FactsExact(SyntaxKnowledgeModel model, int n)
    {
        if (n > ExactFactLimit)
        {
            return Math.Exp(LogC(model.Knowledge)) * FactConstant(model) * Math.Pow(n, model.Knowledge.DiscountValue - 1);
        }

        // E[ρ_j (1 − ρ_j W)^n] = Σ_i C(n,i)(−1)^i (a_J)_{i+1}/(J a_J)_{i+1} (1−d)_i/(1+θ)_i, the same for every j; minus
        // E[ρ_j (1 − W)^n] = P(new)/J, the new entity's facts, which cost the world as much as the predictor.
        (BigInteger a, BigInteger c, BigInteger b) = CommonScale(model.Knowledge);
        Rational aJ = model.AttributePrior;
        int attributes = model.Attributes.Length;
        BigInteger p = aJ.Numerator, q = aJ.Denominator;

        // t_{i+1}/t_i = −(n−i)/(i+1) · (a_J + i + 1)/(J a_J + i + 1) · (1−d+i)/(1+θ+i), with a_J = p/q.
        Rational series = HypergeometricSums.Sum(n + 1, i =>
            (-(BigInteger)(n - i) * (p + ((i + 1) * q)) * (b - a + (i * b)), (BigInteger)(i + 1) * ((attributes * p) + ((i + 1) * q)) * (b + c + (i * b))));
        double shared = ((series - NewProbability.Exact(model.Knowledge, n)) / attributes).ToDouble();
        return model.Attributes.Sum(attr => shared * FactCost(attr));
    }

    private static (BigInteger A, BigInteger C, BigInteger B) CommonScale(PitmanYorParameters p)
    {
        BigInteger b = p.Discount.Denominator * p.Concentration.Denominator / BigInteger.GreatestCommonDivisor(p.Discount.Denominator, p.Concentration.Denominator);
        return (p.Discount.Numerator * (b / p.Discount.Denominator), p.Concentration.Numerator * (b / p.Concentration.Denominator), b);
    }

    private static double NamesExact(SyntaxKnowledgeModel model, int n)
    {
        if (n == 0)
        {
            return 0; // the first entity is new for the predictor and the world alike
        }

        PitmanYorParameters p = model.Knowledge;
        double d = p.DiscountValue, theta = p.ConcentrationValue, total = theta + n;

        // Existing entities: Σ_m E[K_{n,m}] ((m−d)/(θ+n)) f(m−d), E[K_{n,m}] = C(n,m)(1−d)_{m−1}(θ+d)_{n−m}/(θ+1)_{n−1}.
        double lnNorm = SpecialFunctions.GammaLn(theta + n) - SpecialFunctions.GammaLn(theta + 1);
        double existing = 0;
        for (int m = 1; m <= n; m++)
        {
            double lnBlocks = SpecialFunctions.BinomialLn(n, m) + SpecialFunctions.GammaLn(m - d) - SpecialFunctions.GammaLn(1 - d)
                              + SpecialFunctions.GammaLn(theta + d + n - m) - SpecialFunctions.GammaLn(theta + d) - lnNorm;
            existing += Math.Exp(lnBlocks) * (m - d) * F(m - d);
        }

        // The new entity: E[(θ + dKₙ) f(θ + dKₙ)], with x f(x) ∈ [0, 1/2).
        double announce;
        if (d == 0)
        {
            announce = theta * F(theta);
        }
        else if (n <= ExactLawLimit)
        {
            double[] law = DistinctLaw(d, theta, n);
            announce = 0;
            for (int k = 1; k <= n; k++)
            {
                double x = theta + (d * k);
                announce += law[k] * x * F(x);
            }
        }
        else
        {
            double x = theta + (d * ExpectedDistinct.Approximate(p, n));
            announce = x * F(x);
        }

        // Σ_i Q_i (f(α_i) − f(α₀)) ≥ 0 term by term; the sum is formed before the subtraction of f(α₀).
        return ((existing + announce) / total) - F(total);
    }

    // P(K_n = k), k = 0..n, by the forward recursion of the seating chain (double, O(n²)).
    private static double[] DistinctLaw(double d, double theta, int n)
    {
        var law = new double[n + 1];
        law[1] = 1;
        for (int t = 1; t < n; t++)
        {
            for (int k = t; k >= 1; k--)
            {
                double pNew = (theta + (d * k)) / (theta + t);
                law[k + 1] += law[k] * pNew;
                law[k] *= 1 - pNew;
            }
        }

        return law;
    }

    private static double SyntaxExact(SyntaxKnowledgeModel model, int n)
    {
        int attributes = model.Attributes.Length;
        double aJ = model.AttributePrior.ToDouble(), a = model.TemplatePrior.ToDouble();
        double result = DirichletExcess(attributes, aJ, n);

        if (attributes == 1)
        {
            return result + DirichletExcess(model.Attributes[0].Templates.Length, a, n);
        }

        // Template part: Σ_j Σ_c P(J_{n+1} = j, N_j = c) · excess(m_j, a, c), the joint law being Dirichlet–multinomial.
        double lnNorm = SpecialFunctions.GammaLn((attributes * aJ) + n + 1) - SpecialFunctions.GammaLn(attributes * aJ);
        foreach (AttributeSpec attribute in model.Attributes)
        {
            int m = attribute.Templates.Length;
            if (m == 1)
            {
                continue;
            }

            for (int c = 0; c <= n; c++)
            {
                double lnWeight = SpecialFunctions.BinomialLn(n, c) + SpecialFunctions.GammaLn(aJ + c + 1) - SpecialFunctions.GammaLn(aJ)
                                  + SpecialFunctions.GammaLn(((attributes - 1) * aJ) + n - c) - SpecialFunctions.GammaLn((attributes - 1) * aJ) - lnNorm;
                result += Math.Exp(lnWeight) * DirichletExcess(m, a, c);
            }
        }

        return result;
    }

    /// <summary>The expected excess log-loss of observation N+1 of a symmetric Dirichlet(a)–categorical over m categories.</summary>
    internal static double DirichletExcess(int m, double a, int observations)
    {
        if (m == 1)
        {
            return 0;
        }

        if (observations > ExactDirichletLimit)
        {
            // R(N+1) − R(N) for R(N) = (k/2) ln N + C + O(1/N): k/(2N) − k/(4N²) + O(N⁻²) (the last from the unknown 1/N term).
            double k = m - 1;
            return (k / (2.0 * observations)) - (k / (4.0 * observations * observations));
        }

        // E[−ln Q(X_{N+1})] = m Σ_c P(X_{N+1} = 1, c_1 = c) · (−ln((c + a)/(N + m a))).
        int n = observations;
        double lnNorm = SpecialFunctions.GammaLn((m * a) + n + 1) - SpecialFunctions.GammaLn(m * a);
        double expected = 0;
        for (int c = 0; c <= n; c++)
        {
            double lnWeight = Math.Log(m) + SpecialFunctions.BinomialLn(n, c) + SpecialFunctions.GammaLn(a + c + 1) - SpecialFunctions.GammaLn(a)
                              + SpecialFunctions.GammaLn(((m - 1) * a) + n - c) - SpecialFunctions.GammaLn((m - 1) * a) - lnNorm;
            expected -= Math.Exp(lnWeight) * Math.Log((c + a) / (n + (m * a)));
        }

        return expected - World.ExpectedDirichletEntropy(a, m);
    }
}
