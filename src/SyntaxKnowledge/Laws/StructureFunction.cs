using System.Collections.Immutable;
using System.Globalization;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Internal;

namespace SyntaxKnowledge.Laws;

/// <summary>One point (c, h(c)) of a two-part code curve.</summary>
/// <param name="Budget">The model budget c in nats.</param>
/// <param name="CodeLength">h(c) (or an upper bound on it when <paramref name="IsExact"/> is false): the least data code length, in nats, of a model costing at most c that the method found.</param>
/// <param name="LowerBound">A lower bound on h(c) (equal to <paramref name="CodeLength"/> when exact).</param>
/// <param name="IsExact">Whether <paramref name="CodeLength"/> is exactly h(c).</param>
/// <param name="SyntaxStored">Whether the model attaining <paramref name="CodeLength"/> stores the syntax parameters.</param>
/// <param name="EntitiesStored">How many entities that model stores.</param>
/// <param name="MarginalRate">The data nats saved per model nat by the next entity in greedy order (g/w; +∞ for a free entity, NaN when none is left).</param>
public sealed record StructurePoint(double Budget, double CodeLength, double LowerBound, bool IsExact, bool SyntaxStored, int EntitiesStored, double MarginalRate);

/// <summary>The minimum description length optimum min_c [c + h(c)] and the model that attains it.</summary>
/// <param name="ModelCost">c*, the model cost of the optimum.</param>
/// <param name="DataCodeLength">h(c*), the data code length given the optimal model.</param>
/// <param name="Total">c* + h(c*), the two-part code length of the corpus.</param>
/// <param name="SyntaxStored">Whether the optimum stores the syntax parameters (iff that shortens the total).</param>
/// <param name="StoredEntities">Indices k (into the statistics' arrays) of the stored entities: exactly those with g_k &gt; w_k.</param>
/// <param name="MinimumStoredCount">The smallest mention count among stored entities (0 when none is stored).</param>
/// <param name="MaximumUnstoredCount">The largest mention count among unstored entities (0 when all are stored).</param>
/// <param name="CountThresholdLower">w_min/u_max: no entity with count ≤ this is stored (u = g_k/n_k, the per-mention saving).</param>
/// <param name="CountThresholdUpper">w_max/u_min: every entity with count &gt; this is stored. Equal to the lower value when costs and per-mention savings are uniform.</param>
public sealed record MdlOptimum(
    double ModelCost,
    double DataCodeLength,
    double Total,
    bool SyntaxStored,
    ImmutableArray<int> StoredEntities,
    long MinimumStoredCount,
    long MaximumUnstoredCount,
    double CountThresholdLower,
    double CountThresholdUpper)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(MdlOptimum? other) =>
        other is not null
            && Equals(ModelCost, other.ModelCost)
            && Equals(DataCodeLength, other.DataCodeLength)
            && Equals(Total, other.Total)
            && Equals(SyntaxStored, other.SyntaxStored)
            && Sequence.Equal(StoredEntities, other.StoredEntities)
            && Equals(MinimumStoredCount, other.MinimumStoredCount)
            && Equals(MaximumUnstoredCount, other.MaximumUnstoredCount)
            && Equals(CountThresholdLower, other.CountThresholdLower)
            && Equals(CountThresholdUpper, other.CountThresholdUpper);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ModelCost);
        hash.Add(DataCodeLength);
        hash.Add(Total);
        hash.Add(SyntaxStored);
        hash.Add(Sequence.Hash(StoredEntities));
        hash.Add(MinimumStoredCount);
        hash.Add(MaximumUnstoredCount);
        hash.Add(CountThresholdLower);
        hash.Add(CountThresholdUpper);
        return hash.ToHashCode();
    }

    /// <summary>Gets a value indicating whether the stored entities are exactly those above a count threshold (every stored count exceeds every unstored count).</summary>
    public bool IsCountThreshold => StoredEntities.IsEmpty || MaximumUnstoredCount < MinimumStoredCount;
}

