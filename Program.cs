using System.Diagnostics;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Prediction;
using SyntaxKnowledge.Processes;
var p = PitmanYorParameters.Create(Rational.Parse("1/2"), 1);
var model = SyntaxKnowledgeModel.Biographies(p);
int n = int.Parse(args[0]);
for (int rep = 0; rep < 2; rep++) {
var sw = Stopwatch.StartNew();
long c = 0;
foreach (var s in CorpusGenerator.Generate(model, seed: 7, count: n)) c += s.Tokens.Length;
double g = sw.Elapsed.TotalSeconds; sw.Restart();
foreach (var a in BayesOracle.Annotate(model, CorpusGenerator.Generate(model, seed: 7, count: n))) c += a.TokenLogProbabilities.Length;
double an = sw.Elapsed.TotalSeconds; sw.Restart();
foreach (var a in BayesOracle.Annotate(model, CorpusGenerator.Generate(model, seed: 7, count: n))) { c += a.Components.Entity.ToString().Length + a.Components.Value.ToString().Length+ a.Components.Name.ToString().Length+ a.Components.Attribute.ToString().Length+ a.Components.Template.ToString().Length; }
double ts = sw.Elapsed.TotalSeconds;
Console.WriteLine($"gen {n/g:N0}/s  annotate {n/an:N0}/s  annotate+tostring {n/ts:N0}/s {c}");
}
