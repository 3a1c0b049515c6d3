using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace SyntaxKnowledge.Benchmarks;

/// <summary>
/// Short in-process runs with two extra columns: the rate (M per second, every benchmark reports one operation per
/// draw or step) and the ratio to the raw generator rate measured in the same class (<c>Generator</c> method).
/// The built-in Ratio column is relative to the class's simple reference implementation (the baseline).
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    /// <summary>The category of benchmarks that run only with SKM_BENCH_LARGE=1.</summary>
    public const string LargeCategory = "large";

    public BenchConfig()
    {
        Add(DefaultConfig.Instance); // loggers, exporters, default columns
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        bool large = Environment.GetEnvironmentVariable("SKM_BENCH_LARGE") == "1";
        AddFilter(new SimpleFilter(b => large || !b.Descriptor.Categories.Contains(LargeCategory)));
        AddColumn(new RateColumn(), new GeneratorRatioColumn());
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }

    private sealed class RateColumn : IColumn
    {
        public string Id => nameof(RateColumn);

        public string ColumnName => "M/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Millions of draws (or steps, or generator words) per second, all threads together";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            double? nanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return nanoseconds is { } ns && ns > 0 ? (1e3 / ns).ToString("F1", CultureInfo.InvariantCulture) : "-";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }

    private sealed class GeneratorRatioColumn : IColumn
    {
        public string Id => nameof(GeneratorRatioColumn);

        public string ColumnName => "x generator";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 1;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Rate / raw CounterRandom rate on one thread (the Generator method of the same class)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            BenchmarkCase? generator = summary.BenchmarksCases.FirstOrDefault(c =>
                c.Descriptor.Type == benchmarkCase.Descriptor.Type && c.Descriptor.WorkloadMethod.Name == "Generator");
            double? own = summary[benchmarkCase]?.ResultStatistics?.Mean;
            double? raw = generator is null ? null : summary[generator]?.ResultStatistics?.Mean;
            return own is { } o && raw is { } g && o > 0 ? (g / o).ToString("F3", CultureInfo.InvariantCulture) : "-";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