/// <summary>The structure function of a corpus: its two-part code curve h(c), the parts of the code, and the MDL optimum.</summary>
/// <param name="Corpus">The corpus statistics.</param>
/// <param name="EqualCosts">Whether every entity has the same storage cost (then every curve point is exact).</param>
/// <param name="SyntaxParameterCost">Nats per free syntax parameter.</param>
/// <param name="SyntaxModelCost">k_syn × <paramref name="SyntaxParameterCost"/>: the model cost of storing the syntax.</param>
/// <param name="IndexCodeLength">n ln n − Σ_k n_k ln n_k: the entity index at its empirical frequency (paid by every model).</param>
/// <param name="SyntaxCodeLengthLearned">n ln n − Σ_{j,t} n_{j,t} ln n_{j,t}: attribute and template at their empirical frequencies (syntax stored).</param>
/// <param name="SyntaxCodeLengthUniform">Σ_j n_j (ln J + ln m_j): attribute and template uniform (syntax not stored).</param>
/// <param name="UnknownCodeLength">Σ_k g_k: names and values of every mention when no entity is stored.</param>
/// <param name="SyntaxOffBranch">The greedy path of models without syntax (exact points, budget ascending).</param>
/// <param name="SyntaxOnBranch">The greedy path of models with syntax.</param>
/// <param name="Curve">h(c) at its breakpoints (budget ascending, code length strictly decreasing): plot-ready.</param>
/// <param name="Optimum">The MDL optimum.</param>
public sealed record StructureFunctionResult(
    CorpusStatistics Corpus,
    bool EqualCosts,
    double SyntaxParameterCost,
    double SyntaxModelCost,
    double IndexCodeLength,
    double SyntaxCodeLengthLearned,
    double SyntaxCodeLengthUniform,
    double UnknownCodeLength,
    ImmutableArray<StructurePoint> SyntaxOffBranch,
    ImmutableArray<StructurePoint> SyntaxOnBranch,
    ImmutableArray<StructurePoint> Curve,
    MdlOptimum Optimum)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(StructureFunctionResult? other) =>
        other is not null
            && Equals(Corpus, other.Corpus)
            && Equals(EqualCosts, other.EqualCosts)
            && Equals(SyntaxParameterCost, other.SyntaxParameterCost)
            && Equals(SyntaxModelCost, other.SyntaxModelCost)
            && Equals(IndexCodeLength, other.IndexCodeLength)
            && Equals(SyntaxCodeLengthLearned, other.SyntaxCodeLengthLearned)
            && Equals(SyntaxCodeLengthUniform, other.SyntaxCodeLengthUniform)
            && Equals(UnknownCodeLength, other.UnknownCodeLength)
            && Sequence.Equal(SyntaxOffBranch, other.SyntaxOffBranch)
            && Sequence.Equal(SyntaxOnBranch, other.SyntaxOnBranch)
            && Sequence.Equal(Curve, other.Curve)
            && Equals(Optimum, other.Optimum);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Corpus);
        hash.Add(EqualCosts);
        hash.Add(SyntaxParameterCost);
        hash.Add(SyntaxModelCost);
        hash.Add(IndexCodeLength);
        hash.Add(SyntaxCodeLengthLearned);
        hash.Add(SyntaxCodeLengthUniform);
        hash.Add(UnknownCodeLength);
        hash.Add(Sequence.Hash(SyntaxOffBranch));
        hash.Add(Sequence.Hash(SyntaxOnBranch));
        hash.Add(Sequence.Hash(Curve));
        hash.Add(Optimum);
        return hash.ToHashCode();
    }

    /// <summary>Returns bounds on h(c) at any budget: exact (lower = upper) for equal costs and at greedy points.</summary>
    /// <param name="budget">The model budget c in nats. Range: c ≥ 0.</param>
    /// <returns>(lower, upper) with lower ≤ h(c) ≤ upper.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budget"/> is negative or NaN.</exception>
    public (double Lower, double Upper) Evaluate(double budget)
    {
        if (!(budget >= 0))
        {
            throw Internal.Preconditions.OutOfRange(nameof(budget), budget, "budget >= 0");
        }

        (double lowOff, double highOff, _) = StructureFunction.EvaluateBranch(SyntaxOffBranch, budget, EqualCosts);
        (double lowOn, double highOn, _) = StructureFunction.EvaluateBranch(SyntaxOnBranch, budget, EqualCosts);
        return (Math.Min(lowOff, lowOn), Math.Min(highOff, highOn));
    }
}

