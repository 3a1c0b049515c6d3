// Quickstart: the README's quick start, compiled and run by tests/SyntaxKnowledge.Samples.Tests.
// The region marked "quickstart" below is what the README shows (a test checks that they match).
// <quickstart>
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

var p = PitmanYorParameters.Create(Rational.Parse("1/2"), 1);               // entity frequencies ~ PY(d = 1/2, theta = 1)
Rational heaps = ExpectedDistinct.Exact(p, 1_000);                            // E[K_1000], distinct entities in 1000 mentions: an exact p/q
double asymptotic = ExpectedDistinct.Asymptotic(p, 1_000);                    // Gamma(theta+1)/(d Gamma(theta+d)) n^d
var simulated = ManagedBackend.Instance.SimulateDistinct(p, 1_000, 10_000, seed: 1).Summary;
Console.WriteLine($"E[K_1000] = {heaps.ToDouble():F4} (asymptotic {asymptotic:F4}, simulated {simulated})");
var model = SyntaxKnowledgeModel.Biographies(p);                              // syntax (templates) + knowledge (entities, facts)
Console.WriteLine(CorpusGenerator.Generate(model, seed: 7, count: 1).Single().Text);
ScalingTerm facts = DataScaling.Law(model).Terms.First(t => t.Name == "facts");  // derived, never fitted
Console.WriteLine($"excess loss of sentence n+1 ~ {facts.Constant:F4} n^-({facts.ExactExponent}) + ...");
// </quickstart>
