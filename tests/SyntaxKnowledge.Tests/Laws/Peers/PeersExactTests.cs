using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyntaxKnowledge.Laws.Peers;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Tests.Laws.Peers;

/// <summary>A discount 0 &lt; d &lt; 1 on a rational grid (denominators up to 60).</summary>
public sealed record OpenDiscount(Rational Value)
{
    public override string ToString() => "d = " + Value;
}

/// <summary>A small truncated Zipf law: m features with integer exponent s.</summary>
public sealed record SmallZipf(int Features, int Exponent)
{
    public FeatureFrequencies Frequencies => FeatureFrequencies.TruncatedZipf(Features, Exponent);

    public override string ToString() => $"m = {Features}, s = {Exponent}";
}

/// <summary>Generators for the peer-theory properties.</summary>
public static class PeerArbitraries
{
    public static Arbitrary<OpenDiscount> Discounts() =>
        (from q in Gen.Choose(2, 60)
         from p in Gen.Choose(1, q - 1)
         select new OpenDiscount(new Rational(p, q))).ToArbitrary();

    public static Arbitrary<SmallZipf> Zipfs() =>
        (from m in Gen.Choose(1, 12)
         from s in Gen.Choose(1, 3)
         select new SmallZipf(m, s)).ToArbitrary();
}

/// <summary>Layers 1 and 3: hand-checkable cases and exact identities of the peer theories and the parameter mapping.</summary>
public sealed class PeersExactTests
{
    [Fact]
    public void MemorisationError_TwoEqualFeatures_IsHalfToTheN()
    {
        // theta = (1/2, 1/2): E_n = (1/2)^n.
        var features = FeatureFrequencies.Create([Rational.Half, Rational.Half]);
        Assert.Equal(Rational.One, MemorisationError.Exact(features, 0));
        Assert.Equal(new Rational(1, 8), MemorisationError.Exact(features, 3));
        Assert.Equal(new Rational(3, 2), MemorisationError.ExpectedDistinct(features, 2));
    }

    [Fact]
    public void TruncatedZipf_ThreeFeaturesSquare_HasExactWeights()
    {
        // 1, 1/4, 1/9 normalised by 49/36.
        var f = FeatureFrequencies.TruncatedZipf(3, 2);
        Assert.Equal(new[] { new Rational(36, 49), new Rational(9, 49), new Rational(4, 49) }, f.Probabilities.ToArray());
        Assert.Equal(49, (int)f.CommonDenominator);
    }

    [Fact]
    public void QuantaLearning_TwoSamplesTauTwo_MatchesHandComputation()
    {
        // theta = (3/4, 1/4), D = 2, tau = 2: quantum 1 is learned iff both samples hit it.
        var quanta = FeatureFrequencies.Create([new Rational(3, 4), new Rational(1, 4)]);
        Assert.Equal(new Rational(9, 16), QuantaLearning.LearnedProbabilityExact(quanta, 0, 2, 2));
        Assert.Equal(new Rational(1, 16), QuantaLearning.LearnedProbabilityExact(quanta, 1, 2, 2));
        Rational expected = (new Rational(3, 4) * (1 - new Rational(9, 16))) + (new Rational(1, 4) * (1 - new Rational(1, 16)));
        Assert.Equal(expected, QuantaLearning.UnlearnedMassExact(quanta, 2, 2));
        Assert.Equal(new Rational(1, 4), QuantaLearning.CapacityLimitedExact(quanta, 1));
        Assert.Equal(Rational.Zero, QuantaLearning.CapacityLimitedExact(quanta, 5));
    }

    [Property(Arbitrary = [typeof(PeerArbitraries)], MaxTest = 60)]
    public Property MemorisationError_IsIncrementOfExpectedDistinct_AndDecreases(SmallZipf zipf, PositiveInt size)
    {
        int n = size.Get % 60;
        FeatureFrequencies f = zipf.Frequencies;
        Rational e = MemorisationError.Exact(f, n);
        bool increment = e == MemorisationError.ExpectedDistinct(f, n + 1) - MemorisationError.ExpectedDistinct(f, n);
        bool decreasing = MemorisationError.Exact(f, n + 1) < e || (f.Count == 1 && n > 0);
        return (increment && decreasing).Label($"{zipf}, n = {n}");
    }

