using System.Collections.Immutable;
using System.Globalization;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Model;

/// <summary>
/// The hyperparameters of the Syntax-Knowledge model (docs/03-formulas/dirichlet-categorical.md, docs/01-concepts/syntax-knowledge-model.md): a parametric syntax model
/// (attribute probabilities ρ ~ Dirichlet(a_J), template probabilities π_j ~ Dirichlet(a)) and a
/// nonparametric knowledge model (entities drawn by PY(d, θ), names from G, facts from H_j).
/// </summary>
/// <remarks>
/// <para>Immutable. <see cref="Create"/> validates that rendering is unambiguous: syntax words, name
/// words and the value vocabularies of different attributes are pairwise disjoint, and no two templates
/// have the same shape (the sequence of syntax words and slot kinds, the value slot labelled by its
/// attribute) and no shape is a prefix of another, so every sentence parses into exactly one
/// (attribute, template, name, value) and needs no end-of-sentence marker.</para>
/// <para>Presets: <see cref="Biographies"/> (5 attributes, 3–4 templates each, realistic vocabularies) and
/// <see cref="Tiny"/> (small enough to enumerate every corpus of a few sentences).</para>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/2504.09597">Pan, Wang, Liao, Li (2025), §3 (the Syntax-Knowledge model).</seealso>
public sealed record SyntaxKnowledgeModel
{
    private SyntaxKnowledgeModel(PitmanYorParameters knowledge, Rational attributePrior, Rational templatePrior, ImmutableArray<AttributeSpec> attributes, NameModel names, Vocabulary vocabulary, Tokenization tokenization)
    {
        Tokenization = tokenization;
        Knowledge = knowledge;
        AttributePrior = attributePrior;
        TemplatePrior = templatePrior;
        Attributes = attributes;
        Names = names;
        Vocabulary = vocabulary;
    }

    /// <summary>Gets the Pitman–Yor parameters of the entity process.</summary>
    public PitmanYorParameters Knowledge { get; }

    /// <summary>Gets the symmetric Dirichlet concentration a_J of the attribute probabilities ρ. Range: &gt; 0.</summary>
    public Rational AttributePrior { get; }

    /// <summary>Gets the symmetric Dirichlet concentration a of each attribute's template probabilities π_j. Range: &gt; 0.</summary>
    public Rational TemplatePrior { get; }

    /// <summary>Gets the attributes (J of them).</summary>
    public ImmutableArray<AttributeSpec> Attributes { get; }

    /// <summary>Gets the name base distribution G.</summary>
    public NameModel Names { get; }

    /// <summary>Gets how sentences are cut into tokens (<see cref="Tokenization.Words"/> unless set with
    /// <see cref="WithTokenization"/>). It changes the tokens, never the law of the sentences.</summary>
    public Tokenization Tokenization { get; }

    /// <summary>Gets the number of free syntax parameters k_syn = (J − 1) + Σ_j (m_j − 1).</summary>
    public int SyntaxParameters => Attributes.Length - 1 + Attributes.Sum(a => a.Templates.Length - 1);

    internal Vocabulary Vocabulary { get; }

    /// <summary>Creates a validated model.</summary>
    /// <param name="knowledge">The entity process PY(d, θ).</param>
    /// <param name="attributePrior">The attribute concentration a_J. Range: &gt; 0.</param>
    /// <param name="templatePrior">The template concentration a. Range: &gt; 0.</param>
    /// <param name="attributes">The attributes. Range: at least one, distinct names.</param>
    /// <param name="names">The name model.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A prior is not positive.</exception>
    /// <exception cref="ArgumentException">Vocabularies overlap or two templates have the same shape.</exception>
    public static SyntaxKnowledgeModel Create(PitmanYorParameters knowledge, Rational attributePrior, Rational templatePrior, IReadOnlyList<AttributeSpec> attributes, NameModel names)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(names);
        Preconditions.Positive(attributePrior, nameof(attributePrior));
        Preconditions.Positive(templatePrior, nameof(templatePrior));
        if (attributes.Count == 0 || attributes.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() != attributes.Count)
        {
            throw new ArgumentException("At least one attribute is needed and attribute names must be distinct.", nameof(attributes));
        }

