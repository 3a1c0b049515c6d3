using System.Text.RegularExpressions;

namespace SyntaxKnowledge.Tests.Conventions;

/// <summary>No file of the repository mentions a file the repository does not contain (issue 16): the design notes the
/// library was built from (THEORY.md, ARCHITECTURE.md, …) are not shipped, so XML docs and pages link to docs/ instead.</summary>
public sealed partial class ReferenceTests
{
    private static readonly string[] Roots = ["src", "tests", "docs", "samples"];

    private static IEnumerable<string> TextFiles()
    {
        string root = ConventionTests.RepositoryRoot();
        yield return Path.Combine(root, "README.md");
        foreach (string folder in Roots)
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal)
                    || relative.StartsWith("docs/_site/", StringComparison.Ordinal) || relative.StartsWith("docs/api/", StringComparison.Ordinal)
                    || relative.Contains("/template/", StringComparison.Ordinal) || relative.EndsWith("ReferenceTests.cs", StringComparison.Ordinal))
                {
                    continue;
                }

                if (Path.GetExtension(file) is ".cs" or ".md" or ".py" or ".yml" or ".json" or ".txt")
                {
                    yield return file;
                }
            }
        }
    }

    [Fact]
    public void NoFile_MentionsTheUnshippedDesignNotes()
    {
        string[] offenders = [.. TextFiles().Where(f => DesignNote().IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(ConventionTests.RepositoryRoot(), f))];
        Assert.True(offenders.Length == 0, "mention THEORY/ARCHITECTURE/STYLE/STACK.md, which the repository does not contain: " + string.Join(", ", offenders));
    }

    [Fact]
    public void EveryDocsPathMentioned_Exists()
    {
        string root = ConventionTests.RepositoryRoot();
        var missing = new List<string>();
        int checkedPaths = 0;
        foreach (string file in TextFiles())
        {
            foreach (Match m in DocsPath().Matches(File.ReadAllText(file)))
            {
                checkedPaths++;
                string path = m.Groups["path"].Value.TrimEnd('.', ',', ')');
                if (!File.Exists(Path.Combine(root, path)))
                {
                    missing.Add($"{Path.GetRelativePath(root, file)} -> {path}");
                }
            }
        }

        Assert.True(checkedPaths > 50, $"only {checkedPaths} docs/ paths found: the scan is broken");
        Assert.True(missing.Count == 0, string.Join("; ", missing));
    }

    [GeneratedRegex(@"\b(THEORY|ARCHITECTURE|STYLE|STACK)\.md\b")]
    private static partial Regex DesignNote();

    [GeneratedRegex(@"(?<![\w/.])(?<path>docs/[\w./-]+\.md)")]
    private static partial Regex DocsPath();
}
