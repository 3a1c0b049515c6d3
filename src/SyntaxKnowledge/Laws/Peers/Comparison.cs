using System.Collections.Immutable;
using System.Globalization;
using SyntaxKnowledge.Fitting;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Laws.Peers;

/// <summary>One theory's row of a comparison.</summary>
/// <param name="Theory">The theory's identifier.</param>
/// <param name="Title">The theory's title.</param>
/// <param name="Citation">The citation.</param>
/// <param name="DataExponent">The exponent of the excess loss against data.</param>
/// <param name="ModelExponent">The exponent against model size, or <see langword="null"/> when the theory has no model law.</param>
/// <param name="DiscountFromData">The discount the data exponent implies under the Syntax-Knowledge theory, 1 − β (<see langword="null"/> when β ≥ 1).</param>
/// <param name="DiscountFromModel">The discount the model exponent implies, 1/(1 + α), or <see langword="null"/>.</param>
/// <param name="ComputeOptimal">The compute-optimal split, or <see langword="null"/>.</param>
/// <param name="Predictions">Acquisition and hallucination predictions.</param>
/// <param name="Mapping">How the theory's parameters map to PY(d, θ).</param>
public sealed record ComparisonRow(
    string Theory,
    string Title,
    string Citation,
    ExponentValue DataExponent,
    ExponentValue? ModelExponent,
    ExponentValue? DiscountFromData,
    ExponentValue? DiscountFromModel,
    ComputeAllocation? ComputeOptimal,
    TheoryPredictions Predictions,
    string Mapping);

/// <summary>A point of a theory's law, for plots: the law (data or model), the scale and the predicted excess loss.</summary>
/// <param name="Theory">The theory's identifier.</param>
/// <param name="Law">"data" or "model".</param>
/// <param name="Variable">The law's scale variable (each theory counts its own units).</param>
/// <param name="Scale">The scale x.</param>
/// <param name="Value">The law's value at x (excess loss; Chinchilla's includes E).</param>
public sealed record CurvePoint(string Theory, string Law, string Variable, double Scale, double Value);

/// <summary>
/// The side-by-side comparison of the Syntax-Knowledge theory and its peers for one PY(d, θ): every theory's
/// exponents, compute split, predictions and parameter mapping, with the theories themselves for evaluating laws.
/// </summary>
/// <param name="Discount">The discount d the peers were matched to.</param>
/// <param name="Concentration">The concentration θ (used by the Syntax-Knowledge constants only).</param>
/// <param name="Theories">The theories, in row order.</param>
/// <param name="Rows">The rows.</param>
/// <param name="Notes">Notes: omitted theories, fitted-curve provenance, the discount implied by a fit.</param>
public sealed record ComparisonTable(Rational Discount, Rational Concentration, ImmutableArray<IScalingTheory> Theories, ImmutableArray<ComparisonRow> Rows, ImmutableArray<string> Notes)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(ComparisonTable? other) =>
        other is not null
            && Equals(Discount, other.Discount)
            && Equals(Concentration, other.Concentration)
            && Sequence.Equal(Theories, other.Theories)
            && Sequence.Equal(Rows, other.Rows)
            && Sequence.Equal(Notes, other.Notes);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Discount);
        hash.Add(Concentration);
        hash.Add(Sequence.Hash(Theories));
        hash.Add(Sequence.Hash(Rows));
        hash.Add(Sequence.Hash(Notes));
        return hash.ToHashCode();
    }

    /// <summary>Evaluates every theory's data law and model law on a grid, for plots.</summary>
    /// <param name="scales">The scales x. Range: each 1 &lt; x &lt; ∞.</param>
    /// <returns>One point per theory, law and scale (model laws only where they exist).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scales"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A scale is not greater than one or not finite.</exception>
    public ImmutableArray<CurvePoint> Curves(IEnumerable<double> scales)
    {
        ArgumentNullException.ThrowIfNull(scales);
        double[] grid = [.. scales];
        foreach (double x in grid)
        {
            if (!(x > 1) || double.IsPositiveInfinity(x))
            {
                throw Preconditions.OutOfRange(nameof(scales), x, "1 < scale < infinity");
            }
        }

        var points = ImmutableArray.CreateBuilder<CurvePoint>();
        foreach (IScalingTheory theory in Theories)
        {
            ScalingLaw data = theory.DataLaw();
            points.AddRange(grid.Select(x => new CurvePoint(theory.Name, "data", data.Variable, x, data.Evaluate(x))));
            if (theory.ModelLaw() is { } model)
            {
                points.AddRange(grid.Select(x => new CurvePoint(theory.Name, "model", model.Variable, x, model.Evaluate(x))));
            }
        }

        return points.ToImmutable();
    }
}

