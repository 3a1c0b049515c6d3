using SyntaxKnowledge.Simulation;
using SyntaxKnowledge.Theorems;
using Xunit.Sdk;

namespace SyntaxKnowledge.Testing.Tests;

/// <summary>The catalog as theory data, and TheoremAssert's pass, fail and bad-input paths.</summary>
public sealed class CatalogTests
{
    [Fact]
    public void CatalogTheoryData_HoldsEveryIdOnceInCatalogOrder()
    {
        string[] ids = [.. new CatalogTheoryData().Cast<object[]>().Select(row => (string)row[0])];
        Assert.Equal(TheoremCatalog.All.Select(t => t.Id), ids);
    }

    [Fact]
    public void Filter_KeepsOnlyMatchingTheorems()
    {
        string[] ids = [.. CatalogTheoryData.Filter(t => t.Id.StartsWith("py.", StringComparison.Ordinal)).Cast<object[]>().Select(row => (string)row[0])];
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.StartsWith("py.", id, StringComparison.Ordinal));
        Assert.Empty(CatalogTheoryData.Filter(_ => false));
    }

    [Theory]
    [Trait("Category", "Statistical")]
    [InlineData("py.seating")]
    [InlineData("py.new-probability")]
    public void Verifies_CatalogEntry_PassesAndReturnsTheReport(string id)
    {
        TheoremReport report = TheoremAssert.Verifies(id, 200, TheoremAssert.DefaultSeed, null);
        Assert.True(report.Passed);
        Assert.Equal(id, report.Id);
        Assert.Equal(ManagedBackend.Instance.Name, report.Backend);
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void Verifies_TheoremWithExplicitArguments_UsesThem()
    {
        Assert.True(TheoremCatalog.TryFind("py.seating", out Theorem? theorem));
        TheoremReport report = TheoremAssert.Verifies(theorem, 50, 7, new ManagedBackend(1));
        Assert.Equal(0, report.Replicates % 50); // 50 times SKM_TEST_SCALE
        Assert.Equal(7UL, report.Seed);
        Assert.Equal(new ManagedBackend(1).Name, report.Backend);
    }

    [Fact]
    public void Verifies_FailingTheorem_ThrowsWithEveryCheckInTheMessage()
    {
        Theorem broken = Theorem.Create("test.broken", "0", "A false identity", "1 = 2", "1 = 2", 2, _ =>
        [
            TheoremCheck.ExactCheck("one equals one", "1", "1", passed: true),
            TheoremCheck.ExactCheck("one equals two", "2", "1", passed: false),
        ]);
        var e = Assert.ThrowsAny<XunitException>(() => TheoremAssert.Verifies(broken));
        Assert.Contains("test.broken FAILS", e.Message, StringComparison.Ordinal);
        Assert.Contains("[pass] Exact one equals one", e.Message, StringComparison.Ordinal);
        Assert.Contains("[FAIL] Exact one equals two", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verifies_TheoremWithoutChecks_Fails()
    {
        Theorem empty = Theorem.Create("test.empty", "0", "Nothing", "nothing", "none", 2, _ => []);
        Assert.ThrowsAny<XunitException>(() => TheoremAssert.Verifies(empty));
    }

    [Fact]
    public void Verifies_UnknownId_ThrowsArgumentExceptionListingValidIds()
    {
        var e = Assert.Throws<ArgumentException>(() => TheoremAssert.Verifies("no.such.theorem"));
        Assert.Equal("id", e.ParamName);
        Assert.Contains("py.seating", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verifies_TooFewReplicates_ThrowsWithTheParameterName()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TheoremAssert.Verifies("py.seating", 1, TheoremAssert.DefaultSeed, null));
        Assert.Equal("replicates", e.ParamName);
    }
}
