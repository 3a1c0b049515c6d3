using Spectre.Console;

namespace SyntaxKnowledge.Cli;

/// <summary>Runs long work with a Spectre.Console progress bar on stderr when it is a terminal, silently otherwise.</summary>
internal static class ProgressDisplay
{
    public static T Run<T>(CommandContext context, string description, Func<IProgress<double>, T> work)
    {
        if (!context.Interactive)
        {
            return work(new Progress<double>(_ => { }));
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                ProgressTask task = progress.AddTask(Markup.Escape(description), maxValue: 1.0);
                result = work(new DirectProgress(f => task.Value = Math.Clamp(f, 0, 1)));
                task.Value = 1;
            });
        return result;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to a synchronisation context).</summary>
    private sealed class DirectProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
