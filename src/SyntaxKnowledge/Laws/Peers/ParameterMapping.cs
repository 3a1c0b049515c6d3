using SyntaxKnowledge.Fitting;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Laws.Peers;

/// <summary>
/// Exact maps between the Pitman–Yor discount d and the parameters and exponents of the peer theories.
/// </summary>
/// <remarks>
/// <para>The ranked weights of PY(d, θ) decay as k^(−1/d) (Zipf exponent 1/d, docs/03-formulas/pitman-yor.md#uncovered-mass-tc-stick-breaking). Hutter (2021) and
/// Michaud et al. (2023) write feature/quantum frequencies as i^(−(1+α)), so 1 + α = 1/d, i.e. α = (1 − d)/d.
/// Dębowski's Santa Fe process with K ~ Zipf(1/β) has Hilberg exponent β, so β = d. Under these maps:</para>
/// <para>• Hutter's data exponent α/(1 + α) = 1 − d, the Syntax-Knowledge data exponent (docs/03-formulas/data-scaling.md#data-scaling-law-and-redundancy);</para>
/// <para>• Michaud's parameter exponent α = (1 − d)/d, the Syntax-Knowledge model exponent (§7), and his data
/// exponent α/(α + 1) = 1 − d;</para>
/// <para>• the compute-optimal shares β/(α + β) and α/(α + β) of either law are d/(1 + d) and 1/(1 + d) (§7);</para>
/// <para>• Heaps' and Hilberg's exponent of the Santa Fe process is β = d, the growth exponent of E[Kₙ] and of the
/// redundancy (§1.3, §6).</para>
/// <para>Every function is exact on rationals; the identities are checked with == in tests and in the catalog
/// entry peers.mapping.</para>
/// </remarks>
public static class ParameterMapping
{
    /// <summary>Returns the Zipf exponent 1/d of the ranked PY(d, θ) weights.</summary>
    /// <param name="discount">The discount d. Range: 0 &lt; d &lt; 1.</param>
    /// <returns>1/d.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discount"/> is outside (0, 1).</exception>
    public static Rational ZipfExponent(Rational discount)
    {
        CheckDiscount(discount);
        return discount.Reciprocal();
    }

    /// <summary>Returns Hutter's (and Michaud's) α with 1 + α = 1/d.</summary>
    /// <param name="discount">The discount d. Range: 0 &lt; d &lt; 1.</param>
    /// <returns>α = (1 − d)/d.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discount"/> is outside (0, 1).</exception>
    public static Rational ZipfAlpha(Rational discount)
    {
        CheckDiscount(discount);
        return (Rational.One - discount) / discount;
    }

    /// <summary>Returns the discount whose ranked weights have the Zipf law i^(−(1+α)).</summary>
    /// <param name="alpha">α. Range: α &gt; 0.</param>
    /// <returns>d = 1/(1 + α).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not positive.</exception>
    public static Rational DiscountFromAlpha(Rational alpha)
    {
        Preconditions.Positive(alpha, nameof(alpha));
        return (Rational.One + alpha).Reciprocal();
    }

    /// <summary>Returns the Santa Fe Hilberg exponent β matched to d (K ~ Zipf(1/β) with 1/β = 1/d).</summary>
    /// <param name="discount">The discount d. Range: 0 &lt; d &lt; 1.</param>
    /// <returns>β = d.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discount"/> is outside (0, 1).</exception>
    public static Rational HilbergExponent(Rational discount)
    {
        CheckDiscount(discount);
        return discount;
    }

    /// <summary>Returns the Syntax-Knowledge data exponent 1 − d (docs/03-formulas/data-scaling.md#data-scaling-law-and-redundancy).</summary>
    /// <param name="discount">The discount d. Range: 0 ≤ d &lt; 1.</param>
    /// <returns>1 − d.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discount"/> is outside [0, 1).</exception>
    public static Rational SyntaxKnowledgeDataExponent(Rational discount)
    {
        if (discount.Sign < 0 || discount >= Rational.One)
        {
            throw Preconditions.OutOfRange(nameof(discount), discount, "0 <= discount < 1");
        }

        return Rational.One - discount;
    }

    /// <summary>Returns the Syntax-Knowledge model exponent (1 − d)/d (docs/03-formulas/capacity-and-model-scaling.md#the-model-scaling-law).</summary>
    /// <param name="discount">The discount d. Range: 0 &lt; d &lt; 1.</param>
    /// <returns>(1 − d)/d.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discount"/> is outside (0, 1).</exception>
    public static Rational SyntaxKnowledgeModelExponent(Rational discount) => ZipfAlpha(discount);

