using SyntaxKnowledge.Evaluation;
using SyntaxKnowledge.Formats;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Tests.Evaluation;

public sealed class KnowledgeProbesTests
{
    [Fact]
    public void Sample_Biographies_SeenFactsHaveBayesOneAndRoundTrip()
    {
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 1));
        World world = World.Sample(model, 7);
        var corpus = CorpusGenerator.Generate(world, 0, 2000).ToList();
        ProbeSet set = KnowledgeProbes.Sample(world, corpus, 1000, ProbeOptions.Create(20, 20));
        Assert.Contains(set.Probes, p => p.Kind == ProbeKind.UnseenEntity);
        Assert.All(set.Probes.Where(p => p.Kind == ProbeKind.Seen), p => Assert.Equal(Rational.One, p.BayesAnswer));
        Assert.All(set.Probes.Where(p => p.Kind != ProbeKind.Seen), p => Assert.Equal(new Rational(1, p.Candidates.Length), p.BayesAnswer));
        var writer = new StringWriter();
        ProbesFormat.Write(writer, set, [.. model.Attributes.Select(a => a.Name)]);
        ProbeSet back = ProbesFormat.Read(new StringReader(writer.ToString()), "probes.jsonl");
        Assert.Equal(set.Probes.Length, back.Probes.Length);
        Assert.True(set.Probes[^1].Prompt.SequenceEqual(back.Probes[^1].Prompt));
        Assert.Equal(set.Probes.Select(p => p.BayesAnswer), back.Probes.Select(p => p.BayesAnswer));
    }
}
