using System.Text.RegularExpressions;

namespace SyntaxKnowledge.Cli.Tests.Fuzz;

/// <summary>
/// The fuzz layer of issue 11: every command and every file format fed bad input. Each case must exit with its code (2: bad
/// input), print nothing on stdout and exactly one line on stderr that names the option or file (and the value and the valid
/// range where there is one), with no stack frame and no .NET type name, and leave no output file or temporary behind.
/// </summary>
public sealed partial class BadInputTests(BadInputFiles files) : IClassFixture<BadInputFiles>
{
    public static TheoryData<string> Cases => [.. BadInputCases.All.Select(c => c.Id)];

    [Fact]
    public void Cases_CoverEveryCommandAndFormat_AtLeast150()
    {
        Assert.True(BadInputCases.All.Count >= 150, $"{BadInputCases.All.Count} cases");
        Assert.Equal(BadInputCases.All.Count, BadInputCases.All.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        string[] commands =
        [
            "demo", "pitman-yor", "generate", "oracle", "score", "vocab", "split", "score-probes", "fit", "laws", "verify", "simulate",
            "merge", "bench", "plot", "compare",
        ];
        string[] formats = ["corpus", "corpus-shard", "simulate-shard", "logprobs", "loss-csv", "manifest", "probes", "answers"];
        HashSet<string> groups = [.. BadInputCases.All.Select(c => c.Group)];
        Assert.Equal(string.Empty, string.Join(", ", commands.Where(c => !groups.Contains(c))));
        Assert.Equal(string.Empty, string.Join(", ", formats.Where(f => !groups.Contains("format:" + f))));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadInput_OneLineNamingIt_ExitCode_NoOutputLeft(string id)
    {
        BadInputCase c = BadInputCases.All.Single(x => x.Id == id);
        string slug = Slug().Replace(id, "-");
        string bad = files.Path("bad-" + slug + ".txt"), output = files.Path("out-" + slug);
        if (c.Content is not null)
        {
            File.WriteAllText(bad, c.Content(files));
        }

        string[] args = [.. c.Args.Select(a => Expand(a, bad, output))];
        string[] before = [.. Directory.EnumerateFileSystemEntries(files.Directory, "*", SearchOption.AllDirectories)];
        (int code, string stdout, string stderr) = CliRunner.Run(args);

        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string shown = $"skm {string.Join(' ', args)}\n=> exit {code}, stderr: {stderr}";
        Assert.True(code == c.Code, shown);
        Assert.True(stdout.Length == 0, shown + "\nstdout: " + stdout);
        Assert.True(lines.Length == 1, shown);
        string line = lines[0];
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        Assert.False(DotNetType().IsMatch(line), shown);
        Assert.True(line.Length <= 600, shown);
        foreach (string fragment in c.Fragments)
        {
            string expected = Expand(fragment, bad, output);
            Assert.True(line.Contains(expected, StringComparison.Ordinal), $"missing '{expected}' in: {line}");
        }

        if (c.Range)
        {
            Assert.True(Regex.IsMatch(line, "valid|expected|needs|required|must", RegexOptions.IgnoreCase), "no valid range in: " + line);
        }

        // Nothing written: no output file or folder, no temporary, nothing new in the fixture folder but the bad file itself.
        Assert.False(File.Exists(output) || Directory.Exists(output), shown);
        string[] after = [.. Directory.EnumerateFileSystemEntries(files.Directory, "*", SearchOption.AllDirectories)];
        Assert.Empty(after.Except(before, StringComparer.Ordinal));
        Assert.Equal(string.Empty, string.Join(", ", after.Where(p => Path.GetFileName(p).Contains(".partial-", StringComparison.Ordinal))));
    }

    private string Expand(string text, string bad, string output) =>
        FixtureFile().Replace(text, m => files.Path(m.Groups[1].Value))
            .Replace("{bad}", bad, StringComparison.Ordinal)
            .Replace("{out}", output, StringComparison.Ordinal)
            .Replace("{dir}", files.Directory, StringComparison.Ordinal)
            .Replace("{missing}", files.Path("no-such-file.jsonl"), StringComparison.Ordinal);

    [GeneratedRegex(@"\{f:([^}]+)\}")]
    private static partial Regex FixtureFile();

    [GeneratedRegex(@"[^A-Za-z0-9]+")]
    private static partial Regex Slug();

    [GeneratedRegex(@"\bSystem\.[A-Z]")]
    private static partial Regex DotNetType();
}