        ImmutableArray<AttributeSpec> list = [.. attributes];
        return new SyntaxKnowledgeModel(knowledge, attributePrior, templatePrior, list, names, Vocabulary.Build(list, names), Tokenization.Words);
    }

    /// <summary>Returns a copy that renders sentences with another tokenization (same hyperparameters, same sentence law).</summary>
    /// <param name="tokenization">The tokenization.</param>
    /// <returns>The new model.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokenization"/> is not a defined value.</exception>
    /// <exception cref="ArgumentException">Pieces were asked for and a value token is also a capitalised given syllable, so a
    /// name's first piece could not be told from a value.</exception>
    public SyntaxKnowledgeModel WithTokenization(Tokenization tokenization)
    {
        if (tokenization is not (Tokenization.Words or Tokenization.Pieces))
        {
            throw new ArgumentOutOfRangeException(nameof(tokenization), tokenization, "The tokenization must be Words or Pieces.");
        }

        if (tokenization == Tokenization.Pieces)
        {
            foreach (AttributeSpec a in Attributes)
            {
                string? clash = a.Values.FirstOrDefault(v => (Names.RoleOf(v) & PieceRole.GivenFirst) != 0);
                if (clash is not null)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Value '{clash}' of attribute '{a.Name}' is also the first piece of a given name; pieces tokenization needs them distinct."), nameof(tokenization));
                }
            }
        }

        return tokenization == Tokenization ? this : new SyntaxKnowledgeModel(Knowledge, AttributePrior, TemplatePrior, Attributes, Names, Vocabulary, tokenization);
    }

    /// <summary>Renders a sentence's structure into tokens and tags with this model's <see cref="Tokenization"/>.</summary>
    /// <param name="attribute">The attribute j. Range: 0 ≤ j &lt; J.</param>
    /// <param name="template">The template t of attribute j. Range: 0 ≤ t &lt; m_j.</param>
    /// <param name="givenName">The given-name word.</param>
    /// <param name="familyName">The family-name word.</param>
    /// <param name="value">The value index v. Range: 0 ≤ v &lt; M_j.</param>
    /// <returns>The tokens and their tags (every piece of a name is tagged <see cref="TokenTag.Name"/>).</returns>
    /// <exception cref="ArgumentNullException">A name is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    /// <exception cref="ArgumentException">With pieces, a name word is not in the name model's vocabulary.</exception>
    public (ImmutableArray<string> Tokens, ImmutableArray<TokenTag> Tags) Render(int attribute, int template, string givenName, string familyName, int value)
    {
        ArgumentNullException.ThrowIfNull(givenName);
        ArgumentNullException.ThrowIfNull(familyName);
        Preconditions.InRange(attribute, 0, Attributes.Length - 1, nameof(attribute));
        AttributeSpec spec = Attributes[attribute];
        Preconditions.InRange(template, 0, spec.Templates.Length - 1, nameof(template));
        Preconditions.InRange(value, 0, spec.Values.Length - 1, nameof(value));
        Template t = spec.Templates[template];
        if (Tokenization == Tokenization.Words)
        {
            return t.Render(givenName, familyName, spec.Values[value]);
        }

        ImmutableArray<string> pieces = Names.Pieces(givenName, familyName);
        var tokens = ImmutableArray.CreateBuilder<string>(t.Length + pieces.Length - 2);
        var tags = ImmutableArray.CreateBuilder<TokenTag>(t.Length + pieces.Length - 2);
        foreach (TemplateSlot slot in t.Slots)
        {
            switch (slot.Kind)
            {
                case SlotKind.Word:
                    tokens.Add(slot.Word);
                    tags.Add(TokenTag.Syntax);
                    break;
                case SlotKind.GivenName:
                    tokens.AddRange(pieces);
                    tags.AddRange(Enumerable.Repeat(TokenTag.Name, pieces.Length));
                    break;
                case SlotKind.FamilyName:
                    break;
                default:
                    tokens.Add(spec.Values[value]);
                    tags.Add(TokenTag.Value);
                    break;
            }
        }

        return (tokens.MoveToImmutable(), tags.MoveToImmutable());
    }

    /// <summary>Returns a copy with other knowledge parameters.</summary>
    /// <param name="knowledge">The entity process.</param>
    /// <returns>The new model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is <see langword="null"/>.</exception>
    public SyntaxKnowledgeModel WithKnowledge(PitmanYorParameters knowledge) => Create(knowledge, AttributePrior, TemplatePrior, Attributes, Names).WithTokenization(Tokenization);

    /// <summary>Returns a copy with other syntax priors.</summary>
    /// <param name="attributePrior">The attribute concentration a_J. Range: &gt; 0.</param>
    /// <param name="templatePrior">The template concentration a. Range: &gt; 0.</param>
    /// <returns>The new model.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A prior is not positive.</exception>
    public SyntaxKnowledgeModel WithSyntaxPriors(Rational attributePrior, Rational templatePrior) => Create(Knowledge, attributePrior, templatePrior, Attributes, Names).WithTokenization(Tokenization);

    /// <summary>Returns a copy in which every attribute uses the given value base.</summary>
    /// <param name="valuePrior">The value base H_j for all attributes.</param>
    /// <returns>The new model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="valuePrior"/> is <see langword="null"/>.</exception>
    public SyntaxKnowledgeModel WithValuePrior(ValuePrior valuePrior) =>
        Create(Knowledge, AttributePrior, TemplatePrior, Attributes.Select(a => AttributeSpec.Create(a.Name, a.Values, valuePrior, a.Templates)).ToList(), Names).WithTokenization(Tokenization);

    /// <summary>Returns a copy that keeps only the named attributes, in the given order.</summary>
    /// <param name="names">Attribute names. Range: a non-empty subset of the current names.</param>
    /// <returns>The new model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="names"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A name is unknown.</exception>
    public SyntaxKnowledgeModel WithAttributes(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var selected = new List<AttributeSpec>();
        foreach (string name in names)
        {
            AttributeSpec? spec = Attributes.FirstOrDefault(a => a.Name == name)
                ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Unknown attribute '{name}'; valid names: {string.Join(", ", Attributes.Select(a => a.Name))}."), nameof(names));
            selected.Add(spec);
        }

        return Create(Knowledge, AttributePrior, TemplatePrior, selected, Names).WithTokenization(Tokenization);
    }

    /// <summary>The built-in "biographies" preset: five attributes with 3–4 paraphrase templates each,
    /// syllable-built names and realistic value vocabularies (240 cities, 200 years, 80 universities,
    /// 300 employers, 40 fields), uniform value bases, a_J = a = 1.</summary>
    /// <param name="knowledge">The entity process PY(d, θ).</param>
    /// <returns>The preset model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is <see langword="null"/>.</exception>
    public static SyntaxKnowledgeModel Biographies(PitmanYorParameters knowledge) => Presets.Biographies(knowledge);

    /// <summary>A tiny preset for exhaustive checks: two attributes with two templates and two or three values,
    /// and a name model with 2 × 2 names.</summary>
    /// <param name="knowledge">The entity process PY(d, θ).</param>
    /// <returns>The preset model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is <see langword="null"/>.</exception>
    public static SyntaxKnowledgeModel Tiny(PitmanYorParameters knowledge) => Presets.Tiny(knowledge);

    /// <inheritdoc/>
    public bool Equals(SyntaxKnowledgeModel? other) =>
        other is not null && Knowledge == other.Knowledge && AttributePrior == other.AttributePrior && TemplatePrior == other.TemplatePrior
        && Attributes.SequenceEqual(other.Attributes) && Names == other.Names && Tokenization == other.Tokenization;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Knowledge, AttributePrior, TemplatePrior, Attributes.Length);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"SyntaxKnowledgeModel({Knowledge}, attributes = {Attributes.Length}, templates = {Attributes.Sum(a => a.Templates.Length)}{(Tokenization == Tokenization.Pieces ? ", pieces" : string.Empty)})");
}

