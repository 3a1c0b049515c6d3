using FsCheck;
using FsCheck.Fluent;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Tests.Support;

/// <summary>Small block sizes for partition-level properties (a list of 1..6 blocks of size 1..7).</summary>
public sealed record BlockSizes(int[] Sizes)
{
    public override string ToString() => "[" + string.Join(", ", Sizes) + "]";
}

/// <summary>FsCheck generators for valid parameters: rational grids that include d = 0 and theta near -d.</summary>
public static class Arbitraries
{
    private static Gen<Rational> Fractions(int denominator, int low, int high) =>
        Gen.Choose(low, high).Select(k => new Rational(k, denominator));

    public static Arbitrary<PitmanYorParameters> PitmanYor() =>
        (from d in Gen.Frequency((1, Gen.Constant(Rational.Zero)), (4, Fractions(12, 1, 11)))
         from theta in Gen.Frequency((3, Fractions(12, -11, 120)), (1, Fractions(60, -59, 0)))
         where theta > -d
         select PitmanYorParameters.Create(d, theta)).ToArbitrary();

    public static Arbitrary<Rational> Rationals() =>
        (from p in Gen.Choose(-1_000_000, 1_000_000)
         from q in Gen.Choose(1, 1_000)
         from scale in Gen.Choose(0, 40)
         select new Rational(p * System.Numerics.BigInteger.Pow(3, scale), q)).ToArbitrary();

    public static Arbitrary<BlockSizes> Blocks() =>
        Gen.Choose(1, 7).ArrayOf().Where(a => a.Length is >= 1 and <= 6).Select(a => new BlockSizes(a)).ToArbitrary();
}