    /// <summary>Returns the Syntax-Knowledge compute-optimal shares: capacity C ∝ F^(d/(1+d)), data n ∝ F^(1/(1+d)).</summary>
    /// <param name="discount">The discount d. Range: 0 &lt; d &lt; 1.</param>
    /// <returns>(d/(1 + d), 1/(1 + d)).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discount"/> is outside (0, 1).</exception>
    public static (Rational ModelShare, Rational DataShare) SyntaxKnowledgeComputeShares(Rational discount)
    {
        CheckDiscount(discount);
        return (discount / (Rational.One + discount), (Rational.One + discount).Reciprocal());
    }

    /// <summary>Returns Hutter's data exponent α/(1 + α) of the memorisation error.</summary>
    /// <param name="alpha">α. Range: α &gt; 0.</param>
    /// <returns>α/(1 + α).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not positive.</exception>
    public static Rational HutterDataExponent(Rational alpha)
    {
        Preconditions.Positive(alpha, nameof(alpha));
        return alpha / (Rational.One + alpha);
    }

    /// <summary>Returns Michaud et al.'s parameter exponent α.</summary>
    /// <param name="alpha">α. Range: α &gt; 0.</param>
    /// <returns>α.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not positive.</exception>
    public static Rational QuantizationModelExponent(Rational alpha)
    {
        Preconditions.Positive(alpha, nameof(alpha));
        return alpha;
    }

    /// <summary>Returns Michaud et al.'s data exponent α/(α + 1).</summary>
    /// <param name="alpha">α. Range: α &gt; 0.</param>
    /// <returns>α/(α + 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not positive.</exception>
    public static Rational QuantizationDataExponent(Rational alpha) => HutterDataExponent(alpha);

    /// <summary>Returns the compute-optimal shares of the quantization law L = A N^(−α) + B D^(−α/(α+1)).</summary>
    /// <param name="alpha">α. Range: α &gt; 0.</param>
    /// <returns>(1/(2 + α), (1 + α)/(2 + α)).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not positive.</exception>
    public static (Rational ModelShare, Rational DataShare) QuantizationComputeShares(Rational alpha)
    {
        Rational beta = QuantizationDataExponent(alpha);
        return (beta / (alpha + beta), alpha / (alpha + beta));
    }

    /// <summary>Returns the data exponent 1 − β of the Santa Fe process's excess loss per token.</summary>
    /// <param name="hilbergExponent">β. Range: 0 &lt; β &lt; 1.</param>
    /// <returns>1 − β.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hilbergExponent"/> is outside (0, 1).</exception>
    public static Rational SantaFeDataExponent(Rational hilbergExponent)
    {
        if (hilbergExponent.Sign <= 0 || hilbergExponent >= Rational.One)
        {
            throw Preconditions.OutOfRange(nameof(hilbergExponent), hilbergExponent, "0 < hilbergExponent < 1");
        }

        return Rational.One - hilbergExponent;
    }

    /// <summary>Returns the discount a data exponent implies under the Syntax-Knowledge theory: d = 1 − β.</summary>
    /// <param name="dataExponent">β. Range: 0 &lt; β ≤ 1.</param>
    /// <returns>1 − β.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dataExponent"/> is outside (0, 1].</exception>
    public static Rational DiscountFromDataExponent(Rational dataExponent)
    {
        if (dataExponent.Sign <= 0 || dataExponent > Rational.One)
        {
            throw Preconditions.OutOfRange(nameof(dataExponent), dataExponent, "0 < dataExponent <= 1");
        }

        return Rational.One - dataExponent;
    }

    /// <summary>Returns the discount a model exponent implies under the Syntax-Knowledge theory: d = 1/(1 + α).</summary>
    /// <param name="modelExponent">α. Range: α &gt; 0.</param>
    /// <returns>1/(1 + α).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="modelExponent"/> is not positive.</exception>
    public static Rational DiscountFromModelExponent(Rational modelExponent) => DiscountFromAlpha(modelExponent);

    /// <summary>Returns the discounts implied by a fitted law's exponents: from data 1 − β and from model 1/(1 + α).</summary>
    /// <param name="law">The fitted law.</param>
    /// <returns>The implied discounts; <see langword="null"/> where the law has no such term or the exponent is outside the theory's range.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="law"/> is <see langword="null"/>.</exception>
    /// <remarks>Under the Syntax-Knowledge theory both equal d; their difference tests the theory (see <see cref="Fitting.DiscountConsistency"/>).</remarks>
    public static (double? FromData, double? FromModel) ImpliedDiscounts(LossLaw law)
    {
        ArgumentNullException.ThrowIfNull(law);
        double? fromData = law.HasDataTerm && law.DataExponent is > 0 and < 1 ? 1 - law.DataExponent : null;
        double? fromModel = law.HasModelTerm && law.ModelExponent > 0 ? 1 / (1 + law.ModelExponent) : null;
        return (fromData, fromModel);
    }

    private static void CheckDiscount(Rational discount)
    {
        if (discount.Sign <= 0 || discount >= Rational.One)
        {
            throw Preconditions.OutOfRange(nameof(discount), discount, "0 < discount < 1");
        }
    }
}
