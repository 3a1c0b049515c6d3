using SyntaxKnowledge.Simulation;
using SyntaxKnowledge.Theorems;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Theorems;

/// <summary>Every catalog entry verifies (exact, statistical and asymptotic checks) at its default replicate count
/// times SKM_TEST_SCALE, on the managed backend.</summary>
public sealed class CatalogTests
{
    public static TheoryData<string> Ids => [.. TheoremCatalog.All.Select(t => t.Id)];

    [Theory]
    [Trait("Category", "Statistical")]
    [MemberData(nameof(Ids))]
    public void Theorem_Verifies(string id)
    {
        Assert.True(TheoremCatalog.TryFind(id, out Theorem? theorem));
        TheoremReport report = theorem.Verify(ManagedBackend.Instance, TestScale.Replicates(theorem.DefaultReplicates), seed: 20250413UL);
        Assert.NotEmpty(report.Checks);
        Assert.True(report.Passed, $"{id}: {report.Why}");
    }

    [Fact]
    public void Catalog_IsWellFormed()
    {
        Assert.True(TheoremCatalog.All.Length >= 18, $"{TheoremCatalog.All.Length} entries");
        Assert.Equal(TheoremCatalog.All.Length, TheoremCatalog.All.Select(t => t.Id).Distinct().Count());
        Assert.All(TheoremCatalog.All, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Statement));
            Assert.False(string.IsNullOrWhiteSpace(t.ClosedForm));
            Assert.Matches("^[0-9]+(\\.[0-9]+)?$", t.Section);
        });
        Assert.False(TheoremCatalog.TryFind("no.such.theorem", out _));
    }

    [Fact]
    public void Verify_SameSeed_SameReport()
    {
        Assert.True(TheoremCatalog.TryFind("py.expected-distinct", out Theorem? theorem));
        TheoremReport a = theorem.Verify(new ManagedBackend(1), 500, seed: 5), b = theorem.Verify(new ManagedBackend(2), 500, seed: 5);
        Assert.Equal(a.Checks.Select(c => c.Observed), b.Checks.Select(c => c.Observed));
    }

    [Fact]
    public void Verify_RejectsTooFewReplicates()
    {
        Theorem theorem = TheoremCatalog.All[0];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => theorem.Verify(ManagedBackend.Instance, 1));
        Assert.Equal("replicates", e.ParamName);
    }
}
