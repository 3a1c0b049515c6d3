using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using MathNet.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Laws;

/// <summary>
/// Fine-tuning a capacity-limited learner (docs/03-formulas/fine-tuning.md#fine-tuning-a-capacity-limited-learner) under the explicit model of
/// <see cref="FineTuningParameters"/>: per epoch, new facts acquired, old facts forgotten (stored pre-training
/// mass lost) and hallucination on old and new queries — exactly where the quantity is linear in the entity
/// profile, exactly conditional on the counts, by a fluid approximation with rigorous bounds otherwise, and by
/// Monte Carlo over worlds for everything.
/// </summary>
/// <remarks>
/// <para><b>Patterns.</b> An old entity is described by its pattern (n, y): n pre-training mentions and y replay
/// mentions; its score after epoch t is γᵗ n + g_t y. Because the N = n_pre + m mentions are exchangeable draws
/// of PY(d, θ), the expected number of old entities with pattern (n, y), s = n + y ≥ 1, is
/// e(n, y) = C(n_pre, n) C(m, y) (1−d)_{s−1} (θ+d)_{N−s} / (θ+1)_{N−1} (the block-size law E[K_{N,s}] of
/// docs/03-formulas/pitman-yor.md#block-counts-and-the-good-turing-estimate times the hypergeometric split of the s mentions), and the expected PY mass they carry is
/// e(n, y)(s − d)/(θ + N) (posterior mean of a weight given its count). Every quantity linear in the profile
/// (eligible entities, competitors above or tied with the new entities, their mass) is a finite sum of these
/// rationals: <see cref="Exact"/>.</para>
/// <para><b>Capacity.</b> The learner keeps the C eligible entities of highest score; a tie at the C-th place is
/// broken uniformly at random and every result is the exact expectation over that tie-break (each tied entity
/// is stored with probability slots/ties). Given the counts this is exact: <see cref="Schedule"/>. Averaged
/// over worlds the top-C store has no closed form (its threshold is an order statistic of dependent block
/// sizes whose scale, the PY diversity, does not concentrate); <see cref="Predict"/> gives the fluid
/// approximation (the same top-C rule applied to the expected profile) together with rigorous bounds
/// derived from the exact linear quantities, and <see cref="Simulate"/> the Monte Carlo reference.</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2504.09597">Pan, Wang, Liao, Li (2025), §6.</seealso>
public static class FineTuning
{
    private const long ExactPatternLimit = 250_000;
    private const int ExactMentionLimit = 10_000;
    private const int FluidMentionLimit = 30_000;
    private const int FluidMentionLimitWithoutReplay = 10_000_000;
    private const double NegligibleCount = 1e-12;
    private const long MaximumWorldEpochs = 2_000_000;

