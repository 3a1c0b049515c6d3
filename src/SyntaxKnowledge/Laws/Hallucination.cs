using System.Collections.Immutable;
using System.Numerics;
using MathNet.Numerics;
using MathNet.Numerics.Integration;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Laws;

/// <summary>The probability that a guess drawn from an attribute's base H_j is wrong.</summary>
/// <param name="Attribute">The attribute's name.</param>
/// <param name="Values">M_j, the number of values.</param>
/// <param name="Sampling">E[1 − Σ_v H_j(v)²]: a sampled guess differs from the true value (exact).</param>
/// <param name="Greedy">E[1 − max_v H_j(v)]: the most probable value is wrong.</param>
/// <param name="ExactGreedy">The greedy factor as an exact rational (uniform bases: 1 − 1/M_j); otherwise <see langword="null"/>.</param>
/// <param name="Entropy">E[H(H_j)] in nats: the log-loss of an uncovered value under the compression objective.</param>
public sealed record HallucinationFactor(string Attribute, int Values, Rational Sampling, double Greedy, Rational? ExactGreedy, double Entropy);

/// <summary>Hallucination, abstention and log-loss per query for a given uncovered query mass.</summary>
/// <param name="Uncovered">U: the probability that the queried fact (entity, attribute) is unknown to the model.</param>
/// <param name="Sampling">U × mean sampling factor: hallucination rate of sampled decoding.</param>
/// <param name="Greedy">U × mean greedy factor: hallucination rate of greedy decoding.</param>
/// <param name="Abstention">U: the abstention rate of a model that says "unknown" exactly on uncovered queries (its hallucination rate is 0).</param>
/// <param name="UncoveredLogLoss">U × mean E[H(H_j)] in nats: what the compression objective pays on uncovered queries by guessing from the base.</param>
public sealed record HallucinationRates(double Uncovered, double Sampling, double Greedy, double Abstention, double UncoveredLogLoss);

/// <summary>A point of the abstention trade-off: the model abstains with probability a on uncovered queries.</summary>
/// <param name="Abstain">a, the abstention probability on uncovered queries.</param>
/// <param name="Hallucination">U (1 − a) × sampling factor.</param>
/// <param name="Abstention">U a.</param>
/// <param name="ExtraLogLoss">−U ln(1 − a) nats per query: what log-loss (compression) charges for moving probability a to "unknown"; infinite at a = 1.</param>
public sealed record AbstentionPoint(double Abstain, double Hallucination, double Abstention, double ExtraLogLoss);

/// <summary>Simulated hallucination: each replicate is one world, n training sentences and one query.</summary>
/// <param name="Draws">The number of training sentences n (int.MaxValue: unlimited data).</param>
/// <param name="Capacity">The capacity C of the first-appearance learner (int.MaxValue: unlimited).</param>
/// <param name="Uncovered">Estimate of the uncovered query mass (indicator that the queried fact is unknown).</param>
/// <param name="Sampling">Estimate of the sampled-decoding hallucination rate (indicator: a sampled guess is wrong).</param>
/// <param name="Greedy">Estimate of the greedy-decoding hallucination rate (indicator: the argmax guess is wrong).</param>
/// <param name="Monofact">Estimate of the monofact rate of the n+1 sentences: facts seen exactly once, divided by n+1
/// (NaN estimate when the data are unlimited).</param>
/// <param name="LogLoss">Estimate of the log-loss paid on uncovered queries: −ln H_j(V) when the fact is unknown, 0 otherwise.</param>
/// <param name="Seed">The seed; world r used stream r.</param>
public sealed record HallucinationSample(int Draws, int Capacity, MonteCarloEstimate Uncovered, MonteCarloEstimate Sampling, MonteCarloEstimate Greedy, MonteCarloEstimate Monofact, MonteCarloEstimate LogLoss, ulong Seed);

