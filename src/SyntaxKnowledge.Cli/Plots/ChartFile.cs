using System.Globalization;
using System.Text;
using ScottPlot;
using SyntaxKnowledge.Cli.Corpus;

namespace SyntaxKnowledge.Cli.Plots;

/// <summary>The image formats a chart can be written in, chosen by the file extension.</summary>
internal enum ChartFormat
{
    /// <summary>Portable Network Graphics (.png).</summary>
    Png,

    /// <summary>Scalable Vector Graphics (.svg).</summary>
    Svg,
}

/// <summary>Writes charts to PNG or SVG files atomically (a temporary file, then a rename), so a failed or cancelled run leaves no partial image.</summary>
internal static class ChartFile
{
    /// <summary>The default image width in pixels.</summary>
    public const int DefaultWidth = 900;

    /// <summary>The default image height in pixels.</summary>
    public const int DefaultHeight = 600;

    /// <summary>Returns the format named by the path's extension (.png or .svg, any case); anything else is a one-line input error.</summary>
    public static ChartFormat FormatOf(string path, string optionName)
    {
        string extension = Path.GetExtension(path ?? string.Empty).ToUpperInvariant();
        return extension switch
        {
            ".PNG" => ChartFormat.Png,
            ".SVG" => ChartFormat.Svg,
            _ => throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{optionName}: '{path}' has {(extension.Length == 0 ? "no extension" : "the extension '" + Path.GetExtension(path) + "'")}; valid extensions: .png, .svg.")),
        };
    }

    /// <summary>Renders the chart in memory, then writes it to <paramref name="path"/> atomically.</summary>
    public static void Save(ChartSpec chart, string path, string optionName, int width = DefaultWidth, int height = DefaultHeight)
    {
        ChartFormat format = FormatOf(path, optionName);
        byte[] bytes = Render(chart, format, width, height);
        AtomicFile.Write(path, optionName, stream => stream.Write(bytes));
    }

    /// <summary>Renders a chart to the bytes of a PNG or SVG file.</summary>
    public static byte[] Render(ChartSpec chart, ChartFormat format, int width, int height)
    {
        Plot plot = ChartRenderer.ToPlot(chart, width);
        return format == ChartFormat.Svg
            ? Encoding.UTF8.GetBytes(plot.GetSvgXml(width, height))
            : plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
