using System.Globalization;
using System.Runtime.CompilerServices;
using SyntaxKnowledge.Internal;

namespace SyntaxKnowledge.Simulation;

/// <summary>
/// The pure sampling kernels shared by every backend: the Kₙ chain, the full seating process, the
/// block-size profile, and stick-breaking with Gamma/Beta variates. Written with doubles, integers and
/// <see cref="IWorkspace{T}"/> structs only (no allocation, no exceptions, one indexer access per
/// statement), so the ILGPU backend's kernels call the same code and reproduce the managed results bit
/// for bit on ILGPU's CPU accelerator.
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
    /// <remarks>
    /// <para>O(1) state, one random number per draw, no division. Draw i is new when
    /// u_i · (θ + i) &lt; θ + K d, with u_i = <see cref="CounterRandom.Uniform"/>(i) and θ + K d accumulated
    /// by adding d at each new element.</para>
    /// <para>Performance: the counter term key + (i + 1)γ is advanced by one addition per draw and i is
    /// carried as an exact double, which gives bit-for-bit the same u_i and comparisons as evaluating
    /// <see cref="CounterRandom.Uniform"/>(i) directly, at about twice the speed. Kernel-safe.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Distinct(double discount, double concentration, int draws, CounterRandom random)
    {
        int k = 1;
        double threshold = concentration + discount; // θ + K d with K = 1
        ulong counter = unchecked(random.Key + CounterRandom.Gamma); // key + (i + 1)γ at i = 0
        double index = 1;
        for (int i = 1; i < draws; i++, index += 1)
        {
            counter = unchecked(counter + CounterRandom.Gamma);
            if (CounterRandom.ToUnitInterval(CounterRandom.Mix(counter)) * (concentration + index) < threshold)
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
    /// <param name="counts">Output of length ≥ Kₙ (n always suffices); on return its first K entries are the block sizes.</param>
    /// <param name="repeats">Workspace of length ≥ n.</param>
    /// <returns>The number of blocks K.</returns>
    /// <exception cref="ArgumentException"><paramref name="repeats"/> is shorter than <paramref name="draws"/>, or
    /// <paramref name="counts"/> is shorter than the number of blocks.</exception>
    /// <remarks>The same partition as <see cref="Seating{TWorkspace}"/>, which documents the algorithm.</remarks>
    public static int Seating(double discount, double concentration, int draws, CounterRandom random, Span<int> counts, Span<int> repeats)
    {
        if (repeats.Length < draws)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"repeats has length {repeats.Length}; valid range: length >= draws = {draws}."), nameof(repeats));
        }

        int k = Seating(discount, concentration, draws, random, new SpanWorkspace<int>(repeats));
        if (counts.Length < k)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"counts has length {counts.Length}; valid range: length >= the number of blocks = {k}."), nameof(counts));
        }

        repeats.Slice(draws - k, k).CopyTo(counts);
        return k;
    }

    /// <summary>
    /// Runs the full seating process for n draws in O(1) time per draw, in n integers of workspace, and
    /// leaves the block sizes in order of first appearance at the end of the workspace.
    /// </summary>
    /// <typeparam name="TWorkspace">The workspace type (an array on the host, a device view in a kernel).</typeparam>
    /// <param name="discount">The discount d.</param>
    /// <param name="concentration">The concentration θ.</param>
    /// <param name="draws">The number of draws n ≥ 1.</param>
    /// <param name="random">The replicate's generator.</param>
    /// <param name="workspace">Workspace of length ≥ n. On return, entries [n − K, n) are the block sizes
    /// n₁, …, n_K in order of first appearance; entries [0, n − K) are the block of every non-founding draw.</param>
    /// <returns>The number of blocks K.</returns>
    /// <remarks>
    /// <para>One uniform u per draw (draw i uses counter i), scaled to v = u(θ + i): v &lt; θ + K d founds a
    /// new block; otherwise the rest w = v − (θ + K d) ∈ [0, i − K d) splits as i − K unit weights (one per
    /// non-founding draw so far: picking a uniform one gives block k with weight n_k − 1) followed by K
    /// weights 1 − d (a uniform block). Together block k gets weight (n_k − 1) + (1 − d) = n_k − d:
    /// exactly the seating rule, with no scan over blocks.</para>
    /// <para>The loop only appends the chosen block of each non-founding draw; the block sizes are counted
    /// afterwards into the unused tail of the workspace (n = (n − K) + K), so the hot loop has one random
    /// read and one sequential write per draw and no read-modify-write chains.</para>
    /// <para>Kernel-safe (no allocation, no exceptions); the caller guarantees the workspace length.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Seating<TWorkspace>(double discount, double concentration, int draws, CounterRandom random, TWorkspace workspace)
        where TWorkspace : IWorkspace<int>, allows ref struct
    {
        int k = 1, r = 0;
        double oneMinusDiscount = 1 - discount;
        ulong counter = unchecked(random.Key + CounterRandom.Gamma);
        double index = 1;
        for (int i = 1; i < draws; i++, index += 1)
        {
            counter = unchecked(counter + CounterRandom.Gamma);
            double newWeight = concentration + (k * discount);
            double v = CounterRandom.ToUnitInterval(CounterRandom.Mix(counter)) * (concentration + index);
            if (v < newWeight)
            {
                k++;
                continue;
            }

            int block = ExistingBlock(v - newWeight, r, k, oneMinusDiscount, workspace); // one indexer per statement (ILGPU 1.5.3 frontend)
            workspace[r] = block;
            r++;
        }

        CountBlocks(workspace, r, k);
        return k;
    }

    /// <summary>
    /// Sorts <paramref name="count"/> block sizes in place and writes their profile: the distinct sizes in
    /// increasing order and the number of blocks of each.
    /// </summary>
    /// <typeparam name="TWorkspace">The workspace type.</typeparam>
    /// <param name="values">Holds the block sizes at [start, start + count); sorted ascending on return.</param>
    /// <param name="start">The first block size's index. Range: ≥ 0.</param>
    /// <param name="count">The number of block sizes K. Range: ≥ 0.</param>
    /// <param name="output">Receives the profile.</param>
    /// <param name="sizesOffset">Where the distinct sizes go: output[sizesOffset + j].</param>
    /// <param name="multiplicitiesOffset">Where their multiplicities go: output[multiplicitiesOffset + j].</param>
    /// <returns>The number of distinct sizes D (at most <see cref="MaximumDistinctSizes"/> of the total size).</returns>
    /// <remarks>In-place heap sort, O(K log K) time and O(1) extra memory, no recursion: kernel-safe. The
    /// output ranges must not overlap the values' range.</remarks>
    public static int Profile<TWorkspace>(TWorkspace values, int start, int count, TWorkspace output, int sizesOffset, int multiplicitiesOffset)
        where TWorkspace : IWorkspace<int>, allows ref struct
    {
        for (int root = (count / 2) - 1; root >= 0; root--)
        {
            SiftDown(values, start, root, count);
        }

        for (int end = count - 1; end > 0; end--)
        {
            int top = values[start]; // one indexer per statement (ILGPU 1.5.3 frontend)
            int last = values[start + end];
            values[start] = last;
            values[start + end] = top;
            SiftDown(values, start, 0, end);
        }

        int distinct = 0, previous = 0, run = 0; // sizes are >= 1, so 0 marks "no run yet"
        for (int i = 0; i < count; i++)
        {
            int size = values[start + i];
            if (size == previous)
            {
                run++;
                continue;
            }

            if (run > 0)
            {
                output[sizesOffset + distinct] = previous;
                output[multiplicitiesOffset + distinct] = run;
                distinct++;
            }

            previous = size;
            run = 1;
        }

        if (run > 0)
        {
            output[sizesOffset + distinct] = previous;
            output[multiplicitiesOffset + distinct] = run;
            distinct++;
        }

        return distinct;
    }

    /// <summary>Returns the largest number of distinct block sizes a partition of n can have: the largest D with D(D + 1)/2 ≤ n.</summary>
    /// <param name="draws">The number of draws n. Range: n ≥ 0.</param>
    /// <returns>D; distinct sizes s₁ &lt; … &lt; s_D sum to at least 1 + 2 + … + D.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is negative.</exception>
    public static int MaximumDistinctSizes(int draws)
    {
        Preconditions.AtLeast(draws, 0, nameof(draws));
        long d = (long)((Math.Sqrt((8.0 * draws) + 1) - 1) / 2);
        while (d * (d + 1) / 2 > draws)
        {
            d--;
        }

        while ((d + 1) * (d + 2) / 2 <= draws)
        {
            d++;
        }

        return (int)d;
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

    /// <summary>
    /// Simulates the mass not covered by the C largest of the first M stick-breaking weights (the
    /// uncovered mass of a learner that stores the C most frequent elements), with the truncation residual.
    /// </summary>
    /// <typeparam name="TWorkspace">The workspace type.</typeparam>
    /// <param name="discount">The discount d.</param>
    /// <param name="concentration">The concentration θ.</param>
    /// <param name="stored">The number of stored (largest) elements C ≥ 0.</param>
    /// <param name="sticks">The number of sticks drawn M ≥ 1.</param>
    /// <param name="random">The replicate's generator.</param>
    /// <param name="heap">Workspace of length ≥ min(C, M) (a min-heap of the largest weights so far).</param>
    /// <param name="residual">The mass R_M = Π_{j≤M}(1 − V_j) beyond the first M sticks.</param>
    /// <returns>U_M = 1 − (sum of the C largest of W̃₁, …, W̃_M), computed as evicted weights plus R_M (no cancellation); 1 when C = 0.</returns>
    /// <remarks>
    /// <para>Every weight beyond stick M is at most R_M, so the true uncovered mass U of the C largest
    /// weights satisfies U_M − R_M ≤ U ≤ U_M, and the truncation bias is 0 ≤ E[U_M] − E[U] ≤ E[R_M] = T(M),
    /// which <see cref="Processes.UncoveredMass.Exact"/> gives exactly.</para>
    /// <para>Sticks use the same counters as <see cref="UncoveredMass"/>, so its first C sticks are these.
    /// O(M log C) time. Kernel-safe.</para>
    /// </remarks>
    public static double RankedUncoveredMass<TWorkspace>(double discount, double concentration, int stored, int sticks, CounterRandom random, TWorkspace heap, out double residual)
        where TWorkspace : IWorkspace<double>, allows ref struct
    {
        ulong counter = 0;
        double remaining = 1, evicted = 0;
        int size = 0;
        for (int j = 1; j <= sticks; j++)
        {
            double x = Gamma(1 - discount, random, ref counter);
            double y = Gamma(concentration + (j * discount), random, ref counter);
            double weight = remaining * (x / (x + y));
            remaining *= y / (x + y);
            if (size < stored)
            {
                // Push: sift the new weight up the min-heap.
                int child = size++;
                while (child > 0)
                {
                    int parent = (child - 1) / 2;
                    if (heap[parent] <= weight)
                    {
                        break;
                    }

                    double moved = heap[parent];
                    heap[child] = moved;
                    child = parent;
                }

                heap[child] = weight;
            }
            else if (size > 0 && weight > heap[0])
            {
                evicted += heap[0];
                ReplaceMinimum(heap, size, weight);
            }
            else
            {
                evicted += weight;
            }
        }

        residual = remaining;
        return stored == 0 ? 1 : evicted + remaining;
    }

    /// <summary>How often (in draws) the managed backend's cancellable loops look at their token: a few milliseconds of work.</summary>
    internal const int CancellationInterval = 1 << 20;

    /// <summary>How often (in sticks, two Gamma variates each) the cancellable stick-breaking loops look at their token.</summary>
    internal const int StickCancellationInterval = 1 << 15;

    /// <summary>
    /// <see cref="Distinct"/> with the same arithmetic in blocks of <see cref="CancellationInterval"/> draws, looking at the
    /// token between blocks (managed only: kernels cannot take a token). Bit-for-bit the result of <see cref="Distinct"/>.
    /// </summary>
    internal static int DistinctCancellable(double discount, double concentration, int draws, CounterRandom random, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return Distinct(discount, concentration, draws, random);
        }

        int k = 1;
        double threshold = concentration + discount;
        ulong counter = unchecked(random.Key + CounterRandom.Gamma);
        double index = 1;
        for (int i = 1; i < draws;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int end = (int)Math.Min(draws, (long)i + CancellationInterval);
            for (; i < end; i++, index += 1)
            {
                counter = unchecked(counter + CounterRandom.Gamma);
                if (CounterRandom.ToUnitInterval(CounterRandom.Mix(counter)) * (concentration + index) < threshold)
                {
                    k++;
                    threshold += discount;
                }
            }
        }

        return k;
    }

    /// <summary><see cref="UncoveredMass"/> looking at the token every <see cref="StickCancellationInterval"/> sticks (managed only).</summary>
    internal static double UncoveredMassCancellable(double discount, double concentration, int stored, CounterRandom random, CancellationToken cancellationToken)
    {
        ulong counter = 0;
        double logMass = 0;
        for (int j = 1; j <= stored; j++)
        {
            if ((j & (StickCancellationInterval - 1)) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            double x = Gamma(1 - discount, random, ref counter);
            double y = Gamma(concentration + (j * discount), random, ref counter);
            logMass += Math.Log(y / (x + y));
        }

        return Math.Exp(logMass);
    }

    /// <summary><see cref="RankedUncoveredMass"/> looking at the token every <see cref="StickCancellationInterval"/> sticks (managed only).</summary>
    internal static double RankedUncoveredMassCancellable(double discount, double concentration, int stored, int sticks, CounterRandom random, double[] heap, out double residual, CancellationToken cancellationToken)
    {
        ulong counter = 0;
        double remaining = 1, evicted = 0;
        int size = 0;
        var workspace = new ArrayWorkspace<double>(heap);
        for (int j = 1; j <= sticks; j++)
        {
            if ((j & (StickCancellationInterval - 1)) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            double x = Gamma(1 - discount, random, ref counter);
            double y = Gamma(concentration + (j * discount), random, ref counter);
            double weight = remaining * (x / (x + y));
            remaining *= y / (x + y);
            if (size < stored)
            {
                int child = size++;
                while (child > 0)
                {
                    int parent = (child - 1) / 2;
                    if (heap[parent] <= weight)
                    {
                        break;
                    }

                    heap[child] = heap[parent];
                    child = parent;
                }

                heap[child] = weight;
            }
            else if (size > 0 && weight > heap[0])
            {
                evicted += heap[0];
                ReplaceMinimum(workspace, size, weight);
            }
            else
            {
                evicted += weight;
            }
        }

        residual = remaining;
        return stored == 0 ? 1 : evicted + remaining;
    }

    // Block of a non-founding draw whose rest weight is w ∈ [0, r + K(1 − d)).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ExistingBlock<TWorkspace>(double w, int r, int k, double oneMinusDiscount, TWorkspace workspace)
        where TWorkspace : IWorkspace<int>, allows ref struct
    {
        if (w < r)
        {
            return workspace[unchecked((int)w)];
        }

        int block = unchecked((int)((w - r) / oneMinusDiscount));
        return block >= k ? k - 1 : block; // rounding at the upper edge
    }

    // Counts the blocks of the r non-founding draws into workspace[r, r + k) (each block has its founder).
    private static void CountBlocks<TWorkspace>(TWorkspace workspace, int r, int k)
        where TWorkspace : IWorkspace<int>, allows ref struct
    {
        for (int b = r; b < r + k; b++)
        {
            workspace[b] = 1;
        }

        for (int j = 0; j < r; j++)
        {
            int slot = r + workspace[j];
            int count = workspace[slot];
            workspace[slot] = count + 1;
        }
    }

    private static void SiftDown<TWorkspace>(TWorkspace values, int start, int root, int count)
        where TWorkspace : IWorkspace<int>, allows ref struct
    {
        int value = values[start + root];
        while (true)
        {
            int child = (2 * root) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && values[start + child + 1] > values[start + child])
            {
                child++;
            }

            if (values[start + child] <= value)
            {
                break;
            }

            int moved = values[start + child]; // one indexer per statement: ILGPU's frontend rejects a[i] = a[j]
            values[start + root] = moved;
            root = child;
        }

        values[start + root] = value;
    }

    // Replaces the minimum of a min-heap of the given size and restores the heap property.
    private static void ReplaceMinimum<TWorkspace>(TWorkspace heap, int size, double value)
        where TWorkspace : IWorkspace<double>, allows ref struct
    {
        int root = 0;
        while (true)
        {
            int child = (2 * root) + 1;
            if (child >= size)
            {
                break;
            }

            if (child + 1 < size && heap[child + 1] < heap[child])
            {
                child++;
            }

            if (heap[child] >= value)
            {
                break;
            }

            double moved = heap[child];
            heap[root] = moved;
            root = child;
        }

        heap[root] = value;
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
