using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Cli.Plots.Data;

/// <summary>One grid point of the model law: the expected uncovered mass of a capacity learner, exactly, by the law, and simulated.</summary>
/// <param name="Scale">The capacity C (or, for the MDL learner, the number of sentences n).</param>
/// <param name="Uncovered">The expected uncovered mass (NaN where no exact value is available).</param>
/// <param name="Exact">The exact rational uncovered mass, when the learner has one.</param>
/// <param name="Third">The asymptotic law (first-appearance, top-frequency), the n -&gt; infinity limit (top-counts) or the law at the expected stored count (MDL).</param>
/// <param name="Stored">For the MDL learner, the expected number of stored entities; NaN otherwise.</param>
/// <param name="Simulated">The simulated uncovered mass, or null.</param>
/// <param name="SimulatedStored">For the MDL learner, the simulated number of stored entities, or null.</param>
/// <param name="AsymptoticRegime">For the asymptotic law, whether it is in its regime: a probability in [0, 1] within
/// <see cref="Processes.AsymptoticRegime.Tolerance"/> of the accurate value (null where there is no asymptotic column).</param>
internal sealed record ModelLawRow(int Scale, double Uncovered, Rational? Exact, double Third, double Stored, MonteCarloEstimate? Simulated, MonteCarloEstimate? SimulatedStored, bool? AsymptoticRegime = null)
{
    /// <summary>Gets the capacity the row is drawn at: C, or the expected stored count for the MDL learner.</summary>
    public double Capacity => double.IsNaN(Stored) ? Scale : Stored;
}

/// <summary>The model scaling law of a capacity learner: the rows `skm laws model` prints and `skm plot model-law` draws.</summary>
/// <param name="Model">The model.</param>
/// <param name="Learner">The capacity learner.</param>
/// <param name="Cost">The miss cost: excess loss = miss cost x uncovered mass.</param>
/// <param name="Exposures">The MDL count threshold r.</param>
/// <param name="Draws">The training sentences of the top-counts learner.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Rows">The grid points.</param>
/// <param name="Sticks">The stick-breaking simulation of the first-appearance and top-frequency learners, or null.</param>
internal sealed record ModelLawData(SyntaxKnowledgeModel Model, CapacityLearner Learner, MissCost Cost, int Exposures, int Draws, ulong Seed, IReadOnlyList<ModelLawRow> Rows, TopFrequencySample? Sticks)
{
    /// <summary>Computes the rows: exact (or quadrature) uncovered mass, its law, and <paramref name="replicates"/> simulated learners when &gt;= 2.</summary>
    public static ModelLawData Compute(SyntaxKnowledgeModel model, CapacityLearner kind, int[] points, int draws, int exposures, int replicates, int maxSticks, ulong seed, IProgress<double> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(points);
        PitmanYorParameters p = model.Knowledge;
        MissCost cost = MissCost.FromModel(model);
        var result = new List<ModelLawRow>();
        TopFrequencySample? sticks = null;
        switch (kind)
        {
            case CapacityLearner.Mdl:
                for (int i = 0; i < points.Length; i++)
                {
                    int n = points[i];
                    MdlSample? sample = replicates >= 2 && n <= 1_000_000 ? MdlLearner.Simulate(p, n, exposures, replicates, seed, cancellationToken: cancellationToken) : null;
                    Rational stored = MdlLearner.StoredExact(p, n, exposures);
                    double uncovered = MdlLearner.UncoveredExact(p, n, exposures).ToDouble();
                    double law = MdlLearner.CurveConstant(p, exposures) * Math.Pow(stored.ToDouble(), -ModelScaling.Exponent(p).ToDouble());
                    result.Add(new ModelLawRow(n, uncovered, null, law, stored.ToDouble(), sample?.Uncovered, sample?.Stored));
                    progress.Report((i + 1.0) / points.Length);
                }

                break;
            case CapacityLearner.TopCounts:
                CapacitySample? streaming = replicates >= 2 ? StreamingLearner.Simulate(p, draws, points, replicates, seed, progress: progress, cancellationToken: cancellationToken) : null;
                for (int i = 0; i < points.Length; i++)
                {
                    int c = points[i];
                    Rational? exact = draws <= StreamingLearner.ExactDrawLimit ? StreamingLearner.UncoveredExact(p, draws, c) : null;
                    double limit = TopFrequencyLearner.UncoveredApproximate(p, c);
                    result.Add(new ModelLawRow(c, exact?.ToDouble() ?? double.NaN, exact, limit, double.NaN, streaming?.Uncovered[i], null));
                }

                break;
            default:
                sticks = replicates >= 2 ? TopFrequencyLearner.Simulate(p, points, replicates, seed, maxSticks, progress, cancellationToken) : null;
                for (int i = 0; i < points.Length; i++)
                {
                    int c = points[i];
                    bool first = kind == CapacityLearner.FirstAppearance;
                    Rational? exact = first ? UncoveredMass.Exact(p, c) : null;
                    double uncovered = first ? UncoveredMass.Approximate(p, c) : TopFrequencyLearner.UncoveredApproximate(p, c);
                    double asymptotic = c == 0 ? double.NaN : first ? UncoveredMass.Asymptotic(p, c) : TopFrequencyLearner.UncoveredAsymptotic(p, c);
                    bool regime = asymptotic is >= 0 and <= 1 && Math.Abs((asymptotic / uncovered) - 1) <= Processes.AsymptoticRegime.Tolerance;
                    result.Add(new ModelLawRow(c, uncovered, exact, asymptotic, double.NaN, sticks is null ? null : first ? sticks.FirstAppearance[i] : sticks.TopFrequency[i], null, regime));
                }

                break;
        }

        return new ModelLawData(model, kind, cost, exposures, draws, seed, result, sticks);
    }
}
