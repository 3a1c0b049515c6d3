using System.Globalization;
using System.Text.Json;
using SyntaxKnowledge.Evaluation;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Model;

namespace SyntaxKnowledge.Cli.Corpus;

/// <summary>skm score --train-sentences: a language model's excess loss grouped by what it saw in training.</summary>
internal static class SplitScoring
{
    public static (ExcessLossReport Report, long TrainTokens) Score(string corpusPath, string logprobsPath, int trainSentences, EvaluationMode mode, int replicates, ulong seed, IProgress<double> progress, CancellationToken cancellationToken)
    {
        (SyntaxKnowledgeModel model, JsonElement header, IEnumerable<CorpusLine> lines) = CorpusFile.Read(corpusPath, "--corpus");
        long corpusSentences = header.GetProperty("sentences").GetInt64();
        if (trainSentences < 1 || trainSentences >= corpusSentences)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--train-sentences = {trainSentences} is out of range for a corpus of {corpusSentences} sentences; valid range: 1 to {corpusSentences - 1}."));
        }

        InputFile.Require(logprobsPath, "--model-logprobs");

        ModelLogProbabilityDocument document;
        using (var reader = new StreamReader(logprobsPath))
        {
            document = ModelLogProbabilityFile.Read(reader, logprobsPath);
        }

        if (document.CorpusFingerprint is { } fingerprint && fingerprint != CorpusFingerprint.Compute(File.ReadLines(corpusPath)))
        {
            throw new CliInputException($"--model-logprobs: the file was written for another corpus (fingerprint {fingerprint[..19]}… differs from the corpus's).");
        }

        var byIndex = new Dictionary<long, ModelLogProbabilities>();
        foreach (ModelLogProbabilities s in document.Sentences)
        {
            if (s.Index < trainSentences || s.Index >= corpusSentences)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--model-logprobs: line {s.Line}: sentence i = {s.Index} is not an evaluation sentence; valid: {trainSentences} to {corpusSentences - 1} (training is 0 to {trainSentences - 1})."));
            }

            byIndex.Add(s.Index, s);
        }

        long last = byIndex.Keys.Max();
        int eval = (int)(last - trainSentences + 1);
        long trainTokens = 0;
        IEnumerable<IReadOnlyList<string>> Tokens()
        {
            long expected = 0;
            foreach (CorpusLine line in lines)
            {
                if (line.Index != expected)
                {
                    throw CorpusFile.Malformed(corpusPath, line.LineNumber, string.Create(CultureInfo.InvariantCulture, $"sentence index {line.Index} where {expected} was expected"));
                }

                if (expected < trainSentences)
                {
                    trainTokens += line.Tokens.Length;
                }

                expected++;
                yield return line.Tokens;
            }
        }

        World? world = mode == EvaluationMode.World ? World.Sample(model, header.GetProperty("seed").GetUInt64()) : null;
        var scored = new List<ScoredSentence>(byIndex.Count);
        foreach (EvaluationRecord record in SplitEvaluation.Evaluate(model, Tokens(), trainSentences, eval, world, null, cancellationToken))
        {
            if (byIndex.TryGetValue(record.Index, out ModelLogProbabilities? lm))
            {
                try
                {
                    scored.Add(ScoredSentence.Pair(record, mode, lm));
                }
                catch (ArgumentException e)
                {
                    throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--model-logprobs: line {lm.Line}: {ErrorText.FirstLine(e.Message.Split(" (Parameter", 2)[0])}"));
                }
            }

            if ((record.Index & 0x3FF) == 0)
            {
                progress.Report((double)(record.Index - trainSentences) / eval);
            }
        }

        return (ExcessLoss.Build(scored, mode, trainSentences, replicates, seed, cancellationToken), trainTokens);
    }
}
