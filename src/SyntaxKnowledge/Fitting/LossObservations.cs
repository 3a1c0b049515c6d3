using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace SyntaxKnowledge.Fitting;

/// <summary>
/// Measured losses: for every training run, the number of training tokens D, the number of model parameters N
/// (or the knowledge capacity C), and the final loss L. Either axis may be absent for single-axis data.
/// </summary>
/// <remarks>
/// <para>Every value is positive and finite. An absent axis is an empty array (<see cref="HasTokens"/>,
/// <see cref="HasParameters"/>); at least one axis is present and all present arrays have the same length.</para>
/// <para>The loss must be a positive quantity such as cross-entropy in nats or bits per token; fits are done on
/// log L, so its unit only rescales the fitted coefficients.</para>
/// <para>Immutable: the only way to build a value is through <see cref="Create"/>, <see cref="DataOnly"/> or
/// <see cref="ModelOnly"/>, which validate. Equality compares the values element by element.</para>
/// </remarks>
public sealed record LossObservations
{
    private LossObservations(ImmutableArray<double> tokens, ImmutableArray<double> parameters, ImmutableArray<double> losses)
    {
        Tokens = tokens;
        Parameters = parameters;
        Losses = losses;
    }

    /// <summary>Gets the number of training tokens D of every run; empty when the data have no token axis.</summary>
    public ImmutableArray<double> Tokens { get; }

    /// <summary>Gets the number of model parameters N (or capacity C) of every run; empty when the data have no model axis.</summary>
    public ImmutableArray<double> Parameters { get; }

    /// <summary>Gets the measured loss L of every run.</summary>
    public ImmutableArray<double> Losses { get; }

    /// <summary>Gets the number of measured points. Range: ≥ 1.</summary>
    public int Count => Losses.Length;

    /// <summary>Gets a value indicating whether every point has a token count D.</summary>
    public bool HasTokens => !Tokens.IsEmpty;

    /// <summary>Gets a value indicating whether every point has a parameter count N.</summary>
    public bool HasParameters => !Parameters.IsEmpty;

    /// <summary>Creates validated observations.</summary>
    /// <param name="tokens">The training tokens D of every run, or an empty span when unknown. Range: 0 &lt; D &lt; ∞.</param>
    /// <param name="parameters">The model parameters N (or capacity C) of every run, or an empty span when unknown. Range: 0 &lt; N &lt; ∞.</param>
    /// <param name="losses">The loss L of every run. Range: at least one value, each 0 &lt; L &lt; ∞.</param>
    /// <returns>The observations.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="losses"/> is empty, or a value is not positive and finite (NaN included);
    /// the message names the array, the index, the value and the valid range.</exception>
    /// <exception cref="ArgumentException">Both <paramref name="tokens"/> and <paramref name="parameters"/> are empty, or a present
    /// array's length differs from the length of <paramref name="losses"/>.</exception>
    public static LossObservations Create(ReadOnlySpan<double> tokens, ReadOnlySpan<double> parameters, ReadOnlySpan<double> losses)
    {
        if (losses.IsEmpty)
        {
            throw new ArgumentOutOfRangeException(nameof(losses), 0, "losses has 0 values; valid range: at least 1 measured point.");
        }

        if (tokens.IsEmpty && parameters.IsEmpty)
        {
            throw new ArgumentException("Both tokens and parameters are empty; valid: at least one axis (tokens D or parameters N) for every point.", nameof(tokens));
        }

        CheckLength(tokens, losses.Length, nameof(tokens));
        CheckLength(parameters, losses.Length, nameof(parameters));
        CheckPositive(tokens, nameof(tokens));
        CheckPositive(parameters, nameof(parameters));
        CheckPositive(losses, nameof(losses));
        return new LossObservations(ImmutableArray.Create(tokens), ImmutableArray.Create(parameters), ImmutableArray.Create(losses));
    }

    /// <summary>Creates validated observations with a token axis only (losses measured at one model size).</summary>
    /// <param name="tokens">The training tokens D of every run. Range: 0 &lt; D &lt; ∞.</param>
    /// <param name="losses">The loss L of every run. Range: as many values as <paramref name="tokens"/>, each 0 &lt; L &lt; ∞.</param>
    /// <returns>The observations.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="losses"/> is empty, or a value is not positive and finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="tokens"/> is empty or its length differs from that of <paramref name="losses"/>.</exception>
    public static LossObservations DataOnly(ReadOnlySpan<double> tokens, ReadOnlySpan<double> losses) =>
        Create(tokens, [], losses);

    /// <summary>Creates validated observations with a model axis only (losses measured at one data size).</summary>
    /// <param name="parameters">The model parameters N (or capacity C) of every run. Range: 0 &lt; N &lt; ∞.</param>
    /// <param name="losses">The loss L of every run. Range: as many values as <paramref name="parameters"/>, each 0 &lt; L &lt; ∞.</param>
    /// <returns>The observations.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="losses"/> is empty, or a value is not positive and finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty or its length differs from that of <paramref name="losses"/>.</exception>
    public static LossObservations ModelOnly(ReadOnlySpan<double> parameters, ReadOnlySpan<double> losses) =>
        Create([], parameters, losses);

    /// <summary>Returns the number of distinct values on an axis (0 when the axis is absent).</summary>
    /// <param name="values">The axis values.</param>
    /// <returns>The number of distinct values.</returns>
    internal static int Distinct(ImmutableArray<double> values) => values.IsEmpty ? 0 : values.Distinct().Count();

    /// <inheritdoc/>
    public bool Equals(LossObservations? other) =>
        other is not null
        && Tokens.AsSpan().SequenceEqual(other.Tokens.AsSpan())
        && Parameters.AsSpan().SequenceEqual(other.Parameters.AsSpan())
        && Losses.AsSpan().SequenceEqual(other.Losses.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (ImmutableArray<double> column in new[] { Tokens, Parameters, Losses })
        {
            hash.Add(column.Length);
            foreach (double value in column)
            {
                hash.Add(value);
            }
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"LossObservations(count = {Count}");
        text.Append(HasTokens ? ", tokens" : string.Empty);
        text.Append(HasParameters ? ", parameters" : string.Empty);
        text.Append(')');
        return text.ToString();
    }

    private static void CheckLength(ReadOnlySpan<double> values, int expected, string name)
    {
        if (!values.IsEmpty && values.Length != expected)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{name} has {values.Length} values but losses has {expected}; valid: the same length as losses, or empty."),
                name);
        }
    }

    private static void CheckPositive(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double value = values[i];
            if (!(value > 0) || double.IsPositiveInfinity(value))
            {
                throw new ArgumentOutOfRangeException(
                    name,
                    value,
                    string.Create(CultureInfo.InvariantCulture, $"{name}[{i}] = {value.ToString("R", CultureInfo.InvariantCulture)} is out of range; valid range: 0 < {name}[i] < infinity."));
            }
        }
    }
}
