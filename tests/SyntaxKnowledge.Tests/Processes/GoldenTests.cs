using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Processes;

/// <summary>Layer 2: exact values compared with == against the independent stdlib-Python reference (Reference/reference.py).</summary>
public sealed class GoldenTests
{
    private static PitmanYorParameters P(IReadOnlyDictionary<string, string> row) => PitmanYorParameters.Create(row.R("discount"), row.R("concentration"));

    private static void AssertRows(string file, Func<IReadOnlyDictionary<string, string>, Rational> compute)
    {
        int count = 0;
        foreach (var row in Golden.Read(file))
        {
            Rational expected = row.R("expected"), actual = compute(row);
            Assert.True(expected == actual, $"{file}: {string.Join(", ", row.Select(kv => kv.Key + "=" + kv.Value))}: got {actual}");
            count++;
        }

        Assert.True(count > 10, $"{file} has only {count} rows");
    }

    [Fact]
    public void ExpectedDistinct_MatchesReference() => AssertRows("expected_distinct.csv", r => ExpectedDistinct.Exact(P(r), r.I("n")));

    [Fact]
    public void DistinctVariance_MatchesReference() => AssertRows("distinct_variance.csv", r => DistinctVariance.Exact(P(r), r.I("n")));

    [Fact]
    public void DistinctDistribution_MatchesReference() => AssertRows("distinct_distribution.csv", r => DistinctDistribution.Exact(P(r), r.I("n"))[r.I("k") - 1]);

    [Fact]
    public void NewProbability_MatchesReference() => AssertRows("new_probability.csv", r => NewProbability.Exact(P(r), r.I("n")));

    [Fact]
    public void ExpectedBlocks_MatchesReference() => AssertRows("expected_blocks.csv", r => ExpectedBlocks.Exact(P(r), r.I("n"), r.I("m")));

    [Fact]
    public void Eppf_MatchesReference() => AssertRows("eppf.csv", r => Eppf.Exact(P(r), r.Ints("counts")));

    [Fact]
    public void UncoveredMass_MatchesReference() => AssertRows("uncovered_mass.csv", r => UncoveredMass.Exact(P(r), r.I("stored")));

    [Fact]
    public void UnrevealedMass_MatchesReference() => AssertRows("complement_power.csv", r => UnrevealedMass.Exact(P(r), r.R("rho"), r.I("n")));

    [Fact]
    public void AcquiredMass_MatchesReference() => AssertRows("acquired_mass.csv", r => AcquiredMass.Exact(P(r), r.I("n"), r.I("exposures")));

    [Fact]
    public void DirichletSequence_MatchesReference() =>
        AssertRows("dirichlet_sequence.csv", r => DirichletCategorical.SequenceProbability(SymmetricDirichlet.Create(r.I("categories"), r.R("concentration")), r.Ints("counts")));

    [Fact]
    public void DirichletRedundancy_MatchesReference()
    {
        foreach (var row in Golden.Read("dirichlet_redundancy.csv"))
        {
            var prior = SymmetricDirichlet.Create(row.I("categories"), row.R("concentration"));
            double expected = row.D("expected"), actual = BayesRedundancy.Enumerated(prior, row.I("n"));

            // Stated accuracy of the enumeration: 1e-13 absolute (tested here).
            Assert.True(Math.Abs(expected - actual) <= 1e-13, $"m = {row["categories"]}, a = {row["concentration"]}, n = {row["n"]}: {actual:R} vs {expected:R}");
        }
    }

    [Fact]
    public void ExpectedEntropy_MatchesReference()
    {
        foreach (var row in Golden.Read("expected_entropy.csv"))
        {
            double expected = row.D("expected"), actual = ExpectedEntropy.Approximate(P(row));
            Assert.True(Math.Abs(expected - actual) <= 1e-13 * Math.Max(1, Math.Abs(expected)), $"{row["discount"]}, {row["concentration"]}: {actual:R} vs {expected:R}");
        }
    }
}
