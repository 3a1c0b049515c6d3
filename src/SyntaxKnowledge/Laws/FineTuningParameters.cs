using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Laws;

/// <summary>
/// The explicit fine-tuning model of docs/03-formulas/fine-tuning.md#fine-tuning-a-capacity-limited-learner: every assumption is one of these parameters.
/// </summary>
/// <remarks>
/// <para><b>World and pre-training.</b> Entities have Pitman–Yor PY(d, θ) weights p (<see cref="Knowledge"/>).
/// Pre-training shows n_pre mentions drawn i.i.d. from p (<see cref="PretrainingMentions"/>); entity k is
/// seen n_k times.</para>
/// <para><b>Fine-tuning set.</b> One epoch shows F new entities (<see cref="NewEntities"/>), each r times
/// (<see cref="Repetitions"/>), plus a replay buffer of m mentions (<see cref="ReplayMentions"/>) drawn once,
/// before the first epoch, from the same pre-training distribution p and shown again in every epoch (a
/// fixed fine-tuning data set, iterated). Old entity k has y_k mentions in the buffer. The replay fraction
/// is the share of fine-tuning mentions that are replay: λ = m/(m + F r) (<see cref="ReplayFraction"/>).</para>
/// <para><b>Learner.</b> After pre-training the learner's score of entity k is its count n_k. Each epoch
/// multiplies every score by the decay γ (<see cref="Decay"/>, per epoch) and adds the epoch's mentions, so
/// after epoch t an old entity scores γᵗ n_k + g_t y_k and a new one x_t = r g_t, with
/// g_t = 1 + γ + … + γ^(t−1). An entity is eligible when its score is positive and at least κ
/// (<see cref="MinimumScore"/>). The learner stores the C eligible entities of highest score
/// (<see cref="Capacity"/>); a tie at the C-th place is broken uniformly at random (results are exact
/// expectations over the tie-break). Storing an entity stores its name and all its facts: its facts are
/// "acquired".</para>
/// <para><b>Queries.</b> An old query asks a fact of an entity drawn from p (so it may be unseen); a new query
/// asks a fact of one of the F new entities, uniformly. A query about an entity that is not stored is answered
/// by a guess from the base H_j, which is right with probability a (<see cref="ValueMatch"/>: Σ_v H_j(v)² for
/// sampling, max_v H_j(v) for greedy decoding); the hallucination rate is (1 − a) × P(not stored) (§10).</para>
/// <para>Immutable; build with <see cref="Create"/> or <see cref="TryCreate"/>, which validate.</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2504.09597">Pan, Wang, Liao, Li (2025), §6 (fine-tuning and hallucination).</seealso>
public sealed record FineTuningParameters
{
    /// <summary>The largest supported pre-training budget.</summary>
    public const int MaximumMentions = 100_000_000;

    /// <summary>The largest supported number of epochs.</summary>
    public const int MaximumEpochs = 1_000;

    private FineTuningParameters(PitmanYorParameters knowledge, int pretrainingMentions, int capacity, int newEntities, int repetitions, int replayMentions, Rational decay, int epochs, Rational valueMatch, Rational minimumScore)
    {
        Knowledge = knowledge;
        PretrainingMentions = pretrainingMentions;
        Capacity = capacity;
        NewEntities = newEntities;
        Repetitions = repetitions;
        ReplayMentions = replayMentions;
        Decay = decay;
        Epochs = epochs;
        ValueMatch = valueMatch;
        MinimumScore = minimumScore;
    }

    /// <summary>Gets the Pitman–Yor parameters of the pre-training world.</summary>
    public PitmanYorParameters Knowledge { get; }

    /// <summary>Gets the number of pre-training mentions n_pre. Range: 1 ≤ n_pre ≤ 10⁸.</summary>
    public int PretrainingMentions { get; }

