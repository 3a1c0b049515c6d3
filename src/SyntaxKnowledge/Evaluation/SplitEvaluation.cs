using System.Collections.Immutable;
using System.Globalization;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Prediction;

namespace SyntaxKnowledge.Evaluation;

/// <summary>What the training prefix of a split contains.</summary>
/// <param name="Sentences">N, the training sentences.</param>
/// <param name="Tokens">The training tokens.</param>
/// <param name="Entities">The distinct entities of the training sentences.</param>
/// <param name="Facts">The distinct (entity, attribute) facts the training sentences reveal.</param>
public sealed record TrainingSummary(int Sentences, long Tokens, int Entities, long Facts);

/// <summary>
/// Cuts a corpus into a training prefix (sentences 0..N−1) and an evaluation set (the next M sentences) and annotates every
/// evaluation sentence with what training revealed about it and three comparators: the two Bayes-optimal predictors, continuation
/// (prequential, given every earlier sentence) and frozen (given exactly the training prefix), and, when a world is given, the true
/// world's own predictive (the proper baseline of the data law). See docs/02-guides/test-your-language-model.md.
/// </summary>
/// <remarks>Both comparators run in <see cref="double"/> (the exact path agrees to about 1e-14 relative per probability). Cost: one
/// pass observing the training prefix twice (cheap), then two prefix-probability computations per evaluation sentence.</remarks>
public static class SplitEvaluation
{
    /// <summary>Annotates the evaluation sentences of a split.</summary>
    /// <param name="model">The model (from the corpus header).</param>
    /// <param name="corpus">The corpus sentences' tokens from the first sentence; only the first N + M are read.</param>
    /// <param name="trainSentences">N. Range: ≥ 1.</param>
    /// <param name="evalSentences">M, the most evaluation sentences to annotate (fewer when the corpus ends). Range: ≥ 1.</param>
    /// <param name="world">The true world the corpus came from (<see cref="World.Sample"/> with the corpus seed), or <see langword="null"/>
    /// for no world column. With a world, the records also carry the world's own per-token log-probabilities
    /// (<see cref="WorldPredictive"/>, posterior weights drawn with the world's seed from the counts of the first N + M sentences), and the
    /// first N + M sentences are held in memory.</param>
    /// <param name="trainingComplete">Called once, with the training summary, when the training prefix has been read; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Checked once per sentence.</param>
    /// <returns>The evaluation records in corpus order, lazily (enumerate once).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="corpus"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trainSentences"/> or <paramref name="evalSentences"/> is below 1, or the corpus has
    /// no sentence after the training prefix (reported when reached; the message names the corpus length and the valid range).</exception>
    /// <exception cref="FormatException">A sentence does not parse.</exception>
    public static IEnumerable<EvaluationRecord> Evaluate(SyntaxKnowledgeModel model, IEnumerable<IReadOnlyList<string>> corpus, int trainSentences, int evalSentences, World? world = null, Action<TrainingSummary>? trainingComplete = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(corpus);
        if (trainSentences < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(trainSentences), trainSentences, string.Create(CultureInfo.InvariantCulture, $"trainSentences = {trainSentences} is out of range; valid range: 1 to the corpus sentences - 1."));
        }

        if (evalSentences < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(evalSentences), evalSentences, string.Create(CultureInfo.InvariantCulture, $"evalSentences = {evalSentences} is out of range; valid range: at least 1."));
        }

        if (world is null)
        {
            return Iterator(model, corpus, trainSentences, evalSentences, trainingComplete, cancellationToken);
        }

        return WithWorld(model, corpus, trainSentences, evalSentences, world, trainingComplete, cancellationToken);
    }

    private static IEnumerable<EvaluationRecord> WithWorld(SyntaxKnowledgeModel model, IEnumerable<IReadOnlyList<string>> corpus, int trainSentences, int evalSentences, World world, Action<TrainingSummary>? trainingComplete, CancellationToken cancellationToken)
    {
        List<IReadOnlyList<string>> head = [.. corpus.Take(trainSentences + evalSentences)];
        using IEnumerator<ImmutableArray<double>> worldLogs = WorldPredictive.TokenLogProbabilities(model, world, head, world.Seed, cancellationToken).Skip(trainSentences).GetEnumerator();
        foreach (EvaluationRecord record in Iterator(model, head, trainSentences, evalSentences, trainingComplete, cancellationToken))
        {
            worldLogs.MoveNext();
            yield return record with { World = worldLogs.Current };
        }
    }

    private static IEnumerable<EvaluationRecord> Iterator(SyntaxKnowledgeModel model, IEnumerable<IReadOnlyList<string>> corpus, int trainSentences, int evalSentences, Action<TrainingSummary>? trainingComplete, CancellationToken cancellationToken)
    {
        var frozen = new OracleEngine<double>(model);
        var continuation = new OracleEngine<double>(model);
        var facts = new HashSet<(int Entity, int Attribute)>();
        long index = 0, trainTokens = 0;
        int produced = 0;
        foreach (IReadOnlyList<string> tokens in corpus)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SentenceStructure s = SentenceParser.Parse(model, tokens);
            if (index < trainSentences)
            {
                facts.Add((frozen.EntityOf(s.GivenName, s.FamilyName), s.Attribute));
                frozen.Observe(s);
                continuation.Observe(s);
                trainTokens += tokens.Count;
                if (++index == trainSentences)
                {
                    trainingComplete?.Invoke(new TrainingSummary(trainSentences, trainTokens, frozen.Entities, facts.Count));
                }

                continue;
            }

            int entity = continuation.EntityOf(s.GivenName, s.FamilyName);
            int trainEntity = frozen.EntityOf(s.GivenName, s.FamilyName);
            bool seen = trainEntity < frozen.Entities;
            long trainCount = seen ? frozen.EntityCount(trainEntity) : 0;
            bool factSeen = seen && frozen.Fact(trainEntity, s.Attribute) >= 0;
            (_, double[] frozenProbabilities) = frozen.ScoreWithoutObserving(s, tokens);
            (_, double[] continuationProbabilities) = continuation.ScoreWithoutObserving(s, tokens);
            continuation.Observe(s);
            yield return new EvaluationRecord(
                index, entity, s.Attribute, [.. tokens], BayesOracle.TagsOf(model, s), trainCount, factSeen,
                [.. continuationProbabilities.Select(p => Math.Log(p))], [.. frozenProbabilities.Select(p => Math.Log(p))], ImmutableArray<double>.Empty);
            index++;
            if (++produced == evalSentences)
            {
                yield break;
            }
        }

        if (produced == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(trainSentences), trainSentences, string.Create(CultureInfo.InvariantCulture, $"trainSentences = {trainSentences} is out of range for a corpus of {index} sentences; valid range: 1 to {index - 1}."));
        }
    }
}
