using ScottPlot;
using ScottPlot.Panels;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace SyntaxKnowledge.Cli.Plots;

/// <summary>
/// Draws a <see cref="ChartSpec"/> with ScottPlot 5: the one place that knows the plotting library. Log axes are
/// drawn by transforming the data to log10 and labelling decades with <see cref="LogTickGenerator"/>; values that
/// cannot be drawn on a log axis (zero, negative, not finite) are left out, and error bars or bands reaching below
/// zero are cut at half the smallest positive value in the chart.
/// </summary>
internal static class ChartRenderer
{
    /// <summary>The colour slots of <see cref="Layer.Color"/>: 0 is near-black (totals), then the Category10 colours.</summary>
    public static readonly IReadOnlyList<Color> Palette =
    [
        Color.FromHex("#222222"), Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"),
        Color.FromHex("#d62728"), Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"),
        Color.FromHex("#7f7f7f"), Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    /// <summary>Returns the colour of a palette slot (slots wrap around).</summary>
    public static Color ColorOf(int slot) => Palette[((slot % Palette.Count) + Palette.Count) % Palette.Count];

    /// <summary>Builds the ScottPlot plot of a chart; pure apart from allocating the plot.</summary>
    /// <param name="spec">The chart.</param>
    /// <param name="width">The intended image width in pixels: the subtitle is wrapped to fit it.</param>
    public static Plot ToPlot(ChartSpec spec, int width = ChartFile.DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var plot = new Plot();
        double floor = LogFloor(spec);
        Func<double, double> tx = Transform(spec.X.Scale), ty = Transform(spec.Y.Scale);
        foreach (Layer layer in spec.Layers)
        {
            Color color = ColorOf(layer.Color);
            switch (layer)
            {
                case BandLayer band:
                    AddBand(plot, band, color, tx, ty, floor, spec.Y.Scale);
                    break;
                case LineLayer line:
                    AddLine(plot, line, color, tx, ty);
                    break;
                case PointLayer points:
                    AddPoints(plot, points, color, tx, ty, floor, spec.Y.Scale);
                    break;
                case BarLayer bars:
                    AddBars(plot, bars, color, tx, ty);
                    break;
                case KeyLayer key:
                    plot.Legend.ManualItems.Add(new LegendItem
                    {
                        LabelText = key.Label,
                        LineColor = color,
                        LineWidth = key.Marker ? 0 : 2,
                        LinePattern = Pattern(key.Stroke),
                        MarkerShape = key.Marker ? MarkerShape.FilledCircle : MarkerShape.None,
                        MarkerSize = key.Marker ? 8 : 0,
                        MarkerFillColor = color,
                        MarkerLineColor = color,
                    });
                    break;
                default:
                    throw new ArgumentException("Unknown layer type " + layer.GetType().Name + ".", nameof(spec));
            }
        }

        if (!plot.GetPlottables().Any())
        {
            plot.Add.Annotation("nothing to draw: no value is defined on these axes", Alignment.MiddleCenter);
            plot.Axes.SetLimits(0, 1, 0, 1);
        }

        ConfigureAxis(plot.Axes.Bottom, spec.X);
        ConfigureAxis(plot.Axes.Left, spec.Y);
        plot.Axes.Bottom.Label.Text = spec.X.Label;
        plot.Axes.Left.Label.Text = spec.Y.Label;
        plot.Axes.Bottom.Label.FontSize = 16;
        plot.Axes.Left.Label.FontSize = 16;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Title(spec.Title, 16);
        if (spec.Subtitle is { } subtitle)
        {
            var panel = new TitlePanel();
            panel.Label.Text = Wrap(subtitle, Math.Max(40, (int)(width / 7.5)));
            panel.Label.FontSize = 12;
            panel.Label.Bold = false;
            panel.Label.ForeColor = Colors.Black.WithAlpha(0.75);
            plot.Axes.AddPanel(panel);
        }
        if (spec.X.Scale == AxisScale.Log || spec.Y.Scale == AxisScale.Log)
        {
            plot.Grid.MinorLineWidth = 1;
            plot.Grid.MinorLineColor = Colors.Black.WithAlpha(0.04);
        }

        if (spec.Layers.Any(l => l.Label.Length > 0))
        {
            if (spec.Legend == LegendCorner.Below)
            {
                // ScottPlot measures a wrapped legend a few pixels short; reserve its height from a rough text-width estimate.
                LegendPanel panel = plot.ShowLegend(Edge.Bottom);
                Layer[] labelled = [.. spec.Layers.Where(l => l.Label.Length > 0)];
                int columns = Math.Max(1, (int)((width - 80) / ((labelled.Max(l => l.Label.Length) * 7.5) + 60)));
                panel.MinimumSize = (((labelled.Length + columns - 1) / columns) * 21) + 12;
            }
            else
            {
                plot.ShowLegend(spec.Legend switch
                {
                    LegendCorner.UpperLeft => Alignment.UpperLeft,
                    LegendCorner.LowerRight => Alignment.LowerRight,
                    LegendCorner.LowerLeft => Alignment.LowerLeft,
                    _ => Alignment.UpperRight,
                });
            }

            plot.Legend.FontSize = 13;
            plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.85);
            plot.Legend.ShadowColor = Colors.Transparent;
            plot.Legend.OutlineColor = Colors.Black.WithAlpha(0.4);
        }

        if (spec.Layers.OfType<BarLayer>().Any())
        {
            plot.Axes.Margins(bottom: 0);
        }

        return plot;
    }

