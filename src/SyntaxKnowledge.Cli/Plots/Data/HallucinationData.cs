using System.Collections.Immutable;
using SyntaxKnowledge.Laws;
using SyntaxKnowledge.Model;

namespace SyntaxKnowledge.Cli.Plots.Data;

/// <summary>Hallucination after n training sentences (unlimited capacity).</summary>
/// <param name="Draws">The training sentences n.</param>
/// <param name="Rates">The exact rates.</param>
/// <param name="Asymptotic">The asymptotic uncovered query mass.</param>
/// <param name="Sample">The simulated rates, or null.</param>
internal sealed record HallucinationDataRow(int Draws, HallucinationRates Rates, double Asymptotic, HallucinationSample? Sample);

/// <summary>Hallucination rates by data n and by capacity C: the tables `skm laws hallucination` prints and `skm plot hallucination` draws.</summary>
/// <param name="Learner">The capacity learner of the capacity rows.</param>
/// <param name="Factors">Per attribute, the probability that a guess from the value base is wrong.</param>
/// <param name="Data">The rows by n.</param>
/// <param name="Capacities">The capacities C of the capacity rows.</param>
/// <param name="CapacityRates">The rates at each capacity with unlimited data.</param>
/// <param name="Abstain">The abstention probability of the trade-off.</param>
/// <param name="Seed">The seed.</param>
internal sealed record HallucinationData(CapacityLearner Learner, ImmutableArray<HallucinationFactor> Factors, IReadOnlyList<HallucinationDataRow> Data, int[] Capacities, HallucinationRates[] CapacityRates, double Abstain, ulong Seed)
{
    /// <summary>The largest n that is simulated.</summary>
    public const int SimulationLimit = 2_000;

    /// <summary>Computes the exact rates by n and by C, and simulates <paramref name="replicates"/> worlds per n when &gt;= 2.</summary>
    public static HallucinationData Compute(SyntaxKnowledgeModel model, CapacityLearner learner, int[] draws, int[] capacities, double abstain, int replicates, ulong seed, IProgress<double> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draws);
        ArgumentNullException.ThrowIfNull(capacities);
        var rows = new List<HallucinationDataRow>();
        for (int i = 0; i < draws.Length; i++)
        {
            int n = draws[i];
            HallucinationRates rates = Hallucination.Rates(model, n);
            HallucinationSample? sample = replicates >= 2 && n <= SimulationLimit ? Hallucination.Simulate(model, n, replicates, seed, cancellationToken: cancellationToken) : null;
            rows.Add(new HallucinationDataRow(n, rates, Hallucination.UncoveredQueryMassAsymptotic(model, n), sample));
            progress.Report((i + 1.0) / draws.Length);
        }

        HallucinationRates[] capacityRates = [.. capacities.Select(c => Hallucination.RatesAtCapacity(model, learner, c))];
        return new HallucinationData(learner, Hallucination.Factors(model), rows, capacities, capacityRates, abstain, seed);
    }
}
