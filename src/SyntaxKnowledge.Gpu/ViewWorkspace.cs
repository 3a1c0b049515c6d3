using ILGPU;
using ILGPU.Runtime;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Gpu;

/// <summary>An <see cref="IWorkspace{T}"/> over a dense device view, so kernels call the core samplers unchanged.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="view">The device memory.</param>
internal readonly struct ViewWorkspace<T>(ArrayView1D<T, Stride1D.Dense> view) : IWorkspace<T>
    where T : unmanaged
{
    private readonly ArrayView1D<T, Stride1D.Dense> _view = view;

    public T this[int index]
    {
        get => _view[index];
        set => _view[index] = value;
    }
}

/// <summary>The scalar arguments every kernel receives (one struct keeps kernel signatures short).</summary>
/// <param name="Discount">The discount d, in double.</param>
/// <param name="Concentration">The concentration θ, in double.</param>
/// <param name="Size">Draws n (chain, seating) or sticks M (stick-breaking).</param>
/// <param name="Stored">The number of stored elements C (stick-breaking).</param>
/// <param name="Seed">The seed.</param>
/// <param name="First">The first replicate of this launch.</param>
/// <param name="Count">The number of replicates in this launch.</param>
/// <param name="Threads">The number of launched threads (the grid stride).</param>
/// <param name="Slice">The per-thread workspace length.</param>
/// <param name="MaximumDistinct">The largest number of distinct block sizes (profile half-stride).</param>
internal readonly record struct KernelArguments(
    double Discount,
    double Concentration,
    int Size,
    int Stored,
    ulong Seed,
    long First,
    int Count,
    int Threads,
    int Slice,
    int MaximumDistinct);