    /// <summary>Returns the exact expectations over worlds of the quantities linear in the entity profile, for epochs 0..T.</summary>
    /// <param name="parameters">The fine-tuning model.</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    /// <returns>One row per epoch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">(n_pre + 1)(m + 1) exceeds 250,000 or N = n_pre + m exceeds 10,000 (use <see cref="Predict"/>, whose linear columns are the same sums in double).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>
    /// <para>With d = a/b and θ = c/b every e(n, y) is an integer over the common denominator
    /// Π_{i&lt;N−1}(c + b + i b), so each sum is one big-integer accumulation and one reduction. Cost:
    /// O((n_pre + 1)(m + 1)(N + T)) big-integer word operations.</para>
    /// <para>Identity (checked in the tests): at t = 0 with κ ≤ 1 the eligible old mass is the mass seen in
    /// pre-training, 1 − (θ+d)_{n_pre}/(θ+1)_{n_pre}.</para>
    /// </remarks>
    public static ImmutableArray<FineTuningExactEpoch> Exact(FineTuningParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int npre = parameters.PretrainingMentions, m = parameters.ReplayMentions, total = parameters.WorldMentions, epochs = parameters.Epochs;
        if ((long)(npre + 1) * (m + 1) > ExactPatternLimit || total > ExactMentionLimit)
        {
            throw Preconditions.OutOfRange(nameof(parameters), parameters, string.Create(CultureInfo.InvariantCulture, $"(n_pre + 1)(m + 1) <= {ExactPatternLimit} and n_pre + m <= {ExactMentionLimit} for exact rationals; use FineTuning.Predict for larger worlds"));
        }

        (BigInteger a, BigInteger c, BigInteger b) = parameters.Knowledge.CommonScale();

        // left[j] = Π_{i<j} (b − a + i b) ∝ (1−d)_j, right[j] = Π_{i<j} (c + a + i b) ∝ (θ+d)_j.
        var left = new BigInteger[total];
        var right = new BigInteger[total];
        left[0] = right[0] = BigInteger.One;
        for (int j = 1; j < total; j++)
        {
            left[j] = left[j - 1] * (b - a + ((j - 1) * b));
            right[j] = right[j - 1] * (c + a + ((j - 1) * b));
        }

        BigInteger denominator = IntegerProducts.Arithmetic(c + b, b, total - 1);
        BigInteger[] preBinomials = BinomialRow(npre), replayBinomials = BinomialRow(m);
        var scales = new (BigInteger P, BigInteger Q, BigInteger Scale)[epochs + 1];
        var newKeys = new BigInteger[epochs + 1];
        for (int t = 0; t <= epochs; t++)
        {
            scales[t] = parameters.ScoreScale(t);
            newKeys[t] = scales[t].Q * parameters.Repetitions;
        }

        // Accumulators per epoch: eligible, eligible mass, above, tied, mass above, mass tied.
        var sums = new BigInteger[epochs + 1, 6];
        for (int n = 0; n <= npre; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int y = 0; y <= m; y++)
            {
                int s = n + y;
                if (s == 0)
                {
                    continue;
                }

                BigInteger count = preBinomials[n] * replayBinomials[y] * left[s - 1] * right[total - s];
                BigInteger mass = count * ((s * b) - a);
                for (int t = 0; t <= epochs; t++)
                {
                    BigInteger key = (scales[t].P * n) + (scales[t].Q * y);
                    if (!IsEligible(parameters, key, scales[t].Scale))
                    {
                        continue;
                    }

                    sums[t, 0] += count;
                    sums[t, 1] += mass;
                    int order = key.CompareTo(newKeys[t]);
                    if (order > 0)
                    {
                        sums[t, 2] += count;
                        sums[t, 4] += mass;
                    }
                    else if (order == 0)
                    {
                        sums[t, 3] += count;
                        sums[t, 5] += mass;
                    }
                }
            }
        }

        BigInteger massDenominator = denominator * (c + (total * b));
        var rows = ImmutableArray.CreateBuilder<FineTuningExactEpoch>(epochs + 1);
        for (int t = 0; t <= epochs; t++)
        {
            Rational newScore = parameters.NewEntityScore(t);
            rows.Add(new FineTuningExactEpoch(
                t,
                newScore,
                t > 0 && parameters.IsEligible(newScore),
                (Rational.Pow(parameters.Decay, t) * npre) + (parameters.DecayedWeight(t) * m),
                new Rational(sums[t, 0], denominator),
                new Rational(sums[t, 1], massDenominator),
                new Rational(sums[t, 2], denominator),
                new Rational(sums[t, 3], denominator),
                new Rational(sums[t, 4], massDenominator),
                new Rational(sums[t, 5], massDenominator)));
        }

