using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Fitting;

/// <summary>
/// Robust fits of scaling laws to measured losses (Hoffmann et al. 2022, approach 3): Huber loss on log-loss
/// residuals, a deterministic multi-start BFGS search in log-parameters, and percentile bootstrap confidence
/// intervals; reports the Pitman–Yor discount d that each fitted exponent implies under the Syntax-Knowledge model.
/// </summary>
/// <remarks>
/// <para><b>Objective.</b> θ̂ = argmin Σᵢ Huber_δ(log L̂(Nᵢ, Dᵢ; θ) − log Lᵢ), with
/// log L̂ = LSE(log E, log A − α log N, log B − β log D) (log-sum-exp), Huber_δ(r) = r²/2 for |r| ≤ δ and
/// δ(|r| − δ/2) otherwise, δ = <see cref="FitOptions.HuberDelta"/> (10⁻³ by default, as in Hoffmann et al.).
/// E, A, B and the exponents are optimised through their logarithms (the Syntax-Knowledge discount through its
/// logit), so every estimate is positive; log A and log B are centred on the mean log N and log D, which removes
/// the near-collinearity of a coefficient and its exponent.</para>
/// <para><b>Search.</b> For every exponent on a fixed grid (α, β ∈ {0.05 … 2} for Chinchilla, d ∈ {0.05, 0.10, …, 0.95}
/// for Syntax-Knowledge, 13 exponents in [0.02, 3] for single-axis forms) the law is linear in (E, A, B), which a
/// non-negative least-squares fit of the relative error solves exactly; the <see cref="FitOptions.Starts"/> best
/// grid points are refined with MathNet's BFGS using the exact gradient, restarting from the best point seen when a
/// line search fails. The search is deterministic.</para>
/// <para><b>Bootstrap.</b> Replicate r resamples the n points with replacement using
/// <see cref="CounterRandom"/>.<see cref="CounterRandom.Create"/>(seed, r) (index j is draw j of that stream), refits
/// from the full-data estimate and from the replicate's best grid point, and records every reported quantity.
/// A resample that lost the distinct axis values the form needs (possible only for tiny tables), or whose fit is not
/// finite, counts as failed (<see cref="FitDiagnostics.FailedReplicates"/>) and is left out. Intervals are percentile intervals (linear interpolation between order statistics). Replicates are independent, so
/// the result depends only on the seed, never on the thread count.</para>
/// <para><b>Theory.</b> Under the Syntax-Knowledge model with discount d the data exponent is β = 1 − d and the
/// model exponent α = (1 − d)/d (docs/03-formulas/data-scaling.md, docs/03-formulas/capacity-and-model-scaling.md), so a fitted β implies d = 1 − β, a fitted α implies d = 1/(1 + α),
/// and the two agree exactly when α = β/(1 − β). The compute-optimal split for F = N·D is N ∝ F^(β/(α+β)),
/// D ∝ F^(α/(α+β)), i.e. N ∝ F^(d/(1+d)) and D ∝ F^(1/(1+d)) under the theory.</para>
/// <para>Thread-safety: all members are pure and thread-safe.</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2203.15556">Hoffmann et al. (2022), Training Compute-Optimal Large Language Models.</seealso>
/// <seealso href="https://arxiv.org/abs/2404.10102">Besiroglu et al. (2024), Chinchilla Scaling: A replication attempt.</seealso>
/// <seealso href="https://arxiv.org/abs/2504.09597">Pan, Wang, Liao, Li (2025), Understanding LLM Behaviors via Compression.</seealso>
public static class ScalingLawFitting
{
    private const int MaximumRounds = 6;
    private const int MaximumIterations = 400;
    private const double RestartGain = 1e-9;
    private const int QuantityCount = 13;

    private static readonly ImmutableArray<string> Names =
    [
        "irreducible_loss", "model_coefficient", "model_exponent", "data_coefficient", "data_exponent", "discount",
        "discount_from_data", "discount_from_model", "discount_difference", "predicted_model_exponent",
        "predicted_data_exponent", "optimal_parameters_exponent", "optimal_tokens_exponent",
    ];

