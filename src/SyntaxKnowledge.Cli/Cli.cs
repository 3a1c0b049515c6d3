using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using SyntaxKnowledge.Cli.Commands;

namespace SyntaxKnowledge.Cli;

/// <summary>What an skm command needs from its host: writers and the cancellation token (Ctrl-C).</summary>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="Interactive">Whether progress bars may be drawn (stderr is a terminal).</param>
/// <param name="CancellationToken">Cancelled on Ctrl-C.</param>
internal sealed record CommandContext(TextWriter Output, TextWriter Error, bool Interactive, CancellationToken CancellationToken);

/// <summary>Builds the skm command tree and runs it with consistent error handling and exit codes.</summary>
internal static class Cli
{
    /// <summary>Runs skm with the given arguments and writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool? interactive = null)
    {
        RootCommand root = BuildRoot(interactive ?? !Console.IsErrorRedirected);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !IsHelpRequest(args))
        {
            foreach (string message in parse.Errors.Select(e => e.Message).Distinct())
            {
                error.WriteLine("error: " + message);
            }

            return ExitCodes.BadInput;
        }

        // Ctrl-C (SIGINT) and SIGTERM cancel the command's token instead of killing the process, so every command
        // stops at its next check, deletes its temporary output and exits 130 ("no output was written").
        // (System.CommandLine's own handler is registered only after a synchronous action has finished.)
        using var cancellation = new CancellationTokenSource();
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        return parse.InvokeAsync(configuration, cancellation.Token).GetAwaiter().GetResult();

        // A second signal (e.g. during a computation that does not poll the token) terminates at once, as before.
        void Cancel(PosixSignalContext context)
        {
            if (cancellation.IsCancellationRequested)
            {
                return;
            }

            context.Cancel = true;
            cancellation.Cancel();
        }
    }

    private static bool IsHelpRequest(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");

    private static RootCommand BuildRoot(bool interactive)
    {
        var root = new RootCommand(
            "skm - exact theory of LLM behaviour via compression (Syntax-Knowledge model, Pan et al. 2025).\n" +
            "Exact values print as \"p/q\" strings; exit codes: 0 ok, 1 a check failed, 2 bad input, 130 cancelled.");
        root.Subcommands.Add(DemoCommand.Create(interactive));
        root.Subcommands.Add(PitmanYorCommand.Create(interactive));
        root.Subcommands.Add(GenerateCommand.Create(interactive));
        root.Subcommands.Add(OracleCommand.CreateOracle(interactive));
        root.Subcommands.Add(OracleCommand.CreateScore(interactive));
        root.Subcommands.Add(VocabCommand.Create(interactive));
        root.Subcommands.Add(SplitCommand.Create(interactive));
        root.Subcommands.Add(FitCommand.Create(interactive));
        root.Subcommands.Add(Commands.Laws.LawsCommand.Create(interactive));
        root.Subcommands.Add(VerifyCommand.Create(interactive));
        root.Subcommands.Add(SimulateCommand.Create(interactive));
        root.Subcommands.Add(MergeCommand.Create(interactive));
        root.Subcommands.Add(BenchCommand.Create(interactive));
        root.Subcommands.Add(Commands.Plot.PlotCommand.Create(interactive));
        root.Subcommands.Add(CompareCommand.Create(interactive));
        return root;
    }

    /// <summary>Attaches an action with the project's error handling: one-line messages, exit 2 for bad input, 130 on Ctrl-C.</summary>
    public static void SetAction(Command command, bool interactive, IReadOnlyDictionary<string, string> optionNames, Func<ParseResult, CommandContext, int> body)
    {
        command.SetAction((parse, cancellationToken) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output, error = parse.InvocationConfiguration.Error;
            try
            {
                return Task.FromResult(body(parse, new CommandContext(output, error, interactive, cancellationToken)));
            }
            catch (CliInputException e)
            {
                error.WriteLine("error: " + e.Message);
                return Task.FromResult(ExitCodes.BadInput);
            }
            catch (ArgumentException e)
            {
                error.WriteLine("error: " + ErrorText.Describe(e, optionNames));
                return Task.FromResult(ExitCodes.BadInput);
            }
            catch (OperationCanceledException)
            {
                error.WriteLine("cancelled; no output was written.");
                return Task.FromResult(ExitCodes.Cancelled);
            }
            catch (IOException e)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: {ErrorText.FirstLine(e.Message)}"));
                return Task.FromResult(ExitCodes.BadInput);
            }
            catch (UnauthorizedAccessException e)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: {ErrorText.FirstLine(e.Message)}"));
                return Task.FromResult(ExitCodes.BadInput);
            }
            catch (Formats.FileFormatException e)
            {
                // A malformed input file (the message names the file, line and field) is bad input, not an internal error.
                error.WriteLine("error: " + ErrorText.FirstLine(e.Message));
                return Task.FromResult(ExitCodes.BadInput);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or ArithmeticException)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: {ErrorText.FirstLine(e.Message)}"));
                return Task.FromResult(ExitCodes.InternalError);
            }
        });
    }
}
