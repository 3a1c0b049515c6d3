using System.Collections.Immutable;

namespace SyntaxKnowledge.Internal;

/// <summary>Element-wise equality and hash codes of collections, for the value equality of public records (a record's
/// compiler-made equality compares an <see cref="ImmutableArray{T}"/> by reference).</summary>
internal static class Sequence
{
    /// <summary>Whether two immutable arrays hold equal elements in the same order (default arrays equal only each other).</summary>
    public static bool Equal<T>(ImmutableArray<T> left, ImmutableArray<T> right)
    {
        if (left.IsDefault || right.IsDefault)
        {
            return left.IsDefault == right.IsDefault;
        }

        return left.AsSpan().SequenceEqual(right.AsSpan(), EqualityComparer<T>.Default);
    }

    /// <summary>Whether two lists hold equal elements in the same order (null equals only null).</summary>
    public static bool Equal<T>(IReadOnlyList<T>? left, IReadOnlyList<T>? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null || left.Count != right.Count)
        {
            return false;
        }

        for (int i = 0; i < left.Count; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether two arrays of arrays hold equal elements in the same order.</summary>
    public static bool EqualNested<T>(ImmutableArray<ImmutableArray<T>> left, ImmutableArray<ImmutableArray<T>> right)
    {
        if (left.IsDefault || right.IsDefault)
        {
            return left.IsDefault == right.IsDefault;
        }

        if (left.Length != right.Length)
        {
            return false;
        }

        for (int i = 0; i < left.Length; i++)
        {
            if (!Equal(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A hash code of the elements in order, consistent with <see cref="Equal{T}(ImmutableArray{T}, ImmutableArray{T})"/>.</summary>
    public static int Hash<T>(ImmutableArray<T> values)
    {
        var hash = new HashCode();
        if (!values.IsDefault)
        {
            hash.Add(values.Length);
            foreach (T value in values)
            {
                hash.Add(value);
            }
        }

        return hash.ToHashCode();
    }

    /// <summary>A hash code of the elements in order, consistent with <see cref="Equal{T}(IReadOnlyList{T}, IReadOnlyList{T})"/>.</summary>
    public static int Hash<T>(IReadOnlyList<T>? values)
    {
        var hash = new HashCode();
        if (values is not null)
        {
            hash.Add(values.Count);
            foreach (T value in values)
            {
                hash.Add(value);
            }
        }

        return hash.ToHashCode();
    }

    /// <summary>A hash code of arrays of arrays, consistent with <see cref="EqualNested{T}"/>.</summary>
    public static int HashNested<T>(ImmutableArray<ImmutableArray<T>> values)
    {
        var hash = new HashCode();
        if (!values.IsDefault)
        {
            hash.Add(values.Length);
            foreach (ImmutableArray<T> value in values)
            {
                hash.Add(Hash(value));
            }
        }

        return hash.ToHashCode();
    }
}
