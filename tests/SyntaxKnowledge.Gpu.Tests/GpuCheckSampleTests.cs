using GpuCheck;

namespace SyntaxKnowledge.Gpu.Tests;

/// <summary>samples/GpuCheck is built and run here (quick sizes), so the prepared GPU check cannot rot.</summary>
public sealed class GpuCheckSampleTests
{
    [Fact]
    public void QuickRun_PassesAndSaysWhichDeviceItUsed()
    {
        using var output = new StringWriter();
        int code = CheckReport.Run(output, quick: true);
        string report = output.ToString();
        Assert.True(code == 0, report);
        Assert.Contains("All checks passed", report, StringComparison.Ordinal);
        Assert.True(
            report.Contains("No CUDA or OpenCL GPU exists on this machine", StringComparison.Ordinal) || report.Contains("Device: **", StringComparison.Ordinal),
            report);
        Assert.DoesNotContain("| NO |", report, StringComparison.Ordinal);
    }
}
