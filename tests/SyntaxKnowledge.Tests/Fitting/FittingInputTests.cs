using SyntaxKnowledge.Fitting;

namespace SyntaxKnowledge.Tests.Fitting;

/// <summary>Bad input names the parameter, the value and the valid range; the law's own functions behave as documented.</summary>
public sealed class FittingInputTests
{
    private static void AssertOutOfRange(Action action, string parameter, string value, string range)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(action);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(value, e.Message, StringComparison.Ordinal);
        Assert.Contains(range, e.Message, StringComparison.Ordinal);
    }

    private static void AssertArgument(Action action, string parameter, params string[] fragments)
    {
        var e = Assert.Throws<ArgumentException>(action);
        Assert.Equal(parameter, e.ParamName);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Observations_NonPositiveOrNonFiniteValues_Throw()
    {
        AssertOutOfRange(() => LossObservations.Create([1, double.NaN], [1, 2], [3, 3]), "tokens", "tokens[1] = NaN", "0 < tokens[i] < infinity");
        AssertOutOfRange(() => LossObservations.Create([1, 2], [-5, 2], [3, 3]), "parameters", "parameters[0] = -5", "0 < parameters[i] < infinity");
        AssertOutOfRange(() => LossObservations.DataOnly([1, 2], [3, 0]), "losses", "losses[1] = 0", "0 < losses[i] < infinity");
        AssertOutOfRange(() => LossObservations.ModelOnly([1, double.PositiveInfinity], [3, 3]), "parameters", "Infinity", "0 < parameters[i] < infinity");
        AssertOutOfRange(() => LossObservations.DataOnly([], []), "losses", "0", "at least 1");
    }

    [Fact]
    public void Observations_MismatchedOrMissingColumns_Throw()
    {
        AssertArgument(() => LossObservations.Create([1, 2, 3], [1, 2], [3, 3, 3]), "parameters", "parameters has 2 values but losses has 3");
        AssertArgument(() => LossObservations.Create([], [], [3, 3]), "tokens", "at least one axis");
        AssertArgument(() => LossObservations.DataOnly([1], [3, 3]), "tokens", "tokens has 1 values but losses has 2");
    }

    [Fact]
    public void Observations_EqualityIsByValue()
    {
        var a = LossObservations.Create([1, 2], [3, 4], [5, 6]);
        var b = LossObservations.Create([1, 2], [3, 4], [5, 6]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, LossObservations.Create([1, 2], [3, 4], [5, 7]));
        Assert.NotEqual(a, LossObservations.DataOnly([1, 2], [5, 6]));
    }

    [Fact]
    public void Fit_TooFewPoints_Throws()
    {
        var four = LossObservations.Create([1, 2, 3, 4], [5, 6, 7, 8], [3, 2.5, 2.2, 2.1]);
        AssertOutOfRange(() => ScalingLawFitting.Fit(four, ScalingLawForm.Chinchilla), "observations", "observations.Count = 4", "observations.Count >= 5");
        var two = LossObservations.DataOnly([1, 2], [3, 2.5]);
        AssertOutOfRange(() => ScalingLawFitting.Fit(two, ScalingLawForm.DataOnly), "observations", "observations.Count = 2", "observations.Count >= 3");
    }

    [Fact]
    public void Fit_WrongColumnsForTheForm_Throws()
    {
        var tokensOnly = LossObservations.DataOnly([1, 2, 3, 4, 5, 6], [3, 2.5, 2.2, 2.1, 2.05, 2.02]);
        AssertArgument(() => ScalingLawFitting.Fit(tokensOnly, ScalingLawForm.Chinchilla), "observations", "chinchilla", "no parameters");
        AssertArgument(() => ScalingLawFitting.Fit(tokensOnly, ScalingLawForm.ModelOnly), "observations", "model-only", "no parameters");
        var parametersOnly = LossObservations.ModelOnly([1, 2, 3, 4, 5, 6], [3, 2.5, 2.2, 2.1, 2.05, 2.02]);
        AssertArgument(() => ScalingLawFitting.Fit(parametersOnly, ScalingLawForm.SyntaxKnowledge), "observations", "syntax-knowledge", "no tokens");
    }

    [Fact]
    public void Fit_AxisThatDoesNotVary_Throws()
    {
        var oneModelSize = LossObservations.Create([1, 2, 3, 4, 5, 6], [7, 7, 7, 7, 7, 7], [3, 2.5, 2.2, 2.1, 2.05, 2.02]);
        AssertArgument(() => ScalingLawFitting.Fit(oneModelSize, ScalingLawForm.Chinchilla), "observations", "at least 2 distinct parameter counts", "have 1");
        var twoDataSizes = LossObservations.DataOnly([1, 2, 1, 2], [3, 2.5, 3, 2.5]);
        AssertArgument(() => ScalingLawFitting.Fit(twoDataSizes, ScalingLawForm.DataOnly), "observations", "at least 3 distinct token counts", "have 2");
        Assert.Empty(ScalingLawFitting.ApplicableForms(twoDataSizes));
    }

    [Fact]
    public void Fit_UndefinedFormOrNull_Throws()
    {
        var data = LossObservations.DataOnly([1, 2, 3], [3, 2.5, 2.2]);
        AssertOutOfRange(() => ScalingLawFitting.Fit(data, (ScalingLawForm)7), "form", "form = 7", "Chinchilla (0)");
        Assert.Throws<ArgumentNullException>(() => ScalingLawFitting.Fit(null!, ScalingLawForm.DataOnly));
    }

    [Fact]
    public void Options_OutOfRange_Throw()
    {
        AssertOutOfRange(() => FitOptions.Create(huberDelta: 0), "huberDelta", "0", "0 < huberDelta < infinity");
        AssertOutOfRange(() => FitOptions.Create(huberDelta: double.NaN), "huberDelta", "NaN", "0 < huberDelta < infinity");
        AssertOutOfRange(() => FitOptions.Create(bootstrapReplicates: -1), "bootstrapReplicates", "-1", "0 <= bootstrapReplicates <= 100000");
        AssertOutOfRange(() => FitOptions.Create(confidenceLevel: 1), "confidenceLevel", "1", "0 < confidenceLevel < 1");
        AssertOutOfRange(() => FitOptions.Create(starts: 0), "starts", "0", "1 <= starts <= 1000");
        AssertOutOfRange(() => FitOptions.Create(threads: 0), "threads", "0", "threads >= 1, or -1 for all cores");
        Assert.False(FitOptions.TryCreate(1e-3, 10, 1, 1.5, 8, -1, out FitOptions? none));
        Assert.Null(none);
        Assert.True(FitOptions.TryCreate(1e-3, 10, 1, 0.9, 8, 2, out FitOptions? ok));
        Assert.Equal(FitOptions.Create(bootstrapReplicates: 10, seed: 1, confidenceLevel: 0.9, threads: 2), ok);
    }

    [Fact]
    public void Law_OutOfRange_Throws()
    {
        AssertOutOfRange(() => LossLaw.SyntaxKnowledge(1, 1, 1, 1), "discount", "1", "0 < discount < 1");
        AssertOutOfRange(() => LossLaw.SyntaxKnowledge(1, 1, 1, 0), "discount", "0", "0 < discount < 1");
        AssertOutOfRange(() => LossLaw.Chinchilla(-1, 1, 1, 1, 1), "irreducibleLoss", "-1", "0 <= irreducibleLoss < infinity");
        AssertOutOfRange(() => LossLaw.Chinchilla(1, 1, double.NaN, 1, 1), "modelExponent", "NaN", "0 < modelExponent < infinity");
        AssertOutOfRange(() => LossLaw.DataOnly(1, 0, 1), "dataCoefficient", "0", "0 < dataCoefficient < infinity");
        AssertOutOfRange(() => LossLaw.DataOnly(1, 1, 1).Loss(-3, double.NaN), "tokens", "-3", "0 < tokens < infinity");
        AssertArgument(() => LossLaw.ModelOnly(1, 1, 1).Tabulate([1, 2], []), "parameters", "model term");
        Assert.Throws<InvalidOperationException>(() => LossLaw.DataOnly(1, 1, 1).ComputeOptimal(1e20));
    }

    [Fact]
    public void Law_SyntaxKnowledgeExponents_AreDerivedFromTheDiscount()
    {
        var law = LossLaw.SyntaxKnowledge(1.5, 3, 4, 0.25);
        Assert.Equal(3.0, law.ModelExponent);   // (1 - d)/d
        Assert.Equal(0.75, law.DataExponent);   // 1 - d
        Assert.Equal(0.25, law.Discount);
        Assert.Equal(1.5 + (3 * Math.Pow(10, -3.0)) + (4 * Math.Pow(100, -0.75)), law.Loss(100, 10), 15);
    }

    [Fact]
    public void ComputeOptimal_SpendsTheBudget_MinimisesTheLoss_AndScalesWithTheDerivedExponents()
    {
        var law = LossLaw.Chinchilla(1.69, 406.4, 0.34, 410.7, 0.28);
        const double budget = 1e21;
        (double n, double d) = law.ComputeOptimal(budget);
        Assert.Equal(1.0, n * d / budget, 12);
        double best = law.Loss(d, n);
        foreach (double factor in new[] { 0.9, 0.99, 1.01, 1.1 })
        {
            Assert.True(law.Loss(d / factor, n * factor) > best, $"factor {factor}");
        }

        // N_opt(10 F) / N_opt(F) = 10^(beta/(alpha+beta)).
        Assert.Equal(Math.Pow(10, 0.28 / 0.62), law.ComputeOptimal(10 * budget).Parameters / n, 12);

        // The theory's law: N_opt ∝ F^(d/(1+d)), D_opt ∝ F^(1/(1+d)).
        var sk = LossLaw.SyntaxKnowledge(2, 5, 7, 0.4);
        (double n1, double d1) = sk.ComputeOptimal(1e12);
        (double n2, double d2) = sk.ComputeOptimal(1e14);
        Assert.Equal(0.4 / 1.4, Math.Log(n2 / n1) / Math.Log(100), 12);
        Assert.Equal(1 / 1.4, Math.Log(d2 / d1) / Math.Log(100), 12);
    }

    [Fact]
    public void Huber_IsQuadraticInsideAndLinearOutside()
    {
        Assert.Equal(0.5 * 1e-8, ScalingLawFitting.Huber(1e-4, 1e-3), 1e-22);
        Assert.Equal(1e-3 * (0.5 - 0.5e-3), ScalingLawFitting.Huber(-0.5, 1e-3), 15);
        Assert.Equal(0.5e-6, ScalingLawFitting.Huber(1e-3, 1e-3), 1e-20); // continuous at |r| = delta
        AssertOutOfRange(() => ScalingLawFitting.Huber(1, -1), "delta", "-1", "0 < delta < infinity");
    }
}
