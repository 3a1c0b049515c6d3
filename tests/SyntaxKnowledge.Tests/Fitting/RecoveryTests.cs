using SyntaxKnowledge.Fitting;

namespace SyntaxKnowledge.Tests.Fitting;

/// <summary>Noiseless data from a known law of each form: the fit recovers the law (up to the optimiser's tolerance).</summary>
public sealed class RecoveryTests
{
    // Noiseless data have a zero-residual optimum; BFGS reaches it to ~1e-11 relative. 1e-6 leaves a wide margin.
    private const double Noiseless = 1e-6;

    private static readonly FitOptions NoBootstrap = FitOptions.Create(bootstrapReplicates: 0);

    [Fact]
    public void Fit_HoffmannPublishedConstants_RecoversThem()
    {
        // Hoffmann et al. (2022), eq. 10 / Approach 3: E = 1.69, A = 406.4, B = 410.7, alpha = 0.34, beta = 0.28.
        var published = LossLaw.Chinchilla(1.69, 406.4, 0.34, 410.7, 0.28);
        (double[] n, double[] d) = Synthetic.ChinchillaGrid();
        ScalingLawFit fit = ScalingLawFitting.Fit(published.Tabulate(d, n), ScalingLawForm.Chinchilla, NoBootstrap);

        Synthetic.AssertRelative(1.69, fit.Law.IrreducibleLoss, Noiseless, "E");
        Synthetic.AssertRelative(406.4, fit.Law.ModelCoefficient, Noiseless, "A");
        Synthetic.AssertRelative(410.7, fit.Law.DataCoefficient, Noiseless, "B");
        Synthetic.AssertRelative(0.34, fit.Law.ModelExponent, Noiseless, "alpha");
        Synthetic.AssertRelative(0.28, fit.Law.DataExponent, Noiseless, "beta");
        Assert.True(fit.Diagnostics.RootMeanSquareLogResidual < 1e-9, $"rms {fit.Diagnostics.RootMeanSquareLogResidual:G3}");

        // Their compute-optimal exponents (Table 2, Approach 3: a = 0.46, b = 0.54) follow from the rounded
        // published exponents to within that rounding: a = beta/(alpha+beta) = 0.28/0.62 = 0.4516.
        Synthetic.AssertRelative(0.28 / 0.62, fit.ComputeOptimal!.ParametersExponent.Value, Noiseless, "a");
        Synthetic.AssertRelative(0.34 / 0.62, fit.ComputeOptimal.TokensExponent.Value, Noiseless, "b");
        Assert.Equal(0.46, fit.ComputeOptimal.ParametersExponent.Value, 0.01);
        Assert.Equal(0.54, fit.ComputeOptimal.TokensExponent.Value, 0.01);

        // Implied discounts: d = 1 - beta = 0.72 from data, d = 1/(1 + alpha) = 0.746 from the model.
        Synthetic.AssertRelative(1 - 0.28, fit.DiscountFromData!.Value, Noiseless, "d from data");
        Synthetic.AssertRelative(1 / 1.34, fit.DiscountFromModel!.Value, Noiseless, "d from model");
        Synthetic.AssertRelative(0.28 / 0.72, fit.Consistency!.PredictedModelExponent.Value, Noiseless, "predicted alpha");
        Assert.Null(fit.Consistency.IsConsistent);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.7)]
    public void Fit_SyntaxKnowledgeNoiseless_RecoversDiscountAndCoefficients(double discount)
    {
        LossLaw truth = Synthetic.SyntaxKnowledgeLaw(discount);
        (double[] c, double[] n) = Synthetic.CapacityGrid();
        ScalingLawFit fit = ScalingLawFitting.Fit(truth.Tabulate(n, c), ScalingLawForm.SyntaxKnowledge, NoBootstrap);

        Synthetic.AssertRelative(discount, fit.Discount!.Value, Noiseless, "d");
        Synthetic.AssertRelative(truth.IrreducibleLoss, fit.IrreducibleLoss.Value, Noiseless, "E");
        Synthetic.AssertRelative(truth.ModelCoefficient, fit.ModelCoefficient!.Value, Noiseless, "A");
        Synthetic.AssertRelative(truth.DataCoefficient, fit.DataCoefficient!.Value, Noiseless, "B");

        // Exponents are derived from d by the theory (docs/03-formulas/data-scaling.md, docs/03-formulas/capacity-and-model-scaling.md), never fitted separately.
        Synthetic.AssertRelative((1 - discount) / discount, fit.ModelExponent!.Value, Noiseless, "alpha");
        Synthetic.AssertRelative(1 - discount, fit.DataExponent!.Value, Noiseless, "beta");
        Assert.Equal(fit.Discount.Value, fit.DiscountFromData!.Value);
        Assert.Equal(fit.Discount.Value, fit.DiscountFromModel!.Value);
        Synthetic.AssertRelative(discount / (1 + discount), fit.ComputeOptimal!.ParametersExponent.Value, Noiseless, "N_opt exponent d/(1+d)");
        Synthetic.AssertRelative(1 / (1 + discount), fit.ComputeOptimal.TokensExponent.Value, Noiseless, "D_opt exponent 1/(1+d)");
        Assert.Null(fit.Consistency);
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(0.6)]
    public void Fit_ChinchillaOnSyntaxKnowledgeData_SatisfiesTheoryRelation(double discount)
    {
        // The unconstrained form, fitted to data from the theory, lands on alpha = beta/(1 - beta).
        LossLaw truth = Synthetic.SyntaxKnowledgeLaw(discount);
        (double[] c, double[] n) = Synthetic.CapacityGrid();
        ScalingLawFit fit = ScalingLawFitting.Fit(truth.Tabulate(n, c), ScalingLawForm.Chinchilla, NoBootstrap);

        Synthetic.AssertRelative(discount, fit.DiscountFromData!.Value, Noiseless, "d from data");
        Synthetic.AssertRelative(discount, fit.DiscountFromModel!.Value, Noiseless, "d from model");
        Assert.True(Math.Abs(fit.Consistency!.Difference.Value) < Noiseless, $"difference {fit.Consistency.Difference.Value:G3}");
        Synthetic.AssertRelative(fit.ModelExponent!.Value, fit.Consistency.PredictedModelExponent.Value, Noiseless, "alpha vs beta/(1-beta)");
        Synthetic.AssertRelative(fit.DataExponent!.Value, fit.Consistency.PredictedDataExponent.Value, Noiseless, "beta vs alpha/(1+alpha)");
    }

    [Fact]
    public void Fit_DataOnlyNoiseless_RecoversLaw()
    {
        var truth = LossLaw.DataOnly(1.8, 40, 0.35);
        double[] tokens = Synthetic.LogSpace(1e3, 1e9, 15);
        ScalingLawFit fit = ScalingLawFitting.Fit(truth.Tabulate(tokens, []), ScalingLawForm.DataOnly, NoBootstrap);

        Synthetic.AssertRelative(1.8, fit.IrreducibleLoss.Value, Noiseless, "E");
        Synthetic.AssertRelative(40, fit.DataCoefficient!.Value, Noiseless, "B");
        Synthetic.AssertRelative(0.35, fit.DataExponent!.Value, Noiseless, "beta");
        Synthetic.AssertRelative(0.65, fit.DiscountFromData!.Value, Noiseless, "d = 1 - beta");
        Assert.Null(fit.ModelExponent);
        Assert.Null(fit.DiscountFromModel);
        Assert.Null(fit.ComputeOptimal);
    }

    [Fact]
    public void Fit_ModelOnlyNoiseless_RecoversLaw()
    {
        var truth = LossLaw.ModelOnly(1.2, 25, 0.8);
        double[] capacity = Synthetic.LogSpace(10, 1e6, 15);
        ScalingLawFit fit = ScalingLawFitting.Fit(truth.Tabulate([], capacity), ScalingLawForm.ModelOnly, NoBootstrap);

        Synthetic.AssertRelative(1.2, fit.IrreducibleLoss.Value, Noiseless, "E");
        Synthetic.AssertRelative(25, fit.ModelCoefficient!.Value, Noiseless, "A");
        Synthetic.AssertRelative(0.8, fit.ModelExponent!.Value, Noiseless, "alpha");
        Synthetic.AssertRelative(1 / 1.8, fit.DiscountFromModel!.Value, Noiseless, "d = 1/(1 + alpha)");
        Assert.Null(fit.DataExponent);
        Assert.Null(fit.DiscountFromData);
    }

    [Fact]
    public void Fit_DataOnlyFormOnTwoAxisData_UsesTokensOnly()
    {
        // Losses measured at one model size: the parameters column is constant and ignored by the data-only form.
        var truth = LossLaw.DataOnly(2.1, 30, 0.3);
        double[] tokens = Synthetic.LogSpace(1e4, 1e8, 9);
        var observations = LossObservations.Create(tokens, Enumerable.Repeat(1e9, 9).ToArray(), truth.Tabulate(tokens, []).Losses.AsSpan());
        Assert.Equal([ScalingLawForm.DataOnly], ScalingLawFitting.ApplicableForms(observations));
        ScalingLawFit fit = ScalingLawFitting.Fit(observations, ScalingLawForm.DataOnly, NoBootstrap);
        Synthetic.AssertRelative(0.3, fit.DataExponent!.Value, Noiseless, "beta");
    }

    [Fact]
    public void Objective_OfTheTrueLawOnItsOwnData_IsZero()
    {
        LossLaw truth = Synthetic.SyntaxKnowledgeLaw(0.5);
        (double[] c, double[] n) = Synthetic.CapacityGrid();
        Assert.True(ScalingLawFitting.Objective(truth, truth.Tabulate(n, c)) < 1e-25);
    }
}
