using System.Diagnostics;
using System.Globalization;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Tests.Processes;

/// <summary>Issue 11 §2: asymptotic forms flagged outside their regime, and exact paths that refuse instead of hanging.</summary>
public sealed class RegimeAndCostTests
{
    private static PitmanYorParameters P(string d, string theta) =>
        PitmanYorParameters.Create(Rational.Parse(d, CultureInfo.InvariantCulture), Rational.Parse(theta, CultureInfo.InvariantCulture));

    [Fact]
    public void DirichletForms_HoldForEveryN()
    {
        PitmanYorParameters p = P("0", "1000000");

        // θ/(θ+n) = 1e6/1010000, not θ/n = 100.
        Assert.Equal(1e6 / 1.01e6, NewProbability.Asymptotic(p, 1e4), 15);
        Assert.True(AsymptoticRegime.NewProbability(p, 1e4));

        // θ(ψ(θ+n) − ψ(θ)) at n = 1 is exactly 1 (θ ln n was 0).
        PitmanYorParameters small = P("0", "1/100");
        Assert.Equal(1.0, ExpectedDistinct.Asymptotic(small, 1), 14);
        Assert.True(AsymptoticRegime.ExpectedDistinct(small, 1));
        Assert.Equal(0.0, DistinctVariance.Asymptotic(small, 1), 15);
        Assert.Equal(DistinctVariance.Exact(small, 50).ToDouble(), DistinctVariance.Asymptotic(small, 50), 12);
    }

    [Fact]
    public void AcquiredMass_OutsideRegime_IsFlagged()
    {
        // d = 0, θ = 1e6, n = 1e4, r = 3: the leading form is 1 − 3θ/n = −299.
        PitmanYorParameters p = P("0", "1000000");
        Assert.True(AcquiredMass.Asymptotic(p, 1e4, 3) < 0);
        Assert.False(AsymptoticRegime.AcquiredMass(p, 1e4, 3));
        Assert.InRange(AcquiredMass.Approximate(p, 1e4, 3), 0, 1);
        Assert.True(AsymptoticRegime.AcquiredMass(P("1/2", "1"), 1e9, 3));
    }

    [Fact]
    public void UncoveredMass_OutsideRegime_IsFlagged()
    {
        // d = 1/7, θ = 1e6, C = 1e4: the leading form is 1.18e17.
        PitmanYorParameters p = P("1/7", "1000000");
        Assert.True(UncoveredMass.Asymptotic(p, 1e4) > 1);
        Assert.False(AsymptoticRegime.UncoveredMass(p, 1e4));
        Assert.True(AsymptoticRegime.UncoveredMass(P("1/2", "1"), 1e6));
    }

    public static TheoryData<string, string> Grid => new()
    {
        { "1/7", "1" }, { "1/2", "1" }, { "1/2", "10" }, { "9/10", "-89/100" }, { "99/100", "10" }, { "1/3", "5" },
    };

    [Theory]
    [MemberData(nameof(Grid))]
    public void RegimeFlag_WhenTrue_AsymptoticIsWithinTolerance_OfTheExactValue(string d, string theta)
    {
        PitmanYorParameters p = P(d, theta);
        int flagged = 0;
        foreach (int n in new[] { 1, 3, 10, 30, 100, 300, 1000, 3000 })
        {
            var checks = new (bool Flag, double Asymptotic, double Exact, bool Probability)[]
            {
                (AsymptoticRegime.ExpectedDistinct(p, n), ExpectedDistinct.Asymptotic(p, n), ExpectedDistinct.Exact(p, n).ToDouble(), false),
                (AsymptoticRegime.DistinctVariance(p, n), DistinctVariance.Asymptotic(p, n), DistinctVariance.Exact(p, n).ToDouble(), false),
                (AsymptoticRegime.NewProbability(p, n), NewProbability.Asymptotic(p, n), NewProbability.Exact(p, n).ToDouble(), true),
                (AsymptoticRegime.Singletons(p, n), ExpectedBlocks.Asymptotic(p, n, 1), ExpectedBlocks.SingletonsExact(p, n).ToDouble(), false),
                (AsymptoticRegime.UncoveredMass(p, n), UncoveredMass.Asymptotic(p, n), UncoveredMass.Exact(p, n).ToDouble(), true),
                (AsymptoticRegime.AcquiredMass(p, n, 2), AcquiredMass.UnacquiredAsymptotic(p, n, 2), (Rational.One - AcquiredMass.Exact(p, n, 2)).ToDouble(), true),
            };
            foreach ((bool flag, double asymptotic, double exact, bool probability) in checks)
            {
                if (flag)
                {
                    flagged++;
                    Assert.True(Math.Abs((asymptotic / exact) - 1) <= AsymptoticRegime.Tolerance + 1e-9, $"n = {n}: asymptotic {asymptotic:R} vs exact {exact:R} flagged in regime");
                }
                else if (exact > 0 && !(probability && asymptotic is < 0 or > 1))
                {
                    // Outside the regime and a valid value: the deviation is beyond the tolerance.
                    Assert.True(Math.Abs((asymptotic / exact) - 1) > AsymptoticRegime.Tolerance - 1e-6, $"n = {n}: asymptotic {asymptotic:R} vs exact {exact:R} flagged outside the regime");
                }
            }
        }

        Assert.True(flagged >= 5, $"only {flagged} values in regime");
    }

