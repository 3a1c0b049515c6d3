using System.CommandLine;
using System.Globalization;
using SyntaxKnowledge.Cli.Plots;

namespace SyntaxKnowledge.Cli.Commands.Plot;

/// <summary>The options every `skm plot` chart shares: the image file (format by extension) and its size.</summary>
internal sealed class PlotOutput
{
    public Option<string> Out { get; } = new("--out")
    {
        Description = "The image file to write; its extension picks the format: .png or .svg. Written atomically (nothing is left on failure).",
        Required = true,
        HelpName = "file",
    };

    public Option<int> Width { get; } = CliOptions.Integer("--width", "Image width in pixels.", 200, 10_000, defaultValue: ChartFile.DefaultWidth);

    public Option<int> Height { get; } = CliOptions.Integer("--height", "Image height in pixels.", 200, 10_000, defaultValue: ChartFile.DefaultHeight);

    public IEnumerable<Option> All => [Out, Width, Height];

    /// <summary>Checks the file extension before any work is done; returns the path.</summary>
    public string Check(ParseResult parse)
    {
        string path = parse.GetValue(Out)!;
        ChartFile.FormatOf(path, "--out");
        return path;
    }

    /// <summary>Renders and writes the chart, then prints a one-line JSON receipt on standard output.</summary>
    public int Save(ParseResult parse, CommandContext context, string chartName, ChartSpec chart)
    {
        string path = parse.GetValue(Out)!;
        int width = parse.GetValue(Width), height = parse.GetValue(Height);
        ChartFile.Save(chart, path, "--out", width, height);
        Output.Json(context.Output, json =>
        {
            json.WriteStartObject();
            json.WriteString("chart", chartName);
            json.WriteString("file", path);
            json.WriteString("format", ChartFile.FormatOf(path, "--out").ToString().ToLowerInvariant());
            json.WriteNumber("width", width);
            json.WriteNumber("height", height);
            json.WriteEndObject();
        });
        return ExitCodes.Ok;
    }

    /// <summary>Reads a replicate count where 0 means "no simulation" and 1 is too few for a standard error.</summary>
    public static int Replicates(ParseResult parse, Option<int> option)
    {
        int value = parse.GetValue(option);
        if (value == 1)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{option.Name} = 1 is out of range; valid range: 0 (no simulation) or {option.Name} >= 2."));
        }

        return value;
    }
}
