using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics.Distributions;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Evaluation;

/// <summary>How <see cref="ProbeScoring.Score"/> scores probe answers: calibration bins, bootstrap, the exposure fit and the model size.</summary>
/// <remarks>Immutable; build with <see cref="Create"/>, which validates.</remarks>
public sealed record ProbeScoringOptions
{
    /// <summary>The default number of equal-width calibration bins on [0, 1].</summary>
    public const int DefaultCalibrationBins = 10;

    /// <summary>The default number of bootstrap replicates for the calibration error's standard error.</summary>
    public const int DefaultBootstrapReplicates = 200;

    /// <summary>The default largest exposure count r tried by the acquisition fit.</summary>
    public const int DefaultMaxExposures = 64;

    /// <summary>The default confidence level of the profile-likelihood interval of r.</summary>
    public const double DefaultConfidenceLevel = 0.95;

    private ProbeScoringOptions(double? parameters, int bins, int replicates, ulong seed, int maxExposures, double level) =>
        (Parameters, CalibrationBins, BootstrapReplicates, Seed, MaxExposures, ConfidenceLevel) = (parameters, bins, replicates, seed, maxExposures, level);

    /// <summary>Gets the language model's parameter count (for bits per parameter), or <see langword="null"/> when unknown.</summary>
    public double? Parameters { get; }

    /// <summary>Gets the number of equal-width calibration bins.</summary>
    public int CalibrationBins { get; }

    /// <summary>Gets the number of bootstrap replicates over probes (0: no bootstrap, standard errors NaN).</summary>
    public int BootstrapReplicates { get; }

    /// <summary>Gets the bootstrap seed (replicate b of group g uses <see cref="CounterRandom.Create"/>(seed, b).Substream(g)).</summary>
    public ulong Seed { get; }

    /// <summary>Gets the largest exposure count R tried by the fit of r (r = 1..R).</summary>
    public int MaxExposures { get; }

    /// <summary>Gets the confidence level of the profile-likelihood interval of r.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Gets the default options (no parameter count).</summary>
    public static ProbeScoringOptions Default { get; } = new(null, DefaultCalibrationBins, DefaultBootstrapReplicates, 0, DefaultMaxExposures, DefaultConfidenceLevel);

    /// <summary>Creates validated options.</summary>
    /// <param name="parameters">The model's parameter count, or <see langword="null"/>. Range: 1 ≤ P ≤ 1e15.</param>
    /// <param name="calibrationBins">Calibration bins. Range: 1 to 1000.</param>
    /// <param name="bootstrapReplicates">Bootstrap replicates. Range: 0 to 100,000.</param>
    /// <param name="seed">The bootstrap seed.</param>
    /// <param name="maxExposures">The largest r tried. Range: 1 to 100,000.</param>
    /// <param name="confidenceLevel">The interval's level. Range: 0 &lt; level &lt; 1.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public static ProbeScoringOptions Create(double? parameters = null, int calibrationBins = DefaultCalibrationBins, int bootstrapReplicates = DefaultBootstrapReplicates, ulong seed = 0, int maxExposures = DefaultMaxExposures, double confidenceLevel = DefaultConfidenceLevel)
    {
        if (parameters is { } p && !(p >= 1 && p <= 1e15))
        {
            throw Preconditions.OutOfRange(nameof(parameters), p, "1 <= parameters <= 1e15");
        }

        Preconditions.InRange(calibrationBins, 1, 1000, nameof(calibrationBins));
        Preconditions.InRange(bootstrapReplicates, 0, 100_000, nameof(bootstrapReplicates));
        Preconditions.InRange(maxExposures, 1, 100_000, nameof(maxExposures));
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw Preconditions.OutOfRange(nameof(confidenceLevel), confidenceLevel, "0 < confidenceLevel < 1");
        }

        return new ProbeScoringOptions(parameters, calibrationBins, bootstrapReplicates, seed, maxExposures, confidenceLevel);
    }
}

