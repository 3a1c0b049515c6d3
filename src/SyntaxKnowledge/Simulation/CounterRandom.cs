using System.Runtime.CompilerServices;

namespace SyntaxKnowledge.Simulation;

/// <summary>
/// A counter-based random generator: a pure function (key, index) → 64 random bits, where the key is
/// derived from a (seed, stream) pair. Any draw of any stream can be computed independently, in any
/// order, on any thread or backend, with the same result.
/// </summary>
/// <remarks>
/// <para>Bits(i) = mix(key + (i + 1)·γ) with γ = 0x9E3779B97F4A7C15 and the SplitMix64 finaliser as mix
/// (Steele, Lea &amp; Flood 2014): the i-th output of a SplitMix64 sequence started at the key. SplitMix64
/// passes BigCrush; distinct streams get keys from a second mixing of (seed, stream).</para>
/// <para>Immutable value type; <c>default</c> is the valid stream with key 0. Kernel-safe: no allocation,
/// no branches on data, only <see cref="ulong"/> arithmetic (wrap-around intended, in <c>unchecked</c>).</para>
/// </remarks>
/// <seealso href="https://doi.org/10.1145/2714064.2660195">Steele, Lea &amp; Flood (2014), Fast splittable pseudorandom number generators.</seealso>
public readonly record struct CounterRandom(ulong Key)
{
    /// <summary>The SplitMix64 increment γ (the golden ratio in 64-bit fixed point).</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private const double UnitScale = 1.0 / (1UL << 53);

    /// <summary>Creates the generator of one stream of one seed.</summary>
    /// <param name="seed">The experiment seed.</param>
    /// <param name="stream">The stream number (e.g. the replicate index).</param>
    /// <returns>The stream's generator.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CounterRandom Create(ulong seed, ulong stream) =>
        new(Mix(unchecked(Mix(seed ^ 0x6A09E667F3BCC909UL) + ((stream + 1) * 0xD1B54A32D192ED03UL))));

    /// <summary>Returns a sub-stream of this stream (for hierarchical keys such as world → entity → attribute).</summary>
    /// <param name="stream">The sub-stream number.</param>
    /// <returns>The sub-stream's generator, independent of this one for practical purposes.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CounterRandom Substream(ulong stream) => Create(Key, stream);

    /// <summary>Returns 64 random bits for draw <paramref name="index"/>.</summary>
    /// <param name="index">The draw index (the counter).</param>
    /// <returns>Uniform random bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Bits(ulong index) => Mix(unchecked(Key + ((index + 1) * Gamma)));

    /// <summary>Returns a uniform double in [0, 1) with 53 random bits for draw <paramref name="index"/>.</summary>
    /// <param name="index">The draw index (the counter).</param>
    /// <returns>k · 2⁻⁵³ for a uniform integer k in [0, 2⁵³).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Uniform(ulong index) => ToUnitInterval(Bits(index));

    /// <summary>Returns a uniform double in (0, 1] (never zero, safe for logarithms) for draw <paramref name="index"/>.</summary>
    /// <param name="index">The draw index (the counter).</param>
    /// <returns>(k + 1) · 2⁻⁵³ for a uniform integer k in [0, 2⁵³).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double UniformPositive(ulong index) => ((Bits(index) >> 11) + 1) * UnitScale;

    /// <summary>Returns a uniform integer in [0, <paramref name="bound"/>) for draw <paramref name="index"/> (Lemire's multiply-shift; bias below 2⁻³² for bounds below 2³²).</summary>
    /// <param name="index">The draw index (the counter).</param>
    /// <param name="bound">The exclusive upper bound. Range: bound ≥ 1.</param>
    /// <returns>An integer in [0, bound).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Below(ulong index, uint bound) => (uint)(((Bits(index) >> 32) * bound) >> 32);

    /// <summary>Maps 64 random bits to k · 2⁻⁵³ with k = bits &gt;&gt; 11, exactly as <see cref="Uniform"/> does.</summary>
    /// <param name="bits">Uniform random bits (e.g. <see cref="Mix"/> of a counter).</param>
    /// <returns>A double in [0, 1).</returns>
    /// <remarks>k &lt; 2⁵³ converts exactly through <see cref="long"/>, which is one instruction on x64 (an
    /// unsigned conversion needs a fix-up branch); the value is identical either way.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToUnitInterval(ulong bits) => unchecked((long)(bits >> 11)) * UnitScale;

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mixing function.</summary>
    /// <param name="z">The input.</param>
    /// <returns>The mixed value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
