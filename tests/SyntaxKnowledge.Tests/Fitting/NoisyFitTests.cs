using SyntaxKnowledge.Fitting;

namespace SyntaxKnowledge.Tests.Fitting;

/// <summary>Noisy data, outliers, and the bootstrap: recovery within the intervals, robustness, coverage, determinism.</summary>
[Trait("Category", "Statistical")]
public sealed class NoisyFitTests
{
    private const double Noise = 0.01;

    [Fact]
    public void Fit_NoisySyntaxKnowledgeData_IntervalsCoverTheTruth_AndDataAreConsistentWithTheory()
    {
        const double discount = 0.6;
        LossLaw truth = Synthetic.SyntaxKnowledgeLaw(discount);
        (double[] c, double[] n) = Synthetic.CapacityGrid();
        LossObservations observations = Synthetic.WithNoise(truth.Tabulate(n, c), Noise, seed: 11);
        var options = FitOptions.Create(bootstrapReplicates: 60, seed: 5, confidenceLevel: 0.95);

        ScalingLawFit constrained = ScalingLawFitting.Fit(observations, ScalingLawForm.SyntaxKnowledge, options);
        Synthetic.AssertWithinStandardErrors(discount, constrained.Discount!);
        Synthetic.AssertWithinStandardErrors(truth.IrreducibleLoss, constrained.IrreducibleLoss);
        Assert.True(constrained.Discount!.Interval!.Contains(constrained.Discount.Value));

        ScalingLawFit free = ScalingLawFitting.Fit(observations, ScalingLawForm.Chinchilla, options);
        Synthetic.AssertWithinStandardErrors(discount, free.DiscountFromData!);
        Synthetic.AssertWithinStandardErrors(discount, free.DiscountFromModel!);
        Synthetic.AssertWithinStandardErrors(0, free.Consistency!.Difference);
        Assert.True(free.Consistency.IsConsistent, $"difference: {free.Consistency.Difference}");

        // The constrained fit spends one parameter fewer and pins d more tightly than either exponent of the free fit.
        Assert.True(constrained.Discount.Interval.Width < free.DiscountFromData!.Interval!.Width);

        // The residuals are the noise: their RMS is near sigma = 1% (within 30% for 36 points).
        Assert.InRange(free.Diagnostics.RootMeanSquareLogResidual, 0.7 * Noise, 1.3 * Noise);
    }

    [Fact]
    public void Fit_ChinchillaData_ViolatingTheTheory_IsFlaggedInconsistent()
    {
        // alpha = 1.0 and beta = 0.2: theory would need alpha = 0.2/0.8 = 0.25 (d_data = 0.8, d_model = 0.5).
        var truth = LossLaw.Chinchilla(2.0, 0.3 * 1e2, 1.0, 0.5 * Math.Pow(1e3, 0.2), 0.2);
        (double[] c, double[] n) = Synthetic.CapacityGrid();
        LossObservations observations = Synthetic.WithNoise(truth.Tabulate(n, c), Noise, seed: 12);
        ScalingLawFit fit = ScalingLawFitting.Fit(observations, ScalingLawForm.Chinchilla, FitOptions.Create(bootstrapReplicates: 60, seed: 3));

        Assert.False(fit.Consistency!.IsConsistent, $"difference: {fit.Consistency.Difference}");
        Synthetic.AssertWithinStandardErrors(0.8 - 0.5, fit.Consistency.Difference);
    }

    [Theory]
    [InlineData(ScalingLawForm.DataOnly)]
    [InlineData(ScalingLawForm.ModelOnly)]
    public void Fit_NoisySingleAxisData_IntervalContainsTheTruth(ScalingLawForm form)
    {
        double[] axis = Synthetic.LogSpace(1e2, 1e7, 20);
        LossLaw truth = form == ScalingLawForm.DataOnly ? LossLaw.DataOnly(2.0, 8.0, 0.4) : LossLaw.ModelOnly(2.0, 8.0, 0.4);
        LossObservations clean = form == ScalingLawForm.DataOnly ? truth.Tabulate(axis, []) : truth.Tabulate([], axis);
        ScalingLawFit fit = ScalingLawFitting.Fit(Synthetic.WithNoise(clean, Noise, seed: 21), form, FitOptions.Create(bootstrapReplicates: 60, seed: 9));
        FittedQuantity exponent = (form == ScalingLawForm.DataOnly ? fit.DataExponent : fit.ModelExponent)!;
        Synthetic.AssertWithinStandardErrors(0.4, exponent);
        Synthetic.AssertWithinStandardErrors(2.0, fit.IrreducibleLoss);
    }