/// <summary>The scores of one group of probes (a training-count bucket and kind, or a union of them).</summary>
/// <param name="Kind">"all", "seen", "unseen-fact" or "unseen-entity".</param>
/// <param name="Bucket">"all" or the training-count bucket label ("0", "1", "2-3", …).</param>
/// <param name="Probes">n, the probes in the group.</param>
/// <param name="Accuracy">Top-1 accuracy: the mean over probes of 1/t when the truth is among the t candidates of largest log-probability, else 0.</param>
/// <param name="AccuracyStandardError">The binomial standard error √(a(1−a)/n).</param>
/// <param name="TruthProbability">The mean of the softmax-normalised probability of the truth, p_i = exp(ℓ_i − log Σ_c exp ℓ_c).</param>
/// <param name="TruthProbabilityStandardError">The standard error of that mean (sample standard deviation / √n).</param>
/// <param name="CandidateMass">The mean of the model's total probability on the candidates, Σ_c exp ℓ_c (less than 1 when the model puts mass elsewhere).</param>
/// <param name="WrongTop1">Hallucination under greedy decoding: 1 − accuracy, the rate of a wrong top-1 answer.</param>
/// <param name="WrongMass">Hallucination under sampling: 1 − mean p(truth), the normalised mass on wrong answers.</param>
/// <param name="WrongMassStandardError">The standard error of <see cref="WrongMass"/>.</param>
/// <param name="CalibrationError">The expected calibration error Σ_b (n_b/n)|acc_b − conf_b| over equal-width confidence bins.</param>
/// <param name="CalibrationErrorStandardError">The bootstrap standard error of the calibration error (resampling the group's probes).</param>
/// <param name="BayesTruthProbability">The exact Bayes posterior's mean probability of the truth over the group (the optimum's <see cref="TruthProbability"/>).</param>
/// <param name="PredictedWrongTop1">For unseen facts and entities: 1 − mean max_v H(v), the greedy hallucination of an answerer that knows nothing but the base; NaN for other groups.</param>
/// <param name="PredictedWrongMass">For unseen facts and entities: 1 − mean Σ_v H(v)², the sampling hallucination; NaN for other groups.</param>
public sealed record ProbeScoreGroup(
    string Kind,
    string Bucket,
    int Probes,
    double Accuracy,
    double AccuracyStandardError,
    double TruthProbability,
    double TruthProbabilityStandardError,
    double CandidateMass,
    double WrongTop1,
    double WrongMass,
    double WrongMassStandardError,
    double CalibrationError,
    double CalibrationErrorStandardError,
    double BayesTruthProbability,
    double PredictedWrongTop1,
    double PredictedWrongMass);

/// <summary>One bin of a reliability table.</summary>
/// <param name="Kind">The probe kind the table covers ("all", "seen", "unseen-fact", "unseen-entity").</param>
/// <param name="Bin">The bin index b (0-based).</param>
/// <param name="Lower">The bin's lower edge b/B.</param>
/// <param name="Upper">The bin's upper edge (b+1)/B (the last bin includes 1).</param>
/// <param name="Probes">The probes whose confidence falls in the bin.</param>
/// <param name="Confidence">The mean confidence (largest normalised probability) in the bin; NaN when empty.</param>
/// <param name="Accuracy">The mean top-1 accuracy in the bin; NaN when empty.</param>
public sealed record ReliabilityBin(string Kind, int Bin, double Lower, double Upper, int Probes, double Confidence, double Accuracy);

/// <summary>The acquisition curve at one seen-entity training-count bucket: measured accuracy beside the fitted law.</summary>
/// <param name="Bucket">The bucket label.</param>
/// <param name="Lower">The bucket's smallest training count.</param>
/// <param name="Upper">The bucket's largest training count.</param>
/// <param name="Probes">The bucket's seen and unseen-fact probes.</param>
/// <param name="Accuracy">Their population-weighted top-1 accuracy (seen and unseen-fact strata weighted by the header's fact populations).</param>
/// <param name="AccuracyStandardError">Its binomial standard error.</param>
/// <param name="KnownCounted">The population-weighted fraction of the bucket's facts that appeared at least r̂ times in training (the probes' fact counts).</param>
/// <param name="KnownLaw">The law P(Bin(c, ρ̂) ≥ r̂) averaged over the bucket's probes, with c the entity's training count and ρ̂ the estimated per-sentence rate of a fact.</param>
/// <param name="PredictedAccuracy">The fitted model's accuracy: KnownCounted × a₁ + (1 − KnownCounted) × a₀.</param>
public sealed record AcquisitionBucketScore(string Bucket, long Lower, long Upper, int Probes, double Accuracy, double AccuracyStandardError, double KnownCounted, double KnownLaw, double PredictedAccuracy);

/// <summary>The maximum-likelihood number of exposures r after which the model knows a fact, and the implied capacity.</summary>
/// <param name="Exposures">r̂, the best r in 1..R.</param>
/// <param name="Lower">The smallest r inside the profile-likelihood interval.</param>
/// <param name="Upper">The largest r inside the profile-likelihood interval.</param>
/// <param name="KnownAccuracy">a₁, the fitted accuracy on facts seen at least r̂ times.</param>
/// <param name="UnknownAccuracy">a₀, the fitted accuracy on the other facts of seen entities.</param>
/// <param name="LogLikelihood">The maximised Bernoulli log-likelihood.</param>
/// <param name="FactRate">ρ̂ = Σ fact counts / Σ entity counts over the seen-entity population: a fact's per-sentence rate, used by <see cref="AcquisitionBucketScore.KnownLaw"/>.</param>
public sealed record ExposureFit(int Exposures, int Lower, int Upper, double KnownAccuracy, double UnknownAccuracy, double LogLikelihood, double FactRate);

/// <summary>The model's effective capacity estimated from the probes.</summary>
/// <param name="Facts">C = Σ_strata population × mean_i (y_i − g_i)/(1 − g_i), g_i = max H of probe i: the estimated number of training facts the model stores.</param>
/// <param name="FactsStandardError">Its standard error (from the strata's sample variances).</param>
/// <param name="Population">The number of facts revealed in training in the seen-fact strata probed (the most C can be).</param>
/// <param name="Bits">Σ_strata population × κ̂ × mean H(H_j) in bits: the information stored.</param>
/// <param name="BitsPerParameter">Bits / parameters, NaN when the parameter count is not given.</param>
/// <param name="BitsPerParameterStandardError">Its standard error.</param>
public sealed record CapacityEstimate(double Facts, double FactsStandardError, long Population, double Bits, double BitsPerParameter, double BitsPerParameterStandardError);

