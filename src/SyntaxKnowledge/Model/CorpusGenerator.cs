using System.Numerics;
using SyntaxKnowledge.Internal;
using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Model;

/// <summary>
/// Generates Syntax-Knowledge corpora (docs/01-concepts/syntax-knowledge-model.md#one-sentence): sentence i picks an entity by the Pitman–Yor
/// seating rule, an attribute J ~ ρ and a template T ~ π_J, and renders the entity's name and the fact
/// (entity, J) into the template.
/// </summary>
/// <remarks>
/// <para>Streaming and deterministic: sentence i is a pure function of (seed, i) and the entity table
/// built by sentences before i. Memory is O(K) (the entity table and a Fenwick tree over entity counts),
/// constant in the number of sentences. A range [start, start + count) replays the cheap entity choices
/// of sentences before <c>start</c> and renders only its own sentences, so shards concatenate to exactly
/// the unsharded corpus.</para>
/// <para>Seating in O(log K) per sentence: one uniform u per sentence, v = u(θ + i); v &lt; θ + K d founds a
/// new entity; otherwise the rest splits into i − K unit weights (located with a Fenwick tree over
/// n_k − 1) and K weights 1 − d (a uniform entity), so entity k gets weight n_k − d.</para>
/// </remarks>
public static class CorpusGenerator
{
    /// <summary>Generates sentences [0, count) of the corpus of a fresh world drawn with <paramref name="seed"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="seed">The seed of the world and the corpus.</param>
    /// <param name="count">The number of sentences. Range: ≥ 0.</param>
    /// <returns>The sentences, lazily.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static IEnumerable<Sentence> Generate(SyntaxKnowledgeModel model, ulong seed, long count) => Generate(World.Sample(model, seed), 0, count);

    /// <summary>Generates sentences [start, start + count) of a world's corpus.</summary>
    /// <param name="world">The world.</param>
    /// <param name="start">The first sentence index. Range: ≥ 0.</param>
    /// <param name="count">The number of sentences. Range: ≥ 0.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The sentences, lazily (enumeration is O(start) to replay, then O(log K) per sentence).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="world"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    /// <exception cref="InvalidOperationException">Every name of the name model is in use (only possible for tiny name models).</exception>
    public static IEnumerable<Sentence> Generate(World world, long start, long count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(world);
        Preconditions.AtLeast(start, 0, nameof(start));
        Preconditions.AtLeast(count, 0, nameof(count));
        return Iterate(world, start, count, cancellationToken);
    }

    /// <summary>
    /// Finds the first sentence of a world's corpus that comes after every name of the model's finite name space is in use:
    /// from there the Bayes predictive (which keeps mass for a new entity with an unused name) is undefined and a new entity
    /// cannot be named, so a corpus of that world is valid only up to, not including, that sentence.
    /// </summary>
    /// <param name="world">The world.</param>
    /// <param name="count">The number of sentences wanted. Range: ≥ 0.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>The index i &lt; <paramref name="count"/> of the first sentence preceded by N entities (N the name-space size),
    /// or −1 when the first <paramref name="count"/> sentences stay within the name space (always when N ≥ count).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="world"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <remarks>O(count log K) when N &lt; count (only the entity choices are replayed), O(1) otherwise.</remarks>
    public static long FirstSentenceBeyondNameSpace(World world, long count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(world);
        Preconditions.AtLeast(count, 0, nameof(count));
        BigInteger space = world.Model.Names.NameSpaceSize;
        if (space >= count)
        {
            return -1;
        }

        var seating = new EntitySeating(world.Model.Knowledge.DiscountValue, world.Model.Knowledge.ConcentrationValue);
        CounterRandom entityRandom = CounterRandom.Create(world.Seed, World.EntityStream);
        for (long i = 0; i < count; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (seating.Entities >= space)
            {
                return i;
            }

            seating.Next(entityRandom.Uniform((ulong)i));
        }

        return -1;
    }

