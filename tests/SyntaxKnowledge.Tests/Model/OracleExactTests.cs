using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Prediction;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Model;

/// <summary>Exact identities of the Bayes-optimal predictor (docs/03-formulas/bayes-optimal-predictor.md#the-bayes-optimal-predictor) on the tiny preset.</summary>
public sealed class OracleExactTests
{
    private static SyntaxKnowledgeModel Tiny(PitmanYorParameters p) => SyntaxKnowledgeModel.Tiny(p);

    private static List<Sentence> Corpus(SyntaxKnowledgeModel model, ulong seed, int count) => [.. CorpusGenerator.Generate(model, seed, count)];

    /// <summary>Every sentence the tiny model can emit next: templates × names (used or unused) × values.</summary>
    internal static IEnumerable<IReadOnlyList<string>> AllSentences(SyntaxKnowledgeModel model)
    {
        foreach (var (j, attribute) in model.Attributes.Select((a, j) => (j, a)))
        {
            foreach (Template template in attribute.Templates)
            {
                foreach (string given in model.Names.GivenVocabulary())
                {
                    foreach (string family in model.Names.FamilyVocabulary())
                    {
                        foreach (string value in attribute.Values)
                        {
                            yield return template.Render(given, family, value).Tokens;
                        }
                    }
                }
            }
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 25)]
    public Property NextSentenceProbabilities_SumToExactlyOne(PitmanYorParameters p, PositiveInt seed, PositiveInt length)
    {
        SyntaxKnowledgeModel model = Tiny(p);
        int n = length.Get % 4;
        List<Sentence> history = Corpus(model, (ulong)seed.Get, n);
        var tokens = history.Select(s => (IReadOnlyList<string>)s.Tokens).ToList();
        Rational historyProbability = BayesOracle.CorpusProbability(model, tokens);
        Rational total = Rational.Sum(AllSentences(model).Select(next => BayesOracle.CorpusProbability(model, [.. tokens, next])));
        return (total == historyProbability).Label($"{p}, n = {n}: total {total} vs {historyProbability}");
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 15)]
    public Property NextTokenDistributions_SumToExactlyOne_AndMultiplyToSentenceProbability(PitmanYorParameters p, PositiveInt seed)
    {
        SyntaxKnowledgeModel model = Tiny(p);
        List<Sentence> corpus = Corpus(model, (ulong)seed.Get, 4);
        var history = corpus.Take(3).Select(s => (IReadOnlyList<string>)s.Tokens).ToList();
        Sentence last = corpus[3];
        bool ok = true;
        Rational product = Rational.One;
        for (int l = 0; l < last.Tokens.Length; l++)
        {
            var distribution = BayesOracle.NextTokenDistribution(model, history, last.Tokens.Take(l).ToList());
            ok &= Rational.Sum(distribution.Select(t => t.Probability)) == Rational.One;
            product *= distribution.Single(t => t.Token == last.Tokens[l]).Probability;
        }

        SentenceScore<Rational> score = BayesOracle.Score<Rational>(model, corpus).Last();
        Rational tokenProduct = score.TokenProbabilities.Aggregate(Rational.One, (a, b) => a * b);
        return (ok && product == score.Probability && tokenProduct == score.Probability).Label($"{p}, seed {seed.Get}");
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 25)]
    public Property CorpusProbability_IsInvariantUnderPermutation(PitmanYorParameters p, PositiveInt seed, int shuffle)
    {
        SyntaxKnowledgeModel model = Tiny(p);
        var tokens = Corpus(model, (ulong)seed.Get, 4).Select(s => (IReadOnlyList<string>)s.Tokens).ToArray();
        var permuted = tokens.ToArray();
        new Random(shuffle).Shuffle(permuted);
        return (BayesOracle.CorpusProbability(model, tokens) == BayesOracle.CorpusProbability(model, permuted)).Label($"{p}");
    }

    [Fact]
    public void Biographies_TokenProductEqualsSentenceProbability_AndComponentsMatchParts()
    {
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 3));
        List<Sentence> corpus = Corpus(model, 5, 120);
        foreach (SentenceScore<Rational> score in BayesOracle.Score<Rational>(model, corpus))
        {
            Assert.Equal(score.Probability, score.TokenProbabilities.Aggregate(Rational.One, (a, b) => a * b));
            Assert.Equal(corpus[(int)score.Index].Entity, score.Entity);
            Assert.Equal(corpus[(int)score.Index].IsNewEntity, score.IsNewEntity);
            Assert.Equal(score.IsNewEntity, score.Components.Name != Rational.One);
        }
    }

    [Fact]
    public void DoublePath_AgreesWithExactPath()
    {
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(3, 4), 1)).WithValuePrior(ValuePrior.Dirichlet(new Rational(1, 2)));
        List<Sentence> corpus = Corpus(model, 9, 300);
        var exact = BayesOracle.Score<Rational>(model, corpus).ToList();
        var fast = BayesOracle.Score<double>(model, corpus).ToList();
        for (int i = 0; i < corpus.Count; i++)
        {
            Assert.Equal(exact[i].CodeLength(), fast[i].CodeLength(), 1e-9);
            for (int t = 0; t < exact[i].TokenProbabilities.Length; t++)
            {
                double e = exact[i].TokenProbabilities[t].ToDouble(), f = fast[i].TokenProbabilities[t];
                Assert.True(Math.Abs(e - f) <= 1e-12 * e, $"sentence {i}, token {t}: {e:R} vs {f:R}");
            }
        }
    }

    [Fact]
    public void ScoreTokens_ParsesAndMatchesStructuredScore()
    {
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 3), 2));
        List<Sentence> corpus = Corpus(model, 3, 50);
        var fromTokens = BayesOracle.ScoreTokens<Rational>(model, corpus.Select(s => (IReadOnlyList<string>)s.Tokens)).ToList();
        var fromStructure = BayesOracle.Score<Rational>(model, corpus).ToList();
        Assert.Equal(fromStructure.Select(s => s.Probability), fromTokens.Select(s => s.Probability));
    }
}
