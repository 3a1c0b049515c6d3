using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Model;

/// <summary>
/// The base distribution G over entity names: a name is two tokens, a given name and a family name, each
/// built from consonant–vowel syllables (so every word parses in exactly one way), and G is uniform over the
/// finite name space.
/// </summary>
/// <remarks>
/// <para>Given names have a number of syllables from <see cref="GivenSyllableCounts"/>, drawn from
/// <see cref="GivenSyllables"/> and capitalised; family names likewise from <see cref="FamilySyllables"/>,
/// followed by one of <see cref="FamilyEndings"/>. G₁ is uniform over the given-name vocabulary, G₂ over the
/// family-name vocabulary, G(x y) = G₁(x) G₂(y) = 1/N with N the size of the name space.</para>
/// <para>Names of distinct entities are distinct: a new entity draws from G restricted to unused names, i.e. with
/// probability G(name)/(1 − G(used)) = 1/(N − K) after K entities. Because G is uniform, this successive
/// sampling without replacement is exchangeable (every ordered assignment of K names has probability
/// 1/(N(N−1)…(N−K+1))), so corpus probabilities are invariant under permutations of sentences; a non-uniform
/// base would break exchangeability (docs/01-concepts/syntax-knowledge-model.md#the-two-parts and docs/decisions).</para>
/// <para>Immutable; build with <see cref="Create"/>, which validates.</para>
/// </remarks>
public sealed record NameModel
{
    private NameModel(ImmutableArray<string> given, ImmutableArray<int> givenCounts, ImmutableArray<string> family, ImmutableArray<int> familyCounts, ImmutableArray<string> endings)
    {
        GivenSyllables = given;
        GivenSyllableCounts = givenCounts;
        FamilySyllables = family;
        FamilySyllableCounts = familyCounts;
        FamilyEndings = endings;
        GivenVocabularySize = Words(given.Length, givenCounts);
        FamilyVocabularySize = Words(family.Length, familyCounts) * endings.Length;
    }

    /// <summary>Gets the syllables of given names (lower-case consonant–vowel pairs).</summary>
    public ImmutableArray<string> GivenSyllables { get; }

    /// <summary>Gets the allowed numbers of syllables of given names (distinct, increasing, each ≥ 1).</summary>
    public ImmutableArray<int> GivenSyllableCounts { get; }

    /// <summary>Gets the syllables of family names.</summary>
    public ImmutableArray<string> FamilySyllables { get; }

    /// <summary>Gets the allowed numbers of syllables of family names (before the ending).</summary>
    public ImmutableArray<int> FamilySyllableCounts { get; }

    /// <summary>Gets the endings of family names (lower-case consonants only).</summary>
    public ImmutableArray<string> FamilyEndings { get; }

    /// <summary>Gets the number of given-name words |V₁|.</summary>
    public BigInteger GivenVocabularySize { get; }

    /// <summary>Gets the number of family-name words |V₂|.</summary>
    public BigInteger FamilyVocabularySize { get; }

    /// <summary>Gets the size N = |V₁|·|V₂| of the name space: at most N entities can be named.</summary>
    public BigInteger NameSpaceSize => GivenVocabularySize * FamilyVocabularySize;