/// <summary>
/// Factual hallucination (docs/03-formulas/hallucination.md#hallucination): a model that has not stored the queried fact must still emit a value and emits
/// it from its posterior, the base H_j; rates as functions of data n and capacity C, the Good–Turing (monofact) relation and
/// abstention.
/// </summary>
/// <remarks>
/// <para>Rates. A guess V′ ~ H_j of a true V ~ H_j is wrong with probability 1 − Σ_v H_j(v)² (sampling); the argmax is wrong
/// with probability 1 − max_v H_j(v) (greedy). For a Dirichlet(b) base over M values, E[1 − ΣH²] = 1 − (b+1)/(M b + 1)
/// exactly and E[max H] = E[max of M Gamma(b) variates]/(M b) (Gamma representation; one integral). Hallucination rate =
/// uncovered query mass × mean factor (ρ, H and the entity weights are independent; E[ρ_j] = 1/J).</para>
/// <para>Data: the queried fact (Z, J) is uncovered when it was never revealed in n sentences, including new entities:
/// U(n) = Σ_j E[ρ_j (1 − ρ_j W)ⁿ] = J Σ_i C(n, i)(−1)^i (a_J)_{i+1}/(J a_J)_{i+1} · (1−d)_i/(1+θ)_i (exact); asymptotically
/// c J E[ρ^d] n^{−(1−d)}. Capacity: with unlimited data, U = the learner's uncovered entity mass (T(C) for first appearance).</para>
/// <para>Good–Turing. The monofact rate MF(n) = #facts seen exactly once / n has E[MF(n+1)] = U(n) exactly (size-biased identity),
/// so a calibrated predictor hallucinates at E[MF(n+1)] × (1 − ΣH²) — the Kalai–Vempala bound holds with equality here.</para>
/// <para>Abstention. A model allowed to say "unknown" would abstain on the uncovered mass (hallucination 0, abstention U). Log-loss
/// (compression) never abstains: moving probability a to "unknown" costs −U ln(1 − a) nats per query, infinite for a = 1, while
/// guessing from the base costs U E[H(H_j)] and hallucinates at U × factor.</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2311.14648">Kalai &amp; Vempala (2024), Calibrated language models must hallucinate.</seealso>
public static class Hallucination
{
    /// <summary>Returns 1 − Σ_v h(v)² for a value distribution.</summary>
    /// <param name="values">The distribution h. Range: non-empty, non-negative, summing to exactly 1.</param>
    /// <returns>The probability that a sampled guess is wrong.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> is not a probability distribution.</exception>
    public static Rational SamplingFactor(IReadOnlyList<Rational> values)
    {
        CheckDistribution(values);
        return Rational.One - Rational.Sum(values.Select(v => v * v));
    }

    /// <summary>Returns 1 − max_v h(v) for a value distribution.</summary>
    /// <param name="values">The distribution h. Range: non-empty, non-negative, summing to exactly 1.</param>
    /// <returns>The probability that the most probable value is wrong.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> is not a probability distribution.</exception>
    public static Rational GreedyFactor(IReadOnlyList<Rational> values)
    {
        CheckDistribution(values);
        return Rational.One - values.Max();
    }

    /// <summary>Returns every attribute's expected hallucination factors and base entropy.</summary>
    /// <param name="model">The model.</param>
    /// <returns>One factor per attribute.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <remarks>Greedy factors of Dirichlet bases are one-dimensional integrals (relative accuracy about 1e-10).</remarks>
    public static ImmutableArray<HallucinationFactor> Factors(SyntaxKnowledgeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [.. model.Attributes.Select(a =>
        {
            int m = a.Values.Length;
            if (a.ValuePrior.Concentration is { } b)
            {
                Rational sampling = Rational.One - ((b + 1) / ((m * b) + 1));
                return new HallucinationFactor(a.Name, m, sampling, 1 - ExpectedDirichletMaximum(b.ToDouble(), m), null, MissCost.FactCost(a));
            }

            Rational uniform = Rational.One - new Rational(1, m);
            return new HallucinationFactor(a.Name, m, uniform, uniform.ToDouble(), uniform, MissCost.FactCost(a));
        })];
    }

