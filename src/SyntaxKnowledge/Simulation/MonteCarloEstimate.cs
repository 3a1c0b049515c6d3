using System.Globalization;
using SyntaxKnowledge.Internal;

namespace SyntaxKnowledge.Simulation;

/// <summary>
/// A Monte Carlo estimate: the sample mean of independent replicates with its standard error.
/// </summary>
/// <param name="Mean">The sample mean.</param>
/// <param name="StandardError">The standard error of the mean, s/√R (zero when R = 1).</param>
/// <param name="Replicates">The number of replicates R.</param>
/// <param name="StandardDeviation">The sample standard deviation s (divisor R − 1).</param>
public sealed record MonteCarloEstimate(double Mean, double StandardError, int Replicates, double StandardDeviation)
{
    /// <summary>Returns how many standard errors the estimate lies from <paramref name="value"/>.</summary>
    /// <param name="value">The reference value (e.g. an exact expectation).</param>
    /// <returns>(mean − value)/standard error; ±∞ (or 0 when equal) if the standard error is zero.</returns>
    public double ZScore(double value)
    {
        double difference = Mean - value;
        if (StandardError == 0)
        {
            return difference == 0 ? 0 : double.CopySign(double.PositiveInfinity, difference);
        }

        return difference / StandardError;
    }

    /// <summary>Returns whether <paramref name="value"/> lies within <paramref name="standardErrors"/> standard errors of the mean.</summary>
    /// <param name="value">The reference value.</param>
    /// <param name="standardErrors">The tolerance in standard errors (4 is the project's default). Range: &gt; 0.</param>
    /// <returns><see langword="true"/> when |mean − value| ≤ z · standard error + the rounding allowance.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="standardErrors"/> is not positive.</exception>
    /// <remarks>Some Rao–Blackwellised estimators are deterministic (zero standard error, e.g. the unseen mass
    /// when d = 0); for them the allowance is the double rounding of summing R replicate values,
    /// R · 2⁻⁵² · max(1, |value|).</remarks>
    public bool IsConsistentWith(double value, double standardErrors = 4)
    {
        Preconditions.Positive(standardErrors, nameof(standardErrors));
        double rounding = Replicates * Math.ScaleB(1.0, -52) * Math.Max(1, Math.Abs(value));
        return Math.Abs(Mean - value) <= (standardErrors * StandardError) + rounding;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Mean:G6} +/- {StandardError:G3} (R = {Replicates})");
}

/// <summary>Summaries of replicate values: means, standard errors and merges of sufficient statistics.</summary>
public static class MonteCarlo
{
    /// <summary>Summarises replicate values by their mean and standard error (two-pass, numerically stable).</summary>
    /// <param name="values">The replicate values. Range: at least one, all finite.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty, or a value is NaN or infinite.</exception>
    public static MonteCarloEstimate Summarize(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("At least one replicate value is needed; valid range: count >= 1.", nameof(values));
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"values[{i}] = {values[i]} is not finite; every replicate value must be a finite number."), nameof(values));
            }
        }

        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        double mean = sum / values.Length, squares = 0, correction = 0;
        foreach (double v in values)
        {
            double e = v - mean;
            squares += e * e;
            correction += e;
        }

        double variance = values.Length > 1 ? (squares - (correction * correction / values.Length)) / (values.Length - 1) : 0;
        double sd = Math.Sqrt(Math.Max(variance, 0));
        return new MonteCarloEstimate(mean, sd / Math.Sqrt(values.Length), values.Length, sd);
    }

    /// <summary>Summarises replicate values by their mean and standard error.</summary>
    /// <param name="values">The replicate values. Range: at least one, all finite.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty, or a value is NaN or infinite.</exception>
    public static MonteCarloEstimate Summarize(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Summarize(values.ToArray().AsSpan());
    }

    /// <summary>
    /// Summarises integer replicate values from their exact sufficient statistics: the mean Σx/R, and the standard
    /// error √(V/R) with V = (R·Σx² − (Σx)²)/(R(R − 1)), each computed exactly and rounded once.
    /// </summary>
    /// <param name="moments">The exact moments. Range: 1 ≤ R ≤ <see cref="int.MaxValue"/>.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="moments"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">R is 0 or exceeds <see cref="int.MaxValue"/>.</exception>
    /// <remarks>The result depends only on (R, Σx, Σx²), so shards merged with <see cref="IntegerMoments.Merge"/>
    /// give bit-for-bit the estimate of the unsharded run. It may differ in the last place from the two-pass
    /// <see cref="Summarize(IEnumerable{int})"/>, which rounds at every addition.</remarks>
    public static MonteCarloEstimate Summarize(IntegerMoments moments)
    {
        ArgumentNullException.ThrowIfNull(moments);
        if (moments.Count is < 1 or > int.MaxValue)
        {
            throw Preconditions.OutOfRange(nameof(moments), moments.Count, string.Create(CultureInfo.InvariantCulture, $"1 <= count <= {int.MaxValue}"));
        }

        int count = (int)moments.Count;
        Numbers.Rational variance = moments.Variance();
        double sd = Math.Sqrt(variance.ToDouble());
        double standardError = Math.Sqrt((variance / count).ToDouble());
        return new MonteCarloEstimate(moments.Mean().ToDouble(), standardError, count, sd);
    }

    /// <summary>Summarises integer replicate values by their mean and standard error.</summary>
    /// <param name="values">The replicate values. Range: at least one.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static MonteCarloEstimate Summarize(IEnumerable<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Summarize(values.Select(v => (double)v).ToArray().AsSpan());
    }
}
