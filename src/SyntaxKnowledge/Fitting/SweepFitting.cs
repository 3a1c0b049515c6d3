using System.Collections.Immutable;
using System.Globalization;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Fitting;

/// <summary>One run of a sweep as the exponent fit used it.</summary>
/// <param name="Series">The series ("continuation", "frozen", "world" or "bayes"; see <see cref="SweepExponentFit.Series"/>).</param>
/// <param name="TrainSentences">N, the run's training sentences.</param>
/// <param name="ExcessNatsPerToken">The measured excess loss, nats per token.</param>
/// <param name="StandardError">Its standard error (NaN when unknown).</param>
/// <param name="Fitted">The fitted power law at N, B·N^−β (NaN when the mode has no fit).</param>
/// <param name="Used">Whether the point entered the fit (a power law needs a finite, positive excess).</param>
public sealed record SweepPoint(string Series, long TrainSentences, double ExcessNatsPerToken, double StandardError, double Fitted, bool Used);

/// <summary>The power law excess ≈ B·N^−β fitted to the runs of one comparator mode, beside the theory's exponent 1 − d.</summary>
/// <param name="Series">What was fitted: the model's excess over a comparator ("continuation", "frozen", "world"), or "bayes" — the exact
/// Bayes-optimal prequential predictor's own excess over the world (continuation comparator loss minus world comparator loss of runs
/// on the same evaluation tokens): the theory's data law, R(n+1) − R(n), averaged over the evaluation window.</param>
/// <param name="Mode">The comparator mode (<see cref="EvaluationMode.World"/> for the bayes series).</param>
/// <param name="Runs">The runs of this series in the manifest.</param>
/// <param name="Used">The runs that entered the fit (finite, positive excess).</param>
/// <param name="DistinctSizes">The distinct training sizes among them (a slope needs at least 2).</param>
/// <param name="Exponent">β̂, the fitted data exponent (NaN when there is no fit).</param>
/// <param name="StandardError">The standard error of β̂: from the weighted least-squares covariance, or without per-run errors from the residuals (NaN with 2 runs and no errors).</param>
/// <param name="Interval">The percentile interval of β̂ from a parametric bootstrap (each run's log excess redrawn from a normal with its delta-method standard error); without per-run errors, a Student t interval from the residuals (3 or more runs); <see langword="null"/> otherwise.</param>
/// <param name="Coefficient">B̂, the fitted coefficient (NaN when there is no fit).</param>
/// <param name="Discount">The corpus's discount d when every run names the same one; otherwise <see langword="null"/>.</param>
/// <param name="TheoryExponent">The theory's data exponent 1 − d derived from <see cref="Discount"/> (NaN when unknown).</param>
/// <param name="Consistent">Whether the interval contains 1 − d, for the world and bayes series (the law the theory states); <see langword="null"/> otherwise or without an interval.</param>
/// <param name="Note">What the fit means or why there is none, in one sentence.</param>
public sealed record SweepExponentFit(
    string Series,
    EvaluationMode Mode,
    int Runs,
    int Used,
    int DistinctSizes,
    double Exponent,
    double StandardError,
    ConfidenceInterval? Interval,
    double Coefficient,
    Rational? Discount,
    double TheoryExponent,
    bool? Consistent,
    string Note);