    /// <summary>Gets the capacity C: the number of entities the learner can store. Range: C ≥ 1.</summary>
    public int Capacity { get; }

    /// <summary>Gets the number F of new entities in the fine-tuning set. Range: F ≥ 1.</summary>
    public int NewEntities { get; }

    /// <summary>Gets the number r of mentions of each new entity per epoch. Range: r ≥ 1.</summary>
    public int Repetitions { get; }

    /// <summary>Gets the size m of the replay buffer (mentions drawn once from the pre-training distribution, shown every epoch). Range: 0 ≤ m ≤ 10⁸.</summary>
    public int ReplayMentions { get; }

    /// <summary>Gets the per-epoch decay γ of the learner's scores. Range: 0 &lt; γ ≤ 1 (1: no decay).</summary>
    public Rational Decay { get; }

    /// <summary>Gets the number of fine-tuning epochs T. Range: 1 ≤ T ≤ 1000.</summary>
    public int Epochs { get; }

    /// <summary>Gets the probability a that a guess from the base H_j equals the true value. Range: 0 ≤ a ≤ 1.</summary>
    public Rational ValueMatch { get; }

    /// <summary>Gets the minimum score κ an entity needs to be stored at all. Range: κ ≥ 0.</summary>
    public Rational MinimumScore { get; }

    /// <summary>Gets the replay fraction λ = m/(m + F r): the share of fine-tuning mentions that are replayed pre-training data.</summary>
    public Rational ReplayFraction => new Rational(ReplayMentions, 1) / (ReplayMentions + ((long)NewEntities * Repetitions));

    /// <summary>Gets the total number of mentions of old entities the world generates, N = n_pre + m.</summary>
    public int WorldMentions => checked(PretrainingMentions + ReplayMentions);

