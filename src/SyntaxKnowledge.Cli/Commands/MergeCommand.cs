using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SyntaxKnowledge.Cli.Corpus;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>
/// skm merge FILE...: combines shard outputs exactly. Simulate shards (skm simulate --shard i/n --format json)
/// must come from one run and cover replicates 0..R-1 exactly once; the merged mean_distinct and standard_error
/// are bit-identical to the unsharded run's. JSONL corpus shards (skm generate --shard i/n) are checked (one
/// header, first; sentence indices contiguous, no gap or overlap, as many as the header says) and concatenated
/// into --out, which appears only when complete. The kind is detected from each file's first line.
/// </summary>
internal static class MergeCommand
{
    private const int CheckEvery = 4096;

    private enum InputKind
    {
        Empty,
        Simulate,
        CorpusHeader,
        CorpusSentences,
    }

    public static Command Create(bool interactive)
    {
        var files = new Argument<string[]>("files") { Description = "Shard files, in any order: all simulate shards (JSON) or all corpus shards (JSONL).", Arity = ArgumentArity.OneOrMore };
        Option<string?> output = new("--out") { Description = "Output file (required for corpus shards; optional for simulate shards, default stdout); it appears only when complete.", HelpName = "file" };
        Option<string> format = CliOptions.Format("json", "table");
        var command = new Command("merge", "Merge shard outputs exactly: skm simulate --shard results (sufficient statistics) or skm generate --shard corpus files (checked concatenation).")
        {
            files, output, format,
        };

        Cli.SetAction(command, interactive, new Dictionary<string, string>(), (parse, context) =>
        {
            string[] paths = parse.GetValue(files)!;
            string? outPath = parse.GetValue(output);
            var inputs = paths.Select(Classify).ToList();
            Input? simulate = inputs.FirstOrDefault(i => i.Kind == InputKind.Simulate);
            Input? corpus = inputs.FirstOrDefault(i => i.Kind is InputKind.CorpusHeader or InputKind.CorpusSentences);
            if (simulate is not null && corpus is not null)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"cannot merge a simulate shard ({simulate.Path}) with a corpus shard ({corpus.Path}); merge one kind at a time."));
            }

