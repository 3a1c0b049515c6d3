using System.Globalization;

namespace SyntaxKnowledge.Cli.Corpus;

/// <summary>Writes a file so that it appears only when complete: a temporary file in the same folder, then a rename.</summary>
internal static class AtomicFile
{
    public static void Write(string path, string optionName, Action<Stream> write)
    {
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
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{optionName}: cannot write '{path}': it is a folder."));
        }

        string temporary = Path.Combine(folder, "." + Path.GetFileName(full) + ".partial-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
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
