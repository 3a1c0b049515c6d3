using System.Globalization;

namespace SyntaxKnowledge.Cli.Corpus;

/// <summary>Writes a file so that it appears only when complete: a temporary file in the same folder, then a rename.</summary>
internal static class AtomicFile
{
    /// <summary>The file name that means standard output ("--out -").</summary>
    public const string StandardOutputName = "-";

    /// <summary>Names an output in a message: the path, or "standard output" for "-".</summary>
    public static string Describe(string path) => path == StandardOutputName ? "standard output" : path;

    /// <summary>Writes a file that must be a real file (a binary chart, a corpus to be merged): "-" is refused.</summary>
    public static void Write(string path, string optionName, Action<Stream> write) => Write(path, optionName, null, write);

    /// <summary>
    /// Writes <paramref name="path"/> atomically; "-" writes to <paramref name="standardOutput"/> instead (refused when it is
    /// <see langword="null"/>). Temporaries left by killed runs writing the same file are removed first.
    /// </summary>
    public static void Write(string path, string optionName, TextWriter? standardOutput, Action<Stream> write)
    {
        if (path == StandardOutputName)
        {
            if (standardOutput is null)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{optionName}: '-' (standard output) is not supported for this output; give a file name."));
            }

            using var stream = new TextWriterStream(standardOutput);
            write(stream);
            stream.Flush();
            return;
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{optionName}: '{path}' is not a valid file path."));
        }

        string? folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{optionName}: cannot write '{path}': the folder '{folder}' does not exist."));
        }

        if (Directory.Exists(full))
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{optionName}: cannot write '{ErrorText.Cut(path)}': it is a directory (a folder), not a file; give a file name."));
        }

        StalePartials.Remove(folder, Path.GetFileName(full));
        string temporary = StalePartials.Temporary(folder, Path.GetFileName(full));
        try
        {
            FileStream stream;
            try
            {
                stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{optionName}: cannot write '{path}': {ErrorText.FirstLine(e.Message)}"));
            }

            using (stream)
            {
                write(stream);
                stream.Flush(flushToDisk: false);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
