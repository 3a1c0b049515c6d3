using System.Globalization;
using System.Text;
using SyntaxKnowledge.Simulation;
using SyntaxKnowledge.Theorems;
using Xunit;

namespace SyntaxKnowledge.Testing;

/// <summary>
/// xUnit assertions that a theorem of the catalog verifies: every exact check holds, every Monte Carlo
/// estimate lies within <see cref="TheoremCheck.Tolerance"/> standard errors of its closed form, and every
/// asymptotic ratio tends to one at its stated rate.
/// </summary>
/// <remarks>
/// <para>The replicate count is the theorem's <see cref="Theorem.DefaultReplicates"/> (chosen so the whole
/// catalog verifies in about a minute on two cores) unless given, multiplied by the integer in the
/// environment variable <see cref="ScaleVariable"/> when it is set (e.g. 10 for a nightly run).</para>
/// <para>The seed is fixed by default, so a test is deterministic; with the tolerance of 5 standard errors a correct
/// closed form fails a statistical check with probability about 6·10⁻⁷ per check and seed (about 10⁻⁴ for the ~200
/// statistical checks of the whole catalog).</para>
/// </remarks>
public static class TheoremAssert
{
    /// <summary>The environment variable whose positive integer value multiplies the replicate count.</summary>
    public const string ScaleVariable = "SKM_TEST_SCALE";

    /// <summary>The default seed, the one <see cref="Theorem.Verify"/> uses.</summary>
    public const ulong DefaultSeed = 20250413UL;

    /// <summary>Asserts that the catalog theorem with the given identifier verifies at its default replicate count and
    /// seed, on the managed backend.</summary>
    /// <param name="id">The theorem identifier, e.g. "py.expected-distinct". Range: an identifier of <see cref="TheoremCatalog.All"/>.</param>
    /// <returns>The report, for further assertions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">No theorem has this identifier.</exception>
    /// <exception cref="Xunit.Sdk.XunitException">A check failed; the message lists every check.</exception>
    public static TheoremReport Verifies(string id) => Verifies(id, null, DefaultSeed, null);

    /// <summary>Asserts that the catalog theorem with the given identifier verifies.</summary>
    /// <param name="id">The theorem identifier, e.g. "py.expected-distinct". Range: an identifier of <see cref="TheoremCatalog.All"/>.</param>
    /// <param name="replicates">The replicate count, or <see langword="null"/> for the theorem's default. Range: ≥ 2.</param>
    /// <param name="seed">The seed (<see cref="DefaultSeed"/> is what the shorter overloads use).</param>
    /// <param name="backend">The simulation backend, or <see langword="null"/> for <see cref="ManagedBackend.Instance"/>.</param>
    /// <returns>The report, for further assertions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">No theorem has this identifier.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="replicates"/> is less than 2.</exception>
    /// <exception cref="Xunit.Sdk.XunitException">A check failed; the message lists every check.</exception>
    public static TheoremReport Verifies(string id, int? replicates, ulong seed, ISimulationBackend? backend)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!TheoremCatalog.TryFind(id, out Theorem? theorem))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"No theorem has the id '{id}'; valid ids: {string.Join(", ", TheoremCatalog.All.Select(t => t.Id))}."),
                nameof(id));
        }

        return Verifies(theorem, replicates, seed, backend);
    }

    /// <summary>Asserts that a theorem verifies at its default replicate count and seed, on the managed backend
    /// (a catalog entry, or one of your own built with <see cref="Theorem.Create"/>).</summary>
    /// <param name="theorem">The theorem.</param>
    /// <returns>The report, for further assertions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="theorem"/> is <see langword="null"/>.</exception>
    /// <exception cref="Xunit.Sdk.XunitException">A check failed, or the theorem returned no checks; the message lists every check.</exception>
    public static TheoremReport Verifies(Theorem theorem) => Verifies(theorem, null, DefaultSeed, null);

    /// <summary>Asserts that a theorem verifies (a catalog entry, or one of your own built with <see cref="Theorem.Create"/>).</summary>
    /// <param name="theorem">The theorem.</param>
    /// <param name="replicates">The replicate count, or <see langword="null"/> for the theorem's default. Range: ≥ 2.</param>
    /// <param name="seed">The seed (<see cref="DefaultSeed"/> is what the shorter overloads use).</param>
    /// <param name="backend">The simulation backend, or <see langword="null"/> for <see cref="ManagedBackend.Instance"/>.</param>
    /// <returns>The report, for further assertions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="theorem"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="replicates"/> is less than 2.</exception>
    /// <exception cref="Xunit.Sdk.XunitException">A check failed, or the theorem returned no checks; the message lists every check.</exception>
    /// <remarks>There are no optional parameters (a new parameter will come as a new overload, which keeps callers
    /// compiled against this version working).</remarks>
    public static TheoremReport Verifies(Theorem theorem, int? replicates, ulong seed, ISimulationBackend? backend)
    {
        ArgumentNullException.ThrowIfNull(theorem);
        if (replicates is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(replicates), replicates, "replicates must be at least 2.");
        }

        int r = checked((replicates ?? theorem.DefaultReplicates) * Scale());
        TheoremReport report = theorem.Verify(backend ?? ManagedBackend.Instance, r, seed);
        if (report.Checks.IsEmpty)
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"Theorem {theorem.Id} returned no checks."));
        }

        if (!report.Passed)
        {
            Assert.Fail(Describe(report));
        }

        return report;
    }

    /// <summary>Formats a report as the failure message of <see cref="Verifies(Theorem, int?, ulong, ISimulationBackend?)"/>: a header and one line per check.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is <see langword="null"/>.</exception>
    public static string Describe(TheoremReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Theorem {report.Id} {(report.Passed ? "verifies" : "FAILS")} (backend {report.Backend}, replicates {report.Replicates}, seed {report.Seed}): {report.Why}");
        foreach (TheoremCheck check in report.Checks)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  [{(check.Passed ? "pass" : "FAIL")}] {check.Kind} {check.Name}: expected {check.Expected}, observed {check.Observed}; {check.Detail}");
        }

        return text.ToString();
    }

    private static int Scale()
    {
        string? text = Environment.GetEnvironmentVariable(ScaleVariable);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int factor) && factor >= 1 ? factor : 1;
    }
}