/// <summary>
/// The Kolmogorov structure function of a generated corpus in the two-part code of the Syntax-Knowledge model
/// (docs/03-formulas/structure-function.md#the-structure-function-of-a-corpus): for every model budget c, the least data code length h(c) of a model costing at most c
/// nats, its MDL optimum min_c [c + h(c)], and which entities the optimum stores.
/// </summary>
/// <remarks>
/// <para><b>Models and costs.</b> A model stores the syntax parameters or not (cost k_syn × the cost per
/// parameter, by default ½ ln n, Rissanen's precision cost) and a set S of entities (entity k costs w_k, by
/// default the record cost ln N + Σ_j ln M_j + ½ ln n: its name, one value per attribute and its frequency).</para>
/// <para><b>Data code given the model.</b> Every sentence pays its entity index at the empirical frequency
/// −ln(n_k/n) (the same for every model: <see cref="StructureFunctionResult.IndexCodeLength"/>), its attribute
/// and template at their empirical frequencies when the syntax is stored and uniformly otherwise, and, when its
/// entity is not stored, the unknown cost of its name under G and value under the base (the per-entity sum is
/// g_k, <see cref="CorpusStatistics.EntityGains"/>); a stored entity's name and facts cost nothing more.
/// This is a prefix code (Kraft sum 1) whose length is additive over entities:
/// L(data | σ, S) = L_index + L_syntax(σ) + Σ_{k∉S} g_k — exactly the "per-miss cost × uncovered mass" of §7.</para>
/// <para><b>Exactness.</b> For a fixed syntax choice, h is L − max{Σ_S g_k : Σ_S w_k ≤ c − σ L_syn}, a 0/1
/// knapsack. With equal costs w the best s-set is the s largest gains (exchange argument), so h is exact at
/// every budget and convex at the budgets σ L_syn + s w (its decrements g_(s) decrease). When each mention saves
/// the same amount u (one value base size, or names only), g_k = u n_k and the greedy order is by count.
/// With unequal costs the path that adds entities by decreasing g/w (Dantzig's order) is the LP-relaxation
/// optimum at each of its own budgets and therefore exact there; between them h lies in
/// [LP value, greedy value], an interval narrower than the gain of one entity. Brute force over every subset
/// confirms both (tests).</para>
/// <para><b>MDL optimum.</b> Because the code is additive, min over (σ, S) of cost + data separates:
/// the optimum stores the syntax iff L_syn + L_syntax(learned) &lt; L_syntax(uniform) and exactly the entities
/// with g_k &gt; w_k. With equal costs and per-mention saving u these are the entities with n_k &gt; w/u: a count
/// threshold set by the storage cost. min_c [c + h(c)] equals this total (a model with a shorter data code at
/// no greater cost would contradict optimality).</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2504.09597">Pan, Wang, Liao, Li (2025): LLM training as two-part coding.</seealso>
/// <seealso href="https://doi.org/10.1109/TIT.2004.838346">Vereshchagin &amp; Vitányi (2004), Kolmogorov's structure functions and model selection.</seealso>
public static class StructureFunction
{
    /// <summary>Returns the default cost per free syntax parameter, ½ ln n nats.</summary>
    /// <param name="sentences">The number of sentences n. Range: n ≥ 1.</param>
    /// <returns>½ ln n.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sentences"/> is less than one.</exception>
    public static double DefaultSyntaxParameterCost(long sentences)
    {
        Internal.Preconditions.AtLeast(sentences, 1, nameof(sentences));
        return 0.5 * Math.Log(sentences);
    }

