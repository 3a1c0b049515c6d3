using System.Text.Json;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using static SyntaxKnowledge.Cli.Tests.CliHarness;

namespace SyntaxKnowledge.Cli.Tests;

/// <summary>The skm pitman-yor contract: one JSON object with exact "p/q", approx and asymptotic; one-line errors, exit 2.</summary>
public sealed class PitmanYorCommandTests
{
    [Theory]
    [InlineData("expected-distinct", "--n", "100")]
    [InlineData("distinct-variance", "--n", "50")]
    [InlineData("new-probability", "--n", "100")]
    [InlineData("expected-singletons", "--n", "100")]
    [InlineData("uncovered-mass", "--stored", "25")]
    public void Scalar_Json_FollowsTheContract(string quantity, string option, string value)
    {
        (int code, string output, string error) = Run("pitman-yor", quantity, "--discount", "1/2", "--concentration", "1", option, value, "--format", "json");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal(quantity, root.GetProperty("quantity").GetString());
        Assert.Equal("1/2", root.GetProperty("discount").GetString());
        Assert.Equal("1", root.GetProperty("concentration").GetString());
        Rational exact = Rational.Parse(root.GetProperty("exact").GetString()!);
        Assert.Equal(exact.ToDouble(), root.GetProperty("approx").GetDouble());
        Assert.True(root.GetProperty("asymptotic").GetDouble() > 0);
    }

    [Fact]
    public void ExpectedDistinct_MatchesLibraryExactly()
    {
        (int code, string output, _) = Run("pitman-yor", "expected-distinct", "--discount", "0.25", "--concentration", "3/2", "--n", "1000");
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal("1/4", json.RootElement.GetProperty("discount").GetString());
        Assert.Equal(ExpectedDistinct.Exact(PitmanYorParameters.Create(new Rational(1, 4), new Rational(3, 2)), 1000).ToString(), json.RootElement.GetProperty("exact").GetString());
    }

    [Fact]
    public void Distribution_IsAnArrayThatSumsToOne()
    {
        (int code, string output, _) = Run("pitman-yor", "distinct-distribution", "--discount", "1/3", "--concentration", "1", "--n", "12");
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(output);
        Rational[] law = [.. json.RootElement.GetProperty("exact").EnumerateArray().Select(e => Rational.Parse(e.GetString()!))];
        Assert.Equal(12, law.Length);
        Assert.Equal(Rational.One, Rational.Sum(law));
    }

    [Fact]
    public void AcquiredMass_AndEntropy_Work()
    {
        (int code, string output, _) = Run("pitman-yor", "acquired-mass", "--discount", "1/2", "--concentration", "1", "--n", "100", "--exposures", "3");
        Assert.Equal(0, code);
        using (JsonDocument json = JsonDocument.Parse(output))
        {
            Assert.Equal(AcquiredMass.Exact(PitmanYorParameters.Create(new Rational(1, 2), 1), 100, 3).ToString(), json.RootElement.GetProperty("exact").GetString());
        }

        (code, output, _) = Run("pitman-yor", "entropy", "--discount", "0", "--concentration", "1");
        Assert.Equal(0, code);
        using JsonDocument entropy = JsonDocument.Parse(output);
        Assert.False(entropy.RootElement.TryGetProperty("exact", out _));
        Assert.Equal(1.0, entropy.RootElement.GetProperty("approx").GetDouble(), 12);
    }