/// <summary>The exponent fits of a sweep manifest, one per comparator mode present, and the points behind them.</summary>
/// <param name="Fits">One fit per series, in the order continuation, frozen, world, bayes (series absent from the manifest are left out).</param>
/// <param name="Points">Every run, in manifest order, with its fitted value, then the bayes points.</param>
/// <param name="BootstrapReplicates">The parametric bootstrap replicates used.</param>
/// <param name="Seed">The bootstrap seed.</param>
/// <param name="ConfidenceLevel">The interval's level.</param>
public sealed record SweepFitReport(ImmutableArray<SweepExponentFit> Fits, ImmutableArray<SweepPoint> Points, int BootstrapReplicates, ulong Seed, double ConfidenceLevel)
{
    /// <summary>The schema of <see cref="ToTable"/>.</summary>
    public static readonly ImmutableArray<TableColumn> Columns =
    [
        new("series", string.Empty, ColumnKind.Text, "The model's excess over a comparator (continuation, frozen or world), or bayes: the exact prequential Bayes predictor's excess over the world on the same tokens (the theory's data law)."),
        new("runs", "runs", ColumnKind.Count, "Runs of this series in the manifest."),
        new("used", "runs", ColumnKind.Count, "Runs that entered the fit (finite, positive excess)."),
        new("sizes", "sizes", ColumnKind.Count, "Distinct training sizes among the used runs."),
        new("exponent", string.Empty, ColumnKind.Real, "beta: the fitted exponent of excess = B * N^-beta (weighted least squares on log excess against log N)."),
        new("exponent_se", string.Empty, ColumnKind.Real, "Standard error of beta from the weighted least-squares covariance."),
        new("lower", string.Empty, ColumnKind.Real, "Lower end of the bootstrap interval of beta."),
        new("upper", string.Empty, ColumnKind.Real, "Upper end of the bootstrap interval of beta."),
        new("coefficient", "nats/token", ColumnKind.Real, "B: the fitted coefficient."),
        new("discount", string.Empty, ColumnKind.Text, "The corpus's discount d (exact), when the runs agree on one."),
        new("theory_exponent", string.Empty, ColumnKind.Real, "The theory's data exponent 1 - d, derived from the discount."),
        new("consistent", string.Empty, ColumnKind.Text, "World and bayes series: whether the interval of beta contains 1 - d (yes, no, or empty)."),
        new("note", string.Empty, ColumnKind.Text, "What the fit means, or why there is none."),
    ];

    /// <summary>The schema of <see cref="ToPointsTable"/>.</summary>
    public static readonly ImmutableArray<TableColumn> PointColumns =
    [
        new("series", string.Empty, ColumnKind.Text, "The series: continuation, frozen, world or bayes."),
        new("train_sentences", "sentences", ColumnKind.Count, "N, the training sentences of the run."),
        new("excess", "nats/token", ColumnKind.Real, "The measured excess loss."),
        new("excess_se", "nats/token", ColumnKind.Real, "Its standard error."),
        new("fitted", "nats/token", ColumnKind.Real, "The fitted law B * N^-beta at N."),
        new("used", string.Empty, ColumnKind.Boolean, "Whether the run entered the fit."),
    ];

    /// <summary>Returns the fit of a series, or <see langword="null"/> when the manifest has no run of it.</summary>
    /// <param name="series">"continuation", "frozen", "world" or "bayes".</param>
    /// <returns>The fit.</returns>
    public SweepExponentFit? Fit(string series) => Fits.FirstOrDefault(f => f.Series == series);

    /// <summary>Returns the fits as a table with the schema <see cref="Columns"/>.</summary>
    /// <returns>The table.</returns>
    public ResultTable ToTable() => new(
        string.Create(CultureInfo.InvariantCulture, $"data-size sweep: excess loss = B * N^-beta per comparator, {BootstrapReplicates} parametric bootstrap replicates (seed {Seed}), {ConfidenceLevel:P0} intervals"),
        Columns,
        [.. Fits.Select(f => ImmutableArray.Create(
            TableCell.Of(f.Series), TableCell.Of((long)f.Runs), TableCell.Of((long)f.Used), TableCell.Of((long)f.DistinctSizes),
            TableCell.Of(f.Exponent), TableCell.Of(f.StandardError), TableCell.Of(f.Interval?.Lower ?? double.NaN), TableCell.Of(f.Interval?.Upper ?? double.NaN),
            TableCell.Of(f.Coefficient), TableCell.Of(f.Discount?.ToString() ?? string.Empty), TableCell.Of(f.TheoryExponent),
            TableCell.Of(f.Consistent switch { true => "yes", false => "no", null => string.Empty }), TableCell.Of(f.Note)))]);

    /// <summary>Returns the points as a table with the schema <see cref="PointColumns"/>.</summary>
    /// <returns>The table.</returns>
    public ResultTable ToPointsTable() => new(
        "sweep runs: measured excess beside the fitted law",
        PointColumns,
        [.. Points.Select(p => ImmutableArray.Create(
            TableCell.Of(p.Series), TableCell.Of(p.TrainSentences), TableCell.Of(p.ExcessNatsPerToken), TableCell.Of(p.StandardError),
            TableCell.Of(p.Fitted), TableCell.Of(p.Used)))]);

