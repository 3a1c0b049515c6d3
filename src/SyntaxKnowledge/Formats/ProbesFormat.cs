using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Formats;

/// <summary>
/// The probes.jsonl format (format 1): a header line <c>{"kind":"header","content":"probes","format":1,…}</c> recording the
/// world seed, the training prefix N, the entity process and the training-count populations, then one JSON object per probe.
/// </summary>
/// <remarks>
/// <para>Probe line fields: <c>probe</c>, <c>entity</c>, <c>attribute</c>, <c>attribute_name</c>, <c>template</c>,
/// <c>prompt</c> (tokens), <c>answer</c>, <c>candidates</c>, <c>train_count</c>, <c>fact_count</c>, <c>fact_seen</c>,
/// <c>kind</c> (<c>seen</c> | <c>unseen-fact</c> | <c>unseen-entity</c>), <c>bucket</c> (label of the training-count bucket),
/// <c>bayes</c> (<c>p_answer</c>, <c>p_top</c> as doubles and <c>p_answer_exact</c>, <c>p_top_exact</c> as "p/q" strings) and
/// <c>base</c> (<c>top</c>, <c>collision</c>, <c>entropy_bits</c> of the world's value base). See docs/02-guides/knowledge-probes.md.</para>
/// <para>Pure: reads and writes <see cref="TextReader"/>/<see cref="TextWriter"/> only. Readers report problems as
/// <see cref="FormatException"/> with the message "source, line n: problem".</para>
/// </remarks>
public static class ProbesFormat
{
    /// <summary>The format version written, and the only one read.</summary>
    public const int Format = 1;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a probe set: the header line, then one line per probe.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="probes">The probe set.</param>
    /// <param name="attributeNames">The attribute names of the model, by attribute index (written as <c>attribute_name</c>).</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A probe's attribute has no name in <paramref name="attributeNames"/>.</exception>
    public static void Write(TextWriter writer, ProbeSet probes, IReadOnlyList<string> attributeNames)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(attributeNames);
        ProbeSetHeader h = probes.Header;
        writer.Write(Line(json =>
        {
            json.WriteStartObject();
            json.WriteString("kind", "header");
            json.WriteString("content", "probes");
            json.WriteNumber("format", Format);
            json.WriteNumber("world_seed", h.WorldSeed);
            json.WriteNumber("train_sentences", h.TrainSentences);
            json.WriteString("discount", h.Discount.ToString());
            json.WriteString("concentration", h.Concentration.ToString());
            json.WriteNumber("probe_seed", h.ProbeSeed);
            json.WriteNumber("train_entities", h.TrainEntities);
            json.WriteStartArray("populations");
            foreach (ProbePopulation p in h.Populations)
            {
                json.WriteStartObject();
                json.WriteString("bucket", p.Label);
                json.WriteNumber("lower", p.Lower);
                json.WriteNumber("upper", p.Upper);
                json.WriteNumber("entities", p.Entities);
                json.WriteNumber("seen_facts", p.SeenFacts);
                json.WriteNumber("unseen_facts", p.UnseenFacts);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }));
        foreach (Probe p in probes.Probes)
        {
            if (p.Attribute < 0 || p.Attribute >= attributeNames.Count)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Probe {p.Id} has attribute {p.Attribute}, but only {attributeNames.Count} attribute names were given."), nameof(attributeNames));
            }

            writer.Write(Line(json =>
            {
                json.WriteStartObject();
                json.WriteNumber("probe", p.Id);
                json.WriteNumber("entity", p.Entity);
                json.WriteNumber("attribute", p.Attribute);
                json.WriteString("attribute_name", attributeNames[p.Attribute]);
                json.WriteNumber("template", p.Template);
                Strings(json, "prompt", p.Prompt);
                json.WriteString("answer", p.Answer);
                Strings(json, "candidates", p.Candidates);
                json.WriteNumber("train_count", p.TrainCount);
                json.WriteNumber("fact_count", p.FactCount);
                json.WriteBoolean("fact_seen", p.FactSeen);
                json.WriteString("kind", KindName(p.Kind));
                (long lower, long upper) = TrainCountBuckets.Of(p.TrainCount);
                json.WriteString("bucket", TrainCountBuckets.Label(lower, upper));
                json.WriteStartObject("bayes");
                json.WriteNumber("p_answer", p.BayesAnswer.ToDouble());
                json.WriteNumber("p_top", p.BayesTop.ToDouble());
                json.WriteString("p_answer_exact", p.BayesAnswer.ToString());
                json.WriteString("p_top_exact", p.BayesTop.ToString());
                json.WriteEndObject();
                json.WriteStartObject("base");
                json.WriteNumber("top", p.Base.Top);
                json.WriteNumber("collision", p.Base.Collision);
                json.WriteNumber("entropy_bits", p.Base.EntropyBits);
                json.WriteEndObject();
                json.WriteEndObject();
            }));
        }
    }

    /// <summary>Reads a probe set written by <see cref="Write"/>.</summary>
    /// <param name="reader">The source.</param>
    /// <param name="source">The source's name for error messages (e.g. the file path).</param>
    /// <returns>The probe set.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a format-1 probe set: "source, line n: problem".</exception>
    public static ProbeSet Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        string? first = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(first))
        {
            throw Malformed(source, 1, "the file is empty; expected a probes file written by 'skm split'");
        }

        ProbeSetHeader header = Parse(source, 1, first, e =>
        {
            if (Str(e, "kind") != "header" || Str(e, "content") != "probes")
            {
                throw new FormatException("the first line must be the header {\"kind\":\"header\",\"content\":\"probes\",...}");
            }

            int format = e.GetProperty("format").GetInt32();
            if (format != Format)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"unsupported probes format {format}; this version reads format {Format}"));
            }

            return new ProbeSetHeader(
                e.GetProperty("world_seed").GetUInt64(),
                e.GetProperty("train_sentences").GetInt64(),
                Rational.Parse(Str(e, "discount")),
                Rational.Parse(Str(e, "concentration")),
                e.GetProperty("probe_seed").GetUInt64(),
                e.GetProperty("train_entities").GetInt64(),
                [.. e.GetProperty("populations").EnumerateArray().Select(p => new ProbePopulation(
                    p.GetProperty("lower").GetInt64(), p.GetProperty("upper").GetInt64(), p.GetProperty("entities").GetInt64(),
                    p.GetProperty("seen_facts").GetInt64(), p.GetProperty("unseen_facts").GetInt64()))]);
        });

        var probes = ImmutableArray.CreateBuilder<Probe>();
        var ids = new HashSet<int>();
        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            Probe probe = Parse(source, lineNumber, line, e =>
            {
                ImmutableArray<string> candidates = [.. e.GetProperty("candidates").EnumerateArray().Select(c => c.GetString() ?? throw new FormatException("a candidate is not a string"))];
                string answer = Str(e, "answer");
                if (candidates.Length == 0 || candidates.Distinct(StringComparer.Ordinal).Count() != candidates.Length || !candidates.Contains(answer, StringComparer.Ordinal))
                {
                    throw new FormatException("'candidates' must be distinct, non-empty and contain the answer");
                }

                JsonElement bayes = e.GetProperty("bayes"), valueBase = e.GetProperty("base");
                return new Probe(
                    e.GetProperty("probe").GetInt32(),
                    e.GetProperty("entity").GetInt32(),
                    e.GetProperty("attribute").GetInt32(),
                    e.GetProperty("template").GetInt32(),
                    [.. e.GetProperty("prompt").EnumerateArray().Select(c => c.GetString() ?? throw new FormatException("a prompt token is not a string"))],
                    answer,
                    candidates,
                    e.GetProperty("train_count").GetInt64(),
                    e.GetProperty("fact_count").GetInt64(),
                    e.GetProperty("fact_seen").GetBoolean(),
                    ParseKind(Str(e, "kind")),
                    Rational.Parse(Str(bayes, "p_answer_exact")),
                    Rational.Parse(Str(bayes, "p_top_exact")),
                    new ProbeBase(valueBase.GetProperty("top").GetDouble(), valueBase.GetProperty("collision").GetDouble(), valueBase.GetProperty("entropy_bits").GetDouble()));
            });
            if (!ids.Add(probe.Id))
            {
                throw Malformed(source, lineNumber, string.Create(CultureInfo.InvariantCulture, $"probe id {probe.Id} occurs twice"));
            }

            probes.Add(probe);
        }

        return new ProbeSet(header, probes.ToImmutable());
    }

    /// <summary>Returns the format name of a kind: <c>seen</c>, <c>unseen-fact</c> or <c>unseen-entity</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not defined.</exception>
    public static string KindName(ProbeKind kind) => kind switch
    {
        ProbeKind.Seen => "seen",
        ProbeKind.UnseenFact => "unseen-fact",
        ProbeKind.UnseenEntity => "unseen-entity",
        _ => throw Internal.Preconditions.OutOfRange(nameof(kind), kind, "seen, unseen-fact or unseen-entity"),
    };

    private static ProbeKind ParseKind(string name) => name switch
    {
        "seen" => ProbeKind.Seen,
        "unseen-fact" => ProbeKind.UnseenFact,
        "unseen-entity" => ProbeKind.UnseenEntity,
        _ => throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"unknown kind '{name}'; valid kinds: seen, unseen-fact, unseen-entity")),
    };

    internal static T Parse<T>(string source, int lineNumber, string line, Func<JsonElement, T> read)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            return read(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            throw Malformed(source, lineNumber, FirstLine(e.Message));
        }
    }

    internal static string Str(JsonElement e, string name) => e.GetProperty(name).GetString() ?? throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{name}' must be a string"));

    internal static FormatException Malformed(string source, int line, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{source}, line {line}: {problem.TrimEnd('.')}."));

    internal static string Line(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, WriterOptions))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOfAny(['\r', '\n']);
        string first = newline >= 0 ? message[..newline] : message;
        int suffix = first.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return suffix >= 0 ? first[..suffix] : first;
    }
}

