// GpuCheck: the prepared check for a GPU machine (issue #5). Builds and runs in well under five minutes:
//   dotnet run -c Release --project samples/GpuCheck            (full: conformance + benchmark)
//   dotnet run -c Release --project samples/GpuCheck -- --quick (smaller sizes)
// It picks the best device (CUDA, else OpenCL, else ILGPU's CPU accelerator, and says so), compares it with
// the managed backend for the same seeds, checks Monte Carlo estimates against exact values, measures the
// K_n chain and full seating, and prints a Markdown report for docs/performance.md. Exit code 0: all checks
// passed; 1: a check failed.
using GpuCheck;

return CheckReport.Run(Console.Out, quick: args.Contains("--quick"));
