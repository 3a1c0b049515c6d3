using System.Globalization;
using SyntaxKnowledge.Model;

namespace SyntaxKnowledge.Prediction;

/// <summary>The parse of a sentence: which template rendered it, and the name and value in its slots.</summary>
/// <param name="Attribute">The attribute j.</param>
/// <param name="Template">The template t of attribute j.</param>
/// <param name="GivenName">The given-name token.</param>
/// <param name="FamilyName">The family-name token.</param>
/// <param name="Value">The value index v in the attribute's vocabulary.</param>
public sealed record SentenceStructure(int Attribute, int Template, string GivenName, string FamilyName, int Value)
{
    /// <summary>Returns the structure of a generated sentence.</summary>
    /// <param name="sentence">The sentence.</param>
    /// <returns>Its structure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sentence"/> is <see langword="null"/>.</exception>
    public static SentenceStructure Of(Sentence sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return new SentenceStructure(sentence.Attribute, sentence.Template, sentence.GivenName, sentence.FamilyName, sentence.Value);
    }
}

/// <summary>Parses token sequences into (attribute, template, name, value) using the model's disjoint vocabularies.</summary>
public static class SentenceParser
{
    /// <summary>Parses a sentence; every valid sentence has exactly one parse (the model guarantees distinguishable templates).</summary>
    /// <param name="model">The model.</param>
    /// <param name="tokens">The tokens.</param>
    /// <returns>The structure.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The tokens are not a sentence of the model.</exception>
    public static SentenceStructure Parse(SyntaxKnowledgeModel model, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokens);
        return TryParse(model, tokens, out SentenceStructure? structure)
            ? structure
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"\"{string.Join(' ', tokens)}\" is not a sentence of the model: no template matches its {tokens.Count} tokens."));
    }

    /// <summary>Tries to parse a sentence.</summary>
    /// <param name="model">The model.</param>
    /// <param name="tokens">The tokens.</param>
    /// <param name="structure">The structure when the sentence parses.</param>
    /// <returns><see langword="true"/> when a template matches all tokens.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static bool TryParse(SyntaxKnowledgeModel model, IReadOnlyList<string> tokens, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SentenceStructure? structure)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokens);
        if (model.Tokenization == Tokenization.Pieces)
        {
            return TryParsePieces(model, tokens, out structure);
        }

        var classes = tokens.Select(model.Vocabulary.Classify).ToArray();
        foreach ((int j, int t) in model.Vocabulary.Templates)
        {
            Template template = model.Attributes[j].Templates[t];
            if (template.Length != tokens.Count)
            {
                continue;
            }

            string given = string.Empty, family = string.Empty;
            int value = -1;
            bool ok = true;
            for (int i = 0; i < tokens.Count && ok; i++)
            {
                TemplateSlot slot = template.Slots[i];
                switch (slot.Kind)
                {
                    case SlotKind.Word:
                        ok = tokens[i] == slot.Word;
                        break;
                    case SlotKind.GivenName:
                        ok = classes[i].Class == TokenClass.GivenName;
                        given = tokens[i];
                        break;
                    case SlotKind.FamilyName:
                        ok = classes[i].Class == TokenClass.FamilyName;
                        family = tokens[i];
                        break;
                    default:
                        ok = classes[i].Class == TokenClass.Value && classes[i].Attribute == j;
                        value = classes[i].Value;
                        break;
                }
            }

            if (ok)
            {
                structure = new SentenceStructure(j, t, given, family, value);
                return true;
            }
        }

        structure = null;
        return false;
    }

    // A name in pieces is self-delimiting: a capitalised given syllable, lower-case given syllables, a capitalised family
    // syllable, lower-case family syllables and one consonant ending; so the slots are walked left to right without search.
    private static bool TryParsePieces(SyntaxKnowledgeModel model, IReadOnlyList<string> tokens, out SentenceStructure? structure)
    {
        foreach ((int j, int t) in model.Vocabulary.Templates)
        {
            Template template = model.Attributes[j].Templates[t];
            string given = string.Empty, family = string.Empty;
            int value = -1, position = 0;
            bool ok = true;
            foreach (TemplateSlot slot in template.Slots)
            {
                if (!ok)
                {
                    break;
                }

                switch (slot.Kind)
                {
                    case SlotKind.Word:
                        ok = position < tokens.Count && tokens[position++] == slot.Word;
                        break;
                    case SlotKind.GivenName:
                        ok = TryReadName(model.Names, tokens, ref position, out given, out family);
                        break;
                    case SlotKind.FamilyName:
                        break;
                    default:
                        var c = position < tokens.Count ? model.Vocabulary.Classify(tokens[position++]) : (TokenClass.Unknown, -1, -1);
                        ok = c.Item1 == TokenClass.Value && c.Item2 == j;
                        value = c.Item3;
                        break;
                }
            }

            if (ok && position == tokens.Count)
            {
                structure = new SentenceStructure(j, t, given, family, value);
                return true;
            }
        }

        structure = null;
        return false;
    }

    private static bool TryReadName(NameModel names, IReadOnlyList<string> tokens, ref int position, out string given, out string family)
    {
        given = family = string.Empty;
        if (position >= tokens.Count || (names.RoleOf(tokens[position]) & PieceRole.GivenFirst) == 0)
        {
            return false;
        }

        var text = new System.Text.StringBuilder(tokens[position++]);
        int syllables = 1;
        while (position < tokens.Count && (names.RoleOf(tokens[position]) & PieceRole.GivenNext) != 0)
        {
            text.Append(tokens[position++]);
            syllables++;
        }

        if (!names.GivenSyllableCounts.Contains(syllables) || position >= tokens.Count || (names.RoleOf(tokens[position]) & PieceRole.FamilyFirst) == 0)
        {
            return false;
        }

        given = text.ToString();
        text.Clear().Append(tokens[position++]);
        syllables = 1;
        while (position < tokens.Count && (names.RoleOf(tokens[position]) & PieceRole.FamilyNext) != 0)
        {
            text.Append(tokens[position++]);
            syllables++;
        }

        if (!names.FamilySyllableCounts.Contains(syllables) || position >= tokens.Count || (names.RoleOf(tokens[position]) & PieceRole.Ending) == 0)
        {
            return false;
        }

        family = text.Append(tokens[position++]).ToString();
        return true;
    }
}
