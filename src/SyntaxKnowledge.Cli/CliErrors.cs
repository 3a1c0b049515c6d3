using System.Globalization;

namespace SyntaxKnowledge.Cli;

/// <summary>Exit codes of skm (documented in docs and --help).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A check failed (a theorem did not verify, a score is worse than allowed).</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad input: unparsable or out-of-range options, unreadable or malformed files.</summary>
    public const int BadInput = 2;

    /// <summary>The computation could not be carried out (e.g. a tiny name model ran out of names); nothing was written.</summary>
    public const int InternalError = 3;

    /// <summary>Cancelled by the user (Ctrl-C); no partial output is left behind.</summary>
    public const int Cancelled = 130;
}

/// <summary>A user-facing input error: printed as one line to stderr, exit code 2.</summary>
internal sealed class CliInputException : Exception
{
    public CliInputException(string message)
        : base(message)
    {
    }

    public CliInputException()
    {
    }

    public CliInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Maps library argument exceptions to one-line messages naming the command-line option.</summary>
internal static class ErrorText
{
    /// <summary>Turns an argument exception into "--option: message" using the parameter-to-option map.</summary>
    public static string Describe(ArgumentException exception, IReadOnlyDictionary<string, string> optionNames)
    {
        string message = FirstLine(exception.Message);
        string? parameter = exception.ParamName;
        if (parameter is not null && optionNames.TryGetValue(parameter, out string? option))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{option}: {message}");
        }

        return message;
    }

    /// <summary>The most characters of a user's value echoed in a message.</summary>
    public const int MaximumEcho = 80;

    /// <summary>Cuts an echoed value to <see cref="MaximumEcho"/> characters ("…(N characters)" marks a cut).</summary>
    public static string Cut(string value) =>
        value.Length <= MaximumEcho ? value : string.Create(CultureInfo.InvariantCulture, $"{value[..(MaximumEcho - 20)]}... ({value.Length} characters)");

    /// <summary>Returns the first line of an exception message, without .NET's "(Parameter 'x')" suffix.</summary>
    public static string FirstLine(string message)
    {
        int newline = message.IndexOfAny(['\r', '\n']);
        string line = newline >= 0 ? message[..newline] : message;
        int suffix = line.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return suffix >= 0 ? line[..suffix] : line;
    }
}