    [Fact]
    public void Fit_WithOneOutlier_HuberBarelyMoves_WhileLeastSquaresIsPulledAway()
    {
        const double discount = 0.5;
        LossLaw truth = Synthetic.SyntaxKnowledgeLaw(discount);
        (double[] c, double[] n) = Synthetic.CapacityGrid();
        LossObservations clean = truth.Tabulate(n, c);
        double[] losses = clean.Losses.ToArray();
        losses[7] *= 1.5; // one corrupted run: 50% too high
        var corrupted = LossObservations.Create(clean.Tokens.AsSpan(), clean.Parameters.AsSpan(), losses);

        ScalingLawFit huber = ScalingLawFitting.Fit(corrupted, ScalingLawForm.SyntaxKnowledge, FitOptions.Create(bootstrapReplicates: 0));
        ScalingLawFit squares = ScalingLawFitting.Fit(corrupted, ScalingLawForm.SyntaxKnowledge, FitOptions.Create(huberDelta: 10, bootstrapReplicates: 0));

        // Huber: the outlier's pull is bounded by delta = 1e-3 per point, so d moves by O(delta/n), not O(residual/n).
        double huberError = Math.Abs(huber.Discount!.Value - discount), squaresError = Math.Abs(squares.Discount!.Value - discount);
        Assert.True(huberError < 1e-3, $"Huber d error {huberError:G3}");
        Assert.True(squaresError > 10 * huberError, $"least-squares d error {squaresError:G3} vs Huber {huberError:G3}");

        // The outlier stands out in the diagnostics: its log residual is about log(1.5).
        Assert.Equal(Math.Log(1.5), huber.Diagnostics.MaximumAbsoluteLogResidual, 0.01);
    }

    [Fact]
    public void Bootstrap_Coverage_IsNearTheNominalLevel_AndWidthsShrinkWithLessNoise()
    {
        // 24 independent noisy data sets from one data-only law; a 90% percentile interval should cover beta = 0.4
        // in about 90% of them. Binomial(24, 0.9) puts >= 17 covers at probability 0.99; percentile intervals
        // undercover a little in small samples, so accept 16..24.
        var truth = LossLaw.DataOnly(2.0, 8.0, 0.4);
        double[] tokens = Synthetic.LogSpace(1e2, 1e7, 16);
        LossObservations clean = truth.Tabulate(tokens, []);
        var options = FitOptions.Create(bootstrapReplicates: 40, seed: 1, confidenceLevel: 0.9);
        int covered = 0;
        double wideWidth = 0, narrowWidth = 0;
        for (ulong set = 0; set < 24; set++)
        {
            ScalingLawFit fit = ScalingLawFitting.Fit(Synthetic.WithNoise(clean, 0.02, seed: 1000 + set), ScalingLawForm.DataOnly, options);
            covered += fit.DataExponent!.Interval!.Contains(0.4) ? 1 : 0;
            wideWidth += fit.DataExponent.Interval.Width;
            if (set < 4)
            {
                narrowWidth += ScalingLawFitting.Fit(Synthetic.WithNoise(clean, 0.005, seed: 1000 + set), ScalingLawForm.DataOnly, options).DataExponent!.Interval!.Width;
            }
        }

        Assert.InRange(covered, 16, 24);

        // Four times less noise: intervals about four times narrower (allow a factor 2 either way).
        double ratio = (wideWidth / 24) / (narrowWidth / 4);
        Assert.InRange(ratio, 2, 8);
    }

    [Fact]
    public void Bootstrap_SameSeed_SameResult_OnOneOrAllThreads_AndSeedMatters()
    {
        LossLaw truth = Synthetic.SyntaxKnowledgeLaw(0.5);
        (double[] c, double[] n) = Synthetic.CapacityGrid();
        LossObservations observations = Synthetic.WithNoise(truth.Tabulate(n, c), Noise, seed: 4);

        ScalingLawFit one = ScalingLawFitting.Fit(observations, ScalingLawForm.Chinchilla, FitOptions.Create(bootstrapReplicates: 16, seed: 77, threads: 1));
        ScalingLawFit all = ScalingLawFitting.Fit(observations, ScalingLawForm.Chinchilla, FitOptions.Create(bootstrapReplicates: 16, seed: 77, threads: -1));
        ScalingLawFit other = ScalingLawFitting.Fit(observations, ScalingLawForm.Chinchilla, FitOptions.Create(bootstrapReplicates: 16, seed: 78, threads: -1));

        Assert.Equal(one, all);
        Assert.Equal(one.Law, other.Law); // the point estimate does not depend on the seed
        Assert.NotEqual(one.DataExponent!.Interval, other.DataExponent!.Interval);
    }

    [Fact]
    public void Bootstrap_ReportsProgressUpToOne_AndHonoursCancellation()
    {
        LossLaw truth = Synthetic.SyntaxKnowledgeLaw(0.5);
        (double[] c, double[] n) = Synthetic.CapacityGrid();
        LossObservations observations = Synthetic.WithNoise(truth.Tabulate(n, c), Noise, seed: 4);
        var progress = new Recorder();
        ScalingLawFitting.Fit(observations, ScalingLawForm.SyntaxKnowledge, FitOptions.Create(bootstrapReplicates: 12), progress);
        Assert.Equal(12, progress.Values.Count);
        Assert.Equal(1.0, progress.Values.Max());
        Assert.All(progress.Values, v => Assert.InRange(v, 0, 1));

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ScalingLawFitting.Fit(observations, ScalingLawForm.SyntaxKnowledge, FitOptions.Create(bootstrapReplicates: 12), null, cancelled.Token));
    }

    private sealed class Recorder : IProgress<double>
    {
        private readonly Lock _gate = new();

        public List<double> Values { get; } = [];

        public void Report(double value)
        {
            lock (_gate)
            {
                Values.Add(value);
            }
        }
    }
}
