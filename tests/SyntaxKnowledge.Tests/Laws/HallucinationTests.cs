using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Laws;

/// <summary>Hallucination (docs/03-formulas/hallucination.md#hallucination): rates, the Good–Turing identity, abstention.</summary>
public sealed class HallucinationTests
{
    private static readonly PitmanYorParameters Half = PitmanYorParameters.Create(new Rational(1, 2), 1);

    private static SyntaxKnowledgeModel Model(PitmanYorParameters p, int attributes, Rational prior)
    {
        SyntaxKnowledgeModel bio = SyntaxKnowledgeModel.Biographies(p);
        return bio.WithAttributes([.. bio.Attributes.Take(attributes).Select(a => a.Name)]).WithSyntaxPriors(prior, bio.TemplatePrior);
    }

    [Fact]
    public void UncoveredQueryMassExact_EqualsEnumerationOfHistories()
    {
        foreach (var row in Golden.Read("uncovered_query_mass.csv"))
        {
            SyntaxKnowledgeModel model = Model(PitmanYorParameters.Create(row.R("discount"), row.R("concentration")), row.I("attributes"), row.R("attribute_prior"));
            Assert.Equal(row.R("expected"), Hallucination.UncoveredQueryMassExact(model, row.I("n")));
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 40)]
    public Property MonofactRate_NextSentence_EqualsUncoveredQueryMass_Exactly(PitmanYorParameters p, PositiveInt draws)
    {
        int n = Math.Min(draws.Get, 25);
        return Prop.ForAll(Gen.Choose(1, 5).ToArbitrary(), Gen.Elements(new Rational(1, 2), Rational.One, (Rational)3).ToArbitrary(), (j, a) =>
        {
            SyntaxKnowledgeModel model = Model(p, j, a);
            return (Hallucination.MonofactRateExact(model, n + 1) == Hallucination.UncoveredQueryMassExact(model, n)).Label($"p = {p}, J = {j}, a_J = {a}, n = {n}");
        });
    }

    [Fact]
    public void UncoveredQueryMass_OneAttribute_IsTheUnrevealedMassAtRhoOne()
    {
        SyntaxKnowledgeModel model = Model(Half, 1, Rational.One);
        Assert.Equal(UnrevealedMass.Exact(Half, Rational.One, 17), Hallucination.UncoveredQueryMassExact(model, 17));
    }

    [Fact]
    public void Factors_ExplicitAndModelBases_AreExact()
    {
        Rational[] h = [Rational.Half, new Rational(1, 3), new Rational(1, 6)];
        Assert.Equal(new Rational(11, 18), Hallucination.SamplingFactor(h));
        Assert.Equal(Rational.Half, Hallucination.GreedyFactor(h));
        HallucinationFactor field = Hallucination.Factors(SyntaxKnowledgeModel.Biographies(Half)).Single(f => f.Attribute == "field");
        Assert.Equal(new Rational(39, 40), field.Sampling);
        Assert.Equal(new Rational(39, 40), field.ExactGreedy);
        HallucinationFactor skewed = Hallucination.Factors(SyntaxKnowledgeModel.Biographies(Half).WithValuePrior(ValuePrior.Dirichlet(Rational.One))).Single(f => f.Attribute == "field");
        Assert.Equal(Rational.One - (new Rational(2, 41)), skewed.Sampling); // 1 − (b+1)/(M b + 1), b = 1, M = 40
        Assert.Null(skewed.ExactGreedy);
        Assert.Throws<ArgumentException>(() => Hallucination.SamplingFactor([Rational.Half]));
    }

