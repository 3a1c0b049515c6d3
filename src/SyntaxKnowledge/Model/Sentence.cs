using System.Collections.Immutable;

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
    /// <summary>Gets the sentence as text: the tokens joined by single spaces.</summary>
    public string Text => string.Join(' ', Tokens);
}