    /// <summary>Returns the exact uncovered query mass U(n) = Σ_j E[ρ_j (1 − ρ_j W)ⁿ] after n sentences.</summary>
    /// <param name="model">The model.</param>
    /// <param name="draws">The number of training sentences n. Range: 0 ≤ n ≤ 20,000.</param>
    /// <returns>The probability that the fact asked about by sentence n+1 was not revealed by sentences 1..n.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is outside its range.</exception>
    /// <remarks>An alternating hypergeometric sum evaluated on integers (no cancellation error); cost O(n) big-integer operations.</remarks>
    public static Rational UncoveredQueryMassExact(SyntaxKnowledgeModel model, int draws)
    {
        ArgumentNullException.ThrowIfNull(model);
        Preconditions.InRange(draws, 0, 20_000, nameof(draws));
        (BigInteger a, BigInteger c, BigInteger b) = model.Knowledge.CommonScale();
        Rational prior = model.AttributePrior;
        int attributes = model.Attributes.Length;
        BigInteger p = prior.Numerator, q = prior.Denominator;

        // J E[ρ(1 − ρW)^n], ρ ~ Beta(a_J, (J−1)a_J): term i = C(n,i)(−1)^i (a_J)_{i+1}/(J a_J)_{i+1} (1−d)_i/(1+θ)_i; t_0 = a_J/(J a_J) = 1/J.
        Rational series = HypergeometricSums.Sum(draws + 1, i =>
            (-(BigInteger)(draws - i) * (p + ((i + 1) * q)) * (b - a + (i * b)), (BigInteger)(i + 1) * ((attributes * p) + ((i + 1) * q)) * (b + c + (i * b))));
        return series;
    }

    /// <summary>Returns the asymptotic uncovered query mass c J E[ρ^d] n^{−(1−d)}, c = Γ(θ+1)/Γ(θ+d), ρ ~ Beta(a_J, (J−1)a_J).</summary>
    /// <param name="model">The model.</param>
    /// <param name="draws">The number of training sentences n. Range: n ≥ 1.</param>
    /// <returns>The asymptotic value; relative error O(1/n).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is less than one or NaN.</exception>
    public static double UncoveredQueryMassAsymptotic(SyntaxKnowledgeModel model, double draws)
    {
        ArgumentNullException.ThrowIfNull(model);
        ExpectedDistinct.CheckDraws(draws);
        double d = model.Knowledge.DiscountValue, aJ = model.AttributePrior.ToDouble();
        int attributes = model.Attributes.Length;
        double logMoment = SpecialFunctions.GammaLn(aJ + d) + SpecialFunctions.GammaLn(attributes * aJ) - SpecialFunctions.GammaLn(aJ) - SpecialFunctions.GammaLn((attributes * aJ) + d);
        return attributes * Math.Exp(logMoment + NewProbability.LogGammaRatio(model.Knowledge) - ((1 - d) * Math.Log(draws)));
    }

    /// <summary>Returns the exact expected monofact rate E[MF(n)]: the expected number of facts (entity, attribute) seen exactly
    /// once in n sentences, divided by n — computed from the expected block counts, independently of <see cref="UncoveredQueryMassExact"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="draws">The number of sentences n. Range: 1 ≤ n ≤ 2000.</param>
    /// <returns>(1/n) Σ_m E[K_{n,m}] · J m a_J ((J−1)a_J)_{m−1}/(J a_J)_m; equals U(n − 1) exactly (Good–Turing).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is outside its range.</exception>
    public static Rational MonofactRateExact(SyntaxKnowledgeModel model, int draws)
    {
        ArgumentNullException.ThrowIfNull(model);
        Preconditions.InRange(draws, 1, 2_000, nameof(draws));
        Rational a = model.AttributePrior, rest = (model.Attributes.Length - 1) * a, all = model.Attributes.Length * a;
        Rational total = Rational.Zero, moment = a / all; // E[ρ(1−ρ)^{m−1}] at m = 1
        for (int m = 1; m <= draws; m++)
        {
            if (m > 1)
            {
                moment *= (rest + m - 2) / (all + m - 1);
            }

            total += ExpectedBlocks.Exact(model.Knowledge, draws, m) * model.Attributes.Length * m * moment;
        }

        return total / draws;
    }

