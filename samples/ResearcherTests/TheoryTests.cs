// How a researcher checks the Syntax-Knowledge theory in their own test suite with SyntaxKnowledge.Testing:
// catalog theorems as xUnit theories, properties over valid random inputs, and a hypothesis of one's own
// written as a Theorem and verified the same way (exactly, by Monte Carlo, and asymptotically).
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Prediction;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Testing;
using SyntaxKnowledge.Theorems;

namespace ResearcherTests;

public sealed class TheoryTests
{
    // <catalog>
    // The catalog theorems this work relies on (unseen mass and Good-Turing, docs/03-formulas/pitman-yor.md), one
    // test case each. For the whole catalog use [ClassData(typeof(CatalogTheoryData))] (about a minute on two cores).
    public static TheoryData<string> UnseenMassTheorems => CatalogTheoryData.Filter(t => t.Section is "1.4" or "1.5");

    [Theory]
    [Trait("Category", "Statistical")]
    [MemberData(nameof(UnseenMassTheorems))]
    public void CatalogTheorem_Verifies(string id) => TheoremAssert.Verifies(id);
    // </catalog>

    // <properties>
    // Exchangeability: the exact Bayes-optimal probability of a corpus does not depend on the order of its sentences.
    [Property(Arbitrary = [typeof(SyntaxKnowledgeArbitraries)], MaxTest = 30)]
    public Property CorpusProbability_ReversedSentences_IsUnchanged(SmallCorpus corpus)
    {
        Rational forward = BayesOracle.CorpusProbability(corpus.Model, corpus.Tokens);
        Rational backward = BayesOracle.CorpusProbability(corpus.Model, corpus.Tokens.Reverse());
        return (forward == backward).Label(corpus.ToString()).Classify(corpus.Count <= 1, "trivial");
    }

    // More concentration means more distinct entities: E[K_n] grows with theta, exactly.
    [Property(Arbitrary = [typeof(SyntaxKnowledgeArbitraries)], MaxTest = 100)]
    public bool ExpectedDistinct_LargerConcentration_IsLarger(PitmanYorParameters p, PositiveInt n)
    {
        var richer = PitmanYorParameters.Create(p.Discount, p.Concentration + 1);
        int draws = 1 + (n.Get % 200);
        return draws == 1
            ? ExpectedDistinct.Exact(richer, draws) == ExpectedDistinct.Exact(p, draws)
            : ExpectedDistinct.Exact(richer, draws) > ExpectedDistinct.Exact(p, draws);
    }
    // </properties>

    // <own-theorem>
    // A hypothesis of one's own, written as a Theorem and verified like a catalog entry: the Good-Turing
    // singleton rate E[K_n,1]/n is exactly the probability that draw n (not n+1) is new. The exact check compares
    // the two closed forms on rationals; the statistical check compares E[K_n,1] with simulated partitions.
    private static readonly Theorem SingletonsTheorem = Theorem.Create(
        "mine.singletons", "1.5", "Singletons versus the unseen mass",
        "E[K_n,1] equals n times the probability that draw n is new.",
        "E[K_n,1] = n (theta+d)_{n-1}/(theta+1)_{n-1}",
        defaultReplicates: 2_000,
        context =>
        {
            var p = PitmanYorParameters.Create(new Rational(1, 3), 2);
            const int n = 60;
            Rational singletons = ExpectedBlocks.SingletonsExact(p, n), identity = n * NewProbability.Exact(p, n - 1);
            var sample = context.Backend.SimulateSeating(p, n, context.Replicates, context.Seed, cancellationToken: context.CancellationToken);
            return
            [
                TheoremCheck.ExactCheck("E[K_n,1] = n P(new at n)", identity.ToString(), singletons.ToString(), singletons == identity),
                TheoremCheck.StatisticalCheck("simulated singletons", singletons.ToDouble(), sample.Singletons),
            ];
        });

    [Fact]
    [Trait("Category", "Statistical")]
    public void OwnTheorem_Singletons_Verifies() => TheoremAssert.Verifies(SingletonsTheorem);
    // </own-theorem>
}
