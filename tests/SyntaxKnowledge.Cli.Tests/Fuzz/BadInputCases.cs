using System.Text.Json.Nodes;

namespace SyntaxKnowledge.Cli.Tests.Fuzz;

/// <summary>One bad input: the command line (with placeholders), the exit code and what the one error line must name.</summary>
/// <param name="Id">A unique id, "group/what".</param>
/// <param name="Code">The exit code: 2 for bad input.</param>
/// <param name="Args">The arguments; "{f:NAME}" is a fixture file, "{bad}" the case's bad file, "{out}" an output that must not
/// appear, "{dir}" the fixture folder, "{missing}" a file that does not exist.</param>
/// <param name="Fragments">Text the error line must contain (the option or file, the value).</param>
/// <param name="Content">The content of "{bad}", built from the fixture's valid files.</param>
/// <param name="Range">Whether the line must state what is valid ("valid", "expected", "needs" or "required").</param>
public sealed record BadInputCase(string Id, int Code, string[] Args, string[] Fragments, Func<BadInputFiles, string>? Content = null, bool Range = true)
{
    /// <summary>Gets the group counted in the report: the command, or "format:NAME" for a file format.</summary>
    public string Group => Id[..Id.IndexOf('/', StringComparison.Ordinal)];
}

/// <summary>The bad inputs of the fuzz layer, by command and by file format.</summary>
internal static class BadInputCases
{
    private const string D = "--discount", C = "--concentration";
    private static readonly string Long = new('7', 400);

    public static readonly IReadOnlyList<BadInputCase> All = Build();

    private static BadInputCase Bad(string id, string[] args, params string[] fragments) => new(id, 2, args, fragments);

    private static BadInputCase NoRange(string id, string[] args, params string[] fragments) => new(id, 2, args, fragments, Range: false);

    private static BadInputCase File(string id, string[] args, Func<BadInputFiles, string> content, params string[] fragments) => new(id, 2, args, fragments, content);

    private static string[] A(params string[] args) => args;

