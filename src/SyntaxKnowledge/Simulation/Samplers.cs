using System.Runtime.CompilerServices;

namespace SyntaxKnowledge.Simulation;

/// <summary>
/// The pure sampling kernels shared by every backend: the Kₙ chain, the full seating process, and
/// stick-breaking with Gamma/Beta variates. Written with doubles and spans only, so the ILGPU
/// backend's kernels call the same code and reproduce the managed results bit for bit.
/// </summary>
/// <remarks>
/// <para>Unchecked: callers guarantee 0 ≤ d &lt; 1, θ &gt; −d and counts ≥ 1 (the backends validate
/// <see cref="Processes.PitmanYorParameters"/> once, then call these). Simulation is in double
/// precision: a comparison u·(θ + n) &lt; θ + K d differs from the exact rational rule only when u lies
/// within about 1e-16 of the threshold.</para>
/// <para>Counter use: draw i of a replicate uses counter i of the replicate's <see cref="CounterRandom"/>,
/// so a replicate's path is a pure function of (seed, replicate, n).</para>
/// </remarks>
public static class Samplers
{
    /// <summary>Runs the Kₙ chain: K₁ = 1 and draw i+1 is new with probability (θ + K d)/(θ + i).</summary>
    /// <param name="discount">The discount d.</param>
    /// <param name="concentration">The concentration θ.</param>
    /// <param name="draws">The number of draws n ≥ 1.</param>
    /// <param name="random">The replicate's generator.</param>
    /// <returns>The number of distinct elements Kₙ.</returns>
    /// <remarks>O(1) state, one random number per draw, no division.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Distinct(double discount, double concentration, int draws, CounterRandom random)
    {
        int k = 1;
        double threshold = concentration + discount; // θ + K d with K = 1
        for (int i = 1; i < draws; i++)
        {
            if (random.Uniform((ulong)i) * (concentration + i) < threshold)
            {
                k++;
                threshold += discount;
            }
        }

        return k;
    }

    /// <summary>
    /// Runs the full seating process for n draws in O(1) time per draw and returns the block sizes in
    /// order of first appearance.
    /// </summary>
    /// <param name="discount">The discount d.</param>
    /// <param name="concentration">The concentration θ.</param>
    /// <param name="draws">The number of draws n ≥ 1.</param>
    /// <param name="random">The replicate's generator.</param>
    /// <param name="counts">Workspace of length ≥ n; on return its first K entries are the block sizes.</param>
    /// <param name="repeats">Workspace of length ≥ n (the block of every non-founding draw).</param>
    /// <returns>The number of blocks K.</returns>
    /// <remarks>
    /// <para>One uniform u per draw, scaled to v = u(θ + n): v &lt; θ + K d founds a new block; otherwise the
    /// rest w = v − (θ + K d) ∈ [0, n − K d) splits as n − K unit weights (one per non-founding draw:
    /// picking a uniform one gives block k with weight n_k − 1) followed by K weights 1 − d (a uniform
    /// block). Together block k gets weight (n_k − 1) + (1 − d) = n_k − d: exactly the seating rule,
    /// with no scan over blocks.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Seating(double discount, double concentration, int draws, CounterRandom random, Span<int> counts, Span<int> repeats)
    {
        counts[0] = 1;
        int k = 1, r = 0;
        double oneMinusDiscount = 1 - discount;
        for (int i = 1; i < draws; i++)
        {
            double newWeight = concentration + (k * discount);
            double v = random.Uniform((ulong)i) * (concentration + i);
            int block;
            if (v < newWeight)
            {
                counts[k] = 1;
                k++;
                continue;
            }

            double w = v - newWeight;
            if (w < r)
            {
                block = repeats[(int)w];
            }
            else
            {
                block = (int)((w - r) / oneMinusDiscount);
                if (block >= k)
                {
                    block = k - 1; // rounding at the upper edge
                }
            }

            counts[block]++;
            repeats[r++] = block;
        }

        return k;
    }

    /// <summary>Returns the stick-breaking uncovered mass Π_{j=1}^{C}(1 − V_j), V_j ~ Beta(1 − d, θ + j d).</summary>
    /// <param name="discount">The discount d.</param>
    /// <param name="concentration">The concentration θ.</param>
    /// <param name="stored">The number of sticks C ≥ 0.</param>
    /// <param name="random">The replicate's generator.</param>
    /// <returns>The mass not covered by the first C elements in order of first appearance.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double UncoveredMass(double discount, double concentration, int stored, CounterRandom random)
    {
        ulong counter = 0;
        double logMass = 0;
        for (int j = 1; j <= stored; j++)
        {
            double x = Gamma(1 - discount, random, ref counter);
            double y = Gamma(concentration + (j * discount), random, ref counter);
            logMass += Math.Log(y / (x + y));
        }

        return Math.Exp(logMass);
    }

    /// <summary>Draws a Beta(α, β) variate as X/(X + Y) with independent Gamma variates.</summary>
    /// <param name="alpha">The first shape α &gt; 0.</param>
    /// <param name="beta">The second shape β &gt; 0.</param>
    /// <param name="random">The generator.</param>
    /// <param name="counter">The next unused counter; advanced past the draws used.</param>
    /// <returns>A Beta(α, β) variate.</returns>
    public static double Beta(double alpha, double beta, CounterRandom random, ref ulong counter)
    {
        double x = Gamma(alpha, random, ref counter);
        double y = Gamma(beta, random, ref counter);
        return x / (x + y);
    }

    /// <summary>Draws a Gamma(shape, 1) variate by Marsaglia &amp; Tsang's method (with U^{1/a} boosting for a &lt; 1).</summary>
    /// <param name="shape">The shape a &gt; 0.</param>
    /// <param name="random">The generator.</param>
    /// <param name="counter">The next unused counter; advanced past the draws used.</param>
    /// <returns>A Gamma(a, 1) variate.</returns>
    /// <seealso href="https://doi.org/10.1145/358407.358414">Marsaglia &amp; Tsang (2000), A simple method for generating gamma variables.</seealso>
    public static double Gamma(double shape, CounterRandom random, ref ulong counter)
    {
        double boost = 1;
        if (shape < 1)
        {
            boost = Math.Pow(random.UniformPositive(counter++), 1 / shape);
            shape += 1;
        }

        double dd = shape - (1.0 / 3.0);
        double c = 1 / Math.Sqrt(9 * dd);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random, ref counter);
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            double u = random.UniformPositive(counter++);
            double x2 = x * x;
            if (u < 1 - (0.0331 * x2 * x2) || Math.Log(u) < (0.5 * x2) + (dd * (1 - v + Math.Log(v))))
            {
                return dd * v * boost;
            }
        }
    }

    /// <summary>Draws a standard normal variate (Box–Muller, one of the pair).</summary>
    /// <param name="random">The generator.</param>
    /// <param name="counter">The next unused counter; advanced by two.</param>
    /// <returns>A N(0, 1) variate.</returns>
    public static double Normal(CounterRandom random, ref ulong counter)
    {
        double u1 = random.UniformPositive(counter++);
        double u2 = random.Uniform(counter++);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