/// <summary>
/// Builds side-by-side comparisons of the data-generation theories of scaling for the same data: the
/// Syntax-Knowledge model, Hutter (2021), Michaud et al. (2023), Dębowski's Santa Fe process, and Chinchilla with
/// the constants of Hoffmann et al. (2022) and Besiroglu et al. (2024).
/// </summary>
/// <remarks>
/// <para>The peers with a Zipf law are matched to d by 1 + α = 1/d (Hutter, Michaud) and β = d (Santa Fe); then
/// their exponents coincide with the Syntax-Knowledge ones exactly (see <see cref="ParameterMapping"/>), and the
/// theories differ in constants, mechanisms and predictions. Chinchilla's exponents are fitted and independent of d;
/// its rows report the discounts they imply.</para>
/// <para>For d = 0 (Dirichlet process) no Zipf law exists; the Zipf peers are omitted with a note. For d &lt; 1/100
/// or d &gt; 99/100 the Zipf peers are omitted because their normalisers leave the supported range.</para>
/// </remarks>
public static class Comparison
{
    /// <summary>Compares the theories for PY(d, θ) with the biographies preset for the Syntax-Knowledge constants.</summary>
    /// <param name="knowledge">PY(d, θ).</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is <see langword="null"/>.</exception>
    public static ComparisonTable For(PitmanYorParameters knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return For(SyntaxKnowledgeModel.Biographies(knowledge));
    }

    /// <summary>Compares the theories for a Syntax-Knowledge model (its knowledge process sets d and θ).</summary>
    /// <param name="model">The model.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static ComparisonTable For(SyntaxKnowledgeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Rational d = model.Knowledge.Discount;
        var theories = new List<IScalingTheory> { SyntaxKnowledgeTheory.Create(model) };
        var notes = new List<string>();
        if (d >= new Rational(1, 100) && d <= new Rational(99, 100))
        {
            theories.Add(HutterTheory.FromDiscount(d));
            theories.Add(QuantizationTheory.FromDiscount(d));
            theories.Add(SantaFeTheory.FromDiscount(d));
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Zipf peers matched to d = {d}: 1 + alpha = 1/d = {ParameterMapping.ZipfExponent(d)} (Hutter, Michaud), beta = d (Santa Fe)."));
        }
        else
        {
            notes.Add(d.Sign == 0
                ? "d = 0 (Dirichlet process): the ranked weights decay geometrically, not as a power law, so the Zipf peers (Hutter, quantization, Santa Fe) have no counterpart and are omitted."
                : string.Create(CultureInfo.InvariantCulture, $"d = {d} is outside [1/100, 99/100], where the Zipf peers' normalisers are supported; they are omitted."));
        }

