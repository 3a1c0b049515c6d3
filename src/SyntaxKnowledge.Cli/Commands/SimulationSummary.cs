using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>
/// The result of skm simulate (whole run or one shard) or of skm merge: exact integer moments plus provenance.
/// Its JSON is the simulate contract; a shard adds "schema", "shard", "shard_index", "shard_count",
/// "first_replicate" and "total_replicates", and every result carries the exact sums as decimal strings.
/// </summary>
/// <param name="Kind">"distinct" or "seating".</param>
/// <param name="Backend">The backend name(s), joined with '+' when merged shards used several.</param>
/// <param name="Device">The device description(s).</param>
/// <param name="Parameters">The process parameters.</param>
/// <param name="Draws">The draws n per replicate.</param>
/// <param name="Seed">The seed.</param>
/// <param name="TotalReplicates">The replicates R of the whole (unsharded) run.</param>
/// <param name="Shard">The shard this result is, or null for a whole run or a merge.</param>
/// <param name="FirstReplicate">The first replicate index covered.</param>
/// <param name="Distinct">The exact moments of K_n over the covered replicates.</param>
/// <param name="Singletons">The exact moments of K_{n,1} (seating only).</param>
/// <param name="Seconds">The compute time (summed over merged shards).</param>
/// <param name="Shards">The number of shard results combined (1 for a direct run).</param>
internal sealed record SimulationSummary(
    string Kind,
    string Backend,
    string Device,
    PitmanYorParameters Parameters,
    int Draws,
    ulong Seed,
    int TotalReplicates,
    ShardSpec? Shard,
    long FirstReplicate,
    IntegerMoments Distinct,
    IntegerMoments? Singletons,
    double Seconds,
    int Shards)
{
    /// <summary>The "schema" value that marks a shard result, so skm merge recognises it.</summary>
    public const string ShardSchema = "skm-simulate-shard/1";

    /// <summary>
    /// Gets the run fingerprint: SHA-256 (hex) of the fields every shard of one run shares (kind, d, θ, n, seed, R),
    /// so shards of different runs, or a shard whose run fields were edited, are recognised.
    /// </summary>
    public string Fingerprint => Sha256(string.Create(CultureInfo.InvariantCulture, $"skm-simulate/1|{Kind}|{Parameters.Discount}|{Parameters.Concentration}|{Draws}|{Seed}|{TotalReplicates}"));

    /// <summary>Gets the checksum of a shard: SHA-256 (hex) over the fingerprint, the range and every exact statistic.</summary>
    public string Checksum => Sha256(string.Create(
        CultureInfo.InvariantCulture,
        $"{Fingerprint}|{Shard}|{FirstReplicate}|{Distinct.Count}|{Distinct.Sum}|{Distinct.SumOfSquares}|{Singletons?.Sum}|{Singletons?.SumOfSquares}"));

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Gets the number of replicates this result covers.</summary>
    public long Replicates => Distinct.Count;

    /// <summary>Writes the result as one JSON line or a table.</summary>
    public void Write(TextWriter writer, string format)
    {
        MonteCarloEstimate distinct = MonteCarlo.Summarize(Distinct);
        MonteCarloEstimate? singletons = Singletons is { } m ? MonteCarlo.Summarize(m) : null;
        Rational? exact = Draws <= SimulateCommand.MaximumExactDraws ? ExpectedDistinct.Exact(Parameters, Draws) : null;
        double rate = (double)Draws * Replicates / Math.Max(Seconds, 1e-9);
        if (format == "table")
        {
            WriteTable(writer, distinct, singletons, exact, rate);
        }
        else
        {
            WriteJson(writer, distinct, singletons, exact, rate);
        }
    }

    private void WriteJson(TextWriter writer, MonteCarloEstimate distinct, MonteCarloEstimate? singletons, Rational? exact, double rate) =>
        Output.Json(writer, json =>
        {
            json.WriteStartObject();
            if (Shard is not null)
            {
                json.WriteString("schema", ShardSchema);
            }

            json.WriteString("kind", Kind);
            json.WriteString("backend", Backend);
            json.WriteString("device", Device);
            json.Exact("discount", Parameters.Discount);
            json.Exact("concentration", Parameters.Concentration);
            json.WriteNumber("n", Draws);
            json.WriteNumber("replicates", Replicates);
            json.WriteNumber("seed", Seed);
            if (Shard is { } s)
            {
                json.WriteString("shard", s.ToString());
                json.WriteNumber("shard_index", s.Index);
                json.WriteNumber("shard_count", s.Count);
                json.WriteNumber("first_replicate", FirstReplicate);
                json.WriteNumber("total_replicates", TotalReplicates);
                json.WriteString("fingerprint", Fingerprint);
            }
            else if (Shards > 1)
            {
                json.WriteNumber("shards", Shards);
            }

            json.Number("mean_distinct", distinct.Mean);
            // One replicate has no standard error (a shard may hold one; skm simulate itself needs R >= 2).
            json.Number("standard_error", Replicates >= 2 ? distinct.StandardError : double.NaN);
            if (singletons is { } k1)
            {
                json.Number("mean_singletons", k1.Mean);
                json.Number("singletons_standard_error", Replicates >= 2 ? k1.StandardError : double.NaN);
            }

            if (exact is { } e)
            {
                json.Exact("exact_mean_distinct", e);
                json.Number("exact_mean_distinct_approx", e.ToDouble());
                json.Number("z_score", Replicates >= 2 ? distinct.ZScore(e.ToDouble()) : double.NaN);
            }
            else
            {
                json.WriteNull("exact_mean_distinct");
            }

            json.Number("draws_per_second", rate);
            json.Number("seconds", Seconds);
            json.WriteString("sum_distinct", Distinct.Sum.ToString(CultureInfo.InvariantCulture));
            json.WriteString("sum_distinct_squares", Distinct.SumOfSquares.ToString(CultureInfo.InvariantCulture));
            if (Singletons is { } m)
            {
                json.WriteString("sum_singletons", m.Sum.ToString(CultureInfo.InvariantCulture));
                json.WriteString("sum_singletons_squares", m.SumOfSquares.ToString(CultureInfo.InvariantCulture));
            }

            if (Shard is not null)
            {
                json.WriteString("checksum", Checksum);
            }

            json.WriteEndObject();
        });

    private void WriteTable(TextWriter writer, MonteCarloEstimate distinct, MonteCarloEstimate? singletons, Rational? exact, double rate)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var rows = new List<IReadOnlyList<string>>();
        rows.Add(["E[K_n] simulated", distinct.ToString()]);
        if (exact is { } e)
        {
            rows.Add(["E[K_n] exact", Output.Format(e.ToDouble(), 12)]);
            rows.Add(["z-score", Output.Format(distinct.ZScore(e.ToDouble()), 3)]);
        }

        if (singletons is { } k1)
        {
            rows.Add(["E[K_n,1] simulated", k1.ToString()]);
        }

        if (Shard is { } s)
        {
            rows.Add(["shard", string.Create(c, $"{s} (replicates {FirstReplicate}..{FirstReplicate + Replicates - 1} of {TotalReplicates})")]);
        }
        else if (Shards > 1)
        {
            rows.Add(["shards", string.Create(c, $"merged from {Shards} shards")]);
        }

        rows.Add(["draws per second", rate.ToString("N0", c)]);
        rows.Add(["seconds", Output.Format(Seconds, 4)]);
        string title = string.Create(c, $"simulate {Kind}, {Parameters}, n = {Draws}, R = {Replicates}, seed = {Seed}, backend = {Backend} ({Device})");
        Output.Table(writer, ["quantity", "value"], rows, title);
    }

    /// <summary>Reads a shard result written by skm simulate --shard ... --format json.</summary>
    /// <exception cref="CliInputException">A field is missing or malformed (the message names the file and the field).</exception>
    public static SimulationSummary ReadShard(JsonElement json, string file)
    {
        try
        {
            string kind = Text(json, "kind");
            if (kind is not ("distinct" or "seating"))
            {
                throw Bad(file, "kind", kind, "distinct or seating");
            }

            var p = PitmanYorParameters.Create(Rational.Parse(Text(json, "discount"), CultureInfo.InvariantCulture), Rational.Parse(Text(json, "concentration"), CultureInfo.InvariantCulture));
            int draws = json.GetProperty("n").GetInt32();
            int count = json.GetProperty("shard_count").GetInt32(), index = json.GetProperty("shard_index").GetInt32();
            if (count < 1 || index < 0 || index >= count)
            {
                throw Bad(file, "shard", Text(json, "shard"), "i/n with 0 <= i < n");
            }

            long first = json.GetProperty("first_replicate").GetInt64();
            IntegerMoments distinct = Moments(json, "distinct", json.GetProperty("replicates").GetInt64(), file);
            IntegerMoments? singletons = kind == "seating" ? Moments(json, "singletons", distinct.Count, file) : null;
            var summary = new SimulationSummary(
                kind,
                Text(json, "backend"),
                Text(json, "device"),
                p,
                draws,
                json.GetProperty("seed").GetUInt64(),
                json.GetProperty("total_replicates").GetInt32(),
                new ShardSpec(index, count),
                first,
                distinct,
                singletons,
                json.GetProperty("seconds").GetDouble(),
                1);
            if (!json.TryGetProperty("fingerprint", out JsonElement fingerprint) || !json.TryGetProperty("checksum", out JsonElement checksum))
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{file}: the shard has no \"fingerprint\" or \"checksum\" (written by an older skm, or edited); rerun skm simulate ... --shard i/n --format json."));
            }

            if (fingerprint.GetString() != summary.Fingerprint)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{file}: the fingerprint does not match the run fields (kind, discount, concentration, n, seed, total_replicates): the file was edited; rerun the shard."));
            }

            if (checksum.GetString() != summary.Checksum)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{file}: checksum mismatch: the statistics (shard, first_replicate, replicates, sum_*) were edited or corrupted; rerun the shard."));
            }

            return summary;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{file}: not a valid simulate shard result ({ErrorText.FirstLine(e.Message)}); write shards with skm simulate ... --shard i/n --format json."), e);
        }
    }

    private static IntegerMoments Moments(JsonElement json, string name, long count, string file)
    {
        BigInteger sum = Integer(json, "sum_" + name, file), squares = Integer(json, "sum_" + name + "_squares", file);
        return IntegerMoments.Create(count, sum, squares);
    }

    private static BigInteger Integer(JsonElement json, string name, string file)
    {
        string text = Text(json, name);
        return BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger value)
            ? value
            : throw Bad(file, name, text, "a decimal integer string");
    }

    private static string Text(JsonElement json, string name) =>
        json.GetProperty(name).GetString() ?? throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"field \"{name}\" is null"));

    private static CliInputException Bad(string file, string field, string value, string valid) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{file}: field \"{field}\" = '{value}' is not valid; valid: {valid}."));
}
