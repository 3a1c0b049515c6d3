using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Prediction;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Laws;

/// <summary>The Bayes redundancy R(n) = E[−ln Q(Xⁿ)] − E[−ln P_world(Xⁿ)] (nats), split by part.</summary>
/// <param name="Sentences">The corpus length n.</param>
/// <param name="Syntax">The syntax part (attributes and templates).</param>
/// <param name="Names">The names part (entity choice and names).</param>
/// <param name="Facts">The facts part (values).</param>
public sealed record RedundancyParts(int Sentences, double Syntax, double Names, double Facts)
{
    /// <summary>Gets the total redundancy R(n) = I(world; Xⁿ).</summary>
    public double Total => Syntax + Names + Facts;
}

/// <summary>Simulated redundancy by part, with standard errors.</summary>
/// <param name="Sentences">The corpus length n.</param>
/// <param name="Syntax">The syntax part.</param>
/// <param name="Names">The names part.</param>
/// <param name="Facts">The facts part.</param>
/// <param name="Total">The total.</param>
public sealed record SimulatedRedundancy(int Sentences, MonteCarloEstimate Syntax, MonteCarloEstimate Names, MonteCarloEstimate Facts, MonteCarloEstimate Total);

/// <summary>
/// The redundancy of the Bayes-optimal code of the Syntax-Knowledge model: exactly by enumerating every
/// corpus of n sentences (small models), and by Monte Carlo over worlds. Its increments R(n+1) − R(n) are the
/// expected excess losses of <see cref="DataScaling"/>.
/// </summary>
/// <remarks>The world's code is its proper sequential predictive (see <see cref="DataScaling"/>): per sentence, syntax
/// E[H(ρ)] + E[Σ_j ρ_j H(π_j)] = ψ(J a_J + 1) − ψ(a_J + 1) + (1/J) Σ_j (ψ(m_j a + 1) − ψ(a + 1)); the entity choice at the weights
/// of the seen entities and the rest (its expected cost given the history and the realized entity is ψ(α₀+1) − ψ(α_k+1) for
/// the Dirichlet(n_k − d, θ + dK) law of the weights); a new entity's name and value as the predictor codes them; the
/// facts of seen entities free. So R(n) = Σ_{i&lt;n} I(world; X_{i+1} | X^i), the sum of the excess losses.</remarks>
public static class Redundancy
{
    /// <summary>The largest number of corpora <see cref="Enumerated"/> visits.</summary>
    public const long MaximumCorpora = 2_000_000;

