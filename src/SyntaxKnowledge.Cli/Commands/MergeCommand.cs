using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SyntaxKnowledge.Cli.Corpus;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>
/// skm merge FILE...: combines shard outputs exactly. Simulate shards (skm simulate --shard i/n --format json)
/// must come from one run and cover replicates 0..R-1 exactly once; the merged mean_distinct and standard_error
/// are bit-identical to the unsharded run's. JSONL corpus shards (skm generate --shard i/n) are checked (the same
/// model/seed fingerprint, ranges by the split rule with no gap or overlap, sentence indices, each shard's SHA-256
/// checksum) and joined into --out under the corpus header, byte for byte the unsharded corpus; it appears only when complete. The kind is detected from each file's first line.
/// </summary>
internal static class MergeCommand
{
    private const int CheckEvery = 4096;

    private enum InputKind
    {
        Empty,
        Simulate,
        CorpusShard,
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
            Input? corpus = inputs.FirstOrDefault(i => i.Kind is InputKind.CorpusShard or InputKind.CorpusHeader or InputKind.CorpusSentences);
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
        InputFile.Require(path, "merge");
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
                        case CorpusFile.ShardKind:
                            return new Input(path, InputKind.CorpusShard, root.Clone(), -1);
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

        AtomicFile.Write(outPath, "--out", context.Output, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 12, leaveOpen: true);
            merged.Write(writer, format);
        });
        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {ordered.Count} shards ({total} replicates) into {AtomicFile.Describe(outPath)} (first shard read: {firstPath})"));
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

        foreach (Input input in inputs)
        {
            switch (input.Kind)
            {
                case InputKind.Empty:
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{input.Path}: the file is empty; a corpus shard starts with a {{\"kind\":\"shard\"}} line written by skm generate ... --shard i/n."));
                case InputKind.CorpusHeader:
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{input.Path}: line 1 is a whole-corpus header, not a shard line; merge only files written by skm generate ... --shard i/n (an older skm's shards carry no fingerprint: regenerate them)."));
                case InputKind.CorpusSentences:
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{input.Path}: line 1 is a sentence, not a shard line; merge only files written by skm generate ... --shard i/n (an older skm's shards carry no fingerprint: regenerate them)."));
            }
        }

        List<CorpusShard> shards = [.. inputs.Select(i => CorpusShard.Read(i.Path, i.Json))];
        CorpusShard reference = shards[0];
        foreach (CorpusShard s in shards.Skip(1))
        {
            if (s.Fingerprint != reference.Fingerprint)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{s.Path}: its model/seed fingerprint differs from {reference.Path}'s ({reference.Difference(s)}); all shards must come from one skm generate run (same model options, --seed and --sentences)."));
            }
        }

        long total = reference.Sentences;
        var ordered = shards.OrderBy(s => s.First).ThenBy(s => s.Count).ToList();
        long expected = 0;
        for (int k = 0; k < ordered.Count; k++)
        {
            CorpusShard s = ordered[k];
            if (s.First < expected)
            {
                CorpusShard previous = ordered[k - 1];
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{s.Path} (shard {s.Shard}, sentences {Span(s.First, s.Count)}) overlaps {previous.Path} (shard {previous.Shard}, sentences {Span(previous.First, previous.Count)}); give each shard once."));
            }

            if (s.First > expected)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"sentences {Span(expected, s.First - expected)} of {total} are missing (the next input, {s.Path}, starts at sentence {s.First}): a shard is not among the inputs; valid input: every shard 0/n..(n-1)/n exactly once."));
            }

            expected = s.First + s.Count;
        }

        if (expected < total)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"sentences {Span(expected, total - expected)} of {total} (header of {reference.Path}) are missing: the last shard(s) are not among the inputs."));
        }

        long bytes = ordered.Sum(i => new FileInfo(i.Path).Length);
        ProgressDisplay.Run(context, "merging " + Path.GetFileName(outPath), progress =>
        {
            AtomicFile.Write(outPath, "--out", context.Output, stream =>
            {
                stream.Write(reference.HeaderLine);
                stream.WriteByte((byte)'\n');
                long done = 0;
                foreach (CorpusShard shard in ordered)
                {
                    CopyShard(shard, stream, ref done, bytes, progress, context.CancellationToken);
                }
            });
            return 0;
        });
        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {ordered.Count} shards ({total:N0} sentences) into {AtomicFile.Describe(outPath)}"));
    }

    // Copies one shard's sentence lines, checking their indices against the shard's range and the end line's checksum.
    private static void CopyShard(CorpusShard shard, Stream output, ref long done, long bytes, IProgress<double> progress, CancellationToken cancellationToken)
    {
        using var file = new FileStream(shard.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var reader = new LineReader(file);
        long lineNumber = 0, reported = 0, next = shard.First;
        bool ended = false;
        while (reader.TryReadLine(out ReadOnlySpan<byte> line, out bool terminated))
        {
            lineNumber++;
            if (!terminated)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{shard.Path} line {lineNumber}: the last line has no newline; the shard is incomplete (was it copied while being written?)."));
            }

            if (ended)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{shard.Path} line {lineNumber}: a line after the shard's end line; the file was edited or two shards were concatenated."));
            }

            if (lineNumber == 1)
            {
                hash.AppendData(line);
                hash.AppendData("\n"u8);
                continue;
            }

            (string? kind, long index) = ReadKindAndIndex(line, shard.Path, lineNumber);
            if (kind == CorpusFile.ShardEndKind)
            {
                CheckEnd(shard, line, lineNumber, next, Convert.ToHexStringLower(hash.GetHashAndReset()));
                ended = true;
                continue;
            }

            hash.AppendData(line);
            hash.AppendData("\n"u8);
            if (kind != "sentence" || index < 0)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{shard.Path} line {lineNumber}: not a sentence object with an index \"i\"; corpus shards are written by skm generate ... --shard i/n."));
            }

            if (index != next || index >= shard.First + shard.Count)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{shard.Path} line {lineNumber}: sentence {index} where sentence {next} was expected (the shard line says sentences {Span(shard.First, shard.Count)}); the file was edited or is not from skm generate."));
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

        if (!ended)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{shard.Path}: the shard has no end line {{\"kind\":\"shard_end\"}}; it is incomplete or truncated: rerun it."));
        }

        done += reader.BytesRead - reported;
        progress.Report((double)done / Math.Max(1, bytes));
    }

    private static void CheckEnd(CorpusShard shard, ReadOnlySpan<byte> line, long lineNumber, long next, string actual)
    {
        string? stored = null;
        long count = -1;
        try
        {
            using JsonDocument document = JsonDocument.Parse(line.ToArray());
            JsonElement root = document.RootElement;
            if (root.TryGetProperty("sha256", out JsonElement sha) && sha.ValueKind == JsonValueKind.String)
            {
                stored = sha.GetString();
            }

            if (root.TryGetProperty("sentences", out JsonElement n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt64(out long c))
            {
                count = c;
            }
        }
        catch (JsonException e)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{shard.Path} line {lineNumber}: the end line is not valid JSON ({ErrorText.FirstLine(e.Message)})."), e);
        }

        if (count != shard.Count || next != shard.First + shard.Count)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{shard.Path} line {lineNumber}: the shard holds {next - shard.First} sentences but its shard line says {shard.Count} (end line: {count}); the file was edited or truncated: rerun it."));
        }

        if (!string.Equals(stored, actual, StringComparison.Ordinal))
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{shard.Path}: checksum mismatch (SHA-256 of the lines before line {lineNumber}): the shard was edited or corrupted; rerun it."));
        }
    }

    /// <summary>The first line of a corpus shard, checked: the embedded header must match the fingerprint, the range the split rule.</summary>
    private sealed record CorpusShard(string Path, ShardSpec Shard, long First, long Count, long Sentences, ulong Seed, string Fingerprint, byte[] HeaderLine)
    {
        public static CorpusShard Read(string path, JsonElement line)
        {
            try
            {
                string? shardText = line.GetProperty("shard").GetString();
                ShardSpec shard;
                try
                {
                    shard = ShardSpec.Parse(shardText);
                }
                catch (CliInputException)
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"\"shard\" = '{ErrorText.Cut(shardText ?? "null")}' is not i/n with 0 <= i < n"));
                }

                long first = line.GetProperty("first").GetInt64(), count = line.GetProperty("count").GetInt64();
                string fingerprint = line.GetProperty("fingerprint").GetString() ?? string.Empty;
                JsonElement header = line.GetProperty("header");
                byte[] headerLine = Encoding.UTF8.GetBytes(header.GetRawText());
                if (!string.Equals(CorpusFile.Fingerprint(headerLine), fingerprint, StringComparison.Ordinal))
                {
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path} line 1: the fingerprint does not match the embedded corpus header: the file was edited; rerun the shard."));
                }

                long sentences = header.GetProperty("sentences").GetInt64();
                (long start, long length) = shard.Range(sentences);
                if (start != first || length != count)
                {
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path} line 1: shard {shard} of {sentences} sentences should cover sentences {Span(start, length)}, but the file says {Span(first, count)}; the file was edited or is not from skm generate."));
                }

                return new CorpusShard(path, shard, first, count, sentences, header.GetProperty("seed").GetUInt64(), fingerprint, headerLine);
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path} line 1: not a valid corpus shard line ({ErrorText.FirstLine(e.Message)}); write shards with skm generate ... --shard i/n."), e);
            }
        }

        /// <summary>Names what differs from another shard's run (seed, size, or the model).</summary>
        public string Difference(CorpusShard other) =>
            other.Seed != Seed ? string.Create(CultureInfo.InvariantCulture, $"seed {other.Seed} vs {Seed}")
            : other.Sentences != Sentences ? string.Create(CultureInfo.InvariantCulture, $"sentences {other.Sentences} vs {Sentences}")
            : "a different model or preset";
    }

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
