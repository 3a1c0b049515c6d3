using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using SyntaxKnowledge.Processes;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Gpu;

/// <summary>
/// A simulation backend on an ILGPU accelerator: a CUDA or OpenCL GPU (<see cref="TryCreateGpu"/>) or ILGPU's
/// CPU accelerator (<see cref="CreateCpu"/>). Kernels call the same pure samplers as
/// <see cref="ManagedBackend"/> (<see cref="Samplers"/>, <see cref="CounterRandom"/>), one replicate per
/// thread iteration, so the same seed gives the same replicates.
/// </summary>
/// <remarks>
/// <para>Precision: kernels simulate in <see cref="double"/>; the exact rational parameters are rounded to
/// double on the host (<see cref="PitmanYorParameters.DiscountValue"/>), as the managed backend does.</para>
/// <para>Reproducibility: on the CPU accelerator every result is bit-for-bit that of
/// <see cref="ManagedBackend"/>, whatever the thread count. On a GPU, integer statistics agree except where a
/// floating-point comparison falls within rounding of its threshold (GPU compilers may contract a·b + c to
/// a fused multiply-add, and GPU math libraries round log/exp differently), so GPU results are checked
/// statistically.</para>
/// <para>Memory: the chain needs O(1) per replicate; seating needs n integers of device memory per running
/// thread plus 2·⌊√(2n)⌋ integers per replicate for the block-size profile; stick-breaking with C stored
/// needs C doubles per running thread. Work is split into launches that fit <see cref="MemoryBudget"/>;
/// between launches the backend reports progress and observes cancellation.</para>
/// <para>Thread-safety: calls are serialised on the accelerator; the object may be shared. It owns an ILGPU
/// <c>Context</c> and <c>Accelerator</c>: dispose it. After <see cref="Dispose"/>, every operation throws
/// <see cref="ObjectDisposedException"/> (an <see cref="InvalidOperationException"/>).</para>
/// </remarks>
public sealed class IlgpuBackend : ISimulationBackend, IDisposable
{
    private const long CpuDrawsPerLaunch = 1L << 25;
    private const long GpuDrawsPerLaunch = 1L << 34;

    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly Lock _gate = new();
    private readonly int _threads;
    private Action<Index1D, ArrayView1D<int, Stride1D.Dense>, KernelArguments>? _distinctKernel;
    private Action<Index1D, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>, KernelArguments>? _seatingKernel;
    private Action<Index1D, ArrayView1D<double, Stride1D.Dense>, KernelArguments>? _uncoveredKernel;
    private Action<Index1D, ArrayView1D<double, Stride1D.Dense>, ArrayView1D<double, Stride1D.Dense>, ArrayView1D<double, Stride1D.Dense>, KernelArguments>? _rankedKernel;
    private bool _disposed;

    private IlgpuBackend(Context context, Accelerator accelerator, bool isGpu, int threads, long memoryBudget)
    {
        _context = context;
        _accelerator = accelerator;
        IsGpu = isGpu;
        _threads = threads;
        MemoryBudget = memoryBudget;
        DeviceName = accelerator.Name;
    }

    /// <summary>Gets the backend's command-line name: "gpu" on a CUDA or OpenCL device, "ilgpu-cpu" on the CPU accelerator.</summary>
    public string Name => IsGpu ? "gpu" : "ilgpu-cpu";

    /// <summary>Gets a value indicating whether the backend runs on a GPU (CUDA or OpenCL).</summary>
    public bool IsGpu { get; }

    /// <summary>Gets the accelerator's device name (e.g. "NVIDIA H100 80GB HBM3" or "CPUAccelerator").</summary>
    public string DeviceName { get; }

    /// <summary>Gets the device memory, in bytes, that one launch may allocate; larger jobs are split into launches.</summary>
    public long MemoryBudget { get; }