    /// <summary>Returns the default storage cost of an entity: its name, one value per attribute, and its frequency, ln N + Σ_j ln M_j + ½ ln n nats.</summary>
    /// <param name="model">The model.</param>
    /// <param name="sentences">The number of sentences n. Range: n ≥ 1.</param>
    /// <returns>The cost in nats.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sentences"/> is less than one.</exception>
    public static double DefaultEntityCost(SyntaxKnowledgeModel model, long sentences)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Names.Entropy() + model.Attributes.Sum(a => Math.Log(a.Values.Length)) + DefaultSyntaxParameterCost(sentences);
    }

    /// <summary>Computes the structure function with the same storage cost for every entity (exact at every budget).</summary>
    /// <param name="corpus">The corpus statistics.</param>
    /// <param name="entityCost">w, nats per stored entity. Range: finite, ≥ 0.</param>
    /// <param name="syntaxParameterCost">Nats per free syntax parameter, or <see langword="null"/> for ½ ln n. Range: finite, ≥ 0.</param>
    /// <returns>The curve, its parts and the MDL optimum.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="corpus"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A cost is negative, infinite or NaN.</exception>
    public static StructureFunctionResult Compute(CorpusStatistics corpus, double entityCost, double? syntaxParameterCost = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        CheckCost(entityCost, nameof(entityCost));
        return Compute(corpus, [.. Enumerable.Repeat(entityCost, corpus.Entities)], syntaxParameterCost, equal: true);
    }

    /// <summary>Computes the structure function with a storage cost per entity.</summary>
    /// <param name="corpus">The corpus statistics.</param>
    /// <param name="entityCosts">w_k for every entity. Range: finite, ≥ 0, one per entity.</param>
    /// <param name="syntaxParameterCost">Nats per free syntax parameter, or <see langword="null"/> for ½ ln n. Range: finite, ≥ 0.</param>
    /// <returns>The curve (exact at the greedy points, bounded in between), its parts and the exact MDL optimum.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The number of costs differs from the number of entities.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A cost is negative, infinite or NaN.</exception>
    public static StructureFunctionResult Compute(CorpusStatistics corpus, IReadOnlyList<double> entityCosts, double? syntaxParameterCost = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(entityCosts);
        if (entityCosts.Count != corpus.Entities)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"entityCosts has {entityCosts.Count} entries but the corpus has {corpus.Entities} entities."), nameof(entityCosts));
        }

        for (int k = 0; k < entityCosts.Count; k++)
        {
            CheckCost(entityCosts[k], nameof(entityCosts));
        }

        return Compute(corpus, [.. entityCosts], syntaxParameterCost, equal: entityCosts.Distinct().Count() <= 1);
    }

    /// <summary>Evaluates one greedy branch at a budget: (lower, upper, index of the point used).</summary>
    internal static (double Lower, double Upper, int Index) EvaluateBranch(ImmutableArray<StructurePoint> branch, double budget, bool equalCosts)
    {
        if (branch.IsEmpty || budget < branch[0].Budget)
        {
            return (double.PositiveInfinity, double.PositiveInfinity, -1);
        }

        int low = 0, high = branch.Length - 1;
        while (low < high)
        {
            int middle = (low + high + 1) / 2;
            if (branch[middle].Budget <= budget)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        StructurePoint point = branch[low];
        if (equalCosts || low == branch.Length - 1 || budget == point.Budget)
        {
            return (point.CodeLength, point.CodeLength, low);
        }

        // LP relaxation: the next entity (by g/w) fits fractionally.
        double lower = point.CodeLength - ((budget - point.Budget) * point.MarginalRate);
        return (Math.Max(lower, branch[low + 1].CodeLength), point.CodeLength, low);
    }

    private static StructureFunctionResult Compute(CorpusStatistics corpus, double[] costs, double? syntaxParameterCost, bool equal)
    {
        double n = corpus.Sentences;
        double perParameter = syntaxParameterCost ?? DefaultSyntaxParameterCost(corpus.Sentences);
        CheckCost(perParameter, nameof(syntaxParameterCost));
        double syntaxModel = corpus.SyntaxParameters * perParameter;
        double index = XLogX(n) - corpus.EntityCounts.Sum(c => XLogX(c));
        double learned = XLogX(n) - corpus.TemplateCounts.Sum(t => t.Sum(c => XLogX(c)));
        int attributes = corpus.TemplateCounts.Length;
        double uniform = corpus.TemplateCounts.Sum(t => t.Sum() * (Math.Log(attributes) + Math.Log(t.Length)));
        ImmutableArray<double> gains = corpus.EntityGains;
        double unknown = gains.Sum();

        // Greedy order: free entities first, then by decreasing g/w, ties by gain, count, index.
        int[] order = [.. Enumerable.Range(0, corpus.Entities)
            .OrderByDescending(k => costs[k] == 0 ? double.PositiveInfinity : gains[k] / costs[k])
            .ThenByDescending(k => gains[k])
            .ThenByDescending(k => corpus.EntityCounts[k])
            .ThenBy(k => k)];
        ImmutableArray<StructurePoint> off = Branch(order, gains, costs, 0, index + uniform + unknown, syntax: false);
        ImmutableArray<StructurePoint> on = Branch(order, gains, costs, syntaxModel, index + learned + unknown, syntax: true);
        ImmutableArray<StructurePoint> curve = Combine(off, on, equal);

        // MDL: separable, so store the syntax iff it pays and exactly the entities with g_k > w_k.
        bool syntaxStored = syntaxModel + learned < uniform;
        int[] stored = [.. Enumerable.Range(0, corpus.Entities).Where(k => gains[k] > costs[k])];
        var storedSet = stored.ToHashSet();
        double modelCost = (syntaxStored ? syntaxModel : 0) + stored.Sum(k => costs[k]);
        double data = index + (syntaxStored ? learned : uniform) + Enumerable.Range(0, corpus.Entities).Where(k => !storedSet.Contains(k)).Sum(k => gains[k]);
        double[] perMention = [.. Enumerable.Range(0, corpus.Entities).Select(k => gains[k] / corpus.EntityCounts[k])];
        double uMin = perMention.DefaultIfEmpty(0).Min(), uMax = perMention.DefaultIfEmpty(0).Max();
        double wMin = costs.DefaultIfEmpty(0).Min(), wMax = costs.DefaultIfEmpty(0).Max();
        var optimum = new MdlOptimum(
            modelCost,
            data,
            modelCost + data,
            syntaxStored,
            [.. stored],
            stored.Length == 0 ? 0 : stored.Min(k => corpus.EntityCounts[k]),
            Enumerable.Range(0, corpus.Entities).Where(k => !storedSet.Contains(k)).Select(k => corpus.EntityCounts[k]).DefaultIfEmpty(0).Max(),
            uMax > 0 ? wMin / uMax : double.PositiveInfinity,
            uMin > 0 ? wMax / uMin : double.PositiveInfinity);
        return new StructureFunctionResult(corpus, equal, perParameter, syntaxModel, index, learned, uniform, unknown, off, on, curve, optimum);
    }

    private static ImmutableArray<StructurePoint> Branch(int[] order, ImmutableArray<double> gains, double[] costs, double baseCost, double baseData, bool syntax)
    {
        var points = new List<StructurePoint>(order.Length + 1);
        double budget = baseCost, data = baseData;
        for (int j = 0; j <= order.Length; j++)
        {
            double rate = j == order.Length ? double.NaN : costs[order[j]] == 0 ? double.PositiveInfinity : gains[order[j]] / costs[order[j]];
            var point = new StructurePoint(budget, data, data, true, syntax, j, rate);
            if (points.Count > 0 && points[^1].Budget == budget)
            {
                points[^1] = point; // a free entity: the same budget now buys more
            }
            else
            {
                points.Add(point);
            }

            if (j < order.Length)
            {
                budget += costs[order[j]];
                data -= gains[order[j]];
            }
        }

        return [.. points];
    }

    private static ImmutableArray<StructurePoint> Combine(ImmutableArray<StructurePoint> off, ImmutableArray<StructurePoint> on, bool equal)
    {
        double[] budgets = [.. off.Select(p => p.Budget).Concat(on.Select(p => p.Budget)).Distinct().Order()];
        var curve = new List<StructurePoint>();
        foreach (double c in budgets)
        {
            (double lowOff, double highOff, int iOff) = EvaluateBranch(off, c, equal);
            (double lowOn, double highOn, int iOn) = EvaluateBranch(on, c, equal);
            bool useOn = highOn < highOff;
            StructurePoint source = useOn ? on[iOn] : off[iOff];
            double upper = Math.Min(highOff, highOn), lower = Math.Min(lowOff, lowOn);
            if (curve.Count > 0 && !(upper < curve[^1].CodeLength))
            {
                continue;
            }

            curve.Add(new StructurePoint(c, upper, lower, lower == upper, useOn, source.EntitiesStored, source.MarginalRate));
        }

        return [.. curve];
    }

    private static double XLogX(double x) => x > 0 ? x * Math.Log(x) : 0;

    private static void CheckCost(double cost, string name)
    {
        if (!(cost >= 0) || double.IsPositiveInfinity(cost))
        {
            throw Internal.Preconditions.OutOfRange(name, cost, string.Create(CultureInfo.InvariantCulture, $"0 <= {name} < infinity"));
        }
    }
}
