using System.Text.Json;

namespace SyntaxKnowledge.Cli.Tests;

/// <summary>Runs skm in-process as a user would (non-interactive) and captures its output.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using var error = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        int code = Cli.Run(args, output, error, interactive: false);
        return (code, output.ToString(), error.ToString());
    }

    public static JsonElement Json(params string[] args)
    {
        (int code, string output, string error) = Run(args);
        Assert.True(code == 0, $"exit code {code}: {error}");
        Assert.Equal(string.Empty, error);
        using JsonDocument document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }
}
