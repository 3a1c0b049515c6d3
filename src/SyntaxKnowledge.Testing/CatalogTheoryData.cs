using SyntaxKnowledge.Theorems;
using Xunit;

namespace SyntaxKnowledge.Testing;

/// <summary>
/// The theorem catalog as xUnit theory data: one test case per theorem identifier of
/// <see cref="TheoremCatalog.All"/>, in catalog (section) order.
/// <code>
/// [Theory]
/// [ClassData(typeof(CatalogTheoryData))]
/// public void Theorem_Verifies(string id) => TheoremAssert.Verifies(id);
/// </code>
/// </summary>
/// <remarks>Identifiers are strings, so every theorem shows as its own test case in a test explorer and
/// can be run alone. Use <see cref="Filter"/> for a part of the catalog (e.g. one section) with
/// <c>[MemberData]</c>.</remarks>
public sealed class CatalogTheoryData : TheoryData<string>
{
    /// <summary>Initializes a new instance of the <see cref="CatalogTheoryData"/> class holding every theorem identifier.</summary>
    public CatalogTheoryData()
    {
        foreach (Theorem theorem in TheoremCatalog.All)
        {
            Add(theorem.Id);
        }
    }

    /// <summary>Returns the identifiers of the theorems that satisfy a predicate, as theory data.</summary>
    /// <param name="predicate">Which theorems to keep, e.g. <c>t =&gt; t.Section.StartsWith("1.", StringComparison.Ordinal)</c>.</param>
    /// <returns>The identifiers, in catalog order (possibly none).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is <see langword="null"/>.</exception>
    public static TheoryData<string> Filter(Func<Theorem, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var data = new TheoryData<string>();
        foreach (Theorem theorem in TheoremCatalog.All.Where(predicate))
        {
            data.Add(theorem.Id);
        }

        return data;
    }
}
