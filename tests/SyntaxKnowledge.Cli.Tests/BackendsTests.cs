using SyntaxKnowledge.Gpu;

namespace SyntaxKnowledge.Cli.Tests;

public sealed class BackendsTests
{
    [Fact]
    public void Guard_DeviceFailure_BecomesOneLineInputError()
    {
        var e = Assert.Throws<CliInputException>(() => Backends.Guard<int>("gpu", () => throw new InvalidOperationException("The gpu backend on 'Card' failed: out of resources\nstack")));
        Assert.StartsWith("--backend gpu: The gpu backend on 'Card' failed: out of resources", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gpu_WhenNoDeviceExists_ExitsTwoWithOneLine()
    {
        if (IlgpuBackend.TryCreateGpu(out IlgpuBackend? gpu))
        {
            gpu.Dispose();
            return; // a GPU machine: the no-device message cannot occur
        }

        (int code, string output, string error) = CliRunner.Run("simulate", "distinct", "--discount", "1/2", "--concentration", "1", "--n", "10", "--replicates", "10", "--backend", "gpu");
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--backend gpu", error, StringComparison.Ordinal);
    }
}
