using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Theorems;

/// <summary>How a check decides pass or fail.</summary>
public enum CheckKind
{
    /// <summary>An exact identity, compared with == on rationals (or a stated rounding bound on doubles).</summary>
    Exact,

    /// <summary>A Monte Carlo estimate that must lie within <see cref="TheoremCheck.Tolerance"/> (5) standard errors of the closed form.</summary>
    Statistical,

    /// <summary>An asymptotic form whose ratio to the exact value must approach one at the stated rate.</summary>
    Asymptotic,
}

/// <summary>The outcome of one check of a theorem.</summary>
/// <param name="Kind">How the check decides.</param>
/// <param name="Name">What is checked.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Expected">The closed-form value (text: "p/q", a double, or a description).</param>
/// <param name="Observed">The value found (exact, simulated "mean +/- se", or a ratio).</param>
/// <param name="ZScore">For statistical checks, (simulated − expected)/standard error, or for an exact test the normal deviate of its
/// smaller tail: always finite (NaN only when the estimate itself is not finite); NaN for other kinds.</param>
/// <param name="Detail">Why it passed or failed.</param>
public sealed record TheoremCheck(CheckKind Kind, string Name, bool Passed, string Expected, string Observed, double ZScore, string Detail)
{
    /// <summary>The tolerance of statistical checks, in standard errors: 5.</summary>
    /// <remarks>A correct closed form fails one check with probability 2Φ(−5) ≈ 5.7·10⁻⁷. The catalog holds about 200
    /// statistical checks, so a correct catalog fails somewhere with probability about 10⁻⁴ per seed (Bonferroni): the
    /// level of a single 4-sigma check. At 4 standard errors each, one run in 80 would fail by chance.</remarks>
    public const double Tolerance = 5;

    /// <summary>An exact identity check.</summary>
    /// <param name="name">What is checked.</param>
    /// <param name="expected">The expected value as text.</param>
    /// <param name="observed">The observed value as text.</param>
    /// <param name="passed">Whether the identity holds.</param>
    /// <returns>The check.</returns>
    public static TheoremCheck ExactCheck(string name, string expected, string observed, bool passed) =>
        new(CheckKind.Exact, name, passed, expected, observed, double.NaN, passed ? "identity holds exactly" : "identity FAILS");

    /// <summary>A statistical check: the estimate must lie within <see cref="Tolerance"/> standard errors of the closed form.</summary>
    /// <param name="name">What is checked.</param>
    /// <param name="expected">The closed-form value.</param>
    /// <param name="estimate">The Monte Carlo estimate.</param>
    /// <returns>The check; its z-score is finite whenever the estimate is.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="estimate"/> is <see langword="null"/>.</exception>
    /// <remarks>The standard error is the sample's. Prefer the overload with the theory's variance where it is known
    /// (a small sample can miss the rare large values and understate its spread), <see cref="BinomialCheck"/> for
    /// frequencies of events and <see cref="PoissonCheck"/> for counts of rare events. A deterministic estimator (zero
    /// spread) passes within the double rounding of summing R values, R · 2⁻⁵² · max(1, |expected|).</remarks>
    public static TheoremCheck StatisticalCheck(string name, double expected, MonteCarloEstimate estimate) =>
        Statistical(name, expected, estimate, double.NaN);

    /// <summary>A statistical check with the theory's variance: the estimate must lie within <see cref="Tolerance"/>
    /// standard errors of the closed form, the standard error being the larger of the theory's, √(Var/R), and the sample's.</summary>
    /// <param name="name">What is checked.</param>
    /// <param name="expected">The closed-form mean.</param>
    /// <param name="variance">The closed-form variance of one replicate. Range: ≥ 0 and finite.</param>
    /// <param name="estimate">The Monte Carlo estimate.</param>
    /// <returns>The check; its z-score is finite whenever the estimate is.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="estimate"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="variance"/> is negative or not finite.</exception>
    /// <remarks>The theory's standard error guards against a sample that missed the rare large values of a skewed
    /// replicate (its sample spread is then too small, and its mean too low); the sample's guards against a single large
    /// value, which inflates the mean and the sample spread together.</remarks>
    public static TheoremCheck StatisticalCheck(string name, double expected, double variance, MonteCarloEstimate estimate)
    {
        if (!(variance >= 0) || !double.IsFinite(variance))
        {
            throw Preconditions.OutOfRange(nameof(variance), variance, "0 <= variance < infinity");
        }

        return Statistical(name, expected, estimate, variance);
    }

