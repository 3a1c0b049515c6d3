using System.Text.Json;
using static SyntaxKnowledge.Cli.Tests.CliHarness;

namespace SyntaxKnowledge.Cli.Tests;

/// <summary>The demo and the laws work over the whole valid range: d up to 0.999 and θ just above −d (issue 11 §1).</summary>
public sealed class HighDiscountCommandTests
{
    [Theory]
    [InlineData("999/1000", "1")]
    [InlineData("99/100", "-989/1000")]
    [InlineData("19/20", "10000")]
    [InlineData("1/2", "-499/1000")]
    public void LawsData_IsNonNegative_AndConsistentWithSimulation(string discount, string concentration)
    {
        (int code, string output, string error) = Run("laws", "data", "--discount", discount, "--concentration", concentration, "--grid", "5,40", "--worlds", "200");
        Assert.True(code == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        foreach (JsonElement row in json.RootElement.GetProperty("table").EnumerateArray())
        {
            double predicted = row.GetProperty("predicted").GetDouble(), simulated = row.GetProperty("simulated").GetDouble(), se = row.GetProperty("standard_error").GetDouble();
            Assert.True(predicted >= 0 && row.GetProperty("asymptotic").GetDouble() >= 0, row.ToString());
            foreach (JsonProperty part in row.GetProperty("parts").EnumerateObject())
            {
                Assert.True(part.Value.GetDouble() >= 0, row.ToString());
            }

            Assert.True(Math.Abs(predicted - simulated) <= 4 * se, $"{predicted} vs {simulated} +/- {se}");
            Assert.True(row.TryGetProperty("asymptotic_regime", out JsonElement regime) && regime.ValueKind is JsonValueKind.True or JsonValueKind.False, row.ToString());
        }
    }

    [Fact]
    public void LawsData_FlagsTheAsymptoticColumnOutsideItsRegime()
    {
        // θ = 10⁴: the law needs n ≫ θ; n = 100 is outside, n = 10⁶ inside.
        (int code, string output, string error) = Run("laws", "data", "--discount", "1/2", "--concentration", "10000", "--grid", "100,1000000", "--worlds", "0");
        Assert.True(code == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement[] rows = [.. json.RootElement.GetProperty("table").EnumerateArray()];
        Assert.False(rows[0].GetProperty("asymptotic_regime").GetBoolean());
        Assert.True(rows[1].GetProperty("asymptotic_regime").GetBoolean());
    }

    [Theory]
    [InlineData("97/100")]
    [InlineData("999/1000")]
    public void Demo_WorksAtHighDiscount(string discount)
    {
        (int code, string output, string error) = Run("demo", "--discount", discount);
        Assert.True(code == 0, error);
        Assert.Contains("excess", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("out of range", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeOptimal_WorksAtHighDiscount_AndFlagsPointsOutsideTheRegime()
    {
        (int code, string output, string error) = Run("laws", "compute-optimal", "--discount", "99/100", "--concentration", "1");
        Assert.True(code == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("data_constant").GetDouble() > 0);
        foreach (JsonElement row in json.RootElement.GetProperty("table").EnumerateArray())
        {
            // N* = 3.7e-111 at F = 10⁶: a formal extrapolation, flagged.
            bool inside = row.GetProperty("sentences").GetDouble() >= 10 && row.GetProperty("stored").GetDouble() >= 10;
            Assert.Equal(inside, row.GetProperty("asymptotic_regime").GetBoolean());
            Assert.False(inside);
        }
    }

    [Fact]
    public void LawsModel_FlagsAnAsymptoticUncoveredMassAboveOne()
    {
        // d = 0.999, C = 1: the leading form gives 1.0004 > 1 for a mass whose exact value is 1999/2000.
        (int code, string output, string error) = Run("laws", "model", "--discount", "999/1000", "--concentration", "1", "--replicates", "0");
        Assert.True(code == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement first = json.RootElement.GetProperty("table")[0];
        Assert.Equal(1, first.GetProperty("C").GetInt32());
        Assert.True(first.GetProperty("asymptotic").GetDouble() > 1);
        Assert.False(first.GetProperty("asymptotic_regime").GetBoolean());
        foreach (JsonElement row in json.RootElement.GetProperty("table").EnumerateArray())
        {
            double asymptotic = row.GetProperty("asymptotic").GetDouble();
            Assert.True(asymptotic is >= 0 and <= 1 || !row.GetProperty("asymptotic_regime").GetBoolean(), row.ToString());
        }
    }
}
