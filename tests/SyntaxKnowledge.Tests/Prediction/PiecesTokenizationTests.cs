using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Prediction;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Prediction;

/// <summary>
/// The piece tokenization (issue 12 §1): the same exact identities as for words — next-token distributions sum to exactly
/// one, their product is the sentence probability, the corpus law is exchangeable — and the sentence law does not depend
/// on the tokenization at all.
/// </summary>
public sealed class PiecesTokenizationTests
{
    private static SyntaxKnowledgeModel TinyPieces(PitmanYorParameters p) => SyntaxKnowledgeModel.Tiny(p).WithTokenization(Tokenization.Pieces);

    private static List<Sentence> Corpus(SyntaxKnowledgeModel model, ulong seed, int count) => [.. CorpusGenerator.Generate(model, seed, count)];

    /// <summary>Every sentence the model can emit next, rendered with its tokenization.</summary>
    private static IEnumerable<IReadOnlyList<string>> AllSentences(SyntaxKnowledgeModel model)
    {
        for (int j = 0; j < model.Attributes.Length; j++)
        {
            for (int t = 0; t < model.Attributes[j].Templates.Length; t++)
            {
                foreach (string given in model.Names.GivenVocabulary())
                {
                    foreach (string family in model.Names.FamilyVocabulary())
                    {
                        for (int v = 0; v < model.Attributes[j].Values.Length; v++)
                        {
                            yield return model.Render(j, t, given, family, v).Tokens;
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Render_CutsNamesIntoCapitalisedPieces_AndTagsThem()
    {
        SyntaxKnowledgeModel model = TinyPieces(PitmanYorParameters.Create(new Rational(1, 2), 1));
        var (tokens, tags) = model.Render(0, 0, "Ka", "Bon", 1);
        Assert.Equal("Ka Bo n lives in Apia .", string.Join(" ", tokens));
        Assert.Equal("Name Name Name Syntax Syntax Value Syntax", string.Join(" ", tags));
        Assert.Equal("Ka Bo n", string.Join(" ", model.Names.Pieces("Ka", "Bon")));
    }

    [Fact]
    public void PieceVocabulary_IsFiniteSmall_AndCoversEveryGeneratedNameToken()
    {
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 1)).WithTokenization(Tokenization.Pieces);
        var pieces = model.Names.PieceVocabulary().ToHashSet(StringComparer.Ordinal);
        Assert.Equal(pieces.Count, model.Names.PieceVocabulary().Count());
        Assert.InRange(pieces.Count, 2, 200);
        Assert.True(model.Names.NameSpaceSize > 1_000_000, "the name space stays large while the piece vocabulary is small");
        foreach (Sentence s in Corpus(model, 11, 400))
        {
            for (int l = 0; l < s.Tokens.Length; l++)
            {
                if (s.Tags[l] == TokenTag.Name)
                {
                    Assert.Contains(s.Tokens[l], pieces);
                }
            }

            Assert.Equal(model.Names.Pieces(s.GivenName, s.FamilyName), s.Tokens.Where((_, l) => s.Tags[l] == TokenTag.Name));
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 20)]
    public Property NextSentenceProbabilities_SumToExactlyOne(PitmanYorParameters p, PositiveInt seed, PositiveInt length)
    {
        SyntaxKnowledgeModel model = TinyPieces(p);
        int n = length.Get % 4;
        var tokens = Corpus(model, (ulong)seed.Get, n).Select(s => (IReadOnlyList<string>)s.Tokens).ToList();
        Rational history = BayesOracle.CorpusProbability(model, tokens);
        Rational total = Rational.Sum(AllSentences(model).Select(next => BayesOracle.CorpusProbability(model, [.. tokens, next])));
        return (total == history).Label($"{p}, n = {n}: {total} vs {history}");
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 15)]
    public Property NextPieceDistributions_SumToExactlyOne_AndMultiplyToSentenceProbability(PitmanYorParameters p, PositiveInt seed)
    {
        SyntaxKnowledgeModel model = TinyPieces(p);
        List<Sentence> corpus = Corpus(model, (ulong)seed.Get, 4);
        var history = corpus.Take(3).Select(s => (IReadOnlyList<string>)s.Tokens).ToList();
        Sentence last = corpus[3];
        bool sums = true;
        Rational product = Rational.One;
        for (int l = 0; l < last.Tokens.Length; l++)
        {
            var distribution = BayesOracle.NextTokenDistribution(model, history, [.. last.Tokens.Take(l)]);
            sums &= Rational.Sum(distribution.Select(t => t.Probability)) == Rational.One;
            product *= distribution.Single(t => t.Token == last.Tokens[l]).Probability;
        }

        SentenceScore<Rational> score = BayesOracle.Score<Rational>(model, corpus).Last();
        Rational tokenProduct = score.TokenProbabilities.Aggregate(Rational.One, (a, b) => a * b);
        return (sums && product == score.Probability && tokenProduct == score.Probability).Label($"{p}, seed {seed.Get}");
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 20)]
    public Property CorpusProbability_IsExchangeable(PitmanYorParameters p, PositiveInt seed, int shuffle)
    {
        SyntaxKnowledgeModel model = TinyPieces(p);
        var tokens = Corpus(model, (ulong)seed.Get, 4).Select(s => (IReadOnlyList<string>)s.Tokens).ToArray();
        var permuted = tokens.ToArray();
        new Random(shuffle).Shuffle(permuted);
        return (BayesOracle.CorpusProbability(model, tokens) == BayesOracle.CorpusProbability(model, permuted)).Label($"{p}");
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 10)]
    public Property SentenceLaw_DoesNotDependOnTokenization(PitmanYorParameters p, PositiveInt seed)
    {
        SyntaxKnowledgeModel words = SyntaxKnowledgeModel.Biographies(p);
        SyntaxKnowledgeModel pieces = words.WithTokenization(Tokenization.Pieces);
        List<Sentence> w = Corpus(words, (ulong)seed.Get, 60), q = Corpus(pieces, (ulong)seed.Get, 60);
        bool same = w.Select(s => (s.Entity, s.Attribute, s.Template, s.Value, s.GivenName, s.FamilyName))
            .SequenceEqual(q.Select(s => (s.Entity, s.Attribute, s.Template, s.Value, s.GivenName, s.FamilyName)));
        var pw = BayesOracle.Score<Rational>(words, w).Select(s => s.Probability);
        var pq = BayesOracle.Score<Rational>(pieces, q).Select(s => s.Probability);
        var parsed = BayesOracle.ScoreTokens<Rational>(pieces, q.Select(s => (IReadOnlyList<string>)s.Tokens)).Select(s => s.Probability);
        return (same && pw.SequenceEqual(pq) && pq.SequenceEqual(parsed)).Label($"{p}, seed {seed.Get}");
    }

    [Fact]
    public void NamePieceProbabilities_AreTheExactPrefixMarginal()
    {
        // Empty history, template "in {value} lives {name} .": the name is new, so each piece's probability is
        // (#unused names with the extended prefix) / (#unused names with the prefix): 2 given syllables, 2 family syllables
        // and 1 ending give 1/2, 1/2, 1. After one sentence about Ka Bon, the next "Ka" mixes the known entity and new names.
        SyntaxKnowledgeModel model = TinyPieces(PitmanYorParameters.Create(new Rational(1, 2), 1));
        string[] prefix = ["in", "Oslo", "lives"];
        Rational P(IReadOnlyList<IReadOnlyList<string>> history, string[] before, string token) =>
            BayesOracle.NextTokenDistribution(model, history, before).Single(t => t.Token == token).Probability;
        Assert.Equal(new Rational(1, 2), P([], prefix, "Ka"));
        Assert.Equal(new Rational(1, 2), P([], [.. prefix, "Ka"], "Bo"));
        Assert.Equal(Rational.One, P([], [.. prefix, "Ka", "Bo"], "n"));

        // One sentence seen (entity Ka Bon, n₁ = 1, K = 1): p(known) = (1 − d)/(1 + θ) = 1/4, p(new) = (θ + d)/(1 + θ) = 3/4,
        // the new name uniform over the 3 unused names, 1 of which starts with "Ka": p(Ka) = 1/4 + 3/4 · 1/3 = 1/2.
        IReadOnlyList<string>[] seen = [model.Render(1, 0, "Ka", "Bon", 0).Tokens];
        Assert.Equal(new Rational(1, 2), P(seen, prefix, "Ka"));
        // Given "Ka": known entity 1/4 vs new "Ka Van" 1/4 → "Bo" has 1/2; the known entity also knows no city yet.
        Assert.Equal(new Rational(1, 2), P(seen, [.. prefix, "Ka"], "Bo"));
    }

    [Fact]
    public void WorldPredictive_IsProper_AndAgreesAcrossTokenizations()
    {
        SyntaxKnowledgeModel words = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 3), 2));
        SyntaxKnowledgeModel pieces = words.WithTokenization(Tokenization.Pieces);
        World world = World.Sample(words, 21);
        List<Sentence> corpus = [.. CorpusGenerator.Generate(world, 0, 40)];
        var lw = WorldPredictive.TokenLogProbabilities(words, world, corpus, seed: 4).ToList();
        var lp = WorldPredictive.TokenLogProbabilities(pieces, world, corpus, seed: 4).ToList();
        for (int i = 0; i < corpus.Count; i++)
        {
            Assert.Equal(lw[i].Sum(), lp[i].Sum(), 1e-12);
            Assert.All(lp[i], x => Assert.True(x <= 1e-15 && double.IsFinite(x), $"sentence {i}: log-probability {x}"));
        }

        foreach (SyntaxKnowledgeModel model in new[] { words, pieces })
        {
            List<Sentence> rendered = [.. corpus.Select(s => s with { Tokens = model.Render(s.Attribute, s.Template, s.GivenName, s.FamilyName, s.Value).Tokens })];
            Sentence s = rendered[^1];
            for (int l = 0; l < s.Tokens.Length; l++)
            {
                var distribution = WorldPredictive.NextTokenDistribution(model, world, rendered, rendered.Count - 1, [.. s.Tokens.Take(l)], 4);
                Assert.Equal(1.0, distribution.Sum(t => t.Probability), 1e-12);
            }
        }
    }
}
