using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Prediction;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Model;

public sealed class GeneratorTests
{
    private static readonly SyntaxKnowledgeModel Bio = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 5));

    [Fact]
    public void Biographies_PresetIsValidAndRich()
    {
        Assert.True(Bio.Attributes.Length >= 5);
        Assert.All(Bio.Attributes, a => Assert.True(a.Templates.Length >= 3));
        Assert.Equal(new[] { 240, 200, 80, 300, 40 }, Bio.Attributes.Select(a => a.Values.Length));
    }

    [Fact]
    public void Generate_IsDeterministicPerSeed_AndSeedsDiffer()
    {
        var a = CorpusGenerator.Generate(Bio, 42, 500).Select(s => s.Text).ToList();
        var b = CorpusGenerator.Generate(Bio, 42, 500).Select(s => s.Text).ToList();
        var c = CorpusGenerator.Generate(Bio, 43, 500).Select(s => s.Text).ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Shards_ConcatenateToTheUnshardedCorpus()
    {
        World world = World.Sample(Bio, 7);
        var whole = CorpusGenerator.Generate(world, 0, 1_000).Select(s => s.Text + "|" + s.Entity).ToList();
        var shards = new[] { (0L, 300L), (300L, 1L), (301L, 699L) }
            .SelectMany(r => CorpusGenerator.Generate(world, r.Item1, r.Item2))
            .Select(s => s.Text + "|" + s.Entity).ToList();
        Assert.Equal(whole, shards);
    }

    [Fact]
    public void Sentences_ParseBackToTheirStructure_AndFactsAreDeterministic()
    {
        World world = World.Sample(Bio, 11);
        var facts = new Dictionary<(int, int), int>();
        foreach (Sentence s in CorpusGenerator.Generate(world, 0, 2_000))
        {
            Assert.Equal(SentenceStructure.Of(s), SentenceParser.Parse(Bio, s.Tokens));
            Assert.Equal(s.Tokens.Length, s.Tags.Length);
            if (facts.TryGetValue((s.Entity, s.Attribute), out int v))
            {
                Assert.Equal(v, s.Value);
            }

            facts[(s.Entity, s.Attribute)] = s.Value;
        }
    }

    [Fact]
    public void Parse_RejectsForeignSentences()
    {
        Assert.Throws<FormatException>(() => SentenceParser.Parse(Bio, ["hello", "world", "."]));
        Assert.False(SentenceParser.TryParse(Bio, ["Kalo", "was", "born", "in", "Alcorholm", "."], out _));
    }

    [Fact]
    public void ModelValidation_RejectsAmbiguousRendering()
    {
        PitmanYorParameters p = PitmanYorParameters.Create(0, 1);
        Template t = Template.Parse("{name} lives in {value} .");
        var city = AttributeSpec.Create("city", ["Oslo"], ValuePrior.Uniform, [t]);
        var town = AttributeSpec.Create("town", ["Oslo"], ValuePrior.Uniform, [Template.Parse("{name} resides in {value} .")]);
        Assert.Throws<ArgumentException>(() => SyntaxKnowledgeModel.Create(p, 1, 1, [city, town], NameModel.Default));
        var same = AttributeSpec.Create("c2", ["Apia"], ValuePrior.Uniform, [Template.Parse("{name} lives in {value} .")]);
        var prefixed = AttributeSpec.Create("c3", ["Rome"], ValuePrior.Uniform, [Template.Parse("{name} lives in {value} ."), Template.Parse("{name} lives in {value} . indeed")]);
        Assert.Throws<ArgumentException>(() => SyntaxKnowledgeModel.Create(p, 1, 1, [prefixed], NameModel.Default)); // one shape is a prefix of another
        Assert.NotNull(SyntaxKnowledgeModel.Create(p, 1, 1, [city, same], NameModel.Default)); // same words, different value vocabularies
        var nameLike = AttributeSpec.Create("c4", ["Kalo"], ValuePrior.Uniform, [Template.Parse("{value} is home to {name} .")]);
        Assert.Throws<ArgumentException>(() => SyntaxKnowledgeModel.Create(p, 1, 1, [nameLike], NameModel.Default));
        Assert.Throws<ArgumentException>(() => Template.Parse("{name} was born ."));
        Assert.Throws<ArgumentException>(() => Template.Parse("{name} Was born in {value} ."));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SyntaxKnowledgeModel.Create(p, 0, 1, [city], NameModel.Default));
        Assert.Equal("attributePrior", e.ParamName);
    }

    [Fact]
    public void TinyNameSpace_Exhaustion_IsAClearError()
    {
        // The tiny preset has 4 names: a fifth entity cannot be named.
        SyntaxKnowledgeModel tiny = SyntaxKnowledgeModel.Tiny(PitmanYorParameters.Create(new Rational(9, 10), 50));
        var e = Assert.Throws<InvalidOperationException>(() => CorpusGenerator.Generate(tiny, 1, 1_000).ToList());
        Assert.Contains("names", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "Statistical")]
    [InlineData(1, 2, 5, 1)]
    [InlineData(0, 1, 3, 1)]
    [InlineData(4, 5, 1, 1)]
    public void EntitySeating_DistinctEntities_MatchExactHeapsLaw(int dn, int dd, int tn, int td)
    {
        // The generator's Fenwick-tree seating sampler has the Pitman–Yor law: E[K_n] within 4 standard errors.
        SyntaxKnowledgeModel model = Bio.WithKnowledge(PitmanYorParameters.Create(new Rational(dn, dd), new Rational(tn, td)));
        const int n = 300;
        int worlds = TestScale.Replicates(1_500);
        var distinct = new double[worlds];
        for (int w = 0; w < worlds; w++)
        {
            distinct[w] = CorpusGenerator.Generate(model, (ulong)w, n).Count(s => s.IsNewEntity);
        }

        MonteCarloEstimate estimate = MonteCarlo.Summarize(distinct.AsSpan());
        double exact = ExpectedDistinct.Exact(model.Knowledge, n).ToDouble();
        Assert.True(estimate.IsConsistentWith(exact), $"{estimate} vs {exact}");
    }

    [Fact]
    public void World_SyntaxProbabilitiesAreDistributions()
    {
        World world = World.Sample(Bio.WithValuePrior(ValuePrior.Dirichlet(new Rational(1, 3))), 3);
        Assert.Equal(1.0, world.AttributeProbabilities.Sum(), 1e-12);
        Assert.All(world.TemplateProbabilities, p => Assert.Equal(1.0, p.Sum(), 1e-12));
        Assert.All(world.ValueProbabilities, p => Assert.Equal(1.0, p.Sum(), 1e-12));
        Assert.InRange(world.SyntaxEntropy(), 0, Math.Log(5) + Math.Log(4));
    }
}
