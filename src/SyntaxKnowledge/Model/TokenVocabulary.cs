using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;

namespace SyntaxKnowledge.Model;

/// <summary>
/// The closed vocabulary of a model: every token it can emit, each with a stable id. Ids 0–3 are the specials
/// <c>&lt;pad&gt;</c>, <c>&lt;bos&gt;</c>, <c>&lt;eos&gt;</c>, <c>&lt;unk&gt;</c>; then the syntax words (ordinal order), the value tokens
/// (attribute order, then value order) and the name tokens (under <see cref="Tokenization.Pieces"/> the name pieces in
/// <see cref="NameModel.PieceVocabulary"/> order; under <see cref="Tokenization.Words"/> every given-name word, then every
/// family-name word).
/// </summary>
/// <remarks>
/// <para>The ids are a function of the model alone (hyperparameters and tokenization), not of any corpus, so every corpus
/// and split of one model shares them, and a model trained on one corpus can be scored on another. Under
/// <see cref="Tokenization.Pieces"/> the vocabulary is small (the default name model has 78 name pieces); under
/// <see cref="Tokenization.Words"/> it holds |V₁| + |V₂| name words (10,032 for the default name model), so building it
/// enumerates them: use <see cref="Tokenization.Pieces"/> for language-model work.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class TokenVocabulary
{
    /// <summary>The padding special, id 0.</summary>
    public const string Pad = "<pad>";

    /// <summary>The beginning-of-sentence special, id 1.</summary>
    public const string Bos = "<bos>";

    /// <summary>The end-of-sentence special, id 2.</summary>
    public const string Eos = "<eos>";

    /// <summary>The unknown-token special, id 3 (never emitted by the model: a closed vocabulary needs it only for foreign text).</summary>
    public const string Unk = "<unk>";

    /// <summary>The most name words a <see cref="Tokenization.Words"/> vocabulary may hold.</summary>
    public const int MaxWords = 5_000_000;

    private readonly FrozenDictionary<string, int> _ids;

    private TokenVocabulary(ImmutableArray<string> tokens, int specials, int syntax, int values)
    {
        Tokens = tokens;
        SpecialCount = specials;
        SyntaxCount = syntax;
        ValueCount = values;
        _ids = tokens.Select((t, i) => (t, i)).ToFrozenDictionary(p => p.t, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Gets every token, indexed by id.</summary>
    public ImmutableArray<string> Tokens { get; }

    /// <summary>Gets the number of specials (4).</summary>
    public int SpecialCount { get; }

    /// <summary>Gets the number of syntax words.</summary>
    public int SyntaxCount { get; }

    /// <summary>Gets the number of value tokens.</summary>
    public int ValueCount { get; }

    /// <summary>Gets the number of name tokens (pieces or words).</summary>
    public int NameCount => Tokens.Length - SpecialCount - SyntaxCount - ValueCount;

    /// <summary>Gets the vocabulary size.</summary>
    public int Count => Tokens.Length;

    /// <summary>Builds the vocabulary of a model.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The vocabulary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The model uses <see cref="Tokenization.Words"/> with more than <see cref="MaxWords"/> name words.</exception>
    public static TokenVocabulary Of(SyntaxKnowledgeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tokens = new List<string> { Pad, Bos, Eos, Unk };
        var seen = new HashSet<string>(tokens, StringComparer.Ordinal);
        int Add(IEnumerable<string> items)
        {
            int before = tokens.Count;
            foreach (string t in items)
            {
                if (seen.Add(t))
                {
                    tokens.Add(t);
                }
            }

            return tokens.Count - before;
        }

        int syntax = Add(model.Vocabulary.SyntaxWords.Order(StringComparer.Ordinal));
        int values = Add(model.Attributes.SelectMany(a => a.Values));
        if (model.Tokenization == Tokenization.Pieces)
        {
            Add(model.Names.PieceVocabulary());
        }
        else
        {
            BigInteger words = model.Names.GivenVocabularySize + model.Names.FamilyVocabularySize;
            if (words > MaxWords)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the model's name model has {words} name words; a words vocabulary holds at most {MaxWords}: use the pieces tokenization."), nameof(model));
            }

            Add(model.Names.GivenVocabulary().Concat(model.Names.FamilyVocabulary()));
        }

        return new TokenVocabulary([.. tokens], 4, syntax, values);
    }

    /// <summary>Returns the id of a token, or the id of <see cref="Unk"/> (3) for a token outside the vocabulary.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="token"/> is <see langword="null"/>.</exception>
    public int IdOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _ids.TryGetValue(token, out int id) ? id : 3;
    }

    /// <summary>Returns whether the vocabulary holds a token.</summary>
    /// <param name="token">The token.</param>
    /// <returns><see langword="true"/> when it has an id of its own.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="token"/> is <see langword="null"/>.</exception>
    public bool Contains(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _ids.ContainsKey(token);
    }
}