    /// <summary>Creates a backend on ILGPU's CPU accelerator, which is always available.</summary>
    /// <param name="threads">The number of CPU threads the accelerator runs. Range: 2 ≤ threads ≤ 1024, or 0 for
    /// max(2, the number of cores).</param>
    /// <param name="memoryBudget">The bytes one launch may allocate. Range: ≥ 1 MiB, or 0 for a quarter of the
    /// memory available to the process.</param>
    /// <returns>The backend; dispose it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    /// <remarks>The CPU accelerator is for testing the kernels and for bit-exact reproduction of the managed backend
    /// through the kernel code path; <see cref="ManagedBackend"/> is faster on a CPU.</remarks>
    public static IlgpuBackend CreateCpu(int threads = 0, long memoryBudget = 0)
    {
        if (threads != 0 && (threads < 2 || threads > 1024))
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, string.Create(CultureInfo.InvariantCulture, $"threads = {threads} is out of range; valid range: 2 <= threads <= 1024, or 0 for all cores."));
        }

        ValidateBudget(memoryBudget);
        int count = threads == 0 ? Math.Max(2, Environment.ProcessorCount) : threads;
        long budget = memoryBudget == 0 ? Math.Max(1L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4) : memoryBudget;

        // One multiprocessor whose warp has one OS thread per requested thread. Each launch has 64-256 logical
        // threads that loop over replicates (one logical thread per replicate costs ~0.3 ms each on this accelerator).
        var device = new CPUDevice(count, 1, 1);
        Context context = Context.Create(builder => builder.CPU(device).EnableAlgorithms());
        try
        {
            Accelerator accelerator = device.CreateCPUAccelerator(context, CPUAcceleratorMode.Parallel);
            return new IlgpuBackend(context, accelerator, isGpu: false, Math.Clamp(32 * count, 64, 256), budget);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Tries to create a backend on the best GPU: the CUDA device with the most memory, else an OpenCL GPU.</summary>
    /// <param name="backend">The backend when a device exists; otherwise <see langword="null"/>.</param>
    /// <param name="memoryBudget">The bytes one launch may allocate. Range: ≥ 1 MiB, or 0 for half the device memory.</param>
    /// <returns><see langword="true"/> when a GPU was found and opened; <see langword="false"/> only when no CUDA or
    /// OpenCL GPU exists (no driver, or no device).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="memoryBudget"/> is outside its range.</exception>
    /// <exception cref="InvalidOperationException">A GPU exists but could not be opened (the message names it and the cause).</exception>
    public static bool TryCreateGpu([NotNullWhen(true)] out IlgpuBackend? backend, long memoryBudget = 0)
    {
        ValidateBudget(memoryBudget);
        backend = null;
        Context context = Context.Create(builder => builder.Cuda().OpenCL(device => device.DeviceType == CLDeviceType.CL_DEVICE_TYPE_GPU).EnableAlgorithms());
        Device? best = context.Devices.Where(d => d.AcceleratorType == AcceleratorType.Cuda).OrderByDescending(d => d.MemorySize).FirstOrDefault()
                       ?? context.Devices.Where(d => d.AcceleratorType == AcceleratorType.OpenCL).OrderByDescending(d => d.MemorySize).FirstOrDefault();
        if (best is null)
        {
            context.Dispose();
            return false;
        }

        try
        {
            Accelerator accelerator = best.CreateAccelerator(context);
            long budget = memoryBudget == 0 ? Math.Max(1L << 20, accelerator.MemorySize / 2) : memoryBudget;
            backend = new IlgpuBackend(context, accelerator, isGpu: true, accelerator.MaxNumThreads, budget);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context.Dispose();
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The GPU '{best.Name}' ({best.AcceleratorType}) was found but could not be opened: {e.Message}"), e);
        }
    }

    /// <inheritdoc/>
    public DistinctSample SimulateDistinct(PitmanYorParameters parameters, int draws, int replicates, ulong seed, long firstReplicate = 0, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Check.AtLeast(draws, 1, nameof(draws));
        Check.AtLeast(replicates, 1, nameof(replicates));
        Check.FirstReplicate(firstReplicate, replicates);
        var result = new int[replicates];
        Execute(() =>
        {
            _distinctKernel ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView1D<int, Stride1D.Dense>, KernelArguments>(DistinctKernel);
            int chunk = ChunkSize(replicates, draws, bytesPerReplicate: sizeof(int));
            using MemoryBuffer1D<int, Stride1D.Dense> output = _accelerator.Allocate1D<int>(chunk);
            ForEachChunk(replicates, chunk, progress, (first, count) =>
            {
                int threads = Math.Min(count, _threads);
                _distinctKernel(threads, output.View, Arguments(parameters, draws, 0, seed, firstReplicate + first, count, threads, 0, 0));
                _accelerator.Synchronize();
                output.View.SubView(0, count).AsContiguous().CopyToCPU(result.AsSpan(first, count));
            }, cancellationToken);
        });
        return new DistinctSample(Name, parameters, draws, seed, ImmutableCollectionsMarshal.AsImmutableArray(result), firstReplicate);
    }

    /// <inheritdoc/>
    public SeatingSample SimulateSeating(PitmanYorParameters parameters, int draws, int replicates, ulong seed, long firstReplicate = 0, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Check.AtLeast(draws, 1, nameof(draws));
        Check.AtLeast(replicates, 1, nameof(replicates));
        Check.FirstReplicate(firstReplicate, replicates);
        int maximumDistinct = Samplers.MaximumDistinctSizes(draws);
        int stride = 2 * maximumDistinct;
        long threadBytes = (long)draws * sizeof(int);
        if (threadBytes + (stride * (long)sizeof(int)) > MemoryBudget)
        {
            throw new ArgumentOutOfRangeException(nameof(draws), draws, string.Create(CultureInfo.InvariantCulture, $"draws = {draws} needs {threadBytes} bytes of device memory per replicate, more than the budget of {MemoryBudget} bytes on '{DeviceName}'; valid range: draws <= {MemoryBudget / sizeof(int) / 2}."));
        }

        var result = new BlockHistogram[replicates];
        Execute(() =>
        {
            _seatingKernel ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>, KernelArguments>(SeatingKernel);

            // Threads each need a workspace of n integers; replicates each need a profile of 2·D integers.
            int threads = (int)Math.Max(1, Math.Min(_threads, Math.Min(replicates, (MemoryBudget / 2) / threadBytes)));
            long profileBytes = (stride + 1L) * sizeof(int);
            int chunk = (int)Math.Max(threads, Math.Min(ChunkSize(replicates, draws, profileBytes), Math.Min(int.MaxValue / Math.Max(1, stride), (MemoryBudget / 2) / profileBytes)));
            chunk = Math.Min(chunk, replicates);
            using MemoryBuffer1D<int, Stride1D.Dense> workspace = _accelerator.Allocate1D<int>((long)threads * draws);
            using MemoryBuffer1D<int, Stride1D.Dense> profiles = _accelerator.Allocate1D<int>((long)chunk * stride);
            using MemoryBuffer1D<int, Stride1D.Dense> distinctSizes = _accelerator.Allocate1D<int>(chunk);
            var hostProfiles = new int[(long)chunk * stride];
            var hostDistinct = new int[chunk];
            ForEachChunk(replicates, chunk, progress, (first, count) =>
            {
                int launched = Math.Min(count, threads);
                _seatingKernel(launched, workspace.View, profiles.View, distinctSizes.View, Arguments(parameters, draws, 0, seed, firstReplicate + first, count, launched, draws, maximumDistinct));
                _accelerator.Synchronize();
                distinctSizes.View.SubView(0, count).AsContiguous().CopyToCPU(hostDistinct.AsSpan(0, count));
                profiles.View.SubView(0, (long)count * stride).AsContiguous().CopyToCPU(hostProfiles.AsSpan(0, count * stride));
                for (int i = 0; i < count; i++)
                {
                    ReadOnlySpan<int> profile = hostProfiles.AsSpan(i * stride, stride);
                    result[first + i] = BlockHistogram.FromProfile(profile[..hostDistinct[i]], profile.Slice(maximumDistinct, hostDistinct[i]));
                }
            }, cancellationToken);
        });
        return new SeatingSample(Name, parameters, draws, seed, ImmutableCollectionsMarshal.AsImmutableArray(result), firstReplicate);
    }

    /// <inheritdoc/>
    public UncoveredMassSample SimulateUncoveredMass(PitmanYorParameters parameters, int stored, int replicates, ulong seed, long firstReplicate = 0, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Check.AtLeast(stored, 0, nameof(stored));
        Check.AtLeast(replicates, 1, nameof(replicates));
        Check.FirstReplicate(firstReplicate, replicates);
        var result = new double[replicates];
        Execute(() =>
        {
            _uncoveredKernel ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView1D<double, Stride1D.Dense>, KernelArguments>(UncoveredKernel);
            int chunk = ChunkSize(replicates, 8L * Math.Max(1, stored), sizeof(double));
            using MemoryBuffer1D<double, Stride1D.Dense> output = _accelerator.Allocate1D<double>(chunk);
            ForEachChunk(replicates, chunk, progress, (first, count) =>
            {
                int threads = Math.Min(count, _threads);
                _uncoveredKernel(threads, output.View, Arguments(parameters, stored, 0, seed, firstReplicate + first, count, threads, 0, 0));
                _accelerator.Synchronize();
                output.View.SubView(0, count).AsContiguous().CopyToCPU(result.AsSpan(first, count));
            }, cancellationToken);
        });
        return new UncoveredMassSample(Name, parameters, stored, seed, ImmutableCollectionsMarshal.AsImmutableArray(result), firstReplicate);
    }

    /// <inheritdoc/>
    public RankedUncoveredMassSample SimulateRankedUncoveredMass(PitmanYorParameters parameters, int stored, int sticks, int replicates, ulong seed, long firstReplicate = 0, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Check.AtLeast(stored, 0, nameof(stored));
        Check.AtLeast(sticks, Math.Max(stored, 1), nameof(sticks));
        Check.AtLeast(replicates, 1, nameof(replicates));
        Check.FirstReplicate(firstReplicate, replicates);
        int slice = Math.Max(1, Math.Min(stored, sticks));
        if ((long)slice * sizeof(double) > MemoryBudget / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(stored), stored, string.Create(CultureInfo.InvariantCulture, $"stored = {stored} needs {slice * (long)sizeof(double)} bytes of device memory per thread, more than half the budget of {MemoryBudget} bytes on '{DeviceName}'; valid range: stored <= {MemoryBudget / 2 / sizeof(double)}."));
        }

        var uncovered = new double[replicates];
        var residual = new double[replicates];
        Execute(() =>
        {
            _rankedKernel ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView1D<double, Stride1D.Dense>, ArrayView1D<double, Stride1D.Dense>, ArrayView1D<double, Stride1D.Dense>, KernelArguments>(RankedKernel);
            int threads = (int)Math.Max(1, Math.Min(_threads, Math.Min(replicates, (MemoryBudget / 2) / (slice * (long)sizeof(double)))));
            int chunk = Math.Max(threads, ChunkSize(replicates, 8L * sticks, 2 * sizeof(double)));
            chunk = Math.Min(chunk, replicates);
            using MemoryBuffer1D<double, Stride1D.Dense> heaps = _accelerator.Allocate1D<double>((long)threads * slice);
            using MemoryBuffer1D<double, Stride1D.Dense> mass = _accelerator.Allocate1D<double>(chunk);
            using MemoryBuffer1D<double, Stride1D.Dense> rest = _accelerator.Allocate1D<double>(chunk);
            ForEachChunk(replicates, chunk, progress, (first, count) =>
            {
                int launched = Math.Min(count, threads);
                _rankedKernel(launched, heaps.View, mass.View, rest.View, Arguments(parameters, sticks, stored, seed, firstReplicate + first, count, launched, slice, 0));
                _accelerator.Synchronize();
                mass.View.SubView(0, count).AsContiguous().CopyToCPU(uncovered.AsSpan(first, count));
                rest.View.SubView(0, count).AsContiguous().CopyToCPU(residual.AsSpan(first, count));
            }, cancellationToken);
        });
        return new RankedUncoveredMassSample(Name, parameters, stored, sticks, seed, ImmutableCollectionsMarshal.AsImmutableArray(uncovered), ImmutableCollectionsMarshal.AsImmutableArray(residual), firstReplicate);
    }

    /// <summary>Releases the accelerator and the ILGPU context.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _accelerator.Dispose();
            _context.Dispose();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({DeviceName})");

    private static void DistinctKernel(Index1D thread, ArrayView1D<int, Stride1D.Dense> distinct, KernelArguments a)
    {
        for (int i = thread.X; i < a.Count; i += a.Threads)
        {
            distinct[i] = Samplers.Distinct(a.Discount, a.Concentration, a.Size, CounterRandom.Create(a.Seed, unchecked((ulong)(a.First + i))));
        }
    }

    private static void SeatingKernel(Index1D thread, ArrayView1D<int, Stride1D.Dense> workspace, ArrayView1D<int, Stride1D.Dense> profiles, ArrayView1D<int, Stride1D.Dense> distinctSizes, KernelArguments a)
    {
        var work = new ViewWorkspace<int>(workspace.SubView((long)thread.X * a.Slice, a.Slice));
        var output = new ViewWorkspace<int>(profiles);
        for (int i = thread.X; i < a.Count; i += a.Threads)
        {
            int blocks = Samplers.Seating(a.Discount, a.Concentration, a.Size, CounterRandom.Create(a.Seed, unchecked((ulong)(a.First + i))), work);
            int offset = 2 * a.MaximumDistinct * i;
            distinctSizes[i] = Samplers.Profile(work, a.Size - blocks, blocks, output, offset, offset + a.MaximumDistinct);
        }
    }

    private static void UncoveredKernel(Index1D thread, ArrayView1D<double, Stride1D.Dense> mass, KernelArguments a)
    {
        for (int i = thread.X; i < a.Count; i += a.Threads)
        {
            mass[i] = Samplers.UncoveredMass(a.Discount, a.Concentration, a.Size, CounterRandom.Create(a.Seed, unchecked((ulong)(a.First + i))));
        }
    }

    private static void RankedKernel(Index1D thread, ArrayView1D<double, Stride1D.Dense> heaps, ArrayView1D<double, Stride1D.Dense> mass, ArrayView1D<double, Stride1D.Dense> residual, KernelArguments a)
    {
        var heap = new ViewWorkspace<double>(heaps.SubView((long)thread.X * a.Slice, a.Slice));
        for (int i = thread.X; i < a.Count; i += a.Threads)
        {
            mass[i] = Samplers.RankedUncoveredMass(a.Discount, a.Concentration, a.Stored, a.Size, CounterRandom.Create(a.Seed, unchecked((ulong)(a.First + i))), heap, out double rest);
            residual[i] = rest;
        }
    }

    private static KernelArguments Arguments(PitmanYorParameters parameters, int size, int stored, ulong seed, long first, int count, int threads, int slice, int maximumDistinct) =>
        new(parameters.DiscountValue, parameters.ConcentrationValue, size, stored, seed, first, count, threads, slice, maximumDistinct);

    private static void ValidateBudget(long memoryBudget)
    {
        if (memoryBudget != 0 && memoryBudget < (1L << 20))
        {
            throw new ArgumentOutOfRangeException(nameof(memoryBudget), memoryBudget, string.Create(CultureInfo.InvariantCulture, $"memoryBudget = {memoryBudget} is out of range; valid range: memoryBudget >= 1048576 (1 MiB), or 0 for the default."));
        }
    }

    private static void ForEachChunk(int replicates, int chunk, IProgress<double>? progress, Action<int, int> launch, CancellationToken cancellationToken)
    {
        for (int first = 0; first < replicates; first += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(chunk, replicates - first);
            launch(first, count);
            progress?.Report((double)(first + count) / replicates);
        }
    }

    // Replicates per launch: enough to fill the device, few enough that a launch is short (progress, Ctrl-C) and fits memory.
    private int ChunkSize(int replicates, long costPerReplicate, long bytesPerReplicate)
    {
        long byWork = (IsGpu ? GpuDrawsPerLaunch : CpuDrawsPerLaunch) / Math.Max(1, costPerReplicate);
        long byMemory = (MemoryBudget / 2) / Math.Max(1, bytesPerReplicate);
        long chunk = Math.Max(Math.Min(_threads, replicates), byWork);
        return (int)Math.Max(1, Math.Min(Math.Min(chunk, byMemory), replicates));
    }

    // Serialises use of the accelerator and turns device failures into one clear exception type.
    private void Execute(Action body)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                body();
            }
            catch (Exception e) when (e is AcceleratorException or InternalCompilerException or NotSupportedException)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The {Name} backend on '{DeviceName}' failed: {e.Message}"), e);
            }
        }
    }
}
