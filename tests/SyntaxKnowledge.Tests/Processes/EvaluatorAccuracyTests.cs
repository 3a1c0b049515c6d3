using System.Globalization;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Tests.Support;
using Xunit.Abstractions;

namespace SyntaxKnowledge.Tests.Processes;

/// <summary>
/// Accuracy of every double-precision Pitman–Yor evaluator up to n = 10¹⁵ against the independent 110-digit reference
/// (Reference/accuracy_reference.py): d ∈ {0, 1/7, 1/2, 9/10, 99/100, 999/1000}, θ ∈ {−d + 10⁻⁶, 0, 1, 10³, 10⁶},
/// n ∈ {1, 10, 10³, 10⁶, 10⁹, 10¹², 10¹⁵}. The bounds are the documented ones (docs/03-formulas/pitman-yor.md).
/// </summary>
public sealed class EvaluatorAccuracyTests(ITestOutputHelper output)
{
    private const double SmallestNormal = 2.2250738585072014e-308;

    // quantity → (documented relative bound, evaluator)
    private static readonly Dictionary<string, (double Bound, Func<PitmanYorParameters, double, double> Evaluate)> Evaluators = new()
    {
        ["new_probability"] = (1e-13, NewProbability.Approximate),
        ["expected_distinct"] = (1e-13, ExpectedDistinct.Approximate),
        ["uncovered_mass"] = (2e-13, UncoveredMass.Approximate),
        ["unacquired_mass_r3"] = (1e-13, (p, n) => AcquiredMass.UnacquiredApproximate(p, n, 3)),
        ["diversity_mean"] = (1e-13, (p, _) => DiversityMoments.Asymptotic(p, 1)),
        ["diversity_variance"] = (1e-12, (p, n) => DistinctVariance.Asymptotic(p, n)),
    };

    private static PitmanYorParameters P(IReadOnlyDictionary<string, string> row) => PitmanYorParameters.Create(row.R("discount"), row.R("concentration"));

    private static double N(IReadOnlyDictionary<string, string> row) => double.Parse(row["n"], CultureInfo.InvariantCulture);

    private static double Expected(IReadOnlyDictionary<string, string> row) => double.Parse(row["expected"], CultureInfo.InvariantCulture);

    private double CheckFile(string file, string quantity, double bound, Func<PitmanYorParameters, double, double> evaluate)
    {
        int count = 0;
        double worst = 0;
        string worstRow = string.Empty;
        var failures = new List<string>();
        foreach (var row in Golden.Read(file).Where(r => r["quantity"] == quantity))
        {
            count++;
            double expected = Expected(row), actual = evaluate(P(row), N(row));
            string where = $"d = {row["discount"]}, theta = {row["concentration"]}, n = {row["n"]}";
            if (Math.Abs(expected) < SmallestNormal)
            {
                // Underflow in the reference: the evaluator must not return anything of normal size.
                if (!(Math.Abs(actual) < 1e-290))
                {
                    failures.Add($"{where}: expected {expected:R} (underflow), got {actual:R}");
                }

                continue;
            }

            double error = Math.Abs((actual / expected) - 1);
            if (!(error <= bound))
            {
                failures.Add($"{where}: expected {expected:R}, got {actual:R}, relative error {error:G3}");
            }

            if (error > worst || double.IsNaN(error))
            {
                worst = error;
                worstRow = where;
            }
        }

        output.WriteLine($"{quantity}: {count} cases, max relative error {worst:G3} ({worstRow})");
        Assert.True(count >= 20, $"{quantity}: only {count} reference rows");
        Assert.True(failures.Count == 0, $"{quantity}: {failures.Count} of {count} beyond {bound:G2}:\n" + string.Join("\n", failures.Take(12)));
        return worst;
    }

    [Theory]
    [InlineData("new_probability")]
    [InlineData("expected_distinct")]
    [InlineData("uncovered_mass")]
    [InlineData("unacquired_mass_r3")]
    [InlineData("diversity_mean")]
    [InlineData("diversity_variance")]
    public void Approximate_MatchesIndependentReference_UpToTenToTheFifteen(string quantity)
    {
        (double bound, Func<PitmanYorParameters, double, double> evaluate) = Evaluators[quantity];
        CheckFile("accuracy_large_n.csv", quantity, bound, evaluate);
    }

    [Fact]
    public void DistinctVariance_DirichletForm_MatchesReference()
    {
        // For d = 0 the "asymptotic" variance is the exact form θ(ψ(θ+n) − ψ(θ)) − θ²(ψ′(θ) − ψ′(θ+n)).
        var rows = Golden.Read("accuracy_large_n.csv").Where(r => r["quantity"] == "distinct_variance" && r["discount"] == "0").ToList();
        Assert.True(rows.Count >= 20);
        double worst = 0;
        foreach (var row in rows)
        {
            double expected = Expected(row), actual = DistinctVariance.Asymptotic(P(row), N(row));
            bool zero = Math.Abs(expected) < 1e-100; // Var[K_1] = 0 (the reference carries 110-digit rounding)
            double error = zero ? Math.Abs(actual) : Math.Abs((actual / expected) - 1);
            worst = Math.Max(worst, zero ? 0 : error);
            Assert.True(zero ? Math.Abs(actual) < 1e-20 : error <= 1e-10, $"theta = {row["concentration"]}, n = {row["n"]}: {actual:R} vs {expected:R}");
        }

        output.WriteLine($"distinct_variance (d = 0): {rows.Count} cases, max relative error {worst:G3}");
    }