/// <summary>
/// The answers.jsonl format (format 1): optionally a header line <c>{"kind":"header","content":"answers","format":1}</c>, then
/// one object per probe, <c>{"probe": id, "value_logprobs": [ln P(candidate 0), …]}</c>, in the probe's candidate order.
/// </summary>
/// <remarks>
/// <para>Values are natural logarithms. A candidate made of several model tokens (sub-word pieces) gets the sum of the
/// pieces' log-probabilities, each conditioned on the prompt and the pieces before it (the chain rule), so the value is
/// ln P(the whole candidate | prompt). Values need not be normalised over the candidates: the scorer renormalises.</para>
/// <para>Python's <c>json</c> writes <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> as bare words; they are read (also as
/// strings). <c>-Infinity</c> (probability zero) is allowed; <c>NaN</c> and <c>Infinity</c> are errors, as is an answer
/// whose every candidate is <c>-Infinity</c>.</para>
/// </remarks>
public static class ProbeAnswersFormat
{
    /// <summary>The format version written, and the only one read.</summary>
    public const int Format = 1;

    /// <summary>Writes answers: the header line, then one line per answer (−∞ written as the bare word <c>-Infinity</c>, as Python does).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="answers">The answers.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A value is NaN or +∞.</exception>
    public static void Write(TextWriter writer, IEnumerable<ProbeAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(answers);
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"{{\"kind\":\"header\",\"content\":\"answers\",\"format\":{Format}}}\n"));
        foreach (ProbeAnswer a in answers)
        {
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"{{\"probe\":{a.Probe},\"value_logprobs\":[");
            for (int i = 0; i < a.ValueLogProbabilities.Length; i++)
            {
                double v = a.ValueLogProbabilities[i];
                if (double.IsNaN(v) || double.IsPositiveInfinity(v))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Answer to probe {a.Probe}: value {i} is {v}; log-probabilities must be finite or -Infinity."), nameof(answers));
                }

                line.Append(i == 0 ? string.Empty : ",").Append(double.IsNegativeInfinity(v) ? "-Infinity" : v.ToString("R", CultureInfo.InvariantCulture));
            }

            writer.Write(line.Append("]}\n").ToString());
        }
    }

    /// <summary>Reads answers; when <paramref name="probes"/> is given, also checks every line against it.</summary>
    /// <param name="reader">The source.</param>
    /// <param name="source">The source's name for error messages.</param>
    /// <param name="probes">The probe set answered, or <see langword="null"/> to check the syntax only.</param>
    /// <returns>The answers in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="source"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">A line is malformed, names an unknown or repeated probe, has the wrong number of values,
    /// holds NaN or +∞, or a probe has no answer: "source, line n: problem".</exception>
    public static ImmutableArray<ProbeAnswer> Read(TextReader reader, string source, ProbeSet? probes = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        Dictionary<int, Probe>? byId = probes?.Probes.ToDictionary(p => p.Id);
        var seen = new Dictionary<int, int>();
        var answers = ImmutableArray.CreateBuilder<ProbeAnswer>();
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            int current = lineNumber;
            ProbeAnswer? answer = ProbesFormat.Parse(source, current, JsonText.QuoteNonFinite(line), e =>
            {
                if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("kind", out JsonElement kind) && kind.GetString() == "header")
                {
                    if (ProbesFormat.Str(e, "content") != "answers" || e.GetProperty("format").GetInt32() != Format)
                    {
                        throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"unsupported header; expected {{\"kind\":\"header\",\"content\":\"answers\",\"format\":{Format}}}"));
                    }

                    return null;
                }

                int id = e.GetProperty("probe").GetInt32();
                var values = ImmutableArray.CreateBuilder<double>();
                int index = 0;
                foreach (JsonElement v in e.GetProperty("value_logprobs").EnumerateArray())
                {
                    double x = v.ValueKind == JsonValueKind.String ? ParseNamed(v.GetString()!) : v.GetDouble();
                    if (double.IsNaN(x) || double.IsPositiveInfinity(x))
                    {
                        throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"probe {id}: value_logprobs[{index}] is {(double.IsNaN(x) ? "NaN" : "Infinity")}; log-probabilities must be finite or -Infinity"));
                    }

                    values.Add(x);
                    index++;
                }

                if (values.Count > 0 && values.All(double.IsNegativeInfinity))
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"probe {id}: every candidate has log-probability -Infinity (no mass on any candidate)"));
                }

                return new ProbeAnswer(id, values.ToImmutable());
            });
            if (answer is null)
            {
                continue;
            }

            if (seen.TryGetValue(answer.Probe, out int previous))
            {
                throw ProbesFormat.Malformed(source, current, string.Create(CultureInfo.InvariantCulture, $"probe {answer.Probe} is answered twice (first on line {previous})"));
            }

            seen.Add(answer.Probe, current);
            if (byId is not null)
            {
                if (!byId.TryGetValue(answer.Probe, out Probe? probe))
                {
                    throw ProbesFormat.Malformed(source, current, string.Create(CultureInfo.InvariantCulture, $"unknown probe id {answer.Probe}; the probe set has {byId.Count} probes"));
                }

                if (answer.ValueLogProbabilities.Length != probe.Candidates.Length)
                {
                    throw ProbesFormat.Malformed(source, current, string.Create(CultureInfo.InvariantCulture, $"probe {answer.Probe} has {probe.Candidates.Length} candidates but {answer.ValueLogProbabilities.Length} value_logprobs"));
                }
            }

            answers.Add(answer);
        }

        if (byId is not null)
        {
            Probe? missing = probes!.Probes.FirstOrDefault(p => !seen.ContainsKey(p.Id));
            if (missing is not null)
            {
                throw ProbesFormat.Malformed(source, lineNumber + 1, string.Create(CultureInfo.InvariantCulture, $"end of file: no answer for probe {missing.Id} ({probes.Probes.Length - seen.Count} of {probes.Probes.Length} probes unanswered)"));
            }
        }

        return answers.ToImmutable();
    }

    private static double ParseNamed(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
