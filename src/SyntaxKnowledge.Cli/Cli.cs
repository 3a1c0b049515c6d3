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
            // One line, whatever System.CommandLine found: every distinct problem, then where to read the usage.
            string[] messages = [.. parse.Errors.Select(e => ErrorText.Clean(Reword(e, parse)).TrimEnd('.')).Distinct(StringComparer.Ordinal)];
            error.WriteLine(ErrorText.Clean(string.Create(CultureInfo.InvariantCulture, $"error: {string.Join("; ", messages)}; see '{CommandPath(parse.CommandResult)} --help'.")));
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

    // System.CommandLine's multi-line and nameless messages in the project's words: the option or argument, the value, the choices.
    private static string Reword(System.CommandLine.Parsing.ParseError error, ParseResult parse)
    {
        string message = error.Message;
        string? symbol = error.SymbolResult switch
        {
            System.CommandLine.Parsing.OptionResult o => o.Option.Name,
            System.CommandLine.Parsing.ArgumentResult a => a.Parent is System.CommandLine.Parsing.OptionResult o ? o.Option.Name : "<" + a.Argument.Name + ">",
            _ => null,
        };
        const string NotRecognized = "' not recognized. Must be one of:";
        int at = message.IndexOf(NotRecognized, StringComparison.Ordinal);
        if (message.StartsWith("Argument '", StringComparison.Ordinal) && at > 0)
        {
            string value = message["Argument '".Length..at];
            string[] choices = [.. message[(at + NotRecognized.Length)..].Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.Trim('\''))];
            return string.Create(CultureInfo.InvariantCulture, $"{symbol ?? "argument"}: '{value}' is not a valid choice; valid choices: {string.Join(", ", choices)}");
        }

        if (message.StartsWith("Required argument missing for option", StringComparison.Ordinal))
        {
            string option = symbol ?? message[(message.IndexOf('\'') + 1)..].TrimEnd('.', '\'');
            return string.Create(CultureInfo.InvariantCulture, $"{option}: a value is required after the option");
        }

        if (message.StartsWith("Required argument missing", StringComparison.Ordinal))
        {
            string[] arguments = [.. parse.CommandResult.Command.Arguments.Select(a => "<" + a.Name + ">")];
            return string.Create(CultureInfo.InvariantCulture, $"the argument {string.Join(" ", arguments)} of '{CommandPath(parse.CommandResult)}' is required");
        }

        return message;
    }

    private static bool IsHelpRequest(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");

    // "skm laws data" for the innermost command the parser reached.
    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is System.CommandLine.Parsing.CommandResult c)
            {
                names.Add(c.Command is RootCommand ? "skm" : c.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(" ", names);
    }

    private static RootCommand BuildRoot(bool interactive)
    {
        var root = new RootCommand(
            "skm - exact theory of LLM behaviour via compression (Syntax-Knowledge model, Pan et al. 2025).\n" +
            "Exact values print as \"p/q\" strings; exit codes: 0 ok, 1 a check failed, 2 bad input, 3 internal failure, 130 cancelled.");
        root.Subcommands.Add(DemoCommand.Create(interactive));
        root.Subcommands.Add(PitmanYorCommand.Create(interactive));
        root.Subcommands.Add(GenerateCommand.Create(interactive));
        root.Subcommands.Add(OracleCommand.CreateOracle(interactive));
        root.Subcommands.Add(OracleCommand.CreateScore(interactive));
        root.Subcommands.Add(VocabCommand.Create(interactive));
        root.Subcommands.Add(SplitCommand.Create(interactive));
        root.Subcommands.Add(ProbeScoreCommand.Create(interactive));
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

    /// <summary>
    /// Attaches an action with the project's error handling: one-line messages, exit 2 for bad input, 3 for an internal failure
    /// (any unexpected exception), 130 on Ctrl-C.
    /// </summary>
    public static void SetAction(Command command, bool interactive, IReadOnlyDictionary<string, string> optionNames, Func<ParseResult, CommandContext, int> body)
    {
        command.SetAction((parse, cancellationToken) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output, error = parse.InvocationConfiguration.Error;
            try
            {
                return Task.FromResult(body(parse, new CommandContext(output, error, interactive, cancellationToken)));
            }
            catch (Exception e)
            {
                (int code, string message) = Describe(e, optionNames, cancellationToken);
                error.WriteLine(ErrorText.Clean(message));
                return Task.FromResult(code);
            }
        });
    }

    /// <summary>Maps an exception that escaped a command to its exit code and one-line message.</summary>
    internal static (int Code, string Message) Describe(Exception exception, IReadOnlyDictionary<string, string> optionNames, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case AggregateException { InnerExceptions.Count: > 0 } aggregate:
                // Parallel loops wrap what their bodies threw; the first cause speaks for all (a cancellation wins).
                Exception inner = aggregate.Flatten().InnerExceptions.FirstOrDefault(x => x is OperationCanceledException) ?? aggregate.Flatten().InnerExceptions[0];
                return Describe(inner, optionNames, cancellationToken);
            case OperationCanceledException:
                return (ExitCodes.Cancelled, "cancelled; no output was written.");
            case CliInputException e:
                return (ExitCodes.BadInput, "error: " + e.Message);
            case ArgumentException e:
                return (ExitCodes.BadInput, "error: " + ErrorText.Describe(e, optionNames));
            case IOException or UnauthorizedAccessException or FormatException:
                // An unreadable, unwritable or malformed file (or text the model cannot parse) is bad input (exit 2), not a failed computation.
                return (ExitCodes.BadInput, "error: " + ErrorText.FirstLine(exception.Message));
            case OutOfMemoryException or InsufficientExecutionStackException:
                return (ExitCodes.InternalError, "error: the computation ran out of memory; choose smaller sizes (internal failure, exit 3; nothing was written).");
            default:
                // Anything else is a defect or a limit of skm, not of the input: say so, with the reason, and exit 3.
                return (ExitCodes.InternalError, "error: " + ErrorText.FirstLine(exception.Message).TrimEnd('.') + " (internal failure, exit 3: the computation could not be carried out; nothing was written).");
        }
    }
}
