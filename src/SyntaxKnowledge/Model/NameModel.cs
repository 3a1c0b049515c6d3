using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Model;

/// <summary>
/// The base distribution G over entity names: a name is two tokens, a given name and a family name,
/// each built from consonant–vowel syllables, so every name word parses in exactly one way and G is an
/// exact rational.
/// </summary>
/// <remarks>
/// <para>Given name: L syllables from <see cref="GivenSyllables"/> (L from <see cref="GivenLengths"/>),
/// capitalised: G₁(x) = P(L) · |S|^−L. Family name: L syllables from <see cref="FamilySyllables"/> followed
/// by one ending from <see cref="FamilyEndings"/>: G₂(y) = P(L) · |S|^−L / |E|. G(x y) = G₁(x) G₂(y).</para>
/// <para>Names of distinct entities are distinct: a new entity draws from G restricted to unused names,
/// i.e. with probability G(name)/(1 − G(used)) — the collision rule the oracle uses (THEORY.md §3).</para>
/// <para>Immutable; build with <see cref="Create"/>, which validates that syllables are lower-case
/// consonant–vowel pairs, distinct, and that endings start with a consonant, so parsing is unambiguous.</para>
/// </remarks>
public sealed record NameModel
{
    private NameModel(ImmutableArray<string> given, ImmutableArray<Rational> givenLengths, ImmutableArray<string> family, ImmutableArray<Rational> familyLengths, ImmutableArray<string> endings)
    {
        GivenSyllables = given;
        GivenLengths = givenLengths;
        FamilySyllables = family;
        FamilyLengths = familyLengths;
        FamilyEndings = endings;
    }

    /// <summary>Gets the syllables of given names (lower-case consonant–vowel pairs).</summary>
    public ImmutableArray<string> GivenSyllables { get; }

    /// <summary>Gets P(L = ℓ) for given names; element ℓ − 1 is the probability of ℓ syllables.</summary>
    public ImmutableArray<Rational> GivenLengths { get; }

    /// <summary>Gets the syllables of family names.</summary>
    public ImmutableArray<string> FamilySyllables { get; }

    /// <summary>Gets P(L = ℓ) for the syllables of family names; element ℓ − 1 is the probability of ℓ syllables.</summary>
    public ImmutableArray<Rational> FamilyLengths { get; }

    /// <summary>Gets the endings of family names (each starts with a consonant and contains no vowel).</summary>
    public ImmutableArray<string> FamilyEndings { get; }