    /// <summary>An exact binomial test of an event's frequency: the number of replicates in which the event happened
    /// must lie within both tails of Bin(R, p) of probability at least Φ(−<see cref="Tolerance"/>) (the level of "within 4
    /// standard errors").</summary>
    /// <param name="name">What is checked.</param>
    /// <param name="probability">The closed-form probability p of the event. Range: 0 ≤ p ≤ 1.</param>
    /// <param name="indicators">The estimate over replicates of the event's indicator (each replicate 0 or 1).</param>
    /// <returns>The check; its z-score is the normal deviate of the smaller exact tail (finite, |z| ≤ 38.5).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="indicators"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is outside [0, 1].</exception>
    /// <exception cref="ArgumentException">The estimate is not a frequency of R replicates (mean · R not an integer in [0, R]).</exception>
    /// <remarks>Exact at every R: a rare event that never occurred in R replicates passes while (1 − p)^R ≥ Φ(−4),
    /// where the sample standard error (zero) would give z = −∞.</remarks>
    public static TheoremCheck BinomialCheck(string name, double probability, MonteCarloEstimate indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        if (!(probability >= 0 && probability <= 1))
        {
            throw Preconditions.OutOfRange(nameof(probability), probability, "0 <= probability <= 1");
        }

        long successes = ExactTests.Total(indicators, nameof(indicators));
        if (successes > indicators.Replicates)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The estimate (mean {indicators.Mean:G6}) is not a frequency; valid range: 0 <= mean <= 1."), nameof(indicators));
        }

        (double lower, double upper) = ExactTests.BinomialTails(successes, indicators.Replicates, probability);
        return ExactTest(name, probability, indicators, lower, upper, string.Create(CultureInfo.InvariantCulture, $"{successes} of {indicators.Replicates}, exact binomial test, Bin({indicators.Replicates}, {probability:G6})"));
    }

    /// <summary>An exact Poisson test of a count of rare events: the total count over R replicates must lie within both
    /// tails of Poisson(R · μ) of probability at least Φ(−<see cref="Tolerance"/>).</summary>
    /// <param name="name">What is checked.</param>
    /// <param name="expected">The closed-form expected count μ per replicate. Range: ≥ 0 and finite.</param>
    /// <param name="counts">The estimate over replicates of the count (each replicate a non-negative integer).</param>
    /// <returns>The check; its z-score is the normal deviate of the smaller exact tail (finite, |z| ≤ 38.5).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="counts"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expected"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentException">The estimate's mean · R is not a non-negative integer.</exception>
    /// <remarks>For counts of rare events (μ small, two events in one replicate much rarer than one), whose total is
    /// Poisson to order R μ²; the binomial's tails are lighter, so the test is conservative for indicators.</remarks>
    public static TheoremCheck PoissonCheck(string name, double expected, MonteCarloEstimate counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (!(expected >= 0) || !double.IsFinite(expected))
        {
            throw Preconditions.OutOfRange(nameof(expected), expected, "0 <= expected < infinity");
        }

        long total = ExactTests.Total(counts, nameof(counts));
        double mean = expected * counts.Replicates;
        (double lower, double upper) = ExactTests.PoissonTails(total, mean);
        return ExactTest(name, expected, counts, lower, upper, string.Create(CultureInfo.InvariantCulture, $"total {total} over {counts.Replicates}, exact Poisson test, Poisson({mean:G6})"));
    }

    private static TheoremCheck ExactTest(string name, double expected, MonteCarloEstimate estimate, double lower, double upper, string test)
    {
        double z = ExactTests.Deviate(lower, upper);
        bool passed = Math.Abs(z) <= Tolerance;
        return new(CheckKind.Statistical, name, passed, expected.ToString("G10", CultureInfo.InvariantCulture), estimate.ToString(), z,
            string.Create(CultureInfo.InvariantCulture, $"z = {z:F2} ({(passed ? "within" : "OUTSIDE")} the {Tolerance}-sigma tails; {test}: P(<=) = {lower:G3}, P(>=) = {upper:G3})"));
    }

    private static TheoremCheck Statistical(string name, double expected, MonteCarloEstimate estimate, double variance)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        double rounding = estimate.Replicates * Math.ScaleB(1.0, -52) * Math.Max(1, Math.Abs(expected));
        double theory = double.IsNaN(variance) ? 0 : Math.Sqrt(variance / estimate.Replicates);
        double se = Math.Max(theory, estimate.StandardError);

        // The rounding allowance enters the scale, so that |z| <= Tolerance is |mean - expected| <= Tolerance SE + rounding
        // and z is finite even when the spread is zero.
        double z = (estimate.Mean - expected) / (se + (rounding / Tolerance));
        bool passed = Math.Abs(z) <= Tolerance;
        string source = double.IsNaN(variance)
            ? "sample SE"
            : string.Create(CultureInfo.InvariantCulture, $"SE {(theory >= estimate.StandardError ? "of the theory" : "of the sample")}: max(theory {theory:G3}, sample {estimate.StandardError:G3})");
        string detail = !double.IsFinite(z)
            ? string.Create(CultureInfo.InvariantCulture, $"estimate is not finite (R = {estimate.Replicates})")
            : se == 0 && passed
                ? string.Create(CultureInfo.InvariantCulture, $"deterministic estimator, equal to double rounding (R = {estimate.Replicates})")
                : string.Create(CultureInfo.InvariantCulture, $"z = {z:F2} ({(passed ? "within" : "OUTSIDE")} {Tolerance} standard errors, R = {estimate.Replicates}; {source})");
        return new(CheckKind.Statistical, name, passed, expected.ToString("G10", CultureInfo.InvariantCulture), estimate.ToString(), double.IsFinite(z) ? z : double.NaN, detail);
    }

    /// <summary>An asymptotic check: |asymptotic/exact − 1| must shrink along the grid at least at the stated rate.</summary>
    /// <param name="name">What is checked.</param>
    /// <param name="grid">The grid of scale values (increasing).</param>
    /// <param name="ratios">asymptotic/exact at every grid point.</param>
    /// <param name="rate">The rate r(x) at which the relative error vanishes (e.g. x ↦ 1/x).</param>
    /// <returns>The check; it passes when the errors decrease and the last is at most 2 · first · r(last)/r(first).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The grid and ratios differ in length or have fewer than two points.</exception>
    public static TheoremCheck AsymptoticCheck(string name, IReadOnlyList<double> grid, IReadOnlyList<double> ratios, Func<double, double> rate)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(ratios);
        ArgumentNullException.ThrowIfNull(rate);
        if (grid.Count != ratios.Count || grid.Count < 2)
        {
            throw new ArgumentException("grid and ratios must have the same length, at least 2.", nameof(ratios));
        }

        double[] errors = [.. ratios.Select(r => Math.Abs(r - 1))];
        bool tiny = errors.All(e => e < 1e-12);
        bool decreasing = Enumerable.Range(1, errors.Length - 1).All(i => errors[i] < errors[i - 1]);
        double allowed = 2 * errors[0] * rate(grid[^1]) / rate(grid[0]);
        bool passed = tiny || (decreasing && errors[^1] <= allowed);
        string observed = string.Join(", ", ratios.Select(r => r.ToString("G8", CultureInfo.InvariantCulture)));
        return new(CheckKind.Asymptotic, name, passed, "ratio -> 1", observed, double.NaN,
            tiny ? "exact to rounding" : string.Create(CultureInfo.InvariantCulture, $"|ratio-1| = {errors[^1]:G3} at {grid[^1]:G3} (bound {allowed:G3}); {(decreasing ? "decreasing" : "NOT decreasing")}"));
    }
}

