// ScalingLaws: the data scaling law of the Syntax-Knowledge model, derived from its parameters, against
// the exact expected excess loss and a Monte Carlo simulation over worlds; then the capacity side, the
// uncovered mass T(C). Built and run by tests/SyntaxKnowledge.Samples.Tests.
using System.Globalization;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

CultureInfo c = CultureInfo.InvariantCulture;
var p = PitmanYorParameters.Create(new Rational(1, 2), 1);
var model = SyntaxKnowledgeModel.Biographies(p);
Console.WriteLine(string.Create(c, $"Model: {model}"));

// <law>
ScalingLaw law = DataScaling.Law(model);
Console.WriteLine(string.Create(c, $"Data scaling law of the excess loss per sentence, variable {law.Variable}:"));
foreach (ScalingTerm term in law.Terms)
{
    string log = term.LogPower == 0 ? string.Empty : string.Create(c, $" (ln n)^{term.LogPower}");
    Console.WriteLine(string.Create(c, $"  {term.Name,-9} {term.Constant,10:F4} * n^-({term.ExponentText}){log}"));
}

Console.WriteLine(string.Create(c, $"Knowledge terms (facts, names) decay as n^-(1-d) = n^-({Rational.One - p.Discount}); syntax as n^-1."));
// </law>

// <exact-vs-asymptotic>
Console.WriteLine();
Console.WriteLine("   n   exact total   asymptotic   ratio   (nats per sentence)");
foreach (int n in new[] { 10, 100, 1_000 })
{
    double exact = DataScaling.Exact(model, n).Total, asymptotic = DataScaling.Asymptotic(model, n).Total;
    Console.WriteLine(string.Create(c, $"{n,5} {exact,12:F5} {asymptotic,12:F5} {asymptotic / exact,8:F4}"));
}
// </exact-vs-asymptotic>

// <simulate>
const int draws = 100, worlds = 400;
SimulatedExcessLoss simulated = DataScaling.Simulate(model, draws, worlds, seed: 2025);
double closedForm = DataScaling.Exact(model, draws).Total;
bool consistent = simulated.Total.IsConsistentWith(closedForm);
Console.WriteLine();
Console.WriteLine(string.Create(c, $"Simulated excess loss at n = {draws} over {worlds} worlds: {simulated.Total}; closed form {closedForm:F5} -> {(consistent ? "consistent" : "NOT consistent")}"));
// </simulate>

// <capacity>
Console.WriteLine();
Console.WriteLine(string.Create(c, $"Capacity: mass beyond the first C entities, T(C) ~ C^-((1-d)/d), (1-d)/d = {(1 - p.Discount) / p.Discount}"));
foreach (int stored in new[] { 10, 100, 1_000 })
{
    Console.WriteLine(string.Create(c, $"  C = {stored,5}: exact {UncoveredMass.Exact(p, stored).ToDouble():F6}, asymptotic {UncoveredMass.Asymptotic(p, stored):F6}"));
}
// </capacity>

return consistent ? 0 : 1;
