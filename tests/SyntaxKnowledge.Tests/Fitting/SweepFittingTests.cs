using MathNet.Numerics.LinearRegression;
using SyntaxKnowledge.Fitting;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Tests.Fitting;

/// <summary>The data-size sweep fit: excess = B·N^−β per series, its intervals, the bayes series and the theory's verdict.</summary>
public sealed class SweepFittingTests
{
    private static SweepRun Run(long n, EvaluationMode mode, double excess, double se, double oracle = 1.0, string? discount = "1/2", long evalTokens = 1000) =>
        new(n, 10 * n, 1e5, discount, mode, evalTokens, oracle + excess, oracle, excess, se, null);

    [Fact]
    public void Fit_ExactPowerLaw_RecoversExponentAndCoefficient_AndTheWorldVerdictIsYes()
    {
        long[] sizes = [100, 300, 1000, 3000, 10000];
        SweepRun[] runs = [.. sizes.Select(n => Run(n, EvaluationMode.World, 2 * Math.Pow(n, -0.5), 0.05 * 2 * Math.Pow(n, -0.5)))];

        SweepFitReport report = SweepFitting.Fit(runs, bootstrapReplicates: 400, seed: 3);

        SweepExponentFit fit = Assert.Single(report.Fits);
        Assert.Equal("world", fit.Series);
        Assert.Equal(0.5, fit.Exponent, 12);
        Assert.Equal(2.0, fit.Coefficient, 10);
        Assert.Equal(Rational.Parse("1/2"), fit.Discount);
        Assert.Equal(0.5, fit.TheoryExponent);
        Assert.True(fit.Interval!.Contains(0.5));
        Assert.True(fit.Consistent);
        Assert.Equal(5, fit.Used);
        Assert.Equal(5, fit.DistinctSizes);

        // The weighted covariance: all relative errors are 5%, so SE = 0.05 / sqrt(sum (ln N - mean)^2).
        double[] x = [.. sizes.Select(n => Math.Log(n))];
        double mean = x.Average();
        Assert.Equal(0.05 / Math.Sqrt(x.Sum(v => (v - mean) * (v - mean))), fit.StandardError, 12);
        Assert.All(report.Points, p => Assert.Equal(p.ExcessNatsPerToken, p.Fitted, 12));
    }