        return rows.MoveToImmutable();
    }

    /// <summary>Returns the fine-tuning forecast for epochs 0..T: fluid approximations, rigorous bounds and the exact linear quantities.</summary>
    /// <param name="parameters">The fine-tuning model.</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    /// <returns>The forecast.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">N = n_pre + m exceeds 30,000 with replay (10⁷ without).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>
    /// <para>The expected profile e(n, y) is evaluated in log space (log-gamma; relative accuracy about
    /// 1e-10); patterns whose expected count is below 1e-12 are left out, and
    /// <see cref="FineTuningForecast.NeglectedCount"/> bounds the total left out (the hypergeometric split is
    /// unimodal, so the tail beyond the last kept term is at most that term times the number of remaining
    /// terms). Linear columns are the exact sums of <see cref="Exact"/> to that accuracy.</para>
    /// <para>The fluid columns apply the top-C rule to the expected profile. They are approximations whose
    /// error does not vanish with n_pre (see docs/03-formulas/fine-tuning.md for measured errors); the
    /// <c>…Lower</c>/<c>…Upper</c> columns are rigorous bounds on the exact expectations.</para>
    /// </remarks>
    public static FineTuningForecast Predict(FineTuningParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int limit = parameters.ReplayMentions > 0 ? FluidMentionLimit : FluidMentionLimitWithoutReplay;
        if (parameters.WorldMentions > limit)
        {
            throw Preconditions.OutOfRange(nameof(parameters), parameters, string.Create(CultureInfo.InvariantCulture, $"n_pre + m <= {limit} for the fluid forecast (with replay the expected profile has O(N^1.5) patterns); use FineTuning.Simulate"));
        }

        (List<ProfileEntry<double>> profile, double neglected) = ExpectedProfile(parameters, cancellationToken);
        double f = parameters.NewEntities, capacity = parameters.Capacity, miss = 1 - parameters.ValueMatch.ToDouble();
        var rows = ImmutableArray.CreateBuilder<FineTuningPredictedEpoch>(parameters.Epochs + 1);
        double initialMass = 0;
        for (int t = 0; t <= parameters.Epochs; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            EpochState<double> s = Evaluate(parameters, t, profile);
            if (t == 0)
            {
                initialMass = s.OldMass;
            }

            double lower = 0, upper = 0;
            if (s.NewEligible)
            {
                upper = Math.Min(f, capacity);
                lower = capacity >= f ? f * Math.Max(0, 1 - ((s.Above + s.Tied) / (capacity - f + 1))) : 0;
            }

            rows.Add(new FineTuningPredictedEpoch(
                t,
                parameters.NewEntityScore(t).ToDouble(),
                s.NewEligible,
                s.NewAcquired,
                lower,
                upper,
                s.OldStored,
                Math.Min(capacity, s.EligibleOld),
                s.OldMass,
                s.EligibleMass,
                initialMass - s.OldMass,
                miss * (1 - s.OldMass),
                miss * (1 - s.EligibleMass),
                miss * (1 - (s.NewAcquired / f)),
                miss * (1 - (upper / f)),
                miss * (1 - (lower / f)),
                s.Above,
                s.Tied,
                s.MassAbove,
                s.EligibleOld,
                s.EligibleMass,
                s.ThresholdKey is { } key ? (double)new Rational(key, s.Scale) : double.NaN));
        }

        ImmutableArray<string> notes =
        [
            "Linear columns (eligible, competitors, mass above) are exact expectations over PY worlds, evaluated in double (relative accuracy ~1e-10).",
            "Capacity-limited columns (acquired, stored, forgotten, hallucination) are the fluid approximation: the top-C rule applied to the expected profile; the lower/upper columns are rigorous bounds on the exact expectations.",
            "Exact top-C values conditional on a world's counts: FineTuning.Schedule; their average over worlds: FineTuning.Simulate.",
        ];
        return new FineTuningForecast(parameters, rows.MoveToImmutable(), neglected, notes);
    }

    /// <summary>
    /// Returns the exact schedule conditional on the counts of one world: the top-C store after every epoch,
    /// the expected number of new entities acquired, and the posterior expected stored old mass.
    /// </summary>
    /// <param name="parameters">The fine-tuning model.</param>
    /// <param name="pretrainingCounts">n_k, the pre-training mentions of each old entity (first-appearance order). Range: n_k ≥ 0, Σ n_k = n_pre.</param>
    /// <param name="replayCounts">y_k, the replay-buffer mentions of each old entity. Range: y_k ≥ 0, Σ y_k = m, n_k + y_k ≥ 1.</param>
    /// <returns>One row per epoch 0..T.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The lists differ in length, a count is negative, an entity has no mention, or a sum differs from n_pre or m.</exception>
    /// <remarks>The stored old mass uses the PY posterior mean E[p_k | counts] = (n_k + y_k − d)/(θ + N); the rest
    /// of the mass, including the unseen mass (θ + d K)/(θ + N), is not stored. Exact: tie-breaks enter as exact
    /// fractions slots/ties.</remarks>
    public static ImmutableArray<FineTuningScheduleEpoch> Schedule(FineTuningParameters parameters, IReadOnlyList<int> pretrainingCounts, IReadOnlyList<int> replayCounts)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(pretrainingCounts);
        ArgumentNullException.ThrowIfNull(replayCounts);
        if (pretrainingCounts.Count != replayCounts.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"pretrainingCounts has {pretrainingCounts.Count} entries but replayCounts has {replayCounts.Count}; they must match (one per old entity)."), nameof(replayCounts));
        }

        long preSum = 0, replaySum = 0;
        for (int k = 0; k < pretrainingCounts.Count; k++)
        {
            if (pretrainingCounts[k] < 0 || replayCounts[k] < 0 || pretrainingCounts[k] + (long)replayCounts[k] == 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Entity {k} has counts ({pretrainingCounts[k]}, {replayCounts[k]}); valid: non-negative with at least one mention."), nameof(pretrainingCounts));
            }

            preSum += pretrainingCounts[k];
            replaySum += replayCounts[k];
        }

        if (preSum != parameters.PretrainingMentions || replaySum != parameters.ReplayMentions)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The counts sum to ({preSum}, {replaySum}) but the parameters have n_pre = {parameters.PretrainingMentions}, m = {parameters.ReplayMentions}."), nameof(pretrainingCounts));
        }

        Rational d = parameters.Knowledge.Discount, norm = parameters.Knowledge.Concentration + parameters.WorldMentions;
        List<ProfileEntry<Rational>> profile = [.. Group(pretrainingCounts, replayCounts).Select(g =>
            new ProfileEntry<Rational>(g.Key.Pretraining, g.Key.Replay, g.Value, g.Value * (g.Key.Pretraining + g.Key.Replay - d) / norm))];
        Rational miss = Rational.One - parameters.ValueMatch, initial = Rational.Zero;
        var rows = ImmutableArray.CreateBuilder<FineTuningScheduleEpoch>(parameters.Epochs + 1);
        for (int t = 0; t <= parameters.Epochs; t++)
        {
            EpochState<Rational> s = Evaluate(parameters, t, profile);
            if (t == 0)
            {
                initial = s.OldMass;
            }

            rows.Add(new FineTuningScheduleEpoch(
                t,
                parameters.NewEntityScore(t),
                s.NewAcquired,
                s.OldStored,
                s.OldMass,
                initial - s.OldMass,
                miss * (Rational.One - s.OldMass),
                miss * (Rational.One - (s.NewAcquired / parameters.NewEntities)),
                s.ThresholdKey is { } key ? new Rational(key, s.Scale) : null));
        }

        return rows.MoveToImmutable();
    }

    /// <summary>
    /// Simulates fine-tuning over independent worlds: each world seats n_pre + m mentions by the PY rule (the
    /// last m form the replay buffer), and the exact conditional schedule (<see cref="Schedule"/>, in double)
    /// gives every per-epoch quantity.
    /// </summary>
    /// <param name="parameters">The fine-tuning model.</param>
    /// <param name="worlds">The number of worlds R. Range: R ≥ 2.</param>
    /// <param name="seed">The seed; world r uses <see cref="CounterRandom.Create"/>(seed, r), draw i its counter i.</param>
    /// <param name="progress">Receives the completed fraction; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>Estimates with standard errors for epochs 0..T.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="worlds"/> is less than 2, or worlds × (T + 1) exceeds 2,000,000.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>
    /// <para>The weights are integrated out (Chinese-restaurant seating); stored masses are Rao–Blackwellised
    /// with the posterior means (n_k + y_k − d)/(θ + N), which is unbiased for the expected PY mass because the
    /// store is a function of the counts. Tie-breaks enter as their exact expectation. Cost O(N + T K log K)
    /// per world and 12 N bytes of memory per thread, plus 88 bytes per world and epoch for the replicate values; worlds run in parallel and the result does not depend on the
    /// thread count.</para>
    /// </remarks>
    public static FineTuningSimulation Simulate(FineTuningParameters parameters, int worlds, ulong seed, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(worlds, 2, nameof(worlds));
        int epochs = parameters.Epochs;
        if ((long)worlds * (epochs + 1) > MaximumWorldEpochs)
        {
            throw Preconditions.OutOfRange(nameof(worlds), worlds, string.Create(CultureInfo.InvariantCulture, $"2 <= worlds <= {MaximumWorldEpochs / (epochs + 1)} (worlds * (epochs + 1) <= {MaximumWorldEpochs}: every replicate value is kept so that the result does not depend on the thread count)"));
        }

        const int Quantities = 11;
        var values = new double[epochs + 1, Quantities, worlds];
        double d = parameters.Knowledge.DiscountValue, theta = parameters.Knowledge.ConcentrationValue, norm = theta + parameters.WorldMentions;
        double f = parameters.NewEntities, miss = 1 - parameters.ValueMatch.ToDouble();
        long done = 0;
        Parallel.For(
            0,
            worlds,
            new ParallelOptions { CancellationToken = cancellationToken },
            () => new SeatingBuffers(parameters.WorldMentions),
            (r, _, buffers) =>
            {
                int entities = buffers.Seat(parameters, CounterRandom.Create(seed, (ulong)r));
                List<ProfileEntry<double>> profile = [.. Group(new ArraySegment<int>(buffers.Pretraining, 0, entities), new ArraySegment<int>(buffers.Replay, 0, entities))
                    .Select(g => new ProfileEntry<double>(g.Key.Pretraining, g.Key.Replay, g.Value, g.Value * (g.Key.Pretraining + g.Key.Replay - d) / norm))];
                double initial = 0;
                for (int t = 0; t <= epochs; t++)
                {
                    EpochState<double> s = Evaluate(parameters, t, profile);
                    if (t == 0)
                    {
                        initial = s.OldMass;
                    }

                    values[t, 0, r] = s.NewAcquired;
                    values[t, 1, r] = s.OldStored;
                    values[t, 2, r] = s.OldMass;
                    values[t, 3, r] = initial - s.OldMass;
                    values[t, 4, r] = miss * (1 - s.OldMass);
                    values[t, 5, r] = miss * (1 - (s.NewAcquired / f));
                    values[t, 6, r] = s.Above;
                    values[t, 7, r] = s.Tied;
                    values[t, 8, r] = s.MassAbove;
                    values[t, 9, r] = s.EligibleOld;
                    values[t, 10, r] = s.EligibleMass;
                }

                progress?.Report((double)Interlocked.Increment(ref done) / worlds);
                return buffers;
            },
            _ => { });

        var rows = ImmutableArray.CreateBuilder<FineTuningSimulatedEpoch>(epochs + 1);
        var column = new double[worlds];
        for (int t = 0; t <= epochs; t++)
        {
            MonteCarloEstimate Summary(int q)
            {
                for (int r = 0; r < worlds; r++)
                {
                    column[r] = values[t, q, r];
                }

                return MonteCarlo.Summarize(column.AsSpan());
            }

            rows.Add(new FineTuningSimulatedEpoch(t, Summary(0), Summary(1), Summary(2), Summary(3), Summary(4), Summary(5), Summary(6), Summary(7), Summary(8), Summary(9), Summary(10)));
        }

        return new FineTuningSimulation(parameters, worlds, seed, rows.MoveToImmutable());
    }

    /// <summary>
    /// Returns the chance a that a guess from the base is right for a query of a uniformly random attribute
    /// (sampling decoding): a = (1/J) Σ_j E[Σ_v H_j(v)²], with E[Σ_v H(v)²] = 1/M_j for a uniform base and
    /// (b + 1)/(M_j b + 1) for a Dirichlet(b) base.
    /// </summary>
    /// <param name="model">The Syntax-Knowledge model.</param>
    /// <returns>The exact probability a (use it as <see cref="FineTuningParameters.ValueMatch"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <remarks>Queries ask attribute j with probability E[ρ_j] = 1/J (symmetric Dirichlet prior on ρ), and ρ is
    /// independent of the bases, so the expected hallucination factor is 1 − a (docs/03-formulas/hallucination.md#hallucination). For greedy
    /// decoding replace Σ_v H(v)² by max_v H(v) (equal to 1/M_j for a uniform base).</remarks>
    public static Rational ValueMatchProbability(SyntaxKnowledgeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Rational sum = Rational.Zero;
        foreach (AttributeSpec attribute in model.Attributes)
        {
            int values = attribute.Values.Length;
            sum += attribute.ValuePrior.Concentration is { } b ? (b + 1) / ((values * b) + 1) : new Rational(1, values);
        }

        return sum / model.Attributes.Length;
    }

    /// <summary>One pattern of an entity profile: how many old entities (or their expectation) have n pre-training and y replay mentions, and their PY mass.</summary>
    internal readonly record struct ProfileEntry<T>(int Pretraining, int Replay, T Count, T Mass);

    /// <summary>Everything about one epoch that the top-C rule and the linear sums give.</summary>
    internal readonly record struct EpochState<T>(
        bool NewEligible, T NewAcquired, T OldStored, T OldMass, BigInteger? ThresholdKey, BigInteger Scale, T Above, T Tied, T MassAbove, T MassTied, T EligibleOld, T EligibleMass);

    /// <summary>Applies the top-C rule with uniformly random tie-breaking (in expectation) to a profile after epoch t.</summary>
    /// <remarks>Scores are compared exactly as the integers key = p^t n + Q_t y (score × q^t, γ = p/q); the keys are
    /// 128-bit integers when they fit and big integers otherwise.</remarks>
    internal static EpochState<T> Evaluate<T>(FineTuningParameters parameters, int epoch, IReadOnlyList<ProfileEntry<T>> profile)
        where T : INumber<T>
    {
        (BigInteger p, BigInteger q, BigInteger scale) = parameters.ScoreScale(epoch);
        BigInteger newKey = q * parameters.Repetitions;
        BigInteger maxKey = (p * parameters.PretrainingMentions) + (q * Math.Max(parameters.ReplayMentions, parameters.Repetitions));

        // Eligible: key >= 1 and key * v >= u * scale for kappa = u/v, i.e. key >= max(1, ceil(u * scale / v)).
        BigInteger minKey = BigInteger.Max(BigInteger.One, BigInteger.DivRem(parameters.MinimumScore.Numerator * scale, parameters.MinimumScore.Denominator, out BigInteger rest) + (rest.IsZero ? 0 : 1));
        minKey = BigInteger.Min(minKey, maxKey + 1);
        bool newEligible = epoch > 0 && newKey >= minKey;
        return maxKey < (BigInteger)Int128.MaxValue / 2
            ? Evaluate(parameters, profile, (Int128)p, (Int128)q, (Int128)minKey, (Int128)newKey, newEligible, scale)
            : Evaluate(parameters, profile, p, q, minKey, newKey, newEligible, scale);
    }

    private static EpochState<T> Evaluate<T, TKey>(FineTuningParameters parameters, IReadOnlyList<ProfileEntry<T>> profile, TKey p, TKey q, TKey minKey, TKey newKey, bool newEligible, BigInteger scale)
        where T : INumber<T>
        where TKey : IBinaryInteger<TKey>
    {
        // Eligible patterns (index −1 marks the new entities' level), sorted by key; equal keys form one level.
        var keys = new TKey[profile.Count + 1];
        var items = new int[profile.Count + 1];
        int length = 0;
        T above = T.Zero, tied = T.Zero, massAbove = T.Zero, massTied = T.Zero, eligible = T.Zero, eligibleMass = T.Zero;
        for (int i = 0; i < profile.Count; i++)
        {
            ProfileEntry<T> entry = profile[i];
            TKey key = (p * TKey.CreateChecked(entry.Pretraining)) + (q * TKey.CreateChecked(entry.Replay));
            if (key < minKey)
            {
                continue;
            }

            eligible += entry.Count;
            eligibleMass += entry.Mass;
            if (key > newKey)
            {
                above += entry.Count;
                massAbove += entry.Mass;
            }
            else if (key == newKey)
            {
                tied += entry.Count;
                massTied += entry.Mass;
            }

            keys[length] = key;
            items[length++] = i;
        }

        if (newEligible)
        {
            keys[length] = newKey;
            items[length++] = -1;
        }

        Array.Sort(keys, items, 0, length);
        T capacity = T.CreateChecked(parameters.Capacity), fresh = T.CreateChecked(parameters.NewEntities);
        T acquired = T.Zero, stored = T.Zero, storedMass = T.Zero;
        BigInteger? threshold = null;
        int end = length;
        while (end > 0)
        {
            int start = end - 1;
            while (start > 0 && keys[start - 1] == keys[end - 1])
            {
                start--;
            }

            T count = T.Zero, mass = T.Zero, newcomers = T.Zero;
            for (int j = start; j < end; j++)
            {
                if (items[j] < 0)
                {
                    newcomers = fresh;
                }
                else
                {
                    count += profile[items[j]].Count;
                    mass += profile[items[j]].Mass;
                }
            }

            T total = count + newcomers;
            if (total > T.Zero)
            {
                if (total >= capacity)
                {
                    // The C-th place falls in this level: each of its entities is stored with probability capacity/total.
                    T share = capacity / total;
                    acquired += share * newcomers;
                    stored += share * count;
                    storedMass += share * mass;
                    threshold = BigInteger.CreateChecked(keys[start]);
                    break;
                }

                acquired += newcomers;
                stored += count;
                storedMass += mass;
                capacity -= total;
            }

            end = start;
        }

        return new EpochState<T>(newEligible, acquired, stored, storedMass, threshold, scale, above, tied, massAbove, massTied, eligible, eligibleMass);
    }

    // score > 0 and score >= kappa, with score = key/scale and kappa = u/v: key * v >= u * scale.
    private static bool IsEligible(FineTuningParameters parameters, BigInteger key, BigInteger scale) =>
        key.Sign > 0 && key * parameters.MinimumScore.Denominator >= parameters.MinimumScore.Numerator * scale;

    private static Dictionary<(int Pretraining, int Replay), int> Group(IReadOnlyList<int> pretraining, IReadOnlyList<int> replay)
    {
        var groups = new Dictionary<(int, int), int>();
        for (int k = 0; k < pretraining.Count; k++)
        {
            (int, int) pattern = (pretraining[k], replay[k]);
            groups[pattern] = groups.TryGetValue(pattern, out int c) ? c + 1 : 1;
        }

        return groups;
    }

    private static BigInteger[] BinomialRow(int n)
    {
        var row = new BigInteger[n + 1];
        row[0] = BigInteger.One;
        for (int k = 0; k < n; k++)
        {
            row[k + 1] = row[k] * (n - k) / (k + 1);
        }

        return row;
    }

    // The expected profile e(n, y) in double, leaving out patterns with expected count below 1e-12.
    private static (List<ProfileEntry<double>> Profile, double Neglected) ExpectedProfile(FineTuningParameters parameters, CancellationToken cancellationToken)
    {
        int npre = parameters.PretrainingMentions, m = parameters.ReplayMentions, total = parameters.WorldMentions;
        double d = parameters.Knowledge.DiscountValue, theta = parameters.Knowledge.ConcentrationValue, norm = theta + total;
        double lnDenominator = Pochhammer.LogRising(theta + 1, total - 1), lnCut = Math.Log(NegligibleCount);
        var profile = new List<ProfileEntry<double>>();
        double neglected = 0;
        for (int s = 1; s <= total; s++)
        {
            if ((s & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // ln E[K_{N,s}] = ln C(N, s) + ln (1−d)_{s−1} + ln (θ+d)_{N−s} − ln (θ+1)_{N−1}.
            double lnBlocks = SpecialFunctions.BinomialLn(total, s) + Pochhammer.LogRising(1 - d, s - 1) + Pochhammer.LogRising(theta + d, total - s) - lnDenominator;
            int low = Math.Max(0, s - m), high = Math.Min(npre, s);
            if (lnBlocks < lnCut)
            {
                neglected += Math.Exp(lnBlocks);
                continue;
            }

            // e(n) = E[K_{N,s}] h(n) with the hypergeometric split h(n) = C(n_pre, n) C(m, s−n)/C(N, s), unimodal in n: start at
            // the mode (log-gamma) and walk down and up by the term ratios until the terms are negligible.
            int mode = Math.Clamp((int)((s + 1.0) * (npre + 1.0) / (total + 2.0)), low, high);
            double atMode = Math.Exp(lnBlocks - SpecialFunctions.BinomialLn(total, s) + SpecialFunctions.BinomialLn(npre, mode) + SpecialFunctions.BinomialLn(m, s - mode));
            profile.Add(new ProfileEntry<double>(mode, s - mode, atMode, atMode * (s - d) / norm));
            double e = atMode;
            for (int n = mode - 1; n >= low; n--)
            {
                e *= (n + 1.0) / (npre - n) * (m - s + n + 1.0) / (s - n); // h(n)/h(n+1)
                if (e < NegligibleCount)
                {
                    neglected += e * (n - low + 1);
                    break;
                }

                profile.Add(new ProfileEntry<double>(n, s - n, e, e * (s - d) / norm));
            }

            e = atMode;
            for (int n = mode + 1; n <= high; n++)
            {
                e *= (npre - n + 1.0) / n * (s - n + 1.0) / (m - s + n); // h(n)/h(n−1)
                if (e < NegligibleCount)
                {
                    neglected += e * (high - n + 1);
                    break;
                }

                profile.Add(new ProfileEntry<double>(n, s - n, e, e * (s - d) / norm));
            }
        }

        return (profile, neglected);
    }

    /// <summary>Per-thread buffers of the seating simulation: counts per entity in pre-training and in the replay buffer.</summary>
    private sealed class SeatingBuffers(int mentions)
    {
        private readonly int[] _repeats = new int[mentions];

        public int[] Pretraining { get; } = new int[mentions];

        public int[] Replay { get; } = new int[mentions];

        // Seats n_pre + m mentions by the PY rule (one uniform per mention, O(1) per mention: v = u (θ + i) below
        // θ + K d founds an entity; otherwise the rest splits into i − K unit weights, one per earlier repeat
        // mention, and K weights 1 − d, so entity k gets n_k − d); returns the number of entities K.
        public int Seat(FineTuningParameters parameters, CounterRandom random)
        {
            double d = parameters.Knowledge.DiscountValue, theta = parameters.Knowledge.ConcentrationValue, oneMinusD = 1 - d;
            int npre = parameters.PretrainingMentions, total = parameters.WorldMentions, entities = 0, repeats = 0;
            for (int i = 0; i < total; i++)
            {
                int entity;
                double v = random.Uniform((ulong)i) * (theta + i), newWeight = theta + (entities * d);
                if (i == 0 || v < newWeight)
                {
                    entity = entities++;
                    Pretraining[entity] = 0;
                    Replay[entity] = 0;
                }
                else
                {
                    double w = v - newWeight;
                    entity = w < repeats ? _repeats[(int)w] : Math.Min(entities - 1, (int)((w - repeats) / oneMinusD));
                    _repeats[repeats++] = entity;
                }

                if (i < npre)
                {
                    Pretraining[entity]++;
                }
                else
                {
                    Replay[entity]++;
                }
            }

            return entities;
        }
    }
}