    /// <summary>Returns the data-limited hallucination rates after n sentences (unlimited capacity).</summary>
    /// <param name="model">The model.</param>
    /// <param name="draws">The number of training sentences n. Range: 0 ≤ n ≤ 20,000.</param>
    /// <returns>Uncovered mass U(n) and the rates; exact in expectation (double rounding only).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is outside its range.</exception>
    public static HallucinationRates Rates(SyntaxKnowledgeModel model, int draws) =>
        RatesFor(model, UncoveredQueryMassExact(model, draws).ToDouble());

    /// <summary>Returns the exact sampled-decoding hallucination rate U(n) × mean(1 − ΣH²) after n sentences.</summary>
    /// <param name="model">The model.</param>
    /// <param name="draws">The number of training sentences n. Range: 0 ≤ n ≤ 20,000.</param>
    /// <returns>The rate as an exact rational.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is outside its range.</exception>
    public static Rational SamplingRateExact(SyntaxKnowledgeModel model, int draws)
    {
        Rational uncovered = UncoveredQueryMassExact(model, draws);
        ImmutableArray<HallucinationFactor> factors = Factors(model);
        return uncovered * Rational.Sum(factors.Select(f => f.Sampling)) / factors.Length;
    }

    /// <summary>Returns the capacity-limited hallucination rates with unlimited data: U = the learner's uncovered entity mass.</summary>
    /// <param name="model">The model.</param>
    /// <param name="learner">The learner (first appearance: exact T(C); top frequency and top counts: the ranked-weight integral).</param>
    /// <param name="stored">The capacity C. Range: 0 ≤ C ≤ 10⁶.</param>
    /// <returns>The rates.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">C is outside its range, or the learner is MDL (it has no fixed capacity; use
    /// <see cref="MdlLearner.UncoveredExact"/> with the data size).</exception>
    public static HallucinationRates RatesAtCapacity(SyntaxKnowledgeModel model, CapacityLearner learner, int stored)
    {
        ArgumentNullException.ThrowIfNull(model);
        Preconditions.InRange(stored, 0, 1_000_000, nameof(stored));
        double uncovered = learner switch
        {
            CapacityLearner.FirstAppearance => UncoveredMass.Approximate(model.Knowledge, stored),
            CapacityLearner.TopFrequency or CapacityLearner.TopCounts => TopFrequencyLearner.UncoveredApproximate(model.Knowledge, stored),
            _ => throw Preconditions.OutOfRange(nameof(learner), learner, "FirstAppearance, TopFrequency or TopCounts (MDL has no fixed capacity)"),
        };
        return RatesFor(model, uncovered);
    }

