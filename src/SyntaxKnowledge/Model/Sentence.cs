using System.Collections.Immutable;
using SyntaxKnowledge.Internal;

namespace SyntaxKnowledge.Model;

/// <summary>One generated sentence of a Syntax-Knowledge corpus, with its latent structure and its tokens.</summary>
/// <param name="Index">The sentence index i (0-based) in the corpus.</param>
/// <param name="Entity">The entity k, 0-based in order of first appearance.</param>
/// <param name="IsNewEntity">Whether this sentence is the entity's first appearance.</param>
/// <param name="Attribute">The attribute j.</param>
/// <param name="Template">The template t of attribute j.</param>
/// <param name="Value">The value index v of fact (k, j) in the attribute's vocabulary.</param>
/// <param name="GivenName">The entity's given name.</param>
/// <param name="FamilyName">The entity's family name.</param>
/// <param name="Tokens">The rendered tokens.</param>
/// <param name="Tags">The tag of every token (syntax, name or value).</param>
public sealed record Sentence(
    long Index,
    int Entity,
    bool IsNewEntity,
    int Attribute,
    int Template,
    int Value,
    string GivenName,
    string FamilyName,
    ImmutableArray<string> Tokens,
    ImmutableArray<TokenTag> Tags)
{
    /// <summary>Value equality: every member is compared, collections element by element (a record's own equality would
    /// compare them by reference).</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(Sentence? other) =>
        other is not null
            && Equals(Index, other.Index)
            && Equals(Entity, other.Entity)
            && Equals(IsNewEntity, other.IsNewEntity)
            && Equals(Attribute, other.Attribute)
            && Equals(Template, other.Template)
            && Equals(Value, other.Value)
            && Equals(GivenName, other.GivenName)
            && Equals(FamilyName, other.FamilyName)
            && Sequence.Equal(Tokens, other.Tokens)
            && Sequence.Equal(Tags, other.Tags);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Index);
        hash.Add(Entity);
        hash.Add(IsNewEntity);
        hash.Add(Attribute);
        hash.Add(Template);
        hash.Add(Value);
        hash.Add(GivenName);
        hash.Add(FamilyName);
        hash.Add(Sequence.Hash(Tokens));
        hash.Add(Sequence.Hash(Tags));
        return hash.ToHashCode();
    }

    /// <summary>Gets the sentence as text: the tokens joined by single spaces.</summary>
    public string Text => string.Join(' ', Tokens);
}