/// <summary>A language model's answers to a probe set, scored: by bucket and kind, calibration, the acquisition fit and the capacity.</summary>
/// <param name="TrainSentences">N, the training prefix the probes refer to.</param>
/// <param name="Probes">The probes scored.</param>
/// <param name="Parameters">The model's parameter count, or <see langword="null"/>.</param>
/// <param name="Options">The scoring options.</param>
/// <param name="Groups">The groups: for each kind (all, seen, unseen-fact, unseen-entity) the union over buckets, then each bucket.</param>
/// <param name="Reliability">The reliability tables of the kind-level groups (bucket "all").</param>
/// <param name="Acquisition">The acquisition curve by seen-entity bucket (empty when no seen-entity probe).</param>
/// <param name="Fit">The exposure fit, or <see langword="null"/> when there is no seen-entity probe.</param>
/// <param name="Capacity">The capacity estimate.</param>
public sealed record ProbeScoreReport(long TrainSentences, int Probes, double? Parameters, ProbeScoringOptions Options, ImmutableArray<ProbeScoreGroup> Groups, ImmutableArray<ReliabilityBin> Reliability, ImmutableArray<AcquisitionBucketScore> Acquisition, ExposureFit? Fit, CapacityEstimate Capacity)
{
    /// <summary>The schema of <see cref="ToTable"/>.</summary>
    public static readonly ImmutableArray<TableColumn> Columns =
    [
        new("kind", string.Empty, ColumnKind.Text, "The probe kind: all, seen, unseen-fact or unseen-entity."),
        new("bucket", string.Empty, ColumnKind.Text, "The training-count bucket of the entity (0 = unseen entity, 1, 2-3, 4-7, ...) or all."),
        new("probes", "probes", ColumnKind.Count, "Probes in the group."),
        new("accuracy", string.Empty, ColumnKind.Real, "Top-1 accuracy (ties at the maximum share the credit)."),
        new("accuracy_se", string.Empty, ColumnKind.Real, "Binomial standard error of the accuracy."),
        new("p_truth", string.Empty, ColumnKind.Real, "Mean softmax-normalised probability of the true value over the candidates."),
        new("p_truth_se", string.Empty, ColumnKind.Real, "Standard error of p_truth."),
        new("candidate_mass", string.Empty, ColumnKind.Real, "Mean total probability the model puts on the candidates (before normalisation)."),
        new("hallucination_greedy", string.Empty, ColumnKind.Real, "Rate of a wrong top-1 answer (1 - accuracy)."),
        new("hallucination_sampling", string.Empty, ColumnKind.Real, "Normalised mass on wrong answers (1 - p_truth)."),
        new("hallucination_sampling_se", string.Empty, ColumnKind.Real, "Standard error of hallucination_sampling."),
        new("ece", string.Empty, ColumnKind.Real, "Expected calibration error over equal-width confidence bins."),
        new("ece_se", string.Empty, ColumnKind.Real, "Bootstrap standard error of the ece (over probes)."),
        new("bayes_p_truth", string.Empty, ColumnKind.Real, "The exact Bayes posterior's mean probability of the truth."),
        new("predicted_hallucination_greedy", string.Empty, ColumnKind.Real, "Theory for unseen facts and entities: 1 - max H (greedy from the base); empty otherwise."),
        new("predicted_hallucination_sampling", string.Empty, ColumnKind.Real, "Theory for unseen facts and entities: 1 - sum H^2 (sampling from the base); empty otherwise."),
    ];

    /// <summary>The schema of <see cref="ToReliabilityTable"/>.</summary>
    public static readonly ImmutableArray<TableColumn> ReliabilityColumns =
    [
        new("kind", string.Empty, ColumnKind.Text, "The probe kind the table covers: all, seen, unseen-fact or unseen-entity."),
        new("bin", string.Empty, ColumnKind.Count, "The bin index."),
        new("lower", string.Empty, ColumnKind.Real, "The bin's lower confidence edge."),
        new("upper", string.Empty, ColumnKind.Real, "The bin's upper confidence edge."),
        new("probes", "probes", ColumnKind.Count, "Probes whose confidence lies in the bin."),
        new("confidence", string.Empty, ColumnKind.Real, "Mean confidence (largest normalised probability) in the bin."),
        new("accuracy", string.Empty, ColumnKind.Real, "Mean top-1 accuracy in the bin."),
    ];

    /// <summary>The schema of <see cref="ToAcquisitionTable"/>.</summary>
    public static readonly ImmutableArray<TableColumn> AcquisitionColumns =
    [
        new("bucket", string.Empty, ColumnKind.Text, "The training-count bucket of seen entities."),
        new("lower", "sentences", ColumnKind.Count, "The bucket's smallest training count."),
        new("upper", "sentences", ColumnKind.Count, "The bucket's largest training count."),
        new("probes", "probes", ColumnKind.Count, "Seen and unseen-fact probes of the bucket."),
        new("accuracy", string.Empty, ColumnKind.Real, "Population-weighted top-1 accuracy of the bucket's facts."),
        new("accuracy_se", string.Empty, ColumnKind.Real, "Its standard error."),
        new("known_counted", string.Empty, ColumnKind.Real, "Fraction of the bucket's facts seen at least r times in training (fitted r)."),
        new("known_law", string.Empty, ColumnKind.Real, "P(Bin(c, rho) >= r) averaged over the bucket: the acquisition law at the fitted r."),
        new("predicted_accuracy", string.Empty, ColumnKind.Real, "known_counted * a1 + (1 - known_counted) * a0 with the fitted accuracies."),
    ];