    [Fact]
    public void ExpectedDirichletMaximum_FlatDirichlet_IsTheHarmonicFormula()
    {
        // For b = 1 (uniform on the simplex): E[max] = H_M / M.
        foreach (int m in new[] { 2, 5, 40 })
        {
            double harmonic = Enumerable.Range(1, m).Sum(k => 1.0 / k);
            Assert.Equal(harmonic / m, Hallucination.ExpectedDirichletMaximum(1, m), 1e-10);
        }
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void ExpectedDirichletMaximum_WithinFourStandardErrorsOfSampledDirichlets()
    {
        const double b = 0.3;
        const int m = 7;
        int replicates = TestScale.Replicates(20_000);
        var maxima = new double[replicates];
        for (int r = 0; r < replicates; r++)
        {
            CounterRandom random = CounterRandom.Create(57, (ulong)r);
            ulong counter = 0;
            double[] g = [.. Enumerable.Range(0, m).Select(_ => Samplers.Gamma(b, random, ref counter))];
            maxima[r] = g.Max() / g.Sum();
        }

        MonteCarloEstimate estimate = MonteCarlo.Summarize(maxima.AsSpan());
        Assert.True(estimate.IsConsistentWith(Hallucination.ExpectedDirichletMaximum(b, m)), $"{estimate} vs {Hallucination.ExpectedDirichletMaximum(b, m)}");
    }

    [Fact]
    public void Rates_AreUncoveredTimesMeanFactors_AndSamplingRateIsExact()
    {
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(Half);
        HallucinationRates rates = Hallucination.Rates(model, 40);
        double u = Hallucination.UncoveredQueryMassExact(model, 40).ToDouble();
        Assert.Equal(u, rates.Uncovered);
        Assert.Equal(u, rates.Abstention);
        Assert.Equal(Hallucination.SamplingRateExact(model, 40).ToDouble(), rates.Sampling, 1e-15);
        Assert.Equal(u * model.Attributes.Average(a => Math.Log(a.Values.Length)), rates.UncoveredLogLoss, 1e-14);
        HallucinationRates capacity = Hallucination.RatesAtCapacity(model, CapacityLearner.FirstAppearance, 10);
        Assert.Equal(UncoveredMass.Exact(Half, 10).ToDouble(), capacity.Uncovered, 1e-12);
        Assert.True(Hallucination.RatesAtCapacity(model, CapacityLearner.TopFrequency, 10).Sampling < capacity.Sampling);
    }

    [Fact]
    public void UncoveredQueryMassAsymptotic_RatioTendsToOne()
    {
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(Half);
        double[] errors = [.. new[] { 30, 300, 3_000 }.Select(n => Math.Abs((Hallucination.UncoveredQueryMassExact(model, n).ToDouble() / Hallucination.UncoveredQueryMassAsymptotic(model, n)) - 1))];
        Assert.True(errors[1] < errors[0] / 2 && errors[2] < errors[1] / 2, string.Join(", ", errors));
    }

    [Fact]
    public void Abstention_TradesHallucinationForLogLoss()
    {
        HallucinationRates rates = Hallucination.Rates(SyntaxKnowledgeModel.Biographies(Half), 10);
        AbstentionPoint full = Hallucination.Abstention(rates, 1), none = Hallucination.Abstention(rates, 0);
        Assert.Equal(0, full.Hallucination);
        Assert.Equal(rates.Uncovered, full.Abstention);
        Assert.True(double.IsPositiveInfinity(full.ExtraLogLoss));
        Assert.Equal(0, none.ExtraLogLoss);
        Assert.Equal(rates.Sampling, none.Hallucination);
        Assert.Equal(-rates.Uncovered * Math.Log(0.75), Hallucination.Abstention(rates, 0.25).ExtraLogLoss, 1e-15);
        Assert.Equal("abstain", Assert.Throws<ArgumentOutOfRangeException>(() => Hallucination.Abstention(rates, 1.5)).ParamName);
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void Simulate_GeneratedCorpora_WithinFourStandardErrorsOfTheRates()
    {
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 3), 2));
        HallucinationSample sample = Hallucination.Simulate(model, 15, TestScale.Replicates(2_000), seed: 61);
        HallucinationRates rates = Hallucination.Rates(model, 15);
        Assert.True(sample.Uncovered.IsConsistentWith(rates.Uncovered), $"uncovered {sample.Uncovered} vs {rates.Uncovered}");
        Assert.True(sample.Sampling.IsConsistentWith(rates.Sampling), $"sampling {sample.Sampling} vs {rates.Sampling}");
        Assert.True(sample.Greedy.IsConsistentWith(rates.Greedy), $"greedy {sample.Greedy} vs {rates.Greedy}");
        Assert.True(sample.Monofact.IsConsistentWith(rates.Uncovered), $"monofact {sample.Monofact} vs {rates.Uncovered}");
        Assert.True(sample.LogLoss.IsConsistentWith(rates.UncoveredLogLoss), $"log-loss {sample.LogLoss} vs {rates.UncoveredLogLoss}");
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void SimulateCapacity_WithinFourStandardErrorsOfUncoveredTimesFactor()
    {
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(Half).WithAttributes(["field"]).WithValuePrior(ValuePrior.Dirichlet(new Rational(1, 4)));
        HallucinationSample sample = Hallucination.SimulateCapacity(model, 3, TestScale.Replicates(6_000), seed: 63);
        HallucinationRates rates = Hallucination.RatesAtCapacity(model, CapacityLearner.FirstAppearance, 3);
        Assert.True(sample.Uncovered.IsConsistentWith(rates.Uncovered), $"uncovered {sample.Uncovered} vs {rates.Uncovered}");
        Assert.True(sample.Sampling.IsConsistentWith(rates.Sampling), $"sampling {sample.Sampling} vs {rates.Sampling}");
        Assert.True(sample.Greedy.IsConsistentWith(rates.Greedy), $"greedy {sample.Greedy} vs {rates.Greedy}");
        Assert.True(sample.LogLoss.IsConsistentWith(rates.UncoveredLogLoss), $"log-loss {sample.LogLoss} vs {rates.UncoveredLogLoss}");
    }

    [Fact]
    public void Hallucination_BadInput_ThrowsWithParameterName()
    {
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(Half);
        Assert.Equal("draws", Assert.Throws<ArgumentOutOfRangeException>(() => Hallucination.UncoveredQueryMassExact(model, -1)).ParamName);
        Assert.Equal("draws", Assert.Throws<ArgumentOutOfRangeException>(() => Hallucination.MonofactRateExact(model, 0)).ParamName);
        Assert.Equal("learner", Assert.Throws<ArgumentOutOfRangeException>(() => Hallucination.RatesAtCapacity(model, CapacityLearner.Mdl, 3)).ParamName);
        Assert.Equal("uncovered", Assert.Throws<ArgumentOutOfRangeException>(() => Hallucination.RatesFor(model, 1.5)).ParamName);
        Assert.Equal("replicates", Assert.Throws<ArgumentOutOfRangeException>(() => Hallucination.Simulate(model, 3, 1, 0)).ParamName);
    }
}
