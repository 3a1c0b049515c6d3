using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Prediction;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Testing.Tests;

/// <summary>The generators cover the edge classes, FsCheck finds the arbitraries, and the shrinkers stay valid and terminate.</summary>
public sealed class ArbitrariesTests
{
    // FsCheck's Sample(numberOfSamples, size).
    private static List<T> Sample<T>(Gen<T> gen, int count, int size = 30)
    {
        List<T> sample = [.. gen.Sample(count, size)];
        Assert.Equal(count, sample.Count);
        return sample;
    }

    [Fact]
    public void PitmanYor_Sample_CoversTheEdgeClasses()
    {
        List<PitmanYorParameters> sample = Sample(SyntaxKnowledgeGenerators.PitmanYor, 600);
        Assert.Contains(sample, p => p.IsDirichlet);
        Assert.Contains(sample, p => p.Concentration.Sign < 0);
        Assert.Contains(sample, p => p.Concentration + p.Discount < new Rational(1, 12));
        Assert.Contains(sample, p => p.Concentration > 5);
        Assert.All(sample, p => Assert.True(p.Concentration > -p.Discount && p.Discount.Sign >= 0 && p.Discount < 1, p.ToString()));
    }

    [Fact]
    public void Models_Sample_HasBothPresetsAndVariedPriors()
    {
        List<SyntaxKnowledgeModel> sample = Sample(SyntaxKnowledgeGenerators.Models, 200);
        Assert.Contains(sample, m => m.Names.NameSpaceSize == 4);
        Assert.Contains(sample, m => m.Names.NameSpaceSize > 1_000_000);
        Assert.Contains(sample, m => m.Attributes.Length == 1);
        Assert.Contains(sample, m => m.AttributePrior != Rational.One);
        Assert.Contains(sample, m => m.Attributes.Any(a => !a.ValuePrior.IsUniform));
    }

    [Property(Arbitrary = [typeof(SyntaxKnowledgeArbitraries)], MaxTest = 200)]
    public bool Seating_PredictiveOfARegisteredArbitrary_SumsToOne(PitmanYorParameters p, PositiveInt first, PositiveInt second) =>
        Rational.Sum(Seating.Predictive(p, [Math.Min(first.Get, 20), Math.Min(second.Get, 20)])) == Rational.One;

    [Property(Arbitrary = [typeof(SyntaxKnowledgeArbitraries)], MaxTest = 100)]
    public bool Dirichlet_RegisteredArbitrary_PredictiveSumsToOne(SymmetricDirichlet prior) =>
        Rational.Sum(DirichletCategorical.Predictive(prior, [.. Enumerable.Range(0, prior.Categories)])) == Rational.One;

    [Property(Arbitrary = [typeof(SyntaxKnowledgeArbitraries)], MaxTest = 40)]
    public Property Corpus_IsTheWorldsOwnPrefix_AndHasAPositiveExactProbability(SmallCorpus corpus)
    {
        Sentence[] again = [.. CorpusGenerator.Generate(corpus.World, 0, corpus.Count)];
        bool samePrefix = again.Select(s => s.Text).SequenceEqual(corpus.Sentences.Select(s => s.Text));
        Rational q = BayesOracle.CorpusProbability(corpus.Model, corpus.Tokens);
        bool tinyIsShort = corpus.Model.Names.NameSpaceSize > 4 || corpus.Count <= 4;
        return (samePrefix && q.Sign > 0 && q <= 1 && tinyIsShort && corpus.DistinctEntities <= corpus.Count)
            .Label(corpus.ToString())
            .Classify(corpus.Count == 0, "empty")
            .Classify(corpus.Model.Names.NameSpaceSize == 4, "tiny");
    }

    [Property(Arbitrary = [typeof(SyntaxKnowledgeArbitraries)], MaxTest = 30)]
    public bool World_Registered_IsReproducibleFromItsSeed(World world)
    {
        World again = World.Sample(world.Model, world.Seed);
        return again.AttributeProbabilities.SequenceEqual(world.AttributeProbabilities) && again.Fact(3, 0) == world.Fact(3, 0);
    }