    [Fact]
    public void Exact_BeyondItsCostBound_RefusesAtOnce_NamingParameterValueAndLimit()
    {
        PitmanYorParameters p = P("1/2", "1");
        var clock = Stopwatch.StartNew();
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => ExpectedDistinct.Exact(p, int.MaxValue));
        Assert.Equal("draws", e.ParamName);
        Assert.Contains("2147483647", e.Message, StringComparison.Ordinal);
        Assert.Contains("limit", e.Message, StringComparison.Ordinal);
        Assert.Equal("draws", Assert.Throws<ArgumentOutOfRangeException>(() => DistinctDistribution.Exact(p, 10_000)).ParamName);
        Assert.Equal("draws", Assert.Throws<ArgumentOutOfRangeException>(() => ExpectedDistinct.ExactByRecursion(P("1/7", "1000000"), 5_000)).ParamName);
        Assert.Equal("draws", Assert.Throws<ArgumentOutOfRangeException>(() => DistinctVariance.Exact(p, 1_000_000)).ParamName);
        Assert.Equal("draws", Assert.Throws<ArgumentOutOfRangeException>(() => NewProbability.Exact(p, 10_000_000)).ParamName);
        Assert.Equal("stored", Assert.Throws<ArgumentOutOfRangeException>(() => UncoveredMass.Exact(p, 10_000_000)).ParamName);
        Assert.Equal("draws", Assert.Throws<ArgumentOutOfRangeException>(() => UnrevealedMass.Exact(p, new Rational(1, 5), 1_000_000)).ParamName);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"refusals took {clock.Elapsed}");
    }

    [Fact]
    public void UncoveredMass_Dirichlet_IsASinglePower_AndFast()
    {
        // d = 0, θ = 1e6, C = 1e5 took more than 110 s; it is (θ/(θ+1))^C.
        PitmanYorParameters p = P("0", "1000000");
        var clock = Stopwatch.StartNew();
        Rational t = UncoveredMass.Exact(p, 100_000);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(System.Numerics.BigInteger.Pow(1_000_000, 100_000), t.Numerator);
        Assert.Equal(System.Numerics.BigInteger.Pow(1_000_001, 100_000), t.Denominator);
        Assert.Equal(Math.Exp(-100_000 * (1e-6 - 5e-13 + (1e-18 / 3))), t.ToDouble(), 14);
        Assert.Equal(t.ToDouble(), UncoveredMass.Approximate(p, 100_000), 14);
    }

    [Fact]
    public void ExactLimits_EstimatedBits_GrowsWithNAndTheParameters()
    {
        Assert.Equal(0, ExactLimits.EstimatedBits(P("1/2", "1"), 0));
        Assert.True(ExactLimits.EstimatedBits(P("1/2", "1"), 100_000) <= ExactLimits.MaximumBits);
        Assert.True(ExactLimits.EstimatedBits(P("1/7", "1000000"), 100_000) > ExactLimits.MaximumBits);
    }
}
