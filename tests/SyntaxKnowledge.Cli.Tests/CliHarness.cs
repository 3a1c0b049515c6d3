namespace SyntaxKnowledge.Cli.Tests;

/// <summary>Runs skm in-process with captured output, as a user's shell would (non-interactive).</summary>
internal static class CliHarness
{
    public static (int Code, string Output, string Error) Run(params string[] args) => CliRunner.Run(args);

    /// <summary>Asserts a bad-input run: exit 2, nothing on stdout, exactly one line on stderr containing every fragment.</summary>
    public static void AssertBadInput((int Code, string Output, string Error) result, params string[] fragments)
    {
        Assert.Equal(2, result.Code);
        Assert.Equal(string.Empty, result.Output);
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, lines[0], StringComparison.Ordinal);
        }
    }
}