    /// <summary>The schema of <see cref="ToSummaryTable"/>.</summary>
    public static readonly ImmutableArray<TableColumn> SummaryColumns =
    [
        new("quantity", string.Empty, ColumnKind.Text, "The quantity."),
        new("value", string.Empty, ColumnKind.Real, "Its estimate."),
        new("se", string.Empty, ColumnKind.Real, "Its standard error (empty when none)."),
        new("lower", string.Empty, ColumnKind.Real, "The interval's lower end (empty when none)."),
        new("upper", string.Empty, ColumnKind.Real, "The interval's upper end (empty when none)."),
        new("unit", string.Empty, ColumnKind.Text, "The unit."),
    ];

    /// <summary>Gets the group of every probe.</summary>
    public ProbeScoreGroup Total => Groups[0];

    /// <summary>Returns the group of a kind and bucket, or <see langword="null"/> when absent.</summary>
    /// <param name="kind">"all", "seen", "unseen-fact" or "unseen-entity".</param>
    /// <param name="bucket">"all" or a bucket label.</param>
    /// <returns>The group.</returns>
    public ProbeScoreGroup? Group(string kind, string bucket = "all") => Groups.FirstOrDefault(g => g.Kind == kind && g.Bucket == bucket);

    /// <summary>Returns the groups as a table with the schema <see cref="Columns"/>.</summary>
    /// <returns>The table.</returns>
    public ResultTable ToTable() => new(
        string.Create(CultureInfo.InvariantCulture, $"knowledge probes: {Probes} probes, training prefix N = {TrainSentences}, {Options.CalibrationBins} calibration bins, {Options.BootstrapReplicates} bootstrap replicates (seed {Options.Seed})"),
        Columns,
        [.. Groups.Select(g => ImmutableArray.Create(
            TableCell.Of(g.Kind), TableCell.Of(g.Bucket), TableCell.Of((long)g.Probes), TableCell.Of(g.Accuracy), TableCell.Of(g.AccuracyStandardError),
            TableCell.Of(g.TruthProbability), TableCell.Of(g.TruthProbabilityStandardError), TableCell.Of(g.CandidateMass), TableCell.Of(g.WrongTop1), TableCell.Of(g.WrongMass),
            TableCell.Of(g.WrongMassStandardError), TableCell.Of(g.CalibrationError), TableCell.Of(g.CalibrationErrorStandardError), TableCell.Of(g.BayesTruthProbability),
            TableCell.Of(g.PredictedWrongTop1), TableCell.Of(g.PredictedWrongMass)))]);

    /// <summary>Returns the reliability tables with the schema <see cref="ReliabilityColumns"/>.</summary>
    /// <returns>The table.</returns>
    public ResultTable ToReliabilityTable() => new(
        "reliability: mean confidence and accuracy per equal-width confidence bin, by probe kind",
        ReliabilityColumns,
        [.. Reliability.Select(b => ImmutableArray.Create(TableCell.Of(b.Kind), TableCell.Of((long)b.Bin), TableCell.Of(b.Lower), TableCell.Of(b.Upper), TableCell.Of((long)b.Probes), TableCell.Of(b.Confidence), TableCell.Of(b.Accuracy)))]);

    /// <summary>Returns the acquisition curve with the schema <see cref="AcquisitionColumns"/>.</summary>
    /// <returns>The table.</returns>
    public ResultTable ToAcquisitionTable() => new(
        Fit is { } f
            ? string.Create(CultureInfo.InvariantCulture, $"acquisition: a fact is known after r = {f.Exposures} exposures ({Options.ConfidenceLevel:P0} profile-likelihood interval {f.Lower}..{f.Upper}); a1 = {f.KnownAccuracy:G4}, a0 = {f.UnknownAccuracy:G4}")
            : "acquisition: no seen-entity probe",
        AcquisitionColumns,
        [.. Acquisition.Select(a => ImmutableArray.Create(TableCell.Of(a.Bucket), TableCell.Of(a.Lower), TableCell.Of(a.Upper), TableCell.Of((long)a.Probes), TableCell.Of(a.Accuracy), TableCell.Of(a.AccuracyStandardError), TableCell.Of(a.KnownCounted), TableCell.Of(a.KnownLaw), TableCell.Of(a.PredictedAccuracy)))]);