    [Fact]
    public void DistinctVariance_RegimeComparisonValue_IsAccurateWhereTheVarianceIsNotTiny()
    {
        var rows = Golden.Read("accuracy_large_n.csv").Where(r => r["quantity"] == "distinct_variance" && r["discount"] != "0").ToList();
        Assert.True(rows.Count >= 100);
        double worst = 0;
        int checkedRows = 0;
        foreach (var row in rows)
        {
            PitmanYorParameters p = P(row);
            double n = N(row), expected = Expected(row), actual = DistinctVariance.ApproximateForRegime(p, n);
            double scale = ExpectedDistinct.Approximate(p, n) + ((p.Concentration / p.Discount).ToDouble());
            if (expected < 1e-6 * scale)
            {
                continue;
            }

            checkedRows++;
            double error = Math.Abs((actual / expected) - 1);
            worst = Math.Max(worst, error);
            Assert.True(error <= 1e-6, $"d = {row["discount"]}, theta = {row["concentration"]}, n = {row["n"]}: {actual:R} vs {expected:R} ({error:G3})");
        }

        output.WriteLine($"distinct_variance regime comparison (d > 0, Var >= 1e-6 (E + alpha)): {checkedRows} cases, max relative error {worst:G3}");
        Assert.True(checkedRows >= 50);
    }

    [Fact]
    public void Entropy_MatchesIndependentReference_NearZero()
    {
        double worst = CheckFile("accuracy_entropy.csv", "entropy", 1e-13, (p, _) => ExpectedEntropy.Approximate(p));
        Assert.True(worst < 1e-13);
    }

    [Fact]
    public void AcquiredMass_Approximate_IsOneMinusUnacquired_AndMatchesExact()
    {
        var p = PitmanYorParameters.Create(new Rational(1, 3), new Rational(5, 2));
        foreach (int n in new[] { 0, 1, 2, 7, 30, 200 })
        {
            foreach (int r in new[] { 0, 1, 2, 3, 10 })
            {
                double exact = AcquiredMass.Exact(p, n, r).ToDouble();
                Assert.True(Math.Abs(AcquiredMass.Approximate(p, n, r) - exact) <= 1e-15, $"n = {n}, r = {r}");
            }
        }
    }

    [Theory]
    [InlineData("0", "1")]
    [InlineData("1/2", "1")]
    [InlineData("999/1000", "1000000")]
    [InlineData("1/7", "-1/7")]
    public void Evaluators_AtDoubleMaxValue_AreFiniteAndInRange(string discount, string concentration)
    {
        Rational d = Rational.Parse(discount, CultureInfo.InvariantCulture), theta = Rational.Parse(concentration, CultureInfo.InvariantCulture);
        var p = PitmanYorParameters.Create(d, theta == -d ? theta + new Rational(1, 1_000_000) : theta);
        double n = double.MaxValue;
        double pNew = NewProbability.Approximate(p, n), distinct = ExpectedDistinct.Approximate(p, n), uncovered = UncoveredMass.Approximate(p, n);
        double acquired = AcquiredMass.Approximate(p, n, 3), singletons = ExpectedBlocks.SingletonsApproximate(p, n);
        Assert.InRange(pNew, 0, 1);
        Assert.InRange(uncovered, 0, 1);
        Assert.InRange(acquired, 0, 1);
        Assert.InRange(distinct, 1, n);
        Assert.False(double.IsNaN(singletons));
        Assert.False(double.IsNaN(ExpectedEntropy.Approximate(p)));
        Assert.False(double.IsNaN(DistinctVariance.Asymptotic(p, 1e15)));
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    public void Evaluators_RejectNonFiniteCounts_NamingTheParameter(double n)
    {
        var p = PitmanYorParameters.Create(new Rational(1, 2), 1);
        Assert.Equal("draws", Assert.Throws<ArgumentOutOfRangeException>(() => NewProbability.Approximate(p, n)).ParamName);
        Assert.Equal("draws", Assert.Throws<ArgumentOutOfRangeException>(() => ExpectedDistinct.Approximate(p, n)).ParamName);
        Assert.Equal("stored", Assert.Throws<ArgumentOutOfRangeException>(() => UncoveredMass.Approximate(p, n)).ParamName);
        Assert.Equal("draws", Assert.Throws<ArgumentOutOfRangeException>(() => AcquiredMass.Approximate(p, n, 2)).ParamName);
    }
}
