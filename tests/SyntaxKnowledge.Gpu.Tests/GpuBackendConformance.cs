using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using Xunit.Abstractions;

namespace SyntaxKnowledge.Gpu.Tests;

/// <summary>Whether a CUDA or OpenCL GPU exists here (probed once per test run).</summary>
internal static class GpuAvailability
{
    private static readonly Lazy<string?> Reason = new(() =>
    {
        if (!IlgpuBackend.TryCreateGpu(out IlgpuBackend? gpu))
        {
            return "No CUDA or OpenCL GPU on this machine (IlgpuBackend.TryCreateGpu returned false); run samples/GpuCheck on a GPU machine.";
        }

        gpu.Dispose();
        return null;
    });

    /// <summary>Gets why GPU tests cannot run, or <see langword="null"/> when a GPU exists.</summary>
    public static string? SkipReason => Reason.Value;
}

/// <summary>A fact that is skipped, with the reason, when no GPU exists (xunit 2 has no dynamic skip).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GpuFactAttribute : FactAttribute
{
    public GpuFactAttribute()
    {
        if (GpuAvailability.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>The GPU backend lives for the whole class; null when no GPU exists (then every fact is skipped).</summary>
public sealed class GpuFixture : IDisposable
{
    public GpuFixture()
    {
        if (GpuAvailability.SkipReason is null && IlgpuBackend.TryCreateGpu(out IlgpuBackend? gpu))
        {
            Backend = gpu;
        }
    }

    public IlgpuBackend? Backend { get; }

    public void Dispose() => Backend?.Dispose();
}

/// <summary>
/// The conformance suite on a real GPU: the statistical checks must pass; exact mismatches against the
/// managed backend (FMA contraction, device math libraries) are reported in the test output, not asserted.
/// </summary>
public sealed class GpuBackendConformance(GpuFixture fixture, ITestOutputHelper output) : IClassFixture<GpuFixture>
{
    private IlgpuBackend Gpu => fixture.Backend ?? throw new InvalidOperationException(GpuAvailability.SkipReason);

    [GpuFact]
    public void AllStatistics_SameSeed_ReportMismatchesAgainstManaged()
    {
        IReadOnlyList<string> mismatches = ConformanceChecks.CompareWithManaged(Gpu);
        output.WriteLine($"{Gpu}: {mismatches.Count} statistics differ from the managed backend for the same seed.");
        foreach (string line in mismatches)
        {
            output.WriteLine(line);
        }

        // Rare floating-point ties may differ; a large share would mean a broken kernel, not rounding.
        Assert.True(mismatches.Count <= ConformanceChecks.Parameters.Length * 4, string.Join("\n", mismatches));
    }

    [GpuFact]
    [Trait("Category", "Statistical")]
    public void MonteCarloEstimates_MatchExactExpectations() => ConformanceChecks.MatchExactExpectations(Gpu);

    [GpuFact]
    public void Chain_ManyReplicates_MatchesExactMean()
    {
        var p = PitmanYorParameters.Create(new Rational(1, 2), 1);
        var sample = Gpu.SimulateDistinct(p, 10_000, 100_000, 21);
        Assert.True(sample.Summary.IsConsistentWith(ExpectedDistinct.Exact(p, 10_000).ToDouble()), sample.Summary.ToString());
    }
}
