using System.Text.Json;
using SyntaxKnowledge.Evaluation;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Tests.Formats;

/// <summary>
/// The file formats of the bridge to real language models: tokenizer.json / vocab.txt, eval.jsonl, split.json, the sweep manifest
/// and model log-probabilities. Each is written and read back to equal records, checked against its documented shape with an
/// independent JSON parser, and fed malformed lines that must fail with a <see cref="FileFormatException"/> naming line and field.
/// </summary>
public sealed class BridgeFormatsTests
{
    private static readonly string Fingerprint = CorpusFingerprint.Compute(["{\"kind\": \"header\"}", "{\"kind\": \"sentence\"}"]);

    private static readonly Lazy<SyntaxKnowledgeModel> Pieces = new(() =>
        SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 1)).WithTokenization(Tokenization.Pieces));

    private static StringReader Text(params string[] lines) => new(string.Join('\n', lines) + "\n");

    private static string Written(Action<TextWriter> write)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        write(writer);
        return writer.ToString();
    }

    private static int Drain<T>(IEnumerable<T> sequence) => sequence.Count();

    private static FileFormatException AssertLocated(Action read, string file, int line, string? field, params string[] fragments)
    {
        FileFormatException e = Assert.Throws<FileFormatException>(read);
        Assert.Equal(file, e.FileName);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.StartsWith(line > 0 ? $"{file}, line {line}" : file, e.Message, StringComparison.Ordinal);
        if (field is not null)
        {
            Assert.Contains($"field '{field}'", e.Message, StringComparison.Ordinal);
        }

        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    // ---- tokenizer.json and vocab.txt -------------------------------------------------------------------------------------------

    [Fact]
    public void WriteHuggingFace_PiecesVocabulary_FollowsTheTokenizersWordLevelSchema()
    {
        TokenVocabulary vocabulary = TokenVocabulary.Of(Pieces.Value);
        string json = Written(w => TokenizerFile.WriteHuggingFace(w, vocabulary));
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        Assert.Equal("1.0", root.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("truncation").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("padding").ValueKind);
        Assert.Equal("WhitespaceSplit", root.GetProperty("pre_tokenizer").GetProperty("type").GetString());

        string[] specials = ["<pad>", "<bos>", "<eos>", "<unk>"];
        JsonElement added = root.GetProperty("added_tokens");
        Assert.Equal(4, added.GetArrayLength());
        for (int id = 0; id < 4; id++)
        {
            Assert.Equal(id, added[id].GetProperty("id").GetInt32());
            Assert.Equal(specials[id], added[id].GetProperty("content").GetString());
            Assert.True(added[id].GetProperty("special").GetBoolean());
            Assert.False(added[id].GetProperty("normalized").GetBoolean());
        }

        JsonElement model = root.GetProperty("model");
        Assert.Equal("WordLevel", model.GetProperty("type").GetString());
        Assert.Equal("<unk>", model.GetProperty("unk_token").GetString());
        var vocab = model.GetProperty("vocab").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);
        Assert.Equal(vocabulary.Count, vocab.Count);
        Assert.Equal(Enumerable.Range(0, vocabulary.Count), vocab.Values.Order());
        for (int id = 0; id < 4; id++)
        {
            Assert.Equal(id, vocab[specials[id]]);
        }

        // Every token the model emits has an id of its own; nothing generated maps to <unk>.
        foreach (Sentence s in CorpusGenerator.Generate(Pieces.Value, 5, 300))
        {
            Assert.All(s.Tokens, t => Assert.True(vocab.ContainsKey(t), $"'{t}' of sentence {s.Index} is not in the vocabulary"));
        }

        Assert.True(json.EndsWith("}\n", StringComparison.Ordinal) && json.Count(c => c == '\n') == 1, "one JSON line and a newline");
    }

    [Fact]
    public void Read_HuggingFaceAndText_GiveTheTokensBackById()
    {
        TokenVocabulary vocabulary = TokenVocabulary.Of(Pieces.Value);
        string json = Written(w => TokenizerFile.WriteHuggingFace(w, vocabulary));
        string text = Written(w => TokenizerFile.WriteText(w, vocabulary));
        Assert.Equal(vocabulary.Count, text.Count(c => c == '\n'));
        Assert.StartsWith("<pad>\n<bos>\n<eos>\n<unk>\n", text, StringComparison.Ordinal);

        // ImmutableArray's own Equals compares references: compare the tokens as arrays.
        string[] tokens = [.. vocabulary.Tokens];
        Assert.Equal(tokens, TokenizerFile.Read(new StringReader(json), "tokenizer.json").ToArray());
        Assert.Equal(tokens, TokenizerFile.Read(new StringReader(text), "vocab.txt").ToArray());
        Assert.Equal(tokens, TokenizerFile.Read(new StringReader(text.Replace("\n", "\r\n", StringComparison.Ordinal)), "vocab.txt").ToArray());
        Assert.Equal(tokens, TokenizerFile.Read(new StringReader("  \n" + json), "tokenizer.json").ToArray());
    }

    [Fact]
    public void Read_ANonWordLevelModel_FailsNamingModelType()
    {
        AssertLocated(() => TokenizerFile.Read(new StringReader("{\"model\": {\"type\": \"BPE\", \"vocab\": {}}}"), "tok.json"), "tok.json", 0, "model.type", "WordLevel");
        AssertLocated(() => TokenizerFile.Read(new StringReader("{\"version\": \"1.0\"}"), "tok.json"), "tok.json", 0, "model", "is missing");
        AssertLocated(() => TokenizerFile.Read(new StringReader("{\"model\": {\"type\": \"WordLevel\", \"vocab\": [\"a\"]}}"), "tok.json"), "tok.json", 0, "model.vocab", "an array");
        AssertLocated(() => TokenizerFile.Read(new StringReader("{\"model\": "), "tok.json"), "tok.json", 0, null, "not valid JSON");
    }

    [Theory]
    [InlineData("{\"a\": 0, \"b\": 0}", "token 'b' has id 0")]
    [InlineData("{\"a\": 0, \"b\": 2}", "token 'b' has id 2")]
    [InlineData("{\"a\": 0, \"b\": -1}", "token 'b' has id -1")]
    [InlineData("{\"a\": 0, \"b\": \"1\"}", "token 'b' has id -1")]
    [InlineData("{\"a\": 0, \"b c\": 1}", "token 1 'b c'")]
    public void Read_IdsNotZeroToNMinusOneOrBadTokens_FailNamingTheToken(string vocab, string fragment)
    {
        string json = "{\"model\": {\"type\": \"WordLevel\", \"vocab\": " + vocab + "}}";
        Assert.Contains(fragment, Assert.Throws<FileFormatException>(() => TokenizerFile.Read(new StringReader(json), "tok.json")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\nb\na\n", "token 2 'a'")]
    [InlineData("a\n\nb\n", "token 1 ''")]
    [InlineData("a\nb c\n", "token 1 'b c'")]
    public void Read_TextWithARepeatedBlankOrSpacedToken_Fails(string text, string fragment)
    {
        AssertLocated(() => TokenizerFile.Read(new StringReader(text), "vocab.txt"), "vocab.txt", 0, null, fragment);
    }

    // ---- eval.jsonl --------------------------------------------------------------------------------------------------------------

    private static EvaluationRecord Record(long index, bool world, params double[] frozen) => new(
        index, 3, 1, ["Ka", "Bo", "n", "lives", "in", "Apia", "."],
        [TokenTag.Name, TokenTag.Name, TokenTag.Name, TokenTag.Syntax, TokenTag.Syntax, TokenTag.Value, TokenTag.Syntax],
        7, true,
        [-0.1, -1e-300, Math.Log(1.0 / 3), -745.1332191019411, -0.0, -2.5, -1.0 / 7],
        [.. frozen],
        world ? [-0.2, -0.3, -0.4, -0.5, -0.6, -0.7, -0.8] : []);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EvaluationFile_WrittenRecords_ReadBackEqual(bool world)
    {
        var header = new EvaluationHeader(Fingerprint, 100, 3, world);
        EvaluationRecord[] records =
        [
            Record(100, world, -1, -2, -3, -4, -5, -6, -7),
            Record(101, world, double.NegativeInfinity, -0.5, -0.25, -0.125, -1e-17, -12.75, -3.3333333333333335),
            Record(105, world, -1, -1, -1, -1, -1, -1, -1) with { TrainCount = 0, FactSeen = false, Entity = 40 },
        ];
        string text = Written(w =>
        {
            EvaluationFile.WriteHeader(w, header);
            foreach (EvaluationRecord r in records)
            {
                EvaluationFile.WriteRecord(w, r);
            }
        });
        Assert.Equal(4, text.Count(c => c == '\n'));
        (EvaluationHeader read, IEnumerable<EvaluationRecord> readRecords) = EvaluationFile.Read(new StringReader(text), "eval.jsonl");
        Assert.Equal(header, read);
        Assert.Equal(records, readRecords.ToArray());

        // The documented shape, read independently.
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using JsonDocument h = JsonDocument.Parse(lines[0]), r1 = JsonDocument.Parse(JsonText.QuoteNonFinite(lines[2]));
        Assert.Equal("header", h.RootElement.GetProperty("kind").GetString());
        Assert.Equal(1, h.RootElement.GetProperty("format").GetInt32());
        Assert.Equal(world ? 3 : 2, h.RootElement.GetProperty("columns").GetArrayLength());
        Assert.Equal("eval", r1.RootElement.GetProperty("kind").GetString());
        Assert.Equal(101, r1.RootElement.GetProperty("i").GetInt64());
        Assert.Equal("name name name syntax syntax value syntax", string.Join(' ', r1.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));
        Assert.Equal(world, r1.RootElement.GetProperty("logprobs").TryGetProperty("world", out _));
        Assert.Contains("\"frozen\":[-Infinity,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluationFile_RealSplitRecords_ReadBackEqual()
    {
        SyntaxKnowledgeModel model = Pieces.Value;
        World world = World.Sample(model, 4);
        List<IReadOnlyList<string>> corpus = [.. CorpusGenerator.Generate(world, 0, 150).Select(s => (IReadOnlyList<string>)s.Tokens)];
        EvaluationRecord[] records = [.. SplitEvaluation.Evaluate(model, corpus, 100, 50, world)];
        Assert.Equal(50, records.Length);
        string text = Written(w =>
        {
            EvaluationFile.WriteHeader(w, new EvaluationHeader(Fingerprint, 100, 50, true));
            Array.ForEach(records, r => EvaluationFile.WriteRecord(w, r));
        });
        (_, IEnumerable<EvaluationRecord> read) = EvaluationFile.Read(new StringReader(text), "eval.jsonl");
        Assert.Equal(records, read.ToArray());
    }

    private static string Header(int format = 1, int train = 10) =>
        $"{{\"kind\": \"header\", \"format\": {format}, \"corpus_fingerprint\": \"{Fingerprint}\", \"train_sentences\": {train}, \"eval_sentences\": 2, \"columns\": [\"continuation\", \"frozen\"]}}";

    private static string EvalLine(long i = 10, string tags = "[\"syntax\", \"value\"]", string frozen = "[-1, -2]", string extra = "\"train_count\": 2, \"fact_seen\": false") =>
        $"{{\"kind\": \"eval\", \"i\": {i}, \"entity\": 0, \"attribute\": 0, \"tokens\": [\"in\", \"Oslo\"], \"tags\": {tags}, {extra}, \"logprobs\": {{\"continuation\": [-0.5, -0.25], \"frozen\": {frozen}}}}}";

    [Fact]
    public void EvaluationFile_PythonStyleLine_IsRead()
    {
        string header1 = Header().Replace("\"eval_sentences\": 2", "\"eval_sentences\": 1", StringComparison.Ordinal);
        (EvaluationHeader header, IEnumerable<EvaluationRecord> records) = EvaluationFile.Read(Text(header1, EvalLine(frozen: "[NaN, -Infinity]")), "e.jsonl");
        Assert.Equal(new EvaluationHeader(Fingerprint, 10, 1, false), header);
        EvaluationRecord r = Assert.Single(records);
        Assert.Equal(new EvaluationRecord(10, 0, 0, ["in", "Oslo"], [TokenTag.Syntax, TokenTag.Value], 2, false, [-0.5, -0.25], [double.NaN, double.NegativeInfinity], []), r);
    }

    [Fact]
    public void EvaluationFile_EmptyOrWithoutHeader_FailsAtOnce()
    {
        AssertLocated(() => EvaluationFile.Read(new StringReader("\n\n"), "e.jsonl"), "e.jsonl", 0, null, "empty");
        AssertLocated(() => EvaluationFile.Read(Text(EvalLine()), "e.jsonl"), "e.jsonl", 1, "kind", "header");
        AssertLocated(() => EvaluationFile.Read(Text("", Header(format: 2)), "e.jsonl"), "e.jsonl", 2, "format", "unsupported evaluation format 2", "formats 1 to 1");
        AssertLocated(() => EvaluationFile.Read(Text(Header().Replace("\"eval_sentences\": 2", "\"eval_sentences\": \"2\"", StringComparison.Ordinal)), "e.jsonl"), "e.jsonl", 1, "eval_sentences", "expected an integer");
    }

    [Fact]
    public void EvaluationFile_RecordCountDifferentFromTheHeader_Fails()
    {
        // The header promises 2 records and the file holds 1 (truncated); then it promises 1 and the file holds 2.
        AssertLocated(() => Assert.True(EvaluationFile.Read(Text(Header(), EvalLine()), "e.jsonl").Records.Count() >= 0), "e.jsonl", 0, null, "1 records where the header's eval_sentences = 2", "truncated");
        string header1 = Header().Replace("\"eval_sentences\": 2", "\"eval_sentences\": 1", StringComparison.Ordinal);
        AssertLocated(() => Assert.True(EvaluationFile.Read(Text(header1, EvalLine(), EvalLine(i: 11)), "e.jsonl").Records.Count() >= 0), "e.jsonl", 3, null, "more records than the header's eval_sentences = 1");
    }

    [Fact]
    public void EvaluationFile_HeaderKindNotAString_FailsAsAFormatError()
    {
        AssertLocated(() => EvaluationFile.Read(Text("{\"kind\": 1, \"format\": 1}"), "e.jsonl"), "e.jsonl", 1, "kind");
    }

    [Theory]
    [InlineData("[\"syntax\"]", "[-1, -2]", "\"train_count\": 2, \"fact_seen\": false", "tags", "1 tags for 2 tokens")]
    [InlineData("[\"syntax\", \"fact\"]", "[-1, -2]", "\"train_count\": 2, \"fact_seen\": false", "tags[1]", "unknown tag 'fact'")]
    [InlineData("[\"syntax\", \"value\"]", "[-1]", "\"train_count\": 2, \"fact_seen\": false", "logprobs.frozen", "1 log-probabilities for 2 tokens")]
    [InlineData("[\"syntax\", \"value\"]", "[-1, \"x\"]", "\"train_count\": 2, \"fact_seen\": false", "frozen[1]", "\"x\" is not a number")]
    [InlineData("[\"syntax\", \"value\"]", "[-1, -2]", "\"fact_seen\": false", "train_count", "is missing")]
    [InlineData("[\"syntax\", \"value\"]", "[-1, -2]", "\"train_count\": 2.5, \"fact_seen\": false", "train_count", "expected an integer")]
    [InlineData("[\"syntax\", \"value\"]", "[-1, -2]", "\"train_count\": 2, \"fact_seen\": 0", "fact_seen", "expected true or false")]
    public void EvaluationFile_MalformedRecord_FailsWhenReached_NamingLineAndField(string tags, string frozen, string extra, string field, string fragment)
    {
        // The header reads at once; the record is only parsed when the sequence reaches it. A blank line still counts as a line.
        (_, IEnumerable<EvaluationRecord> records) = EvaluationFile.Read(Text(Header(), EvalLine(), "", EvalLine(11, tags, frozen, extra)), "e.jsonl");
        using IEnumerator<EvaluationRecord> e = records.GetEnumerator();
        Assert.True(e.MoveNext());
        AssertLocated(() => e.MoveNext(), "e.jsonl", 4, field, fragment);
    }

    [Theory]
    [InlineData(10, 10, "10 where an index above 10")]
    [InlineData(12, 11, "11 where an index above 12")]
    public void EvaluationFile_IndicesNotIncreasing_FailNamingI(long first, long second, string fragment)
    {
        (_, IEnumerable<EvaluationRecord> records) = EvaluationFile.Read(Text(Header(), EvalLine(first), EvalLine(second)), "e.jsonl");
        AssertLocated(() => Drain(records), "e.jsonl", 3, "i", fragment);
    }

    [Fact]
    public void EvaluationFile_RecordInsideTheTrainingPrefix_FailsNamingI()
    {
        (_, IEnumerable<EvaluationRecord> records) = EvaluationFile.Read(Text(Header(train: 10), EvalLine(9)), "e.jsonl");
        AssertLocated(() => Drain(records), "e.jsonl", 2, "i", "9 where an index above 9");
    }

    [Fact]
    public void EvaluationFile_TokensNotStrings_FailNamingTheElement()
    {
        string line = EvalLine().Replace("[\"in\", \"Oslo\"]", "[3, \"Oslo\"]", StringComparison.Ordinal);
        (_, IEnumerable<EvaluationRecord> records) = EvaluationFile.Read(Text(Header(), line), "e.jsonl");
        AssertLocated(() => Drain(records), "e.jsonl", 2, "tokens[0]", "expected a string");
    }

    // ---- split.json --------------------------------------------------------------------------------------------------------------

    private static readonly SplitManifest Manifest = new(Fingerprint, 500, 400, 100, 3_210, 812, 57, 90, 12, 40, "1/2", "1");

    [Fact]
    public void SplitManifest_Written_ReadsBackEqual_WithTheDocumentedFields()
    {
        string text = Written(Manifest.Write);
        Assert.Equal(Manifest, SplitManifest.Read(new StringReader(text), "split.json"));
        using JsonDocument document = JsonDocument.Parse(text);
        JsonElement e = document.RootElement;
        Assert.Equal("split", e.GetProperty("kind").GetString());
        Assert.Equal(1, e.GetProperty("format").GetInt32());
        Assert.Equal(400, e.GetProperty("eval_first").GetInt32());
        Assert.Equal(400, e.GetProperty("train_sentences").GetInt32());
        Assert.Equal(100, e.GetProperty("eval_sentences").GetInt32());
        Assert.Equal("1/2", e.GetProperty("discount").GetString());
        Assert.Equal(Fingerprint, e.GetProperty("corpus_fingerprint").GetString());
        Assert.Equal(15, e.EnumerateObject().Count());
    }

    [Theory]
    [InlineData("\"kind\": \"split\"", "\"kind\": \"splat\"", "kind", "expected {\"kind\": \"split\"")]
    [InlineData("\"format\": 1", "\"format\": 2", "format", "unsupported split manifest format 2")]
    [InlineData("\"format\": 1", "\"format\": 0", "format", "unsupported split manifest format 0")]
    [InlineData("\"corpus_sentences\": 500", "\"corpus_sentences\": 400", "train_sentences", "400 is out of range; valid range: 1 to 399")]
    [InlineData("\"train_sentences\": 400", "\"train_sentences\": 0", "train_sentences", "0 is out of range; valid range: 1 to 499")]
    [InlineData("\"eval_sentences\": 100", "\"eval_sentences\": 101", "eval_sentences", "101 is out of range; valid range: 1 to 100")]
    [InlineData("\"discount\": \"1/2\"", "\"discount\": 0.5", "discount", "expected a string")]
    [InlineData("\"train_facts\": 90", "\"train_factz\": 90", "train_facts", "is missing")]
    public void SplitManifest_MalformedField_FailsNamingIt(string from, string to, string field, string fragment)
    {
        string text = Written(Manifest.Write).Replace(from.Replace(" ", string.Empty, StringComparison.Ordinal), to, StringComparison.Ordinal);
        text = text.Replace(from, to, StringComparison.Ordinal);
        Assert.Contains(to, text, StringComparison.Ordinal);
        AssertLocated(() => SplitManifest.Read(new StringReader(text), "split.json"), "split.json", 1, field, fragment);
    }

    [Fact]
    public void SplitManifest_EmptyOrBadFingerprintOrNotJson_Fails()
    {
        AssertLocated(() => SplitManifest.Read(new StringReader(" \n"), "split.json"), "split.json", 0, null, "empty");
        AssertLocated(() => SplitManifest.Read(new StringReader("{\"kind\": \"split\","), "split.json"), "split.json", 1, null, "not valid JSON");
        AssertLocated(() => SplitManifest.Read(new StringReader("[1]"), "split.json"), "split.json", 1, "kind");
        AssertLocated(() => SplitManifest.Read(new StringReader("{\"kind\": 1, \"format\": 1}"), "split.json"), "split.json", 1, "kind");
        string bad = Written((Manifest with { CorpusFingerprint = "sha256:ABC" }).Write);
        AssertLocated(() => SplitManifest.Read(new StringReader(bad), "split.json"), "split.json", 1, "corpus_fingerprint", "'sha256:ABC' is not a fingerprint");
    }

    // ---- sweep manifest ----------------------------------------------------------------------------------------------------------

    [Fact]
    public void SweepManifest_WrittenRuns_ReadBackEqual_NullsAndNaNIncluded()
    {
        SweepRun[] runs =
        [
            new(400, 3_210, 2.75e5, "1/2", EvaluationMode.Frozen, 812, 1.25, 1.0, 0.25, 0.0125, "/tmp/lm.jsonl"),
            new(1, 1, null, null, EvaluationMode.Continuation, 9, 0.1 + 0.2, 1.0 / 3, -1e-17, double.NaN, null),
            new(1_000_000, 7_000_000, 1e9, "3/7", EvaluationMode.World, 12, double.PositiveInfinity, 2, double.PositiveInfinity, double.NaN, "r\u00e9sum\u00e9 \"x\".json"),
        ];
        string text = Written(w => Array.ForEach(runs, r => SweepManifest.WriteRun(w, r)));
        Assert.Equal(3, text.Count(c => c == '\n'));
        Assert.Equal(runs, SweepManifest.Read(new StringReader(text), "sweep.jsonl"));
        using JsonDocument second = JsonDocument.Parse(JsonText.QuoteNonFinite(text.Split('\n')[1]));
        JsonElement e = second.RootElement;
        Assert.Equal("run", e.GetProperty("kind").GetString());
        Assert.Equal("continuation", e.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("parameters").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("discount").ValueKind);
        Assert.Equal("NaN", e.GetProperty("excess_se").GetString());
    }

    [Fact]
    public void SweepManifest_PythonWrittenLine_WithoutOptionalFields_IsRead()
    {
        string line = "{\"kind\": \"run\", \"format\": 1, \"train_sentences\": 50, \"train_tokens\": 400, \"mode\": \"frozen\", \"eval_tokens\": 80, "
            + "\"model_nats_per_token\": 2.5, \"oracle_nats_per_token\": 2.0, \"excess_nats_per_token\": 0.5, \"excess_se\": NaN}";
        SweepRun run = Assert.Single(SweepManifest.Read(Text("", line, ""), "sweep.jsonl"));
        Assert.Equal(new SweepRun(50, 400, null, null, EvaluationMode.Frozen, 80, 2.5, 2.0, 0.5, double.NaN, null), run);
    }

    [Theory]
    [InlineData("\"mode\": \"frozen\"", "\"mode\": \"greedy\"", "mode", "unknown mode 'greedy'; valid: continuation, frozen, world")]
    [InlineData("\"kind\": \"run\"", "\"kind\": \"header\"", "kind", "expected \"run\"")]
    [InlineData("\"format\": 1", "\"format\": 9", "format", "unsupported sweep manifest format 9")]
    [InlineData("\"train_sentences\": 50", "\"train_sentences\": 0", "train_sentences", "must be at least 1")]
    [InlineData("\"train_tokens\": 400", "\"train_tokens\": 0", "train_tokens", "must be at least 1")]
    [InlineData("\"excess_se\": 0.1", "\"excess_se\": \"small\"", "excess_se", "\"small\" is not a number")]
    [InlineData("\"excess_se\": 0.1", "\"excess_sd\": 0.1", "excess_se", "is missing")]
    [InlineData("\"parameters\": 1000", "\"parameters\": true", "parameters", "expected a number, found a boolean")]
    public void SweepManifest_MalformedLine_FailsNamingLineAndField(string from, string to, string field, string fragment)
    {
        string good = "{\"kind\": \"run\", \"format\": 1, \"train_sentences\": 50, \"train_tokens\": 400, \"parameters\": 1000, \"discount\": \"1/2\", \"mode\": \"frozen\", "
            + "\"eval_tokens\": 80, \"model_nats_per_token\": 2.5, \"oracle_nats_per_token\": 2.0, \"excess_nats_per_token\": 0.5, \"excess_se\": 0.1, \"score_file\": null}";
        Assert.Single(SweepManifest.Read(Text(good), "sweep.jsonl"));
        string bad = good.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(good, bad);
        AssertLocated(() => SweepManifest.Read(Text(good, bad), "sweep.jsonl"), "sweep.jsonl", 2, field, fragment);
    }

    [Fact]
    public void SweepManifest_EmptyOrNotJson_Fails()
    {
        AssertLocated(() => SweepManifest.Read(new StringReader("\n \n"), "sweep.jsonl"), "sweep.jsonl", 0, null, "no runs");
        AssertLocated(() => SweepManifest.Read(Text("{\"kind\": \"run\""), "sweep.jsonl"), "sweep.jsonl", 1, null, "not valid JSON");
    }

    [Theory]
    [InlineData(EvaluationMode.Continuation, "continuation")]
    [InlineData(EvaluationMode.Frozen, "frozen")]
    [InlineData(EvaluationMode.World, "world")]
    public void ModeName_AndParseMode_AreInverse(EvaluationMode mode, string name)
    {
        Assert.Equal(name, SweepManifest.ModeName(mode));
        Assert.Equal(mode, SweepManifest.ParseMode(name));
        Assert.Null(SweepManifest.ParseMode(name.ToUpperInvariant()));
    }

    // ---- model log-probabilities -------------------------------------------------------------------------------------------------

    [Fact]
    public void ModelLogProbabilityFile_Written_ReadsBackEqual_NonFiniteValuesIncluded()
    {
        ModelLogProbabilities[] sentences =
        [
            new(7, [-0.1, double.NaN, double.NegativeInfinity, double.PositiveInfinity, -1e-300, Math.Log(0.3)]),
            new(3, [-745.1332191019411]),
            new(12, []),
        ];
        string text = Written(w => ModelLogProbabilityFile.Write(w, Fingerprint, sentences));
        ModelLogProbabilityDocument read = ModelLogProbabilityFile.Read(new StringReader(text), "lm.jsonl");

        // Reading records the line each sentence came from: the header is line 1.
        Assert.Equal(new ModelLogProbabilityDocument(Fingerprint, [.. sentences.Select((s, k) => s with { Line = k + 2 })]), read);
        Assert.Contains("[-0.1,NaN,-Infinity,Infinity,", text, StringComparison.Ordinal);

        string bare = Written(w => ModelLogProbabilityFile.Write(w, null, sentences));
        Assert.Equal(new ModelLogProbabilityDocument(null, [.. sentences.Select((s, k) => s with { Line = k + 1 })]), ModelLogProbabilityFile.Read(new StringReader(bare), "lm.jsonl"));
    }

    [Fact]
    public void ModelLogProbabilityFile_PythonJsonDumpsOutput_IsRead()
    {
        // json.dumps({"i": 5, "token_logprobs": [...]}) with its default separators and bare non-finite tokens; CRLF line ends.
        string text = "{\"kind\": \"header\", \"format\": 1, \"corpus_fingerprint\": \"" + Fingerprint + "\"}\r\n\r\n"
            + "{\"i\": 5, \"token_logprobs\": [-0.5, NaN, -Infinity, Infinity, -1e-05, -2.0]}\r\n";
        ModelLogProbabilityDocument read = ModelLogProbabilityFile.Read(new StringReader(text), "lm.jsonl");
        Assert.Equal(Fingerprint, read.CorpusFingerprint);
        ModelLogProbabilities s = Assert.Single(read.Sentences);
        Assert.Equal(5, s.Index);
        Assert.Equal(3, s.Line);
        Assert.Equal([-0.5, double.NaN, double.NegativeInfinity, double.PositiveInfinity, -1e-05, -2.0], s.TokenLogProbabilities.ToArray());
    }

    [Theory]
    [InlineData("{\"i\": 1, \"token_logprobs\": [-1]}", "{\"i\": 1, \"token_logprobs\": [-2]}", 2, "i", "sentence i = 1 appears twice")]
    [InlineData("{\"i\": 1, \"token_logprobs\": [-1]}", "{\"i\": -4, \"token_logprobs\": [-2]}", 2, "i", "-4 is negative")]
    [InlineData("{\"i\": 1, \"token_logprobs\": [-1]}", "{\"i\": 2, \"token_logprobs\": [-2, \"-inf\"]}", 2, "token_logprobs[1]", "\"-inf\" is not a number")]
    [InlineData("{\"i\": 1, \"token_logprobs\": [-1]}", "{\"i\": 2, \"token_logprobs\": [-2, null]}", 2, "token_logprobs[1]", "expected a number, found null")]
    [InlineData("{\"i\": 1, \"token_logprobs\": [-1]}", "{\"i\": 2, \"token_logprobs\": -2}", 2, "token_logprobs", "expected an array, found a number")]
    [InlineData("{\"i\": 1, \"token_logprobs\": [-1]}", "{\"i\": 2}", 2, "token_logprobs", "is missing")]
    [InlineData("{\"i\": 1, \"token_logprobs\": [-1]}", "{\"i\": \"2\", \"token_logprobs\": [-1]}", 2, "i", "expected an integer, found a string")]
    [InlineData("{\"i\": 1, \"token_logprobs\": [-1]}", "{\"kind\": \"header\", \"format\": 1, \"corpus_fingerprint\": \"x\"}", 2, "kind", "only be the first line")]
    [InlineData("{\"kind\": \"header\", \"format\": 2, \"corpus_fingerprint\": \"x\"}", "{\"i\": 2, \"token_logprobs\": [-1]}", 1, "format", "unsupported model log-probability format 2")]
    [InlineData("{\"kind\": \"header\", \"format\": 1, \"corpus_fingerprint\": \"md5:0\"}", "{\"i\": 2, \"token_logprobs\": [-1]}", 1, "corpus_fingerprint", "'md5:0' is not a fingerprint")]
    [InlineData("{\"i\": 1, \"token_logprobs\": [-1]}", "[1, 2]", 2, null, "found an array")]
    [InlineData("{\"i\": 1, \"token_logprobs\": [-1]}", "{\"i\": 2, \"token_logprobs\": [nan]}", 2, null, "not valid JSON")]
    public void ModelLogProbabilityFile_MalformedLine_FailsNamingLineAndField(string first, string second, int line, string? field, string fragment)
    {
        AssertLocated(() => ModelLogProbabilityFile.Read(Text(first, second), "lm.jsonl"), "lm.jsonl", line, field, fragment);
    }

    [Fact]
    public void ModelLogProbabilityFile_NumbersBeyondDoubleRange_ReadAsInfinities()
    {
        ModelLogProbabilities s = Assert.Single(ModelLogProbabilityFile.Read(Text("{\"i\": 2, \"token_logprobs\": [-1e400, 1e400, -1e-400]}"), "lm.jsonl").Sentences);
        Assert.Equal([double.NegativeInfinity, double.PositiveInfinity, 0.0], s.TokenLogProbabilities.ToArray());
    }

    [Fact]
    public void ModelLogProbabilityFile_HeaderOnlyOrEmpty_FailsWithNoSentenceLines()
    {
        AssertLocated(() => ModelLogProbabilityFile.Read(new StringReader(string.Empty), "lm.jsonl"), "lm.jsonl", 0, null, "no sentence lines");
        string header = "{\"kind\": \"header\", \"format\": 1, \"corpus_fingerprint\": \"" + Fingerprint + "\"}";
        AssertLocated(() => ModelLogProbabilityFile.Read(Text(header), "lm.jsonl"), "lm.jsonl", 0, null, "no sentence lines");
    }

    [Fact]
    public void ModelLogProbabilityFile_Write_RefusesAMalformedFingerprint()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => ModelLogProbabilityFile.Write(TextWriter.Null, "sha256:XYZ", []));
        Assert.Equal("corpusFingerprint", e.ParamName);
    }

    // ---- JsonText ----------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("[NaN, -Infinity, Infinity, -1.5]", "[\"NaN\", \"-Infinity\", \"Infinity\", -1.5]")]
    [InlineData("{\"NaN\": \"Infinity -Infinity\", \"x\": NaN}", "{\"NaN\": \"Infinity -Infinity\", \"x\": \"NaN\"}")]
    [InlineData("{\"s\": \"a\\\"NaN\\\\\", \"x\": -Infinity}", "{\"s\": \"a\\\"NaN\\\\\", \"x\": \"-Infinity\"}")]
    [InlineData("[1, 2, 3]", "[1, 2, 3]")]
    public void QuoteNonFinite_QuotesBareTokensOnly_NeverInsideStrings(string input, string expected)
    {
        Assert.Equal(expected, JsonText.QuoteNonFinite(input));
    }

    [Fact]
    public void WriteDoubles_NonFinite_WritesPythonsTokens_AndEveryValueReadsBackExactly()
    {
        double[] values = [double.NaN, double.NegativeInfinity, double.PositiveInfinity, -0.1, 1.0 / 3, double.Epsilon, -double.MaxValue, -0.0];
        string line = Written(w => JsonText.WriteLine(w, json =>
        {
            json.WriteStartObject();
            JsonText.WriteDoubles(json, "v", values);
            json.WriteEndObject();
        }));
        Assert.StartsWith("{\"v\":[NaN,-Infinity,Infinity,-0.1,", line, StringComparison.Ordinal);
        Assert.EndsWith("]}\n", line, StringComparison.Ordinal);
        using JsonDocument document = JsonText.Parse(line.TrimEnd('\n'), "x.jsonl", 1);
        double[] read = JsonText.Doubles(document.RootElement, "v", "x.jsonl", 1);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), read.Select(BitConverter.DoubleToInt64Bits));
    }
}
