using System.Collections.Immutable;
using System.Globalization;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Laws;

/// <summary>One term C · x^(−α) · (ln x)^k of a scaling law.</summary>
/// <param name="Name">The term's name (e.g. "facts", "names", "syntax").</param>
/// <param name="Constant">The constant C, derived from the model's parameters.</param>
/// <param name="Exponent">The exponent α (the term decays as x^(−α)).</param>
/// <param name="ExactExponent">α as an exact rational when the parameters are rational; otherwise <see langword="null"/>.</param>
/// <param name="LogPower">The power k of the logarithmic factor (0 for a pure power law).</param>
/// <param name="Description">What the term is and where its constant comes from.</param>
public sealed record ScalingTerm(string Name, double Constant, double Exponent, Rational? ExactExponent, int LogPower, string Description)
{
    /// <summary>Evaluates C · x^(−α) · (ln x)^k.</summary>
    /// <param name="x">The scale variable (tokens, sentences, capacity). Range: x &gt; 0 (x &gt; 1 when k &gt; 0).</param>
    /// <returns>The term's value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is not positive or is NaN.</exception>
    public double Evaluate(double x)
    {
        Preconditions.Positive(x, nameof(x));
        double value = Constant * Math.Pow(x, -Exponent);
        return LogPower == 0 ? value : value * Math.Pow(Math.Log(x), LogPower);
    }

    /// <summary>Gets the exponent as text: the exact "p/q" when known, otherwise the double.</summary>
    public string ExponentText => ExactExponent?.ToString() ?? Exponent.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// A scaling law L(x) = L∞ + Σ terms, with every exponent and constant derived from the model's parameters,
/// plus notes on where it is valid. Later laws (model, compute-optimal, acquisition) reuse this type.
/// </summary>
/// <param name="Name">The law's name (e.g. "data").</param>
/// <param name="Variable">The scale variable (e.g. "n (sentences)").</param>
/// <param name="Irreducible">L∞, the loss the law tends to (the entropy rate; 0 when the law describes an excess loss).</param>
/// <param name="Terms">The terms.</param>
/// <param name="Notes">Validity notes: assumptions, ranges and the order of the neglected corrections.</param>
public sealed record ScalingLaw(string Name, string Variable, double Irreducible, ImmutableArray<ScalingTerm> Terms, ImmutableArray<string> Notes)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(ScalingLaw? other) =>
        other is not null
            && Equals(Name, other.Name)
            && Equals(Variable, other.Variable)
            && Equals(Irreducible, other.Irreducible)
            && Sequence.Equal(Terms, other.Terms)
            && Sequence.Equal(Notes, other.Notes);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name);
        hash.Add(Variable);
        hash.Add(Irreducible);
        hash.Add(Sequence.Hash(Terms));
        hash.Add(Sequence.Hash(Notes));
        return hash.ToHashCode();
    }

    /// <summary>Evaluates L∞ + Σ terms at x.</summary>
    /// <param name="x">The scale variable. Range: x &gt; 1.</param>
    /// <returns>The law's value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is not positive or is NaN.</exception>
    public double Evaluate(double x) => Irreducible + Terms.Sum(t => t.Evaluate(x));

    /// <summary>Gets the leading term: the one that decays slowest (smallest exponent, then largest log power).</summary>
    public ScalingTerm Leading => Terms.OrderBy(t => t.Exponent).ThenByDescending(t => t.LogPower).First();

    /// <summary>Returns the local log–log slope d ln(L − L∞)/d ln x at x, by a symmetric difference of ±1%.</summary>
    /// <param name="x">The scale variable. Range: x &gt; 1.</param>
    /// <returns>The slope; it tends to −(leading exponent) as x grows.</returns>
    public double Slope(double x)
    {
        double up = Evaluate(x * 1.01) - Irreducible, down = Evaluate(x / 1.01) - Irreducible;
        return (Math.Log(up) - Math.Log(down)) / (2 * Math.Log(1.01));
    }
}
