using System.Globalization;

namespace SyntaxKnowledge.Packaging.Tests;

/// <summary>
/// Packs every packable project once, into a local folder feed in a fresh temporary directory, for the tests of
/// <see cref="PackagingTests"/>. Nothing is written inside the repository, so the packing cannot collide with other
/// test projects building or running in parallel.
/// </summary>
/// <remarks>
/// <para><c>dotnet pack --artifacts-path</c> puts every bin/, obj/ and publish/ folder of the packed projects (and of
/// the projects they reference) under the temporary directory; the sources are read in place, so SourceLink sees the
/// git repository.</para>
/// <para>The version is <c>VersionPrefix-pkgtest.TIMESTAMP</c>, unique per run, and consumers restore into their own
/// package folder: a package left in a NuGet cache by an earlier run can never be picked up instead of this build.</para>
/// </remarks>
public sealed class PackedFeed : IDisposable
{
    /// <summary>The packable projects (relative to the repository root). Adding a package to the test is one line here.</summary>
    public static readonly string[] Projects =
    [
        "src/SyntaxKnowledge/SyntaxKnowledge.csproj",
        "src/SyntaxKnowledge.Gpu/SyntaxKnowledge.Gpu.csproj",
        "src/SyntaxKnowledge.Cli/SyntaxKnowledge.Cli.csproj",
        "src/SyntaxKnowledge.Testing/SyntaxKnowledge.Testing.csproj",
    ];

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public PackedFeed()
    {
        Root = Directory.CreateTempSubdirectory("skm-packaging-").FullName;
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        string prefix = System.Text.RegularExpressions.Regex.Match(
            File.ReadAllText(Path.Combine(DotNetProcess.RepositoryRoot, "Directory.Build.props")), "<VersionPrefix>(?<v>[^<]+)</VersionPrefix>").Groups["v"].Value;
        string suffix = "pkgtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        Version = prefix + "-" + suffix;

        // One solution filter, one 'dotnet pack': the projects build in one MSBuild graph (shared dependencies once).
        string filter = Path.Combine(Root, "packages.slnf");
        File.WriteAllText(filter, System.Text.Json.JsonSerializer.Serialize(new
        {
            solution = new
            {
                path = Path.Combine(DotNetProcess.RepositoryRoot, "Package.sln"),
                projects = Projects.Select(p => p.Replace('/', '\\')).ToArray(),
            },
        }));
        PackResult = DotNetProcess.Run(Root, Timeout, null,
            "pack", filter, "--configuration", "Release", "--artifacts-path", Path.Combine(Root, "artifacts"),
            "-p:PackageOutputPath=" + Feed + Path.DirectorySeparatorChar, "-p:VersionSuffix=" + suffix);
        if (PackResult.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + PackResult);
        }
    }

    /// <summary>Gets the temporary directory holding everything the tests write.</summary>
    public string Root { get; }

    /// <summary>Gets the local folder feed with the packed .nupkg and .snupkg files.</summary>
    public string Feed { get; }

    /// <summary>Gets the version of every package in the feed.</summary>
    public string Version { get; }

    /// <summary>Gets the result of the pack command (its output and time).</summary>
    public ProcessResult PackResult { get; }

    /// <summary>Writes a NuGet.config into a directory: the local feed first, nuget.org for dependencies, a private
    /// global packages folder, and the machine's packages folder as a read-only fallback (no download of what is cached).</summary>
    public void WriteNuGetConfig(string directory)
    {
        string machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(directory, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Root, "packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file on some systems; the OS cleans temp directories.
        }
    }
}