    [Fact]
    public void ShrinkPitmanYor_RepeatedFirstCandidate_TerminatesAtTheSimplestCase()
    {
        Assert.All(Sample(SyntaxKnowledgeGenerators.PitmanYor, 100), p =>
        {
            PitmanYorParameters current = p;
            for (int step = 0; step < 50; step++)
            {
                PitmanYorParameters? next = SyntaxKnowledgeArbitraries.ShrinkPitmanYor(current).FirstOrDefault();
                if (next is null)
                {
                    Assert.Equal(PitmanYorParameters.Create(0, 1), current);
                    return;
                }

                Assert.NotEqual(current, next);
                current = next;
            }

            Assert.Fail($"shrinking {p} did not terminate in 50 steps");
        });
    }

    [Fact]
    public void ShrinkCorpus_GivesStrictlyShorterPrefixesOfTheSameWorld()
    {
        World world = World.Sample(SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 1)), 7);
        SmallCorpus corpus = SmallCorpus.Generate(world, 9);
        SmallCorpus[] shrunk = [.. SyntaxKnowledgeArbitraries.ShrinkCorpus(corpus)];
        Assert.Equal([0, 4, 8], shrunk.Select(c => c.Count));
        Assert.All(shrunk, c => Assert.Equal(corpus.Sentences.Take(c.Count).Select(s => s.Text), c.Sentences.Select(s => s.Text)));
        Assert.Empty(SyntaxKnowledgeArbitraries.ShrinkCorpus(corpus.Prefix(0)));
    }

    [Fact]
    public void ShrinkModel_DropsAttributesAndResetsPriors()
    {
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 3), 2))
            .WithSyntaxPriors(new Rational(1, 2), 4).WithValuePrior(ValuePrior.Dirichlet(2));
        SyntaxKnowledgeModel[] shrunk = [.. SyntaxKnowledgeArbitraries.ShrinkModel(model)];
        Assert.Equal(5, shrunk.Count(m => m.Attributes.Length == 4));
        Assert.Contains(shrunk, m => m.AttributePrior == Rational.One && m.TemplatePrior == Rational.One);
        Assert.Contains(shrunk, m => m.Attributes.All(a => a.ValuePrior.IsUniform));
        Assert.Contains(shrunk, m => m.Knowledge.IsDirichlet);
    }

    [Fact]
    public void ShrinkDirichlet_FewerCategoriesThenUnitConcentration()
    {
        var prior = SymmetricDirichlet.Create(3, new Rational(1, 2));
        Assert.Equal(
            ["Dirichlet(categories = 1, concentration = 1/2)", "Dirichlet(categories = 2, concentration = 1/2)", "Dirichlet(categories = 3, concentration = 1)"],
            SyntaxKnowledgeArbitraries.ShrinkDirichlet(prior).Select(p => p.ToString()));
    }

    [Fact]
    public void SmallCorpus_Generate_RejectsBadLengthsWithTheParameterName()
    {
        World world = World.Sample(SyntaxKnowledgeModel.Tiny(PitmanYorParameters.Create(new Rational(1, 2), 1)), 1);
        Assert.Equal("sentences", Assert.Throws<ArgumentOutOfRangeException>(() => SmallCorpus.Generate(world, -1)).ParamName);
        Assert.Equal("sentences", Assert.Throws<ArgumentOutOfRangeException>(() => SmallCorpus.Generate(world, SmallCorpus.MaximumSentences + 1)).ParamName);
        Assert.Throws<ArgumentNullException>(() => SmallCorpus.Generate(null!, 1));
        Assert.Equal("maximumSentences", Assert.Throws<ArgumentOutOfRangeException>(() => SyntaxKnowledgeGenerators.Corpora(-1)).ParamName);
    }
}