    /// <summary>Fits a scaling law of the given form to measured losses, with bootstrap confidence intervals.</summary>
    /// <param name="observations">The measured points; must have the axes the form uses. Range: at least as many points as the form
    /// has free parameters (Chinchilla 5, Syntax-Knowledge 4, single-axis 3); two-axis forms need ≥ 2 distinct values on each axis,
    /// single-axis forms ≥ 3 distinct values on their axis.</param>
    /// <param name="form">The form to fit.</param>
    /// <param name="options">The fit settings; <see langword="null"/> for <see cref="FitOptions.Default"/>.</param>
    /// <param name="progress">Receives the fraction of bootstrap replicates done, in [0, 1]; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the search and the bootstrap.</param>
    /// <returns>The fit: law, parameters with intervals, implied discounts, the theory's consistency check, compute-optimal exponents and diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="observations"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="form"/> is not a defined form, or there are fewer points than free parameters.</exception>
    /// <exception cref="ArgumentException">The observations lack an axis the form needs, or have too few distinct values on it.</exception>
    /// <exception cref="ArithmeticException">The full-data fit degenerated (a coefficient overflowed or underflowed, or the discount reached 0 or 1 in
    /// double precision): the data do not determine that term.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>
    /// <para>Accuracy: on noiseless data generated from a law of the same form (36–64 points over 2–3 decades per axis) the
    /// parameters are recovered to about 10⁻¹¹ relative; the tests (tests/SyntaxKnowledge.Tests/Fitting) assert 10⁻⁶.</para>
    /// <para>Cost: O(n) per objective evaluation; a few hundred evaluations per start; B + 1 fits in all.</para>
    /// </remarks>
    public static ScalingLawFit Fit(LossObservations observations, ScalingLawForm form, FitOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observations);
        Validate(observations, form);
        options ??= FitOptions.Default;
        double delta = options.HuberDelta;
        FitData data = FitData.From(observations, form);

        List<double[]> starts = StartGrid.Best(form, data, delta, options.Starts);
        (double[] theta, double objective) = Minimize(form, data, delta, starts, cancellationToken);
        double[] point = Derive(form, theta, data);
        LossLaw law = BuildLaw(form, point);

        double[] residuals = LawObjective.Residuals(form, data, theta);
        double rms = Math.Sqrt(residuals.Select(r => r * r).Average());
        double maxAbs = residuals.Max(Math.Abs);

