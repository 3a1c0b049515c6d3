using System.Collections.Immutable;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Simulation;
using SyntaxKnowledge.Internal;

namespace SyntaxKnowledge.Laws;

/// <summary>
/// The exact expectations over PY worlds, after epoch t, of the fine-tuning quantities that are linear in the
/// entity profile (docs/03-formulas/fine-tuning.md#fine-tuning-a-capacity-limited-learner). "Old" entities are those of the pre-training world that were mentioned in
/// pre-training or in the replay buffer.
/// </summary>
/// <param name="Epoch">The epoch t (0 = end of pre-training).</param>
/// <param name="NewScore">The score x_t = r g_t of every new entity (0 at t = 0).</param>
/// <param name="NewEligible">Whether the new entities are eligible (x_t &gt; 0 and x_t ≥ κ).</param>
/// <param name="ExpectedOldScore">E[Σ_k score_k] = γᵗ n_pre + g_t m, the decayed count mass of the old entities.</param>
/// <param name="EligibleOld">E[number of old entities with score &gt; 0 and ≥ κ]: what an unlimited learner stores.</param>
/// <param name="EligibleOldMass">E[Σ p_k over the eligible old entities]: the old mass an unlimited learner stores.</param>
/// <param name="CompetitorsAbove">E[number of eligible old entities scoring strictly above x_t].</param>
/// <param name="CompetitorsTied">E[number of eligible old entities scoring exactly x_t].</param>
/// <param name="MassAbove">E[Σ p_k over eligible old entities scoring above x_t]: old mass new entities cannot displace.</param>
/// <param name="MassTied">E[Σ p_k over eligible old entities scoring exactly x_t].</param>
public sealed record FineTuningExactEpoch(
    int Epoch,
    Rational NewScore,
    bool NewEligible,
    Rational ExpectedOldScore,
    Rational EligibleOld,
    Rational EligibleOldMass,
    Rational CompetitorsAbove,
    Rational CompetitorsTied,
    Rational MassAbove,
    Rational MassTied);

/// <summary>The exact fine-tuning schedule after epoch t, conditional on given pre-training and replay counts.</summary>
/// <param name="Epoch">The epoch t (0 = end of pre-training).</param>
/// <param name="NewScore">The new entities' score x_t.</param>
/// <param name="NewAcquired">The expected number of new entities stored (expectation over the tie-break).</param>
/// <param name="OldStored">The expected number of old entities stored.</param>
/// <param name="OldStoredMass">The posterior expected PY mass of the stored old entities, Σ π_k (n_k + y_k − d)/(θ + N).</param>
/// <param name="ForgottenMass">OldStoredMass at epoch 0 minus OldStoredMass now (net loss of stored pre-training mass).</param>
/// <param name="HallucinationOld">(1 − a)(1 − OldStoredMass): the posterior expected hallucination rate of old queries.</param>
/// <param name="HallucinationNew">(1 − a)(1 − NewAcquired/F): the hallucination rate of new queries.</param>
/// <param name="Threshold">The eviction threshold: the C-th largest eligible score, or <see langword="null"/> when fewer than C entities are eligible (nothing is evicted for lack of room).</param>
public sealed record FineTuningScheduleEpoch(
    int Epoch,
    Rational NewScore,
    Rational NewAcquired,
    Rational OldStored,
    Rational OldStoredMass,
    Rational ForgottenMass,
    Rational HallucinationOld,
    Rational HallucinationNew,
    Rational? Threshold);

/// <summary>
/// The fine-tuning forecast after epoch t: the capacity-limited quantities by the fluid (expected-profile)
/// approximation, rigorous bounds on their exact expectations, and the exact linear quantities (in double).
/// </summary>
/// <param name="Epoch">The epoch t (0 = end of pre-training).</param>
/// <param name="NewScore">The new entities' score x_t.</param>
/// <param name="NewEligible">Whether the new entities are eligible.</param>
/// <param name="NewAcquired">Fluid approximation of E[new entities stored].</param>
/// <param name="NewAcquiredLower">Rigorous lower bound on E[new entities stored]: F (1 − E[U]/(C − F + 1))⁺ with U the old competitors at or above x_t (Markov), 0 when C &lt; F.</param>
/// <param name="NewAcquiredUpper">Rigorous upper bound on E[new entities stored]: min(F, C) when eligible, else 0.</param>
/// <param name="OldStored">Fluid approximation of E[old entities stored].</param>
/// <param name="OldStoredUpper">Rigorous upper bound min(C, E[eligible old]) (Jensen).</param>
/// <param name="OldStoredMass">Fluid approximation of E[stored old PY mass].</param>
/// <param name="OldStoredMassUpper">Rigorous upper bound: E[eligible old mass] (the store is a subset of the eligible entities).</param>
/// <param name="ForgottenMass">Fluid approximation of the net stored old mass lost since epoch 0.</param>
/// <param name="HallucinationOld">Fluid approximation of the old-query hallucination rate (1 − a)(1 − stored old mass).</param>
/// <param name="HallucinationOldLower">Rigorous lower bound (1 − a)(1 − E[eligible old mass]).</param>
/// <param name="HallucinationNew">Fluid approximation of the new-query hallucination rate (1 − a)(1 − acquired/F).</param>
/// <param name="HallucinationNewLower">Rigorous lower bound from <paramref name="NewAcquiredUpper"/>.</param>
/// <param name="HallucinationNewUpper">Rigorous upper bound from <paramref name="NewAcquiredLower"/>.</param>
/// <param name="CompetitorsAbove">Exact (double) E[eligible old entities scoring above x_t].</param>
/// <param name="CompetitorsTied">Exact (double) E[eligible old entities scoring exactly x_t].</param>
/// <param name="MassAbove">Exact (double) E[mass of eligible old entities scoring above x_t].</param>
/// <param name="EligibleOld">Exact (double) E[eligible old entities].</param>
/// <param name="EligibleOldMass">Exact (double) E[eligible old mass].</param>
/// <param name="Threshold">Fluid eviction threshold: the score at which the expected number of eligible entities at or above reaches C (NaN when it never does).</param>
public sealed record FineTuningPredictedEpoch(
    int Epoch,
    double NewScore,
    bool NewEligible,
    double NewAcquired,
    double NewAcquiredLower,
    double NewAcquiredUpper,
    double OldStored,
    double OldStoredUpper,
    double OldStoredMass,
    double OldStoredMassUpper,
    double ForgottenMass,
    double HallucinationOld,
    double HallucinationOldLower,
    double HallucinationNew,
    double HallucinationNewLower,
    double HallucinationNewUpper,
    double CompetitorsAbove,
    double CompetitorsTied,
    double MassAbove,
    double EligibleOld,
    double EligibleOldMass,
    double Threshold);