    /// <summary>Returns the fitted and derived quantities with the schema <see cref="SummaryColumns"/>.</summary>
    /// <returns>The table.</returns>
    public ResultTable ToSummaryTable()
    {
        static ImmutableArray<TableCell> Row(string name, double value, double se, double lower, double upper, string unit) =>
            [TableCell.Of(name), TableCell.Of(value), TableCell.Of(se), TableCell.Of(lower), TableCell.Of(upper), TableCell.Of(unit)];
        var rows = ImmutableArray.CreateBuilder<ImmutableArray<TableCell>>();
        if (Fit is { } f)
        {
            rows.Add(Row("exposures_r", f.Exposures, double.NaN, f.Lower, f.Upper, "exposures"));
            rows.Add(Row("known_accuracy_a1", f.KnownAccuracy, double.NaN, double.NaN, double.NaN, string.Empty));
            rows.Add(Row("unknown_accuracy_a0", f.UnknownAccuracy, double.NaN, double.NaN, double.NaN, string.Empty));
            rows.Add(Row("fact_rate", f.FactRate, double.NaN, double.NaN, double.NaN, "facts/sentence"));
        }

        rows.Add(Row("capacity_facts", Capacity.Facts, Capacity.FactsStandardError, double.NaN, double.NaN, "facts"));
        rows.Add(Row("capacity_population", Capacity.Population, double.NaN, double.NaN, double.NaN, "facts"));
        rows.Add(Row("capacity_bits", Capacity.Bits, double.NaN, double.NaN, double.NaN, "bits"));
        rows.Add(Row("bits_per_parameter", Capacity.BitsPerParameter, Capacity.BitsPerParameterStandardError, double.NaN, double.NaN, "bits/parameter"));
        return new ResultTable("fitted acquisition threshold, effective capacity and bits per parameter", SummaryColumns, rows.ToImmutable());
    }

    /// <summary>Returns every table: groups, reliability, acquisition, summary.</summary>
    /// <returns>The four tables.</returns>
    public ImmutableArray<ResultTable> ToTables() => [ToTable(), ToReliabilityTable(), ToAcquisitionTable(), ToSummaryTable()];

    /// <inheritdoc/>
    public bool Equals(ProbeScoreReport? other) =>
        other is not null && TrainSentences == other.TrainSentences && Probes == other.Probes && Parameters == other.Parameters && Options == other.Options
        && Groups.SequenceEqual(other.Groups) && Reliability.SequenceEqual(other.Reliability) && Acquisition.SequenceEqual(other.Acquisition)
        && Fit == other.Fit && Capacity == other.Capacity;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TrainSentences, Probes, Groups.Length);
}

/// <summary>Scores a language model's answers to knowledge probes against the truth and the theory (docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law, docs/03-formulas/acquisition.md#knowledge-acquisition-dynamics, docs/03-formulas/hallucination.md#hallucination).</summary>
/// <remarks>
/// <para>Normalisation. A model answers with ln P(candidate | prompt) for every candidate; these need not sum to one (the model may put
/// mass on other tokens). Every score uses the softmax over the candidates, p_c = exp(ℓ_c − log Σ exp ℓ), the model's answer
/// distribution conditional on answering with a value; <see cref="ProbeScoreGroup.CandidateMass"/> reports Σ exp ℓ itself.</para>
/// <para>Top-1. Candidates tied at the largest log-probability share the credit: a probe scores 1/t when the truth is one of t tied
/// maxima. The confidence is the largest normalised probability.</para>
/// <para>Acquisition fit. Over seen-entity probes (seen and unseen-fact), a fact counts as known when it appeared at least r times in
/// training. For each r = 1..R the outcomes are Bernoulli with accuracy a₁ on known facts and a₀ on the others (both maximised out,
/// fractional outcomes from ties enter as y log a + (1−y) log(1−a)); r̂ maximises the profile log-likelihood ℓ(r) and the interval
/// is {r : 2(ℓ(r̂) − ℓ(r)) ≤ χ²₁(level)} (a change-point likelihood, so the coverage is approximate).</para>
/// <para>Capacity. In a seen-fact stratum s (a seen-entity bucket; facts never revealed cannot be stored and are left out) with fact population F_s (the header's populations), a model that stores
/// a fraction κ_s and guesses the rest with the base's best guess scores y_i with expectation 1 on a stored fact and g_i = max H
/// on the others; so z_i = (y_i − g_i)/(1 − g_i) has expectation 1 or 0, κ̂_s = mean z_i is unbiased for κ_s, and C = Σ_s F_s κ̂_s
/// with variance Σ_s F_s² s²_z/n_s (sample variance of z). Strata without probes add nothing. Bits stored: Σ_s F_s κ̂_s × mean H(H_j) (bits); bits per parameter divides by the parameter count.</para>
/// <para>Hallucination. For unseen facts and entities the theory's answerer knows only the base H_j: greedy decoding is wrong with
/// probability 1 − max H, sampling with 1 − Σ H² (the Bayes-optimal answerer attains these with the world's base).</para>
/// <para>Pure and deterministic. Cost O(probes × (M + B)) with B bootstrap replicates.</para>
/// </remarks>
public static class ProbeScoring
{
    private static readonly string[] KindNames = ["all", "seen", "unseen-fact", "unseen-entity"];