    /// <summary>Gets the default name model: 20 given syllables (2–3 per name), 16 family syllables (1–2) and 6 endings:
    /// 8,400 × 1,632 = 13,708,800 names.</summary>
    public static NameModel Default { get; } = Create(
        ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "re", "ma", "li", "ta", "ne", "so", "pe", "ru", "ko", "ja", "fe"],
        [2, 3],
        ["bo", "va", "de", "gu", "hi", "ze", "wa", "po", "lu", "ba", "ni", "go", "ve", "mu", "ho", "ti"],
        [1, 2],
        ["n", "rs", "sk", "v", "lt", "nd"]);

    /// <summary>Creates a validated name model.</summary>
    /// <param name="givenSyllables">Syllables of given names. Range: distinct lower-case consonant–vowel pairs, at least one.</param>
    /// <param name="givenSyllableCounts">Allowed syllable counts of given names. Range: distinct integers 1..8, at least one.</param>
    /// <param name="familySyllables">Syllables of family names (same rules as given syllables).</param>
    /// <param name="familySyllableCounts">Allowed syllable counts of family names. Range: distinct integers 1..8, at least one.</param>
    /// <param name="familyEndings">Endings of family names: distinct, non-empty, lower-case consonants only.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A list is empty or holds a malformed or duplicate entry.</exception>
    public static NameModel Create(IReadOnlyList<string> givenSyllables, IReadOnlyList<int> givenSyllableCounts, IReadOnlyList<string> familySyllables, IReadOnlyList<int> familySyllableCounts, IReadOnlyList<string> familyEndings)
    {
        ValidateSyllables(givenSyllables, nameof(givenSyllables));
        ValidateSyllables(familySyllables, nameof(familySyllables));
        ValidateCounts(givenSyllableCounts, nameof(givenSyllableCounts));
        ValidateCounts(familySyllableCounts, nameof(familySyllableCounts));
        ArgumentNullException.ThrowIfNull(familyEndings);
        if (familyEndings.Count == 0 || familyEndings.Distinct(StringComparer.Ordinal).Count() != familyEndings.Count
            || familyEndings.Any(e => string.IsNullOrEmpty(e) || !e.All(c => char.IsAsciiLetterLower(c) && !IsVowel(c))))
        {
            throw new ArgumentException("familyEndings must be distinct, non-empty strings of lower-case consonants.", nameof(familyEndings));
        }

        return new NameModel([.. givenSyllables], [.. givenSyllableCounts.Order()], [.. familySyllables], [.. familySyllableCounts.Order()], [.. familyEndings]);
    }

    /// <summary>Returns G₁(x) = 1/|V₁| for a given-name word, zero otherwise.</summary>
    /// <param name="word">The token.</param>
    /// <returns>The exact probability.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="word"/> is <see langword="null"/>.</exception>
    public Rational GivenProbability(string word) => IsGivenName(word) ? new Rational(BigInteger.One, GivenVocabularySize) : Rational.Zero;

    /// <summary>Returns G₂(y) = 1/|V₂| for a family-name word, zero otherwise.</summary>
    /// <param name="word">The token.</param>
    /// <returns>The exact probability.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="word"/> is <see langword="null"/>.</exception>
    public Rational FamilyProbability(string word) => IsFamilyName(word) ? new Rational(BigInteger.One, FamilyVocabularySize) : Rational.Zero;

    /// <summary>Returns G(x y) = G₁(x) G₂(y).</summary>
    /// <param name="given">The given-name token.</param>
    /// <param name="family">The family-name token.</param>
    /// <returns>The exact base probability of the name (1/N, or zero).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public Rational Probability(string given, string family) => GivenProbability(given) * FamilyProbability(family);

    /// <summary>Returns whether a token is a given-name word.</summary>
    /// <param name="word">The token.</param>
    /// <returns><see langword="true"/> when the word is in the given-name vocabulary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="word"/> is <see langword="null"/>.</exception>
    public bool IsGivenName(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return GivenSyllableCounts.Contains(ParseSyllables(word, word.Length, GivenSyllables));
    }

    /// <summary>Returns whether a token is a family-name word.</summary>
    /// <param name="word">The token.</param>
    /// <returns><see langword="true"/> when the word is in the family-name vocabulary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="word"/> is <see langword="null"/>.</exception>
    public bool IsFamilyName(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        foreach (string ending in FamilyEndings)
        {
            // Stems are consonant–vowel pairs and endings are consonants only, so at most one ending can split the word.
            if (word.Length > ending.Length && word.EndsWith(ending, StringComparison.Ordinal)
                && FamilySyllableCounts.Contains(ParseSyllables(word, word.Length - ending.Length, FamilySyllables)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the entropy H(G) = ln N of the (uniform) name base, in nats.</summary>
    /// <returns>ln |V₁| + ln |V₂|.</returns>
    public double Entropy() => BigInteger.Log(GivenVocabularySize) + BigInteger.Log(FamilyVocabularySize);

    /// <summary>Enumerates every given-name word (|V₁| words; use on small models).</summary>
    /// <returns>The given-name vocabulary.</returns>
    public IEnumerable<string> GivenVocabulary() => Enumerate(GivenSyllables, GivenSyllableCounts, [string.Empty]);

    /// <summary>Enumerates every family-name word (|V₂| words; use on small models).</summary>
    /// <returns>The family-name vocabulary.</returns>
    public IEnumerable<string> FamilyVocabulary() => Enumerate(FamilySyllables, FamilySyllableCounts, FamilyEndings);

    /// <summary>Returns the pieces of a name (<see cref="Tokenization.Pieces"/>): its given syllables, its family syllables and
    /// the family ending, the first syllable of each word capitalised, e.g. <c>Ka ra lo Bo va n</c> for <c>Karalo Bovan</c>.</summary>
    /// <param name="given">The given-name word.</param>
    /// <param name="family">The family-name word.</param>
    /// <returns>The pieces, in order.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A word is not in the name model's vocabulary.</exception>
    public ImmutableArray<string> Pieces(string given, string family)
    {
        if (!IsGivenName(given))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"'{given}' is not a given name of the name model."), nameof(given));
        }

        if (!IsFamilyName(family))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"'{family}' is not a family name of the name model."), nameof(family));
        }

        var pieces = ImmutableArray.CreateBuilder<string>((given.Length / 2) + (family.Length / 2) + 1);
        for (int i = 0; i < given.Length; i += 2)
        {
            pieces.Add(given.Substring(i, 2));
        }

        int stem = family.Length;
        while (!IsVowel(family[stem - 1]))
        {
            stem--;
        }

        for (int i = 0; i < stem; i += 2)
        {
            pieces.Add(family.Substring(i, 2));
        }

        pieces.Add(family[stem..]);
        return pieces.ToImmutable();
    }

    /// <summary>Enumerates every piece a name can be rendered with under <see cref="Tokenization.Pieces"/>, each once, in a
    /// fixed order: capitalised given syllables, then (when given names have two or more syllables) lower-case given
    /// syllables, capitalised family syllables, lower-case family syllables (when family stems can have two or more), endings.</summary>
    /// <returns>The piece vocabulary (distinct strings).</returns>
    public IEnumerable<string> PieceVocabulary()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        IEnumerable<string> Ordered()
        {
            foreach (string s in GivenSyllables)
            {
                yield return Capitalise(s);
            }

            if (GivenSyllableCounts[^1] >= 2)
            {
                foreach (string s in GivenSyllables)
                {
                    yield return s;
                }
            }

            foreach (string s in FamilySyllables)
            {
                yield return Capitalise(s);
            }

            if (FamilySyllableCounts[^1] >= 2)
            {
                foreach (string s in FamilySyllables)
                {
                    yield return s;
                }
            }

            foreach (string e in FamilyEndings)
            {
                yield return e;
            }
        }

        return Ordered().Where(seen.Add).ToList();
    }

    /// <summary>The role(s) a token can play inside a name rendered as pieces.</summary>
    internal PieceRole RoleOf(string piece)
    {
        PieceRole role = PieceRole.None;
        if (piece.Length == 2 && char.IsAsciiLetter(piece[0]) && char.IsAsciiLetterLower(piece[1]))
        {
            bool upper = char.IsAsciiLetterUpper(piece[0]);
            string lower = upper ? char.ToLowerInvariant(piece[0]) + piece[1..] : piece;
            if (GivenSyllables.Contains(lower))
            {
                role |= upper ? PieceRole.GivenFirst : PieceRole.GivenNext;
            }

            if (FamilySyllables.Contains(lower))
            {
                role |= upper ? PieceRole.FamilyFirst : PieceRole.FamilyNext;
            }
        }

        if (FamilyEndings.Contains(piece))
        {
            role |= PieceRole.Ending;
        }

        return role;
    }

    /// <summary>The number of given-name words that begin with a given m-syllable stem: Σ_{L ∈ counts, L ≥ m} |S₁|^(L−m).</summary>
    internal BigInteger GivenCompletions(int syllables) => Completions(GivenSyllables.Length, GivenSyllableCounts, syllables);

    /// <summary>The number of family-name words that begin with a given m-syllable stem: |E|·Σ_{L ∈ counts, L ≥ m} |S₂|^(L−m).</summary>
    internal BigInteger FamilyCompletions(int syllables) => Completions(FamilySyllables.Length, FamilySyllableCounts, syllables) * FamilyEndings.Length;

    private static BigInteger Completions(int syllables, ImmutableArray<int> counts, int prefix) =>
        counts.Where(l => l >= prefix).Aggregate(BigInteger.Zero, (s, l) => s + BigInteger.Pow(syllables, l - prefix));

    private static string Capitalise(string syllable) => char.ToUpperInvariant(syllable[0]) + syllable[1..];

    /// <summary>Draws a (given, family) name from G (uniform) using counters from <paramref name="counter"/> on.</summary>
    /// <param name="random">The generator.</param>
    /// <param name="counter">The next unused counter; advanced past the draws used.</param>
    /// <returns>The two name tokens.</returns>
    public (string Given, string Family) Sample(CounterRandom random, ref ulong counter)
    {
        var builder = new StringBuilder();
        string given = SampleWord(GivenSyllables, GivenSyllableCounts, random, ref counter, builder);
        builder.Clear();
        string family = SampleWord(FamilySyllables, FamilySyllableCounts, random, ref counter, builder);
        family += FamilyEndings[(int)random.Below(counter++, (uint)FamilyEndings.Length)];
        return (given, family);
    }

    // A word of L syllables has probability ∝ |S|^L under the uniform distribution over the vocabulary.
    private static string SampleWord(ImmutableArray<string> syllables, ImmutableArray<int> counts, CounterRandom random, ref ulong counter, StringBuilder builder)
    {
        double total = counts.Sum(l => Math.Pow(syllables.Length, l));
        double u = random.Uniform(counter++) * total, cumulative = 0;
        int length = counts[^1];
        foreach (int l in counts)
        {
            cumulative += Math.Pow(syllables.Length, l);
            if (u < cumulative)
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

    private static BigInteger Words(int syllables, ImmutableArray<int> counts) => counts.Aggregate(BigInteger.Zero, (s, l) => s + BigInteger.Pow(syllables, l));

    private static IEnumerable<string> Enumerate(ImmutableArray<string> syllables, ImmutableArray<int> counts, IReadOnlyList<string> endings)
    {
        foreach (int l in counts)
        {
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

    private static void ValidateCounts(IReadOnlyList<int> counts, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(counts, parameterName);
        if (counts.Count == 0 || counts.Distinct().Count() != counts.Count || counts.Any(l => l is < 1 or > 8))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{parameterName} must be distinct syllable counts between 1 and 8."), parameterName);
        }
    }

    /// <inheritdoc/>
    public bool Equals(NameModel? other) =>
        other is not null && GivenSyllables.SequenceEqual(other.GivenSyllables) && GivenSyllableCounts.SequenceEqual(other.GivenSyllableCounts)
        && FamilySyllables.SequenceEqual(other.FamilySyllables) && FamilySyllableCounts.SequenceEqual(other.FamilySyllableCounts) && FamilyEndings.SequenceEqual(other.FamilyEndings);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(GivenSyllables.Length, FamilySyllables.Length, FamilyEndings.Length, GivenSyllableCounts.Length);
}

/// <summary>The roles a token can play inside a name rendered as pieces (a token may have several when syllable sets overlap).</summary>
[Flags]
internal enum PieceRole
{
    None = 0,
    GivenFirst = 1,
    GivenNext = 2,
    FamilyFirst = 4,
    FamilyNext = 8,
    Ending = 16,
}
