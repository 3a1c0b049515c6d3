namespace SyntaxKnowledge.Cli.Plots;

/// <summary>How an axis maps values to the page.</summary>
internal enum AxisScale
{
    /// <summary>Linear.</summary>
    Linear,

    /// <summary>Base-10 logarithmic: values are drawn at log10(v); values that are not positive are left out.</summary>
    Log,
}

/// <summary>The line pattern of a line layer.</summary>
internal enum Stroke
{
    /// <summary>A solid line (exact values).</summary>
    Solid,

    /// <summary>A dashed line (asymptotic laws).</summary>
    Dashed,

    /// <summary>A dotted line (guides and reference slopes).</summary>
    Dotted,
}

/// <summary>Where the legend goes inside the data area.</summary>
internal enum LegendCorner
{
    /// <summary>Upper right.</summary>
    UpperRight,

    /// <summary>Upper left.</summary>
    UpperLeft,

    /// <summary>Lower right.</summary>
    LowerRight,

    /// <summary>Lower left.</summary>
    LowerLeft,

    /// <summary>Outside the data area, below the x axis (for busy charts whose data fill every corner).</summary>
    Below,
}

/// <summary>An axis: its label (with units) and scale; <paramref name="Categories"/> labels positions 0, 1, 2, … instead of numeric ticks.</summary>
/// <param name="Label">The axis label, with units, e.g. "excess loss (nats per sentence)".</param>
/// <param name="Scale">Linear or logarithmic.</param>
/// <param name="Categories">Labels of the integer positions 0..k-1 for categorical axes (bar charts), or null.</param>
internal sealed record ChartAxis(string Label, AxisScale Scale = AxisScale.Linear, IReadOnlyList<string>? Categories = null);

/// <summary>One thing drawn in a chart. <see cref="Color"/> is a slot in <see cref="ChartRenderer.Palette"/>, so a band and its
/// exact curve can share a colour.</summary>
/// <param name="Label">The legend text; empty for no legend entry.</param>
/// <param name="Color">The palette slot.</param>
internal abstract record Layer(string Label, int Color);

/// <summary>A curve through (x, y), e.g. an exact or asymptotic law.</summary>
internal sealed record LineLayer(string Label, int Color, IReadOnlyList<double> X, IReadOnlyList<double> Y, Stroke Stroke = Stroke.Solid, bool Markers = false, float Width = 2)
    : Layer(Label, Color);

/// <summary>A shaded band between <paramref name="Lower"/> and <paramref name="Upper"/> over x, e.g. simulated quantiles.</summary>
internal sealed record BandLayer(string Label, int Color, IReadOnlyList<double> X, IReadOnlyList<double> Lower, IReadOnlyList<double> Upper)
    : Layer(Label, Color);

/// <summary>Markers at (x, y) with optional vertical error bars from <paramref name="Lower"/> to <paramref name="Upper"/> (absolute values, not offsets).</summary>
internal sealed record PointLayer(string Label, int Color, IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<double>? Lower = null, IReadOnlyList<double>? Upper = null, bool Connect = false)
    : Layer(Label, Color);

/// <summary>Vertical bars of the given <paramref name="Width"/> centred at x (categorical positions for grouped bars).</summary>
internal sealed record BarLayer(string Label, int Color, IReadOnlyList<double> X, IReadOnlyList<double> Y, double Width)
    : Layer(Label, Color);

/// <summary>A legend entry with no data: explains a convention shared by several layers (e.g. "dashed: asymptotic").</summary>
internal sealed record KeyLayer(string Label, int Color, Stroke Stroke = Stroke.Solid, bool Marker = false)
    : Layer(Label, Color);

/// <summary>
/// A chart as plain data, independent of the plotting library: what a chart function returns and what
/// <see cref="ChartRenderer.ToPlot"/> draws. Layers are drawn in order (bands first reads best).
/// </summary>
/// <param name="Title">The title; states the parameters.</param>
/// <param name="X">The horizontal axis.</param>
/// <param name="Y">The vertical axis.</param>
/// <param name="Layers">What to draw, back to front.</param>
/// <param name="Legend">Where the legend goes.</param>
/// <param name="Subtitle">A second, smaller title line (simulation sizes, seeds, notes), or null.</param>
internal sealed record ChartSpec(string Title, ChartAxis X, ChartAxis Y, IReadOnlyList<Layer> Layers, LegendCorner Legend = LegendCorner.UpperRight, string? Subtitle = null);
