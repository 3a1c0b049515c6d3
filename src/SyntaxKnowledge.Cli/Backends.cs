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
                if (Guard(name, () => IlgpuBackend.TryCreateGpu(out IlgpuBackend? found) ? found : null) is not { } gpu)
                {
                    throw new CliInputException("--backend gpu: no CUDA or OpenCL GPU was found on this machine; valid choices here: managed, ilgpu-cpu.");
                }

                return gpu;
            default:
                return ManagedBackend.Instance;
        }
    }

    /// <summary>Runs a simulation and turns a device failure into a one-line input error (exit code 2), never a crash.</summary>
    /// <exception cref="CliInputException">The backend's device failed (the message names the device and the cause).</exception>
    public static T Guard<T>(string option, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (InvalidOperationException e) when (e is not ObjectDisposedException)
        {
            throw new CliInputException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"--backend {option}: {ErrorText.FirstLine(e.Message)} Valid choices that need no device: managed, ilgpu-cpu."), e);
        }
    }

    /// <summary>Describes the device a backend runs on.</summary>
    public static string Device(ISimulationBackend backend) => backend switch
    {
        IlgpuBackend ilgpu => ilgpu.DeviceName,
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} CPU cores"),
    };
}