/// <summary>The fine-tuning forecast: one row per epoch 0..T and notes on accuracy and validity.</summary>
/// <param name="Parameters">The parameters.</param>
/// <param name="Epochs">Rows for epochs 0..T.</param>
/// <param name="NeglectedCount">An upper bound on the expected number of old entities left out of the expected profile (patterns with expected count below 1e-12).</param>
/// <param name="Notes">What is exact and what is approximate.</param>
public sealed record FineTuningForecast(FineTuningParameters Parameters, ImmutableArray<FineTuningPredictedEpoch> Epochs, double NeglectedCount, ImmutableArray<string> Notes)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(FineTuningForecast? other) =>
        other is not null
            && Equals(Parameters, other.Parameters)
            && Sequence.Equal(Epochs, other.Epochs)
            && Equals(NeglectedCount, other.NeglectedCount)
            && Sequence.Equal(Notes, other.Notes);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Parameters);
        hash.Add(Sequence.Hash(Epochs));
        hash.Add(NeglectedCount);
        hash.Add(Sequence.Hash(Notes));
        return hash.ToHashCode();
    }
}

/// <summary>Monte Carlo estimates over worlds of every fine-tuning quantity after epoch t.</summary>
/// <param name="Epoch">The epoch t.</param>
/// <param name="NewAcquired">New entities stored.</param>
/// <param name="OldStored">Old entities stored.</param>
/// <param name="OldStoredMass">Stored old PY mass (Rao–Blackwellised: posterior mean weights given the world's counts).</param>
/// <param name="ForgottenMass">Stored old mass at epoch 0 minus now (paired within each world).</param>
/// <param name="HallucinationOld">Old-query hallucination rate.</param>
/// <param name="HallucinationNew">New-query hallucination rate.</param>
/// <param name="CompetitorsAbove">Eligible old entities scoring above the new entities.</param>
/// <param name="CompetitorsTied">Eligible old entities tied with the new entities.</param>
/// <param name="MassAbove">Mass of eligible old entities scoring above the new entities.</param>
/// <param name="EligibleOld">Eligible old entities.</param>
/// <param name="EligibleOldMass">Eligible old mass.</param>
public sealed record FineTuningSimulatedEpoch(
    int Epoch,
    MonteCarloEstimate NewAcquired,
    MonteCarloEstimate OldStored,
    MonteCarloEstimate OldStoredMass,
    MonteCarloEstimate ForgottenMass,
    MonteCarloEstimate HallucinationOld,
    MonteCarloEstimate HallucinationNew,
    MonteCarloEstimate CompetitorsAbove,
    MonteCarloEstimate CompetitorsTied,
    MonteCarloEstimate MassAbove,
    MonteCarloEstimate EligibleOld,
    MonteCarloEstimate EligibleOldMass);

/// <summary>A fine-tuning simulation over independent worlds.</summary>
/// <param name="Parameters">The parameters.</param>
/// <param name="Worlds">The number of worlds R.</param>
/// <param name="Seed">The seed (world r uses stream r).</param>
/// <param name="Epochs">Rows for epochs 0..T.</param>
public sealed record FineTuningSimulation(FineTuningParameters Parameters, int Worlds, ulong Seed, ImmutableArray<FineTuningSimulatedEpoch> Epochs)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(FineTuningSimulation? other) =>
        other is not null
            && Equals(Parameters, other.Parameters)
            && Equals(Worlds, other.Worlds)
            && Equals(Seed, other.Seed)
            && Sequence.Equal(Epochs, other.Epochs);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Parameters);
        hash.Add(Worlds);
        hash.Add(Seed);
        hash.Add(Sequence.Hash(Epochs));
        return hash.ToHashCode();
    }
}
