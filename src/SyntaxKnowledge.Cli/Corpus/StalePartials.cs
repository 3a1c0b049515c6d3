using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SyntaxKnowledge.Cli.Corpus;

/// <summary>
/// The temporaries of <see cref="AtomicFile"/> and <see cref="AtomicDirectory"/> are named ".NAME.partial-PID". A run that was
/// killed (SIGKILL, power loss) leaves its temporary behind; the next run that writes NAME removes every such temporary whose
/// process is no longer running.
/// </summary>
internal static class StalePartials
{
    /// <summary>The temporary of <paramref name="name"/> in <paramref name="folder"/> for this process.</summary>
    public static string Temporary(string folder, string name) =>
        Path.Combine(folder, "." + name + ".partial-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Removes the temporaries of <paramref name="name"/> left by processes that have ended; never fails.</summary>
    public static void Remove(string folder, string name)
    {
        string prefix = "." + name + ".partial-";
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(folder, prefix + "*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return;
        }

        foreach (string entry in entries)
        {
            string suffix = Path.GetFileName(entry)[prefix.Length..];
            if (!int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid == Environment.ProcessId || IsRunning(pid))
            {
                continue;
            }

            try
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another run may be removing it at the same moment; what is left is removed next time.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;
        }
    }
}

/// <summary>A write-only stream that decodes UTF-8 onto a text writer: how "--out -" writes to standard output.</summary>
internal sealed class TextWriterStream(TextWriter writer) : Stream
{
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private char[] _chars = new char[4096];

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => writer.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        int needed = _decoder.GetCharCount(buffer, flush: false);
        if (needed > _chars.Length)
        {
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        }

        int written = _decoder.GetChars(buffer, _chars, flush: false);
        writer.Write(_chars, 0, written);
    }
}
