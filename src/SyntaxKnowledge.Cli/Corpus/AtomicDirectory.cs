using System.Globalization;

namespace SyntaxKnowledge.Cli.Corpus;

/// <summary>Writes a folder of files so that it appears only when complete: a temporary sibling folder, then a rename.</summary>
internal static class AtomicDirectory
{
    /// <summary>Creates <paramref name="path"/> with the files <paramref name="write"/> puts in the folder it is given. The target must not
    /// exist, or be an empty folder.</summary>
    public static void Write(string path, string optionName, Action<string> write)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{optionName}: '{path}' is not a valid folder path."));
        }

        string? parent = Path.GetDirectoryName(full);
        if (parent is null || !Directory.Exists(parent))
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{optionName}: cannot create '{path}': the folder '{parent}' does not exist."));
        }

        if (File.Exists(full) || (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any()))
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{optionName}: '{path}' already exists and is not an empty folder; valid: a new or empty folder (nothing was written)."));
        }

        StalePartials.Remove(parent, Path.GetFileName(full));
        string temporary = StalePartials.Temporary(parent, Path.GetFileName(full));
        try
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }

            Directory.CreateDirectory(temporary);
            write(temporary);
            if (Directory.Exists(full))
            {
                Directory.Delete(full);
            }

            Directory.Move(temporary, full);
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }
}