    private static List<BadInputCase> Build()
    {
        var c = new List<BadInputCase>
        {
            // The root and the parser.
            NoRange("skm/unknown-command", A("frobnicate"), "frobnicate", "--help"),
            NoRange("skm/unknown-option", A("--bogus"), "--bogus", "--help"),
            NoRange("skm/unknown-option-of-command", A("demo", "--bogus"), "--bogus", "skm demo --help"),

            // demo
            Bad("demo/discount-one", A("demo", D, "1"), "--discount", "1"),
            Bad("demo/discount-negative", A("demo", D, "-1/2"), "--discount", "-1/2"),
            Bad("demo/discount-word", A("demo", D, "half"), "--discount", "half"),
            Bad("demo/discount-zero-denominator", A("demo", D, "1/0"), "--discount", "1/0"),
            Bad("demo/discount-400-digits", A("demo", D, Long), "--discount", "characters"),
            Bad("demo/concentration-below-minus-d", A("demo", D, "1/2", C, "-1"), "--concentration", "-1"),
            Bad("demo/concentration-nan", A("demo", C, "NaN"), "--concentration", "NaN"),
            Bad("demo/seed-negative", A("demo", "--seed", "-1"), "--seed", "-1"),
            Bad("demo/seed-2^64", A("demo", "--seed", "18446744073709551616"), "--seed", "out of range"),
            Bad("demo/seed-word", A("demo", "--seed", "abc"), "--seed", "abc"),
            NoRange("demo/missing-value", A("demo", D), "--discount"),

            // pitman-yor
            NoRange("pitman-yor/no-quantity", A("pitman-yor", D, "1/2", C, "1"), "quantity", "--help"),
            Bad("pitman-yor/unknown-quantity", A("pitman-yor", "heaps", D, "1/2", C, "1", "--n", "10"), "heaps"),
            Bad("pitman-yor/n-zero", A("pitman-yor", "expected-distinct", D, "1/2", C, "1", "--n", "0"), "--n", "0"),
            Bad("pitman-yor/n-10^20", A("pitman-yor", "expected-distinct", D, "1/2", C, "1", "--n", "100000000000000000000"), "--n", "out of range"),
            Bad("pitman-yor/n-word", A("pitman-yor", "expected-distinct", D, "1/2", C, "1", "--n", "many"), "--n", "many"),
            NoRange("pitman-yor/n-missing", A("pitman-yor", "expected-distinct", D, "1/2", C, "1"), "--n", "required"),
            Bad("pitman-yor/stored-unused", A("pitman-yor", "expected-distinct", D, "1/2", C, "1", "--n", "10", "--stored", "3"), "--stored", "--n"),
            Bad("pitman-yor/exposures-unused", A("pitman-yor", "uncovered-mass", D, "1/2", C, "1", "--stored", "3", "--exposures", "2"), "--exposures", "--stored"),
            Bad("pitman-yor/n-unused-by-entropy", A("pitman-yor", "entropy", D, "1/2", C, "1", "--n", "10"), "--n", "entropy"),
            Bad("pitman-yor/stored-zero", A("pitman-yor", "uncovered-mass", D, "1/2", C, "1", "--stored", "0"), "--stored", "0"),
            Bad("pitman-yor/discount-one", A("pitman-yor", "expected-distinct", D, "1", C, "1", "--n", "10"), "--discount"),
            Bad("pitman-yor/concentration-minus-d", A("pitman-yor", "expected-distinct", D, "1/2", C, "-1/2", "--n", "10"), "--concentration", "-1/2"),
            Bad("pitman-yor/format", A("pitman-yor", "expected-distinct", D, "1/2", C, "1", "--n", "10", "--format", "xml"), "--format", "xml"),
            NoRange("pitman-yor/discount-missing", A("pitman-yor", "expected-distinct", C, "1", "--n", "10"), "--discount", "required"),

            // generate
            Bad("generate/sentences-zero", A("generate", "--sentences", "0", D, "1/2", C, "1", "--out", "{out}"), "--sentences", "0"),
            Bad("generate/sentences-10^13", A("generate", "--sentences", "10000000000000", D, "1/2", C, "1", "--out", "{out}"), "--sentences", "10000000000000"),
            Bad("generate/sentences-word", A("generate", "--sentences", "ten", D, "1/2", C, "1", "--out", "{out}"), "--sentences", "ten"),
            NoRange("generate/out-missing", A("generate", "--sentences", "5", D, "1/2", C, "1"), "--out", "required"),
            NoRange("generate/out-is-directory", A("generate", "--sentences", "5", D, "1/2", C, "1", "--out", "{dir}"), "--out", "directory"),
            NoRange("generate/out-folder-missing", A("generate", "--sentences", "5", D, "1/2", C, "1", "--out", "{dir}/no/such/folder.jsonl"), "--out", "does not exist"),
            Bad("generate/preset-unknown", A("generate", "--sentences", "5", D, "1/2", C, "1", "--preset", "huge", "--out", "{out}"), "--preset", "huge"),
            Bad("generate/tiny-outgrows-names", A("generate", "--preset", "tiny", "--sentences", "10", D, "1/2", C, "1", "--out", "{out}"), "--sentences", "tiny", "4 names"),
            Bad("generate/tokens-unknown", A("generate", "--sentences", "5", D, "1/2", C, "1", "--tokens", "bytes", "--out", "{out}"), "--tokens", "bytes"),
            Bad("generate/format-unknown", A("generate", "--sentences", "5", D, "1/2", C, "1", "--format", "pdf", "--out", "{out}"), "--format", "pdf"),
            Bad("generate/shard-index-too-big", A("generate", "--sentences", "5", D, "1/2", C, "1", "--shard", "2/2", "--out", "{out}"), "--shard", "2/2"),
            Bad("generate/shard-word", A("generate", "--sentences", "5", D, "1/2", C, "1", "--shard", "half", "--out", "{out}"), "--shard", "half"),
            Bad("generate/shard-zero-count", A("generate", "--sentences", "5", D, "1/2", C, "1", "--shard", "0/0", "--out", "{out}"), "--shard", "0/0"),
            Bad("generate/attributes-unknown", A("generate", "--sentences", "5", D, "1/2", C, "1", "--attributes", "shoe_size", "--out", "{out}"), "--attributes", "shoe_size"),
            Bad("generate/value-prior-negative", A("generate", "--sentences", "5", D, "1/2", C, "1", "--value-prior", "-1", "--out", "{out}"), "--value-prior", "-1"),
            Bad("generate/attribute-prior-zero", A("generate", "--sentences", "5", D, "1/2", C, "1", "--attribute-prior", "0", "--out", "{out}"), "--attribute-prior", "0"),
            Bad("generate/template-prior-word", A("generate", "--sentences", "5", D, "1/2", C, "1", "--template-prior", "flat", "--out", "{out}"), "--template-prior", "flat"),
            Bad("generate/seed-too-big", A("generate", "--sentences", "5", D, "1/2", C, "1", "--seed", Long, "--out", "{out}"), "--seed", "characters"),
            Bad("generate/discount-one", A("generate", "--sentences", "5", D, "1", C, "1", "--out", "{out}"), "--discount"),

            // simulate
            Bad("simulate/kind-unknown", A("simulate", "chain", D, "1/2", C, "1", "--n", "10", "--replicates", "4"), "chain"),
            Bad("simulate/n-zero", A("simulate", "distinct", D, "1/2", C, "1", "--n", "0", "--replicates", "4"), "--n", "0"),
            Bad("simulate/replicates-one", A("simulate", "distinct", D, "1/2", C, "1", "--n", "10", "--replicates", "1"), "--replicates", "1"),
            Bad("simulate/replicates-10^20", A("simulate", "seating", D, "1/2", C, "1", "--n", "10", "--replicates", "100000000000000000000"), "--replicates", "out of range"),
            Bad("simulate/shard-too-many", A("simulate", "distinct", D, "1/2", C, "1", "--n", "10", "--replicates", "3", "--shard", "0/5"), "--shard", "0/5"),
            Bad("simulate/shard-index", A("simulate", "distinct", D, "1/2", C, "1", "--n", "10", "--replicates", "4", "--shard", "3/2"), "--shard", "3/2"),
            Bad("simulate/backend-unknown", A("simulate", "distinct", D, "1/2", C, "1", "--n", "10", "--replicates", "4", "--backend", "tpu"), "--backend", "tpu"),
            Bad("simulate/discount-one", A("simulate", "distinct", D, "1", C, "1", "--n", "10", "--replicates", "4"), "--discount"),
            Bad("simulate/seed-word", A("simulate", "distinct", D, "1/2", C, "1", "--n", "10", "--replicates", "4", "--seed", "x"), "--seed", "x"),
            NoRange("simulate/n-missing", A("simulate", "distinct", D, "1/2", C, "1", "--replicates", "4"), "--n", "required"),
            Bad("simulate/format-unknown", A("simulate", "distinct", D, "1/2", C, "1", "--n", "10", "--replicates", "4", "--format", "csv"), "--format", "csv"),

            // verify
            Bad("verify/replicates-one", A("verify", "--replicates", "1"), "--replicates", "1"),
            Bad("verify/scale-zero", A("verify", "--scale", "0"), "--scale", "0"),
            Bad("verify/scale-too-big", A("verify", "--scale", "2000"), "--scale", "2000"),
            Bad("verify/scale-word", A("verify", "--scale", "double"), "--scale", "double"),
            Bad("verify/theorem-unknown", A("verify", "--theorem", "no.such.theorem"), "--theorem", "no.such.theorem"),
            Bad("verify/backend-unknown", A("verify", "--backend", "abacus"), "--backend", "abacus"),
            Bad("verify/format-unknown", A("verify", "--format", "csv"), "--format", "csv"),
            NoRange("verify/plot-extension", A("verify", "--plot", "{out}.gif", "--theorem", "py.expected-distinct"), "--plot", "gif"),

            // laws
            NoRange("laws/unknown-law", A("laws", "gravity", D, "1/2", C, "1"), "gravity"),
            Bad("laws/data-grid-word", A("laws", "data", D, "1/2", C, "1", "--grid", "ten"), "--grid", "ten"),
            Bad("laws/data-worlds-negative", A("laws", "data", D, "1/2", C, "1", "--worlds", "-1"), "--worlds", "-1"),
            Bad("laws/data-discount-one", A("laws", "data", D, "1", C, "1"), "--discount"),
            Bad("laws/model-replicates-one", A("laws", "model", D, "1/2", C, "1", "--replicates", "1"), "--replicates", "1"),
            Bad("laws/model-grid-zero", A("laws", "model", D, "1/2", C, "1", "--grid", "0"), "--grid", "0"),
            Bad("laws/model-learner-unknown", A("laws", "model", D, "1/2", C, "1", "--learner", "oracle"), "--learner", "oracle"),
            Bad("laws/model-draws-zero", A("laws", "model", D, "1/2", C, "1", "--draws", "0"), "--draws", "0"),
            Bad("laws/model-storage-cost-word", A("laws", "model", D, "1/2", C, "1", "--storage-cost", "cheap"), "--storage-cost", "cheap"),
            Bad("laws/compute-optimal-discount-one", A("laws", "compute-optimal", D, "1", C, "1"), "--discount"),
            Bad("laws/acquisition-exposures-zero", A("laws", "acquisition", D, "1/2", C, "1", "--exposures", "0"), "--exposures", "0"),
            Bad("laws/hallucination-replicates-one", A("laws", "hallucination", D, "1/2", C, "1", "--replicates", "1"), "--replicates", "1"),
            Bad("laws/finetune-worlds-negative", A("laws", "finetune", D, "1/2", C, "1", "--worlds", "-3"), "--worlds", "-3"),
            NoRange("laws/structure-corpus-missing", A("laws", "structure", "--corpus", "{missing}"), "--corpus", "does not exist"),
            Bad("laws/structure-corpus-with-sentences", A("laws", "structure", "--corpus", "{f:corpus.jsonl}", "--sentences", "10"), "--corpus", "--sentences"),
            Bad("laws/structure-tiny-outgrows-names", A("laws", "structure", "--preset", "tiny", D, "1/2", C, "1", "--sentences", "100"), "--sentences", "tiny"),
            Bad("laws/format-unknown", A("laws", "model", D, "1/2", C, "1", "--format", "yaml"), "--format", "yaml"),
            NoRange("laws/plot-folder-missing", A("laws", "model", D, "1/2", C, "1", "--plot", "{dir}/no/such/chart.png"), "--plot"),

            // compare
            Bad("compare/compute-negative", A("compare", D, "1/2", C, "1", "--compute", "-1"), "--compute", "-1"),
            Bad("compare/compute-word", A("compare", D, "1/2", C, "1", "--compute", "lots"), "--compute", "lots"),
            Bad("compare/grid-one", A("compare", D, "1/2", C, "1", "--grid", "1"), "--grid", "1"),
            Bad("compare/discount-one", A("compare", D, "1", C, "1"), "--discount"),

            // bench
            Bad("bench/backend-unknown", A("bench", "--quick", "--backend", "fpga"), "--backend", "fpga"),
            Bad("bench/format-unknown", A("bench", "--quick", "--format", "csv"), "--format", "csv"),

            // plot
            NoRange("plot/unknown-chart", A("plot", "pie", "--out", "{out}.png"), "pie"),
            NoRange("plot/out-extension", A("plot", "heaps", D, "1/2", C, "1", "--out", "{out}.txt"), "--out", "txt"),
            NoRange("plot/out-missing", A("plot", "heaps", D, "1/2", C, "1"), "--out", "required"),
            NoRange("plot/out-folder-missing", A("plot", "heaps", D, "1/2", C, "1", "--out", "{dir}/no/such/chart.png"), "--out", "does not exist"),
            NoRange("plot/out-stdout", A("plot", "heaps", D, "1/2", C, "1", "--out", "-"), "--out", "-"),
            Bad("plot/heaps-discount-one", A("plot", "heaps", D, "1", C, "1", "--out", "{out}.png"), "--discount"),
            Bad("plot/zipf-replicates-negative", A("plot", "zipf", D, "1/2", C, "1", "--replicates", "-1", "--out", "{out}.svg"), "--replicates", "-1"),
            NoRange("plot/structure-corpus-missing", A("plot", "structure", "--corpus", "{missing}", "--out", "{out}.svg"), "--corpus", "does not exist"),

            // fit
            NoRange("fit/no-input", A("fit"), "--input", "--manifest"),
            NoRange("fit/input-and-manifest", A("fit", "--input", "{f:losses.csv}", "--manifest", "{f:losses.csv}"), "--input", "--manifest"),
            NoRange("fit/input-missing", A("fit", "--input", "{missing}"), "--input", "does not exist"),
            NoRange("fit/input-is-directory", A("fit", "--input", "{dir}"), "--input", "directory"),
            Bad("fit/form-unknown", A("fit", "--input", "{f:losses.csv}", "--form", "cubic"), "--form", "cubic"),
            Bad("fit/confidence-one", A("fit", "--input", "{f:losses.csv}", "--confidence", "1"), "--confidence", "1"),
            Bad("fit/huber-delta-zero", A("fit", "--input", "{f:losses.csv}", "--huber-delta", "0"), "--huber-delta", "0"),
            Bad("fit/bootstrap-negative", A("fit", "--input", "{f:losses.csv}", "--bootstrap", "-1"), "--bootstrap", "-1"),
            Bad("fit/confidence-word", A("fit", "--input", "{f:losses.csv}", "--confidence", "high"), "--confidence", "high"),
            NoRange("fit/manifest-missing", A("fit", "--manifest", "{missing}"), "--manifest", "does not exist"),

            // oracle, score, vocab, split, score-probes: options
            NoRange("oracle/corpus-missing", A("oracle", "--corpus", "{missing}"), "--corpus", "does not exist"),
            NoRange("oracle/corpus-is-directory", A("oracle", "--corpus", "{dir}"), "--corpus", "directory"),
            Bad("oracle/format-unknown", A("oracle", "--corpus", "{f:corpus.jsonl}", "--format", "html"), "--format", "html"),
            NoRange("oracle/corpus-option-missing", A("oracle"), "--corpus", "required"),
            NoRange("score/logprobs-missing", A("score", "--corpus", "{f:corpus.jsonl}", "--model-logprobs", "{missing}"), "--model-logprobs", "does not exist"),
            NoRange("score/logprobs-is-directory", A("score", "--corpus", "{f:corpus.jsonl}", "--model-logprobs", "{dir}"), "--model-logprobs", "directory"),
            Bad("score/train-sentences-zero", A("score", "--corpus", "{f:corpus.jsonl}", "--model-logprobs", "{f:logprobs-eval.jsonl}", "--train-sentences", "0"), "--train-sentences", "0"),
            Bad("score/train-sentences-whole-corpus", A("score", "--corpus", "{f:corpus.jsonl}", "--model-logprobs", "{f:logprobs-eval.jsonl}", "--train-sentences", "60"), "--train-sentences", "60"),
            Bad("score/mode-unknown", A("score", "--corpus", "{f:corpus.jsonl}", "--model-logprobs", "{f:logprobs-eval.jsonl}", "--train-sentences", "40", "--mode", "psychic"), "--mode", "psychic"),
            Bad("score/bootstrap-negative", A("score", "--corpus", "{f:corpus.jsonl}", "--model-logprobs", "{f:logprobs-eval.jsonl}", "--train-sentences", "40", "--bootstrap", "-1"), "--bootstrap", "-1"),
            Bad("score/parameters-word", A("score", "--corpus", "{f:corpus.jsonl}", "--model-logprobs", "{f:logprobs-eval.jsonl}", "--train-sentences", "40", "--parameters", "big"), "--parameters", "big"),
            Bad("score/format-unknown", A("score", "--corpus", "{f:corpus.jsonl}", "--model-logprobs", "{f:logprobs.jsonl}", "--format", "pdf"), "--format", "pdf"),
            NoRange("vocab/corpus-missing", A("vocab", "--corpus", "{missing}", "--out", "{out}"), "--corpus", "does not exist"),
            NoRange("vocab/out-is-directory", A("vocab", "--corpus", "{f:corpus.jsonl}", "--out", "{dir}"), "--out", "directory"),
            Bad("vocab/format-unknown", A("vocab", "--corpus", "{f:corpus.jsonl}", "--out", "{out}", "--format", "xml"), "--format", "xml"),
            NoRange("vocab/text-corpus", A("vocab", "--corpus", "{f:corpus.txt}", "--out", "{out}"), "corpus.txt", "line 1"),
            Bad("split/train-zero", A("split", "--corpus", "{f:corpus.jsonl}", "--train", "0", "--out-dir", "{out}"), "--train", "0"),
            Bad("split/train-whole-corpus", A("split", "--corpus", "{f:corpus.jsonl}", "--train", "60", "--out-dir", "{out}"), "--train", "60"),
            Bad("split/eval-too-many", A("split", "--corpus", "{f:corpus.jsonl}", "--train", "40", "--eval", "1000", "--out-dir", "{out}"), "--eval", "1000"),
            Bad("split/out-dir-not-empty", A("split", "--corpus", "{f:corpus.jsonl}", "--train", "40", "--out-dir", "{dir}"), "--out-dir", "not an empty folder"),
            Bad("split/probes-per-bucket-negative", A("split", "--corpus", "{f:corpus.jsonl}", "--train", "40", "--probes-per-bucket", "-1", "--out-dir", "{out}"), "--probes-per-bucket", "-1"),
            Bad("split/unseen-entities-too-many", A("split", "--corpus", "{f:corpus.jsonl}", "--train", "40", "--unseen-entities", "1000000", "--out-dir", "{out}"), "--unseen-entities", "1000000"),
            Bad("split/probe-seed-negative", A("split", "--corpus", "{f:corpus.jsonl}", "--train", "40", "--probe-seed", "-5", "--out-dir", "{out}"), "--probe-seed", "-5"),
            Bad("split/train-word", A("split", "--corpus", "{f:corpus.jsonl}", "--train", "most", "--out-dir", "{out}"), "--train", "most"),
            NoRange("score-probes/probes-missing", A("score-probes", "--probes", "{missing}", "--answers", "{f:answers.jsonl}"), "--probes", "does not exist"),
            NoRange("score-probes/answers-missing", A("score-probes", "--probes", "{f:split/probes.jsonl}", "--answers", "{missing}"), "--answers", "does not exist"),
            Bad("score-probes/bins-zero", A("score-probes", "--probes", "{f:split/probes.jsonl}", "--answers", "{f:answers.jsonl}", "--bins", "0"), "--bins", "0"),
            Bad("score-probes/parameters-zero", A("score-probes", "--probes", "{f:split/probes.jsonl}", "--answers", "{f:answers.jsonl}", "--parameters", "0"), "--parameters", "0"),
            Bad("score-probes/table-unknown", A("score-probes", "--probes", "{f:split/probes.jsonl}", "--answers", "{f:answers.jsonl}", "--format", "csv", "--table", "everything"), "--table", "everything"),
            Bad("score-probes/max-exposures-zero", A("score-probes", "--probes", "{f:split/probes.jsonl}", "--answers", "{f:answers.jsonl}", "--max-exposures", "0"), "--max-exposures", "0"),
            NoRange("score-probes/out-is-directory", A("score-probes", "--probes", "{f:split/probes.jsonl}", "--answers", "{f:answers.jsonl}", "--out", "{dir}"), "--out", "directory"),
            Bad("score-probes/bootstrap-negative", A("score-probes", "--probes", "{f:split/probes.jsonl}", "--answers", "{f:answers.jsonl}", "--bootstrap", "-2"), "--bootstrap", "-2"),

            // merge: options and kinds
            NoRange("merge/no-files", A("merge"), "files", "--help"),
            NoRange("merge/file-missing", A("merge", "{missing}"), "does not exist"),
            NoRange("merge/file-is-directory", A("merge", "{dir}"), "directory"),
            NoRange("merge/whole-simulate-result", A("merge", "{f:sim-whole.json}"), "sim-whole.json", "--shard"),
            NoRange("merge/text-corpus", A("merge", "{f:corpus.txt}", "--out", "{out}"), "corpus.txt", "line 1"),
            NoRange("merge/whole-corpus", A("merge", "{f:corpus.jsonl}", "--out", "{out}"), "corpus.jsonl", "--shard"),
            NoRange("merge/simulate-with-corpus", A("merge", "{f:sim0.json}", "{f:shard0.jsonl}"), "sim0.json", "shard0.jsonl"),
            NoRange("merge/corpus-without-out", A("merge", "{f:shard0.jsonl}", "{f:shard1.jsonl}"), "--out", "required"),
            NoRange("merge/corpus-out-is-input", A("merge", "{f:shard0.jsonl}", "{f:shard1.jsonl}", "--out", "{f:shard1.jsonl}"), "--out", "input"),
            NoRange("merge/corpus-out-is-directory", A("merge", "{f:shard0.jsonl}", "{f:shard1.jsonl}", "--out", "{dir}"), "--out", "directory"),
            NoRange("merge/simulate-format-unknown", A("merge", "{f:sim0.json}", "{f:sim1.json}", "--format", "csv"), "--format", "csv"),
        };

        // File formats: the corpus (JSONL).
        Func<BadInputFiles, string> Sentence(int k, Action<JsonObject> edit) => f => f.EditSentence(k, edit);
        Func<BadInputFiles, string> Header(Action<JsonObject> edit) => f => f.EditHeader(edit);
        void Corpus(string what, Func<BadInputFiles, string> content, params string[] fragments)
        {
            c.Add(File("format:corpus/oracle-" + what, A("oracle", "--corpus", "{bad}"), content, ["{bad}", .. fragments]) with { Range = false });
        }

        Corpus("empty", _ => string.Empty, "empty");
        Corpus("blank-lines", _ => "\n\n\n", "empty");
        Corpus("not-json", _ => "this is not json\n", "line 1");
        Corpus("binary", _ => "\u0001\u0002\u0003\u00ff\n", "line 1");
        Corpus("header-kind", Header(h => h["kind"] = "sentence"), "line 1", "header");
        Corpus("header-format-2", Header(h => h["format"] = 2), "line 1", "format");
        Corpus("header-discount-one", Header(h => h["knowledge"]!["discount"] = "1"), "line 1", "discount");
        Corpus("header-discount-word", Header(h => h["knowledge"]!["discount"] = "half"), "line 1");
        Corpus("header-tokens-unknown", Header(h => h["tokens"] = "bytes"), "line 1", "bytes");
        Corpus("header-no-names", Header(h => h.Remove("names")), "line 1", "names");
        Corpus("header-sentences-2000", Header(h => h["sentences"] = 2000), "2000", "60");
        Corpus("header-sentences-30", Header(h => h["sentences"] = 30), "30");
        Corpus("header-sentences-zero", Header(h => h["sentences"] = 0), "sentences");
        Corpus("truncated", f => string.Join("\n", f.CorpusLines.Take(31)) + "\n", "30", "60");
        Corpus("shard-line", f => f.Read("shard0.jsonl"), "line 1", "merge");
        Corpus("value-out-of-range", Sentence(3, s => s["value"] = 999), "line 5", "value", "999");
        Corpus("value-negative", Sentence(3, s => s["value"] = -1), "line 5", "value");
        Corpus("attribute-out-of-range", Sentence(2, s => s["attribute"] = 42), "line 4", "attribute", "42");
        Corpus("template-out-of-range", Sentence(2, s => s["template"] = 42), "line 4", "template", "42");
        Corpus("text-edited", Sentence(1, s => s["text"] = "an edited sentence ."), "line 3", "text");
        Corpus("log-q-1e999", f => f.EditSentence(0, _ => { }).Replace("\"log_q\":", "\"log_q\":1e999,\"was\":", StringComparison.Ordinal), "line 2", "log_q", "1e999");
        Corpus("log-q-positive", Sentence(0, s => s["log_q"] = 3.5), "line 2", "log_q");
        Corpus("log-q-string", Sentence(0, s => s["log_q"] = "minus one"), "line 2", "log_q");
        Corpus("token-log-q-short", Sentence(0, s => s["token_log_q"] = new JsonArray(-1.0)), "line 2", "token_log_q");
        Corpus("tag-unknown", Sentence(0, s => s["tags"]![0] = "verb"), "line 2", "verb");
        Corpus("tags-short", Sentence(0, s => s["tags"]!.AsArray().RemoveAt(0)), "line 2", "tags");
        Corpus("kind-unknown", Sentence(4, s => s["kind"] = "comment"), "line 6", "sentence");
        Corpus("index-out-of-order", Sentence(5, s => s["i"] = 9), "line 7", "9");
        Corpus("entity-mislabelled", Sentence(5, s => s["entity"] = 40), "line 7", "40");
        Corpus("tokens-missing", Sentence(5, s => s.Remove("tokens")), "line 7", "tokens");
        Corpus("line-not-json", f => f.ReplaceLine("corpus.jsonl", 8, "{\"kind\":\"sentence\","), "line 9");
        Corpus("sentence-array", f => f.ReplaceLine("corpus.jsonl", 8, "[1,2,3]"), "line 9");
        Corpus("duplicated-line", f => string.Join("\n", f.CorpusLines.Take(5).Append(f.CorpusLines[4]).Concat(f.CorpusLines.Skip(5))) + "\n", "line 6");
        Corpus("name-unknown", Sentence(0, s => { s["tokens"]![0] = "Zzyzx"; s["text"] = string.Join(' ', s["tokens"]!.AsArray().Select(t => (string)t!)); }), "line 2");

        // The same corpus defects reach every command that reads a corpus.
        c.Add(File("format:corpus/score-value-out-of-range", A("score", "--corpus", "{bad}", "--model-logprobs", "{f:logprobs.jsonl}"), Sentence(3, s => s["value"] = 999), "{bad}", "value") with { Range = true });
        c.Add(File("format:corpus/split-truncated", A("split", "--corpus", "{bad}", "--train", "20", "--out-dir", "{out}"), f => string.Join("\n", f.CorpusLines.Take(31)) + "\n", "{bad}", "30") with { Range = false });
        c.Add(File("format:corpus/vocab-header-format", A("vocab", "--corpus", "{bad}", "--out", "{out}"), Header(h => h["format"] = 9), "{bad}", "format") with { Range = false });
        c.Add(File("format:corpus/structure-text-edited", A("laws", "structure", "--corpus", "{bad}"), Sentence(1, s => s["text"] = "edited ."), "{bad}", "text") with { Range = false });

        // Model log-probabilities (skm score).
        void LogProbs(string what, Func<BadInputFiles, string> content, params string[] fragments) =>
            c.Add(File("format:logprobs/" + what, A("score", "--corpus", "{f:corpus.jsonl}", "--model-logprobs", "{bad}"), content, ["logprobs", .. fragments]) with { Range = false });
        LogProbs("empty", _ => string.Empty, "no sentence lines");
        LogProbs("not-json", _ => "nonsense\n", "line 1");
        LogProbs("positive", f => f.ReplaceLine("logprobs.jsonl", 0, "{\"i\":0,\"token_logprobs\":[0.5,0.5,0.5,0.5,0.5,0.5,0.5]}"), "line 1", "<= 0");
        LogProbs("nan", f => f.ReplaceLine("logprobs.jsonl", 0, "{\"i\":0,\"token_logprobs\":[NaN]}"), "line 1");
        LogProbs("duplicate", f => f.Read("logprobs.jsonl") + f.Read("logprobs.jsonl").Split('\n')[0] + "\n", "twice");
        LogProbs("index-beyond-corpus", f => f.Read("logprobs.jsonl") + "{\"i\":600,\"token_logprobs\":[-1]}\n", "600");
        LogProbs("token-count", f => f.ReplaceLine("logprobs.jsonl", 0, "{\"i\":0,\"token_logprobs\":[-1,-1]}"), "2 token");
        LogProbs("missing-i", f => f.ReplaceLine("logprobs.jsonl", 0, "{\"token_logprobs\":[-1]}"), "line 1");
        LogProbs("i-string", f => f.ReplaceLine("logprobs.jsonl", 0, "{\"i\":\"zero\",\"token_logprobs\":[-1]}"), "line 1");
        c.Add(File("format:logprobs/split-empty", A("score", "--corpus", "{f:corpus.jsonl}", "--model-logprobs", "{bad}", "--train-sentences", "40"), _ => string.Empty, "{bad}") with { Range = false });
        c.Add(File("format:logprobs/split-training-sentence", A("score", "--corpus", "{f:corpus.jsonl}", "--model-logprobs", "{bad}", "--train-sentences", "40"), f => f.Read("logprobs.jsonl"), "--model-logprobs", "i = 0"));
        c.Add(File("format:logprobs/split-other-corpus", A("score", "--corpus", "{f:corpus.jsonl}", "--model-logprobs", "{bad}", "--train-sentences", "40"), _ => "{\"kind\":\"header\",\"format\":1,\"corpus_fingerprint\":\"sha256:" + new string('0', 64) + "\"}\n{\"i\":45,\"token_logprobs\":[-1]}\n", "--model-logprobs", "another corpus") with { Range = false });

        // Corpus shards (skm merge).
        void CorpusShard(string what, Func<BadInputFiles, string> content, params string[] fragments) =>
            c.Add(File("format:corpus-shard/" + what, A("merge", "{f:shard0.jsonl}", "{bad}", "--out", "{out}"), content, fragments) with { Range = false });
        CorpusShard("other-seed", f => f.Read("shard1-seed7.jsonl"), "{bad}", "seed");
        CorpusShard("same-shard-twice", f => f.Read("shard0.jsonl"), "overlaps");
        CorpusShard("edited-sentence", f => EditLine(f.Read("shard1.jsonl"), 1, o => o["entity"] = 99), "{bad}", "checksum");
        CorpusShard("edited-token", f => ReplaceFirstTokenText(f.Read("shard1.jsonl")), "{bad}", "checksum");
        CorpusShard("no-end-line", f => string.Join("\n", f.Read("shard1.jsonl").TrimEnd('\n').Split('\n').SkipLast(1)) + "\n", "{bad}", "end line");
        CorpusShard("truncated-mid-line", f => f.Read("shard1.jsonl")[..(f.Read("shard1.jsonl").Length / 2)], "{bad}");
        CorpusShard("line-after-end", f => f.Read("shard1.jsonl") + f.Read("shard1.jsonl").Split('\n')[1] + "\n", "{bad}", "after");
        CorpusShard("fingerprint-edited", f => EditFirstLine(f.Read("shard1.jsonl"), o => o["fingerprint"] = new string('a', 64)), "{bad}", "fingerprint");
        CorpusShard("range-edited", f => EditFirstLine(f.Read("shard1.jsonl"), o => o["first"] = 31), "{bad}", "31");
        CorpusShard("shard-field-word", f => EditFirstLine(f.Read("shard1.jsonl"), o => o["shard"] = "one of two"), "{bad}", "one of two");
        CorpusShard("header-edited", f => EditFirstLine(f.Read("shard1.jsonl"), o => o["header"]!["seed"] = 8), "{bad}", "fingerprint");
        CorpusShard("empty", _ => string.Empty, "{bad}", "empty");
        CorpusShard("sentence-first", f => string.Join("\n", f.Read("shard1.jsonl").Split('\n').Skip(1)), "{bad}", "line 1");
        c.Add(new BadInputCase("format:corpus-shard/missing-shard", 2, A("merge", "{f:shard0.jsonl}", "--out", "{out}"), ["missing", "30..59"], Range: false));
        c.Add(new BadInputCase("format:corpus-shard/with-whole-corpus", 2, A("merge", "{f:shard0.jsonl}", "{f:corpus.jsonl}", "--out", "{out}"), ["corpus.jsonl", "header"], Range: false));

        // Simulate shards (skm merge).
        void SimShard(string what, Func<BadInputFiles, string> content, params string[] fragments) =>
            c.Add(File("format:simulate-shard/" + what, A("merge", "{f:sim0.json}", "{bad}"), content, fragments) with { Range = false });
        SimShard("edited-sum-distinct", f => f.EditJson("sim1.json", o => o["sum_distinct"] = (long.Parse((string)o["sum_distinct"]!, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), "{bad}", "checksum");
        SimShard("edited-sum-squares", f => f.EditJson("sim1.json", o => o["sum_distinct_squares"] = "1"), "{bad}");
        SimShard("edited-seed", f => f.EditJson("sim1.json", o => o["seed"] = 8), "{bad}", "seed");
        SimShard("other-seed", f => f.Read("sim1-seed7.json"), "{bad}", "seed");
        SimShard("same-shard-twice", f => f.Read("sim0.json"), "overlaps");
        SimShard("edited-first-replicate", f => f.EditJson("sim1.json", o => o["first_replicate"] = 4), "{bad}");
        SimShard("edited-replicates", f => f.EditJson("sim1.json", o => o["replicates"] = 4), "{bad}");
        SimShard("no-checksum", f => f.EditJson("sim1.json", o => o.Remove("checksum")), "{bad}", "checksum");
        SimShard("sum-not-integer", f => f.EditJson("sim1.json", o => o["sum_distinct"] = "many"), "{bad}", "sum_distinct");
        SimShard("kind-unknown", f => f.EditJson("sim1.json", o => o["kind"] = "chain"), "{bad}", "chain");
        SimShard("discount-one", f => f.EditJson("sim1.json", o => o["discount"] = "1"), "{bad}");
        SimShard("empty", _ => string.Empty, "{bad}", "empty");
        SimShard("not-json", _ => "{\"schema\":\n", "{bad}", "line 1");
        SimShard("shard-count-zero", f => f.EditJson("sim1.json", o => o["shard_count"] = 0), "{bad}", "shard");
        c.Add(new BadInputCase("format:simulate-shard/missing-shard", 2, A("merge", "{f:sim1.json}"), ["missing", "0/2"], Range: false));

        // Loss CSV (skm fit --input).
        void Csv(string what, string content, params string[] fragments) =>
            c.Add(File("format:loss-csv/" + what, A("fit", "--input", "{bad}"), _ => content, ["{bad}", .. fragments]) with { Range = false });
        Csv("empty", string.Empty, "empty");
        Csv("header-only", "tokens,loss\n");
        Csv("no-loss-column", "tokens,parameters\n1,2\n3,4\n");
        Csv("loss-word", "tokens,loss\n1000,high\n2000,2\n3000,1.5\n4000,1.4\n", "high");
        Csv("loss-negative", "tokens,loss\n1000,-2\n2000,2\n3000,1.5\n4000,1.4\n", "-2");
        Csv("tokens-zero", "tokens,loss\n0,3\n2000,2\n3000,1.5\n4000,1.4\n", "0");
        Csv("constant-losses", "tokens,loss\n1000,2\n2000,2\n4000,2\n8000,2\n16000,2\n", "not identifiable");
        Csv("points-equal-parameters", "tokens,loss\n1000,3\n10000,2.5\n100000,2.2\n", "not identifiable");
        Csv("noise", "tokens,loss\n" + string.Concat(Enumerable.Range(0, 16).Select(k => $"{Math.Pow(10, 3 + (k / 4.0)):R},{2 + (0.3 * Math.Sin(k * 2.7)):R}\n")), "not identifiable");
        Csv("ragged-row", "tokens,loss\n1000,3,7\n2000,2\n", "{bad}");
        Csv("loss-infinite", "tokens,loss\n1000,Infinity\n2000,2\n3000,1.5\n4000,1.4\n");
        c.Add(File("format:loss-csv/form-needs-parameters", A("fit", "--input", "{bad}", "--form", "chinchilla"), _ => "tokens,loss\n1000,3\n2000,2.5\n4000,2.2\n8000,2\n16000,1.9\n32000,1.8\n", "parameters") with { Range = false });

        // Sweep manifest (skm fit --manifest).
        void Manifest(string what, string content, params string[] fragments) =>
            c.Add(File("format:manifest/" + what, A("fit", "--manifest", "{bad}"), _ => content, ["{bad}", .. fragments]) with { Range = false });
        Manifest("empty", string.Empty);
        Manifest("not-json", "not json\n", "line 1");
        Manifest("kind-unknown", "{\"kind\":\"walk\",\"format\":1}\n", "line 1");
        Manifest("format-9", "{\"kind\":\"run\",\"format\":9}\n", "line 1");
        Manifest("fields-missing", "{\"kind\":\"run\",\"format\":1}\n", "line 1");

        // Probes and answers (skm score-probes).
        void Probes(string what, Func<BadInputFiles, string> content, params string[] fragments) =>
            c.Add(File("format:probes/" + what, A("score-probes", "--probes", "{bad}", "--answers", "{f:answers.jsonl}"), content, ["{bad}", .. fragments]) with { Range = false });
        Probes("empty", _ => string.Empty);
        Probes("no-header", f => string.Join("\n", f.Read("split/probes.jsonl").Split('\n').Skip(1)), "line 1");
        Probes("not-json", _ => "probes\n", "line 1");
        Probes("header-format", f => EditFirstLine(f.Read("split/probes.jsonl"), o => o["format"] = 5), "line 1");
        Probes("probe-line-broken", f => f.ReplaceLine("split/probes.jsonl", 1, "{\"probe\":"), "line 2");
        void Answers(string what, Func<BadInputFiles, string> content, params string[] fragments) =>
            c.Add(File("format:answers/" + what, A("score-probes", "--probes", "{f:split/probes.jsonl}", "--answers", "{bad}"), content, ["{bad}", .. fragments]) with { Range = false });
        Answers("empty", _ => string.Empty);
        Answers("not-json", _ => "answers\n", "line 1");
        Answers("nan", f => f.ReplaceLine("answers.jsonl", 1, "{\"probe\":0,\"value_logprobs\":[NaN,NaN]}"), "line 2");
        Answers("all-minus-infinity", f => f.ReplaceLine("answers.jsonl", 1, AnswerLine(f, 0, "-Infinity")), "line 2");
        Answers("plus-infinity", f => f.ReplaceLine("answers.jsonl", 1, AnswerLine(f, 0, "Infinity")), "line 2");
        Answers("wrong-candidate-count", f => f.ReplaceLine("answers.jsonl", 1, "{\"probe\":0,\"value_logprobs\":[-1]}"), "line 2");
        Answers("unknown-probe", f => f.Read("answers.jsonl") + "{\"probe\":999999,\"value_logprobs\":[-1]}\n", "999999");
        Answers("duplicate-probe", f => f.Read("answers.jsonl") + f.Read("answers.jsonl").Split('\n')[1] + "\n");
        Answers("header-format", f => f.ReplaceLine("answers.jsonl", 0, "{\"kind\":\"header\",\"content\":\"answers\",\"format\":4}"), "line 1");
        Answers("probe-word", f => f.ReplaceLine("answers.jsonl", 1, "{\"probe\":\"first\",\"value_logprobs\":[-1]}"), "line 2");
        return c;
    }

    private static string AnswerLine(BadInputFiles f, int probe, string value)
    {
        JsonNode line = JsonNode.Parse(f.Read("split/probes.jsonl").Split('\n')[probe + 1])!;
        int candidates = line["candidates"]!.AsArray().Count;
        return $"{{\"probe\":{probe},\"value_logprobs\":[{string.Join(",", Enumerable.Repeat(value, candidates))}]}}";
    }

    private static string EditFirstLine(string text, Action<JsonObject> edit) => EditLine(text, 0, edit);

    private static string EditLine(string text, int line, Action<JsonObject> edit)
    {
        string[] lines = text.Split('\n');
        JsonObject o = JsonNode.Parse(lines[line])!.AsObject();
        edit(o);
        lines[line] = o.ToJsonString();
        return string.Join("\n", lines);
    }

    // Changes one letter of the first sentence's text in a shard, keeping the JSON valid: only the checksum can tell.
    private static string ReplaceFirstTokenText(string shard)
    {
        string[] lines = shard.Split('\n');
        JsonObject o = JsonNode.Parse(lines[1])!.AsObject();
        string text = (string)o["text"]!;
        o["text"] = text + " ";
        lines[1] = o.ToJsonString();
        return string.Join("\n", lines);
    }
}
