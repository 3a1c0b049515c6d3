using System.Globalization;
using System.Text.Json;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Cli.Tests;

/// <summary>skm laws model | compute-optimal | acquisition | hallucination end to end: JSON values against the library,
/// CSV and table output, and one-line errors with exit code 2.</summary>
public sealed class CapacityLawCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        int code = Cli.Run(args, output, error, interactive: false);
        return (code, output.ToString(), error.ToString());
    }

    private static JsonElement Json(params string[] args)
    {
        (int code, string output, string error) = Run(args);
        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Equal(string.Empty, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    [Fact]
    public void Model_OneThird_PrintsExactExponentTwo_AndExactUncoveredMass()
    {
        JsonElement root = Json("laws", "model", "--discount", "1/3", "--concentration", "1");
        Assert.Equal("2", root.GetProperty("model_exponent").GetString());
        Assert.Equal("2", root.GetProperty("terms")[0].GetProperty("exponent").GetString());
        Assert.Equal("power-law", root.GetProperty("decay").GetString());
        JsonElement row = root.GetProperty("table").EnumerateArray().Single(r => r.GetProperty("C").GetInt32() == 10);
        Assert.Equal("2/21", row.GetProperty("uncovered_exact").GetString());
        double cost = MissCost.FromModel(SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 3), 1))).Total;
        Assert.Equal(cost * 2 / 21, row.GetProperty("excess_loss").GetDouble(), 1e-12);
    }

    [Fact]
    public void Model_TopFrequencyWithSimulation_ReportsExactStopsAndConsistentEstimates()
    {
        JsonElement root = Json("laws", "model", "--discount", "1/2", "--concentration", "1", "--learner", "top-frequency", "--grid", "1,5", "--replicates", "400", "--seed", "3");
        Assert.Equal(400, root.GetProperty("exact_replicates").GetInt32());
        foreach (JsonElement row in root.GetProperty("table").EnumerateArray())
        {
            double exact = row.GetProperty("uncovered").GetDouble(), simulated = row.GetProperty("simulated").GetDouble(), se = row.GetProperty("simulated_standard_error").GetDouble();
            Assert.Equal(TopFrequencyLearner.UncoveredApproximate(PitmanYorParameters.Create(new Rational(1, 2), 1), row.GetProperty("C").GetInt32()), exact, 1e-15);
            Assert.True(Math.Abs(simulated - exact) <= 4 * se, $"{simulated} +/- {se} vs {exact}");
        }
    }

    [Fact]
    public void Model_Dirichlet_IsGeometric_WithExactRate()
    {
        JsonElement root = Json("laws", "model", "--discount", "0", "--concentration", "2", "--grid", "3");
        Assert.Equal(JsonValueKind.Null, root.GetProperty("model_exponent").ValueKind);
        Assert.Equal("geometric", root.GetProperty("decay").GetString());
        Assert.Equal("2/3", root.GetProperty("rate").GetString());
        Assert.Equal("8/27", root.GetProperty("table")[0].GetProperty("uncovered_exact").GetString());
    }

    [Fact]
    public void Model_Mdl_UsesTheStorageCostThreshold()
    {
        JsonElement root = Json("laws", "model", "--discount", "1/2", "--concentration", "1", "--learner", "mdl", "--storage-cost", "1000", "--grid", "500");
        double cost = root.GetProperty("miss_cost").GetProperty("total").GetDouble();
        int r = root.GetProperty("exposures").GetInt32();
        Assert.Equal((int)Math.Ceiling(1000 / cost), r);
        JsonElement row = root.GetProperty("table")[0];
        Assert.Equal(MdlLearner.StoredExact(PitmanYorParameters.Create(new Rational(1, 2), 1), 500, r).ToDouble(), row.GetProperty("stored").GetDouble(), 1e-12);
    }

    [Fact]
    public void ComputeOptimal_OneThird_PrintsExactSplitExponents()
    {
        JsonElement root = Json("laws", "compute-optimal", "--discount", "1/3", "--concentration", "1", "--compute-per-unit", "6", "--grid", "1e9");
        Assert.Equal("3/4", root.GetProperty("data_exponent").GetString());
        Assert.Equal("1/4", root.GetProperty("capacity_exponent").GetString());
        Assert.Equal("1/2", root.GetProperty("loss_exponent").GetString());
        JsonElement row = root.GetProperty("table")[0];
        Assert.Equal(1e9, 6 * row.GetProperty("sentences").GetDouble() * row.GetProperty("stored").GetDouble(), 1e-3);
    }

    [Fact]
    public void ComputeOptimal_Dirichlet_HasNoPowerLawButAnOptimum()
    {
        JsonElement root = Json("laws", "compute-optimal", "--discount", "0", "--concentration", "2", "--grid", "1e8");
        Assert.Equal(JsonValueKind.Null, root.GetProperty("data_exponent").ValueKind);
        Assert.True(root.GetProperty("table")[0].GetProperty("stored").GetDouble() > 1);
    }

    [Fact]
    public void Acquisition_CurveEqualsLibrary_AndCapacityFloorBinds()
    {
        var p = PitmanYorParameters.Create(new Rational(1, 2), 1);
        JsonElement root = Json("laws", "acquisition", "--discount", "1/2", "--concentration", "1", "--exposures", "2", "--grid", "20,20000", "--capacity", "5");
        JsonElement[] curve = [.. root.GetProperty("curve").EnumerateArray()];
        Assert.Equal(AcquiredMass.Exact(p, 20, 2).ToString(), curve[0].GetProperty("acquired_mass_exact").GetString());
        double floor = root.GetProperty("capacity_floor").GetDouble();
        Assert.Equal(TopFrequencyLearner.RankedWeightApproximate(p, 5), floor, 1e-15);
        Assert.Equal(floor, curve[1].GetProperty("effective_threshold").GetDouble());
        Assert.True(curve[1].GetProperty("threshold").GetDouble() < floor);
        Assert.Equal(4, root.GetProperty("buckets").GetArrayLength());
    }

    [Fact]
    public void Hallucination_RatesEqualLibrary_AndAbstentionHasNoHallucinationAtOne()
    {
        JsonElement root = Json("laws", "hallucination", "--discount", "1/2", "--concentration", "1", "--grid", "40", "--capacity-grid", "10", "--abstain", "1");
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 1));
        JsonElement data = root.GetProperty("data")[0];
        Assert.Equal(Hallucination.UncoveredQueryMassExact(model, 40).ToDouble(), data.GetProperty("uncovered").GetDouble());
        Assert.Equal(Hallucination.SamplingRateExact(model, 40).ToDouble(), data.GetProperty("sampling").GetDouble(), 1e-15);
        Assert.Equal("39/40", root.GetProperty("factors").EnumerateArray().Single(f => f.GetProperty("attribute").GetString() == "field").GetProperty("sampling").GetString());
        Assert.Equal(3.0 / 13, root.GetProperty("capacity")[0].GetProperty("uncovered").GetDouble(), 1e-12);
        JsonElement abstention = root.GetProperty("abstention");
        Assert.Equal(0, abstention.GetProperty("hallucination").GetDouble());
        Assert.Equal(JsonValueKind.Null, abstention.GetProperty("extra_log_loss").ValueKind); // infinite: JSON null
    }

    [Theory]
    [InlineData("model")]
    [InlineData("compute-optimal")]
    [InlineData("acquisition")]
    [InlineData("hallucination")]
    public void Laws_CsvAndTable_WriteOutput(string law)
    {
        foreach (string format in new[] { "csv", "table" })
        {
            (int code, string output, string error) = Run("laws", law, "--discount", "1/2", "--concentration", "1", "--format", format);
            Assert.True(code == 0, $"{law} {format}: exit {code}: {error}");
            Assert.False(string.IsNullOrWhiteSpace(output));
            if (format == "csv")
            {
                string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                int columns = lines[0].Split(',').Length;
                Assert.All(lines.Skip(1), l => Assert.Equal(columns, l.Split(',').Length));
            }
        }
    }

    [Theory]
    [InlineData("laws", "model", "--discount", "1", "--concentration", "1")]
    [InlineData("laws", "model", "--discount", "1/2", "--concentration", "1", "--grid", "0")]
    [InlineData("laws", "model", "--discount", "1/2", "--concentration", "1", "--learner", "oracle")]
    [InlineData("laws", "model", "--discount", "1/2", "--concentration", "1", "--replicates", "1")]
    [InlineData("laws", "model", "--discount", "0", "--concentration", "1", "--learner", "mdl")]
    [InlineData("laws", "model", "--discount", "1/2", "--concentration", "1", "--storage-cost", "-3")]
    [InlineData("laws", "compute-optimal", "--discount", "1/2", "--concentration", "1", "--compute-per-unit", "0")]
    [InlineData("laws", "compute-optimal", "--discount", "1/2", "--concentration", "1", "--grid", "abc")]
    [InlineData("laws", "acquisition", "--discount", "1/2", "--concentration", "1", "--exposures", "50", "--grid", "10")]
    [InlineData("laws", "acquisition", "--discount", "1/2", "--concentration", "1", "--buckets", "0.5")]
    [InlineData("laws", "hallucination", "--discount", "1/2", "--concentration", "1", "--abstain", "3/2")]
    [InlineData("laws", "hallucination", "--discount", "1/2", "--concentration", "1", "--learner", "mdl")]
    [InlineData("laws", "hallucination", "--discount", "1/2", "--concentration", "-1")]
    public void Laws_BadInput_ExitTwoWithOneLineError(params string[] args)
    {
        (int code, string output, string error) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("error: ", StringComparison.Ordinal));
    }
}