    [Property(Arbitrary = [typeof(PeerArbitraries)], MaxTest = 60)]
    public Property QuantaLearning_TauOneIsHutter_MoreExposuresLeaveMore_OrderIsByFrequency(SmallZipf zipf, PositiveInt size)
    {
        int samples = size.Get % 40;
        FeatureFrequencies q = zipf.Frequencies;
        bool hutter = QuantaLearning.UnlearnedMassExact(q, samples, 1) == MemorisationError.Exact(q, samples);
        bool monotone = QuantaLearning.UnlearnedMassExact(q, samples, 2) >= QuantaLearning.UnlearnedMassExact(q, samples, 1);
        Rational[] learned = [.. Enumerable.Range(0, q.Count).Select(k => QuantaLearning.LearnedProbabilityExact(q, k, samples, 2))];
        bool ordered = Enumerable.Range(1, learned.Length - 1).All(k => learned[k] <= learned[k - 1]);
        Rational mass = Rational.Sum(q.Probabilities.Select((p, k) => p * (1 - learned[k])));
        bool consistent = mass == QuantaLearning.UnlearnedMassExact(q, samples, 2);
        return (hutter && monotone && ordered && consistent).Label($"{zipf}, D = {samples}");
    }

    [Property(Arbitrary = [typeof(PeerArbitraries)])]
    public Property Mapping_ExponentsOfZipfPeers_EqualSyntaxKnowledgeExponents(OpenDiscount discount)
    {
        Rational d = discount.Value;
        Rational alpha = ParameterMapping.ZipfAlpha(d);
        (Rational skModel, Rational skData) = ParameterMapping.SyntaxKnowledgeComputeShares(d);
        (Rational qModel, Rational qData) = ParameterMapping.QuantizationComputeShares(alpha);
        bool ok = 1 + alpha == ParameterMapping.ZipfExponent(d)
                  && ParameterMapping.DiscountFromAlpha(alpha) == d
                  && ParameterMapping.HutterDataExponent(alpha) == ParameterMapping.SyntaxKnowledgeDataExponent(d)
                  && ParameterMapping.QuantizationModelExponent(alpha) == ParameterMapping.SyntaxKnowledgeModelExponent(d)
                  && ParameterMapping.QuantizationDataExponent(alpha) == 1 - d
                  && ParameterMapping.SantaFeDataExponent(ParameterMapping.HilbergExponent(d)) == 1 - d
                  && qModel == skModel && qData == skData && skModel + skData == Rational.One
                  && ParameterMapping.DiscountFromDataExponent(1 - d) == d
                  && ParameterMapping.DiscountFromModelExponent(alpha) == d;
        return ok.Label(discount.ToString());
    }

    [Property(Arbitrary = [typeof(PeerArbitraries)])]
    public Property Theories_FromDiscount_ShareExactExponents(OpenDiscount discount)
    {
        Rational d = discount.Value;
        if (d < new Rational(1, 100) || d > new Rational(99, 100))
        {
            return true.Label("outside the Zipf peers' range").Classify(true, "skipped");
        }

        var sk = SyntaxKnowledgeTheory.FromKnowledge(PitmanYorParameters.Create(d, 1));
        IScalingTheory[] peers = [HutterTheory.FromDiscount(d), QuantizationTheory.FromDiscount(d), SantaFeTheory.FromDiscount(d)];
        bool data = peers.All(t => t.DataExponent.Exact == sk.DataExponent.Exact);
        bool model = peers.Where(t => t.ModelExponent is not null).All(t => t.ModelExponent!.Exact == sk.ModelExponent!.Exact);
        bool split = peers.Select(t => t.ComputeOptimal()).Where(a => a is not null).All(a => a!.ModelShare.Exact == sk.ComputeOptimal()!.ModelShare.Exact);
        return (data && model && split).Label(discount.ToString());
    }

