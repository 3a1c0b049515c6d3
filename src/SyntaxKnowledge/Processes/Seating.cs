using System.Collections.Immutable;
using System.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Processes;

/// <summary>
/// The Pitman–Yor seating rule (predictive distribution), exactly: after n draws with K distinct
/// elements of counts n₁…n_K, P(existing k) = (n_k − d)/(θ + n) and P(new) = (θ + dK)/(θ + n).
/// </summary>
/// <remarks>docs/03-formulas/pitman-yor.md#seating-rule. With n = 0 the first draw is new with probability one. The probabilities
/// sum to exactly one. All members are pure and thread-safe.</remarks>
/// <seealso href="https://doi.org/10.1214/aop/1024404422">Pitman &amp; Yor (1997).</seealso>
public static class Seating
{
    /// <summary>Returns P(draw n+1 joins an existing element of count n_k) = (n_k − d)/(θ + n).</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="count">The element's count n_k. Range: 1 ≤ n_k ≤ n.</param>
    /// <param name="draws">The number of earlier draws n. Range: n ≥ 1.</param>
    /// <returns>The exact probability.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    public static Rational ExistingProbability(PitmanYorParameters parameters, int count, int draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(draws, 1, nameof(draws));
        Preconditions.InRange(count, 1, draws, nameof(count));
        return ExistingTableProbability(parameters.Discount, parameters.Concentration, (Rational)draws, (Rational)count);
    }

    /// <summary>Returns P(draw n+1 is a new element) = (θ + dK)/(θ + n), and 1 when n = 0.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="distinct">The number of distinct elements K seen so far. Range: 1 ≤ K ≤ n (K = 0 when n = 0).</param>
    /// <param name="draws">The number of earlier draws n. Range: n ≥ 0.</param>
    /// <returns>The exact probability.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    public static Rational NewProbability(PitmanYorParameters parameters, int distinct, int draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Preconditions.AtLeast(draws, 0, nameof(draws));
        if (draws == 0)
        {
            Preconditions.InRange(distinct, 0, 0, nameof(distinct));
            return Rational.One;
        }

        Preconditions.InRange(distinct, 1, draws, nameof(distinct));
        return NewTableProbability(parameters.Discount, parameters.Concentration, (Rational)draws, (Rational)distinct);
    }

    /// <summary>Returns the whole predictive distribution after draws with the given element counts.</summary>
    /// <param name="parameters">The process parameters.</param>
    /// <param name="counts">The counts n₁…n_K of the distinct elements seen so far (each ≥ 1); may be empty.</param>
    /// <returns>K + 1 exact probabilities: one per existing element in the given order, then P(new). They sum to exactly one.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is less than one.</exception>
    public static ImmutableArray<Rational> Predictive(PitmanYorParameters parameters, IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(counts);
        long n = 0;
        foreach (int c in counts)
        {
            Preconditions.AtLeast(c, 1, nameof(counts));
            n += c;
        }

        if (n == 0)
        {
            return [Rational.One];
        }

        ImmutableArray<Rational>.Builder result = ImmutableArray.CreateBuilder<Rational>(counts.Count + 1);
        Rational total = parameters.Concentration + n;
        foreach (int c in counts)
        {
            result.Add((c - parameters.Discount) / total);
        }

        result.Add((parameters.Concentration + (counts.Count * parameters.Discount)) / total);
        return result.MoveToImmutable();
    }

    /// <summary>The new-element probability (θ + K·d)/(θ + n), written once for any number type.</summary>
    /// <typeparam name="T">A number type such as <see cref="double"/> or <see cref="Rational"/>.</typeparam>
    /// <param name="discount">The discount d.</param>
    /// <param name="concentration">The concentration θ.</param>
    /// <param name="draws">The number of earlier draws n (≥ 1).</param>
    /// <param name="distinct">The number of distinct elements K.</param>
    /// <returns>(θ + K·d)/(θ + n).</returns>
    /// <remarks>Unchecked: the caller guarantees the ranges. Safe to call from GPU kernels (operators only).</remarks>
    public static T NewTableProbability<T>(T discount, T concentration, T draws, T distinct)
        where T : INumberBase<T> =>
        (concentration + (distinct * discount)) / (concentration + draws);

    /// <summary>The existing-element probability (n_k − d)/(θ + n), written once for any number type.</summary>
    /// <typeparam name="T">A number type such as <see cref="double"/> or <see cref="Rational"/>.</typeparam>
    /// <param name="discount">The discount d.</param>
    /// <param name="concentration">The concentration θ.</param>
    /// <param name="draws">The number of earlier draws n (≥ 1).</param>
    /// <param name="count">The element's count n_k.</param>
    /// <returns>(n_k − d)/(θ + n).</returns>
    /// <remarks>Unchecked: the caller guarantees the ranges.</remarks>
    public static T ExistingTableProbability<T>(T discount, T concentration, T draws, T count)
        where T : INumberBase<T> =>
        (count - discount) / (concentration + draws);
}
