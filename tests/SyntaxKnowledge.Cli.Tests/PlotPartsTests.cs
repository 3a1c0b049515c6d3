using System.Numerics;
using SyntaxKnowledge.Cli.Plots;
using SyntaxKnowledge.Cli.Plots.Data;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Theorems;

namespace SyntaxKnowledge.Cli.Tests;

/// <summary>The pieces behind the charts: log ticks, the renderer's handling of values a log axis cannot show, and the chart data.</summary>
public sealed class PlotPartsTests
{
    [Fact]
    public void LogTicks_FiveDecades_LabelEveryPowerOfTenWithMinorTicksBetween()
    {
        var ticks = LogTickGenerator.Generate(-0.1, 5.1, maxLabels: 10);
        Assert.Equal(["1", "10", "100", "1000", "10000", "100000"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
        Assert.Equal(5 * 8, ticks.Count(t => !t.IsMajor && t.Position > 0 && t.Position < 5));
    }

    [Fact]
    public void LogTicks_ManyDecades_LabelEveryKthDecadeInScientificNotation()
    {
        var ticks = LogTickGenerator.Generate(-12, 12, maxLabels: 6);
        string[] labels = [.. ticks.Where(t => t.IsMajor).Select(t => t.Label)];
        Assert.InRange(labels.Length, 2, 6);
        Assert.Contains("1e-10", labels);
        Assert.Contains("1e10", labels);
        Assert.Contains("1", labels);
        Assert.All(ticks.Where(t => t.IsMajor), t => Assert.Equal(0, t.Position % 1));
    }

    [Fact]
    public void LogTicks_LessThanOneDecade_StillLabelsAtLeastTwoTicks()
    {
        var ticks = LogTickGenerator.Generate(Math.Log10(0.3), Math.Log10(0.9), maxLabels: 10);
        string[] labels = [.. ticks.Where(t => t.IsMajor).Select(t => t.Label)];
        Assert.True(labels.Length >= 2, string.Join(", ", labels));
        Assert.Contains("0.5", labels);
        Assert.Equal(ticks.Select(t => t.Position).Order(), ticks.Select(t => t.Position));
    }

    [Theory]
    [InlineData(1, 0, false, "1")]
    [InlineData(2, -3, false, "0.002")]
    [InlineData(1, 5, false, "100000")]
    [InlineData(1, -5, true, "1e-5")]
    [InlineData(5, 7, true, "5e7")]
    [InlineData(1, 2, true, "100")]
    public void LogTicks_Label_IsPlainOrScientificAscii(int mantissa, int exponent, bool scientific, string expected) =>
        Assert.Equal(expected, LogTickGenerator.Label(mantissa, exponent, scientific));

    [Fact]
    public void Renderer_LogAxesWithZeroNegativeAndNaN_DrawsOnlyTheValidPoints()
    {
        var spec = new ChartSpec(
            "t",
            new ChartAxis("x", AxisScale.Log),
            new ChartAxis("y", AxisScale.Log),
            [
                new BandLayer("band", 1, [1, 10, 100], [0, -1, 5], [2, 20, 200]),
                new LineLayer("line", 0, [0, 1, 10, 100], [1, double.NaN, 0, 50]),
                new PointLayer("points", 2, [1, 10], [1, 10], [-5, 5], [2, double.PositiveInfinity]),
                new LineLayer("empty", 3, [-1], [-1]),
                new KeyLayer("key", 0, Stroke.Dashed),
            ]);
        byte[] png = ChartFile.Render(spec, ChartFormat.Png, 300, 200);
        Assert.True(png.Length > 1_000);
        ScottPlot.Plot plot = ChartRenderer.ToPlot(spec);
        Assert.IsType<LogTickGenerator>(plot.Axes.Bottom.TickGenerator);
        Assert.IsType<LogTickGenerator>(plot.Axes.Left.TickGenerator);
    }

    [Fact]
    public void Renderer_NothingDrawable_StillRendersAnExplainedEmptyChart()
    {
        var spec = new ChartSpec("t", new ChartAxis("x", AxisScale.Log), new ChartAxis("y", AxisScale.Log), [new LineLayer("l", 0, [0, -1], [1, 2])]);
        ScottPlot.Plot plot = ChartRenderer.ToPlot(spec);
        Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.Annotation>());
        Assert.True(ChartFile.Render(spec, ChartFormat.Svg, 300, 200).Length > 1_000);
    }

    [Fact]
    public void LogTicks_OneDecade_LabelsOneTwoFive()
    {
        var ticks = LogTickGenerator.Generate(0, 1, maxLabels: 10);
        Assert.Equal(["1", "2", "5", "10"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
    }

    [Fact]
    public void Zipf_TooFewDraws_HasSlopeButNoGuide()
    {
        var p = PitmanYorParameters.Create(new Rational(9, 10), 1);
        ZipfData data = ZipfData.Compute(p, 10, 2, 11, new Progress<double>(), CancellationToken.None);
        Assert.Equal(-10.0 / 9, data.Slope!.Value, 1e-15);
        Assert.True(double.IsNaN(data.GuideConstant));
        Assert.True(ChartFile.Render(Plots.Charts.Charts.Zipf(data), ChartFormat.Png, 300, 200).Length > 1_000);
    }

    [Fact]
    public void Renderer_Categories_LabelIntegerPositions()
    {
        var spec = new ChartSpec("t", new ChartAxis("bucket", Categories: ["1", "2-3"]), new ChartAxis("y"), [new BarLayer("b", 1, [0, 1], [0.5, -0.25], 0.8)]);
        ScottPlot.Plot plot = ChartRenderer.ToPlot(spec);
        _ = plot.GetImageBytes(300, 200, ScottPlot.ImageFormat.Png);
        var generator = Assert.IsType<ScottPlot.TickGenerators.NumericManual>(plot.Axes.Bottom.TickGenerator);
        Assert.Equal(["1", "2-3"], generator.Ticks.Where(t => t.IsMajor).Select(t => t.Label));
    }

    [Fact]
    public void Wrap_LongSubtitle_BreaksAtSpacesWithinTheWidth()
    {
        string text = "exponent d = 1/2; simulated: 200 paths, seed 20250413; band 5-95% of paths, markers mean +/- 2 SE";
        string[] lines = ChartRenderer.Wrap(text, 40).Split('\n');
        Assert.True(lines.Length >= 3);
        Assert.All(lines, l => Assert.True(l.Length <= 40, l));
        Assert.Equal(text, string.Join(' ', lines));
    }

    [Fact]
    public void ExtensionCheck_AcceptsPngAndSvgOnly()
    {
        Assert.Equal(ChartFormat.Png, ChartFile.FormatOf("a/b.PNG", "--out"));
        Assert.Equal(ChartFormat.Svg, ChartFile.FormatOf("b.svg", "--out"));
        Assert.Throws<CliInputException>(() => ChartFile.FormatOf("b.jpeg", "--out"));
    }

    [Theory]
    [InlineData(2001, 1)]
    [InlineData(3000, 4)]
    [InlineData(2500, 9)]
    public void AcquiredMass_DoubleEvaluationBeyondRationalLimit_MatchesExact(int n, int r)
    {
        var p = PitmanYorParameters.Create(new Rational(1, 3), new Rational(3, 2));
        double exact = AcquiredMass.Exact(p, n, r).ToDouble();
        Assert.True(n > ExactCurves.RationalLimit);
        Assert.Equal(exact, ExactCurves.AcquiredMass(p, n, r), 1e-11);
        Assert.Equal(NewProbability.Exact(p, n).ToDouble(), ExactCurves.NewProbability(p, n), 1e-13);
        Assert.Equal((ExpectedBlocks.SingletonsExact(p, n) / n).ToDouble(), ExactCurves.ExpectedSingletonFraction(p, n), 1e-13);
        Assert.Equal(1, ExactCurves.ExpectedDistinct(p, n) / ExpectedDistinct.Exact(p, n).ToDouble(), 1e-11);
    }

    [Theory]
    [InlineData(20, 5, 7, 2)]
    [InlineData(30, 1, 10, 1)]
    [InlineData(12, 12, 3, 3)]
    [InlineData(15, 4, 14, 5)]
    public void HypergeometricTail_MatchesExactBinomialSum(int population, int successes, int draws, int r)
    {
        Rational below = Rational.Zero;
        for (int x = 0; x < r; x++)
        {
            if (x <= successes && draws - x <= population - successes && x <= draws)
            {
                below += new Rational(Choose(successes, x) * Choose(population - successes, draws - x), Choose(population, draws));
            }
        }

        Assert.Equal((Rational.One - below).ToDouble(), BucketAcquisitionData.HypergeometricTail(population, successes, draws, r), 1e-12);
    }

    private static BigInteger Choose(int n, int k)
    {
        BigInteger result = BigInteger.One;
        for (int i = 0; i < k; i++)
        {
            result = result * (n - i) / (i + 1);
        }

        return result;
    }

    [Fact]
    public void BucketAcquisition_EndOfCorpus_EveryEntityThatCanBeAcquiredIs()
    {
        var model = Model.SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 1));
        var data = BucketAcquisitionData.Compute(model, 2_000, 2, 10, 3, new Progress<double>(), CancellationToken.None);
        Assert.Equal(2_000, data.N[^1]);
        Assert.NotEmpty(data.Buckets);
        foreach (FrequencyBucket b in data.Buckets.Where(b => b.Low >= 2))
        {
            Assert.Equal(1, b.Observed[^1]);
            Assert.Equal(1, b.Predicted[^1], 1e-12);
        }

        Assert.All(data.Buckets, b => Assert.Equal(b.Observed[0], b.Observed.Min()));
        Assert.Equal([1, 4, 16, 64], Enumerable.Range(0, 4).Select(b => BucketAcquisitionData.Bounds(b).Low));
        Assert.Equal(1, BucketAcquisitionData.Bucket(15));
        Assert.Equal(2, BucketAcquisitionData.Bucket(16));
    }

    [Fact]
    public void Grids_LogGrid_IsIncreasingDistinctAndHitsBothEnds()
    {
        int[] grid = Grids.Log(10, 100_000, 12);
        Assert.Equal(10, grid[0]);
        Assert.Equal(100_000, grid[^1]);
        Assert.Equal(grid.Order().Distinct(), grid);
        Assert.Equal(3, Grids.Quantile([1.0, 2, 3, 4, 5], 0.5));
        Assert.Equal(1.2, Grids.Quantile([1.0, 2, 3, 4, 5], 0.05), 1e-12);
    }

    [Fact]
    public void Zipf_GuideSlope_IsMinusOneOverDiscount()
    {
        var p = PitmanYorParameters.Create(new Rational(2, 5), 1);
        ZipfData data = ZipfData.Compute(p, 5_000, 2, 11, new Progress<double>(), CancellationToken.None);
        Assert.Equal(-2.5, data.Slope!.Value, 1e-15);
        Assert.Equal(2, data.Ranked.Count);
        Assert.All(data.Ranked, r => Assert.Equal(1, r.Sum(), 1e-9));
        Assert.All(data.Ranked, r => Assert.Equal(r.OrderDescending(), r));
    }

    [Fact]
    public void VerificationChart_FortyTheorems_IdsOnTheVerticalAxisFailuresApartAndTallerImage()
    {
        TheoremCheck Check(double z, bool passed) => new(CheckKind.Statistical, "c", passed, "1", "1", z, string.Empty);
        TheoremReport[] reports =
        [
            .. Enumerable.Range(0, 40).Select(i => new TheoremReport("t" + i, "s", "managed", 10, 1, [Check(i / 10.0, true), Check(-1, true)])),
            new TheoremReport("bad", "s", "managed", 10, 1, [Check(50, false)]),
            new TheoremReport("exact-only", "s", "managed", 10, 1, [TheoremCheck.ExactCheck("e", "1", "1", true)]),
        ];
        ChartSpec chart = Plots.Charts.Charts.Verification(reports);
        Assert.Equal(41, chart.Y.Categories!.Count);
        Assert.Equal("t0", chart.Y.Categories[^1]);
        PointLayer failed = Assert.Single(chart.Layers.OfType<PointLayer>(), l => l.Label.StartsWith("FAILED", StringComparison.Ordinal));
        Assert.Equal(Plots.Charts.Charts.ZLimit, Assert.Single(failed.X));
        Assert.Contains("|z| > 12", chart.X.Label, StringComparison.Ordinal);
        Assert.True(Plots.Charts.Charts.VerificationHeight(reports) > 41 * 20);
        Assert.True(ChartFile.Render(chart, ChartFormat.Png, 600, Plots.Charts.Charts.VerificationHeight(reports)).Length > 5_000);
    }
}
