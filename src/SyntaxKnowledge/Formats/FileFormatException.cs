using System.Globalization;

namespace SyntaxKnowledge.Formats;

/// <summary>A file read by one of the <see cref="Formats"/> readers is malformed: the message names the file, the line and the field.</summary>
/// <remarks>Derives from <see cref="FormatException"/>, so callers that catch format errors in general also catch these.</remarks>
public sealed class FileFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="FileFormatException"/> class with a generic message.</summary>
    public FileFormatException()
        : this("The file is malformed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FileFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    public FileFormatException(string message)
        : base(message)
    {
        FileName = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="FileFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FileFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="FileFormatException"/> class for a problem at a line and field.</summary>
    /// <param name="fileName">The file's name as shown to the user.</param>
    /// <param name="line">The 1-based line number (0 when the problem concerns the whole file).</param>
    /// <param name="field">The JSON field, or <see langword="null"/> when the whole line is wrong.</param>
    /// <param name="problem">What is wrong, as one sentence without the location.</param>
    public FileFormatException(string fileName, int line, string? field, string problem)
        : base(Describe(fileName, line, field, problem))
    {
        FileName = fileName;
        Line = line;
        Field = field;
    }

    /// <summary>Gets the file's name as shown to the user.</summary>
    public string FileName { get; }

    /// <summary>Gets the 1-based line number, or 0 when the problem concerns the whole file.</summary>
    public int Line { get; }

    /// <summary>Gets the JSON field at fault, or <see langword="null"/>.</summary>
    public string? Field { get; }

    private static string Describe(string fileName, int line, string? field, string problem)
    {
        string where = line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{fileName}, line {line}") : fileName;
        string what = field is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", field '{field}'");
        return string.Create(CultureInfo.InvariantCulture, $"{where}{what}: {problem.TrimEnd('.')}.");
    }
}
