using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Laws;

/// <summary>The data scaling law (docs/03-formulas/data-scaling.md#data-scaling-law-and-redundancy): exact parts vs enumeration and Monte Carlo, asymptotics and slopes.</summary>
public sealed class DataScalingTests
{
    private static SyntaxKnowledgeModel Bio(int dn, int dd, int tn, int td) =>
        SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(dn, dd), new Rational(tn, td)));

    [Theory]
    [InlineData(1, 2, 1, 1)]
    [InlineData(0, 1, 3, 2)]
    [InlineData(3, 4, -1, 2)]
    public void Enumeration_IncrementsEqualExactParts(int dn, int dd, int tn, int td)
    {
        // R(n+1) − R(n) by exhaustive enumeration of every corpus of the tiny model equals the closed forms.
        SyntaxKnowledgeModel tiny = SyntaxKnowledgeModel.Tiny(PitmanYorParameters.Create(new Rational(dn, dd), new Rational(tn, td)));
        RedundancyParts previous = Redundancy.Enumerated(tiny, 0);
        Assert.Equal(0, previous.Total);
        for (int n = 1; n <= 2; n++)
        {
            RedundancyParts current = Redundancy.Enumerated(tiny, n);
            ExcessLossParts exact = DataScaling.Exact(tiny, n - 1);
            Assert.Equal(exact.Syntax, current.Syntax - previous.Syntax, 1e-12);
            Assert.Equal(exact.Facts, current.Facts - previous.Facts, 1e-12);
            Assert.Equal(exact.Names, current.Names - previous.Names, 1e-12);
            Assert.True(current.Syntax > previous.Syntax && current.Facts >= previous.Facts, "the syntax redundancy grows, the facts redundancy never falls");
            Assert.True(current.Names >= previous.Names, "the names redundancy never falls");
            previous = current;
        }
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void Enumeration_MatchesMonteCarloRedundancy_IncludingNames()
    {
        SyntaxKnowledgeModel tiny = SyntaxKnowledgeModel.Tiny(PitmanYorParameters.Create(new Rational(1, 2), 1));
        RedundancyParts exact = Redundancy.Enumerated(tiny, 3);
        SimulatedRedundancy simulated = Redundancy.Simulate(tiny, 3, TestScale.Replicates(20_000), seed: 21);
        Assert.True(simulated.Syntax.IsConsistentWith(exact.Syntax), $"syntax {simulated.Syntax} vs {exact.Syntax}");
        Assert.True(simulated.Names.IsConsistentWith(exact.Names), $"names {simulated.Names} vs {exact.Names}");
        Assert.True(simulated.Facts.IsConsistentWith(exact.Facts), $"facts {simulated.Facts} vs {exact.Facts}");
    }

    [Theory]
    [Trait("Category", "Statistical")]
    [InlineData(1, 2, 1, 1, 200)]
    [InlineData(0, 1, 2, 1, 200)]
    [InlineData(3, 4, 1, 1, 150)]
    [InlineData(7, 10, 5, 1, 100)]
    [InlineData(1, 3, 10, 1, 300)]
    public void ExactParts_WithinFourStandardErrorsOfSimulation(int dn, int dd, int tn, int td, int n)
    {
        SyntaxKnowledgeModel model = Bio(dn, dd, tn, td);
        ExcessLossParts exact = DataScaling.Exact(model, n);
        SimulatedExcessLoss simulated = DataScaling.Simulate(model, n, TestScale.Replicates(1_500), seed: 31);
        Assert.True(simulated.Syntax.IsConsistentWith(exact.Syntax), $"syntax {simulated.Syntax} vs {exact.Syntax}");
        Assert.True(simulated.Names.IsConsistentWith(exact.Names), $"names {simulated.Names} vs {exact.Names}");
        Assert.True(simulated.Facts.IsConsistentWith(exact.Facts), $"facts {simulated.Facts} vs {exact.Facts}");
        Assert.True(simulated.Total.IsConsistentWith(exact.Total), $"total {simulated.Total} vs {exact.Total}");
    }

    [Theory]
    [InlineData(1, 2, 1, 1)]
    [InlineData(3, 4, 1, 1)]
    [InlineData(9, 10, 2, 1)]
    public void Asymptotic_OverExact_TendsToOne_ForKnowledgeParts(int dn, int dd, int tn, int td)
    {
        SyntaxKnowledgeModel model = Bio(dn, dd, tn, td);
        double[] grid = [250, 1_000, 4_000];
        double[] factErrors = grid.Select(n => Math.Abs((DataScaling.Asymptotic(model, n).Facts / DataScaling.Exact(model, (int)n).Facts) - 1)).ToArray();
        // The names error is measured on the scale n^-(1-d) of the term.
        double d0 = model.Knowledge.DiscountValue;
        double scale(double n) => Math.Pow(n, d0 - 1);
        double[] nameErrors = grid.Select(n => Math.Abs(DataScaling.Asymptotic(model, n).Names - DataScaling.Exact(model, (int)n).Names) / scale(n)).ToArray();
        for (int i = 1; i < grid.Length; i++)
        {
            Assert.True(factErrors[i] < factErrors[i - 1], $"facts: {string.Join(", ", factErrors)}");
            Assert.True(nameErrors[i] < nameErrors[i - 1], $"names: {string.Join(", ", nameErrors)}");
        }

        // Corrections are O(1/n) relative for the facts (a Gamma-ratio expansion) and O(n^-d) for names (the
        // O(1/n) absolute terms of existing entities against n^-(1-d)): both at most the first error times the rate.
        Assert.True(factErrors[^1] <= 2 * factErrors[0] * (grid[0] / grid[^1]), $"facts: {string.Join(", ", factErrors)}");
        double d = model.Knowledge.DiscountValue;
        Assert.True(nameErrors[^1] <= 2 * nameErrors[0] * Math.Pow(grid[0] / grid[^1], d), $"names: {string.Join(", ", nameErrors)}");
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(1, 3)]
    [InlineData(4, 5)]
    public void Law_ExponentIsOneMinusDiscount_AndSlopeTendsToIt(int dn, int dd)
    {
        SyntaxKnowledgeModel model = Bio(dn, dd, 1, 1);
        ScalingLaw law = DataScaling.Law(model);
        Rational expected = 1 - new Rational(dn, dd);
        Assert.Equal(expected, law.Terms.Single(t => t.Name == "facts").ExactExponent);
        Assert.Equal(expected, law.Leading.ExactExponent);
        Assert.Equal(Rational.One, law.Terms.Single(t => t.Name == "syntax").ExactExponent);

        // The facts term alone is a pure power law: its exact local slope tends to −(1 − d).
        double Slope(double n) => (Math.Log(DataScaling.Exact(model, (int)(n * 1.1)).Facts) - Math.Log(DataScaling.Exact(model, (int)n).Facts)) / Math.Log(1.1);
        double[] gaps = new double[] { 100, 1_000, 10_000 }.Select(n => Math.Abs(Slope(n) + expected.ToDouble())).ToArray();
        Assert.True(gaps[1] < gaps[0] && gaps[2] < gaps[1], $"slope gaps {string.Join(", ", gaps)}");
        Assert.True(gaps[2] < 0.01, $"slope gap {gaps[2]}");

        // The whole law: A n^-(1-d) + B n^-1 has slope −(1 − d) − d B/(A n^d + B), between −1 and −(1 − d), tending to −(1 − d).
        double a = law.Terms.Where(t => t.Name != "syntax").Sum(t => t.Constant);
        double b = law.Terms.Single(t => t.Name == "syntax").Constant;
        double dValue = 1 - expected.ToDouble();
        foreach (double n in new[] { 1e2, 1e4, 1e8 })
        {
            double slope = -expected.ToDouble() - (dValue * b / ((a * Math.Pow(n, dValue)) + b));
            Assert.Equal(slope, law.Slope(n), 1e-3);
        }
    }

    [Fact]
    public void SyntaxTerm_IsHalfTheSyntaxParameters()
    {
        SyntaxKnowledgeModel model = Bio(1, 2, 1, 1);
        Assert.Equal(15, model.SyntaxParameters); // (5 − 1) + (3 + 2 + 2 + 2 + 2): birth_city has 4 templates
        Assert.Equal(7.5, DataScaling.Law(model).Terms.Single(t => t.Name == "syntax").Constant);
        double n = 20_000;
        Assert.Equal(1.0, DataScaling.Exact(model, (int)n).Syntax / (7.5 / n), 0.02);
    }

    [Fact]
    public void BlockSeries_MatchesIndependentReference()
    {
        // Σ_{m≥1} (1−d)_m/m! (ψ(m+1−d) − ln(m−d)) summed directly in Python to M = 4·10^5 terms plus the leading
        // tail M^-d/(2dΓ(1−d)); that reference is accurate to about M^(-1-d) (4e-10 for d = 1/2, 2e-7 for d = 1/4).
        Assert.Equal(0.84182919244, DataScaling.BlockSeries(0.5), 1e-9);
        Assert.Equal(1.86548589650, DataScaling.BlockSeries(0.25), 3e-7);
    }

    [Fact]
    public void BadInput_IsRejected()
    {
        SyntaxKnowledgeModel model = Bio(1, 2, 1, 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DataScaling.Exact(model, -1));
        Assert.Equal("draws", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => DataScaling.Simulate(model, 10, 1, 1));
        Assert.Equal("worlds", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => Redundancy.Enumerated(SyntaxKnowledgeModel.Tiny(model.Knowledge), 9));
        Assert.Equal("sentences", e.ParamName);
    }
}
