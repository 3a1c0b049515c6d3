namespace SyntaxKnowledge.Model;

/// <summary>How a sentence is cut into tokens. The sentence law does not depend on it: only the tokens do.</summary>
public enum Tokenization
{
    /// <summary>One token per word: a name is two tokens (given and family name). The default.</summary>
    Words,

    /// <summary>
    /// A name is rendered as the pieces the name model builds it from: each given syllable, each family syllable and
    /// the family ending is one token, and the first syllable of each name word is capitalised (e.g. <c>Ka ra lo Bo va n</c>
    /// for <c>Karalo Bovan</c>), so the vocabulary is finite and every piece stream parses back to one name.
    /// </summary>
    Pieces,
}