        (ConfidenceInterval?[] intervals, int failed) = Bootstrap(form, data, theta, options, progress, cancellationToken);
        var diagnostics = new FitDiagnostics(data.Count, LawObjective.Dimension(form), delta, objective, rms, maxAbs, starts.Count, options.BootstrapReplicates, failed, options.Seed);
        return Assemble(law, point, intervals, diagnostics);
    }

    /// <summary>Returns the number of free parameters of a form: the least number of points a fit needs.</summary>
    /// <param name="form">The form.</param>
    /// <returns>5 for Chinchilla (E, A, α, B, β), 4 for Syntax-Knowledge (E, A, B, d), 3 for the single-axis forms.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="form"/> is not a defined form.</exception>
    public static int FreeParameters(ScalingLawForm form)
    {
        CheckForm(form);
        return LawObjective.Dimension(form);
    }

    /// <summary>Returns the forms that can be fitted to the observations, most informative first.</summary>
    /// <param name="observations">The measured points.</param>
    /// <returns>Chinchilla and Syntax-Knowledge when both axes vary; otherwise the single-axis form of the axis that varies; empty when none fits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="observations"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<ScalingLawForm> ApplicableForms(LossObservations observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ScalingLawForm[] forms = [ScalingLawForm.Chinchilla, ScalingLawForm.SyntaxKnowledge];
        if (forms.All(f => Problem(observations, f) is null))
        {
            return forms;
        }

        foreach (ScalingLawForm single in new[] { ScalingLawForm.DataOnly, ScalingLawForm.ModelOnly })
        {
            if (Problem(observations, single) is null)
            {
                return [single];
            }
        }

        return [];
    }

    /// <summary>Returns the robust objective Σᵢ Huber_δ(log L̂ᵢ − log Lᵢ) of a law on measured points.</summary>
    /// <param name="law">The law.</param>
    /// <param name="observations">The measured points; must have the axes the law uses.</param>
    /// <param name="huberDelta">The Huber threshold δ. Range: 0 &lt; δ &lt; ∞.</param>
    /// <returns>The objective (0 when the law reproduces every loss exactly).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="huberDelta"/> is not positive and finite.</exception>
    /// <exception cref="ArgumentException">The observations lack an axis the law uses.</exception>
    public static double Objective(LossLaw law, LossObservations observations, double huberDelta = FitOptions.DefaultHuberDelta)
    {
        ArgumentNullException.ThrowIfNull(law);
        ArgumentNullException.ThrowIfNull(observations);
        Preconditions.Positive(huberDelta, nameof(huberDelta));
        CheckAxes(observations, law.Form);
        double total = 0;
        for (int i = 0; i < observations.Count; i++)
        {
            double tokens = observations.HasTokens ? observations.Tokens[i] : double.NaN;
            double parameters = observations.HasParameters ? observations.Parameters[i] : double.NaN;
            total += Huber(Math.Log(law.Loss(tokens, parameters)) - Math.Log(observations.Losses[i]), huberDelta);
        }

        return total;
    }

    /// <summary>The Huber loss Huber_δ(r): r²/2 for |r| ≤ δ, δ·(|r| − δ/2) otherwise.</summary>
    /// <param name="residual">The residual r. Range: any number (NaN gives NaN).</param>
    /// <param name="delta">The threshold δ. Range: 0 &lt; δ &lt; ∞.</param>
    /// <returns>The loss: quadratic near 0, linear in the tails, continuously differentiable.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive and finite.</exception>
    /// <seealso href="https://doi.org/10.1214/aoms/1177703732">Huber (1964), Robust Estimation of a Location Parameter.</seealso>
    public static double Huber(double residual, double delta)
    {
        Preconditions.Positive(delta, nameof(delta));
        return LawObjective.Huber(residual, delta);
    }

    private static void Validate(LossObservations observations, ScalingLawForm form)
    {
        CheckForm(form);
        CheckAxes(observations, form);
        int k = LawObjective.Dimension(form);
        if (observations.Count < k)
        {
            throw new ArgumentOutOfRangeException(
                nameof(observations),
                observations.Count,
                string.Create(CultureInfo.InvariantCulture, $"observations.Count = {observations.Count} is out of range; valid range: observations.Count >= {k}, the number of free parameters of the {FormName(form)} form."));
        }

        if (Problem(observations, form) is { } problem)
        {
            throw new ArgumentException(problem, nameof(observations));
        }
    }

    private static void CheckForm(ScalingLawForm form)
    {
        if (!Enum.IsDefined(form))
        {
            throw Preconditions.OutOfRange(nameof(form), (int)form, "Chinchilla (0), SyntaxKnowledge (1), DataOnly (2) or ModelOnly (3)");
        }
    }

    private static void CheckAxes(LossObservations observations, ScalingLawForm form)
    {
        if (form != ScalingLawForm.DataOnly && !observations.HasParameters)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The {FormName(form)} form has a model term, but the observations have no parameters (model size) column; valid: parameters N for every point."),
                nameof(observations));
        }

        if (form != ScalingLawForm.ModelOnly && !observations.HasTokens)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The {FormName(form)} form has a data term, but the observations have no tokens column; valid: tokens D for every point."),
                nameof(observations));
        }
    }

    // Null when the form can be fitted; otherwise the reason (axes, count, distinct values).
    private static string? Problem(LossObservations observations, ScalingLawForm form)
    {
        bool model = form != ScalingLawForm.DataOnly, data = form != ScalingLawForm.ModelOnly;
        if ((model && !observations.HasParameters) || (data && !observations.HasTokens) || observations.Count < LawObjective.Dimension(form))
        {
            return "missing axis or too few points";
        }

        int needed = model && data ? 2 : 3;
        if (model && LossObservations.Distinct(observations.Parameters) is var n && n < needed)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The {FormName(form)} form needs at least {needed} distinct parameter counts to identify its model term; the observations have {n}.");
        }

        if (data && LossObservations.Distinct(observations.Tokens) is var d && d < needed)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The {FormName(form)} form needs at least {needed} distinct token counts to identify its data term; the observations have {d}.");
        }

        return null;
    }

    private static string FormName(ScalingLawForm form) => form switch
    {
        ScalingLawForm.Chinchilla => "chinchilla",
        ScalingLawForm.SyntaxKnowledge => "syntax-knowledge",
        ScalingLawForm.DataOnly => "data-only",
        _ => "model-only",
    };

    private static (double[] Theta, double Objective) Minimize(ScalingLawForm form, FitData data, double delta, IEnumerable<double[]> starts, CancellationToken cancellationToken)
    {
        double[]? best = null;
        double bestObjective = double.PositiveInfinity;
        foreach (double[] start in starts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (double[] theta, double objective) = Refine(form, data, delta, start);
            if (objective < bestObjective || best is null)
            {
                (best, bestObjective) = (theta, objective);
            }
        }

        return (best ?? throw new ArithmeticException("No finite starting point was found for the fit."), bestObjective);
    }

    // BFGS from one start; the objective wrapper remembers the best point ever evaluated, so a failed line search
    // (common near an optimum in double precision) still yields the best point, from which BFGS restarts.
    private static (double[] Theta, double Objective) Refine(ScalingLawForm form, FitData data, double delta, double[] start)
    {
        int dimension = start.Length;
        double[] bestTheta = (double[])start.Clone();
        double bestValue = LawObjective.Evaluate(form, data, delta, start, []);
        IObjectiveFunction objective = ObjectiveFunction.Gradient(v =>
        {
            double[] theta = v.ToArray();
            var gradient = new double[dimension];
            double value = LawObjective.Evaluate(form, data, delta, theta, gradient);
            if (value < bestValue && gradient.All(double.IsFinite))
            {
                (bestTheta, bestValue) = (theta, value);
            }

            return (value, Vector<double>.Build.DenseOfArray(gradient));
        });

        for (int round = 0; round < MaximumRounds; round++)
        {
            double before = bestValue;
            var minimizer = new BfgsMinimizer(gradientTolerance: 1e-11, parameterTolerance: 1e-13, functionProgressTolerance: 1e-18, maximumIterations: MaximumIterations);
            try
            {
                // A normal return means a convergence test passed (gradient, step or progress): restarting would repeat it.
                minimizer.FindMinimum(objective, Vector<double>.Build.DenseOfArray(bestTheta));
                break;
            }
            catch (OptimizationException)
            {
                // Fall through: restart from the best point seen, if this round made progress.
            }

            if (!(bestValue < before - (RestartGain * before)))
            {
                break;
            }
        }

        return (bestTheta, bestValue);
    }

    // The reported quantities, in the order of Names; NaN where the form has no such quantity.
    private static double[] Derive(ScalingLawForm form, double[] theta, FitData data)
    {
        LawTerms t = LawObjective.Unpack(form, theta);
        bool model = form != ScalingLawForm.DataOnly, dataTerm = form != ScalingLawForm.ModelOnly, both = model && dataTerm;
        double alpha = t.ModelExponent, beta = t.DataExponent;
        double discount = form == ScalingLawForm.SyntaxKnowledge ? LawObjective.Logistic(theta[3]) : double.NaN;
        var q = new double[QuantityCount];
        q[0] = Math.Exp(t.LogIrreducible);
        q[1] = model ? Math.Exp(t.LogModel + (alpha * data.CenterModel)) : double.NaN;
        q[2] = model ? alpha : double.NaN;
        q[3] = dataTerm ? Math.Exp(t.LogData + (beta * data.CenterData)) : double.NaN;
        q[4] = dataTerm ? beta : double.NaN;
        q[5] = discount;
        q[6] = form == ScalingLawForm.SyntaxKnowledge ? discount : dataTerm ? 1 - beta : double.NaN;
        q[7] = form == ScalingLawForm.SyntaxKnowledge ? discount : model ? 1 / (1 + alpha) : double.NaN;
        bool chinchilla = form == ScalingLawForm.Chinchilla;
        q[8] = chinchilla ? q[6] - q[7] : double.NaN;
        q[9] = chinchilla ? (beta < 1 ? beta / (1 - beta) : double.PositiveInfinity) : double.NaN;
        q[10] = chinchilla ? alpha / (1 + alpha) : double.NaN;
        q[11] = both ? beta / (alpha + beta) : double.NaN;
        q[12] = both ? alpha / (alpha + beta) : double.NaN;
        return q;
    }

    // Whether a resample still has the distinct axis values the form needs (the rule Validate applies to the data).
    private static bool Identifiable(ScalingLawForm form, FitData sample)
    {
        bool model = form != ScalingLawForm.DataOnly, dataTerm = form != ScalingLawForm.ModelOnly;
        int needed = model && dataTerm ? 2 : 3;
        return (!model || sample.X.Distinct().Take(needed).Count() >= needed) && (!dataTerm || sample.Y.Distinct().Take(needed).Count() >= needed);
    }

    // Whether a replicate's estimates are usable: E and the form's coefficients and exponents are finite and positive (E ≥ 0).
    private static bool IsUsable(ScalingLawForm form, double[] q)
    {
        bool model = form != ScalingLawForm.DataOnly, dataTerm = form != ScalingLawForm.ModelOnly;
        return q[0] >= 0 && double.IsFinite(q[0])
            && (!model || (q[1] > 0 && double.IsFinite(q[1]) && q[2] > 0 && double.IsFinite(q[2])))
            && (!dataTerm || (q[3] > 0 && double.IsFinite(q[3]) && q[4] > 0 && double.IsFinite(q[4])))
            && (form != ScalingLawForm.SyntaxKnowledge || (q[5] > 0 && q[5] < 1));
    }

    private static LossLaw BuildLaw(ScalingLawForm form, double[] q)
    {
        if (!IsUsable(form, q))
        {
            throw new ArithmeticException(string.Create(
                CultureInfo.InvariantCulture,
                $"The {FormName(form)} fit degenerated (E = {q[0]:R}, A = {q[1]:R}, alpha = {q[2]:R}, B = {q[3]:R}, beta = {q[4]:R}, d = {q[5]:R}): the data do not determine every term of this form."));
        }

        return form switch
        {
            ScalingLawForm.Chinchilla => LossLaw.Chinchilla(q[0], q[1], q[2], q[3], q[4]),
            ScalingLawForm.SyntaxKnowledge => LossLaw.SyntaxKnowledge(q[0], q[1], q[3], q[5]),
            ScalingLawForm.DataOnly => LossLaw.DataOnly(q[0], q[3], q[4]),
            _ => LossLaw.ModelOnly(q[0], q[1], q[2]),
        };
    }

    private static (ConfidenceInterval?[] Intervals, int Failed) Bootstrap(ScalingLawForm form, FitData data, double[] theta, FitOptions options, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        int replicates = options.BootstrapReplicates, n = data.Count;
        var intervals = new ConfidenceInterval?[QuantityCount];
        if (replicates == 0)
        {
            return (intervals, 0);
        }

        var values = new double[replicates][];
        long done = 0;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.Threads == -1 ? Environment.ProcessorCount : options.Threads,
            CancellationToken = cancellationToken,
        };
        try
        {
            Parallel.For(0, replicates, parallel, r =>
            {
                CounterRandom random = CounterRandom.Create(options.Seed, (ulong)r);
                var indices = new int[n];
                for (int j = 0; j < n; j++)
                {
                    indices[j] = (int)random.Below((ulong)j, (uint)n);
                }

                FitData sample = data.Resample(indices);
                if (!Identifiable(form, sample))
                {
                    values[r] = [];
                    progress?.Report((double)Interlocked.Increment(ref done) / replicates);
                    return;
                }

                var starts = new List<double[]> { theta };
                starts.AddRange(StartGrid.Best(form, sample, options.HuberDelta, 1));
                (double[] estimate, _) = Minimize(form, sample, options.HuberDelta, starts, cancellationToken);
                double[] q = Derive(form, estimate, data);
                values[r] = IsUsable(form, q) ? q : [];
                progress?.Report((double)Interlocked.Increment(ref done) / replicates);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException))
        {
            throw new OperationCanceledException("The bootstrap was cancelled.", e, cancellationToken);
        }

        double[][] usable = values.Where(v => v.Length > 0).ToArray();
        if (usable.Length > 0)
        {
            double level = options.ConfidenceLevel;
            for (int k = 0; k < QuantityCount; k++)
            {
                double[] sorted = usable.Select(v => v[k]).Where(x => !double.IsNaN(x)).Order().ToArray();
                if (sorted.Length > 0)
                {
                    intervals[k] = new ConfidenceInterval(Quantile(sorted, (1 - level) / 2), Quantile(sorted, (1 + level) / 2), level);
                }
            }
        }

        return (intervals, replicates - usable.Length);
    }

    // Type-7 quantile (linear interpolation between order statistics) of sorted values.
    internal static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h), hi = Math.Min(lo + 1, sorted.Length - 1);
        double a = sorted[lo], b = sorted[hi], fraction = h - lo;
        if (a == b || fraction == 0)
        {
            return a;
        }

        if (double.IsInfinity(a) || double.IsInfinity(b))
        {
            return fraction < 0.5 ? a : b;
        }

        return a + (fraction * (b - a));
    }

    private static ScalingLawFit Assemble(LossLaw law, double[] point, ConfidenceInterval?[] intervals, FitDiagnostics diagnostics)
    {
        FittedQuantity? Q(int k) => double.IsNaN(point[k]) ? null : new FittedQuantity(Names[k], point[k], intervals[k]);
        DiscountConsistency? consistency = law.Form == ScalingLawForm.Chinchilla
            ? new DiscountConsistency(Q(8)!, Q(9)!, Q(10)!, intervals[8]?.Contains(0))
            : null;
        ComputeOptimalExponents? optimal = law.HasModelTerm && law.HasDataTerm ? new ComputeOptimalExponents(Q(11)!, Q(12)!) : null;
        return new ScalingLawFit(law, Q(0)!, Q(1), Q(2), Q(3), Q(4), Q(5), Q(6), Q(7), consistency, optimal, diagnostics);
    }
}