    private static IEnumerable<Sentence> Iterate(World world, long start, long count, CancellationToken cancellationToken)
    {
        SyntaxKnowledgeModel model = world.Model;
        var seating = new EntitySeating(model.Knowledge.DiscountValue, model.Knowledge.ConcentrationValue);
        var names = new EntityNames(world);
        CounterRandom entityRandom = CounterRandom.Create(world.Seed, World.EntityStream);
        CounterRandom attributeRandom = CounterRandom.Create(world.Seed, World.AttributeStream);
        CounterRandom templateRandom = CounterRandom.Create(world.Seed, World.TemplateStream);
        for (long i = 0; i < start + count; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int entity = seating.Next(entityRandom.Uniform((ulong)i));
            bool isNew = entity == names.Count;
            if (isNew)
            {
                names.Add();
            }

            if (i < start)
            {
                continue;
            }

            int attribute = world.PickAttribute(attributeRandom.Uniform((ulong)i));
            int template = world.PickTemplate(attribute, templateRandom.Uniform((ulong)i));
            int value = world.Fact(entity, attribute);
            (string given, string family) = names[entity];
            var (tokens, tags) = model.Render(attribute, template, given, family, value);
            yield return new Sentence(i, entity, isNew, attribute, template, value, given, family, tokens, tags);
        }
    }

    /// <summary>The names of the entities created so far; a new entity draws from G until the name is unused.</summary>
    private sealed class EntityNames(World world)
    {
        private readonly List<(string Given, string Family)> _names = [];
        private readonly HashSet<(string, string)> _used = [];
        private readonly BigInteger _space = world.Model.Names.NameSpaceSize;

        public int Count => _names.Count;

        public (string Given, string Family) this[int entity] => _names[entity];

        public void Add()
        {
            if (_names.Count >= _space)
            {
                throw new InvalidOperationException($"All {_space} names of the name model are in use; the model cannot create entity {_names.Count + 1}. Use a larger name model.");
            }

            CounterRandom random = CounterRandom.Create(world.Seed, World.NameStream).Substream((ulong)_names.Count);
            ulong counter = 0;
            while (true)
            {
                (string, string) name = world.Model.Names.Sample(random, ref counter);
                if (_used.Add(name))
                {
                    _names.Add(name);
                    return;
                }
            }
        }
    }
}

/// <summary>The Pitman–Yor seating process with O(K) memory and O(log K) time per draw (Fenwick tree over n_k − 1).</summary>
internal sealed class EntitySeating(double discount, double concentration)
{
    private readonly double _oneMinusDiscount = 1 - discount;
    private long[] _tree = new long[17]; // Fenwick tree (1-based, length = capacity + 1) over n_k − 1
    private long[] _counts = new long[16];
    private long _draws;
    private int _entities;

    public int Entities => _entities;

    public long Count(int entity) => _counts[entity];

    /// <summary>Seats the next draw using the uniform u; returns the entity (equal to the old count of entities when new).</summary>
    public int Next(double u)
    {
        int entity;
        if (_draws == 0)
        {
            entity = 0;
        }
        else
        {
            double newWeight = concentration + (_entities * discount);
            double v = u * (concentration + _draws);
            if (v < newWeight)
            {
                entity = _entities;
            }
            else
            {
                double w = v - newWeight;
                long repeats = _draws - _entities;
                entity = w < repeats
                    ? Find((long)w)
                    : Math.Min(_entities - 1, (int)((w - repeats) / _oneMinusDiscount));
            }
        }

        _draws++;
        if (entity == _entities)
        {
            if (_entities == _counts.Length)
            {
                Grow();
            }

            _counts[_entities++] = 1;
        }
        else
        {
            _counts[entity]++;
            for (int i = entity + 1; i < _tree.Length; i += i & -i)
            {
                _tree[i]++;
            }
        }

        return entity;
    }

    // Smallest entity k with Σ_{i≤k}(n_i − 1) > target.
    private int Find(long target)
    {
        int position = 0;
        for (int step = HighestPowerOfTwo(_tree.Length - 1); step > 0; step >>= 1)
        {
            int next = position + step;
            if (next < _tree.Length && _tree[next] <= target)
            {
                position = next;
                target -= _tree[next];
            }
        }

        return position; // 0-based entity = (1-based position + 1) − 1
    }

    private void Grow()
    {
        Array.Resize(ref _counts, _counts.Length * 2);
        _tree = new long[_counts.Length + 1];
        for (int k = 0; k < _entities; k++)
        {
            _tree[k + 1] += _counts[k] - 1;
            int parent = k + 1 + ((k + 1) & -(k + 1));
            if (parent < _tree.Length)
            {
                _tree[parent] += _tree[k + 1];
            }
        }
    }

    private static int HighestPowerOfTwo(int n) => n <= 0 ? 0 : 1 << (31 - BitOperations.LeadingZeroCount((uint)n));
}