    private static void ConfigureAxis(IAxis axis, ChartAxis spec)
    {
        if (spec.Categories is { } categories)
        {
            var manual = new NumericManual();
            for (int i = 0; i < categories.Count; i++)
            {
                manual.AddMajor(i, categories[i]);
            }

            axis.TickGenerator = manual;
        }
        else if (spec.Scale == AxisScale.Log)
        {
            axis.TickGenerator = new LogTickGenerator();
        }
    }

    /// <summary>Breaks text into lines of at most <paramref name="columns"/> characters at spaces, preferring to break after a
    /// clause ("; ") once a line is more than half full.</summary>
    internal static string Wrap(string text, int columns)
    {
        var lines = new List<string>();
        string line = string.Empty;
        string[] words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < words.Length; i++)
        {
            string candidate = line.Length == 0 ? words[i] : line + " " + words[i];
            if (line.Length > 0 && candidate.Length > columns)
            {
                lines.Add(line);
                line = words[i];
            }
            else
            {
                line = candidate;
            }

            int clauseEnd = i + 1 < words.Length ? NextClauseLength(words, i + 1) : 0;
            if (line.EndsWith(';') && line.Length > columns / 2 && line.Length + 1 + clauseEnd > columns)
            {
                lines.Add(line);
                line = string.Empty;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return string.Join("\n", lines);
    }

    // The length of the clause starting at word i (up to and including the next word that ends with ';').
    private static int NextClauseLength(string[] words, int i)
    {
        int length = 0;
        for (int j = i; j < words.Length; j++)
        {
            length += words[j].Length + (j > i ? 1 : 0);
            if (words[j].EndsWith(';'))
            {
                break;
            }
        }

        return length;
    }

    private static LinePattern Pattern(Stroke stroke) => stroke switch
    {
        Stroke.Dashed => LinePattern.Dashed,
        Stroke.Dotted => LinePattern.Dotted,
        _ => LinePattern.Solid,
    };

    private static Func<double, double> Transform(AxisScale scale) => scale == AxisScale.Log
        ? v => v > 0 && double.IsFinite(v) ? Math.Log10(v) : double.NaN
        : v => double.IsFinite(v) ? v : double.NaN;

    // Half the smallest positive value any layer draws on the y axis: where bands and error bars are cut on a log axis.
    private static double LogFloor(ChartSpec spec)
    {
        IEnumerable<double> values = spec.Layers.SelectMany(l => l switch
        {
            LineLayer line => line.Y,
            BandLayer band => band.Lower.Concat(band.Upper),
            PointLayer points => points.Y.Concat(points.Lower ?? []),
            BarLayer bars => bars.Y,
            _ => [],
        });
        double smallest = values.Where(v => v > 0 && double.IsFinite(v)).DefaultIfEmpty(1).Min();
        return smallest / 2;
    }

    private static void AddLine(Plot plot, LineLayer line, Color color, Func<double, double> tx, Func<double, double> ty)
    {
        (double[] xs, double[] ys) = Valid(line.X, line.Y, tx, ty);
        if (xs.Length == 0)
        {
            return;
        }

        Scatter scatter = plot.Add.ScatterLine(xs, ys, color);
        scatter.LineWidth = line.Width;
        scatter.LinePattern = Pattern(line.Stroke);
        scatter.MarkerSize = line.Markers ? 6 : 0;
        scatter.LegendText = line.Label;
    }

    private static void AddBand(Plot plot, BandLayer band, Color color, Func<double, double> tx, Func<double, double> ty, double floor, AxisScale yScale)
    {
        var rows = new List<(double X, double Low, double High)>();
        for (int i = 0; i < band.X.Count; i++)
        {
            double x = tx(band.X[i]), high = ty(band.Upper[i]);
            double low = ty(yScale == AxisScale.Log ? Math.Max(band.Lower[i], floor) : band.Lower[i]);
            if (!double.IsNaN(x) && !double.IsNaN(high) && !double.IsNaN(low))
            {
                rows.Add((x, low, high));
            }
        }

        if (rows.Count == 0)
        {
            return;
        }

        FillY fill = plot.Add.FillY(rows);
        fill.FillColor = color.WithAlpha(0.2);
        fill.LineWidth = 0;
        fill.LegendText = band.Label;
    }

    private static void AddPoints(Plot plot, PointLayer points, Color color, Func<double, double> tx, Func<double, double> ty, double floor, AxisScale yScale)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        var below = new List<double>();
        var above = new List<double>();
        for (int i = 0; i < points.X.Count; i++)
        {
            double x = tx(points.X[i]), y = ty(points.Y[i]);
            if (double.IsNaN(x) || double.IsNaN(y))
            {
                continue;
            }

            xs.Add(x);
            ys.Add(y);
            if (points.Lower is { } lower && points.Upper is { } upper)
            {
                double low = ty(yScale == AxisScale.Log ? Math.Max(lower[i], floor) : lower[i]), high = ty(upper[i]);
                below.Add(double.IsNaN(low) ? 0 : Math.Max(0, y - low));
                above.Add(double.IsNaN(high) ? 0 : Math.Max(0, high - y));
            }
        }

        if (xs.Count == 0)
        {
            return;
        }

        if (below.Count > 0)
        {
            double[] zeros = new double[xs.Count];
            var bars = new ErrorBar(xs, ys, zeros, zeros, below, above)
            {
                Color = color,
                LineWidth = 1.5f,
                CapSize = 5,
            };
            plot.Add.Plottable(bars);
        }

        Scatter scatter = points.Connect ? plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), color) : plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), color);
        scatter.MarkerSize = 8;
        scatter.MarkerShape = MarkerShape.FilledCircle;
        scatter.LineWidth = points.Connect ? 1.5f : 0;
        scatter.LegendText = points.Label;
    }

    private static void AddBars(Plot plot, BarLayer layer, Color color, Func<double, double> tx, Func<double, double> ty)
    {
        var bars = new List<Bar>();
        for (int i = 0; i < layer.X.Count; i++)
        {
            double x = tx(layer.X[i]), y = ty(layer.Y[i]);
            if (!double.IsNaN(x) && !double.IsNaN(y))
            {
                bars.Add(new Bar { Position = x, Value = y, Size = layer.Width, FillColor = color, LineWidth = 0 });
            }
        }

        if (bars.Count == 0)
        {
            return;
        }

        BarPlot plottable = plot.Add.Bars(bars);
        plottable.LegendText = layer.Label;
    }

    private static (double[] X, double[] Y) Valid(IReadOnlyList<double> x, IReadOnlyList<double> y, Func<double, double> tx, Func<double, double> ty)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            double a = tx(x[i]), b = ty(y[i]);
            if (!double.IsNaN(a) && !double.IsNaN(b))
            {
                xs.Add(a);
                ys.Add(b);
            }
        }

        return (xs.ToArray(), ys.ToArray());
    }
}
