using System.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Processes;

/// <summary>
/// The exchangeable partition probability function (EPPF) of PY(d, θ): the probability of one
/// particular sequence of draws whose distinct elements have counts n₁…n_K,
/// p(n₁…n_K) = Π_{i=1}^{K−1}(θ + i d) / (θ+1)_{n−1} · Π_k (1 − d)_{n_k − 1}.
/// </summary>
/// <remarks>docs/03-formulas/pitman-yor.md#exchangeable-partition-probability-function-eppf. Equals the product of the seating probabilities along any sequence with
/// those counts, and is invariant under permuting the sequence (exchangeability).</remarks>
/// <seealso href="https://doi.org/10.1007/b11601500">Pitman (2006), Combinatorial Stochastic Processes, eq. 3.6.</seealso>
public static class Eppf
{
    /// <summary>Returns the EPPF p(n₁…n_K) exactly.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="counts">The block sizes n₁…n_K. Range: K ≥ 1, every n_k ≥ 1.</param>
    /// <returns>The probability of one sequence with these counts.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="counts"/> is empty or holds a count below one.</exception>
    /// <remarks>Cost: O(n) integer multiplications by product trees.</remarks>
    public static Rational Exact(PitmanYorParameters parameters, IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0)
        {
            throw Preconditions.OutOfRange(nameof(counts), "[]", "at least one block");
        }

        int n = 0;
        foreach (int c in counts)
        {
            Preconditions.AtLeast(c, 1, nameof(counts));
            n = checked(n + c);
        }

        (BigInteger a, BigInteger c0, BigInteger b) = parameters.CommonScale();
        int k = counts.Count;

        // Numerator: Π_{i=1}^{K-1}(c + i a) · Π_k Π_{j=0}^{n_k-2}(b - a + j b); denominator: Π_{j=1}^{n-1}(c + j b).
        // Powers of b: b^{-(K-1)} · b^{n-1} · b^{-(n-K)} = 1, so they cancel.
        var factors = new List<BigInteger>(k + 1) { IntegerProducts.Arithmetic(c0 + a, a, k - 1) };
        foreach (int size in counts)
        {
            factors.Add(IntegerProducts.Arithmetic(b - a, b, size - 1));
        }

        return new Rational(IntegerProducts.Of(factors), IntegerProducts.Arithmetic(c0 + b, b, n - 1));
    }

    /// <summary>Returns the probability of a labelled sequence as the product of its seating probabilities.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="sequence">Element labels in draw order; labels are arbitrary integers, equal labels are the same element.</param>
    /// <returns>Π_i P(draw i | draws before i) under the seating rule; one for an empty sequence.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <remarks>Independent of <see cref="Exact"/>: used to check the EPPF identity and exchangeability.</remarks>
    public static Rational SequenceProbability(PitmanYorParameters parameters, IReadOnlyList<int> sequence)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(sequence);
        var counts = new Dictionary<int, int>();
        Rational probability = Rational.One;
        for (int i = 0; i < sequence.Count; i++)
        {
            if (counts.TryGetValue(sequence[i], out int c))
            {
                probability *= Seating.ExistingProbability(parameters, c, i);
                counts[sequence[i]] = c + 1;
            }
            else
            {
                probability *= Seating.NewProbability(parameters, counts.Count, i);
                counts[sequence[i]] = 1;
            }
        }

        return probability;
    }

    /// <summary>Returns ln p(n₁…n_K), from the exact value.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="counts">The block sizes. Range: as for <see cref="Exact"/>.</param>
    /// <returns>The natural log of the EPPF (negative infinity never occurs: the EPPF is positive).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="counts"/> is empty or holds a count below one.</exception>
    public static double Log(PitmanYorParameters parameters, IReadOnlyList<int> counts) => Rational.Log(Exact(parameters, counts));
}
