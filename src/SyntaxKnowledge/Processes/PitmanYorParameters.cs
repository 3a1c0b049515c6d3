using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Processes;

/// <summary>
/// The parameters of a Pitman–Yor process PY(d, θ): discount d and concentration θ, exact rationals.
/// </summary>
/// <remarks>
/// <para>Valid range: 0 ≤ d &lt; 1 and θ &gt; −d. The Dirichlet process (Ewens / Chinese restaurant
/// process) is the case d = 0 and is first-class everywhere in the library.</para>
/// <para>Immutable: properties are get-only and the only way to build a value is through
/// <see cref="Create(Rational, Rational)"/> or <see cref="TryCreate"/>, which validate.</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2504.09597">Pan, Wang, Liao, Li (2025), Understanding LLM Behaviors via Compression.</seealso>
/// <seealso href="https://doi.org/10.1214/aop/1024404422">Pitman &amp; Yor (1997), The two-parameter Poisson–Dirichlet distribution.</seealso>
public sealed record PitmanYorParameters
{
    private PitmanYorParameters(Rational discount, Rational concentration)
    {
        Discount = discount;
        Concentration = concentration;
    }

    /// <summary>Gets the discount d. Range: 0 ≤ d &lt; 1.</summary>
    public Rational Discount { get; }

    /// <summary>Gets the concentration θ. Range: θ &gt; −d.</summary>
    public Rational Concentration { get; }

    /// <summary>Gets a value indicating whether d = 0 (the Dirichlet process / Ewens case).</summary>
    public bool IsDirichlet => Discount.Sign == 0;

    /// <summary>Gets the discount as a correctly rounded <see cref="double"/>.</summary>
    public double DiscountValue => Discount.ToDouble();

    /// <summary>Gets the concentration as a correctly rounded <see cref="double"/>.</summary>
    public double ConcentrationValue => Concentration.ToDouble();

    /// <summary>Creates validated Pitman–Yor parameters.</summary>
    /// <param name="discount">The discount d. Range: 0 ≤ d &lt; 1.</param>
    /// <param name="concentration">The concentration θ. Range: θ &gt; −d.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The discount is outside [0, 1), or the concentration is not greater than −discount.</exception>
    public static PitmanYorParameters Create(Rational discount, Rational concentration)
    {
        if (discount.Sign < 0 || discount >= Rational.One)
        {
            throw Preconditions.OutOfRange(nameof(discount), discount, "0 <= discount < 1");
        }

        if (concentration <= -discount)
        {
            throw Preconditions.OutOfRange(
                nameof(concentration),
                concentration,
                string.Create(CultureInfo.InvariantCulture, $"concentration > -discount = {-discount}"));
        }

        return new PitmanYorParameters(discount, concentration);
    }

    /// <summary>Tries to create validated Pitman–Yor parameters.</summary>
    /// <param name="discount">The discount d.</param>
    /// <param name="concentration">The concentration θ.</param>
    /// <param name="parameters">The parameters when valid; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when 0 ≤ d &lt; 1 and θ &gt; −d.</returns>
    public static bool TryCreate(Rational discount, Rational concentration, [NotNullWhen(true)] out PitmanYorParameters? parameters)
    {
        if (discount.Sign < 0 || discount >= Rational.One || concentration <= -discount)
        {
            parameters = null;
            return false;
        }

        parameters = new PitmanYorParameters(discount, concentration);
        return true;
    }

    /// <summary>Creates the Dirichlet-process (Chinese restaurant, Ewens) parameters PY(0, θ).</summary>
    /// <param name="concentration">The concentration θ. Range: θ &gt; 0.</param>
    /// <returns>The parameters with discount 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concentration"/> is not positive.</exception>
    public static PitmanYorParameters ChineseRestaurant(Rational concentration) => Create(Rational.Zero, concentration);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"PY(discount = {Discount}, concentration = {Concentration})");

    /// <summary>Writes d = a/b and θ = c/b over a common positive denominator b.</summary>
    internal (BigInteger A, BigInteger C, BigInteger B) CommonScale()
    {
        BigInteger b = Discount.Denominator * Concentration.Denominator / BigInteger.GreatestCommonDivisor(Discount.Denominator, Concentration.Denominator);
        return (Discount.Numerator * (b / Discount.Denominator), Concentration.Numerator * (b / Concentration.Denominator), b);
    }
}
