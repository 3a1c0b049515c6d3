using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Prediction;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Laws;

/// <summary>
/// The data law's baseline is the world's proper predictive of the observable tokens (docs/03-formulas/data-scaling.md):
/// every part is a conditional mutual information, non-negative over the whole parameter space, and the sum of the parts
/// equals the excess loss measured directly with the two token-level predictors.
/// </summary>
public sealed class DataLawBaselineTests
{
    private static readonly (int Num, int Den)[] Discounts = [(0, 1), (1, 7), (1, 2), (9, 10), (19, 20), (99, 100), (999, 1000)];

    private static SyntaxKnowledgeModel Bio(Rational d, Rational theta) => SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(d, theta));

    /// <summary>θ from just above −d to 10⁴ for every discount of the grid.</summary>
    public static TheoryData<int, int, int, int> Grid()
    {
        var data = new TheoryData<int, int, int, int>();
        foreach ((int dn, int dd) in Discounts)
        {
            var d = new Rational(dn, dd);
            Rational justAbove = -d + new Rational(1, 1000);
            foreach (Rational theta in new[] { justAbove, Rational.One, new Rational(100), new Rational(10_000) }.Distinct())
            {
                if (theta > -d)
                {
                    data.Add(dn, dd, (int)(theta * 1000).Numerator, (int)(theta * 1000).Denominator * 1000);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void ExactAndAsymptoticParts_AreNonNegative_OverTheWholeRange(int dn, int dd, int tn, int td)
    {
        SyntaxKnowledgeModel model = Bio(new Rational(dn, dd), new Rational(tn, td));
        foreach (int n in new[] { 0, 1, 2, 10, 100, 1_000, 30_000 })
        {
            ExcessLossParts exact = DataScaling.Exact(model, n);
            foreach ((string part, double value) in new[] { ("syntax", exact.Syntax), ("names", exact.Names), ("facts", exact.Facts) })
            {
                Assert.True(double.IsFinite(value) && value >= 0, $"n = {n}: exact {part} = {value}");
            }

            if (n > 1)
            {
                ExcessLossParts asymptotic = DataScaling.Asymptotic(model, n);
                Assert.True(asymptotic.Syntax >= 0 && asymptotic.Names >= 0 && asymptotic.Facts >= 0, $"n = {n}: asymptotic {asymptotic}");
            }
        }

        // The leading constants are non-negative (the d = 0 names O(1/n) constant may be negative: its (θ/2) ln n companion leads).
        foreach (ScalingTerm term in DataScaling.Law(model).Terms.Where(t => !(t.Name == "names" && t.Exponent == 1)))
        {
            Assert.True(term.Constant >= 0, $"{term.Name}: {term.Constant}");
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 60)]
    public Property ExactParts_AreNonNegative_ForAnyParameters(PitmanYorParameters p, PositiveInt size)
    {
        int n = size.Get % 300;
        ExcessLossParts exact = DataScaling.Exact(SyntaxKnowledgeModel.Biographies(p), n);
        return (exact.Syntax >= 0 && exact.Names >= 0 && exact.Facts >= 0 && double.IsFinite(exact.Total)).Label($"{p}, n = {n}: {exact}");
    }

    [Theory]
    [Trait("Category", "Statistical")]
    [InlineData(9, 10, 1, 1, 60)]
    [InlineData(19, 20, 1, 1, 60)]
    [InlineData(99, 100, 1, 1, 60)]
    [InlineData(999, 1000, 1, 1, 60)]
    [InlineData(19, 20, -949, 1000, 60)]
    [InlineData(99, 100, 10_000, 1, 40)]
    [InlineData(1, 2, -499, 1000, 60)]
    public void SimulatedParts_AtHighDiscount_MatchExact_AndAreNonNegative(int dn, int dd, int tn, int td, int n)
    {
        SyntaxKnowledgeModel model = Bio(new Rational(dn, dd), new Rational(tn, td));
        ExcessLossParts exact = DataScaling.Exact(model, n);
        SimulatedExcessLoss simulated = DataScaling.Simulate(model, n, TestScale.Replicates(800), seed: 77);
        foreach ((string part, MonteCarloEstimate s, double e) in new[] { ("syntax", simulated.Syntax, exact.Syntax), ("names", simulated.Names, exact.Names), ("facts", simulated.Facts, exact.Facts), ("total", simulated.Total, exact.Total) })
        {
            Assert.True(s.Mean >= -4 * s.StandardError, $"{part}: simulated {s}");
            Assert.True(s.IsConsistentWith(e), $"{part}: simulated {s} vs exact {e}");
        }
    }

    [Theory]
    [Trait("Category", "Statistical")]
    [InlineData(19, 20, 1, 1, 20)]
    [InlineData(1, 2, 1, 1, 20)]
    [InlineData(0, 1, 2, 1, 20)]
    public void SumOfParts_EqualsDirectlyMeasuredExcess_OfTheTwoTokenPredictors(int dn, int dd, int tn, int td, int n)
    {
        // I(world; X_{n+1} | Xⁿ) = E[ln p_world(X_{n+1} | world, Xⁿ) − ln Q(X_{n+1} | Xⁿ)], measured with the token-level Bayes
        // oracle and the token-level world predictive (weights drawn from the posterior given the n+1 sentences, which
        // gives the joint law of weights and corpus): an implementation independent of the closed forms and of Simulate.
        SyntaxKnowledgeModel model = Bio(new Rational(dn, dd), new Rational(tn, td));
        int worlds = TestScale.Replicates(1_500);
        var samples = new double[worlds];
        Parallel.For(0, worlds, r =>
        {
            World world = World.Sample(model, CounterRandom.Create(901, (ulong)r).Key);
            List<Sentence> corpus = [.. CorpusGenerator.Generate(world, 0, n + 1)];
            double codeLength = BayesOracle.Score<double>(model, corpus).Last().CodeLength();
            double worldLog = WorldPredictive.TokenLogProbabilities(model, world, corpus, (ulong)r).Last().Sum();
            samples[r] = codeLength + worldLog;
        });

        MonteCarloEstimate measured = MonteCarlo.Summarize(samples.AsSpan());
        double predicted = DataScaling.Exact(model, n).Total;
        Assert.True(measured.IsConsistentWith(predicted), $"measured {measured} vs sum of parts {predicted}");
    }

    [Fact]
    public void Law_AtHighDiscount_IsPositive_AndItsExponentIsDerived()
    {
        foreach ((int dn, int dd) in new[] { (19, 20), (99, 100), (999, 1000) })
        {
            var d = new Rational(dn, dd);
            ScalingLaw law = DataScaling.Law(Bio(d, Rational.One));
            Assert.Equal(1 - d, law.Leading.ExactExponent);
            foreach (double n in new[] { 10.0, 100, 1e4, 1e8 })
            {
                Assert.True(law.Evaluate(n) > 0, $"d = {d}, n = {n}: {law.Evaluate(n)}");
            }
        }
    }

    [Theory]
    [InlineData(1, 4.22784335098467139393e-1)]
    [InlineData(2, 2.29637154538521829976e-1)]
    [InlineData(5, 9.66797559977000981261e-2)]
    [InlineData(19, 2.60850130757085908682e-2)]
    [InlineData(20, 2.47917186881580574420e-2)]
    [InlineData(21, 2.36206021377736734243e-2)]
    [InlineData(100, 4.99166674999603216262e-3)]
    [InlineData(1000, 4.99916666674999996032e-4)]
    [InlineData(100000, 4.99999166666666675000e-6)]
    public void F_MatchesHarmonicNumberReference(int m, double expected)
    {
        // f(m) = ψ(m+1) − ln m = H_m − γ − ln m, by Python's decimal module at 50 digits (H_m summed exactly).
        Assert.Equal(expected, DataScaling.F(m), expected * 2e-13);
    }

    [Fact]
    public void NamesConstant_MatchesIndependentReference()
    {
        // c S(d) with S(1/2) from the independent Python reference of BlockSeries and c = Γ(2)/Γ(3/2) = 2/√π.
        ScalingLaw law = DataScaling.Law(Bio(new Rational(1, 2), Rational.One));
        Assert.Equal(2 / Math.Sqrt(Math.PI) * 0.84182919244, law.Terms.Single(t => t.Name == "names").Constant, 1e-9);
    }

    [Fact]
    public void DirichletNamesConstant_MatchesTheExactCurve()
    {
        // d = 0: names ≈ ((θ/2) ln n + B₀)/n; n·names − (θ/2) ln n → B₀ with an O(ln n / n) error.
        SyntaxKnowledgeModel model = Bio(Rational.Zero, new Rational(2));
        ScalingLaw law = DataScaling.Law(model);
        double b0 = law.Terms.Single(t => t.Name == "names").Constant;
        double[] gaps = [.. new[] { 250, 1_000, 4_000 }.Select(n => Math.Abs((n * DataScaling.Exact(model, n).Names) - Math.Log(n) - b0))];
        Assert.True(gaps[2] < gaps[1] && gaps[1] < gaps[0], string.Join(", ", gaps));
        Assert.True(gaps[2] < 0.02, string.Join(", ", gaps));
    }
}
