using System.Collections.Immutable;
using System.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Processes;

/// <summary>
/// The exact law of the number of distinct elements, P(Kₙ = k) for k = 1…n, under PY(d, θ).
/// </summary>
/// <remarks>
/// <para>docs/03-formulas/pitman-yor.md#expected-number-of-distinct-elements-heaps-law: P(Kₙ = k) = Π_{i=1}^{k−1}(θ + i d) / (θ+1)_{n−1} · S_d(n, k), with the
/// generalised Stirling numbers S(1,1) = 1, S(n+1,k) = S(n,k−1) + (n − k d) S(n,k).</para>
/// <para>Implementation: with d = a/b and θ = c/b the scaled numbers S'(n,k) = b^{n−k} S(n,k) are
/// integers obeying S'(n+1,k) = S'(n,k−1) + (n b − k a) S'(n,k), and
/// P(Kₙ = k) = Π_{i=1}^{k−1}(c + i a) · S'(n,k) / Π_{j=1}^{n−1}(c + j b). One row of the triangle is
/// kept and updated in place: O(n²) integer multiply-adds, O(n) memory, no recomputation.
/// n = 1,000 takes about a second.</para>
/// </remarks>
/// <seealso href="https://doi.org/10.1007/b11601500">Pitman (2006), Combinatorial Stochastic Processes, eq. 3.11.</seealso>
public static class DistinctDistribution
{
    /// <summary>Returns P(Kₙ = k) for k = 1…n exactly.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="draws">The number of draws n. Range: n ≥ 1.</param>
    /// <param name="cancellationToken">Cancels the O(n²) computation.</param>
    /// <returns>An array of n probabilities; element k − 1 is P(Kₙ = k). They sum to exactly one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is less than one, or n² ·
    /// <see cref="ExactLimits.EstimatedBits"/>(n) exceeds <see cref="ExactLimits.MaximumDistributionWork"/> (about n = 1,000 at
    /// θ = 10⁶, n = 1,300 at θ = 1; a few seconds).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ImmutableArray<Rational> Exact(PitmanYorParameters parameters, int draws, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(draws, 1, nameof(draws));
        ExactLimits.CheckWork(parameters, draws, (double)draws * draws, nameof(draws), ExactLimits.MaximumDistributionWork, "the law of K_n exactly");
        (BigInteger a, BigInteger c, BigInteger b) = parameters.CommonScale();

        // row[k] = S'(n, k) for k = 1..n (index 0 unused, always zero).
        var row = new BigInteger[draws + 1];
        row[1] = BigInteger.One;
        for (int n = 1; n < draws; n++)
        {
            if ((n & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            BigInteger nb = n * b;
            for (int k = n + 1; k >= 1; k--)
            {
                row[k] = row[k - 1] + ((nb - (k * a)) * row[k]);
            }
        }

        BigInteger denominator = IntegerProducts.Arithmetic(c + b, b, draws - 1);
        ImmutableArray<Rational>.Builder result = ImmutableArray.CreateBuilder<Rational>(draws);
        BigInteger prefix = BigInteger.One; // Π_{i=1}^{k-1}(c + i a)
        for (int k = 1; k <= draws; k++)
        {
            result.Add(new Rational(prefix * row[k], denominator));
            prefix *= c + (k * a);
        }

        return result.MoveToImmutable();
    }
}
