using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Tests.Processes;

/// <summary>Layer (d) of docs/01-concepts/exactness.md#monte-carlo-that-reproduces: asymptotic forms whose ratio to the exact value tends to one.</summary>
public sealed class AsymptoticTests
{
    public static TheoryData<int, int, int, int> Parameters => new()
    {
        { 1, 2, 1, 1 },
        { 1, 3, 5, 2 },
        { 3, 4, -1, 2 },
        { 9, 10, 1, 1 },
        { 1, 10, 2, 1 },
    };

    private static PitmanYorParameters P(int dn, int dd, int tn, int td) => PitmanYorParameters.Create(new Rational(dn, dd), new Rational(tn, td));

    // |ratio − 1| must shrink along the grid, at least at the rate the error term of the expansion states:
    // e_last <= 2 · e_first · rate(n_last)/rate(n_first). Errors below double rounding count as zero.
    private static void AssertConverges(Func<int, double> exact, Func<int, double> asymptotic, int[] grid, Func<double, double> rate)
    {
        double[] errors = grid.Select(n => Math.Abs((asymptotic(n) / exact(n)) - 1)).ToArray();
        if (errors.All(e => e < 1e-12))
        {
            return;
        }

        for (int i = 1; i < errors.Length; i++)
        {
            Assert.True(errors[i] < errors[i - 1], $"|ratio - 1| did not shrink: n = {grid[i]}: {errors[i]:G4} vs {errors[i - 1]:G4}");
        }

        double allowed = 2 * errors[0] * rate(grid[^1]) / rate(grid[0]);
        Assert.True(errors[^1] <= allowed, $"|ratio - 1| = {errors[^1]:G4} at n = {grid[^1]} exceeds the rate bound {allowed:G4}");
    }

    private static double InverseN(double n) => 1 / n;

    [Theory]
    [MemberData(nameof(Parameters))]
    public void ExpectedDistinct_AsymptoticRatio_TendsToOne(int dn, int dd, int tn, int td)
    {
        PitmanYorParameters p = P(dn, dd, tn, td);
        double d = p.DiscountValue;

        // Relative error is O(n^-d) (the -θ/d term) for d > 0 and O(1/log n) for d = 0.
        AssertConverges(n => ExpectedDistinct.Exact(p, n).ToDouble(), n => ExpectedDistinct.Asymptotic(p, n), [100, 1_000, 10_000], n => d > 0 ? Math.Pow(n, -d) : 1 / Math.Log(n));
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void NewProbability_AndSingletons_AsymptoticRatio_TendsToOne(int dn, int dd, int tn, int td)
    {
        PitmanYorParameters p = P(dn, dd, tn, td);
        AssertConverges(n => NewProbability.Exact(p, n).ToDouble(), n => NewProbability.Asymptotic(p, n), [100, 1_000, 10_000], InverseN);
        AssertConverges(n => ExpectedBlocks.SingletonsExact(p, n).ToDouble(), n => ExpectedBlocks.Asymptotic(p, n, 1), [100, 1_000, 10_000], InverseN);
        AssertConverges(n => ExpectedBlocks.Exact(p, n, 3).ToDouble(), n => ExpectedBlocks.Asymptotic(p, n, 3), [100, 1_000, 10_000], InverseN);
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void UncoveredMass_AsymptoticRatio_TendsToOne(int dn, int dd, int tn, int td)
    {
        PitmanYorParameters p = P(dn, dd, tn, td);
        AssertConverges(c => UncoveredMass.Exact(p, c).ToDouble(), c => UncoveredMass.Asymptotic(p, c), [100, 1_000, 10_000], InverseN);
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void UnrevealedAndAcquiredMass_AsymptoticRatio_TendsToOne(int dn, int dd, int tn, int td)
    {
        PitmanYorParameters p = P(dn, dd, tn, td);
        var rho = new Rational(1, 5);
        AssertConverges(n => UnrevealedMass.Exact(p, rho, n).ToDouble(), n => UnrevealedMass.Asymptotic(p, 0.2, n), [100, 1_000, 4_000], InverseN);
        AssertConverges(n => (Rational.One - AcquiredMass.Exact(p, n, 3)).ToDouble(), n => AcquiredMass.UnacquiredAsymptotic(p, n, 3), [100, 1_000, 10_000], InverseN);
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void DistinctVariance_AsymptoticRatio_TendsToOne(int dn, int dd, int tn, int td)
    {
        PitmanYorParameters p = P(dn, dd, tn, td);
        if (p.DiscountValue < 0.3)
        {
            return; // for small d the O(n^-d) correction needs n far beyond exact arithmetic
        }

        AssertConverges(n => DistinctVariance.Exact(p, n).ToDouble(), n => DistinctVariance.Asymptotic(p, n), [100, 1_000, 10_000], n => Math.Pow(n, -p.DiscountValue));
    }

    [Fact]
    public void Approximate_AgreesWithExact()
    {
        foreach ((int dn, int dd, int tn, int td) in new[] { (1, 2, 1, 1), (0, 1, 3, 1), (3, 4, -1, 2) })
        {
            PitmanYorParameters p = P(dn, dd, tn, td);
            foreach (int n in new[] { 1, 10, 1_000, 5_000 })
            {
                double exact = ExpectedDistinct.Exact(p, n).ToDouble();
                Assert.Equal(1.0, ExpectedDistinct.Approximate(p, n) / exact, 1e-11);
                Assert.Equal(1.0, NewProbability.Approximate(p, n) / NewProbability.Exact(p, n).ToDouble(), 1e-11);
                double uncovered = UncoveredMass.Exact(p, n).ToDouble();
                if (uncovered > 1e-300)
                {
                    Assert.Equal(1.0, UncoveredMass.Approximate(p, n) / uncovered, 1e-10);
                }
            }
        }
    }

    [Theory]
    [InlineData(2, 1, 2)]
    [InlineData(3, 1, 2)]
    [InlineData(2, 2, 1)]
    public void Redundancy_ClarkeBarron_GapTendsToZero(int m, int an, int ad)
    {
        // The prior mass within 1/n of the simplex boundary is O(n^-a), which sets the rate for a < 1.
        var prior = SymmetricDirichlet.Create(m, new Rational(an, ad));
        double a = (double)an / ad;
        int[] grid = [10, 40, 160];
        double[] gaps = grid.Select(n => Math.Abs(BayesRedundancy.Enumerated(prior, n) - BayesRedundancy.Asymptotic(prior, n))).ToArray();
        Assert.True(gaps[1] < gaps[0] && gaps[2] < gaps[1], $"gaps {string.Join(", ", gaps)}");
        Assert.True(gaps[2] <= 2 * gaps[0] * Math.Pow(grid[0] / (double)grid[2], Math.Min(a, 1)), $"gaps {string.Join(", ", gaps)}");
    }
}