    /// <summary>Gets the default name model: 20 given syllables, 2–3 syllables; 16 family syllables, 1–2 syllables plus one of 6 endings.</summary>
    public static NameModel Default { get; } = Create(
        ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "re", "ma", "li", "ta", "ne", "so", "pe", "ru", "ko", "ja", "fe"],
        [Rational.Zero, new Rational(1, 2), new Rational(1, 2)],
        ["bo", "va", "de", "gu", "hi", "ze", "wa", "po", "lu", "ba", "ni", "go", "ve", "mu", "ho", "ti"],
        [new Rational(1, 3), new Rational(2, 3)],
        ["n", "rs", "sk", "v", "lt", "nd"]);

    /// <summary>Creates a validated name model.</summary>
    /// <param name="givenSyllables">Syllables of given names. Range: distinct lower-case consonant–vowel pairs, at least one.</param>
    /// <param name="givenLengths">P(L = ℓ), ℓ = 1…; non-negative, summing to exactly one.</param>
    /// <param name="familySyllables">Syllables of family names (same rules as given syllables).</param>
    /// <param name="familyLengths">P(L = ℓ) for family names, summing to exactly one.</param>
    /// <param name="familyEndings">Endings of family names: distinct, non-empty, lower-case consonants only.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A list is empty, holds a malformed or duplicate entry, or probabilities do not sum to one.</exception>
    public static NameModel Create(IReadOnlyList<string> givenSyllables, IReadOnlyList<Rational> givenLengths, IReadOnlyList<string> familySyllables, IReadOnlyList<Rational> familyLengths, IReadOnlyList<string> familyEndings)
    {
        ValidateSyllables(givenSyllables, nameof(givenSyllables));
        ValidateSyllables(familySyllables, nameof(familySyllables));
        ValidateLengths(givenLengths, nameof(givenLengths));
        ValidateLengths(familyLengths, nameof(familyLengths));
        ArgumentNullException.ThrowIfNull(familyEndings);
        if (familyEndings.Count == 0 || familyEndings.Distinct(StringComparer.Ordinal).Count() != familyEndings.Count
            || familyEndings.Any(e => e.Length == 0 || !e.All(c => char.IsAsciiLetterLower(c) && !IsVowel(c))))
        {
            throw new ArgumentException("familyEndings must be distinct, non-empty strings of lower-case consonants.", nameof(familyEndings));
        }

        return new NameModel([.. givenSyllables], [.. givenLengths], [.. familySyllables], [.. familyLengths], [.. familyEndings]);
    }

    /// <summary>Returns G₁(x), the base probability of a given-name word; zero if it is not a given name.</summary>
    /// <param name="word">The token.</param>
    /// <returns>The exact probability.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="word"/> is <see langword="null"/>.</exception>
    public Rational GivenProbability(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        int syllables = ParseSyllables(word, word.Length, GivenSyllables);
        return syllables < 1 || syllables > GivenLengths.Length
            ? Rational.Zero
            : GivenLengths[syllables - 1] / Rational.Pow(GivenSyllables.Length, syllables);
    }

    /// <summary>Returns G₂(y), the base probability of a family-name word; zero if it is not a family name.</summary>
    /// <param name="word">The token.</param>
    /// <returns>The exact probability.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="word"/> is <see langword="null"/>.</exception>
    public Rational FamilyProbability(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        foreach (string ending in FamilyEndings)
        {
            if (word.Length > ending.Length && word.EndsWith(ending, StringComparison.Ordinal))
            {
                int syllables = ParseSyllables(word, word.Length - ending.Length, FamilySyllables);
                if (syllables >= 1 && syllables <= FamilyLengths.Length)
                {
                    return FamilyLengths[syllables - 1] / (Rational.Pow(FamilySyllables.Length, syllables) * FamilyEndings.Length);
                }
            }
        }

        return Rational.Zero;
    }

    /// <summary>Returns G(x y) = G₁(x) G₂(y).</summary>
    /// <param name="given">The given-name token.</param>
    /// <param name="family">The family-name token.</param>
    /// <returns>The exact base probability of the name.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public Rational Probability(string given, string family) => GivenProbability(given) * FamilyProbability(family);

    /// <summary>Returns whether a token is a given-name word.</summary>
    /// <param name="word">The token.</param>
    /// <returns><see langword="true"/> when G₁(word) &gt; 0.</returns>
    public bool IsGivenName(string word) => GivenProbability(word).Sign > 0;

    /// <summary>Returns whether a token is a family-name word.</summary>
    /// <param name="word">The token.</param>
    /// <returns><see langword="true"/> when G₂(word) &gt; 0.</returns>
    public bool IsFamilyName(string word) => FamilyProbability(word).Sign > 0;

    /// <summary>Returns the entropy H(G) = −Σ G log G of the name base distribution, in nats.</summary>
    /// <returns>H(G₁) + H(G₂).</returns>
    /// <remarks>Closed form: for a word of ℓ uniform syllables the cost is ℓ log|S| − log P(ℓ) (plus log|E| for family names).</remarks>
    public double Entropy()
    {
        static double Part(ImmutableArray<Rational> lengths, int syllables, double extra)
        {
            double h = 0;
            for (int l = 1; l <= lengths.Length; l++)
            {
                if (lengths[l - 1].Sign > 0)
                {
                    double p = lengths[l - 1].ToDouble();
                    h += p * ((l * Math.Log(syllables)) - Math.Log(p) + extra);
                }
            }

            return h;
        }

        return Part(GivenLengths, GivenSyllables.Length, 0) + Part(FamilyLengths, FamilySyllables.Length, Math.Log(FamilyEndings.Length));
    }

    /// <summary>Enumerates every given-name word with positive probability (|S| + |S|² + … words; use on small models).</summary>
    /// <returns>The given-name vocabulary.</returns>
    public IEnumerable<string> GivenVocabulary() => Words(GivenSyllables, GivenLengths, [string.Empty]);

    /// <summary>Enumerates every family-name word with positive probability.</summary>
    /// <returns>The family-name vocabulary.</returns>
    public IEnumerable<string> FamilyVocabulary() => Words(FamilySyllables, FamilyLengths, FamilyEndings);

    /// <summary>Draws a (given, family) name from G using counters from <paramref name="counter"/> on.</summary>
    /// <param name="random">The generator.</param>
    /// <param name="counter">The next unused counter; advanced past the draws used.</param>
    /// <returns>The two name tokens.</returns>
    public (string Given, string Family) Sample(CounterRandom random, ref ulong counter)
    {
        var builder = new StringBuilder();
        string given = SampleWord(GivenSyllables, GivenLengths, random, ref counter, builder);
        builder.Clear();
        string family = SampleWord(FamilySyllables, FamilyLengths, random, ref counter, builder);
        family += FamilyEndings[(int)random.Below(counter++, (uint)FamilyEndings.Length)];
        return (given, family);
    }

    private static string SampleWord(ImmutableArray<string> syllables, ImmutableArray<Rational> lengths, CounterRandom random, ref ulong counter, StringBuilder builder)
    {
        double u = random.Uniform(counter++), cumulative = 0;
        int length = lengths.Length;
        for (int l = 1; l <= lengths.Length; l++)
        {
            cumulative += lengths[l - 1].ToDouble();
            if (u < cumulative && lengths[l - 1].Sign > 0)
            {
                length = l;
                break;
            }
        }

        for (int i = 0; i < length; i++)
        {
            builder.Append(syllables[(int)random.Below(counter++, (uint)syllables.Length)]);
        }

        builder[0] = char.ToUpperInvariant(builder[0]);
        return builder.ToString();
    }

    private static IEnumerable<string> Words(ImmutableArray<string> syllables, ImmutableArray<Rational> lengths, IReadOnlyList<string> endings)
    {
        for (int l = 1; l <= lengths.Length; l++)
        {
            if (lengths[l - 1].Sign == 0)
            {
                continue;
            }

            var index = new int[l];
            while (true)
            {
                string stem = string.Concat(index.Select(i => syllables[i]));
                stem = char.ToUpperInvariant(stem[0]) + stem[1..];
                foreach (string ending in endings)
                {
                    yield return stem + ending;
                }

                int position = l - 1;
                while (position >= 0 && ++index[position] == syllables.Length)
                {
                    index[position--] = 0;
                }

                if (position < 0)
                {
                    break;
                }
            }
        }
    }

    // Number of syllables of word[0..length) (first letter capitalised), or -1 if it does not parse.
    private static int ParseSyllables(string word, int length, ImmutableArray<string> syllables)
    {
        if (length < 2 || length % 2 != 0 || !char.IsAsciiLetterUpper(word[0]))
        {
            return -1;
        }

        for (int i = 0; i < length; i += 2)
        {
            char first = i == 0 ? char.ToLowerInvariant(word[0]) : word[i];
            bool found = false;
            foreach (string s in syllables)
            {
                if (s[0] == first && s[1] == word[i + 1])
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return -1;
            }
        }

        return length / 2;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static void ValidateSyllables(IReadOnlyList<string> syllables, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(syllables, parameterName);
        if (syllables.Count == 0 || syllables.Distinct(StringComparer.Ordinal).Count() != syllables.Count
            || syllables.Any(s => s is null || s.Length != 2 || !char.IsAsciiLetterLower(s[0]) || IsVowel(s[0]) || !IsVowel(s[1])))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{parameterName} must be distinct lower-case consonant-vowel pairs such as 'ka' (got {syllables.Count} entries)."), parameterName);
        }
    }

    private static void ValidateLengths(IReadOnlyList<Rational> lengths, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(lengths, parameterName);
        if (lengths.Count == 0 || lengths.Any(p => p.Sign < 0) || Rational.Sum(lengths) != Rational.One)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{parameterName} must be non-negative probabilities of 1, 2, ... syllables summing to exactly 1."), parameterName);
        }
    }

    /// <inheritdoc/>
    public bool Equals(NameModel? other) =>
        other is not null && GivenSyllables.SequenceEqual(other.GivenSyllables) && GivenLengths.SequenceEqual(other.GivenLengths)
        && FamilySyllables.SequenceEqual(other.FamilySyllables) && FamilyLengths.SequenceEqual(other.FamilyLengths) && FamilyEndings.SequenceEqual(other.FamilyEndings);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(GivenSyllables.Length, FamilySyllables.Length, FamilyEndings.Length, GivenLengths.Length);
}