    [Fact]
    public void ComputeAllocation_Derive_MatchesHandSolvedCase()
    {
        // alpha = beta = 1/2, A = B = 1: G = 1, N* = D* = sqrt(F).
        ComputeAllocation split = ComputeAllocation.Derive(ExponentValue.Of(Rational.Half), ExponentValue.Of(Rational.Half), 1, 1, 1, "N", "D", "test");
        Assert.Equal(Rational.Half, split.ModelShare.Exact);
        Assert.Equal(1, split.Prefactor!.Value, 15);
        (double n, double d) = split.Allocate(1e6);
        Assert.Equal(1e3, n, 9);
        Assert.Equal(1e3, d, 9);
    }

    [Fact]
    public void ComputeAllocation_InexactExponent_HasNoExactShare()
    {
        ComputeAllocation split = ComputeAllocation.Derive(new ExponentValue(0.3, null), ExponentValue.Of(Rational.Half), null, null, 6, "N", "D", "test");
        Assert.Null(split.ModelShare.Exact);
        Assert.Equal(0.5 / 0.8, split.ModelShare.Value, 15);
        Assert.Null(split.Prefactor);
    }

    [Fact]
    public void Chinchilla_PublishedShares_AreExact()
    {
        Assert.Equal(new Rational(14, 31), ChinchillaConstants.Hoffmann2022.ParametersShare);
        Assert.Equal(new Rational(17, 31), ChinchillaConstants.Hoffmann2022.TokensShare);
        Assert.Equal(new Rational(1829, 3568), ChinchillaConstants.Besiroglu2024.ParametersShare);
        Assert.Equal(Rational.Parse("2085.43"), ChinchillaConstants.Besiroglu2024.DataCoefficient);
        Assert.Equal(Rational.Parse("1.8172"), ChinchillaConstants.Besiroglu2024.Irreducible);
    }

    [Fact]
    public void Chinchilla_ReproducesPublishedFigures()
    {
        const double budget = 5.76e23;

        // Hoffmann et al. (2022) Table 2, Approach 3: a = 0.46, b = 0.54 (from the unrounded fit).
        Assert.Equal(0.46, ChinchillaConstants.Hoffmann2022Unrounded.ParametersShare.ToDouble(), 2);
        Assert.Equal(0.54, ChinchillaConstants.Hoffmann2022Unrounded.TokensShare.ToDouble(), 2);

        // Hoffmann et al.: Approach 3 puts the Gopher-budget optimum at 40B parameters.
        Assert.Equal(40, Math.Round(ChinchillaConstants.Hoffmann2022Unrounded.ComputeOptimal(budget).Parameters / 1e9));

        // Besiroglu et al. (2024): the refit is consistent with Chinchilla's 20 tokens per parameter (70B, 1.4T) ...
        double refit = ChinchillaConstants.Besiroglu2024.TokensPerParameter(budget);
        Assert.InRange(refit, 18, 22);
        Assert.Equal(18.3912, refit, 4);

        // ... while the printed Hoffmann constants imply about 93.
        Assert.Equal(92.6474, ChinchillaConstants.Hoffmann2022.TokensPerParameter(budget), 4);
    }

    [Fact]
    public void Chinchilla_Loss_MatchesLawAndLossLaw()
    {
        ChinchillaConstants k = ChinchillaConstants.Hoffmann2022;
        double expected = 1.69 + (406.4 * Math.Pow(70e9, -0.34)) + (410.7 * Math.Pow(1.4e12, -0.28));
        Assert.Equal(expected, k.Loss(70e9, 1.4e12), 12);
        Assert.Equal(k.Loss(1e9, 2e10), k.ToLossLaw().Loss(2e10, 1e9), 15);
    }
}
