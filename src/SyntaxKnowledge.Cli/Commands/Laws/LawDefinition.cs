using System.CommandLine;
using SyntaxKnowledge.Cli.Commands.Plot;
using SyntaxKnowledge.Cli.Plots;

namespace SyntaxKnowledge.Cli.Commands.Laws;

/// <summary>
/// A law's options and computation, shared by `skm laws X` (a table, with --format and --plot) and `skm plot X`
/// (the chart only), so both draw the same chart from the same options. Options are created fresh for each
/// definition: build one definition per command.
/// </summary>
/// <typeparam name="T">The computed data: what the table is written from and the chart is drawn from.</typeparam>
/// <param name="Name">The `skm laws` subcommand name.</param>
/// <param name="Description">The `skm laws` subcommand description.</param>
/// <param name="Options">The law's own options (model options included), in help order.</param>
/// <param name="OptionNames">Maps library parameter names to option names for error messages.</param>
/// <param name="Compute">Validates the options and computes the data (with a progress display).</param>
/// <param name="Write">Writes the data as JSON, CSV or a table, in the format named.</param>
/// <param name="Chart">Turns the data into a chart.</param>
internal sealed record LawDefinition<T>(
    string Name,
    string Description,
    IReadOnlyList<Option> Options,
    IReadOnlyDictionary<string, string> OptionNames,
    Func<ParseResult, CommandContext, T> Compute,
    Action<TextWriter, string, T> Write,
    Func<T, ChartSpec> Chart);

/// <summary>Builds the two commands of a <see cref="LawDefinition{T}"/>.</summary>
internal static class LawCommand
{
    /// <summary>skm laws &lt;name&gt;: the law's options plus --format and --plot FILE (the chart of the same data).</summary>
    public static Command Laws<T>(LawDefinition<T> law, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(law);
        Option<string> format = CliOptions.Format("json", "csv", "table");
        Option<string?> plot = PlotOption();
        var command = new Command(law.Name, law.Description);
        foreach (Option o in law.Options)
        {
            command.Options.Add(o);
        }

        command.Options.Add(format);
        command.Options.Add(plot);
        Cli.SetAction(command, interactive, law.OptionNames, (parse, context) =>
        {
            string? plotPath = CheckPlot(parse, plot);
            T data = law.Compute(parse, context);
            SavePlot(plotPath, () => law.Chart(data));
            law.Write(context.Output, parse.GetValue(format)!, data);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>skm plot &lt;name&gt;: the law's options plus --out, --width and --height; writes the chart and a JSON receipt.</summary>
    public static Command Plot<T>(string name, string description, LawDefinition<T> law, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(law);
        var output = new PlotOutput();
        var command = new Command(name, description);
        foreach (Option o in law.Options.Concat(output.All))
        {
            command.Options.Add(o);
        }

        Cli.SetAction(command, interactive, law.OptionNames, (parse, context) =>
        {
            output.Check(parse);
            T data = law.Compute(parse, context);
            return output.Save(parse, context, name, law.Chart(data));
        });
        return command;
    }

    /// <summary>The --plot FILE option of a command that prints a table.</summary>
    public static Option<string?> PlotOption(string what = "the table") => new("--plot")
    {
        Description = "Also draw " + what + " as a chart (the same chart as 'skm plot'); the extension picks the format: .png or .svg.",
        HelpName = "file",
    };

    /// <summary>Returns the --plot path after checking its extension (before any work), or null when not given.</summary>
    public static string? CheckPlot(ParseResult parse, Option<string?> plot)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string? path = parse.GetValue(plot);
        if (path is not null)
        {
            ChartFile.FormatOf(path, "--plot");
        }

        return path;
    }

    /// <summary>Draws the chart and writes it to the --plot path atomically, if one was given.</summary>
    public static void SavePlot(string? path, Func<ChartSpec> chart, int width = ChartFile.DefaultWidth, int height = ChartFile.DefaultHeight)
    {
        if (path is not null)
        {
            ChartFile.Save(chart(), path, "--plot", width, height);
        }
    }
}