    /// <summary>Creates validated fine-tuning parameters.</summary>
    /// <param name="knowledge">The pre-training world's PY(d, θ).</param>
    /// <param name="pretrainingMentions">n_pre. Range: 1 ≤ n_pre ≤ 10⁸.</param>
    /// <param name="capacity">C. Range: C ≥ 1.</param>
    /// <param name="newEntities">F. Range: F ≥ 1.</param>
    /// <param name="repetitions">r. Range: r ≥ 1.</param>
    /// <param name="replayMentions">m. Range: 0 ≤ m ≤ 10⁸ and n_pre + m ≤ 10⁸.</param>
    /// <param name="decay">γ. Range: 0 &lt; γ ≤ 1.</param>
    /// <param name="epochs">T. Range: 1 ≤ T ≤ 1000.</param>
    /// <param name="valueMatch">a. Range: 0 ≤ a ≤ 1.</param>
    /// <param name="minimumScore">κ (default 0). Range: κ ≥ 0.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public static FineTuningParameters Create(PitmanYorParameters knowledge, int pretrainingMentions, int capacity, int newEntities, int repetitions, int replayMentions, Rational decay, int epochs, Rational valueMatch, Rational minimumScore = default)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return Validate(pretrainingMentions, capacity, newEntities, repetitions, replayMentions, decay, epochs, valueMatch, minimumScore) is { } error
            ? throw error
            : new FineTuningParameters(knowledge, pretrainingMentions, capacity, newEntities, repetitions, replayMentions, decay, epochs, valueMatch, minimumScore);
    }

    /// <summary>Tries to create validated fine-tuning parameters (see <see cref="Create"/> for the ranges).</summary>
    /// <param name="knowledge">The pre-training world's PY(d, θ).</param>
    /// <param name="pretrainingMentions">n_pre.</param>
    /// <param name="capacity">C.</param>
    /// <param name="newEntities">F.</param>
    /// <param name="repetitions">r.</param>
    /// <param name="replayMentions">m.</param>
    /// <param name="decay">γ.</param>
    /// <param name="epochs">T.</param>
    /// <param name="valueMatch">a.</param>
    /// <param name="minimumScore">κ.</param>
    /// <param name="parameters">The parameters when valid; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when every parameter is in range.</returns>
    public static bool TryCreate(PitmanYorParameters? knowledge, int pretrainingMentions, int capacity, int newEntities, int repetitions, int replayMentions, Rational decay, int epochs, Rational valueMatch, Rational minimumScore, [NotNullWhen(true)] out FineTuningParameters? parameters)
    {
        parameters = knowledge is not null && Validate(pretrainingMentions, capacity, newEntities, repetitions, replayMentions, decay, epochs, valueMatch, minimumScore) is null
            ? new FineTuningParameters(knowledge, pretrainingMentions, capacity, newEntities, repetitions, replayMentions, decay, epochs, valueMatch, minimumScore)
            : null;
        return parameters is not null;
    }

    /// <summary>Returns the replay buffer size m for which the replay fraction m/(m + F r) equals λ exactly.</summary>
    /// <param name="replayFraction">λ. Range: 0 ≤ λ &lt; 1, with λ F r/(1 − λ) an integer.</param>
    /// <param name="newEntities">F. Range: F ≥ 1.</param>
    /// <param name="repetitions">r. Range: r ≥ 1.</param>
    /// <returns>m = λ F r/(1 − λ).</returns>
    /// <exception cref="ArgumentOutOfRangeException">λ is outside [0, 1) or a count is less than one.</exception>
    /// <exception cref="ArgumentException">λ F r/(1 − λ) is not an integer (no buffer size gives exactly λ).</exception>
    public static int ReplayMentionsFor(Rational replayFraction, int newEntities, int repetitions)
    {
        if (replayFraction.Sign < 0 || replayFraction >= Rational.One)
        {
            throw Preconditions.OutOfRange(nameof(replayFraction), replayFraction, "0 <= replayFraction < 1");
        }

        Preconditions.AtLeast(newEntities, 1, nameof(newEntities));
        Preconditions.AtLeast(repetitions, 1, nameof(repetitions));
        Rational m = replayFraction * ((long)newEntities * repetitions) / (Rational.One - replayFraction);
        if (!m.IsInteger || m > MaximumMentions)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"replayFraction = {replayFraction}: the buffer size lambda*F*r/(1-lambda) = {m} is not an integer in [0, {MaximumMentions}] for F = {newEntities}, r = {repetitions}; choose lambda = m/(m + F*r) for an integer m."),
                nameof(replayFraction));
        }

        return (int)m.Numerator;
    }

    /// <summary>Returns g_t = 1 + γ + … + γ^(t−1), the decayed weight after epoch t of one mention per epoch (g_0 = 0).</summary>
    /// <param name="epoch">The epoch t. Range: 0 ≤ t ≤ T.</param>
    /// <returns>g_t exactly.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is outside [0, T].</exception>
    public Rational DecayedWeight(int epoch)
    {
        Preconditions.InRange(epoch, 0, Epochs, nameof(epoch));
        Rational sum = Rational.Zero, power = Rational.One;
        for (int u = 0; u < epoch; u++)
        {
            sum += power;
            power *= Decay;
        }

        return sum;
    }

    /// <summary>Returns the score of an entity with n pre-training and y replay mentions after epoch t: γᵗ n + g_t y.</summary>
    /// <param name="epoch">The epoch t. Range: 0 ≤ t ≤ T.</param>
    /// <param name="pretraining">n. Range: n ≥ 0.</param>
    /// <param name="replay">y (mentions per epoch). Range: y ≥ 0.</param>
    /// <returns>The exact score.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public Rational Score(int epoch, int pretraining, int replay)
    {
        Preconditions.AtLeast(pretraining, 0, nameof(pretraining));
        Preconditions.AtLeast(replay, 0, nameof(replay));
        return (Rational.Pow(Decay, epoch) * pretraining) + (DecayedWeight(epoch) * replay);
    }

    /// <summary>Returns the score x_t = r g_t of every new entity after epoch t (x_0 = 0: not yet seen).</summary>
    /// <param name="epoch">The epoch t. Range: 0 ≤ t ≤ T.</param>
    /// <returns>The exact score.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is outside [0, T].</exception>
    public Rational NewEntityScore(int epoch) => DecayedWeight(epoch) * Repetitions;

    /// <summary>Returns whether a score makes an entity eligible: positive and at least κ.</summary>
    /// <param name="score">The score.</param>
    /// <returns><see langword="true"/> when score &gt; 0 and score ≥ κ.</returns>
    public bool IsEligible(Rational score) => score.Sign > 0 && score >= MinimumScore;

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"FineTuning({Knowledge}, n_pre = {PretrainingMentions}, C = {Capacity}, F = {NewEntities}, r = {Repetitions}, m = {ReplayMentions}, decay = {Decay}, T = {Epochs}, a = {ValueMatch}, kappa = {MinimumScore})");

    /// <summary>The exact scores after epoch t scaled by q^t (γ = p/q) are the integers p^t n + Q_t y with Q_t = Σ_{u&lt;t} p^u q^(t−u).</summary>
    internal (BigInteger P, BigInteger Q, BigInteger Scale) ScoreScale(int epoch)
    {
        BigInteger p = Decay.Numerator, q = Decay.Denominator, sum = BigInteger.Zero;
        for (int u = 0; u < epoch; u++)
        {
            sum += BigInteger.Pow(p, u) * BigInteger.Pow(q, epoch - u);
        }

        return (BigInteger.Pow(p, epoch), sum, BigInteger.Pow(q, epoch));
    }

    private static ArgumentOutOfRangeException? Validate(int pretrainingMentions, int capacity, int newEntities, int repetitions, int replayMentions, Rational decay, int epochs, Rational valueMatch, Rational minimumScore)
    {
        string Range(string name, long low, long high) => string.Create(CultureInfo.InvariantCulture, $"{low} <= {name} <= {high}");
        if (pretrainingMentions < 1 || pretrainingMentions > MaximumMentions)
        {
            return Preconditions.OutOfRange(nameof(pretrainingMentions), pretrainingMentions, Range(nameof(pretrainingMentions), 1, MaximumMentions));
        }

        if (replayMentions < 0 || (long)replayMentions + pretrainingMentions > MaximumMentions)
        {
            return Preconditions.OutOfRange(nameof(replayMentions), replayMentions, Range(nameof(replayMentions), 0, MaximumMentions - pretrainingMentions));
        }

        if (capacity < 1)
        {
            return Preconditions.OutOfRange(nameof(capacity), capacity, "capacity >= 1");
        }

        if (newEntities < 1 || newEntities > MaximumMentions)
        {
            return Preconditions.OutOfRange(nameof(newEntities), newEntities, Range(nameof(newEntities), 1, MaximumMentions));
        }

        if (repetitions < 1 || repetitions > MaximumMentions)
        {
            return Preconditions.OutOfRange(nameof(repetitions), repetitions, Range(nameof(repetitions), 1, MaximumMentions));
        }

        if (decay.Sign <= 0 || decay > Rational.One)
        {
            return Preconditions.OutOfRange(nameof(decay), decay, "0 < decay <= 1");
        }

        if (epochs < 1 || epochs > MaximumEpochs)
        {
            return Preconditions.OutOfRange(nameof(epochs), epochs, Range(nameof(epochs), 1, MaximumEpochs));
        }

        if (valueMatch.Sign < 0 || valueMatch > Rational.One)
        {
            return Preconditions.OutOfRange(nameof(valueMatch), valueMatch, "0 <= valueMatch <= 1");
        }

        return minimumScore.Sign < 0 ? Preconditions.OutOfRange(nameof(minimumScore), minimumScore, "minimumScore >= 0") : null;
    }
}
