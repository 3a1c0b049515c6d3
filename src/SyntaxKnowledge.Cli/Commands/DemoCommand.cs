using System.CommandLine;
using System.Globalization;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Commands;

/// <summary>skm demo: a short readable report of the model's key predictions for default (or given) parameters.</summary>
internal static class DemoCommand
{
    private static readonly int[] Exposures = [1, 3, 10];

    public static Command Create(bool interactive)
    {
        Option<Rational> discount = CliOptions.Discount(new Rational(1, 2));
        Option<Rational> concentration = CliOptions.Concentration(Rational.One);
        Option<ulong> seed = CliOptions.Seed();
        var command = new Command("demo", "Print a short report of the theory's key predictions for default parameters (d = 1/2, theta = 1).")
        {
            discount, concentration, seed,
        };
        var names = new Dictionary<string, string> { ["discount"] = "--discount", ["concentration"] = "--concentration" };
        Cli.SetAction(command, interactive, names, (parse, context) =>
        {
            var p = PitmanYorParameters.Create(parse.GetValue(discount), parse.GetValue(concentration));
            Write(context.Output, p, parse.GetValue(seed), context.CancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(TextWriter o, PitmanYorParameters p, ulong seed, CancellationToken cancellationToken)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        Rational d = p.Discount;
        o.WriteLine(string.Create(c, $"SyntaxKnowledge demo: knowledge elements drawn from {p}"));
        o.WriteLine("Exact values are rationals computed with no rounding; 'approx' is their correctly rounded double.");
        o.WriteLine();

        o.WriteLine("1. Heaps' law: expected number of distinct entities E[K_n] after n mentions");
        var heaps = new List<IReadOnlyList<string>>();
        foreach (int n in new[] { 10, 100, 1_000, 10_000 })
        {
            double exact = ExpectedDistinct.Exact(p, n).ToDouble(), asymptotic = ExpectedDistinct.Asymptotic(p, n);
            heaps.Add([n.ToString("N0", c), Output.Format(exact, 10), Output.Format(asymptotic, 10), Output.Format(asymptotic / exact, 6)]);
        }

        Output.Table(o, ["n", "exact E[K_n]", "asymptotic", "ratio"], heaps);

        o.WriteLine("2. Unseen mass: probability that mention n+1 is a new entity (Good-Turing territory)");
        var unseen = new List<IReadOnlyList<string>>();
        foreach (int n in new[] { 100, 1_000, 10_000 })
        {
            double exact = NewProbability.Exact(p, n).ToDouble();
            double singletons = ExpectedBlocks.SingletonsExact(p, n).ToDouble() / n;
            unseen.Add([n.ToString("N0", c), Output.Format(exact, 8), Output.Format(singletons, 8), Output.Format(NewProbability.Asymptotic(p, n), 8)]);
        }

        Output.Table(o, ["n", "exact P(new)", "E[K_n,1]/n (Good-Turing)", "asymptotic"], unseen);

        o.WriteLine("3. Exponents derived from d by the library's laws (never fitted):");
        SyntaxKnowledgeModel model = SyntaxKnowledgeModel.Biographies(p);
        ScalingLaw data = DataScaling.Law(model);
        if (!p.IsDirichlet)
        {
            o.WriteLine(string.Create(c, $"   Zipf exponent of ranked entity weights       1/d                   = {Rational.One / d}"));
        }

        o.WriteLine(string.Create(c, $"   Heaps exponent                               d                     = {d}"));
        o.WriteLine(string.Create(c, $"   data scaling: facts excess loss ~ n^-a        a = 1 - d             = {ExponentText(data.Terms.First(t => t.Name == "facts"))}"));
        if (!p.IsDirichlet)
        {
            ComputeOptimalSplit split = ComputeOptimal.Split(model);
            o.WriteLine(string.Create(c, $"   model scaling: excess loss ~ C^-b             b = (1 - d)/d         = {ModelScaling.Exponent(p)}"));
            o.WriteLine(string.Create(c, $"   compute-optimal split (compute F ~ n*C)      n ~ F^({split.DataExponent}), C ~ F^({split.CapacityExponent}), loss ~ F^-({split.LossExponent})"));
        }

        o.WriteLine();
        o.WriteLine(string.Create(c, $"   The data law of the biographies preset ({model.Attributes.Length} attributes, {model.Attributes.Sum(x => x.Templates.Length)} templates), excess nats per sentence:"));
        Output.Table(o, ["term", "constant c", "exponent a", "c n^-a (log n)^k at n = 1,000", "at n = 1,000,000"], [.. data.Terms.Select(t => new[]
        {
            t.Name, Output.Format(t.Constant, 6), ExponentText(t) + (t.LogPower != 0 ? string.Create(c, $", k = {t.LogPower}") : string.Empty),
            Output.Format(t.Evaluate(1e3), 6), Output.Format(t.Evaluate(1e6), 6),
        })]);
        o.WriteLine();
        o.WriteLine("4. Capacity: expected mass of entities not among the first C stored, T(C)");
        var coverage = new List<IReadOnlyList<string>>();
        foreach (int stored in new[] { 10, 100, 1_000 })
        {
            double exact = UncoveredMass.Exact(p, stored).ToDouble();
            coverage.Add([stored.ToString("N0", c), Output.Format(exact, 8), Output.Format(UncoveredMass.Asymptotic(p, stored), 8)]);
        }

        Output.Table(o, ["C", "exact T(C)", "asymptotic"], coverage);

        o.WriteLine("5. Knowledge acquisition: expected mass of entities seen at least r times in n mentions");
        var acquisition = new List<IReadOnlyList<string>>();
        foreach (int n in new[] { 100, 1_000, 10_000 })
        {
            acquisition.Add([n.ToString("N0", c), .. Exposures.Select(r => Output.Format(AcquiredMass.Exact(p, n, r).ToDouble(), 6))]);
        }

        Output.Table(o, ["n", "r = 1", "r = 3", "r = 10"], acquisition);

        o.WriteLine(string.Create(c, $"6. Expected entropy of the entity distribution E[H(P)] = psi(theta+1) - psi(1-d) = {ExpectedEntropy.Approximate(p):G8} nats"));
        o.WriteLine();

        const int draws = 1_000, replicates = 4_000;
        DistinctSample sample = ManagedBackend.Instance.SimulateDistinct(p, draws, replicates, seed, cancellationToken: cancellationToken);
        MonteCarloEstimate estimate = sample.Summary;
        double target = ExpectedDistinct.Exact(p, draws).ToDouble();
        o.WriteLine(string.Create(c, $"7. Monte Carlo check (seed {seed}): K_{draws} over {replicates:N0} replicates = {estimate.Mean:G6} +/- {estimate.StandardError:G3}"));
        o.WriteLine(string.Create(c, $"   exact E[K_{draws}] = {target:G8}; z = {estimate.ZScore(target):F2} ({(estimate.IsConsistentWith(target) ? "within" : "OUTSIDE")} 4 standard errors)"));
    }

    private static string ExponentText(ScalingTerm term) =>
        term.ExactExponent is { } exact ? exact.ToString() : term.Exponent.ToString("G6", CultureInfo.InvariantCulture);
}
