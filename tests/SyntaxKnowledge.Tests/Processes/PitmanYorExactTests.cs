using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Processes;

/// <summary>Layer 1 and 3: hand-checkable cases and exact identities as FsCheck properties (docs/03-formulas/pitman-yor.md#pitmanyor-quantities).</summary>
public sealed class PitmanYorExactTests
{
    private static readonly PitmanYorParameters Half = PitmanYorParameters.Create(new Rational(1, 2), 1);

    [Fact]
    public void ExpectedDistinct_TwoDraws_IsOnePlusNewProbability() =>
        Assert.Equal(new Rational(7, 4), ExpectedDistinct.Exact(Half, 2));

    [Fact]
    public void ExpectedDistinct_OneDraw_IsOne() => Assert.Equal(Rational.One, ExpectedDistinct.Exact(Half, 1));

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public Property Seating_PredictiveSumsToExactlyOne(PitmanYorParameters p, BlockSizes blocks)
    {
        ImmutableArray<Rational> predictive = Seating.Predictive(p, blocks.Sizes);
        return (Rational.Sum(predictive) == Rational.One).Label($"{p}, {blocks}").Classify(p.IsDirichlet, "d = 0");
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public Property Eppf_EqualsProductOfSeatingProbabilities_AndIsPermutationInvariant(PitmanYorParameters p, BlockSizes blocks, int shuffleSeed)
    {
        // A sequence with these block sizes in first-appearance order: block i repeated sizes[i] times, blocks in turn.
        int[] sequence = blocks.Sizes.SelectMany((size, label) => Enumerable.Repeat(label, size)).ToArray();
        int[] shuffled = [.. sequence];
        new Random(shuffleSeed).Shuffle(shuffled);
        Rational eppf = Eppf.Exact(p, blocks.Sizes);
        return (eppf == Eppf.SequenceProbability(p, sequence) && eppf == Eppf.SequenceProbability(p, shuffled)).Label($"{p}, {blocks}");
    }

    [Theory]
    [InlineData(0, 1, 1, 1)]
    [InlineData(1, 2, 1, 1)]
    [InlineData(1, 3, -1, 4)]
    [InlineData(3, 4, 5, 1)]
    [InlineData(9, 10, 0, 1)]
    public void Eppf_SummedOverAllSetPartitions_IsOne(int dn, int dd, int tn, int td)
    {
        var p = PitmanYorParameters.Create(new Rational(dn, dd), new Rational(tn, td));
        for (int n = 1; n <= 7; n++)
        {
            Rational total = Rational.Sum(SetPartitions(n).Select(sizes => Eppf.Exact(p, sizes)));
            Assert.Equal(Rational.One, total);
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 40)]
    public Property DistinctDistribution_SumsToOne_MeanAndVarianceMatch(PitmanYorParameters p, PositiveInt size)
    {
        int n = (size.Get % 40) + 1;
        ImmutableArray<Rational> law = DistinctDistribution.Exact(p, n);
        Rational mean = Rational.Sum(law.Select((q, i) => q * (i + 1)));
        Rational second = Rational.Sum(law.Select((q, i) => q * (i + 1) * (i + 1)));
        return (Rational.Sum(law) == Rational.One
                && mean == ExpectedDistinct.Exact(p, n)
                && second - (mean * mean) == DistinctVariance.Exact(p, n)
                && law.All(q => q.Sign >= 0)).Label($"{p}, n = {n}");
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 60)]
    public Property ClosedForms_EqualRecursions(PitmanYorParameters p, PositiveInt size)
    {
        int n = (size.Get % 60) + 1;
        Rational mean = ExpectedDistinct.Exact(p, n);
        Rational variance = DistinctVariance.Exact(p, n);
        Rational second = DistinctVariance.SecondMomentByRecursion(p, n);
        return (mean == ExpectedDistinct.ExactByRecursion(p, n) && variance == second - (mean * mean)).Label($"{p}, n = {n}");
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 60)]
    public Property NewProbability_IsExpectedSeatingProbability_AndIncrement(PitmanYorParameters p, PositiveInt size)
    {
        int n = (size.Get % 60) + 1;
        Rational expectedFromMean = (p.Concentration + (p.Discount * ExpectedDistinct.Exact(p, n))) / (p.Concentration + n);
        Rational increment = ExpectedDistinct.Exact(p, n + 1) - ExpectedDistinct.Exact(p, n);
        Rational exact = NewProbability.Exact(p, n);
        return (exact == expectedFromMean && exact == increment).Label($"{p}, n = {n}");
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 40)]
    public Property ExpectedBlocks_SumToDrawsAndDistinct(PitmanYorParameters p, PositiveInt size)
    {
        int n = (size.Get % 30) + 1;
        Rational[] blocks = Enumerable.Range(1, n).Select(m => ExpectedBlocks.Exact(p, n, m)).ToArray();
        return (Rational.Sum(blocks.Select((b, i) => b * (i + 1))) == n
                && Rational.Sum(blocks) == ExpectedDistinct.Exact(p, n)
                && blocks[0] == ExpectedBlocks.SingletonsExact(p, n)).Label($"{p}, n = {n}");
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 40)]
    public Property SizeBiasedIdentities_Hold(PitmanYorParameters p, PositiveInt size)
    {
        int n = size.Get % 40;
        Rational newProbability = NewProbability.Exact(p, n);

        // E[(1 - W)^n] = (θ+d)_n/(θ+1)_n: the unrevealed mass with ρ = 1 is the unseen mass.
        bool rhoOne = UnrevealedMass.Exact(p, Rational.One, n) == newProbability;
        bool rhoZero = UnrevealedMass.Exact(p, Rational.Zero, n) == Rational.One;
        bool acquiredOnce = AcquiredMass.Exact(p, n, 1) == (n == 0 ? Rational.Zero : Rational.One - newProbability);
        bool monotone = n < 2 || AcquiredMass.Exact(p, n, 2) <= AcquiredMass.Exact(p, n, 1);
        return (rhoOne && rhoZero && acquiredOnce && monotone).Label($"{p}, n = {n}");
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 40)]
    public Property UncoveredMass_IsProductOfStickMeans(PitmanYorParameters p, PositiveInt size)
    {
        int stored = size.Get % 30;
        Rational product = Rational.One;
        for (int j = 1; j <= stored; j++)
        {
            // E[1 - V_j] for V_j ~ Beta(1 - d, θ + j d) is (θ + j d)/(θ + 1 + (j - 1) d).
            Rational a = 1 - p.Discount, b = p.Concentration + (j * p.Discount);
            product *= b / (a + b);
        }

        return (UncoveredMass.Exact(p, stored) == product).Label($"{p}, C = {stored}");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 2)]
    [InlineData(1, 3)]
    public void DirichletCase_ReducesToEwensForms(int tn, int td)
    {
        var theta = new Rational(tn, td);
        var p = PitmanYorParameters.ChineseRestaurant(theta);
        for (int n = 1; n <= 25; n++)
        {
            Rational ewensMean = Rational.Sum(Enumerable.Range(0, n).Select(i => theta / (theta + i)));
            Assert.Equal(ewensMean, ExpectedDistinct.ExactByRecursion(p, n));
            Assert.Equal(ewensMean, ExpectedDistinct.Exact(p, n));

            // Ewens law: P(K_n = k) = θ^k |s(n, k)| / (θ)_n with unsigned Stirling numbers of the first kind.
            ImmutableArray<Rational> law = DistinctDistribution.Exact(p, n);
            System.Numerics.BigInteger[] stirling = UnsignedStirlingFirstKind(n);
            for (int k = 1; k <= n; k++)
            {
                Assert.Equal(Rational.Pow(theta, k) * stirling[k] / Pochhammer.Rising(theta, n), law[k - 1]);
            }

            Assert.Equal(Rational.Pow(theta / (theta + 1), n), UncoveredMass.Exact(p, n));
        }
    }

    [Fact]
    public void DistinctDistribution_LargeN_SumsToOne()
    {
        ImmutableArray<Rational> law = DistinctDistribution.Exact(PitmanYorParameters.Create(new Rational(1, 3), new Rational(3, 2)), 300);
        Assert.Equal(Rational.One, Rational.Sum(law));
    }

    [Fact]
    public void Entropy_DirichletUnitConcentration_IsOne()
    {
        // ψ(2) − ψ(1) = 1 exactly.
        Assert.Equal(1.0, ExpectedEntropy.Approximate(PitmanYorParameters.ChineseRestaurant(1)), 1e-14);
    }

    internal static IEnumerable<int[]> SetPartitions(int n)
    {
        // Restricted growth strings a[0] = 0, a[i] <= 1 + max(a[0..i-1]); block sizes in first-appearance order.
        var a = new int[n];
        IEnumerable<int[]> Recurse(int i, int max)
        {
            if (i == n)
            {
                var sizes = new int[max + 1];
                foreach (int label in a)
                {
                    sizes[label]++;
                }

                yield return sizes;
                yield break;
            }

            for (int label = 0; label <= max + 1; label++)
            {
                a[i] = label;
                foreach (int[] s in Recurse(i + 1, Math.Max(max, label)))
                {
                    yield return s;
                }
            }
        }

        return n == 0 ? [] : Recurse(1, 0);
    }

    private static System.Numerics.BigInteger[] UnsignedStirlingFirstKind(int n)
    {
        var row = new System.Numerics.BigInteger[n + 1];
        row[0] = 1;
        for (int m = 0; m < n; m++)
        {
            for (int k = m + 1; k >= 1; k--)
            {
                row[k] = row[k - 1] + (m * row[k]);
            }

            row[0] = 0;
        }

        return row;
    }
}
