using SyntaxKnowledge.Simulation;
using SyntaxKnowledge.Theorems;

namespace SyntaxKnowledge.Tests.Theorems;

/// <summary>The statistical checks of the catalog: no spurious failures at small R, exact tests for rare events, finite z.</summary>
public sealed class StatisticalCheckTests
{
    // The theorems whose checks failed spuriously at R = 100 or 200 (sample SE 0, skewed replicates, rare events).
    public static TheoryData<string> FormerlyFlaky() =>
    [
        "py.seating", "py.eppf", "py.expected-distinct", "py.distinct-variance", "py.distinct-law", "py.block-counts",
        "py.uncovered-mass", "peers.santa-fe", "peers.quantization", "finetune.linear", "capacity.first-appearance",
        "acquisition.order", "acquisition.threshold",
    ];

    [Theory]
    [MemberData(nameof(FormerlyFlaky))]
    public void Verify_TwentySeedsAtR100And200_PassesWithFiniteZ(string id)
    {
        Assert.True(TheoremCatalog.TryFind(id, out Theorem? theorem));
        var failures = new List<string>();
        int statistical = 0;
        foreach (int replicates in new[] { 100, 200 })
        {
            for (ulong seed = 1; seed <= 20; seed++)
            {
                TheoremReport report = theorem.Verify(ManagedBackend.Instance, replicates, seed);
                foreach (TheoremCheck check in report.Checks.Where(c => c.Kind == CheckKind.Statistical))
                {
                    statistical++;
                    if (!check.Passed || !double.IsFinite(check.ZScore))
                    {
                        failures.Add($"R = {replicates}, seed {seed}: {check.Name}: z = {check.ZScore} ({check.Detail})");
                    }
                }
            }
        }

        Assert.True(statistical >= 40, $"only {statistical} statistical checks ran");
        Assert.Equal(string.Empty, string.Join("\n", failures));
    }

    [Fact]
    public void BinomialCheck_RareEventNeverSeen_PassesWithTheExactTail()
    {
        // 0 of 200 at p = 0.006731136129: P(X <= 0) = (1 - p)^200 = 0.259038525804634 (Python), deviate Phi^-1(0.259) = -0.646.
        TheoremCheck check = TheoremCheck.BinomialCheck("rare", 0.006731136129, MonteCarlo.Summarize(new double[200]));
        Assert.True(check.Passed, check.Detail);
        Assert.InRange(check.ZScore, -0.6466, -0.6456);
        Assert.Contains("P(<=) = 0.259", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void BinomialCheck_FarTooManySuccesses_FailsWithAFiniteZ()
    {
        double[] indicators = [.. Enumerable.Range(0, 100).Select(i => i < 50 ? 1.0 : 0.0)];
        TheoremCheck check = TheoremCheck.BinomialCheck("rare", 0.01, MonteCarlo.Summarize(indicators));
        Assert.False(check.Passed);
        Assert.True(double.IsFinite(check.ZScore) && check.ZScore > 10, check.Detail);
    }

    [Fact]
    public void PoissonCheck_NoEventsAtMean0Point43_Passes()
    {
        // Poisson(100 x 0.004345338557): P(S = 0) = exp(-0.4345338557) = 0.6475664561463468 (Python).
        TheoremCheck check = TheoremCheck.PoissonCheck("tied", 0.004345338557, MonteCarlo.Summarize(new double[100]));
        Assert.True(check.Passed, check.Detail);
        Assert.Equal(0, check.ZScore); // both tails exceed 1/2 (P(S <= 0) = 0.65, P(S >= 0) = 1): deviate 0
        Assert.Contains("P(<=) = 0.648", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void StatisticalCheck_ZeroSpreadAndWrongMean_FailsWithAFiniteZ()
    {
        TheoremCheck check = TheoremCheck.StatisticalCheck("constant", 0.5, MonteCarlo.Summarize(new double[100]));
        Assert.False(check.Passed);
        Assert.True(double.IsFinite(check.ZScore), check.Detail);
    }

    [Fact]
    public void StatisticalCheck_TheoryVarianceFloor_UsesTheLargerStandardError()
    {
        // 100 values, mean 0.1 with sample SE 0 would fail against 0.2; the theory's variance 1 gives SE 0.1: z = -1.
        double[] values = [.. Enumerable.Repeat(0.1, 100)];
        TheoremCheck check = TheoremCheck.StatisticalCheck("floor", 0.2, 1.0, MonteCarlo.Summarize(values));
        Assert.True(check.Passed, check.Detail);
        Assert.InRange(check.ZScore, -1.0001, -0.9999);
    }
}
