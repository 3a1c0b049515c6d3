using System.Collections.Immutable;
using System.Globalization;

namespace SyntaxKnowledge.Model;

/// <summary>The kind of one token position of a rendered sentence.</summary>
public enum SlotKind
{
    /// <summary>A fixed syntax word of the template.</summary>
    Word,

    /// <summary>The entity's given name.</summary>
    GivenName,

    /// <summary>The entity's family name.</summary>
    FamilyName,

    /// <summary>The fact's value.</summary>
    Value,
}

/// <summary>The tag of a rendered token: what part of the model produced it.</summary>
public enum TokenTag
{
    /// <summary>A syntax (template) word.</summary>
    Syntax,

    /// <summary>A name token (given or family name).</summary>
    Name,

    /// <summary>A value token (the fact).</summary>
    Value,
}

/// <summary>One token position of a template: a fixed word or a slot.</summary>
/// <param name="Kind">The kind of position.</param>
/// <param name="Word">The fixed word for <see cref="SlotKind.Word"/>; otherwise empty.</param>
public sealed record TemplateSlot(SlotKind Kind, string Word);

/// <summary>
/// A paraphrase template: a sequence of syntax words with exactly one name slot (rendered as two
/// tokens, given and family name) and one value slot (one token), e.g. <c>"{name} was born in {value} ."</c>.
/// </summary>
/// <remarks>Immutable. Syntax words are lower-case or punctuation, never capitalised, so they are
/// disjoint from names. Build with <see cref="Parse"/>.</remarks>
public sealed record Template
{
    private Template(string text, ImmutableArray<TemplateSlot> slots)
    {
        Text = text;
        Slots = slots;
    }

    /// <summary>Gets the template text with <c>{name}</c> and <c>{value}</c> placeholders.</summary>
    public string Text { get; }

    /// <summary>Gets the token positions of a rendered sentence (the name slot expanded to two positions).</summary>
    public ImmutableArray<TemplateSlot> Slots { get; }

    /// <summary>Gets the number of tokens of a rendered sentence.</summary>
    public int Length => Slots.Length;

    /// <summary>Parses a template: whitespace-separated words plus exactly one <c>{name}</c> and one <c>{value}</c>.</summary>
    /// <param name="text">The template text.</param>
    /// <returns>The template.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The placeholders are missing or repeated, or a word is capitalised or empty.</exception>
    public static Template Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slots = ImmutableArray.CreateBuilder<TemplateSlot>();
        int names = 0, values = 0;
        foreach (string part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (part)
            {
                case "{name}":
                    names++;
                    slots.Add(new TemplateSlot(SlotKind.GivenName, string.Empty));
                    slots.Add(new TemplateSlot(SlotKind.FamilyName, string.Empty));
                    break;
                case "{value}":
                    values++;
                    slots.Add(new TemplateSlot(SlotKind.Value, string.Empty));
                    break;
                default:
                    if (part.Any(char.IsUpper) || part.Contains('{', StringComparison.Ordinal) || part.Contains('}', StringComparison.Ordinal))
                    {
                        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Template word '{part}' in \"{text}\" must not be capitalised or contain braces (names are capitalised)."), nameof(text));
                    }

                    slots.Add(new TemplateSlot(SlotKind.Word, part));
                    break;
            }
        }

        if (names != 1 || values != 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Template \"{text}\" must contain exactly one {{name}} and one {{value}} (found {names} and {values})."), nameof(text));
        }

        return new Template(text, slots.ToImmutable());
    }

    /// <summary>Renders the template into tokens and tags.</summary>
    /// <param name="given">The given-name token.</param>
    /// <param name="family">The family-name token.</param>
    /// <param name="value">The value token.</param>
    /// <returns>The tokens and their tags.</returns>
    public (ImmutableArray<string> Tokens, ImmutableArray<TokenTag> Tags) Render(string given, string family, string value)
    {
        var tokens = ImmutableArray.CreateBuilder<string>(Slots.Length);
        var tags = ImmutableArray.CreateBuilder<TokenTag>(Slots.Length);
        foreach (TemplateSlot slot in Slots)
        {
            (string token, TokenTag tag) = slot.Kind switch
            {
                SlotKind.Word => (slot.Word, TokenTag.Syntax),
                SlotKind.GivenName => (given, TokenTag.Name),
                SlotKind.FamilyName => (family, TokenTag.Name),
                _ => (value, TokenTag.Value),
            };
            tokens.Add(token);
            tags.Add(tag);
        }

        return (tokens.MoveToImmutable(), tags.MoveToImmutable());
    }

    /// <inheritdoc/>
    public bool Equals(Template? other) => other is not null && Text == other.Text;

    /// <inheritdoc/>
    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>How the values of an attribute are distributed in a world (the value base H_j).</summary>