/// <summary>The classification of a token by the model's disjoint vocabularies.</summary>
internal enum TokenClass
{
    Unknown,
    Syntax,
    GivenName,
    FamilyName,
    Value,
}

/// <summary>Lookup tables derived from a model: token classes, value indices and template shapes.</summary>
internal sealed class Vocabulary
{
    private readonly Dictionary<string, (TokenClass Class, int Attribute, int Value)> _fixed;
    private readonly NameModel _names;

    private Vocabulary(Dictionary<string, (TokenClass, int, int)> fixedTokens, NameModel names, ImmutableArray<(int Attribute, int Template)> templates)
    {
        _fixed = fixedTokens;
        _names = names;
        Templates = templates;
    }

    /// <summary>Every (attribute, template) pair in a fixed order.</summary>
    public ImmutableArray<(int Attribute, int Template)> Templates { get; }

    public static Vocabulary Build(ImmutableArray<AttributeSpec> attributes, NameModel names)
    {
        var table = new Dictionary<string, (TokenClass, int, int)>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, string>(StringComparer.Ordinal);
        var templates = ImmutableArray.CreateBuilder<(int, int)>();
        for (int j = 0; j < attributes.Length; j++)
        {
            for (int v = 0; v < attributes[j].Values.Length; v++)
            {
                string token = attributes[j].Values[v];
                if (!table.TryAdd(token, (TokenClass.Value, j, v)))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Value '{token}' of attribute '{attributes[j].Name}' also occurs in another attribute; value vocabularies must be disjoint."), nameof(attributes));
                }

                if (names.IsGivenName(token) || names.IsFamilyName(token))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Value '{token}' of attribute '{attributes[j].Name}' is also a possible name; names and values must be disjoint."), nameof(attributes));
                }
            }
        }

        for (int j = 0; j < attributes.Length; j++)
        {
            for (int t = 0; t < attributes[j].Templates.Length; t++)
            {
                Template template = attributes[j].Templates[t];
                foreach (TemplateSlot slot in template.Slots.Where(s => s.Kind == SlotKind.Word))
                {
                    if (table.TryGetValue(slot.Word, out var existing) && existing.Item1 != TokenClass.Syntax)
                    {
                        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Template word '{slot.Word}' is also a value; syntax words and values must be disjoint."), nameof(attributes));
                    }

                    table[slot.Word] = (TokenClass.Syntax, -1, -1);
                }

                string shape = string.Join(" ", template.Slots.Select(s => s.Kind switch
                {
                    SlotKind.Word => s.Word,
                    SlotKind.GivenName => "{given}",
                    SlotKind.FamilyName => "{family}",
                    _ => "{value:" + j.ToString(CultureInfo.InvariantCulture) + "}",
                }));
                if (!shapes.TryAdd(shape, template.Text))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Templates \"{shapes[shape]}\" and \"{template.Text}\" render identically; templates must be distinguishable."), nameof(attributes));
                }

                templates.Add((j, t));
            }
        }

        // Prefix-free shapes: a complete sentence is never the beginning of another, so sentences need no end marker
        // and the product of next-token probabilities equals the sentence probability.
        string[] all = [.. shapes.Keys];
        foreach (string a in all)
        {
            foreach (string b in all)
            {
                if (a != b && b.StartsWith(a + " ", StringComparison.Ordinal))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Template \"{shapes[a]}\" renders as a prefix of \"{shapes[b]}\"; templates must be prefix-free."), nameof(attributes));
                }
            }
        }

        return new Vocabulary(table, names, templates.ToImmutable());
    }

    /// <summary>Classifies a token by the fixed vocabularies only (syntax words and values), without the name model.</summary>
    public (TokenClass Class, int Attribute, int Value) ClassifyFixed(string token) =>
        _fixed.TryGetValue(token, out var entry) ? entry : (TokenClass.Unknown, -1, -1);

    public (TokenClass Class, int Attribute, int Value) Classify(string token)
    {
        if (_fixed.TryGetValue(token, out var entry))
        {
            return entry;
        }

        if (_names.IsGivenName(token))
        {
            return (TokenClass.GivenName, -1, -1);
        }

        return _names.IsFamilyName(token) ? (TokenClass.FamilyName, -1, -1) : (TokenClass.Unknown, -1, -1);
    }

    /// <summary>The syntax words of every template.</summary>
    public IEnumerable<string> SyntaxWords => _fixed.Where(kv => kv.Value.Class == TokenClass.Syntax).Select(kv => kv.Key);
}