/// <summary>What a theorem's verification runs with.</summary>
/// <param name="Backend">The simulation backend.</param>
/// <param name="Replicates">The number of Monte Carlo replicates of the theorem's main simulation.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Progress">Receives the completed fraction of this theorem; may be <see langword="null"/>.</param>
/// <param name="CancellationToken">Stops the verification.</param>
public sealed record VerificationContext(ISimulationBackend Backend, int Replicates, ulong Seed, IProgress<double>? Progress, CancellationToken CancellationToken);

/// <summary>The result of verifying one theorem: every check, and pass/fail.</summary>
/// <param name="Id">The theorem's identifier.</param>
/// <param name="Statement">The theorem in words.</param>
/// <param name="Backend">The backend used.</param>
/// <param name="Replicates">The replicate count used.</param>
/// <param name="Seed">The seed used.</param>
/// <param name="Checks">The checks.</param>
public sealed record TheoremReport(string Id, string Statement, string Backend, int Replicates, ulong Seed, ImmutableArray<TheoremCheck> Checks)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(TheoremReport? other) =>
        other is not null
            && Equals(Id, other.Id)
            && Equals(Statement, other.Statement)
            && Equals(Backend, other.Backend)
            && Equals(Replicates, other.Replicates)
            && Equals(Seed, other.Seed)
            && Sequence.Equal(Checks, other.Checks);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Id);
        hash.Add(Statement);
        hash.Add(Backend);
        hash.Add(Replicates);
        hash.Add(Seed);
        hash.Add(Sequence.Hash(Checks));
        return hash.ToHashCode();
    }

    /// <summary>Gets a value indicating whether every check passed.</summary>
    public bool Passed => Checks.All(c => c.Passed);

    /// <summary>Gets a one-line summary of the failed checks, or "all checks passed".</summary>
    public string Why => Passed ? "all checks passed" : string.Join("; ", Checks.Where(c => !c.Passed).Select(c => c.Name + ": " + c.Detail));
}