    /// <summary>Scores answers to a probe set (see the type remarks for every estimator).</summary>
    /// <param name="probes">The probe set.</param>
    /// <param name="answers">One answer per probe, any order.</param>
    /// <param name="options">The options.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An answer names an unknown probe, repeats one, has the wrong number of values or a NaN/+∞ value,
    /// puts no mass on any candidate, a probe has no answer, or the set has no probe.</exception>
    public static ProbeScoreReport Score(ProbeSet probes, IReadOnlyList<ProbeAnswer> answers, ProbeScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(options);
        if (probes.Probes.IsDefaultOrEmpty)
        {
            throw new ArgumentException("probes has no probe; valid: a probe set with at least one probe.", nameof(probes));
        }

        var byId = new Dictionary<int, int>();
        for (int i = 0; i < probes.Probes.Length; i++)
        {
            byId[probes.Probes[i].Id] = i;
        }

        var scored = new Scored[probes.Probes.Length];
        foreach (ProbeAnswer a in answers)
        {
            ArgumentNullException.ThrowIfNull(a, nameof(answers));
            if (!byId.TryGetValue(a.Probe, out int i))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"answers: probe id {a.Probe} is not in the probe set ({probes.Probes.Length} probes); valid: the ids of the probe set."), nameof(answers));
            }

            if (scored[i] is not null)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"answers: probe {a.Probe} is answered twice; valid: one answer per probe."), nameof(answers));
            }

            scored[i] = Evaluate(probes.Probes[i], a, nameof(answers));
        }

        int missing = Array.FindIndex(scored, s => s is null);
        if (missing >= 0)
        {
            int count = scored.Count(s => s is null);
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"answers: {count} probes have no answer (the first is probe {probes.Probes[missing].Id}); valid: one answer per probe."), nameof(answers));
        }

        // Groups: per kind, the union over buckets, then each bucket.
        var groups = ImmutableArray.CreateBuilder<ProbeScoreGroup>();
        var reliability = ImmutableArray.CreateBuilder<ReliabilityBin>();
        int groupIndex = 0;
        foreach (string kind in KindNames)
        {
            Scored[] ofKind = [.. scored.Where(s => kind == "all" || s.Kind == kind)];
            if (ofKind.Length == 0)
            {
                continue;
            }

            groups.Add(Summarise(kind, "all", ofKind, options, groupIndex++));
            reliability.AddRange(Reliability(kind, ofKind, options.CalibrationBins));
            foreach (IGrouping<long, Scored> bucket in ofKind.GroupBy(s => s.Lower).OrderBy(b => b.Key))
            {
                groups.Add(Summarise(kind, bucket.First().Bucket, [.. bucket], options, groupIndex++));
            }
        }

        Scored[] seenEntity = [.. scored.Where(s => s.Probe.Kind != ProbeKind.UnseenEntity)];
        ImmutableDictionary<long, ProbePopulation> populations = probes.Header.Populations.ToImmutableDictionary(p => p.Lower);
        ExposureFit? fit = seenEntity.Length == 0 ? null : FitExposures(seenEntity, populations, options);
        ImmutableArray<AcquisitionBucketScore> acquisition = fit is null ? [] : AcquisitionCurve(seenEntity, populations, fit);
        CapacityEstimate capacity = EstimateCapacity(seenEntity, populations, options.Parameters);
        return new ProbeScoreReport(probes.Header.TrainSentences, scored.Length, options.Parameters, options, groups.ToImmutable(), reliability.ToImmutable(), acquisition, fit, capacity);
    }

    private static Scored Evaluate(Probe probe, ProbeAnswer answer, string paramName)
    {
        ImmutableArray<double> l = answer.ValueLogProbabilities;
        if (l.IsDefault || l.Length != probe.Candidates.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"answers: probe {probe.Id} has {probe.Candidates.Length} candidates but {(l.IsDefault ? 0 : l.Length)} value log-probabilities; valid: one per candidate."), paramName);
        }

        double max = double.NegativeInfinity;
        for (int c = 0; c < l.Length; c++)
        {
            if (double.IsNaN(l[c]) || double.IsPositiveInfinity(l[c]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"answers: probe {probe.Id}, value {c} is {l[c]}; valid: finite or -Infinity log-probabilities."), paramName);
            }

            max = Math.Max(max, l[c]);
        }

        if (double.IsNegativeInfinity(max))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"answers: probe {probe.Id} has log-probability -Infinity on every candidate; valid: some mass on a candidate."), paramName);
        }

        double sum = 0;
        int ties = 0;
        foreach (double x in l)
        {
            sum += Math.Exp(x - max);
            ties += x == max ? 1 : 0;
        }

        int truth = probe.AnswerIndex;
        double logSum = max + Math.Log(sum);
        double pTruth = Math.Exp(l[truth] - logSum);
        double correct = l[truth] == max ? 1.0 / ties : 0;
        (long lower, long upper) = TrainCountBuckets.Of(probe.TrainCount);
        return new Scored(probe, ProbesFormat.KindName(probe.Kind), lower, TrainCountBuckets.Label(lower, upper), correct, pTruth, Math.Exp(logSum), Math.Exp(max - logSum));
    }

    private static ProbeScoreGroup Summarise(string kind, string bucket, Scored[] s, ProbeScoringOptions options, int groupIndex)
    {
        int n = s.Length;
        double accuracy = s.Average(x => x.Correct);
        double pTruth = s.Average(x => x.TruthProbability);
        double pSe = n < 2 ? double.NaN : Math.Sqrt(s.Sum(x => (x.TruthProbability - pTruth) * (x.TruthProbability - pTruth)) / (n - 1) / n);
        bool unseen = kind is "unseen-fact" or "unseen-entity";
        double ece = CalibrationError(s, options.CalibrationBins, i => i);
        double eceSe = BootstrapCalibration(s, options, groupIndex);
        return new ProbeScoreGroup(kind, bucket, n, accuracy, Binomial(accuracy, n), pTruth, pSe, s.Average(x => x.Mass), 1 - accuracy, 1 - pTruth, pSe, ece, eceSe,
            s.Average(x => x.Probe.BayesAnswer.ToDouble()),
            unseen ? 1 - s.Average(x => x.Probe.Base.Top) : double.NaN,
            unseen ? 1 - s.Average(x => x.Probe.Base.Collision) : double.NaN);
    }

    private static double Binomial(double p, int n) => Math.Sqrt(Math.Max(0, p * (1 - p)) / n);

    private static int BinOf(double confidence, int bins) => Math.Clamp((int)(confidence * bins), 0, bins - 1);

    // ECE of the probes s[pick(0..n−1)].
    private static double CalibrationError(Scored[] s, int bins, Func<int, int> pick)
    {
        var count = new int[bins];
        var confidence = new double[bins];
        var accuracy = new double[bins];
        for (int i = 0; i < s.Length; i++)
        {
            Scored x = s[pick(i)];
            int b = BinOf(x.Confidence, bins);
            count[b]++;
            confidence[b] += x.Confidence;
            accuracy[b] += x.Correct;
        }

        double ece = 0;
        for (int b = 0; b < bins; b++)
        {
            ece += Math.Abs(accuracy[b] - confidence[b]);
        }

        return ece / s.Length;
    }

    private static double BootstrapCalibration(Scored[] s, ProbeScoringOptions options, int groupIndex)
    {
        int replicates = options.BootstrapReplicates;
        if (replicates < 2)
        {
            return double.NaN;
        }

        double sum = 0, sumSquares = 0;
        uint n = (uint)s.Length;
        for (int r = 0; r < replicates; r++)
        {
            CounterRandom random = CounterRandom.Create(options.Seed, (ulong)r).Substream((ulong)groupIndex);
            double e = CalibrationError(s, options.CalibrationBins, i => (int)random.Below((ulong)i, n));
            sum += e;
            sumSquares += e * e;
        }

        double mean = sum / replicates;
        return Math.Sqrt(Math.Max(0, (sumSquares - (replicates * mean * mean)) / (replicates - 1)));
    }

    private static IEnumerable<ReliabilityBin> Reliability(string kind, Scored[] s, int bins)
    {
        for (int b = 0; b < bins; b++)
        {
            Scored[] inBin = [.. s.Where(x => BinOf(x.Confidence, bins) == b)];
            yield return new ReliabilityBin(kind, b, (double)b / bins, (double)(b + 1) / bins, inBin.Length,
                inBin.Length == 0 ? double.NaN : inBin.Average(x => x.Confidence), inBin.Length == 0 ? double.NaN : inBin.Average(x => x.Correct));
        }
    }

    // y log a + (1 − y) log(1 − a) summed, at the group mean a (the Bernoulli maximum), with 0 log 0 = 0.
    private static double BernoulliLogLikelihood(double sumY, int n)
    {
        if (n == 0)
        {
            return 0;
        }

        double a = sumY / n;
        return XLogY(sumY, a) + XLogY(n - sumY, 1 - a);
    }

    private static double XLogY(double x, double y) => x <= 0 ? 0 : x * Math.Log(y);

    private static ExposureFit FitExposures(Scored[] seenEntity, ImmutableDictionary<long, ProbePopulation> populations, ProbeScoringOptions options)
    {
        long maxCount = seenEntity.Max(s => s.Probe.FactCount);
        int top = (int)Math.Min(options.MaxExposures, Math.Max(1, maxCount + 1));
        var logLikelihood = new double[top + 1];
        var known = new (double SumY, int N, double SumYUnknown, int NUnknown)[top + 1];
        for (int r = 1; r <= top; r++)
        {
            double sumKnown = 0, sumUnknown = 0;
            int nKnown = 0, nUnknown = 0;
            foreach (Scored s in seenEntity)
            {
                if (s.Probe.FactCount >= r)
                {
                    sumKnown += s.Correct;
                    nKnown++;
                }
                else
                {
                    sumUnknown += s.Correct;
                    nUnknown++;
                }
            }

            known[r] = (sumKnown, nKnown, sumUnknown, nUnknown);
            logLikelihood[r] = BernoulliLogLikelihood(sumKnown, nKnown) + BernoulliLogLikelihood(sumUnknown, nUnknown);
        }

        int best = 1;
        for (int r = 2; r <= top; r++)
        {
            if (logLikelihood[r] > logLikelihood[best])
            {
                best = r;
            }
        }

        double critical = ChiSquared.InvCDF(1, options.ConfidenceLevel) / 2;
        int[] inside = [.. Enumerable.Range(1, top).Where(r => logLikelihood[best] - logLikelihood[r] <= critical)];
        (double sk, int nk, double su, int nu) = known[best];

        // ρ̂: population-weighted mean fact count over mean entity count in the seen-entity strata.
        double factSum = 0, entitySum = 0;
        foreach (var stratum in seenEntity.GroupBy(s => (s.Lower, s.Probe.Kind)))
        {
            double weight = Population(populations, stratum.Key.Lower, stratum.Key.Kind) / (double)stratum.Count();
            factSum += weight * stratum.Sum(s => (double)s.Probe.FactCount);
            entitySum += weight * stratum.Sum(s => (double)s.Probe.TrainCount);
        }

        double rate = entitySum > 0 ? Math.Clamp(factSum / entitySum, 0, 1) : double.NaN;
        return new ExposureFit(best, inside.Min(), inside.Max(), nk == 0 ? double.NaN : sk / nk, nu == 0 ? double.NaN : su / nu, logLikelihood[best], rate);
    }

    private static long Population(ImmutableDictionary<long, ProbePopulation> populations, long lower, ProbeKind kind) =>
        !populations.TryGetValue(lower, out ProbePopulation? p) ? 0 : kind == ProbeKind.Seen ? p.SeenFacts : p.UnseenFacts;

    private static ImmutableArray<AcquisitionBucketScore> AcquisitionCurve(Scored[] seenEntity, ImmutableDictionary<long, ProbePopulation> populations, ExposureFit fit)
    {
        var rows = ImmutableArray.CreateBuilder<AcquisitionBucketScore>();
        foreach (IGrouping<long, Scored> bucket in seenEntity.GroupBy(s => s.Lower).OrderBy(b => b.Key))
        {
            double totalWeight = 0, accuracy = 0, variance = 0, counted = 0, law = 0;
            foreach (IGrouping<ProbeKind, Scored> stratum in bucket.GroupBy(s => s.Probe.Kind))
            {
                double w = Population(populations, bucket.Key, stratum.Key);
                int n = stratum.Count();
                double a = stratum.Average(s => s.Correct);
                totalWeight += w;
                accuracy += w * a;
                variance += w * w * a * (1 - a) / n;
                counted += w * stratum.Average(s => s.Probe.FactCount >= fit.Exposures ? 1.0 : 0.0);
                law += w * stratum.Average(s => double.IsNaN(fit.FactRate) ? double.NaN
                    : Laws.Acquisition.Probability(fit.FactRate, (int)Math.Min(s.Probe.TrainCount, int.MaxValue), fit.Exposures));
            }

            (long lower, long upper) = TrainCountBuckets.Of(bucket.Key);
            if (totalWeight == 0)
            {
                rows.Add(new AcquisitionBucketScore(bucket.First().Bucket, lower, upper, bucket.Count(), double.NaN, double.NaN, double.NaN, double.NaN, double.NaN));
                continue;
            }

            double knownCounted = counted / totalWeight;
            double a1 = double.IsNaN(fit.KnownAccuracy) ? 0 : fit.KnownAccuracy, a0 = double.IsNaN(fit.UnknownAccuracy) ? 0 : fit.UnknownAccuracy;
            rows.Add(new AcquisitionBucketScore(bucket.First().Bucket, lower, upper, bucket.Count(), accuracy / totalWeight, Math.Sqrt(variance) / totalWeight,
                knownCounted, law / totalWeight, (knownCounted * a1) + ((1 - knownCounted) * a0)));
        }

        return rows.ToImmutable();
    }

    private static CapacityEstimate EstimateCapacity(Scored[] seenEntity, ImmutableDictionary<long, ProbePopulation> populations, double? parameters)
    {
        double facts = 0, variance = 0, bits = 0, bitsVariance = 0;
        long population = 0;
        // Only seen facts can be stored: unseen-fact strata would add noise around 0 and inflate the population.
        foreach (var stratum in seenEntity.Where(s => s.Probe.Kind == ProbeKind.Seen).GroupBy(s => (s.Lower, s.Probe.Kind)))
        {
            long f = Population(populations, stratum.Key.Lower, stratum.Key.Kind);
            if (f == 0)
            {
                continue;
            }

            // z_i = (y_i − g_i)/(1 − g_i) has expectation 1 for a stored fact and 0 for a base guess (0 when g_i = 1).
            double[] z = [.. stratum.Select(s => s.Probe.Base.Top < 1 ? (s.Correct - s.Probe.Base.Top) / (1 - s.Probe.Base.Top) : 0)];
            int n = z.Length;
            double mean = z.Average();
            double v = n < 2 ? 0 : z.Sum(x => (x - mean) * (x - mean)) / (n - 1) / n;
            double entropy = stratum.Average(s => s.Probe.Base.EntropyBits);
            population += f;
            facts += f * mean;
            variance += f * (double)f * v;
            bits += f * mean * entropy;
            bitsVariance += f * (double)f * v * entropy * entropy;
        }

        double perParameter = parameters is { } p ? bits / p : double.NaN;
        double perParameterSe = parameters is { } q ? Math.Sqrt(bitsVariance) / q : double.NaN;
        return new CapacityEstimate(facts, Math.Sqrt(variance), population, bits, perParameter, perParameterSe);
    }

    private sealed record Scored(Probe Probe, string Kind, long Lower, string Bucket, double Correct, double TruthProbability, double Mass, double Confidence);
}
