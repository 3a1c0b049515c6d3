using System.Globalization;
using ScottPlot;

namespace SyntaxKnowledge.Cli.Plots;

/// <summary>
/// Ticks for an axis whose coordinates are log10 of the data (ScottPlot 5 has no log scale of its own: the renderer
/// transforms the data and this generator labels the decades). Major ticks at powers of ten (every k-th decade when
/// many are visible), minor ticks at 2..9 times each power; when fewer than three powers of ten are visible, majors at
/// 1, 2, 5 (or 1..9) times a power so the axis never shows a single label.
/// </summary>
internal sealed class LogTickGenerator : ITickGenerator
{
    private static readonly int[] OneTwoFive = [1, 2, 5];
    private static readonly int[] AllMantissas = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    public Tick[] Ticks { get; set; } = [];

    public int MaxTickCount { get; set; } = 10_000;

    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        int maxLabels = Math.Max(2, (int)(size.Length / (edge.IsVertical() ? 30f : 64f)));
        Ticks = [.. Generate(range.Min, range.Max, maxLabels).Take(MaxTickCount)];
    }

    /// <summary>Returns the ticks for the log10 range [<paramref name="low"/>, <paramref name="high"/>] with at most <paramref name="maxLabels"/> labelled ticks.</summary>
    public static IReadOnlyList<Tick> Generate(double low, double high, int maxLabels)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            return [];
        }

        if (high < low)
        {
            (low, high) = (high, low);
        }

        if (high - low < 1e-9)
        {
            (low, high) = (low - 0.5, high + 0.5);
        }

        const double slack = 1e-9;
        int first = (int)Math.Ceiling(low - slack), last = (int)Math.Floor(high + slack);
        var ticks = new List<Tick>();
        bool Inside(double position) => position >= low - slack && position <= high + slack;
        if (last - first + 1 >= 3)
        {
            int decades = last - first + 1;
            int step = (decades + maxLabels - 1) / maxLabels;
            bool scientific = first < -3 || last > 5;
            for (int k = (int)Math.Floor(low); k <= (int)Math.Ceiling(high); k++)
            {
                bool major = (((k % step) + step) % step) == 0;
                if (Inside(k))
                {
                    ticks.Add(major ? Tick.Major(k, Label(1, k, scientific)) : Tick.Minor(k));
                }

                if (step == 1)
                {
                    for (int m = 2; m <= 9; m++)
                    {
                        double position = k + Math.Log10(m);
                        if (Inside(position))
                        {
                            ticks.Add(Tick.Minor(position));
                        }
                    }
                }
            }

            return ticks;
        }

        // Less than three powers of ten visible: label mantissas 1, 2, 5 (or 1..9 if that gives fewer than three labels).
        int[] mantissas = Mantissas(low, high, OneTwoFive).Count >= 3 || Mantissas(low, high, AllMantissas).Count > maxLabels ? OneTwoFive : AllMantissas;
        var labelled = Mantissas(low, high, mantissas);
        foreach ((int m, int k) in Mantissas(low, high, AllMantissas))
        {
            double position = k + Math.Log10(m);
            ticks.Add(labelled.Contains((m, k)) ? Tick.Major(position, Label(m, k, scientific: k < -3 || k > 5)) : Tick.Minor(position));
        }

        return [.. ticks.OrderBy(t => t.Position)];
    }

    /// <summary>
    /// Formats m * 10^k as ASCII: plain decimals ("0.01", "2000") unless <paramref name="scientific"/>, when powers with
    /// |k| &gt;= 3 are written "1e-5", "2e6" (an axis that needs that notation for some label uses it for all large ones).
    /// </summary>
    public static string Label(int mantissa, int exponent, bool scientific)
    {
        if (!scientific || exponent is > -3 and < 3)
        {
            return (mantissa * Math.Pow(10, exponent)).ToString("0.##########", CultureInfo.InvariantCulture);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{mantissa}e{exponent}");
    }

    private static HashSet<(int Mantissa, int Exponent)> Mantissas(double low, double high, int[] mantissas)
    {
        var result = new HashSet<(int, int)>();
        for (int k = (int)Math.Floor(low) - 1; k <= (int)Math.Ceiling(high); k++)
        {
            foreach (int m in mantissas)
            {
                double position = k + Math.Log10(m);
                if (position >= low - 1e-9 && position <= high + 1e-9)
                {
                    result.Add((m, k));
                }
            }
        }

        return result;
    }
}
