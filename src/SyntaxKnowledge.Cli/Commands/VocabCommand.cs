using System.CommandLine;
using System.Globalization;
using System.Text;
using SyntaxKnowledge.Cli.Corpus;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Model;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>skm vocab: the closed vocabulary of a corpus's model as a Hugging Face tokenizer.json or one token per line.</summary>
internal static class VocabCommand
{
    public static Command Create(bool interactive)
    {
        Option<string> corpus = new("--corpus") { Description = "A JSONL corpus written by 'skm generate'; only its header (the model) is read.", Required = true, HelpName = "file" };
        Option<string> output = new("--out") { Description = "Output file; it appears only when complete.", Required = true, HelpName = "file" };
        Option<string> format = CliOptions.Format("json", "txt");
        var command = new Command("vocab", "Write the model's closed vocabulary: every token it can emit with a stable id (specials <pad> <bos> <eos> <unk> first), as a Hugging Face tokenizers JSON (WordLevel, whitespace split) or one token per line.")
        {
            corpus, output, format,
        };
        Cli.SetAction(command, interactive, new Dictionary<string, string>(), (parse, context) =>
        {
            (SyntaxKnowledgeModel model, _, _) = CorpusFile.Read(parse.GetValue(corpus)!, "--corpus");
            TokenVocabulary vocabulary = TokenVocabulary.Of(model);
            string path = parse.GetValue(output)!;
            bool json = parse.GetValue(format) == "json";
            AtomicFile.Write(path, "--out", context.Output, stream => Write(stream, vocabulary, json));
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {vocabulary.Count:N0} tokens ({vocabulary.SpecialCount} specials, {vocabulary.SyntaxCount} syntax, {vocabulary.ValueCount} values, {vocabulary.NameCount} name {(model.Tokenization == Tokenization.Pieces ? "pieces" : "words")}) to {AtomicFile.Describe(path)}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Writes a vocabulary file in either format.</summary>
    public static void Write(Stream stream, TokenVocabulary vocabulary, bool json)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        if (json)
        {
            TokenizerFile.WriteHuggingFace(writer, vocabulary);
        }
        else
        {
            TokenizerFile.WriteText(writer, vocabulary);
        }
    }
}
