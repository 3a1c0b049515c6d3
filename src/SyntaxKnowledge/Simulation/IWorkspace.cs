namespace SyntaxKnowledge.Simulation;

/// <summary>
/// Random-access scratch memory for the samplers in <see cref="Samplers"/>: host arrays on the managed
/// backend, device views inside GPU kernels. Implementations are structs, so every call is resolved at
/// compile time (no boxing, no virtual dispatch) and the same sampler code compiles in kernels.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>An implementation wraps memory it does not own; copying the struct copies the reference, not
/// the elements. Bounds are the caller's responsibility: each sampler documents the length it needs.</remarks>
public interface IWorkspace<T>
    where T : unmanaged
{
    /// <summary>Gets or sets the element at <paramref name="index"/>.</summary>
    /// <param name="index">The element index. Range: 0 ≤ index &lt; the workspace length.</param>
    /// <returns>The element.</returns>
    T this[int index] { get; set; }
}
