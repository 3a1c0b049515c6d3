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
}
