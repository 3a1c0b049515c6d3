using System.Text.Json;

namespace SyntaxKnowledge.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public void Quick_Json_ReportsEveryWorkloadPerBackendWithRatios()
    {
        JsonElement json = CliRunner.Json("bench", "--quick", "--backend", "managed");
        Assert.True(json.GetProperty("quick").GetBoolean());
        Assert.True(json.GetProperty("generator_per_second").GetDouble() > 0);
        JsonElement[] rows = [.. json.GetProperty("rows").EnumerateArray()];
        var workloads = rows.Select(r => (r.GetProperty("workload").GetString(), r.GetProperty("n").GetInt32())).Distinct().ToArray();
        Assert.Contains(("chain", 10_000), workloads);
        Assert.Contains(("seating", 1_000), workloads);
        Assert.Contains(("seating", 1_000_000), workloads);
        Assert.All(rows, r =>
        {
            Assert.True(r.GetProperty("per_second").GetDouble() > 0);
            Assert.True(r.GetProperty("vs_generator").GetDouble() > 0);
            Assert.True(r.GetProperty("vs_reference").GetDouble() > 0);
        });

        // The one-thread managed row gives the scaling: vs_managed = 1 / speed-up.
        Assert.Contains(rows, r => r.GetProperty("backend").GetString() == "managed" && r.GetProperty("threads").GetInt32() == 1);
    }

    [Fact]
    public void Quick_Table_ListsBackends()
    {
        (int code, string output, string error) = CliRunner.Run("bench", "--quick", "--backend", "ilgpu-cpu", "--format", "table");
        Assert.True(code == 0, error);
        Assert.Contains("ilgpu-cpu", output, StringComparison.Ordinal);
        Assert.Contains("managed", output, StringComparison.Ordinal);
        Assert.Contains("x reference", output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownBackend_ExitsTwo()
    {
        (int code, _, string error) = CliRunner.Run("bench", "--quick", "--backend", "tpu");
        Assert.Equal(2, code);
        Assert.Contains("tpu", error, StringComparison.Ordinal);
    }
}