            if (simulate is not null)
            {
                Input? empty = inputs.FirstOrDefault(i => i.Kind == InputKind.Empty);
                if (empty is not null)
                {
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{empty.Path}: the file is empty; a simulate shard is one JSON line written by skm simulate --shard i/n --format json."));
                }

                MergeSimulations(inputs, outPath, parse.GetValue(format)!, context);
            }
            else if (corpus is not null)
            {
                MergeCorpus(inputs, outPath, context);
            }
            else
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"every input is empty ({string.Join(", ", paths)}); nothing to merge."));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Input Classify(string path)
    {
        string? line;
        try
        {
            using var reader = new StreamReader(path, new UTF8Encoding(false));
            line = reader.ReadLine();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: cannot read the file: {ErrorText.FirstLine(e.Message)}"), e);
        }

        if (string.IsNullOrWhiteSpace(line))
        {
            return new Input(path, InputKind.Empty, default, -1);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("schema", out JsonElement schema) && schema.ValueKind == JsonValueKind.String && schema.GetString() == SimulationSummary.ShardSchema)
                {
                    return new Input(path, InputKind.Simulate, root.Clone(), -1);
                }

                if (root.TryGetProperty("mean_distinct", out _))
                {
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: a whole skm simulate result, not a shard; run skm simulate with --shard i/n --format json to get mergeable shards."));
                }

                if (root.TryGetProperty("kind", out JsonElement kind) && kind.ValueKind == JsonValueKind.String)
                {
                    switch (kind.GetString())
                    {
                        case "header":
                            return new Input(path, InputKind.CorpusHeader, root.Clone(), 0);
                        case "sentence" when root.TryGetProperty("i", out JsonElement i) && i.TryGetInt64(out long index):
                            return new Input(path, InputKind.CorpusSentences, default, index);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Falls through to the message below (e.g. a text corpus).
        }

        throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: line 1 is neither a simulate shard (skm simulate ... --shard i/n --format json) nor a JSONL corpus shard (skm generate ... --shard i/n); text corpora carry no sentence index to check: generate JSONL shards, or concatenate text shards in shard order yourself."));
    }

    private static void MergeSimulations(List<Input> inputs, string? outPath, string format, CommandContext context)
    {
        var shards = inputs.Select(i => (i.Path, Summary: SimulationSummary.ReadShard(i.Json, i.Path))).ToList();
        (string firstPath, SimulationSummary reference) = shards[0];
        foreach ((string path, SimulationSummary s) in shards.Skip(1))
        {
            Same(path, "kind", s.Kind, reference.Kind);
            Same(path, "discount", s.Parameters.Discount.ToString(), reference.Parameters.Discount.ToString());
            Same(path, "concentration", s.Parameters.Concentration.ToString(), reference.Parameters.Concentration.ToString());
            Same(path, "n", s.Draws.ToString(CultureInfo.InvariantCulture), reference.Draws.ToString(CultureInfo.InvariantCulture));
            Same(path, "seed", s.Seed.ToString(CultureInfo.InvariantCulture), reference.Seed.ToString(CultureInfo.InvariantCulture));
            Same(path, "total_replicates", s.TotalReplicates.ToString(CultureInfo.InvariantCulture), reference.TotalReplicates.ToString(CultureInfo.InvariantCulture));
        }

        int total = reference.TotalReplicates;
        foreach ((string path, SimulationSummary s) in shards)
        {
            (long start, long count) = s.Shard!.Value.Range(total);
            if (start != s.FirstReplicate || count != s.Replicates)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: shard {s.Shard} of {total} replicates should cover replicates {Span(start, count)}, but the file says {Span(s.FirstReplicate, s.Replicates)}; the file was edited or is not from skm simulate."));
            }
        }

        // Disjoint and covering 0..R-1 exactly: walk the shards in replicate order.
        var ordered = shards.OrderBy(s => s.Summary.FirstReplicate).ThenBy(s => s.Summary.Replicates).ToList();
        long next = 0;
        for (int k = 0; k < ordered.Count; k++)
        {
            (string path, SimulationSummary s) = ordered[k];
            if (s.FirstReplicate < next)
            {
                (string previousPath, SimulationSummary previous) = ordered[k - 1];
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path} (shard {s.Shard}, replicates {Span(s.FirstReplicate, s.Replicates)}) overlaps {previousPath} (shard {previous.Shard}, replicates {Span(previous.FirstReplicate, previous.Replicates)}); give each shard once."));
            }

            if (s.FirstReplicate > next)
            {
                throw Missing(next, s.FirstReplicate, total, s.Shard!.Value.Count);
            }

            next = s.FirstReplicate + s.Replicates;
        }

        if (next < total)
        {
            throw Missing(next, total, total, ordered[^1].Summary.Shard!.Value.Count);
        }

        IntegerMoments distinct = IntegerMoments.Empty;
        IntegerMoments? singletons = reference.Singletons is null ? null : IntegerMoments.Empty;
        foreach ((_, SimulationSummary s) in ordered)
        {
            distinct = distinct.Merge(s.Distinct);
            singletons = singletons?.Merge(s.Singletons!);
        }

        var merged = new SimulationSummary(
            reference.Kind,
            string.Join("+", ordered.Select(s => s.Summary.Backend).Distinct(StringComparer.Ordinal)),
            string.Join("; ", ordered.Select(s => s.Summary.Device).Distinct(StringComparer.Ordinal)),
            reference.Parameters,
            reference.Draws,
            reference.Seed,
            total,
            null,
            0,
            distinct,
            singletons,
            ordered.Sum(s => s.Summary.Seconds),
            ordered.Count);
        if (outPath is null)
        {
            merged.Write(context.Output, format);
            return;
        }

        AtomicFile.Write(outPath, "--out", stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 12, leaveOpen: true);
            merged.Write(writer, format);
        });
        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {ordered.Count} shards ({total} replicates) into {outPath} (first shard read: {firstPath})"));
    }

    private static void Same(string path, string field, string value, string expected)
    {
        if (!string.Equals(value, expected, StringComparison.Ordinal))
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: {field} = {value} differs from {expected} in the first shard; all shards must come from one skm simulate run (same kind, --discount, --concentration, --n, --replicates and --seed)."));
        }
    }

    // Names the shards of an n-way split that would cover the missing replicates [from, to).
    private static CliInputException Missing(long from, long to, int total, int shardCount)
    {
        var names = new List<string>();
        for (int k = 0; k < shardCount; k++)
        {
            (long start, long count) = new ShardSpec(k, shardCount).Range(total);
            if (count > 0 && start < to && start + count > from)
            {
                names.Add(string.Create(CultureInfo.InvariantCulture, $"{k}/{shardCount}"));
            }
        }

        string shards = names.Count == 1 ? "shard " + names[0] + " is" : "shards " + string.Join(", ", names) + " are";
        return new CliInputException(string.Create(CultureInfo.InvariantCulture, $"replicates {Span(from, to - from)} of {total} are missing: {shards} not among the inputs; valid input: every shard 0/n..(n-1)/n exactly once."));
    }

    private static string Span(long start, long count) => string.Create(CultureInfo.InvariantCulture, $"{start}..{start + count - 1}");

    private static void MergeCorpus(List<Input> inputs, string? outPath, CommandContext context)
    {
        if (outPath is null)
        {
            throw new CliInputException("--out: required to merge corpus shards; give the JSONL file to write (it appears only when complete).");
        }

        string fullOut = Path.GetFullPath(outPath);
        if (inputs.FirstOrDefault(i => string.Equals(Path.GetFullPath(i.Path), fullOut, StringComparison.Ordinal)) is { } clash)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--out: '{outPath}' is also an input ({clash.Path}); write the merged corpus to a new file."));
        }

        var headers = inputs.Where(i => i.Kind == InputKind.CorpusHeader).ToList();
        if (headers.Count == 0)
        {
            throw new CliInputException("no input starts with the corpus header: shard 0 (skm generate ... --shard 0/n) is missing; valid input: every shard 0/n..(n-1)/n exactly once.");
        }

        if (headers.Count > 1)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{headers[1].Path} and {headers[0].Path} both start with the corpus header; only shard 0 has it: give each shard once."));
        }

        Input header = headers[0];
        long total = header.Json.TryGetProperty("sentences", out JsonElement n) && n.TryGetInt64(out long sentences) && sentences >= 0
            ? sentences
            : throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{header.Path} line 1: the header has no valid \"sentences\" count; valid: an integer >= 0."));
        List<Input> ordered = [header, .. inputs.Where(i => i.Kind == InputKind.CorpusSentences).OrderBy(i => i.FirstIndex)];
        long bytes = ordered.Sum(i => new FileInfo(i.Path).Length);
        var seen = new List<(string Path, long First, long Last)>();
        ProgressDisplay.Run(context, "merging " + Path.GetFileName(outPath), progress =>
        {
            AtomicFile.Write(outPath, "--out", stream =>
            {
                long next = 0, done = 0;
                foreach (Input input in ordered)
                {
                    long first = next;
                    next = CopyShard(input, input == header, next, stream, ref done, bytes, seen, progress, context.CancellationToken);
                    if (next > first)
                    {
                        seen.Add((input.Path, first, next - 1));
                    }
                }

                if (next != total)
                {
                    throw new CliInputException(next < total
                        ? string.Create(CultureInfo.InvariantCulture, $"sentences {Span(next, total - next)} of {total} (header of {header.Path}) are missing: the last shard(s) are not among the inputs.")
                        : string.Create(CultureInfo.InvariantCulture, $"the inputs hold {next} sentences but the header of {header.Path} says {total}; the shards are from different corpora."));
                }
            });
            return 0;
        });
        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {ordered.Count} shards ({total:N0} sentences) into {outPath}"));
    }

    // Copies one shard's lines, checking that sentence indices continue from 'next'; returns the next expected index.
    private static long CopyShard(Input input, bool hasHeader, long next, Stream output, ref long done, long bytes, List<(string Path, long First, long Last)> seen, IProgress<double> progress, CancellationToken cancellationToken)
    {
        using var file = new FileStream(input.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var reader = new LineReader(file);
        long lineNumber = 0, reported = 0;
        while (reader.TryReadLine(out ReadOnlySpan<byte> line, out bool terminated))
        {
            lineNumber++;
            if (!terminated)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{input.Path} line {lineNumber}: the last line has no newline; the shard is incomplete (was it copied while being written?)."));
            }

            if (lineNumber == 1 && hasHeader)
            {
                Write(output, line);
                continue;
            }

            (string? kind, long index) = ReadKindAndIndex(line, input.Path, lineNumber);
            if (kind == "header")
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{input.Path} line {lineNumber}: a corpus header inside a shard; only line 1 of shard 0 may be the header."));
            }

            if (kind != "sentence" || index < 0)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{input.Path} line {lineNumber}: not a sentence object with an index \"i\"; corpus shards are written by skm generate ... --shard i/n."));
            }

            if (index != next)
            {
                throw index > next
                    ? new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{input.Path} line {lineNumber}: sentence {index} follows sentence {next - 1}, so sentences {Span(next, index - next)} are missing: a shard is not among the inputs."))
                    : new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{input.Path} line {lineNumber}: sentence {index} was already merged{Owner(seen, index)}; the shards overlap: give each shard once."));
            }

            Write(output, line);
            next++;
            if ((lineNumber % CheckEvery) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                done += reader.BytesRead - reported;
                reported = reader.BytesRead;
                progress.Report((double)done / Math.Max(1, bytes));
            }
        }

        done += reader.BytesRead - reported;
        progress.Report((double)done / Math.Max(1, bytes));
        return next;
    }

    private static string Owner(List<(string Path, long First, long Last)> seen, long index) =>
        seen.FirstOrDefault(s => index >= s.First && index <= s.Last) is { Path: not null } owner
            ? string.Create(CultureInfo.InvariantCulture, $" from {owner.Path} (sentences {owner.First}..{owner.Last})")
            : string.Empty;

    private static void Write(Stream output, ReadOnlySpan<byte> line)
    {
        output.Write(line);
        output.WriteByte((byte)'\n');
    }

    // Reads the "kind" and "i" members of one JSONL object without parsing the rest.
    private static (string? Kind, long Index) ReadKindAndIndex(ReadOnlySpan<byte> line, string path, long lineNumber)
    {
        string? kind = null;
        long index = -1;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, -1);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && (kind is null || index < 0))
            {
                bool isKind = reader.ValueTextEquals("kind"u8), isIndex = reader.ValueTextEquals("i"u8);
                reader.Read();
                if (isKind && reader.TokenType == JsonTokenType.String)
                {
                    kind = reader.GetString();
                }
                else if (isIndex && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long i))
                {
                    index = i;
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException e)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path} line {lineNumber}: not valid JSON ({ErrorText.FirstLine(e.Message)})."), e);
        }

        return (kind, index);
    }

    private sealed record Input(string Path, InputKind Kind, JsonElement Json, long FirstIndex);

    /// <summary>Reads '\n'-terminated lines as byte spans (valid until the next call), growing for long lines.</summary>
    private sealed class LineReader(Stream stream)
    {
        private byte[] _buffer = new byte[1 << 20];
        private int _start;
        private int _end;
        private int _scanned;
        private bool _eof;

        public long BytesRead { get; private set; }

        public bool TryReadLine(out ReadOnlySpan<byte> line, out bool terminated)
        {
            while (true)
            {
                int newline = _buffer.AsSpan(_start + _scanned, _end - _start - _scanned).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    line = _buffer.AsSpan(_start, _scanned + newline);
                    _start += _scanned + newline + 1;
                    _scanned = 0;
                    terminated = true;
                    return true;
                }

                _scanned = _end - _start;
                if (_eof)
                {
                    terminated = false;
                    line = _buffer.AsSpan(_start, _end - _start);
                    _start = _end;
                    _scanned = 0;
                    return !line.IsEmpty;
                }

                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }

                if (_end == _buffer.Length)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }

                int read = stream.Read(_buffer, _end, _buffer.Length - _end);
                if (read == 0)
                {
                    _eof = true;
                }
                else
                {
                    _end += read;
                    BytesRead += read;
                }
            }
        }
    }
}
