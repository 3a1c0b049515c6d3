using System.Globalization;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Gpu.Tests;

/// <summary>
/// The backend conformance checks, shared by the CPU suites (exact: bit-identical to the managed backend)
/// and the GPU suite (statistical, with exact mismatches reported rather than asserted).
/// </summary>
internal static class ConformanceChecks
{
    public static readonly PitmanYorParameters[] Parameters =
    [
        PitmanYorParameters.Create(new Rational(1, 2), 1),
        PitmanYorParameters.Create(0, 2),
        PitmanYorParameters.Create(new Rational(3, 4), new Rational(-1, 2)),
        PitmanYorParameters.Create(new Rational(1, 3), new Rational(1, 7)),
    ];

    private static readonly ManagedBackend Reference = new(threads: 2);

    /// <summary>Compares every statistic with the managed backend; returns a report of the mismatches.</summary>
    public static IReadOnlyList<string> CompareWithManaged(ISimulationBackend backend)
    {
        var mismatches = new List<string>();
        foreach (PitmanYorParameters p in Parameters)
        {
            foreach (int n in new[] { 1, 2, 17, 1_000 })
            {
                int[] expected = [.. Reference.SimulateDistinct(p, n, 150, 4242).Distinct];
                int[] actual = [.. backend.SimulateDistinct(p, n, 150, 4242).Distinct];
                Collect(mismatches, $"K_n, p = {p.Discount}/{p.Concentration}, n = {n}", expected, actual);
            }

            foreach (int n in new[] { 1, 3, 400 })
            {
                string[] expected = [.. Reference.SimulateSeating(p, n, 60, 4343).Partitions.Select(Describe)];
                string[] actual = [.. backend.SimulateSeating(p, n, 60, 4343).Partitions.Select(Describe)];
                Collect(mismatches, $"partition, p = {p.Discount}/{p.Concentration}, n = {n}", expected, actual);
            }

            foreach (int stored in new[] { 0, 1, 30 })
            {
                double[] expected = [.. Reference.SimulateUncoveredMass(p, stored, 60, 4444).Uncovered];
                double[] actual = [.. backend.SimulateUncoveredMass(p, stored, 60, 4444).Uncovered];
                Collect(mismatches, $"T(C) replicate, p = {p.Discount}/{p.Concentration}, C = {stored}", expected, actual);
            }

            RankedUncoveredMassSample rankedExpected = Reference.SimulateRankedUncoveredMass(p, 3, 40, 60, 4545);
            RankedUncoveredMassSample rankedActual = backend.SimulateRankedUncoveredMass(p, 3, 40, 60, 4545);
            Collect(mismatches, $"ranked mass, p = {p.Discount}/{p.Concentration}", [.. rankedExpected.Uncovered], [.. rankedActual.Uncovered]);
            Collect(mismatches, $"ranked residual, p = {p.Discount}/{p.Concentration}", [.. rankedExpected.Residual], [.. rankedActual.Residual]);
        }

        return mismatches;
    }

    /// <summary>Checks Monte Carlo estimates against the exact expectations, within 4 standard errors.</summary>
    public static void MatchExactExpectations(ISimulationBackend backend)
    {
        PitmanYorParameters p = Parameters[0];
        double d = p.DiscountValue, theta = p.ConcentrationValue;

        DistinctSample chain = backend.SimulateDistinct(p, 300, 4_000, 11);
        Within(chain.Summary, ExpectedDistinct.Exact(p, 300), "E[K_300]");
        Within(chain.NewProbability, NewProbability.Exact(p, 300), "P(new | 300 draws)");

        const int n = 200;
        SeatingSample seating = backend.SimulateSeating(p, n, 3_000, 12);
        Within(seating.Distinct, ExpectedDistinct.Exact(p, n), "E[K_n] (seating)");
        Within(seating.Singletons, ExpectedBlocks.SingletonsExact(p, n), "E[K_n,1]");
        Within(seating.Blocks(2), ExpectedBlocks.Exact(p, n, 2), "E[K_n,2]");
        foreach (int exposures in new[] { 1, 3 })
        {
            MonteCarloEstimate acquired = seating.Estimate(h => h.Sum(size => size >= exposures ? size - d : 0) / (theta + n));
            Within(acquired, AcquiredMass.Exact(p, n, exposures), $"acquired mass, r = {exposures}");
        }

        Within(backend.SimulateUncoveredMass(p, 8, 4_000, 13).Summary, UncoveredMass.Exact(p, 8), "T(8)");

        // PD(0, 1): E[largest weight] is the Golomb-Dickman constant; the truncation bias T(60) is below 1e-17.
        RankedUncoveredMassSample ranked = backend.SimulateRankedUncoveredMass(PitmanYorParameters.Create(0, 1), 1, 60, 4_000, 14);
        Within(ranked.Summary, 1 - 0.62432998854355087, "1 - E[largest weight] (Golomb-Dickman)");
    }

    public static string Describe(BlockHistogram histogram) =>
        string.Join(",", histogram.Sizes.Zip(histogram.Multiplicities, (s, m) => string.Create(CultureInfo.InvariantCulture, $"{s}x{m}")));

    private static void Within(MonteCarloEstimate estimate, Rational exact, string what) => Within(estimate, exact.ToDouble(), what);

    private static void Within(MonteCarloEstimate estimate, double exact, string what) =>
        Assert.True(estimate.IsConsistentWith(exact), $"{what}: simulated {estimate}, exact {exact:G10}, z = {estimate.ZScore(exact):F2}");

    private static void Collect<T>(List<string> mismatches, string what, T[] expected, T[] actual)
    {
        if (expected.Length != actual.Length)
        {
            mismatches.Add($"{what}: {actual.Length} replicates instead of {expected.Length}");
            return;
        }

        int count = 0, first = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(expected[i], actual[i]))
            {
                count++;
                first = first < 0 ? i : first;
            }
        }

        if (count > 0)
        {
            mismatches.Add($"{what}: {count} of {expected.Length} replicates differ (first: replicate {first}, managed {expected[first]}, backend {actual[first]})");
        }
    }
}
