using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SyntaxKnowledge.Samples.Tests;

/// <summary>
/// Every sample is built (through this project's references) and run as its own process, as a user runs it:
/// exit code and key lines of output are checked, so samples and the docs that show them cannot rot.
/// </summary>
[Trait("Category", "Samples")]
public sealed class SampleTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly string _directory = Directory.CreateTempSubdirectory("skm-samples-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ProcessResult RunSample(string name, params string[] args)
    {
        string project = Path.Combine(DotNetProcess.RepositoryRoot, "samples", name);
        ProcessResult result = DotNetProcess.Run(DotNetProcess.RepositoryRoot, Timeout, null,
            ["run", "--project", project, "--configuration", DotNetProcess.Configuration, "--no-build", "--", .. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static ProcessResult RunSkm(string workingDirectory, params string[] args)
    {
        string skm = Path.Combine(DotNetProcess.RepositoryRoot, "src", "SyntaxKnowledge.Cli", "bin", DotNetProcess.Configuration, "net10.0", "skm.dll");
        Assert.True(File.Exists(skm), skm + " was not built");
        return DotNetProcess.Run(workingDirectory, Timeout, null, [skm, .. args]);
    }

    [Fact]
    public void Quickstart_Runs_AndPrintsExactSimulatedAndDerivedValues()
    {
        ProcessResult run = RunSample("Quickstart");
        Assert.Contains("E[K_1000] = 69.3917 (asymptotic 71.3650, simulated ", run.Output, StringComparison.Ordinal);
        Assert.Contains("excess loss of sentence n+1 ~ 5.7171 n^-(1/2) + ...", run.Output, StringComparison.Ordinal); // c Σ_j (E[ρ_j^d] − 1/J) ln M_j = (2/√π)(0.406349 − 0.2)·24.5530
        Assert.Contains(" n^-(1/2) + ...", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ScalingLaws_Runs_AndTheSimulationAgreesWithTheClosedForm()
    {
        ProcessResult run = RunSample("ScalingLaws");
        Assert.Contains("facts ", run.Output, StringComparison.Ordinal);
        Assert.Contains("n^-(1/2)", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"Simulated excess loss at n = 100 over 400 worlds: .* -> consistent", run.Output);
        Assert.Contains("(1-d)/d = 1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void GenerateAndScore_InMemory_ReportsAPositiveExcessLossByTag()
    {
        ProcessResult run = RunSample("GenerateAndScore");
        foreach (string group in new[] { "all", "syntax", "name", "value", "1/all" })
        {
            Assert.Matches(new Regex("^" + Regex.Escape(group) + @"\s+\d+\s", RegexOptions.Multiline), run.Output);
        }

        Match excess = Regex.Match(run.Output, @"Bayes-optimal predictor: (?<x>[0-9.]+) nats/token");
        Assert.True(excess.Success, run.ToString());
        Assert.True(double.Parse(excess.Groups["x"].Value, CultureInfo.InvariantCulture) > 0, run.ToString());

        // The held-out half: frozen comparator, by training count; an entity never seen costs more than one seen 64+ times.
        Match heldOut = Regex.Match(run.Output, @"Held-out excess loss: (?<x>[0-9.]+) ± (?<se>[0-9.]+) nats/token; improper groups: 0");
        Assert.True(heldOut.Success, run.ToString());
        Assert.True(double.Parse(heldOut.Groups["se"].Value, CultureInfo.InvariantCulture) > 0, run.ToString());
        double Bucket(string label) => double.Parse(Regex.Match(run.Output, "^" + Regex.Escape(label) + @"\s+\d+\s+(?<x>[0-9.]+)\s", RegexOptions.Multiline).Groups["x"].Value, CultureInfo.InvariantCulture);
        Assert.True(Bucket("0") > Bucket("64-127"), run.ToString());

        // The probes: a bigram knows no facts, so on unseen facts it hallucinates at the theory's 1 - max H (within 4 SE).
        Match probes = Regex.Match(run.Output, @"Unseen facts: hallucination (?<h>[0-9.]+) ± (?<se>[0-9.]+), theory (?<t>[0-9.]+); facts stored: (?<c>-?[0-9.]+) ± (?<cse>[0-9.]+) of \d+");
        Assert.True(probes.Success, run.ToString());
        double G(string name) => double.Parse(probes.Groups[name].Value, CultureInfo.InvariantCulture);
        Assert.InRange(G("h"), G("t") - (4 * G("se")) - 1e-9, G("t") + (4 * G("se")) + 1e-9);
        Assert.InRange(G("c"), -4 * G("cse"), 4 * G("cse"));
        Assert.Matches(new Regex(@"^seen\s+\d+\s+0\.[01]\d+\s+1\.0000\s", RegexOptions.Multiline), run.Output);
    }

    [Fact]
    public void GenerateAndScore_WithAnSkmCorpus_WritesLogprobsThatSkmScores()
    {
        // The guide's pipeline: skm generate -> your language model -> skm score.
        string corpus = Path.Combine(_directory, "corpus.jsonl"), logprobs = Path.Combine(_directory, "lm.jsonl");
        ProcessResult generate = RunSkm(_directory, "generate", "--discount", "1/2", "--concentration", "1", "--sentences", "400", "--seed", "3", "--out", corpus);
        Assert.True(generate.ExitCode == 0, generate.ToString());

        RunSample("GenerateAndScore", corpus, logprobs);
        Assert.Equal(400, File.ReadLines(logprobs).Count());

        ProcessResult score = RunSkm(_directory, "score", "--corpus", corpus, "--model-logprobs", logprobs);
        Assert.True(score.ExitCode == 0, score.ToString());
        using JsonDocument report = JsonDocument.Parse(score.Output);
        Assert.Equal(400, report.RootElement.GetProperty("sentences").GetInt64());
        JsonElement all = report.RootElement.GetProperty("groups").EnumerateArray().First(g => g.GetProperty("group").GetString() == "all");
        Assert.True(all.GetProperty("excess_nats_per_token").GetDouble() > 0, score.Output);
    }

    [Fact]
    public void FitYourCurve_Runs_AndTheTrueDiscountIsInsideTheFittedInterval()
    {
        ProcessResult run = RunSample("FitYourCurve");
        Assert.Contains("True discount d = 0.55", run.Output, StringComparison.Ordinal);
        Assert.Contains("-> consistent", run.Output, StringComparison.Ordinal);

        // "Syntax-Knowledge fit:  discount = 0.548934 [0.498612, 0.587603] (95 %)"
        Match fit = Regex.Match(run.Output, @"Syntax-Knowledge fit:\s+discount = (?<d>[0-9.]+) \[(?<lo>[0-9.]+), (?<hi>[0-9.]+)\]");
        Assert.True(fit.Success, run.ToString());
        double lower = double.Parse(fit.Groups["lo"].Value, CultureInfo.InvariantCulture), upper = double.Parse(fit.Groups["hi"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(0.55, lower, upper);
    }

    [Fact]
    public void ResearcherTests_RunWithDotnetTest_AndAllPass()
    {
        string project = Path.Combine(DotNetProcess.RepositoryRoot, "samples", "ResearcherTests");
        ProcessResult run = DotNetProcess.Run(DotNetProcess.RepositoryRoot, Timeout, null,
            "test", project, "--configuration", DotNetProcess.Configuration, "--no-build", "--results-directory", _directory);
        Assert.True(run.ExitCode == 0, run.ToString());
        Match summary = Regex.Match(run.Output, @"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+(?<n>\d+)");
        Assert.True(summary.Success, run.ToString());
        Assert.True(int.Parse(summary.Groups["n"].Value, CultureInfo.InvariantCulture) >= 5, run.ToString());
    }

    [Fact]
    public void Readme_QuickStart_IsTheCompiledQuickstartSample()
    {
        string readme = File.ReadAllText(Path.Combine(DotNetProcess.RepositoryRoot, "README.md"));
        Match block = Regex.Match(readme, @"## Quick start.*?```csharp\n(?<code>.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "README.md has no ```csharp block under '## Quick start'");

        string program = File.ReadAllText(Path.Combine(DotNetProcess.RepositoryRoot, "samples", "Quickstart", "Program.cs"));
        Match snippet = Regex.Match(program, @"// <quickstart>\n(?<code>.*?)// </quickstart>", RegexOptions.Singleline);
        Assert.True(snippet.Success, "samples/Quickstart/Program.cs has no <quickstart> region");
        Assert.Equal(Normalize(snippet.Groups["code"].Value), Normalize(block.Groups["code"].Value));
    }

    [Fact]
    public void Notebook_IsAValidDotNetInteractiveNotebook_ThatLoadsTheCurrentVersion()
    {
        string path = Path.Combine(DotNetProcess.RepositoryRoot, "samples", "Notebook", "SyntaxKnowledge.ipynb");
        using JsonDocument notebook = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(".net-csharp", notebook.RootElement.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        string[] code = [.. notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString())))];
        Assert.True(code.Length >= 4, $"{code.Length} code cells");

        string props = File.ReadAllText(Path.Combine(DotNetProcess.RepositoryRoot, "Directory.Build.props"));
        string version = Regex.Match(props, "<VersionPrefix>(?<v>[^<]+)</VersionPrefix>").Groups["v"].Value;
        Assert.Contains($"#r \"nuget: SyntaxKnowledge, {version}\"", code[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Notebook_CodeCells_CompileAndRunAgainstTheLibrary()
    {
        // The notebook's C# cells, in order, without the #i/#r directives, as one console program that references the
        // library this test run built. (The #r line itself is checked above; the cells run top to bottom as in a kernel.)
        string path = Path.Combine(DotNetProcess.RepositoryRoot, "samples", "Notebook", "SyntaxKnowledge.ipynb");
        using JsonDocument notebook = JsonDocument.Parse(File.ReadAllText(path));
        string[] lines = [.. notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .SelectMany(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString())).Split('\n'))
            .Where(l => !l.StartsWith("#i ", StringComparison.Ordinal) && !l.StartsWith("#r ", StringComparison.Ordinal))];
        string program = string.Join('\n', lines.Where(l => l.StartsWith("using ", StringComparison.Ordinal)).Concat(lines.Where(l => !l.StartsWith("using ", StringComparison.Ordinal))));

        string library = Path.Combine(DotNetProcess.RepositoryRoot, "src", "SyntaxKnowledge", "bin", DotNetProcess.Configuration, "net10.0", "SyntaxKnowledge.dll");
        string packages = File.ReadAllText(Path.Combine(DotNetProcess.RepositoryRoot, "Directory.Packages.props"));
        string mathNet = Regex.Match(packages, "Include=\"MathNet.Numerics\" Version=\"(?<v>[^\"]+)\"").Groups["v"].Value;
        string project = Path.Combine(_directory, "NotebookCells");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "Program.cs"), program);
        File.WriteAllText(Path.Combine(project, "NotebookCells.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="SyntaxKnowledge" HintPath="{{library}}" />
                <PackageReference Include="MathNet.Numerics" Version="{{mathNet}}" />
              </ItemGroup>
            </Project>
            """);
        ProcessResult run = DotNetProcess.Run(project, Timeout, null, "run", "--configuration", "Release");
        Assert.True(run.ExitCode == 0, run.ToString() + "\n--- program ---\n" + program);
        Assert.Contains("E[K_10] = ", run.Output, StringComparison.Ordinal);
        Assert.Contains("py.new-probability: verified", run.Output, StringComparison.Ordinal);
    }

    private static string[] Normalize(string code) =>
        [.. code.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0)];
}
