using System.Globalization;
using SyntaxKnowledge.Theorems;

namespace SyntaxKnowledge.Cli.Plots.Charts;

internal static partial class Charts
{
    /// <summary>The largest |z| drawn; larger z-scores (failures far off) are drawn at this value so the tolerance band stays readable.</summary>
    public const double ZLimit = 12;

    /// <summary>The z-score (simulated - exact)/SE of every statistical check of the catalog, one row per theorem (ids on the vertical axis), the +/- 4 SE tolerance as lines; passed checks in green, failed in red.</summary>
    public static ChartSpec Verification(IReadOnlyList<TheoremReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        TheoremReport[] rows = [.. reports.Where(r => r.Checks.Any(IsDrawable))];
        int k = rows.Length;
        var pass = (X: new List<double>(), Y: new List<double>());
        var fail = (X: new List<double>(), Y: new List<double>());
        var bound = (X: new List<double>(), Y: new List<double>());
        bool clamped = false;
        for (int i = 0; i < k; i++)
        {
            double position = k - 1 - i; // the first theorem at the top
            foreach (TheoremCheck check in rows[i].Checks.Where(IsDrawable))
            {
                double z = Math.Clamp(check.ZScore, -ZLimit, ZLimit);
                clamped |= z != check.ZScore;
                var target = !check.Passed ? fail : IsBound(check) ? bound : pass;
                target.X.Add(z);
                target.Y.Add(position);
            }
        }

        double top = k - 0.5, bottom = -0.5;
        const double tolerance = TheoremCheck.Tolerance;
        var layers = new List<Layer>
        {
            new LineLayer(string.Empty, 8, [0, 0], [bottom, top], Stroke.Dotted, Width: 1),
            new LineLayer(string.Create(CultureInfo.InvariantCulture, $"tolerance +/- {tolerance} SE"), Red, [-tolerance, -tolerance], [bottom, top], Stroke.Dashed, Width: 1.5f),
            new LineLayer(string.Empty, Red, [tolerance, tolerance], [bottom, top], Stroke.Dashed, Width: 1.5f),
            new PointLayer(string.Create(CultureInfo.InvariantCulture, $"passed ({pass.X.Count} checks)"), 3, pass.X, pass.Y),
        };
        if (bound.X.Count > 0)
        {
            layers.Add(new PointLayer(string.Create(CultureInfo.InvariantCulture, $"passed, bound check ({bound.X.Count} checks: >=, < or [lo, hi]; z measured from the bound)"), Blue, bound.X, bound.Y));
        }

        if (fail.X.Count > 0)
        {
            layers.Add(new PointLayer(string.Create(CultureInfo.InvariantCulture, $"FAILED ({fail.X.Count} checks)"), Red, fail.X, fail.Y));
        }

        int theoremsPassed = reports.Count(r => r.Passed);
        TheoremReport? first = reports.Count > 0 ? reports[0] : null;
        string note = string.Create(CultureInfo.InvariantCulture, $"{theoremsPassed} of {reports.Count} theorems passed (all checks); {reports.Count - k} theorems without a statistical check are not drawn; backend {first?.Backend}, seed {first?.Seed}");
        return new ChartSpec(
            "Theorem catalog: Monte Carlo checks, z = (simulated - exact) / SE",
            new ChartAxis(clamped ? string.Create(CultureInfo.InvariantCulture, $"z-score (standard errors; |z| > {ZLimit} drawn at {ZLimit})") : "z-score (standard errors)"),
            new ChartAxis("theorem", Categories: [.. rows.Reverse().Select(r => r.Id)]),
            layers,
            LegendCorner.Below,
            note);
    }

    /// <summary>The image height that gives each theorem row of <see cref="Verification"/> about 22 pixels.</summary>
    public static int VerificationHeight(IReadOnlyList<TheoremReport> reports) =>
        Math.Max(ChartFile.DefaultHeight, 220 + (22 * (reports ?? []).Count(r => r.Checks.Any(IsDrawable))));

    /// <summary>Whether a statistical check tests a bound ("&gt; b", "&lt; b" or an interval "[lo, hi]") rather than a closed-form value: its z is measured from the bound and large |z| on the right side passes.</summary>
    internal static bool IsBound(TheoremCheck check) => check.Expected.Length > 0 && check.Expected[0] is '<' or '>' or '[';

    private static bool IsDrawable(TheoremCheck check) => check.Kind == CheckKind.Statistical && !double.IsNaN(check.ZScore);
}
