using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SyntaxKnowledge.Cli.Tests.Fuzz;

/// <summary>
/// The valid files every bad-input case starts from, written once by skm itself into a temporary folder: a JSONL corpus, its two
/// shards (and one of another seed), two simulate shards and a whole simulate result, a split (probes, eval, tokenizer,
/// split.json), model answers, model log-probabilities, a loss CSV and a sweep manifest.
/// </summary>
public sealed class BadInputFiles : IDisposable
{
    public BadInputFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("skm-fuzz-").FullName;
        Run("generate", "--sentences", "60", "--discount", "1/2", "--concentration", "1", "--out", Path("corpus.jsonl"));
        Run("generate", "--sentences", "60", "--discount", "1/2", "--concentration", "1", "--out", Path("corpus.txt"), "--format", "text");
        Run("generate", "--sentences", "60", "--discount", "1/2", "--concentration", "1", "--shard", "0/2", "--out", Path("shard0.jsonl"));
        Run("generate", "--sentences", "60", "--discount", "1/2", "--concentration", "1", "--shard", "1/2", "--out", Path("shard1.jsonl"));
        Run("generate", "--sentences", "60", "--discount", "1/2", "--concentration", "1", "--shard", "1/2", "--seed", "7", "--out", Path("shard1-seed7.jsonl"));
        File.WriteAllText(Path("sim0.json"), Run("simulate", "distinct", "--discount", "1/2", "--concentration", "1", "--n", "100", "--replicates", "10", "--shard", "0/2"));
        File.WriteAllText(Path("sim1.json"), Run("simulate", "distinct", "--discount", "1/2", "--concentration", "1", "--n", "100", "--replicates", "10", "--shard", "1/2"));
        File.WriteAllText(Path("sim1-seed7.json"), Run("simulate", "distinct", "--discount", "1/2", "--concentration", "1", "--n", "100", "--replicates", "10", "--shard", "1/2", "--seed", "7"));
        File.WriteAllText(Path("sim-whole.json"), Run("simulate", "distinct", "--discount", "1/2", "--concentration", "1", "--n", "100", "--replicates", "10"));
        Run("split", "--corpus", Path("corpus.jsonl"), "--train", "40", "--out-dir", Path("split"));

        // A model that gives every token ln(1/2), and every candidate of every probe ln(1/3).
        CorpusLines = [.. File.ReadAllLines(Path("corpus.jsonl"))];
        var logprobs = new StringBuilder();
        foreach (string line in CorpusLines.Skip(1))
        {
            JsonNode node = JsonNode.Parse(line)!;
            int tokens = node["tokens"]!.AsArray().Count;
            logprobs.Append(CultureInfo.InvariantCulture, $"{{\"i\":{node["i"]},\"token_logprobs\":[{string.Join(",", Enumerable.Repeat("-0.6931471805599453", tokens))}]}}\n");
        }

        File.WriteAllText(Path("logprobs.jsonl"), logprobs.ToString());
        File.WriteAllLines(Path("logprobs-eval.jsonl"), logprobs.ToString().TrimEnd('\n').Split('\n').Skip(40));
        var answers = new StringBuilder("{\"kind\":\"header\",\"content\":\"answers\",\"format\":1}\n");
        foreach (string line in File.ReadLines(Path("split/probes.jsonl")).Skip(1))
        {
            JsonNode node = JsonNode.Parse(line)!;
            int candidates = node["candidates"]!.AsArray().Count;
            answers.Append(CultureInfo.InvariantCulture, $"{{\"probe\":{node["probe"]},\"value_logprobs\":[{string.Join(",", Enumerable.Repeat("-1.0986122886681098", candidates))}]}}\n");
        }

        File.WriteAllText(Path("answers.jsonl"), answers.ToString());
        var csv = new StringBuilder("tokens,loss\n");
        for (int k = 0; k < 12; k++)
        {
            double tokens = Math.Pow(10, 3 + (k / 2.0));
            csv.Append(CultureInfo.InvariantCulture, $"{tokens:R},{1.5 + (30 / Math.Sqrt(tokens)):R}\n");
        }

        File.WriteAllText(Path("losses.csv"), csv.ToString());
    }

    /// <summary>Gets the folder holding every file (and nothing a failed case may leave).</summary>
    public string Directory { get; }

    /// <summary>Gets the lines of corpus.jsonl (header first).</summary>
    public IReadOnlyList<string> CorpusLines { get; }

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    public string Read(string name) => File.ReadAllText(Path(name));

    /// <summary>corpus.jsonl with sentence line <paramref name="sentence"/> (0-based) changed by <paramref name="edit"/>.</summary>
    public string EditSentence(int sentence, Action<JsonObject> edit)
    {
        string[] lines = [.. CorpusLines];
        JsonObject node = JsonNode.Parse(lines[sentence + 1])!.AsObject();
        edit(node);
        lines[sentence + 1] = node.ToJsonString();
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>corpus.jsonl with its header changed by <paramref name="edit"/>.</summary>
    public string EditHeader(Action<JsonObject> edit)
    {
        string[] lines = [.. CorpusLines];
        JsonObject node = JsonNode.Parse(lines[0])!.AsObject();
        edit(node);
        lines[0] = node.ToJsonString();
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>A one-line JSON file with one field of <paramref name="file"/> changed.</summary>
    public string EditJson(string file, Action<JsonObject> edit)
    {
        JsonObject node = JsonNode.Parse(Read(file))!.AsObject();
        edit(node);
        return node.ToJsonString() + "\n";
    }

    /// <summary>A JSONL file with line <paramref name="line"/> (0-based) replaced.</summary>
    public string ReplaceLine(string file, int line, string text)
    {
        string[] lines = File.ReadAllLines(Path(file));
        lines[line] = text;
        return string.Join("\n", lines) + "\n";
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static string Run(params string[] args)
    {
        (int code, string output, string error) = CliRunner.Run(args);
        if (code != 0)
        {
            throw new InvalidOperationException($"fixture command failed ({code}): skm {string.Join(' ', args)}: {error}");
        }

        return output;
    }
}