/// <summary>
/// A verifiable theorem of the theory: identifier, statement in words, closed form, and a verification
/// that returns exact, statistical and asymptotic checks.
/// </summary>
/// <remarks>Immutable. The same catalog drives the FsCheck/xUnit tests, <c>skm verify</c> and the
/// SyntaxKnowledge.Testing package.</remarks>
public sealed class Theorem
{
    private readonly Func<VerificationContext, IEnumerable<TheoremCheck>> _verify;

    private Theorem(string id, string section, string title, string statement, string closedForm, int defaultReplicates, Func<VerificationContext, IEnumerable<TheoremCheck>> verify)
    {
        Id = id;
        Section = section;
        Title = title;
        Statement = statement;
        ClosedForm = closedForm;
        DefaultReplicates = defaultReplicates;
        _verify = verify;
    }

    /// <summary>Gets the identifier, e.g. "py.expected-distinct".</summary>
    public string Id { get; }

    /// <summary>Gets the section of the theory (docs/03-formulas, and of the paper) it comes from, e.g. "1.3".</summary>
    public string Section { get; }

    /// <summary>Gets a short title.</summary>
    public string Title { get; }

    /// <summary>Gets the statement in words.</summary>
    public string Statement { get; }

    /// <summary>Gets the closed form, in plain text.</summary>
    public string ClosedForm { get; }

    /// <summary>Gets the replicate count used when none is given (chosen so that the whole catalog verifies in about a minute on 2 cores).</summary>
    public int DefaultReplicates { get; }

    /// <summary>Creates a theorem.</summary>
    /// <param name="id">The identifier. Range: non-empty, lower-case, no spaces.</param>
    /// <param name="section">The section of the theory (docs/03-formulas).</param>
    /// <param name="title">A short title.</param>
    /// <param name="statement">The statement in words.</param>
    /// <param name="closedForm">The closed form.</param>
    /// <param name="defaultReplicates">The default replicate count. Range: ≥ 2.</param>
    /// <param name="verify">The verification.</param>
    /// <returns>The theorem.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="defaultReplicates"/> is less than 2.</exception>
    public static Theorem Create(string id, string section, string title, string statement, string closedForm, int defaultReplicates, Func<VerificationContext, IEnumerable<TheoremCheck>> verify)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(closedForm);
        ArgumentNullException.ThrowIfNull(verify);
        if (id.Any(c => char.IsWhiteSpace(c) || char.IsUpper(c)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Theorem id '{id}' must be lower-case without spaces."), nameof(id));
        }

        Preconditions.AtLeast(defaultReplicates, 2, nameof(defaultReplicates));
        return new Theorem(id, section, title, statement, closedForm, defaultReplicates, verify);
    }

    /// <summary>Verifies the theorem.</summary>
    /// <param name="backend">The simulation backend.</param>
    /// <param name="replicates">The replicate count, or <see langword="null"/> for <see cref="DefaultReplicates"/>. Range: ≥ 2.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="progress">Receives the completed fraction; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the verification.</param>
    /// <returns>The immutable report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="backend"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="replicates"/> is less than 2.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public TheoremReport Verify(ISimulationBackend backend, int? replicates = null, ulong seed = 20250413UL, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        int r = replicates ?? DefaultReplicates;
        Preconditions.AtLeast(r, 2, nameof(replicates));
        var context = new VerificationContext(backend, r, seed, progress, cancellationToken);
        ImmutableArray<TheoremCheck> checks = [.. _verify(context)];
        progress?.Report(1);
        return new TheoremReport(Id, Statement, backend.Name, r, seed, checks);
    }

    /// <inheritdoc/>
    public override string ToString() => Id + ": " + Title;
}

/// <summary>The catalog of every verifiable result of the theory (docs/03-formulas) and of the peer theories.</summary>
public static class TheoremCatalog
{
    /// <summary>Gets every theorem, in section order.</summary>
    public static ImmutableArray<Theorem> All { get; } = Build();

    /// <summary>Finds a theorem by identifier.</summary>
    /// <param name="id">The identifier.</param>
    /// <param name="theorem">The theorem when found.</param>
    /// <returns><see langword="true"/> when a theorem has this identifier.</returns>
    public static bool TryFind(string id, [NotNullWhen(true)] out Theorem? theorem)
    {
        theorem = All.FirstOrDefault(t => t.Id == id);
        return theorem is not null;
    }

    private static ImmutableArray<Theorem> Build()
    {
        ImmutableArray<Theorem> all =
        [
            .. PitmanYorTheorems.All(),
            .. ModelTheorems.All(),
            .. FineTuningTheorems.All(),
            .. PeerTheorems.All(),
            .. CapacityTheorems.All(),
        ];
        if (all.Select(t => t.Id).Distinct(StringComparer.Ordinal).Count() != all.Length)
        {
            throw new InvalidOperationException("Duplicate theorem identifiers in the catalog.");
        }

        return all;
    }
}