    [Fact]
    public void Fit_WeightedSlope_MatchesAnIndependentWeightedRegression()
    {
        (long N, double E, double S)[] data = [(200, 0.9, 0.09), (600, 0.41, 0.02), (2000, 0.30, 0.06), (5000, 0.12, 0.03)];
        SweepRun[] runs = [.. data.Select(d => Run(d.N, EvaluationMode.Frozen, d.E, d.S))];

        SweepExponentFit fit = SweepFitting.Fit(runs, bootstrapReplicates: 0).Fits[0];

        // MathNet's weighted normal equations on (1, ln N) with weights (e/s)^2.
        double[][] design = [.. data.Select(d => new[] { 1.0, Math.Log(d.N) })];
        double[] y = [.. data.Select(d => Math.Log(d.E))];
        double[] w = [.. data.Select(d => (d.E / d.S) * (d.E / d.S))];
        double[] p = WeightedRegression.Weighted(design, y, w);
        Assert.Equal(-p[1], fit.Exponent, 10);
        Assert.Equal(Math.Exp(p[0]), fit.Coefficient, 10);
        Assert.Null(fit.Interval);
        Assert.Null(fit.Consistent); // frozen: no theoretical exponent
        Assert.Contains("inefficiency", fit.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_BayesSeries_IsContinuationComparatorMinusWorld_OnTheSameTokens()
    {
        // At each N the continuation comparator costs 3 N^-0.4 more than the world; the model's excess is arbitrary.
        long[] sizes = [100, 1000, 10000];
        var runs = new List<SweepRun>();
        foreach (long n in sizes)
        {
            double bayes = 3 * Math.Pow(n, -0.4);
            runs.Add(Run(n, EvaluationMode.Continuation, 0.2, 0.01, oracle: 1.0 + bayes));
            runs.Add(Run(n, EvaluationMode.Frozen, 0.3, 0.01, oracle: 1.0 + (2 * bayes))); // not used by the bayes series
            runs.Add(Run(n, EvaluationMode.World, 0.2 + bayes, 0.01, oracle: 1.0));
        }

        runs.Add(Run(50_000, EvaluationMode.World, 0.25, 0.01, oracle: 1.0)); // no continuation partner: not a bayes point

        SweepFitReport report = SweepFitting.Fit(runs, bootstrapReplicates: 0);

        SweepExponentFit bayesFit = report.Fit("bayes")!;
        Assert.Equal(3, bayesFit.Runs);
        Assert.Equal(0.4, bayesFit.Exponent, 10);
        Assert.Equal(3.0, bayesFit.Coefficient, 8);
        Assert.Equal(0, bayesFit.StandardError, 8); // exact law: no residual scatter
        Assert.Equal(["continuation", "frozen", "world", "bayes"], report.Fits.Select(f => f.Series));
        Assert.Equal(3, report.Points.Count(p => p.Series == "bayes"));
        Assert.Equal(3 * Math.Pow(1000, -0.4), report.Points.Single(p => p.Series == "bayes" && p.TrainSentences == 1000).ExcessNatsPerToken, 12);
    }

    [Fact]
    public void Fit_NonPositiveExcess_IsLeftOut_AndOneSizeGivesNoFitWithAReason()
    {
        SweepRun[] runs = [Run(100, EvaluationMode.World, 0.3, 0.01), Run(1000, EvaluationMode.World, -0.01, 0.02), Run(2000, EvaluationMode.World, double.NaN, 0.02)];

        SweepFitReport report = SweepFitting.Fit(runs);

        SweepExponentFit fit = report.Fits[0];
        Assert.Equal(3, fit.Runs);
        Assert.Equal(1, fit.Used);
        Assert.True(double.IsNaN(fit.Exponent));
        Assert.Null(fit.Consistent);
        Assert.Contains("at least 2 sizes", fit.Note, StringComparison.Ordinal);
        Assert.Equal([true, false, false], report.Points.Select(p => p.Used));
        Assert.All(report.Points, p => Assert.True(double.IsNaN(p.Fitted)));
        Assert.Equal(report.Fits.Length, report.ToTable().Rows.Length);
        Assert.Equal(3, report.ToPointsTable().Rows.Length);
    }

    [Fact]
    public void Fit_WithoutStandardErrors_GivesAStudentTIntervalFromTheResiduals()
    {
        (long N, double E)[] data = [(100, 1.0), (400, 0.55), (1600, 0.24), (6400, 0.13)];
        SweepRun[] runs = [.. data.Select(d => Run(d.N, EvaluationMode.World, d.E, double.NaN))];

        SweepExponentFit fit = SweepFitting.Fit(runs).Fits[0];

        // Ordinary least squares by hand: slope = Sxy/Sxx, SE = sqrt(RSS/(n-2)/Sxx), t(0.975; 2) = 4.302652729749464.
        double[] x = [.. data.Select(d => Math.Log(d.N))], y = [.. data.Select(d => Math.Log(d.E))];
        double mx = x.Average(), my = y.Average();
        double sxx = x.Sum(v => (v - mx) * (v - mx)), sxy = x.Zip(y).Sum(t => (t.First - mx) * (t.Second - my));
        double slope = sxy / sxx, intercept = my - (slope * mx);
        double rss = x.Zip(y).Sum(t => Math.Pow(t.Second - intercept - (slope * t.First), 2));
        double se = Math.Sqrt(rss / 2 / sxx);
        Assert.Equal(-slope, fit.Exponent, 12);
        Assert.Equal(se, fit.StandardError, 12);
        Assert.Equal(-slope - (4.302652729749464 * se), fit.Interval!.Lower, 9);
        Assert.Equal(-slope + (4.302652729749464 * se), fit.Interval.Upper, 9);
        Assert.Contains("Student t", fit.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_IsDeterministicForASeed_AndDiffersAcrossSeeds()
    {
        SweepRun[] runs = [Run(100, EvaluationMode.World, 0.5, 0.1), Run(1000, EvaluationMode.World, 0.2, 0.05), Run(10000, EvaluationMode.World, 0.06, 0.02)];
        Assert.Equal(SweepFitting.Fit(runs, 300, 9), SweepFitting.Fit(runs, 300, 9));
        Assert.NotEqual(SweepFitting.Fit(runs, 300, 9).Fits[0].Interval, SweepFitting.Fit(runs, 300, 10).Fits[0].Interval);
    }

    [Fact]
    public void Fit_WideEvaluationWindow_IsFlaggedForTheDataLawSeries()
    {
        // Eval 1,000 tokens against 10 N training tokens: M/N = 100/N, above 1/10 for N < 1000.
        SweepRun[] runs = [Run(100, EvaluationMode.World, 0.5, 0.1), Run(400, EvaluationMode.World, 0.25, 0.05), Run(1600, EvaluationMode.World, 0.12, 0.02),
            Run(100, EvaluationMode.Frozen, 0.5, 0.1), Run(400, EvaluationMode.Frozen, 0.25, 0.05)];
        SweepFitReport report = SweepFitting.Fit(runs, 50);
        Assert.Contains("WARNING: evaluation window up to 1 x", report.Fit("world")!.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", report.Fit("frozen")!.Note, StringComparison.Ordinal);

        SweepRun[] narrow = [.. runs.Select(r => r with { EvalTokens = r.TrainTokens / 10 })];
        Assert.DoesNotContain("WARNING", SweepFitting.Fit(narrow, 50).Fit("world")!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_BadInput_ThrowsNamingTheParameter()
    {
        SweepRun[] one = [Run(100, EvaluationMode.World, 0.5, 0.1)];
        Assert.Equal("runs", Assert.Throws<ArgumentException>(() => SweepFitting.Fit([])).ParamName);
        Assert.Equal("bootstrapReplicates", Assert.Throws<ArgumentOutOfRangeException>(() => SweepFitting.Fit(one, -1)).ParamName);
        Assert.Equal("confidenceLevel", Assert.Throws<ArgumentOutOfRangeException>(() => SweepFitting.Fit(one, 10, 0, 1.0)).ParamName);
        Assert.Throws<ArgumentNullException>(() => SweepFitting.Fit(null!));
    }

    /// <summary>The parametric bootstrap interval covers the true exponent at about its level when the errors are as stated.</summary>
    [Fact]
    [Trait("Category", "Statistical")]
    public void Fit_BootstrapInterval_CoversTheTruthAtItsLevel()
    {
        const int Sweeps = 300;
        const double Beta = 0.5, Level = 0.9;
        long[] sizes = [250, 500, 1000, 2000, 4000];
        int covered = 0;
        for (int s = 0; s < Sweeps; s++)
        {
            CounterRandom random = CounterRandom.Create(77, (ulong)s);
            ulong counter = 0;
            var runs = new List<SweepRun>();
            foreach (long n in sizes)
            {
                double truth = 4 * Math.Pow(n, -Beta), relative = 0.15;
                double measured = truth * Math.Exp(relative * Samplers.Normal(random, ref counter));
                runs.Add(Run(n, EvaluationMode.World, measured, relative * measured));
            }

            if (SweepFitting.Fit(runs, 400, (ulong)s, Level).Fits[0].Interval!.Contains(Beta))
            {
                covered++;
            }
        }

        // Binomial: the count lies within 4 standard errors of 0.9 x 300 = 270 (SE 5.2).
        Assert.InRange(covered, 270 - 21, 270 + 21);
    }
}
