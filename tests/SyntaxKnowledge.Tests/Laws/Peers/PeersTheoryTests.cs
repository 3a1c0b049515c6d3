using SyntaxKnowledge.Fitting;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Laws.Peers;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Tests.Laws.Peers;

/// <summary>The common interface, asymptotic forms (ratio → 1 at the stated rate) and the comparison table.</summary>
public sealed class PeersTheoryTests
{
    private static readonly double[] Grid = [100, 1_000, 10_000, 100_000];

    private static void RatioTendsToOne(double[] grid, Func<double, double> ratio, Func<double, double> rate)
    {
        double[] errors = [.. grid.Select(x => Math.Abs(ratio(x) - 1))];
        for (int i = 1; i < errors.Length; i++)
        {
            Assert.True(errors[i] < errors[i - 1], $"|ratio - 1| does not decrease: {string.Join(", ", errors)}");
        }

        double allowed = 2 * errors[0] * rate(grid[^1]) / rate(grid[0]);
        Assert.True(errors[^1] <= allowed, $"|ratio - 1| = {errors[^1]:G3} at {grid[^1]} exceeds {allowed:G3}");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 1)]
    public void Hutter_Asymptotic_RatioTendsToOneAsOneOverN(int p, int q)
    {
        var theory = HutterTheory.Create(new Rational(p, q));
        RatioTendsToOne(Grid, n => MemorisationError.Asymptotic(theory.Features, n) / MemorisationError.Approximate(theory.Features, n), n => 1 / n);
        Assert.Equal(MemorisationError.Asymptotic(theory.Features, 1e4), theory.DataLaw().Evaluate(1e4), 15);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    public void SantaFe_HeapsAndHilberg_RatiosTendToOneAsNToTheMinusBeta(int p, int q)
    {
        var theory = SantaFeTheory.Create(new Rational(p, q));
        double beta = theory.HilbergExponent.ToDouble();
        double[] grid = [1_000, 10_000, 100_000];
        RatioTendsToOne(grid, n => SantaFeProcess.ExpectedDistinctAsymptotic(theory.Narration, n) / SantaFeProcess.ExpectedDistinct(theory.Narration, n), n => Math.Pow(n, -beta));
        RatioTendsToOne(grid, n => SantaFeProcess.MutualInformationAsymptotic(theory.Narration, n) / SantaFeProcess.MutualInformationBits(theory.Narration, n), n => Math.Pow(n, -beta));
        RatioTendsToOne(grid, n => theory.DataLaw().Evaluate(n) / (Math.Log(2) * SantaFeProcess.ExcessBits(theory.Narration, n)), n => 1 / n);
    }

    [Fact]
    public void SantaFe_Identity_MutualInformationIsTwiceDistinctMinusDoubleBlock()
    {
        var narration = ZipfLaw.Create(new Rational(5, 2));
        foreach (double n in new double[] { 10, 1_000, 100_000 })
        {
            double identity = (2 * SantaFeProcess.ExpectedDistinct(narration, n)) - SantaFeProcess.ExpectedDistinct(narration, 2 * n);
            Assert.Equal(1, identity / SantaFeProcess.MutualInformationBits(narration, n), 9);
        }
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 1, 3)]
    [InlineData(1, 2, 2)]
    public void Quantization_ModelAndDataLaws_RatiosTendToOne(int p, int q, int tau)
    {
        var theory = QuantizationTheory.Create(new Rational(p, q), tau, parametersPerQuantum: 4);
        ScalingLaw model = theory.ModelLaw()!, data = theory.DataLaw();
        RatioTendsToOne(Grid, n => model.Evaluate(4 * n) / QuantaLearning.CapacityLimited(theory.Quanta, n), n => 1 / n);
        RatioTendsToOne(Grid, n => data.Evaluate(n) / QuantaLearning.UnlearnedMass(theory.Quanta, n, tau), n => 1 / n);
    }

    [Fact]
    public void SyntaxKnowledge_ModelLaw_IsMissCostTimesUncoveredMassAsymptotic()
    {
        var p = PitmanYorParameters.Create(new Rational(1, 2), 1);
        var theory = SyntaxKnowledgeTheory.FromKnowledge(p);
        ScalingLaw model = theory.ModelLaw()!;
        Assert.Equal(Rational.One, model.Terms[0].ExactExponent);
        Assert.Equal(theory.MissCost * UncoveredMass.Asymptotic(p, 1_000), model.Evaluate(1_000), 12);
        RatioTendsToOne([100, 1_000, 10_000], c => model.Evaluate(c) / (theory.MissCost * UncoveredMass.Exact(p, (int)c).ToDouble()), c => 1 / c);
        Assert.Equal(DataScaling.Law(theory.Model).Terms.ToArray(), theory.DataLaw().Terms.ToArray());
    }

    [Fact]
    public void SyntaxKnowledge_DirichletCase_HasNoPowerLawModelLaw()
    {
        var theory = SyntaxKnowledgeTheory.FromKnowledge(PitmanYorParameters.Create(0, 2));
        Assert.Null(theory.ModelLaw());
        Assert.Null(theory.ModelExponent);
        Assert.Null(theory.ComputeOptimal());
        Assert.Equal(Rational.One, theory.DataExponent.Exact);
    }

    [Fact]
    public void EveryTheory_LawsAgreeWithItsExponents()
    {
        foreach (IScalingTheory theory in Comparison.For(PitmanYorParameters.Create(new Rational(2, 5), 1)).Theories)
        {
            ScalingLaw data = theory.DataLaw();
            Assert.Contains(data.Terms, t => t.ExactExponent == theory.DataExponent.Exact);
            Assert.Equal(theory.DataExponent.Value, data.Terms.Where(t => t.LogPower == 0).Min(t => t.Exponent), 15);
            ScalingLaw? model = theory.ModelLaw();
            Assert.Equal(model is null, theory.ModelExponent is null);
            if (model is not null)
            {
                Assert.Equal(theory.ModelExponent!.Exact, model.Leading.ExactExponent);
            }

            Assert.False(string.IsNullOrWhiteSpace(theory.Citation));
            Assert.False(string.IsNullOrWhiteSpace(theory.Mapping));
            Assert.False(string.IsNullOrWhiteSpace(theory.Predictions.Acquisition));
        }
    }

    [Fact]
    public void Comparison_HalfDiscount_RowsShareExponentsAndReportImpliedDiscounts()
    {
        ComparisonTable table = Comparison.For(PitmanYorParameters.Create(new Rational(1, 2), 1));
        Assert.Equal(["syntax-knowledge", "hutter", "quantization", "santa-fe", "chinchilla-hoffmann-2022", "chinchilla-besiroglu-2024"], table.Rows.Select(r => r.Theory));
        foreach (ComparisonRow row in table.Rows.Take(4))
        {
            Assert.Equal(Rational.Half, row.DataExponent.Exact);
            Assert.Equal(Rational.Half, row.DiscountFromData!.Exact);
        }

        Assert.All(table.Rows.Where(r => r.Theory is "syntax-knowledge" or "quantization" or "santa-fe"), r =>
        {
            Assert.Equal(Rational.One, r.ModelExponent!.Exact);
            Assert.Equal(new Rational(1, 3), r.ComputeOptimal!.ModelShare.Exact);
            Assert.Equal(new Rational(2, 3), r.ComputeOptimal.DataShare.Exact);
        });
        Assert.Null(table.Rows[1].ModelExponent);

        ComparisonRow hoffmann = table.Rows[4], refit = table.Rows[5];
        Assert.Equal(Rational.Parse("0.72"), hoffmann.DiscountFromData!.Exact);
        Assert.Equal(new Rational(50, 67), hoffmann.DiscountFromModel!.Exact);
        Assert.Equal(Rational.Parse("0.6342"), refit.DiscountFromData!.Exact);
        Assert.Equal(new Rational(5000, 6739), refit.DiscountFromModel!.Exact);
        Assert.Null(hoffmann.Predictions.HallucinationDataExponent);
    }

    [Fact]
    public void Comparison_DirichletProcess_OmitsZipfPeersWithANote()
    {
        ComparisonTable table = Comparison.For(PitmanYorParameters.Create(0, 1));
        Assert.Equal(["syntax-knowledge", "chinchilla-hoffmann-2022", "chinchilla-besiroglu-2024"], table.Rows.Select(r => r.Theory));
        Assert.Contains(table.Notes, n => n.Contains("d = 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Comparison_ForFit_UsesTheImpliedDiscountAndAddsTheFit()
    {
        LossLaw law = LossLaw.SyntaxKnowledge(1.8, 300, 400, 0.6);
        ComparisonTable table = Comparison.ForFit(law, 1);
        Assert.Equal(new Rational(3, 5), table.Discount);
        ComparisonRow fit = table.Rows[^1];
        Assert.Equal("chinchilla-fit", fit.Theory);
        Assert.Equal(new Rational(3, 5), fit.DiscountFromData!.Exact);
        Assert.Equal(0.6, fit.DiscountFromModel!.Value, 6); // alpha = 2/3 is stored to 6 significant digits
        Assert.Equal(new Rational(2, 5), table.Rows[0].DataExponent.Exact);
    }

    [Fact]
    public void Comparison_Curves_EvaluateEveryLawOnTheGrid()
    {
        ComparisonTable table = Comparison.For(PitmanYorParameters.Create(new Rational(1, 2), 1));
        var curves = table.Curves([10, 1_000]);
        int laws = table.Theories.Sum(t => t.ModelLaw() is null ? 1 : 2);
        Assert.Equal(2 * laws, curves.Length);
        Assert.All(curves, p => Assert.True(p.Value > 0 && double.IsFinite(p.Value), $"{p}"));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Curves([1]));
    }
}