        theories.Add(ChinchillaTheory.Create(ChinchillaConstants.Hoffmann2022));
        theories.Add(ChinchillaTheory.Create(ChinchillaConstants.Besiroglu2024));
        notes.Add("Chinchilla rows are fitted constants independent of d; their implied discounts 1 - beta and 1/(1 + alpha) agree only if the law is consistent with one PY process.");
        notes.Add("Each theory counts its own units: sentences (Syntax-Knowledge), samples (Hutter, quantization), tokens (Santa Fe, Chinchilla); compare exponents, not constants.");
        return Build(d, model.Knowledge.Concentration, theories, notes);
    }

    /// <summary>
    /// Compares the theories at the discount implied by a fitted loss law: d = 1 − β from its data exponent (or
    /// 1/(1 + α) from its model exponent when it has no data term), rounded to 6 significant digits; the fit itself is added
    /// as a Chinchilla-form row.
    /// </summary>
    /// <param name="law">The fitted law (any <see cref="ScalingLawForm"/>).</param>
    /// <param name="concentration">θ for the Syntax-Knowledge constants. Range: θ &gt; −d.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="law"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The law's exponents imply no discount in (0, 1).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concentration"/> is not greater than −d.</exception>
    public static ComparisonTable ForFit(LossLaw law, Rational concentration)
    {
        ArgumentNullException.ThrowIfNull(law);
        (double? fromData, double? fromModel) = ParameterMapping.ImpliedDiscounts(law);
        double implied = fromData ?? fromModel ?? throw new ArgumentException("The law's exponents imply no discount in (0, 1): need 0 < beta < 1 or alpha > 0.", nameof(law));
        Rational d = Significant(implied);
        if (d.Sign <= 0 || d >= Rational.One)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The implied discount {implied:G6} rounds outside (0, 1)."), nameof(law));
        }

        ComparisonTable table = For(PitmanYorParameters.Create(d, concentration));
        var theories = table.Theories.ToList();
        var notes = table.Notes.ToList();
        notes.Insert(0, string.Create(CultureInfo.InvariantCulture, $"Discount from the fit: d = {d} ({(fromData is not null ? "1 - data exponent" : "1/(1 + model exponent)")}); d from data = {Format(fromData)}, d from model = {Format(fromModel)}."));
        if (law.HasDataTerm && law.HasModelTerm)
        {
            theories.Add(ChinchillaTheory.Create(ChinchillaConstants.Create(
                "fit", "the fitted law " + law,
                Significant(law.IrreducibleLoss),
                Significant(law.ModelCoefficient),
                Significant(law.ModelExponent),
                Significant(law.DataCoefficient),
                Significant(law.DataExponent))));
        }

        return Build(d, concentration, theories, notes);
    }

    /// <summary>Builds the row of one theory.</summary>
    /// <param name="theory">The theory.</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="theory"/> is <see langword="null"/>.</exception>
    public static ComparisonRow Row(IScalingTheory theory)
    {
        ArgumentNullException.ThrowIfNull(theory);
        ExponentValue data = theory.DataExponent;
        ExponentValue? model = theory.ModelExponent;
        ExponentValue? fromData = data.Exact is { } b
            ? (b > 0 && b <= 1 ? ExponentValue.Of(ParameterMapping.DiscountFromDataExponent(b)) : null)
            : (data.Value is > 0 and <= 1 ? new ExponentValue(1 - data.Value, null) : null);
        ExponentValue? fromModel = model is null ? null
            : model.Exact is { } a ? ExponentValue.Of(ParameterMapping.DiscountFromModelExponent(a)) : new ExponentValue(1 / (1 + model.Value), null);
        return new ComparisonRow(theory.Name, theory.Title, theory.Citation, data, model, fromData, fromModel, theory.ComputeOptimal(), theory.Predictions, theory.Mapping);
    }

    private static ComparisonTable Build(Rational d, Rational theta, List<IScalingTheory> theories, List<string> notes) =>
        new(d, theta, [.. theories], [.. theories.Select(Row)], [.. notes]);

    // The value rounded to 6 significant digits, as an exact decimal (so exponents print as short p/q).
    private static Rational Significant(double value) => Rational.Parse(value.ToString("G6", CultureInfo.InvariantCulture));

    private static string Format(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "none";
}
