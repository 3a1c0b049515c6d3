using BenchmarkDotNet.Running;

namespace SyntaxKnowledge.Benchmarks;

/// <summary>
/// BenchmarkDotNet entry point. Examples:
/// <c>dotnet run -c Release --project tests/SyntaxKnowledge.Benchmarks -- --filter '*'</c>;
/// with <c>SKM_BENCH_LARGE=1</c> the seating benchmarks include n = 10⁸.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchConfig());
}