    /// <summary>Returns the rates for a given uncovered query mass.</summary>
    /// <param name="model">The model (for the factors).</param>
    /// <param name="uncovered">The uncovered query mass U. Range: 0 ≤ U ≤ 1.</param>
    /// <returns>The rates.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="uncovered"/> is outside its range.</exception>
    public static HallucinationRates RatesFor(SyntaxKnowledgeModel model, double uncovered)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(uncovered >= 0) || uncovered > 1)
        {
            throw Preconditions.OutOfRange(nameof(uncovered), uncovered, "0 <= uncovered <= 1");
        }

        ImmutableArray<HallucinationFactor> factors = Factors(model);
        return new HallucinationRates(uncovered, uncovered * factors.Average(f => f.Sampling.ToDouble()), uncovered * factors.Average(f => f.Greedy), uncovered, uncovered * factors.Average(f => f.Entropy));
    }

    /// <summary>Returns the abstention trade-off: a model that abstains with probability a on uncovered queries.</summary>
    /// <param name="rates">The rates of the never-abstaining model.</param>
    /// <param name="abstain">a. Range: 0 ≤ a ≤ 1.</param>
    /// <returns>Hallucination U(1−a)f, abstention U a, and the extra log-loss −U ln(1−a) (infinite at a = 1 when U &gt; 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rates"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="abstain"/> is outside its range.</exception>
    public static AbstentionPoint Abstention(HallucinationRates rates, double abstain)
    {
        ArgumentNullException.ThrowIfNull(rates);
        if (!(abstain >= 0) || abstain > 1)
        {
            throw Preconditions.OutOfRange(nameof(abstain), abstain, "0 <= abstain <= 1");
        }

        double extra = rates.Uncovered == 0 ? 0 : -rates.Uncovered * Math.Log(1 - abstain);
        return new AbstentionPoint(abstain, rates.Sampling * (1 - abstain), rates.Uncovered * abstain, extra);
    }

    /// <summary>
    /// Simulates hallucination end to end: each replicate draws a world, generates n + 1 sentences with the corpus generator,
    /// lets a first-appearance learner of capacity C read the first n, and asks it the fact of sentence n + 1.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="draws">The number of training sentences n. Range: 0 ≤ n ≤ 10⁶.</param>
    /// <param name="replicates">The number of worlds R. Range: R ≥ 2.</param>
    /// <param name="seed">The seed; world r uses the seed of stream r.</param>
    /// <param name="capacity">The capacity C (the learner knows a fact if its entity is among the first C met and the fact was
    /// revealed). Range: C ≥ 0; int.MaxValue for none.</param>
    /// <param name="progress">Receives the completed fraction; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>Indicator estimates (not Rao–Blackwellised): uncovered, sampled and greedy hallucination, and the monofact rate.
    /// With unlimited capacity their expectations are U(n), U(n) × mean sampling/greedy factor, and U(n).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static HallucinationSample Simulate(SyntaxKnowledgeModel model, int draws, int replicates, ulong seed, int capacity = int.MaxValue, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        Preconditions.InRange(draws, 0, 1_000_000, nameof(draws));
        Preconditions.AtLeast(replicates, 2, nameof(replicates));
        Preconditions.AtLeast(capacity, 0, nameof(capacity));
        var uncovered = new double[replicates];
        var sampling = new double[replicates];
        var greedy = new double[replicates];
        var monofact = new double[replicates];
        var logLoss = new double[replicates];
        Replicates.Run(replicates, progress, () => 0, (r, _) =>
        {
            World world = World.Sample(model, CounterRandom.Create(seed, (ulong)r).Key);
            var seen = new Dictionary<(int Entity, int Attribute), int>();
            Sentence? query = null;
            foreach (Sentence sentence in CorpusGenerator.Generate(world, 0, draws + 1, cancellationToken))
            {
                if (sentence.Index == draws)
                {
                    query = sentence;
                }
                else
                {
                    seen[(sentence.Entity, sentence.Attribute)] = seen.GetValueOrDefault((sentence.Entity, sentence.Attribute)) + 1;
                }
            }

            Sentence q = query!;
            bool known = q.Entity < capacity && seen.ContainsKey((q.Entity, q.Attribute));
            int all = seen.GetValueOrDefault((q.Entity, q.Attribute)) + 1;
            seen[(q.Entity, q.Attribute)] = all;
            monofact[r] = seen.Values.Count(c => c == 1) / (double)(draws + 1);
            if (!known)
            {
                (uncovered[r], sampling[r], greedy[r], logLoss[r]) = Guess(world.ValueProbabilities[q.Attribute], q.Value, CounterRandom.Create(seed, (ulong)r).Substream(99));
            }
        }, cancellationToken);
        return new HallucinationSample(draws, capacity, MonteCarlo.Summarize(uncovered.AsSpan()), MonteCarlo.Summarize(sampling.AsSpan()), MonteCarlo.Summarize(greedy.AsSpan()), MonteCarlo.Summarize(monofact.AsSpan()), MonteCarlo.Summarize(logLoss.AsSpan()), seed);
    }

    /// <summary>
    /// Simulates hallucination of the first-appearance learner with capacity C and unlimited data: each replicate draws a
    /// world (ρ, H and stick-breaking weights), one query (entity by the weights, attribute by ρ, value by H), and answers it
    /// from memory when the entity is among the first C sticks, otherwise by guessing from H.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="stored">The capacity C. Range: 0 ≤ C ≤ 10⁶.</param>
    /// <param name="replicates">The number of worlds R. Range: R ≥ 2.</param>
    /// <param name="seed">The seed; world r uses the seed of stream r.</param>
    /// <param name="progress">Receives the completed fraction; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>Indicator estimates whose expectations are T(C) and T(C) × the mean factors (<see cref="RatesAtCapacity"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static HallucinationSample SimulateCapacity(SyntaxKnowledgeModel model, int stored, int replicates, ulong seed, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        Preconditions.InRange(stored, 0, 1_000_000, nameof(stored));
        Preconditions.AtLeast(replicates, 2, nameof(replicates));
        double d = model.Knowledge.DiscountValue, theta = model.Knowledge.ConcentrationValue;
        var uncovered = new double[replicates];
        var sampling = new double[replicates];
        var greedy = new double[replicates];
        var logLoss = new double[replicates];
        Replicates.Run(replicates, progress, () => 0, (r, _) =>
        {
            ulong key = CounterRandom.Create(seed, (ulong)r).Key;
            World world = World.Sample(model, key);
            CounterRandom sticks = CounterRandom.Create(key, 100), query = CounterRandom.Create(key, 101);
            ulong counter = 0;
            double remaining = 1;
            for (int j = 1; j <= stored; j++)
            {
                double x = Samplers.Gamma(1 - d, sticks, ref counter), y = Samplers.Gamma(theta + (j * d), sticks, ref counter);
                remaining *= y / (x + y);
            }

            if (query.Uniform(0) < remaining)
            {
                int attribute = Pick(world.AttributeProbabilities, query.Uniform(1));
                ImmutableArray<double> h = world.ValueProbabilities[attribute];
                (uncovered[r], sampling[r], greedy[r], logLoss[r]) = Guess(h, Pick(h, query.Uniform(2)), query.Substream(1));
            }
        }, cancellationToken);
        var none = new MonteCarloEstimate(double.NaN, double.NaN, 0, double.NaN); // no monofact rate with unlimited data
        return new HallucinationSample(int.MaxValue, stored, MonteCarlo.Summarize(uncovered.AsSpan()), MonteCarlo.Summarize(sampling.AsSpan()), MonteCarlo.Summarize(greedy.AsSpan()), none, MonteCarlo.Summarize(logLoss.AsSpan()), seed);
    }

    // An unknown fact: the model guesses from H (sampled and greedy); returns the indicators and the log-loss −ln H(V).
    private static (double Uncovered, double Sampling, double Greedy, double LogLoss) Guess(ImmutableArray<double> h, int value, CounterRandom random)
    {
        int sampled = Pick(h, random.Uniform(0));
        int best = 0;
        for (int v = 1; v < h.Length; v++)
        {
            best = h[v] > h[best] ? v : best;
        }

        return (1, sampled == value ? 0 : 1, best == value ? 0 : 1, -Math.Log(h[value]));
    }

    /// <summary>E[max_v H_v] for H ~ symmetric Dirichlet(b) over M values: E[max of M iid Gamma(b, 1)]/(M b).</summary>
    internal static double ExpectedDirichletMaximum(double concentration, int values)
    {
        // E[max G] = ∫_0^∞ 1 − P(b, x)^M dx, with P the regularised lower incomplete gamma; the tail beyond the upper limit is below 1e-17.
        double upper = concentration + 60 + (12 * Math.Sqrt(concentration)) + (2 * Math.Log(values));
        const int Panels = 200;
        double width = upper / Panels, total = 0;
        for (int i = 0; i < Panels; i++)
        {
            total += GaussLegendreRule.Integrate(x => 1 - Math.Pow(SpecialFunctions.GammaLowerRegularized(concentration, x), values), i * width, (i + 1) * width, 16);
        }

        return total / (values * concentration);
    }

    private static int Pick(ImmutableArray<double> h, double u)
    {
        double sum = 0;
        for (int v = 0; v < h.Length; v++)
        {
            sum += h[v];
            if (u < sum)
            {
                return v;
            }
        }

        return h.Length - 1;
    }

    private static void CheckDistribution(IReadOnlyList<Rational> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0 || values.Any(v => v.Sign < 0) || Rational.Sum(values) != Rational.One)
        {
            throw new ArgumentException("values must be a non-empty probability distribution: non-negative and summing to exactly 1.", nameof(values));
        }
    }
}
