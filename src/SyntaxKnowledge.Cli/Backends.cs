using System.CommandLine;
using SyntaxKnowledge.Gpu;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli;

/// <summary>The --backend option and the construction of the chosen simulation backend.</summary>
internal static class Backends
{
    /// <summary>The backend names accepted on the command line.</summary>
    public static readonly string[] Names = ["managed", "ilgpu-cpu", "gpu"];

    /// <summary>The --backend option (managed by default).</summary>
    public static Option<string> Option(params string[] extra)
    {
        string[] allowed = [.. Names, .. extra];
        return CliOptions.Choice("--backend", "Simulation backend: " + string.Join(", ", allowed) + " (gpu: CUDA, else OpenCL, via ILGPU).", allowed, "managed");
    }

    /// <summary>Creates a backend by name; dispose the result when it is disposable.</summary>
    /// <exception cref="CliInputException">"gpu" was asked for and no GPU exists.</exception>
    public static ISimulationBackend Create(string name)
    {
        switch (name)
        {
            case "ilgpu-cpu":
                return IlgpuBackend.CreateCpu();
            case "gpu":
                if (!IlgpuBackend.TryCreateGpu(out IlgpuBackend? gpu))
                {
                    throw new CliInputException("--backend gpu: no CUDA or OpenCL GPU was found on this machine; valid choices here: managed, ilgpu-cpu.");
                }

                return gpu;
            default:
                return ManagedBackend.Instance;
        }
    }

    /// <summary>Describes the device a backend runs on.</summary>
    public static string Device(ISimulationBackend backend) => backend switch
    {
        IlgpuBackend ilgpu => ilgpu.DeviceName,
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} CPU cores"),
    };
}