/// <remarks>Uniform: H_j(v) = 1/M_j. Dirichlet: H_j ~ Dirichlet(b, …, b) drawn once per world; the oracle
/// learns it through the Dirichlet–categorical predictive over revealed facts (hierarchical model).</remarks>
public sealed record ValuePrior
{
    private ValuePrior(Numbers.Rational? concentration) => Concentration = concentration;

    /// <summary>Gets the Dirichlet concentration b, or <see langword="null"/> for the uniform base.</summary>
    public Numbers.Rational? Concentration { get; }

    /// <summary>Gets a value indicating whether the base is uniform.</summary>
    public bool IsUniform => Concentration is null;

    /// <summary>Gets the uniform value base.</summary>
    public static ValuePrior Uniform { get; } = new((Numbers.Rational?)null);

    /// <summary>Creates a Dirichlet(b) value base.</summary>
    /// <param name="concentration">The concentration b. Range: b &gt; 0.</param>
    /// <returns>The prior.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concentration"/> is not positive.</exception>
    public static ValuePrior Dirichlet(Numbers.Rational concentration)
    {
        Internal.Preconditions.Positive(concentration, nameof(concentration));
        return new ValuePrior(concentration);
    }

    /// <inheritdoc/>
    public override string ToString() => Concentration is { } b ? b.ToString() : "uniform";
}

/// <summary>One attribute of the syntax model: its name, value vocabulary, value base and paraphrase templates.</summary>
/// <remarks>Immutable; build with <see cref="Create"/>, which validates.</remarks>
public sealed record AttributeSpec
{
    private AttributeSpec(string name, ImmutableArray<string> values, ValuePrior valuePrior, ImmutableArray<Template> templates)
    {
        Name = name;
        Values = values;
        ValuePrior = valuePrior;
        Templates = templates;
    }

    /// <summary>Gets the attribute name (e.g. "birth_city").</summary>
    public string Name { get; }

    /// <summary>Gets the value vocabulary V_j (single tokens, distinct); M_j is its size.</summary>
    public ImmutableArray<string> Values { get; }

    /// <summary>Gets the value base H_j.</summary>
    public ValuePrior ValuePrior { get; }

    /// <summary>Gets the paraphrase templates (at least one).</summary>
    public ImmutableArray<Template> Templates { get; }

    /// <summary>Creates a validated attribute.</summary>
    /// <param name="name">The attribute name. Range: non-empty.</param>
    /// <param name="values">The value tokens. Range: at least one, distinct, no white space.</param>
    /// <param name="valuePrior">The value base.</param>
    /// <param name="templates">The templates. Range: at least one, distinct.</param>
    /// <returns>The attribute.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A list is empty or holds duplicates or malformed tokens.</exception>
    public static AttributeSpec Create(string name, IReadOnlyList<string> values, ValuePrior valuePrior, IReadOnlyList<Template> templates)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(valuePrior);
        ArgumentNullException.ThrowIfNull(templates);
        if (values.Count == 0 || values.Distinct(StringComparer.Ordinal).Count() != values.Count || values.Any(v => string.IsNullOrEmpty(v) || v.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Attribute '{name}': values must be distinct non-empty tokens without white space (got {values.Count})."), nameof(values));
        }

        if (templates.Count == 0 || templates.Distinct().Count() != templates.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Attribute '{name}': at least one template is needed, all distinct."), nameof(templates));
        }

        return new AttributeSpec(name, [.. values], valuePrior, [.. templates]);
    }

    /// <inheritdoc/>
    public bool Equals(AttributeSpec? other) =>
        other is not null && Name == other.Name && Values.SequenceEqual(other.Values) && ValuePrior == other.ValuePrior && Templates.SequenceEqual(other.Templates);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Values.Length, Templates.Length);
}
