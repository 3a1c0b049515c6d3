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
internal static partial class ErrorText
{
    /// <summary>Turns an argument exception into "--option: message" using the parameter-to-option map.</summary>
    public static string Describe(ArgumentException exception, IReadOnlyDictionary<string, string> optionNames)
    {
        string message = FirstLine(exception.Message);
        string? parameter = exception.ParamName;
        if (parameter is not null && optionNames.TryGetValue(parameter, out string? option))
        {
            // The library names its parameter ("draws = 0 ..."); the user typed the option ("--n = 0 ...").
            string worded = System.Text.RegularExpressions.Regex.Replace(message, @"(?<![\w-])" + System.Text.RegularExpressions.Regex.Escape(parameter) + @"(?![\w])", option);
            return worded.StartsWith(option, StringComparison.Ordinal) ? worded : string.Create(CultureInfo.InvariantCulture, $"{option}: {worded}");
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

    /// <summary>The most characters of one error line (after cutting echoed values).</summary>
    public const int MaximumLine = 600;

    /// <summary>
    /// Makes any message fit the error contract: one line, quoted echoes cut to <see cref="MaximumEcho"/> characters,
    /// no .NET type names (System.Int32 reads "a 32-bit integer"), at most <see cref="MaximumLine"/> characters.
    /// </summary>
    public static string Clean(string message)
    {
        string line = FirstLine(message ?? string.Empty).Trim();
        line = JsonPosition().Replace(line, m => string.Create(CultureInfo.InvariantCulture, $"at character {int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1}"));
        line = line.Replace("The given key was not present in the dictionary.", "a required field is missing.", StringComparison.Ordinal);
        line = ElementType().Replace(line, m => string.Create(CultureInfo.InvariantCulture, $"a field holds a JSON {m.Groups[2].Value.ToLowerInvariant()} where a {m.Groups[1].Value.ToLowerInvariant()} is expected"));
        line = ParseFailure().Replace(line, m => DescribeParseFailure(m.Groups["value"].Value, m.Groups["symbol"].Value, m.Groups["type"].Value));
        line = LongWord().Replace(line, m => Cut(m.Value));
        line = TypeName().Replace(line, m => Friendly(m.Value));
        if (line.Length > MaximumLine)
        {
            line = string.Create(CultureInfo.InvariantCulture, $"{line[..(MaximumLine - 40)]}... (message of {line.Length} characters cut)");
        }

        return line;
    }

    // System.CommandLine's "Cannot parse argument 'x' for option '--o' as expected type 'System.T'." in the project's words.
    private static string DescribeParseFailure(string value, string symbol, string type)
    {
        string shown = Cut(value);
        bool integer = System.Numerics.BigInteger.TryParse(value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
        return type switch
        {
            "System.UInt64" => integer
                ? string.Create(CultureInfo.InvariantCulture, $"{symbol} = {shown} is out of range; valid range: 0 <= {symbol} <= {ulong.MaxValue}.")
                : string.Create(CultureInfo.InvariantCulture, $"{symbol}: '{shown}' is not an integer; valid range: 0 <= {symbol} <= {ulong.MaxValue}."),
            "System.Int32" => integer
                ? string.Create(CultureInfo.InvariantCulture, $"{symbol} = {shown} is out of range; valid range: {int.MinValue} <= {symbol} <= {int.MaxValue}.")
                : string.Create(CultureInfo.InvariantCulture, $"{symbol}: '{shown}' is not an integer; valid range: {int.MinValue} <= {symbol} <= {int.MaxValue}."),
            "System.Int64" => integer
                ? string.Create(CultureInfo.InvariantCulture, $"{symbol} = {shown} is out of range; valid range: {long.MinValue} <= {symbol} <= {long.MaxValue}.")
                : string.Create(CultureInfo.InvariantCulture, $"{symbol}: '{shown}' is not an integer; valid range: {long.MinValue} <= {symbol} <= {long.MaxValue}."),
            "System.Double" => string.Create(CultureInfo.InvariantCulture, $"{symbol}: '{shown}' is not a number; valid forms: a decimal such as 0.25 or 1e6."),
            "System.Boolean" => string.Create(CultureInfo.InvariantCulture, $"{symbol}: '{shown}' is not true or false."),
            _ => string.Create(CultureInfo.InvariantCulture, $"{symbol}: '{shown}' is not {Friendly(type)}."),
        };
    }

    private static string Friendly(string type) => type switch
    {
        "System.Int32" => "a 32-bit integer",
        "System.Int64" => "a 64-bit integer",
        "System.UInt64" => "an unsigned 64-bit integer",
        "System.Double" => "a number",
        "System.Boolean" => "true or false",
        "System.String" => "text",
        _ => "a valid value",
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"LineNumber: \d+ \| BytePositionInLine: (\d+)\.?")]
    private static partial System.Text.RegularExpressions.Regex JsonPosition();

    [System.Text.RegularExpressions.GeneratedRegex(@"The requested operation requires an element of type '(\w+)', but the target element has type '(\w+)'\.?")]
    private static partial System.Text.RegularExpressions.Regex ElementType();

    [System.Text.RegularExpressions.GeneratedRegex(@"Cannot parse argument '(?<value>.*)' for (?:option|command|argument) '(?<symbol>[^']*)' as expected type '(?<type>[\w.`\[\]]+)'\.?")]
    private static partial System.Text.RegularExpressions.Regex ParseFailure();

    // A run of more than MaximumEcho characters without a space: an echoed value (a 400-digit number, a pasted line).
    [System.Text.RegularExpressions.GeneratedRegex(@"[^\s']{81,}")]
    private static partial System.Text.RegularExpressions.Regex LongWord();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bSystem(?:\.[A-Z]\w*)+(?:`\d+)?(?:\[\w.,\s]*\])?")]
    private static partial System.Text.RegularExpressions.Regex TypeName();
}

/// <summary>Checks an input file before it is read, so that a missing file and a directory get their own one-line messages.</summary>
internal static class InputFile
{
    /// <summary>Throws unless <paramref name="path"/> names an existing file (not a directory).</summary>
    /// <exception cref="CliInputException">The path is a directory, does not exist or is not a valid path.</exception>
    public static void Require(string path, string option)
    {
        string shown = ErrorText.Cut(path);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{option}: an empty file name; give the path of a file."));
        }

        if (Directory.Exists(path))
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{option}: '{shown}' is a directory, not a file; give the path of a file."));
        }

        if (!File.Exists(path))
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{option}: the file '{shown}' does not exist."));
        }
    }
}