    /// <inheritdoc/>
    public bool Equals(SweepFitReport? other) =>
        other is not null && Fits.SequenceEqual(other.Fits) && Points.SequenceEqual(other.Points)
        && BootstrapReplicates == other.BootstrapReplicates && Seed == other.Seed && ConfidenceLevel == other.ConfidenceLevel;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Fits.Length, Points.Length, BootstrapReplicates, Seed);
}

/// <summary>
/// Fits the data exponent of a sweep (runs of one model family at several training sizes N, from <see cref="SweepManifest"/>):
/// excess ≈ B·N^−β, per comparator mode, with an interval, beside the exponent 1 − d the theory derives (docs/03-formulas/data-scaling.md).
/// </summary>
/// <remarks>
/// <para>Estimator. On the used runs (finite excess e_i &gt; 0), weighted least squares of y_i = ln e_i on x_i = ln N_i with
/// weights w_i = (e_i/s_i)² (the inverse delta-method variance of ln e_i from the run's standard error s_i); when any used run lacks
/// a finite positive s_i (always so for the bayes series), all weights are 1 and, with at least 3 runs, the standard error comes from the
/// residuals, SE = (RSS/(n − 2)/Σ(x_i − x̄)²)^1/2, with a Student t interval on n − 2 degrees of freedom. β̂ = −slope, B̂ = exp(intercept),
/// SE(β̂) = (Σ w_i (x_i − x̄_w)²)^−1/2.</para>
/// <para>Interval. Replicate b redraws every ln e_i from N(ln e_i, (s_i/e_i)²) with <see cref="CounterRandom.Create"/>(seed, s)
/// substream b, s the series' fixed stream (continuation 0, frozen 1, world 2, bayes 3), refits, and the percentile interval of β̂ is reported.</para>
/// <para>Theory. The data law of the paper concerns the excess over the true world, I(world; X_{n+1} | X^n) ∝ n^−(1−d); of the
/// three comparators only <see cref="EvaluationMode.World"/> measures it, so only that mode gets a verdict. A fixed-size model's
/// excess over the world also contains its capacity term, which does not fall with N: a β̂ well below 1 − d at large N says
/// the model, not the data, limits it. The excess over the frozen or continuation comparator is the model's inefficiency
/// relative to the Bayes optimum; it has no theoretical exponent.</para>
/// <para>Pure and deterministic; cost O(runs × replicates).</para>
/// </remarks>
public static class SweepFitting
{
    /// <summary>The largest evaluation window M/N (in tokens) at which the world and bayes series are read as the data law at N
    /// without a warning: for M ≤ N/10 the window average of c·n^−β over [N, N + M] is within about β·M/(2N) ≤ 5% of c·N^−β.</summary>
    public const double MaximumWindowRatio = 0.1;

    /// <summary>The default number of parametric bootstrap replicates.</summary>
    public const int DefaultBootstrapReplicates = 2_000;

    /// <summary>Fits the exponent of every comparator mode in a sweep.</summary>
    /// <param name="runs">The runs (as read by <see cref="SweepManifest.Read"/>).</param>
    /// <param name="bootstrapReplicates">Parametric bootstrap replicates. Range: 0 to 100,000.</param>
    /// <param name="seed">The bootstrap seed.</param>
    /// <param name="confidenceLevel">The interval's level. Range: 0 &lt; level &lt; 1.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="runs"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="runs"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or the level is outside its range.</exception>
    public static SweepFitReport Fit(IReadOnlyList<SweepRun> runs, int bootstrapReplicates = DefaultBootstrapReplicates, ulong seed = 0, double confidenceLevel = FitOptions.DefaultConfidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("The sweep has no runs; valid: at least one (two training sizes for an exponent).", nameof(runs));
        }

