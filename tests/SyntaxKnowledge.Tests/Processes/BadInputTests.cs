using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Tests.Processes;

/// <summary>Invalid parameters throw ArgumentOutOfRangeException naming the parameter, the value and the valid range.</summary>
public sealed class BadInputTests
{
    private static readonly PitmanYorParameters P = PitmanYorParameters.Create(new Rational(1, 2), 1);

    private static void AssertOutOfRange(Action action, string parameter, string value, string range)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(action);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(value, e.Message, StringComparison.Ordinal);
        Assert.Contains(range, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("-1/2", "1")]
    [InlineData("3/2", "0")]
    public void Create_DiscountOutOfRange_Throws(string discount, string concentration) =>
        AssertOutOfRange(() => PitmanYorParameters.Create(Rational.Parse(discount), Rational.Parse(concentration)), "discount", discount, "0 <= discount < 1");

    [Theory]
    [InlineData("1/2", "-1/2")]
    [InlineData("1/2", "-3")]
    [InlineData("0", "0")]
    public void Create_ConcentrationNotAboveMinusDiscount_Throws(string discount, string concentration) =>
        AssertOutOfRange(() => PitmanYorParameters.Create(Rational.Parse(discount), Rational.Parse(concentration)), "concentration", concentration, "concentration > -discount");

    [Fact]
    public void TryCreate_Invalid_ReturnsFalse()
    {
        Assert.False(PitmanYorParameters.TryCreate(1, 1, out PitmanYorParameters? none));
        Assert.Null(none);
        Assert.True(PitmanYorParameters.TryCreate(0, new Rational(1, 100), out PitmanYorParameters? ok));
        Assert.True(ok!.IsDirichlet);
    }

    [Fact]
    public void Quantities_BadCounts_Throw()
    {
        AssertOutOfRange(() => ExpectedDistinct.Exact(P, 0), "draws", "0", "draws >= 1");
        AssertOutOfRange(() => DistinctVariance.Exact(P, -3), "draws", "-3", "draws >= 1");
        AssertOutOfRange(() => DistinctDistribution.Exact(P, 0), "draws", "0", "draws >= 1");
        AssertOutOfRange(() => NewProbability.Exact(P, -1), "draws", "-1", "draws >= 0");
        AssertOutOfRange(() => ExpectedBlocks.Exact(P, 5, 6), "multiplicity", "6", "1 <= multiplicity <= 5");
        AssertOutOfRange(() => UncoveredMass.Exact(P, -1), "stored", "-1", "stored >= 0");
        AssertOutOfRange(() => UnrevealedMass.Exact(P, new Rational(3, 2), 4), "rate", "3/2", "0 <= rate <= 1");
        AssertOutOfRange(() => AcquiredMass.Exact(P, 4, -1), "exposures", "-1", "exposures >= 0");
        AssertOutOfRange(() => ExpectedDistinct.Asymptotic(P, double.NaN), "draws", "NaN", "1 <= draws");
        AssertOutOfRange(() => Seating.ExistingProbability(P, 0, 3), "count", "0", "1 <= count <= 3");
        AssertOutOfRange(() => SymmetricDirichlet.Create(0, 1), "categories", "0", "categories >= 1");
        AssertOutOfRange(() => SymmetricDirichlet.Create(3, 0), "concentration", "0", "concentration > 0");
        AssertOutOfRange(() => ManagedBackend.Instance.SimulateDistinct(P, 10, 0, 1), "replicates", "0", "replicates >= 1");
        AssertOutOfRange(() => _ = new ManagedBackend(0), "threads", "0", "threads >= 1");
        AssertOutOfRange(() => DiversityMoments.Asymptotic(PitmanYorParameters.ChineseRestaurant(1), 1), "parameters", "0", "discount > 0");
        Assert.Throws<ArgumentNullException>(() => ExpectedDistinct.Exact(null!, 3));
    }

    [Fact]
    public void DirichletCategorical_WrongCountLength_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => DirichletCategorical.Predictive(SymmetricDirichlet.Create(3, 1), [1, 2]));
        Assert.Equal("counts", e.ParamName);
        Assert.Contains("expected one per category (3)", e.Message, StringComparison.Ordinal);
    }
}