    [Fact]
    public void Table_IsReadable()
    {
        (int code, string output, _) = Run("pitman-yor", "expected-distinct", "--discount", "1/2", "--concentration", "1", "--n", "100", "--format", "table");
        Assert.Equal(0, code);
        Assert.Contains("asymptotic / exact", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--discount", "1", "--concentration", "1", "--n", "10" }, "--discount", "1", "0 <= --discount < 1")]
    [InlineData(new[] { "--discount", "-1/2", "--concentration", "1", "--n", "10" }, "--discount", "-1/2", "0 <= --discount < 1")]
    [InlineData(new[] { "--discount", "1/2", "--concentration", "-1/2", "--n", "10" }, "--concentration", "-1/2", "concentration > -discount")]
    [InlineData(new[] { "--discount", "1/2", "--concentration", "1", "--n", "0" }, "--n", "0", "1 <= --n")]
    [InlineData(new[] { "--discount", "abc", "--concentration", "1", "--n", "10" }, "--discount", "abc", "p/q")]
    [InlineData(new[] { "--discount", "1/2", "--concentration", "1", "--n", "ten" }, "--n", "ten", "1 <= --n")]
    public void BadInput_OneLine_ExitTwo(string[] options, string option, string value, string range) =>
        AssertBadInput(Run(["pitman-yor", "expected-distinct", .. options]), option, value, range);

    [Fact]
    public void MissingRequiredOption_IsBadInput() =>
        AssertBadInput(Run("pitman-yor", "uncovered-mass", "--discount", "1/2", "--concentration", "1"), "--stored");

    // Reference values from tests/SyntaxKnowledge.Tests/Reference/accuracy_reference.py (110-digit, independent).
    [Theory]
    [InlineData("expected-distinct", "--n", "1e15", 71364962.64611088)]
    [InlineData("expected-distinct", "--n", "1000000000000000", 71364962.64611088)]
    [InlineData("new-probability", "--n", "1e15", 3.56824823230554e-08)]
    [InlineData("uncovered-mass", "--stored", "1E15", 2.999999999999991e-15)]
    public void LargeN_ExactOmitted_ApproxMatchesTheReference(string quantity, string option, string value, double expected)
    {
        (int code, string output, string error) = Run("pitman-yor", quantity, "--discount", "1/2", "--concentration", "1", option, value);
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("exact").ValueKind);
        Assert.Contains("exact cost bound", root.GetProperty("exact_omitted").GetString(), StringComparison.Ordinal);
        double approx = root.GetProperty("approx").GetDouble();
        Assert.True(Math.Abs((approx / expected) - 1) < 1e-13, $"approx {approx:R} vs reference {expected:R}");
        Assert.True(root.GetProperty("asymptotic_regime").GetBoolean());
    }

    [Fact]
    public void ENotation_BelowTheBound_GivesTheExactValue()
    {
        (int code, string output, _) = Run("pitman-yor", "expected-distinct", "--discount", "1/2", "--concentration", "1", "--n", "2.5e3");
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(2500, json.RootElement.GetProperty("n").GetInt64());
        Assert.Equal(ExpectedDistinct.Exact(PitmanYorParameters.Create(Rational.Half, 1), 2500).ToString(), json.RootElement.GetProperty("exact").GetString());
        Assert.False(json.RootElement.TryGetProperty("exact_omitted", out _));
    }

    [Theory]
    [InlineData("1e16", "out of range")]
    [InlineData("100000000000000000000", "out of range")]
    [InlineData("1000000000000001", "out of range")]
    [InlineData("1.5", "not an integer")]
    [InlineData("1e-3", "not an integer")]
    [InlineData("1/2", "not an integer")]
    public void N_BeyondTenToTheFifteen_IsOutOfRange_NotANonInteger(string value, string kind) =>
        AssertBadInput(Run("pitman-yor", "expected-distinct", "--discount", "1/2", "--concentration", "1", "--n", value), "--n", value, kind, "1e15");

    [Theory]
    [InlineData("new-probability", "0", new[] { "--n", "10000" }, true)]
    [InlineData("acquired-mass", "0", new[] { "--n", "10000", "--exposures", "3" }, false)]
    [InlineData("uncovered-mass", "1/7", new[] { "--stored", "10000" }, false)]
    public void AsymptoticOutsideItsRegime_IsFlagged(string quantity, string discount, string[] options, bool inRegime)
    {
        (int code, string output, _) = Run(["pitman-yor", quantity, "--discount", discount, "--concentration", "1000000", .. options]);
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal(inRegime, root.GetProperty("asymptotic_regime").GetBoolean());
        double asymptotic = root.GetProperty("asymptotic").GetDouble();
        Assert.True(!inRegime || asymptotic is >= 0 and <= 1, $"a probability {asymptotic} printed as in regime");
        Assert.InRange(root.GetProperty("approx").GetDouble(), 0, 1);
    }

    [Fact]
    public void UncoveredMass_DirichletLargeConcentration_IsFast()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        (int code, string output, _) = Run("pitman-yor", "uncovered-mass", "--discount", "0", "--concentration", "1000000", "--stored", "100000");
        Assert.Equal(0, code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(Math.Exp(-100_000 * (1e-6 - 5e-13 + (1e-18 / 3))), json.RootElement.GetProperty("approx").GetDouble(), 14);
    }

    [Fact]
    public void Distribution_BeyondItsCostBound_IsRefusedAtOnce() =>
        AssertBadInput(Run("pitman-yor", "distinct-distribution", "--discount", "1/2", "--concentration", "1", "--n", "10000"), "--n = 10000", "out of range", "1379");

    [Fact]
    public void Table_ShowsTheOmittedExactValueAndTheRegime()
    {
        (int code, string output, _) = Run("pitman-yor", "new-probability", "--discount", "1/2", "--concentration", "1", "--n", "1e9", "--format", "table");
        Assert.Equal(0, code);
        Assert.Contains("omitted: --n = 1000000000 is beyond the exact cost bound", output, StringComparison.Ordinal);
        Assert.Contains("asymptotic regime", output, StringComparison.Ordinal);
    }
}
