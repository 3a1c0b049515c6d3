using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SyntaxKnowledge.Simulation;

/// <summary>A bounds-checked <see cref="IWorkspace{T}"/> over a span, for callers of the public span overloads.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="span">The memory.</param>
internal readonly ref struct SpanWorkspace<T>(Span<T> span) : IWorkspace<T>
    where T : unmanaged
{
    private readonly Span<T> _span = span;

    public T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _span[index];
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        set => _span[index] = value;
    }
}

/// <summary>
/// An <see cref="IWorkspace{T}"/> over an array without per-access bounds checks (the managed backend's
/// hot loops); callers check the length once, before the loop.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="array">The memory; its length must cover every index the sampler uses.</param>
internal readonly struct ArrayWorkspace<T>(T[] array) : IWorkspace<T>
    where T : unmanaged
{
    private readonly T[] _array = array;

    public T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            Debug.Assert((uint)index < (uint)_array.Length, "index within the workspace");
            return Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), index);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        set
        {
            Debug.Assert((uint)index < (uint)_array.Length, "index within the workspace");
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), index) = value;
        }
    }
}
