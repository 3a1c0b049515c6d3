using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text.Json;
using System.Xml.Linq;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Packaging.Tests;

/// <summary>
/// The packages as a user gets them: packed from source into a local folder feed, checked for their metadata, then
/// installed into a fresh console project (<c>dotnet add package</c>) and as a tool (<c>dotnet tool install --add-source</c>)
/// and run. Slow (a pack and three restores, one to three minutes): filter with <c>Category!=Packaging</c> to skip.
/// </summary>
[Trait("Category", "Packaging")]
public sealed class PackagingTests(PackedFeed feed) : IClassFixture<PackedFeed>
{
    private static readonly Guid SourceLinkGuid = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    public static TheoryData<string> PackageIds => [.. PackedFeed.Projects.Select(PackageId)];

    private static string PackageId(string project) =>
        XDocument.Load(Path.Combine(DotNetProcess.RepositoryRoot, project)).Descendants("PackageId").Single().Value;

    private string Package(string id, string extension = "nupkg") => Path.Combine(feed.Feed, $"{id}.{feed.Version}.{extension}");

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Pack_Package_HasReadmeLicenceRepositoryDocsAndSymbols(string id)
    {
        Assert.True(File.Exists(Package(id)), $"{Package(id)} missing; pack output:\n{feed.PackResult}");
        Assert.True(File.Exists(Package(id, "snupkg")), $"symbol package of {id} missing");

        using ZipArchive nupkg = ZipFile.OpenRead(Package(id));
        XNamespace ns = XDocument.Load(nupkg.GetEntry(id + ".nuspec")!.Open()).Root!.Name.Namespace;
        XElement metadata = XDocument.Load(nupkg.GetEntry(id + ".nuspec")!.Open()).Root!.Element(ns + "metadata")!;
        Assert.Equal("MIT", metadata.Element(ns + "license")?.Value);
        Assert.Equal("expression", metadata.Element(ns + "license")?.Attribute("type")?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        // The package README is the project's own README.md when it has one, otherwise the repository's.
        string projectReadme = Path.Combine(DotNetProcess.RepositoryRoot, Path.GetDirectoryName(PackedFeed.Projects.Single(p => PackageId(p) == id))!, "README.md");
        string expectedReadme = File.ReadAllText(File.Exists(projectReadme) ? projectReadme : Path.Combine(DotNetProcess.RepositoryRoot, "README.md"));
        using (var reader = new StreamReader(nupkg.GetEntry("README.md")!.Open()))
        {
            Assert.Equal(expectedReadme, reader.ReadToEnd());
        }
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
        XElement repository = metadata.Element(ns + "repository") ?? throw new Xunit.Sdk.XunitException("no <repository> in the nuspec");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.StartsWith("https://github.com/", repository.Attribute("url")?.Value, StringComparison.Ordinal);
        if (Directory.Exists(Path.Combine(DotNetProcess.RepositoryRoot, ".git")) || File.Exists(Path.Combine(DotNetProcess.RepositoryRoot, ".git")))
        {
            Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? string.Empty);
        }

        // Libraries ship their XML docs next to the assembly; the tool ships its whole publish folder.
        string[] files = [.. nupkg.Entries.Select(e => e.FullName)];
        bool isTool = metadata.Element(ns + "packageTypes")?.Elements().Any(e => e.Attribute("name")?.Value == "DotnetTool") == true;
        string assembly = isTool ? "tools/net10.0/any/skm.dll" : $"lib/net10.0/{id}.dll";
        Assert.Contains(assembly, files);
        Assert.Contains(Path.ChangeExtension(assembly, ".xml"), files);
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Pack_SymbolPackage_HasPortablePdbsWithSourceLink(string id)
    {
        using ZipArchive snupkg = ZipFile.OpenRead(Package(id, "snupkg"));
        ZipArchiveEntry[] pdbs = [.. snupkg.Entries.Where(e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal))];
        Assert.NotEmpty(pdbs);
        // SourceLink maps files to URLs of the git remote 'origin'; GitHub remotes map to raw.githubusercontent.com.
        // A checkout without such a remote (a local clone, a tarball) packs without SourceLink, and nothing is asserted about it.
        bool githubOrigin = GitOrigin()?.Contains("github.com", StringComparison.OrdinalIgnoreCase) == true;
        foreach (ZipArchiveEntry entry in pdbs)
        {
            using var buffer = new MemoryStream();
            entry.Open().CopyTo(buffer);
            buffer.Position = 0;
            using MetadataReaderProvider provider = MetadataReaderProvider.FromPortablePdbStream(buffer);
            MetadataReader reader = provider.GetMetadataReader();
            Assert.True(reader.Documents.Count > 0, entry.FullName + " lists no documents");
            string? sourceLink = reader.CustomDebugInformation
                .Select(reader.GetCustomDebugInformation)
                .Where(c => reader.GetGuid(c.Kind) == SourceLinkGuid)
                .Select(c => System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(c.Value)))
                .FirstOrDefault();
            if (githubOrigin)
            {
                Assert.NotNull(sourceLink);
                Assert.Contains("raw.githubusercontent.com", sourceLink, StringComparison.Ordinal);
            }

            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                // ContinuousIntegrationBuild: deterministic paths (/_/...) instead of this machine's.
                string path = reader.GetString(reader.GetDocument(reader.Documents.First()).Name);
                Assert.StartsWith("/_/", path, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Pack_TestingPackage_DependsOnTheSameCoreVersionFsCheckAndXunit()
    {
        using ZipArchive nupkg = ZipFile.OpenRead(Package("SyntaxKnowledge.Testing"));
        string nuspec = new StreamReader(nupkg.GetEntry("SyntaxKnowledge.Testing.nuspec")!.Open()).ReadToEnd();
        Assert.Contains($"id=\"SyntaxKnowledge\" version=\"{feed.Version}\"", nuspec, StringComparison.Ordinal);
        Assert.Contains("id=\"FsCheck\" version=\"3.6.0\"", nuspec, StringComparison.Ordinal);
        Assert.Contains("id=\"xunit.extensibility.core\" version=\"2.9.3\"", nuspec, StringComparison.Ordinal);
        Assert.Contains("id=\"xunit.assert\" version=\"2.9.3\"", nuspec, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_LibraryAndTestingFromTheLocalFeed_RunInAFreshConsoleProject()
    {
        string work = Path.Combine(feed.Root, "consumer");
        Directory.CreateDirectory(work);
        feed.WriteNuGetConfig(work);
        string project = Path.Combine(work, "Consumer");
        Run(work, "new", "console", "--output", project, "--framework", "net10.0", "--no-restore");
        Run(project, "add", "package", "SyntaxKnowledge", "--version", feed.Version);
        Run(project, "add", "package", "SyntaxKnowledge.Testing", "--version", feed.Version);
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            using FsCheck.Fluent;
            using SyntaxKnowledge.Numbers;
            using SyntaxKnowledge.Processes;
            using SyntaxKnowledge.Testing;
            using SyntaxKnowledge.Theorems;

            var p = PitmanYorParameters.Create(Rational.Parse("1/2"), 1);
            Console.WriteLine($"E[K_100] = {ExpectedDistinct.Exact(p, 100)}");
            Console.WriteLine($"catalog: {new CatalogTheoryData().Cast<object[]>().Count()} theorems");
            Console.WriteLine($"arbitrary: {SyntaxKnowledgeGenerators.PitmanYor.Sample(5, 10).Count()} parameter sets");
            Console.WriteLine($"py.seating: {TheoremAssert.Verifies("py.seating", 100, TheoremAssert.DefaultSeed, null).Passed}");
            """);
        ProcessResult run = Run(project, "run", "--configuration", "Release");
        Assert.Contains($"E[K_100] = {ExpectedDistinct.Exact(PitmanYorParameters.Create(new Rational(1, 2), 1), 100)}", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"catalog: \d+ theorems", run.Output);
        Assert.Contains("arbitrary: 5 parameter sets", run.Output, StringComparison.Ordinal);
        Assert.Contains("py.seating: True", run.Output, StringComparison.Ordinal);
        Assert.Contains($"SyntaxKnowledge/{feed.Version}", File.ReadAllText(Path.Combine(project, "obj", "project.assets.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Install_ToolFromTheLocalFeed_RunsSkm()
    {
        string work = Path.Combine(feed.Root, "tool");
        Directory.CreateDirectory(work);
        feed.WriteNuGetConfig(work);
        string tools = Path.Combine(work, "tools");
        Run(work, "tool", "install", "SyntaxKnowledge.Cli", "--version", feed.Version, "--tool-path", tools, "--add-source", feed.Feed);

        string skm = Path.Combine(tools, OperatingSystem.IsWindows() ? "skm.exe" : "skm");
        ProcessResult run = DotNetProcess.Start(skm, work, PackedFeed.Timeout, null,
            "pitman-yor", "expected-distinct", "--discount", "1/2", "--concentration", "1", "--n", "100");
        Assert.True(run.ExitCode == 0, run.ToString());
        using JsonDocument json = JsonDocument.Parse(run.Output);
        Rational expected = ExpectedDistinct.Exact(PitmanYorParameters.Create(new Rational(1, 2), 1), 100);
        Assert.Equal(expected.ToString(), json.RootElement.GetProperty("exact").GetString());

        ProcessResult version = DotNetProcess.Start(skm, work, PackedFeed.Timeout, null, "--version");
        Assert.StartsWith(feed.Version, version.Output.Trim(), StringComparison.Ordinal);
    }

    private static string? GitOrigin()
    {
        try
        {
            ProcessResult origin = DotNetProcess.Start("git", DotNetProcess.RepositoryRoot, TimeSpan.FromMinutes(1), null, "config", "--get", "remote.origin.url");
            return origin.ExitCode == 0 ? origin.Output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed: no SourceLink either
        }
    }

    private static ProcessResult Run(string directory, params string[] args)
    {
        ProcessResult result = DotNetProcess.Run(directory, PackedFeed.Timeout, null, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
