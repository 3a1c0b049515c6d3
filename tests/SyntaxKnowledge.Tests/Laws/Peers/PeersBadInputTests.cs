using SyntaxKnowledge.Fitting;
using SyntaxKnowledge.Laws.Peers;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Tests.Laws.Peers;

/// <summary>Bad input: ArgumentOutOfRangeException / ArgumentException naming the parameter, its value and the valid range.</summary>
public sealed class PeersBadInputTests
{
    private static void OutOfRange(string parameter, Action action)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(action);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains("valid range", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZipfLaw_ExponentAtMostOne_Throws()
    {
        OutOfRange("exponent", () => ZipfLaw.Create(1));
        OutOfRange("exponent", () => ZipfLaw.Create(101));
        OutOfRange("discount", () => ZipfLaw.FromDiscount(0));
        OutOfRange("rank", () => ZipfLaw.Create(2).Probability(0.5));
        OutOfRange("ranks", () => ZipfLaw.Create(2).TailMass(double.NaN));
    }

    [Fact]
    public void FeatureFrequencies_NotSummingToOneOrNonPositive_Throws()
    {
        var sum = Assert.Throws<ArgumentException>(() => FeatureFrequencies.Create([Rational.Half, new Rational(1, 3)]));
        Assert.Equal("probabilities", sum.ParamName);
        Assert.Equal("probabilities", Assert.Throws<ArgumentException>(() => FeatureFrequencies.Create([Rational.One, Rational.Zero])).ParamName);
        Assert.Equal("probabilities", Assert.Throws<ArgumentException>(() => FeatureFrequencies.Create([])).ParamName);
        OutOfRange("count", () => FeatureFrequencies.TruncatedZipf(0, 2));
        OutOfRange("exponent", () => FeatureFrequencies.TruncatedZipf(5, 11));
    }

    [Fact]
    public void Theories_ParametersOutOfRange_Throw()
    {
        OutOfRange("alpha", () => HutterTheory.Create(0));
        OutOfRange("discount", () => HutterTheory.FromDiscount(1));
        OutOfRange("alpha", () => QuantizationTheory.Create(-1));
        OutOfRange("exposures", () => QuantizationTheory.Create(1, 0));
        OutOfRange("parametersPerQuantum", () => QuantizationTheory.Create(1, 1, 0));
        OutOfRange("hilbergExponent", () => SantaFeTheory.Create(1));
        OutOfRange("discount", () => SantaFeTheory.FromDiscount(0));
        OutOfRange("modelExponent", () => ChinchillaConstants.Create("x", "y", 1, 1, 0, 1, 1));
        OutOfRange("irreducible", () => ChinchillaConstants.Create("x", "y", -1, 1, 1, 1, 1));
        Assert.Throws<ArgumentException>(() => ChinchillaConstants.Create(" ", "y", 1, 1, 1, 1, 1));
    }

    [Fact]
    public void Mapping_DiscountOutsideOpenInterval_Throws()
    {
        OutOfRange("discount", () => ParameterMapping.ZipfAlpha(0));
        OutOfRange("discount", () => ParameterMapping.ZipfExponent(1));
        OutOfRange("discount", () => ParameterMapping.SyntaxKnowledgeDataExponent(-1));
        OutOfRange("alpha", () => ParameterMapping.DiscountFromAlpha(0));
        OutOfRange("dataExponent", () => ParameterMapping.DiscountFromDataExponent(2));
        OutOfRange("hilbergExponent", () => ParameterMapping.SantaFeDataExponent(0));
    }

    [Fact]
    public void Functions_CountsOutOfRange_Throw()
    {
        FeatureFrequencies f = FeatureFrequencies.TruncatedZipf(4, 1);
        OutOfRange("samples", () => MemorisationError.Exact(f, -1));
        OutOfRange("samples", () => MemorisationError.Approximate(ZipfLaw.Create(2), -1));
        OutOfRange("samples", () => MemorisationError.Asymptotic(ZipfLaw.Create(2), 0.5));
        OutOfRange("replicates", () => MemorisationError.Simulate(f, 3, 1, 0));
        OutOfRange("quantum", () => QuantaLearning.LearnedProbabilityExact(f, 4, 3, 1));
        OutOfRange("exposures", () => QuantaLearning.UnlearnedMassExact(f, 3, 0));
        OutOfRange("capacity", () => QuantaLearning.CapacityLimitedExact(f, -1));
        OutOfRange("capacity", () => QuantaLearning.Simulate(f, 3, 1, -1, 10, 0));
        OutOfRange("draws", () => SantaFeProcess.ExpectedDistinct(ZipfLaw.Create(2), double.NaN));
        OutOfRange("draws", () => SantaFeProcess.Simulate(ZipfLaw.Create(2), 0, 10, 0));
        OutOfRange("compute", () => ChinchillaConstants.Besiroglu2024.ComputeOptimal(0));
    }

    [Fact]
    public void ComputeAllocation_WithoutPrefactor_CannotAllocate()
    {
        ComputeAllocation split = SyntaxKnowledgeTheory.FromKnowledge(PitmanYorParameters.Create(Rational.Half, 1)).ComputeOptimal()!;
        Assert.Null(split.Prefactor);
        Assert.Throws<InvalidOperationException>(() => split.Allocate(1e6));
        OutOfRange("modelExponent", () => ComputeAllocation.Derive(new ExponentValue(0, null), ExponentValue.Of(1), null, null, 1, "N", "D", "x"));
    }

    [Fact]
    public void ComparisonForFit_NoDiscountImplied_Throws()
    {
        LossLaw law = LossLaw.DataOnly(1, 1, 1.5);
        Assert.Equal("law", Assert.Throws<ArgumentException>(() => Comparison.ForFit(law, 1)).ParamName);
    }
}
