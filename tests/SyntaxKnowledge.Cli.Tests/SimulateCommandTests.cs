using System.Text.Json;

namespace SyntaxKnowledge.Cli.Tests;

public sealed class SimulateCommandTests
{
    private static readonly string[] Common = ["--discount", "1/2", "--concentration", "1", "--seed", "7"];

    [Fact]
    public void Distinct_Json_HasContractFieldsAndMatchesExactMean()
    {
        JsonElement json = CliRunner.Json(["simulate", "distinct", .. Common, "--n", "500", "--replicates", "2000"]);
        Assert.Equal("managed", json.GetProperty("backend").GetString());
        Assert.Equal(500, json.GetProperty("n").GetInt32());
        Assert.Equal(2000, json.GetProperty("replicates").GetInt32());
        double mean = json.GetProperty("mean_distinct").GetDouble(), error = json.GetProperty("standard_error").GetDouble();
        string exact = json.GetProperty("exact_mean_distinct").GetString()!;
        Assert.Contains("/", exact, StringComparison.Ordinal);
        double exactValue = json.GetProperty("exact_mean_distinct_approx").GetDouble();
        Assert.InRange(mean, exactValue - (4 * error), exactValue + (4 * error));
        Assert.True(json.GetProperty("draws_per_second").GetDouble() > 0);
        Assert.True(json.GetProperty("seconds").GetDouble() >= 0);
        Assert.False(json.TryGetProperty("mean_singletons", out _));
    }

    [Fact]
    public void Seating_Json_HasSingletons()
    {
        JsonElement json = CliRunner.Json(["simulate", "seating", .. Common, "--n", "300", "--replicates", "500"]);
        Assert.True(json.GetProperty("mean_singletons").GetDouble() > 0);
        Assert.True(json.GetProperty("mean_singletons").GetDouble() < json.GetProperty("mean_distinct").GetDouble());
    }

    [Theory]
    [InlineData("distinct")]
    [InlineData("seating")]
    public void SameSeed_ManagedAndIlgpuCpu_GiveTheSameMean(string kind)
    {
        JsonElement managed = CliRunner.Json(["simulate", kind, .. Common, "--n", "700", "--replicates", "300", "--backend", "managed"]);
        JsonElement ilgpu = CliRunner.Json(["simulate", kind, .. Common, "--n", "700", "--replicates", "300", "--backend", "ilgpu-cpu"]);
        Assert.Equal("ilgpu-cpu", ilgpu.GetProperty("backend").GetString());
        Assert.Equal(managed.GetProperty("mean_distinct").GetDouble(), ilgpu.GetProperty("mean_distinct").GetDouble());
        Assert.Equal(managed.GetProperty("standard_error").GetDouble(), ilgpu.GetProperty("standard_error").GetDouble());
    }

    [Fact]
    public void LargeN_OmitsExactMean()
    {
        JsonElement json = CliRunner.Json(["simulate", "distinct", .. Common, "--n", "100001", "--replicates", "2"]);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("exact_mean_distinct").ValueKind);
    }

    [Fact]
    public void Table_IsHumanReadable()
    {
        (int code, string output, _) = CliRunner.Run(["simulate", "seating", .. Common, "--n", "100", "--replicates", "50", "--format", "table"]);
        Assert.Equal(0, code);
        Assert.Contains("E[K_n] exact", output, StringComparison.Ordinal);
        Assert.Contains("E[K_n,1] simulated", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--n", "0", "--n")]
    [InlineData("--replicates", "-3", "--replicates")]
    [InlineData("--discount", "1", "--discount")]
    [InlineData("--concentration", "-1", "--concentration")]
    [InlineData("--backend", "quantum", "quantum")]
    public void BadInput_ExitsTwo_WithOneLineNamingTheOption(string option, string value, string named)
    {
        var args = new List<string> { "simulate", "distinct", "--discount", "1/2", "--concentration", "1", "--n", "10", "--replicates", "10" };
        int at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        (int code, string output, string error) = CliRunner.Run([.. args]);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
        Assert.Contains(value, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRequiredOption_ExitsTwo()
    {
        (int code, _, string error) = CliRunner.Run("simulate", "distinct", "--discount", "1/2", "--concentration", "1", "--n", "10");
        Assert.Equal(2, code);
        Assert.Contains("--replicates", error, StringComparison.Ordinal);
    }
}
