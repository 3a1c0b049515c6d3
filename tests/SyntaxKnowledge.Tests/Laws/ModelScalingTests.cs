using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Tests.Laws;

/// <summary>The model scaling law, the combined law and the compute-optimal split (docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law).</summary>
public sealed class ModelScalingTests
{
    private static Gen<Rational> Discounts => Gen.Choose(1, 23).Select(k => new Rational(k, 24));

    [Theory]
    [InlineData(1, 3, 2, 1)]
    [InlineData(1, 2, 1, 1)]
    [InlineData(3, 4, 1, 3)]
    [InlineData(1, 10, 9, 1)]
    public void Exponent_RationalDiscount_IsExactOneMinusDOverD(int dn, int dd, int en, int ed)
    {
        var p = PitmanYorParameters.Create(new Rational(dn, dd), 1);
        Assert.Equal(new Rational(en, ed), ModelScaling.Exponent(p));
        ScalingLaw law = ModelScaling.Law(SyntaxKnowledgeModel.Biographies(p));
        Assert.Equal(new Rational(en, ed), law.Leading.ExactExponent);
        Assert.Equal(new Rational(en, ed).ToString(), law.Leading.ExponentText);
    }

    [Fact]
    public void Decay_Dirichlet_IsGeometricWithExactRate_AndLawRefuses()
    {
        var p = PitmanYorParameters.Create(0, 3);
        CapacityDecay decay = ModelScaling.Decay(p);
        Assert.Equal(DecayKind.Geometric, decay.Kind);
        Assert.Null(decay.Exponent);
        Assert.Equal(new Rational(3, 4), decay.Rate);
        Assert.Equal(Rational.Pow(new Rational(3, 4), 9), UncoveredMass.Exact(p, 9));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ModelScaling.Law(SyntaxKnowledgeModel.Biographies(p)));
        Assert.Equal("discount", e.ParamName);
        Assert.Contains("geometric", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Law_ConstantIsMissCostTimesLearnerConstant()
    {
        var p = PitmanYorParameters.Create(new Rational(1, 2), 1);
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(p);
        MissCost cost = MissCost.FromModel(model);
        Assert.Equal(model.Names.Entropy(), cost.Name, 1e-12);
        Assert.Equal(model.Attributes.Average(a => Math.Log(a.Values.Length)), cost.Fact, 1e-12);
        Assert.Equal(cost.Total * 3, ModelScaling.Law(model).Terms[0].Constant, 1e-10); // K_T = Γ(4)/Γ(3) = 3
        Assert.Equal(cost.Total * 3 * 2 / Math.PI, ModelScaling.Law(model, CapacityLearner.TopFrequency).Terms[0].Constant, 1e-10);
        Assert.Equal(cost.Total * 3 / 13, cost.ExcessLoss(UncoveredMass.Exact(p, 10).ToDouble()), 1e-12);
        var custom = MissCost.Create(2, 1);
        Assert.Equal(9, ModelScaling.Law(model, CapacityLearner.FirstAppearance, custom).Terms[0].Constant, 1e-12);
    }

    [Fact]
    public void Combined_DataConstantIsKnowledgeTerms_AndEvaluatesBothLaws()
    {
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 3), 1));
        CombinedScalingLaw law = ModelScaling.Combined(model);
        ScalingLaw data = DataScaling.Law(model);
        double expected = data.Terms.Where(t => t.Name is "facts" or "names").Sum(t => t.Constant);
        Assert.Equal(expected, law.DataConstant, 1e-12);
        Assert.Equal(law.Model.Terms[0].Constant, law.CapacityConstant);
        Assert.Equal(data.Evaluate(1_000) + law.Model.Evaluate(50), law.Evaluate(1_000, 50), 1e-12);
    }

    [Property]
    public Property Split_Exponents_AreExactFunctionsOfTheDiscount() =>
        Prop.ForAll(Discounts.ToArbitrary(), d =>
        {
            ComputeOptimalSplit split = ComputeOptimal.Split(d, 3, 7);
            return (split.DataExponent == 1 / (1 + d) && split.CapacityExponent == d / (1 + d) && split.LossExponent == (1 - d) / (1 + d)
                    && split.DataExponent + split.CapacityExponent == 1 && split.CapacityExponent / split.DataExponent == d).Label($"d = {d}");
        });

    [Fact]
    public void Split_OneThird_GivesThreeQuartersAndOneQuarter()
    {
        ComputeOptimalSplit split = ComputeOptimal.Split(new Rational(1, 3), 1, 1);
        Assert.Equal(new Rational(3, 4), split.DataExponent);
        Assert.Equal(new Rational(1, 4), split.CapacityExponent);
        Assert.Equal(new Rational(1, 2), split.LossExponent);
        Assert.Equal(new Rational(1, 2), split.LossLaw.Leading.ExactExponent);
    }

    [Property(MaxTest = 40)]
    public Property Split_IsTheMinimumOnTheIsoComputeCurve() =>
        Prop.ForAll(Discounts.ToArbitrary(), Gen.Choose(1, 100).ToArbitrary(), Gen.Choose(1, 100).ToArbitrary(), (d, a, b) =>
        {
            const double compute = 1e9, k = 6;
            ComputeOptimalSplit split = ComputeOptimal.Split(d, a, b, k);
            double alpha = (1 - d).ToDouble(), beta = ((1 - d) / d).ToDouble();
            double Loss(double c) => (a * Math.Pow(compute / (k * c), -alpha)) + (b * Math.Pow(c, -beta));
            double c = split.Capacity(compute), loss = split.Loss(compute);
            bool budget = Math.Abs((k * split.Data(compute) * c / compute) - 1) < 1e-12;
            bool value = Math.Abs((Loss(c) / loss) - 1) < 1e-12;
            bool minimum = Loss(c) <= Loss(c * 1.001) && Loss(c) <= Loss(c / 1.001);
            return (budget && value && minimum).Label($"d = {d}, A = {a}, B = {b}: C* = {c}, loss {loss}");
        });

    [Fact]
    public void Optimum_Dirichlet_IsAStationaryPointOfTheGeometricLaw()
    {
        var p = PitmanYorParameters.Create(0, 2);
        ComputeOptimum o = ComputeOptimal.Optimum(p, 5, 40, 1e8, 2);
        double Loss(double c) => (5 * 2 * c / 1e8) + (40 * Math.Pow(2.0 / 3, c));
        Assert.Equal(Loss(o.Capacity), o.Loss, 1e-15);
        Assert.True(Loss(o.Capacity) < Loss(o.Capacity + 0.5) && Loss(o.Capacity) < Loss(o.Capacity - 0.5));
        Assert.Equal(1e8, 2 * o.Data * o.Capacity, 1e-3);
    }

    [Fact]
    public void ComputeOptimal_BadInput_ThrowsWithParameterName()
    {
        Assert.Equal("discount", Assert.Throws<ArgumentOutOfRangeException>(() => ComputeOptimal.Split(Rational.Zero, 1, 1)).ParamName);
        Assert.Equal("dataConstant", Assert.Throws<ArgumentOutOfRangeException>(() => ComputeOptimal.Split(Rational.Half, 0, 1)).ParamName);
        Assert.Equal("computePerUnit", Assert.Throws<ArgumentOutOfRangeException>(() => ComputeOptimal.Split(Rational.Half, 1, 1, double.NaN)).ParamName);
        Assert.Equal("compute", Assert.Throws<ArgumentOutOfRangeException>(() => ComputeOptimal.Split(Rational.Half, 1, 1).Data(-1)).ParamName);
    }
}