    /// <summary>Returns R(n) by part by enumerating every corpus of n sentences with its exact probability.</summary>
    /// <param name="model">The model; use a small one such as <see cref="SyntaxKnowledgeModel.Tiny"/>.</param>
    /// <param name="sentences">The corpus length n. Range: n ≥ 0, and (sentences per step)ⁿ ≤ <see cref="MaximumCorpora"/>.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The redundancy by part.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The enumeration would visit more than <see cref="MaximumCorpora"/> corpora.</exception>
    /// <remarks>Probabilities are exact rationals (they sum to exactly one, which the method checks); code lengths
    /// are their logarithms, accurate to a few ulps; the sum is in double.</remarks>
    public static RedundancyParts Enumerated(SyntaxKnowledgeModel model, int sentences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        Preconditions.AtLeast(sentences, 0, nameof(sentences));
        List<SentenceStructure> candidates = Candidates(model);
        double corpora = Math.Pow(candidates.Count, sentences);
        if (corpora > MaximumCorpora)
        {
            throw Preconditions.OutOfRange(nameof(sentences), sentences, FormattableString.Invariant($"at most {MaximumCorpora} corpora (here {candidates.Count}^{sentences}); use a smaller model or Simulate"));
        }

        double syntax = 0, names = 0, facts = 0;
        Rational total = Rational.Zero;
        var path = new List<SentenceStructure>(sentences);
        void Visit(int depth, Rational probability, double s, double nm, double f)
        {
            if (depth == sentences)
            {
                double w = probability.ToDouble();
                syntax += w * s;
                names += w * nm;
                facts += w * f;
                total += probability;
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var engine = new OracleEngine<Rational>(model, prefixes: false);
            foreach (SentenceStructure earlier in path)
            {
                engine.Observe(earlier);
            }

            foreach (SentenceStructure next in candidates)
            {
                ComponentProbabilities<Rational> q = engine.Components(next);
                Rational p = q.Sentence;
                if (p.Sign == 0)
                {
                    continue;
                }

                (double Names, double Facts) step = engine.WorldStepExcess(next);

                path.Add(next);
                Visit(
                    depth + 1,
                    probability * p,
                    s - Rational.Log(q.Attribute) - Rational.Log(q.Template),
                    nm + step.Names,
                    f + step.Facts);
                path.RemoveAt(path.Count - 1);
            }
        }

        Visit(0, Rational.One, 0, 0, 0);
        if (total != Rational.One)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"The corpus probabilities sum to {total}, not 1."));
        }

        double worldSyntax = WorldSyntaxEntropy(model);
        return new RedundancyParts(sentences, syntax - (sentences * worldSyntax), names, facts);
    }

    /// <summary>Estimates R(n) by part over independent worlds: each world generates n sentences and the predictor's
    /// code length, part by part, is compared with the world's (the world's syntax entropy exactly; for the entity choice
    /// and the values, the world's expected cost given the history and the realized sentence).</summary>
    /// <param name="model">The model.</param>
    /// <param name="sentences">The corpus length n. Range: n ≥ 1.</param>
    /// <param name="worlds">The number of worlds R. Range: R ≥ 2.</param>
    /// <param name="seed">The seed; world r uses stream r.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <returns>Estimates by part with standard errors.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    public static SimulatedRedundancy Simulate(SyntaxKnowledgeModel model, int sentences, int worlds, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        Preconditions.AtLeast(sentences, 1, nameof(sentences));
        Preconditions.AtLeast(worlds, 2, nameof(worlds));
        var syntax = new double[worlds];
        var names = new double[worlds];
        var facts = new double[worlds];
        Parallel.For(0, worlds, new ParallelOptions { CancellationToken = cancellationToken }, r =>
        {
            World world = World.Sample(model, CounterRandom.Create(seed, (ulong)r).Key);
            var engine = new OracleEngine<double>(model, prefixes: false);
            double s = 0, nm = 0, f = 0;
            foreach (Sentence sentence in CorpusGenerator.Generate(world, 0, sentences, cancellationToken))
            {
                SentenceStructure structure = SentenceStructure.Of(sentence);
                ComponentProbabilities<double> q = engine.Components(structure);
                s -= Math.Log(q.Attribute) + Math.Log(q.Template);
                (double stepNames, double stepFacts) = engine.WorldStepExcess(structure);
                nm += stepNames;
                f += stepFacts;
                engine.Observe(structure);
            }

            syntax[r] = s - (sentences * world.SyntaxEntropy());
            names[r] = nm;
            facts[r] = f;
        });
        double[] total = [.. syntax.Select((s, i) => s + names[i] + facts[i])];
        return new SimulatedRedundancy(sentences, MonteCarlo.Summarize(syntax.AsSpan()), MonteCarlo.Summarize(names.AsSpan()), MonteCarlo.Summarize(facts.AsSpan()), MonteCarlo.Summarize(total.AsSpan()));
    }

    /// <summary>The world's expected syntax code length per sentence, E[H(ρ)] + E[Σ_j ρ_j H(π_j)].</summary>
    internal static double WorldSyntaxEntropy(SyntaxKnowledgeModel model)
    {
        int attributes = model.Attributes.Length;
        double aJ = model.AttributePrior.ToDouble(), a = model.TemplatePrior.ToDouble();
        double syntax = World.ExpectedDirichletEntropy(aJ, attributes)
                        + model.Attributes.Sum(attr => World.ExpectedDirichletEntropy(a, attr.Templates.Length) / attributes);
        return syntax;
    }

    private static List<SentenceStructure> Candidates(SyntaxKnowledgeModel model)
    {
        var result = new List<SentenceStructure>();
        string[] given = [.. model.Names.GivenVocabulary()], family = [.. model.Names.FamilyVocabulary()];
        if ((long)given.Length * family.Length > 10_000)
        {
            throw Preconditions.OutOfRange("model", given.Length * (long)family.Length, "a name model with at most 10000 names (enumeration visits every name)");
        }

        for (int j = 0; j < model.Attributes.Length; j++)
        {
            for (int t = 0; t < model.Attributes[j].Templates.Length; t++)
            {
                foreach (string g in given)
                {
                    foreach (string f in family)
                    {
                        for (int v = 0; v < model.Attributes[j].Values.Length; v++)
                        {
                            result.Add(new SentenceStructure(j, t, g, f, v));
                        }
                    }
                }
            }
        }

        return result;
    }
}
