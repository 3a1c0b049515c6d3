using SyntaxKnowledge.Cli.Corpus;

namespace SyntaxKnowledge.Cli.Tests;

/// <summary>Output files appear only when complete: a failure or cancellation midway leaves neither the file nor a temporary.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("skm-atomic-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Write_Completes_FileAppears()
    {
        string path = Path.Combine(_directory, "out.txt");
        AtomicFile.Write(path, "--out", s => s.Write("hello"u8));
        Assert.Equal("hello", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Write_CancelledMidway_LeavesNothing_AndKeepsAnOldFile()
    {
        string path = Path.Combine(_directory, "out.txt");
        File.WriteAllText(path, "old");
        using var cts = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => AtomicFile.Write(path, "--out", s =>
        {
            s.Write("partial"u8);
            cts.Cancel();
            cts.Token.ThrowIfCancellationRequested();
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Write_FailureMidway_LeavesNoFile()
    {
        string path = Path.Combine(_directory, "new.txt");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, "--out", s =>
        {
            s.Write("partial"u8);
            throw new InvalidOperationException("boom");
        }));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Write_IntoMissingFolder_IsInputError()
    {
        var e = Assert.Throws<CliInputException>(() => AtomicFile.Write(Path.Combine(_directory, "missing", "x"), "--out", _ => { }));
        Assert.Contains("--out", e.Message, StringComparison.Ordinal);
    }
}