        Internal.Preconditions.InRange(bootstrapReplicates, 0, 100_000, nameof(bootstrapReplicates));
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw Internal.Preconditions.OutOfRange(nameof(confidenceLevel), confidenceLevel, "0 < confidenceLevel < 1");
        }

        // The bayes series: for every training size with both a continuation and a world row on the same evaluation tokens, the
        // continuation comparator's loss minus the world's (no standard error: the two are exact on the same tokens, the spread is in
        // the data). Both learn inside the evaluation window, as the data law's R(n+1) − R(n) does; the frozen comparator does not, and
        // against a world that does, its excess grows along the window (entities first met there are new to it every time).
        var bayes = new List<(SweepRun Source, double Excess)>();
        foreach (SweepRun world in runs.Where(r => r.Mode == EvaluationMode.World))
        {
            SweepRun? continuation = runs.FirstOrDefault(r => r.Mode == EvaluationMode.Continuation && r.TrainSentences == world.TrainSentences && r.EvalTokens == world.EvalTokens);
            if (continuation is not null && !bayes.Any(b => b.Source.TrainSentences == world.TrainSentences && b.Source.EvalTokens == world.EvalTokens))
            {
                bayes.Add((world, continuation.OracleNatsPerToken - world.OracleNatsPerToken));
            }
        }

        var series = new List<(string Name, EvaluationMode Mode, SweepRun[] Runs)>();
        foreach (EvaluationMode mode in (EvaluationMode[])[EvaluationMode.Continuation, EvaluationMode.Frozen, EvaluationMode.World])
        {
            SweepRun[] ofMode = [.. runs.Where(r => r.Mode == mode)];
            if (ofMode.Length > 0)
            {
                series.Add((SweepManifest.ModeName(mode), mode, ofMode));
            }
        }

        if (bayes.Count > 0)
        {
            series.Add(("bayes", EvaluationMode.World, [.. bayes.Select(b => b.Source with { ExcessNatsPerToken = b.Excess, ExcessStandardError = double.NaN })]));
        }

        var fits = ImmutableArray.CreateBuilder<SweepExponentFit>();
        var points = ImmutableArray.CreateBuilder<SweepPoint>();
        foreach ((string name, EvaluationMode mode, SweepRun[] ofSeries) in series)
        {
            // A fixed stream per series (continuation 0, frozen 1, world 2, bayes 3): a series' interval does not depend on which
            // other series the manifest holds.
            ulong stream = name == "bayes" ? 3UL : (ulong)mode;
            SweepExponentFit fit = FitSeries(name, mode, ofSeries, bootstrapReplicates, CounterRandom.Create(seed, stream), confidenceLevel);
            fits.Add(fit);
            foreach (SweepRun r in ofSeries)
            {
                double value = double.IsNaN(fit.Exponent) ? double.NaN : fit.Coefficient * Math.Pow(r.TrainSentences, -fit.Exponent);
                points.Add(new SweepPoint(name, r.TrainSentences, r.ExcessNatsPerToken, r.ExcessStandardError, value, IsUsable(r)));
            }
        }

        return new SweepFitReport(fits.ToImmutable(), points.ToImmutable(), bootstrapReplicates, seed, confidenceLevel);
    }

    private static bool IsUsable(SweepRun r) => double.IsFinite(r.ExcessNatsPerToken) && r.ExcessNatsPerToken > 0;

    private static SweepExponentFit FitSeries(string name, EvaluationMode mode, SweepRun[] runs, int replicates, CounterRandom random, double level)
    {
        SweepRun[] used = [.. runs.Where(IsUsable)];
        int sizes = used.Select(r => r.TrainSentences).Distinct().Count();
        string?[] discounts = [.. runs.Select(r => r.Discount).Distinct()];
        Rational? discount = discounts.Length == 1 && discounts[0] is { } text && Rational.TryParse(text, CultureInfo.InvariantCulture, out Rational d) ? d : null;
        double theory = discount is { } dd ? 1 - dd.ToDouble() : double.NaN;
        string meaning = name switch
        {
            "bayes" => "the exact Bayes-optimal prequential predictor's excess over the world on the same tokens: the theory's data law averaged over the evaluation window (asymptotically beta = 1 - d; the syntax part falls as 1/N, so small N gives a steeper slope)",
            "world" => "the model's excess over the true world: the data law's beta = 1 - d plus the model's own inefficiency and a capacity floor for a fixed-size model",
            _ => "the model's excess over the Bayes-optimal " + name + " comparator: its inefficiency, no theoretical exponent (the world and bayes series carry the data law)",
        };
        if (sizes < 2)
        {
            string why = string.Create(CultureInfo.InvariantCulture, $"no fit: {used.Length} of {runs.Length} runs have a positive excess, at {sizes} distinct training size(s); an exponent needs at least 2 sizes");
            return new SweepExponentFit(name, mode, runs.Length, used.Length, sizes, double.NaN, double.NaN, null, double.NaN, discount, theory, null, why);
        }

        double[] x = [.. used.Select(r => Math.Log(r.TrainSentences))];
        double[] y = [.. used.Select(r => Math.Log(r.ExcessNatsPerToken))];
        double[] sigma = [.. used.Select(r => r.ExcessStandardError / r.ExcessNatsPerToken)];
        bool weighted = sigma.All(s => double.IsFinite(s) && s > 0);
        double[] w = [.. sigma.Select(s => weighted ? 1 / (s * s) : 1.0)];
        (double slope, double intercept, double sxx) = WeightedLine(x, y, w);
        double se = weighted ? 1 / Math.Sqrt(sxx) : double.NaN;
        ConfidenceInterval? interval = null;
        if (!weighted && used.Length >= 3)
        {
            // No per-run errors: the residual scatter gives the slope's standard error, and a Student t interval with n − 2 degrees of freedom.
            double rss = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double r = y[i] - (intercept + (slope * x[i]));
                rss += r * r;
            }

            se = Math.Sqrt(rss / (used.Length - 2) / sxx);
            double t = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, used.Length - 2, (1 + level) / 2);
            interval = new ConfidenceInterval(-slope - (t * se), -slope + (t * se), level);
        }

        if (weighted && replicates > 0)
        {
            double[] betas = new double[replicates];
            double[] yb = new double[y.Length];
            for (int b = 0; b < replicates; b++)
            {
                CounterRandom stream = random.Substream((ulong)b);
                ulong counter = 0;
                for (int i = 0; i < y.Length; i++)
                {
                    yb[i] = y[i] + (sigma[i] * Samplers.Normal(stream, ref counter));
                }

                betas[b] = -WeightedLine(x, yb, w).Slope;
            }

            Array.Sort(betas);
            interval = new ConfidenceInterval(ScalingLawFitting.Quantile(betas, (1 - level) / 2), ScalingLawFitting.Quantile(betas, (1 + level) / 2), level);
        }

        bool? consistent = mode == EvaluationMode.World && interval is not null && !double.IsNaN(theory) ? interval.Contains(theory) : null;
        string note = weighted ? meaning : meaning + (used.Length >= 3 ? "; no per-run standard errors: unweighted, Student t interval from the residuals" : "; no per-run standard errors and only 2 runs: no interval");
        double window = used.Max(r => (double)r.EvalTokens / r.TrainTokens);
        if (mode == EvaluationMode.World && window > MaximumWindowRatio)
        {
            note += string.Create(CultureInfo.InvariantCulture, $"; WARNING: evaluation window up to {window:G3} x the training tokens: the excess is averaged over n from N to N + M, which flattens the slope below 1 - d (use skm split --eval M <= N/10 for the data law)");
        }
        return new SweepExponentFit(name, mode, runs.Length, used.Length, sizes, -slope, se, interval, Math.Exp(intercept), discount, theory, consistent, note);
    }

    private static (double Slope, double Intercept, double Sxx) WeightedLine(double[] x, double[] y, double[] w)
    {
        double sw = 0, mx = 0, my = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sw += w[i];
            mx += w[i] * x[i];
            my += w[i] * y[i];
        }

        mx /= sw;
        my /= sw;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxx += w[i] * (x[i] - mx) * (x[i] - mx);
            sxy += w[i] * (x[i] - mx) * (y[i] - my);
        }

        double slope = sxy / sxx;
        return (slope, my - (slope * mx), sxx);
    }
}
