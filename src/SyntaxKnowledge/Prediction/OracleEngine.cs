using System.Collections.Immutable;
using System.Diagnostics;
using System.Numerics;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Prediction;

/// <summary>The five component probabilities of a sentence under the Bayes mixture code (docs/03-formulas/bayes-optimal-predictor.md#the-bayes-optimal-predictor).</summary>
/// <typeparam name="T">The number type: <see cref="Rational"/> (exact) or <see cref="double"/>.</typeparam>
/// <param name="Entity">Q(Z): the seating probability of the entity (new or existing).</param>
/// <param name="Name">G(name)/(1 − G(used)) for a new entity, 1 for an existing one.</param>
/// <param name="Attribute">Q(J): the Dirichlet–categorical predictive of the attribute.</param>
/// <param name="Template">Q(T | J): the Dirichlet–categorical predictive of the template.</param>
/// <param name="Value">Q(V | Z, J): 1 for a revealed fact, otherwise the value base predictive H_J(V).</param>
public sealed record ComponentProbabilities<T>(T Entity, T Name, T Attribute, T Template, T Value)
    where T : INumberBase<T>
{
    /// <summary>Gets the sentence probability, the product of the five components.</summary>
    public T Sentence => Entity * Name * Attribute * Template * Value;
}

/// <summary>
/// What the true world knows when it predicts its own corpus (the world predictive of <see cref="WorldPredictive"/>):
/// its syntax and value probabilities, every entity's facts, and entity weights W₁..W_K with the rest R.
/// </summary>
internal sealed class WorldKnowledge
{
    /// <param name="world">The world.</param>
    /// <param name="weights">W_k for the entities of the corpus in first-appearance order.</param>
    /// <param name="rest">R, the mass of entities never seen in the corpus.</param>
    public WorldKnowledge(World world, double[] weights, double rest)
    {
        World = world;
        Weights = weights;
        Unseen = new double[weights.Length + 1];
        Unseen[weights.Length] = rest;
        for (int k = weights.Length - 1; k >= 0; k--)
        {
            Unseen[k] = Unseen[k + 1] + weights[k];
        }
    }

    public World World { get; }

    /// <summary>W_k, entity k's weight.</summary>
    public double[] Weights { get; }

    /// <summary>Unseen[K] = R + Σ_{k ≥ K} W_k: the new-entity mass once entities 0..K−1 have appeared.</summary>
    public double[] Unseen { get; }
}

/// <summary>
/// The sequential state of the exact Bayes-optimal predictor, generic over the number type so the same
/// code runs exactly (<see cref="Rational"/>) and fast (<see cref="double"/>). Internal and mutable: public
/// APIs wrap it in pure functions.
/// </summary>
/// <remarks>
/// <para>The entity part is parameterised by the entity weights: the Bayes predictor gives a seen entity weight n_k − d,
/// the new entity θ + dK, over θ + n, and learns syntax and facts; with a <see cref="WorldKnowledge"/> the weights are the
/// world's W_k and R + Σ(unseen W), over 1, and syntax, facts and value bases are the world's own (double only).</para>
/// <para>Names: every seen entity is filed under each prefix of its name that a token prefix can show (the given word and
/// the full name for words; every piece prefix for pieces), with the count of used names and the total weight under that
/// prefix, so a prefix's known-entity mass is one lookup and its new-entity share is (#names with the prefix − #used ones
/// with it)/(N − K).</para>
/// </remarks>
internal sealed class OracleEngine<T>
    where T : INumberBase<T>
{
    private readonly SyntaxKnowledgeModel _model;
    private readonly T _d, _theta, _aJ, _a;
    private readonly T[] _valueConcentration; // b_j, or zero for a uniform base
    private readonly T[] _uniformValue; // 1/M_j
    private readonly List<EntityState> _entities = [];
    private readonly Dictionary<(string, string), int> _byName = [];
    private readonly Dictionary<string, NameKey> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T> _givenFamilyMass = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T> _givenProbability = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T> _familyProbability = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TokenClass Class, int Value, int Code)> _classes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PieceRole> _roles = new(StringComparer.Ordinal);
    private readonly long[] _attributeCounts;
    private readonly long[][] _templateCounts;
    private readonly long[][] _valueCounts;
    private readonly long[] _revealed;
    private readonly T[][] _factMass; // S_j(v) = Σ_{k: fact (k, j) = v known} w_k
    private readonly T[] _revealedMass; // R_j = Σ_v S_j(v)
    private readonly PrefixNode _trie;
    private readonly Dictionary<string, int> _wordCodes; // syntax word -> its slot code (>= 0)
    private readonly T[] _attributeFactor; // per-call scratch
    private readonly T[] _syntax; // per-call scratch: the syntax probability of each template, in Vocabulary.Templates order
    private readonly bool _pieces;
    private readonly WorldKnowledge? _world;
    private readonly int _maxGiven, _maxFamily;
    private T _usedMass = T.Zero;
    private T _worldSeenMass = T.Zero; // Σ W_k over seen entities (world only)
    private double _usedNameEntropy; // Σ over used names of −G ln G
    private long _sentences;

    private readonly bool _tracksFactMass;
    private readonly BigInteger _scaleA, _scaleB, _scaleC; // d = a/b, θ = c/b

    /// <param name="model">The model (its tokenization decides how names are cut into tokens).</param>
    /// <param name="prefixes">Whether <see cref="PrefixProbabilities"/> will be called; when false the per-value fact
    /// masses S_j(v), used only for prefixes that reveal a value before the name, are not maintained.</param>
    /// <param name="world">When given, the engine is the world's predictive (T must be double).</param>
    public OracleEngine(SyntaxKnowledgeModel model, bool prefixes = true, WorldKnowledge? world = null)
    {
        _model = model;
        _tracksFactMass = prefixes || world is not null;
        _pieces = model.Tokenization == Tokenization.Pieces;
        _world = world;
        Debug.Assert(world is null || typeof(T) == typeof(double), "The world predictive runs in double.");
        _maxGiven = model.Names.GivenSyllableCounts[^1];
        _maxFamily = model.Names.FamilySyllableCounts[^1];
        (_scaleA, _scaleC, _scaleB) = model.Knowledge.CommonScale();
        _d = From(model.Knowledge.Discount);
        _theta = From(model.Knowledge.Concentration);
        _aJ = From(model.AttributePrior);
        _a = From(model.TemplatePrior);
        int attributes = model.Attributes.Length;
        _valueConcentration = [.. model.Attributes.Select(a => a.ValuePrior.Concentration is { } b ? From(b) : T.Zero)];
        _uniformValue = [.. model.Attributes.Select(a => T.One / T.CreateChecked(a.Values.Length))];
        _attributeCounts = new long[attributes];
        _templateCounts = [.. model.Attributes.Select(a => new long[a.Templates.Length])];
        _valueCounts = [.. model.Attributes.Select(a => new long[a.Values.Length])];
        _revealed = new long[attributes];
        _factMass = [.. model.Attributes.Select(a => Enumerable.Repeat(T.Zero, a.Values.Length).ToArray())];
        _revealedMass = [.. Enumerable.Repeat(T.Zero, attributes)];
        _syntax = new T[model.Vocabulary.Templates.Length];
        _attributeFactor = new T[attributes];
        (_trie, _wordCodes) = PrefixNode.Build(model);
    }

    public long Sentences => _sentences;

    public int Entities => _entities.Count;

    public long EntityCount(int entity) => _entities[entity].Count;

    /// <summary>Returns the entity index of a name (existing, or the next index when new).</summary>
    public int EntityOf(string given, string family) => _byName.TryGetValue((given, family), out int k) ? k : _entities.Count;

    /// <summary>Q(new entity) = (θ + dK)/(θ + n), and 1 before the first sentence; for the world, R + Σ_{k ≥ K} W_k.</summary>
    public T NewEntityProbability
    {
        get
        {
            if (_world is not null)
            {
                return T.CreateChecked(_world.Unseen[Math.Min(_entities.Count, _world.Weights.Length)]);
            }

            if (_sentences == 0)
            {
                return T.One;
            }

            if (typeof(T) == typeof(Rational))
            {
                // With d = a/b and θ = c/b: (aK + c)/(bn + c), one reduction instead of four rational operations.
                return (T)(object)new Rational((_scaleA * _entities.Count) + _scaleC, (_scaleB * _sentences) + _scaleC);
            }

            return (_theta + (_d * T.CreateChecked(_entities.Count))) / (_theta + T.CreateChecked(_sentences));
        }
    }

    /// <summary>Q(existing entity of count m) = (m − d)/(θ + n); for the world, W_k.</summary>
    private T SeatingProbability(int entity, long count)
    {
        if (_world is not null)
        {
            return T.CreateChecked(_world.Weights[entity]);
        }

        return typeof(T) == typeof(Rational)
            ? (T)(object)new Rational((_scaleB * count) - _scaleA, (_scaleB * _sentences) + _scaleC)
            : (T.CreateChecked(count) - _d) / (_theta + T.CreateChecked(_sentences));
    }

    /// <summary>The Dirichlet–categorical predictive (c + a)/(n + m a), with a = p/q: (c q + p)/(n q + m p) for rationals.</summary>
    private static T Predictive(long count, long total, int categories, Rational prior, T priorT)
    {
        if (typeof(T) == typeof(Rational))
        {
            BigInteger p = prior.Numerator, q = prior.Denominator;
            return (T)(object)new Rational((count * q) + p, (total * q) + (categories * p));
        }

        return (T.CreateChecked(count) + priorT) / (T.CreateChecked(total) + (T.CreateChecked(categories) * priorT));
    }

    public ComponentProbabilities<T> Components(SentenceStructure s)
    {
        int templates = _model.Attributes[s.Attribute].Templates.Length;
        T attribute, template;
        if (_world is not null)
        {
            attribute = T.CreateChecked(_world.World.AttributeProbabilities[s.Attribute]);
            template = T.CreateChecked(_world.World.TemplateProbabilities[s.Attribute][s.Template]);
        }
        else
        {
            attribute = Predictive(_attributeCounts[s.Attribute], _sentences, _model.Attributes.Length, _model.AttributePrior, _aJ);
            template = Predictive(_templateCounts[s.Attribute][s.Template], _attributeCounts[s.Attribute], templates, _model.TemplatePrior, _a);
        }

        if (_byName.TryGetValue((s.GivenName, s.FamilyName), out int k))
        {
            EntityState e = _entities[k];
            T entity = SeatingProbability(k, e.Count);
            int fact = e.Facts[s.Attribute];
            T value = fact < 0 ? ValueProbability(s.Attribute, s.Value) : (fact == s.Value ? T.One : T.Zero);
            return new ComponentProbabilities<T>(entity, T.One, attribute, template, value);
        }

        T name = GivenProbability(s.GivenName) * FamilyProbability(s.FamilyName) / (T.One - _usedMass);
        return new ComponentProbabilities<T>(NewEntityProbability, name, attribute, template, ValueProbability(s.Attribute, s.Value));
    }

    /// <summary>Returns P(prefix of length ℓ) for ℓ = 0..L: the probability that the next sentence starts with those tokens.</summary>
    public T[] PrefixProbabilities(IReadOnlyList<string> tokens)
    {
        if (!_tracksFactMass)
        {
            throw new InvalidOperationException("This engine was created without prefix support.");
        }

        var prefix = new T[tokens.Count + 1];
        prefix[0] = T.One;
        for (int l = 1; l <= tokens.Count; l++)
        {
            prefix[l] = T.Zero;
        }

        ImmutableArray<(int Attribute, int Template)> all = _model.Vocabulary.Templates;
        if (_world is not null)
        {
            // The world's syntax: ρ_j π_jt.
            for (int x = 0; x < all.Length; x++)
            {
                (int j, int t) = all[x];
                _syntax[x] = T.CreateChecked(_world.World.AttributeProbabilities[j] * _world.World.TemplateProbabilities[j][t]);
            }
        }
        else
        {
            // Syntax probability of template (j, t): (c_j + a_J)/(n + J a_J) · (c_jt + a)/(c_j + T_j a), with the
            // attribute factor computed once per attribute.
            T attributeTotal = T.CreateChecked(_sentences) + (T.CreateChecked(_model.Attributes.Length) * _aJ);
            for (int j = 0; j < _attributeFactor.Length; j++)
            {
                T c = T.CreateChecked(_attributeCounts[j]);
                _attributeFactor[j] = (c + _aJ) / (attributeTotal * (c + (T.CreateChecked(_model.Attributes[j].Templates.Length) * _a)));
            }

            for (int x = 0; x < all.Length; x++)
            {
                (int j, int t) = all[x];
                _syntax[x] = _attributeFactor[j] * (T.CreateChecked(_templateCounts[j][t]) + _a);
            }
        }

        // Token classes are disjoint (syntax words, given names, family names, values of one attribute), so the
        // templates that match a prefix are the templates through one node of the slot trie: one walk, and the
        // entity part changes only where a slot reveals a name part or a value. With pieces, the name slot spans
        // several tokens; the walk stays on the name's trie node while it reads them, by the name grammar.
        var name = default(NamePrefix);
        bool inName = false;
        int value = -1, valueAttribute = 0;
        T part = T.One;
        PrefixNode node = _trie;
        NameModel names = _model.Names;
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (inName)
            {
                PieceRole role = Role(token);
                if (!name.GivenClosed)
                {
                    if ((role & PieceRole.GivenNext) != 0 && name.GivenSyllables < _maxGiven)
                    {
                        name = name with { Given = name.Given + token, GivenSyllables = name.GivenSyllables + 1 };
                    }
                    else if ((role & PieceRole.FamilyFirst) != 0 && names.GivenSyllableCounts.Contains(name.GivenSyllables))
                    {
                        name = name with { GivenClosed = true, Family = token, FamilySyllables = 1 };
                        node = node.Child(PrefixNode.FamilyCode)!;
                    }
                    else
                    {
                        break;
                    }
                }
                else if ((role & PieceRole.FamilyNext) != 0 && name.FamilySyllables < _maxFamily)
                {
                    name = name with { Family = name.Family + token, FamilySyllables = name.FamilySyllables + 1 };
                }
                else if ((role & PieceRole.Ending) != 0 && names.FamilySyllableCounts.Contains(name.FamilySyllables))
                {
                    name = name with { Family = name.Family + token, Complete = true };
                    inName = false;
                }
                else
                {
                    break;
                }

                part = EntityPart(valueAttribute, name, value);
            }
            else
            {
                (TokenClass c, int v, int code) = Classify(token);
                PrefixNode? child = c == TokenClass.Unknown ? null : node.Child(code);
                if (child is null)
                {
                    break;
                }

                node = child;
                switch (c)
                {
                    case TokenClass.GivenName:
                        name = _pieces
                            ? new NamePrefix(token, 1, false, string.Empty, 0, false)
                            : new NamePrefix(token, token.Length / 2, true, string.Empty, 0, false);
                        inName = _pieces;
                        break;
                    case TokenClass.FamilyName: name = name with { Family = token, Complete = true }; break;
                    case TokenClass.Value: value = v; valueAttribute = PrefixNode.AttributeOfValueCode(code); break;
                    default: break;
                }

                if (c != TokenClass.Syntax)
                {
                    part = EntityPart(valueAttribute, name, value);
                }
            }

            T syntax = T.Zero;
            foreach (int x in node.Templates)
            {
                syntax += _syntax[x];
            }

            prefix[i + 1] = syntax * part;
        }

        return prefix;
    }

    /// <summary>
    /// Σ over entities (existing and new) of Q(entity) · P(observed name prefix | entity) · P(observed value | entity):
    /// known entities filed under the name prefix with their weights, and the new entity with its mass times the share
    /// of unused names that have the prefix.
    /// </summary>
    private T EntityPart(int attribute, NamePrefix name, int value)
    {
        T newProbability = NewEntityProbability;
        T h = value < 0 ? T.One : ValueProbability(attribute, value);
        if (name.Given is null)
        {
            if (value < 0 || (_sentences == 0 && _world is null))
            {
                return value < 0 ? T.One : h;
            }

            T existingMass = _world is not null ? _worldSeenMass : T.CreateChecked(_sentences) - (_d * T.CreateChecked(_entities.Count));
            T existing = _factMass[attribute][value] + ((existingMass - _revealedMass[attribute]) * h);
            if (_world is null)
            {
                existing /= _theta + T.CreateChecked(_sentences);
            }

            return existing + (newProbability * h);
        }

        T sum = T.Zero;
        string key = name.Key;
        _keys.TryGetValue(key, out NameKey? filed);
        if (filed is not null)
        {
            if (value < 0 && _pieces)
            {
                sum = filed.Mass;
            }
            else
            {
                foreach (int k in filed.Entities)
                {
                    sum += Weight(k, attribute, value, h);
                }
            }
        }

        if (_sentences > 0 && _world is null)
        {
            sum /= _theta + T.CreateChecked(_sentences);
        }

        T fresh;
        if (!_pieces && _world is null)
        {
            // Words, Bayes: the original expressions G₁(x)(1 − Σ_used G₂)/(1 − G(used)) and G(x y)/(1 − G(used)).
            T g1 = GivenProbability(name.Given);
            if (!name.Complete)
            {
                T usedFamilies = _givenFamilyMass.TryGetValue(name.Given, out T? m) ? m : T.Zero;
                fresh = g1 * (T.One - usedFamilies) / (T.One - _usedMass);
            }
            else
            {
                fresh = filed is not null ? T.Zero : g1 * FamilyProbability(name.Family) / (T.One - _usedMass);
            }
        }
        else
        {
            fresh = Share(name.Names(_model.Names) - (filed?.Used ?? 0), _model.Names.NameSpaceSize - _entities.Count);
        }

        return sum + (newProbability * fresh * h);
    }

    /// <summary>
    /// Scores a sentence against the current state without observing it: its five components and the probability of
    /// every token given the sentence's earlier tokens. Repeated calls see the same state, which is how the frozen
    /// predictor (the posterior after exactly the training prefix) scores an evaluation set.
    /// </summary>
    public (ComponentProbabilities<T> Components, T[] TokenProbabilities) ScoreWithoutObserving(SentenceStructure s, IReadOnlyList<string> tokens)
    {
        ComponentProbabilities<T> components = Components(s);
        T[] prefix = PrefixProbabilities(tokens);
        var probabilities = new T[tokens.Count];
        for (int l = 1; l <= tokens.Count; l++)
        {
            probabilities[l - 1] = prefix[l] / prefix[l - 1];
        }

        return (components, probabilities);
    }

    public void Observe(SentenceStructure s)
    {
        if (!_byName.TryGetValue((s.GivenName, s.FamilyName), out int k))
        {
            k = _entities.Count;
            var created = new EntityState(s.GivenName, s.FamilyName, _model.Attributes.Length);
            foreach (string key in FilingKeys(s.GivenName, s.FamilyName))
            {
                if (!_keys.TryGetValue(key, out NameKey? filed))
                {
                    filed = new NameKey();
                    _keys.Add(key, filed);
                }

                filed.Used++;
                filed.Entities.Add(k);
                created.Keys.Add(filed);
            }

            _entities.Add(created);
            _byName.Add((s.GivenName, s.FamilyName), k);
            T family = FamilyProbability(s.FamilyName);
            _givenFamilyMass[s.GivenName] = (_givenFamilyMass.TryGetValue(s.GivenName, out T? m) ? m : T.Zero) + family;
            T g = GivenProbability(s.GivenName) * family;
            _usedMass += g;
            double gd = double.CreateChecked(g);
            _usedNameEntropy -= gd * Math.Log(gd);
        }

        EntityState e = _entities[k];
        bool first = e.Count == 0;
        e.Count++;
        if (_world is not null)
        {
            if (first)
            {
                // The world knows every fact of an entity it has shown once.
                T w = T.CreateChecked(_world.Weights[k]);
                _worldSeenMass += w;
                foreach (NameKey filed in e.Keys)
                {
                    filed.Mass += w;
                }

                for (int j = 0; j < e.Facts.Length; j++)
                {
                    e.Facts[j] = _world.World.Fact(k, j);
                    _factMass[j][e.Facts[j]] += w;
                    _revealedMass[j] += w;
                }
            }
        }
        else
        {
            T delta = first ? T.One - _d : T.One;
            foreach (NameKey filed in e.Keys)
            {
                filed.Mass += delta;
            }

            if (_tracksFactMass)
            {
                for (int j = 0; j < e.Facts.Length; j++)
                {
                    if (e.Facts[j] >= 0)
                    {
                        _factMass[j][e.Facts[j]] += T.One;
                        _revealedMass[j] += T.One;
                    }
                }
            }

            if (e.Facts[s.Attribute] < 0)
            {
                e.Facts[s.Attribute] = s.Value;
                if (_tracksFactMass)
                {
                    T mass = T.CreateChecked(e.Count) - _d;
                    _factMass[s.Attribute][s.Value] += mass;
                    _revealedMass[s.Attribute] += mass;
                }

                _valueCounts[s.Attribute][s.Value]++;
                _revealed[s.Attribute]++;
            }
        }

        _attributeCounts[s.Attribute]++;
        _templateCounts[s.Attribute][s.Template]++;
        _sentences++;
    }

    /// <summary>The name prefixes a token prefix can show, under which an entity is filed: for words the given word
    /// (closed, "Given ") and the full name; for pieces every given-syllable prefix, every family prefix and the full name.</summary>
    private List<string> FilingKeys(string given, string family)
    {
        string full = given + " " + family;
        if (!_pieces)
        {
            return [given + " ", full];
        }

        var keys = new List<string>(8);
        for (int l = 2; l <= given.Length; l += 2)
        {
            keys.Add(given[..l]);
        }

        int stem = family.Length;
        while (stem > 0 && family[stem - 1] is not ('a' or 'e' or 'i' or 'o' or 'u' or 'y'))
        {
            stem--;
        }

        for (int l = 2; l <= stem; l += 2)
        {
            keys.Add(given + " " + family[..l]);
        }

        keys.Add(full);
        return keys;
    }

    private static T Share(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero || numerator.IsZero)
        {
            return T.Zero;
        }

        return typeof(T) == typeof(Rational)
            ? (T)(object)new Rational(numerator, denominator)
            : T.CreateChecked((double)numerator / (double)denominator);
    }

    /// <summary>H_j(v): uniform 1/M_j, or the Dirichlet–categorical predictive over revealed facts.</summary>
    public T ValueProbability(int attribute, int value)
    {
        if (_world is not null)
        {
            return T.CreateChecked(_world.World.ValueProbabilities[attribute][value]);
        }

        if (T.IsZero(_valueConcentration[attribute]))
        {
            return _uniformValue[attribute];
        }

        T b = _valueConcentration[attribute];
        int m = _valueCounts[attribute].Length;
        return (T.CreateChecked(_valueCounts[attribute][value]) + b) / (T.CreateChecked(_revealed[attribute]) + (T.CreateChecked(m) * b));
    }

    /// <summary>Whether fact (entity, attribute) is revealed, and its value.</summary>
    public int Fact(int entity, int attribute) => _entities[entity].Facts[attribute];

    public T GivenProbability(string word)
    {
        if (!_givenProbability.TryGetValue(word, out T? p))
        {
            p = From(_model.Names.GivenProbability(word));
            _givenProbability.Add(word, p);
        }

        return p;
    }

    public T FamilyProbability(string word)
    {
        if (!_familyProbability.TryGetValue(word, out T? p))
        {
            p = From(_model.Names.FamilyProbability(word));
            _familyProbability.Add(word, p);
        }

        return p;
    }

    public bool IsUsedName(string given, string family) => _byName.ContainsKey((given, family));

    /// <summary>
    /// The entropies (nats) of the predictive distribution of the next sentence, split by component:
    /// syntax (attribute and template), names (entity choice and, for a new entity, its name under G
    /// restricted to unused names) and facts (the value). Their expectation over histories is the expected
    /// code length of the next sentence, part by part.
    /// </summary>
    public (double Syntax, double Names, double Facts) PredictiveEntropies()
    {
        int attributes = _model.Attributes.Length;
        double n = _sentences, aJ = double.CreateChecked(_aJ), a = double.CreateChecked(_a);
        double d = double.CreateChecked(_d), theta = double.CreateChecked(_theta);
        var qj = new double[attributes];
        double syntax = 0;
        for (int j = 0; j < attributes; j++)
        {
            qj[j] = (_attributeCounts[j] + aJ) / (n + (attributes * aJ));
            syntax -= qj[j] * Math.Log(qj[j]);
            int m = _model.Attributes[j].Templates.Length;
            double templateEntropy = 0;
            for (int t = 0; t < m; t++)
            {
                double q = (_templateCounts[j][t] + a) / (_attributeCounts[j] + (m * a));
                templateEntropy -= q * Math.Log(q);
            }

            syntax += qj[j] * templateEntropy;
        }

        double qNew = double.CreateChecked(NewEntityProbability), names = 0;
        var unrevealed = new double[attributes];
        foreach (EntityState e in _entities)
        {
            double q = (e.Count - d) / (theta + n);
            names -= q * Math.Log(q);
            for (int j = 0; j < attributes; j++)
            {
                if (e.Facts[j] < 0)
                {
                    unrevealed[j] += q;
                }
            }
        }

        double u = double.CreateChecked(_usedMass);
        double restrictedNameEntropy = ((_model.Names.Entropy() - _usedNameEntropy) / (1 - u)) + Math.Log(1 - u);
        names += qNew * (restrictedNameEntropy - Math.Log(qNew));

        double facts = 0;
        for (int j = 0; j < attributes; j++)
        {
            double cost = 0;
            int values = _model.Attributes[j].Values.Length;
            for (int v = 0; v < values; v++)
            {
                double h = double.CreateChecked(ValueProbability(j, v));
                cost -= h * Math.Log(h);
            }

            facts += qj[j] * (unrevealed[j] + qNew) * cost;
        }

        return (syntax, names, facts);
    }

    /// <summary>
    /// The divergence KL(p_world ‖ Q) of the next sentence (nats), split by component, where p_world is the world's proper
    /// predictive given the history: it knows its syntax, the weights W_k of the seen entities and the rest R, and every
    /// fact of a seen entity; a new entity's name comes from G restricted to unused names (as for Q, so names cancel) and
    /// its value from H_j. Each part is non-negative for every world and history; its expectation is the excess loss
    /// I(world; X_{n+1} | Xⁿ) part by part.
    /// </summary>
    /// <param name="world">The world.</param>
    /// <param name="weights">W_k of the seen entities, in first-appearance order.</param>
    /// <param name="rest">R = 1 − Σ W_k.</param>
    public (double Syntax, double Names, double Facts) WorldDivergence(World world, ReadOnlySpan<double> weights, double rest)
    {
        int attributes = _model.Attributes.Length;
        double n = _sentences, aJ = double.CreateChecked(_aJ), a = double.CreateChecked(_a);
        double d = double.CreateChecked(_d), theta = double.CreateChecked(_theta);
        double syntax = 0;
        for (int j = 0; j < attributes; j++)
        {
            double rho = world.AttributeProbabilities[j];
            if (rho <= 0)
            {
                continue;
            }

            double qj = (_attributeCounts[j] + aJ) / (n + (attributes * aJ));
            syntax += rho * Math.Log(rho / qj);
            int m = _model.Attributes[j].Templates.Length;
            for (int t = 0; t < m; t++)
            {
                double pi = world.TemplateProbabilities[j][t];
                if (pi > 0)
                {
                    double q = (_templateCounts[j][t] + a) / (_attributeCounts[j] + (m * a));
                    syntax += rho * pi * Math.Log(pi / q);
                }
            }
        }

        double names = 0;
        var unrevealed = new double[attributes]; // Σ W_k · (−ln Q_j(f_kj)) over seen entities whose fact j is not revealed
        for (int k = 0; k < _entities.Count; k++)
        {
            double w = weights[k];
            if (w > 0)
            {
                names += w * Math.Log(w * (theta + n) / (_entities[k].Count - d));
            }

            for (int j = 0; j < attributes; j++)
            {
                if (_entities[k].Facts[j] < 0)
                {
                    unrevealed[j] -= w * Math.Log(double.CreateChecked(ValueProbability(j, world.Fact(k, j))));
                }
            }
        }

        double qNew = double.CreateChecked(NewEntityProbability);
        if (rest > 0)
        {
            names += rest * Math.Log(rest / qNew);
        }

        double facts = 0;
        for (int j = 0; j < attributes; j++)
        {
            double divergence = 0; // KL(H_j ‖ Q_j): zero for a uniform base
            for (int v = 0; v < _model.Attributes[j].Values.Length; v++)
            {
                double h = world.ValueProbabilities[j][v];
                if (h > 0)
                {
                    divergence += h * Math.Log(h / double.CreateChecked(ValueProbability(j, v)));
                }
            }

            facts += world.AttributeProbabilities[j] * (unrevealed[j] + (rest * Math.Max(divergence, 0)));
        }

        return (syntax, names, facts);
    }

    /// <summary>
    /// The excess of the predictor's code length for the realized next sentence over the world's expected code length
    /// given the history and that sentence (nats), for the entity choice and the value: with the world's weights
    /// Dirichlet(α) given the counts (α_k = n_k − d, α_new = θ + dK, α₀ = θ + n), E[−ln W_k | history, Z = k] =
    /// ψ(α₀+1) − ψ(α_k+1), so the entity excess is f(α_k) − f(α₀) with f(x) = ψ(x+1) − ln x; a value of a seen entity not yet
    /// revealed costs the world nothing; a new entity's value costs both the same (for a Dirichlet base, the world's
    /// E[−ln H_j(v)] is ψ(β₀+1) − ψ(β_v+1)). Both parts are non-negative; their expectation is the excess loss.
    /// The name of a new entity is coded by G restricted to unused names in both codes and cancels.
    /// </summary>
    /// <param name="s">The next sentence (not yet observed).</param>
    public (double Names, double Facts) WorldStepExcess(SentenceStructure s)
    {
        if (_sentences == 0)
        {
            return (0, 0);
        }

        double d = double.CreateChecked(_d), theta = double.CreateChecked(_theta);
        int k = EntityOf(s.GivenName, s.FamilyName);
        bool isNew = k == _entities.Count;
        double alpha = isNew ? theta + (d * _entities.Count) : _entities[k].Count - d;
        double names = Math.Max(0, Laws.DataScaling.F(alpha) - Laws.DataScaling.F(theta + _sentences));
        double facts;
        if (!isNew)
        {
            facts = _entities[k].Facts[s.Attribute] >= 0 ? 0 : -Math.Log(double.CreateChecked(ValueProbability(s.Attribute, s.Value)));
        }
        else if (T.IsZero(_valueConcentration[s.Attribute]))
        {
            facts = 0;
        }
        else
        {
            double b = double.CreateChecked(_valueConcentration[s.Attribute]);
            double beta = _valueCounts[s.Attribute][s.Value] + b, beta0 = _revealed[s.Attribute] + (_valueCounts[s.Attribute].Length * b);
            facts = Math.Max(0, Laws.DataScaling.F(beta) - Laws.DataScaling.F(beta0));
        }

        return (names, facts);
    }

    public T UsedNameMass => _usedMass;

    /// <summary>Classifies a token (cached) and gives its slot code in the template trie (see <see cref="PrefixNode"/>).</summary>
    private (TokenClass Class, int Value, int Code) Classify(string token)
    {
        if (!_classes.TryGetValue(token, out var c))
        {
            (TokenClass kind, int attribute, int value) = _pieces ? _model.Vocabulary.ClassifyFixed(token) : _model.Vocabulary.Classify(token);
            if (_pieces && kind == TokenClass.Unknown && (Role(token) & PieceRole.GivenFirst) != 0)
            {
                kind = TokenClass.GivenName; // the first piece of a name
            }

            int code = kind switch
            {
                TokenClass.Syntax => _wordCodes.TryGetValue(token, out int w) ? w : PrefixNode.NoCode,
                TokenClass.GivenName => PrefixNode.GivenCode,
                TokenClass.FamilyName => PrefixNode.FamilyCode,
                TokenClass.Value => PrefixNode.ValueCode(attribute),
                _ => PrefixNode.NoCode,
            };
            c = (kind, value, code);
            if (_classes.Count < 1_000_000)
            {
                _classes.Add(token, c);
            }
        }

        return c;
    }

    private PieceRole Role(string token)
    {
        if (!_roles.TryGetValue(token, out PieceRole role))
        {
            role = _model.Names.RoleOf(token);
            if (_roles.Count < 100_000)
            {
                _roles.Add(token, role);
            }
        }

        return role;
    }

    private T Weight(int entity, int attribute, int value, T h)
    {
        EntityState e = _entities[entity];
        T seat = _world is not null ? T.CreateChecked(_world.Weights[entity]) : _sentences == 0 ? T.Zero : T.CreateChecked(e.Count) - _d;
        if (value < 0)
        {
            return seat;
        }

        int fact = e.Facts[attribute];
        return fact < 0 ? seat * h : (fact == value ? seat : T.Zero);
    }

    private static T From(Rational r) => T.CreateChecked(r);

    /// <summary>
    /// A node of the template slot trie: the templates whose first slots are the path to this node. Slots are keyed
    /// by an integer code: a syntax word's index (≥ 0), or a negative code for a given name, a family name, or a value
    /// of attribute j.
    /// </summary>
    private sealed class PrefixNode
    {
        public const int NoCode = int.MinValue, GivenCode = -1, FamilyCode = -2;
        private int[] _codes = [];
        private PrefixNode[] _children = [];

        /// <summary>Gets the indices (in <c>Vocabulary.Templates</c>) of the templates through this node.</summary>
        public int[] Templates { get; private set; } = [];

        public static int ValueCode(int attribute) => -3 - attribute;

        public static int AttributeOfValueCode(int code) => -3 - code;

        public PrefixNode? Child(int code)
        {
            int[] codes = _codes;
            for (int i = 0; i < codes.Length; i++)
            {
                if (codes[i] == code)
                {
                    return _children[i];
                }
            }

            return null;
        }

        public static (PrefixNode Root, Dictionary<string, int> WordCodes) Build(SyntaxKnowledgeModel model)
        {
            var root = new PrefixNode();
            var words = new Dictionary<string, int>(StringComparer.Ordinal);
            ImmutableArray<(int Attribute, int Template)> all = model.Vocabulary.Templates;
            for (int x = 0; x < all.Length; x++)
            {
                (int j, int t) = all[x];
                PrefixNode node = root;
                foreach (TemplateSlot slot in model.Attributes[j].Templates[t].Slots)
                {
                    int code = slot.Kind switch
                    {
                        SlotKind.Word => words.TryGetValue(slot.Word!, out int w) ? w : words[slot.Word!] = words.Count,
                        SlotKind.GivenName => GivenCode,
                        SlotKind.FamilyName => FamilyCode,
                        _ => ValueCode(j),
                    };
                    PrefixNode? child = node.Child(code);
                    if (child is null)
                    {
                        child = new PrefixNode();
                        node._codes = [.. node._codes, code];
                        node._children = [.. node._children, child];
                    }

                    node = child;
                    node.Templates = [.. node.Templates, x];
                }
            }

            return (root, words);
        }
    }

    /// <summary>A name prefix shown by a token prefix: the given word so far (open, or closed once the family starts or,
    /// with words, once the given token is read), the family word so far and whether it is complete.</summary>
    private readonly record struct NamePrefix(string? Given, int GivenSyllables, bool GivenClosed, string Family, int FamilySyllables, bool Complete)
    {
        public string Key => !GivenClosed ? Given! : Given + " " + Family;

        /// <summary>The number of names of the name model with this prefix.</summary>
        public BigInteger Names(NameModel names) =>
            Complete ? BigInteger.One
            : !GivenClosed ? names.GivenCompletions(GivenSyllables) * names.FamilyVocabularySize
            : FamilySyllables == 0 ? names.FamilyVocabularySize
            : names.FamilyCompletions(FamilySyllables);
    }

    /// <summary>The entities filed under one name prefix: how many, which, and their total weight.</summary>
    private sealed class NameKey
    {
        public int Used { get; set; }

        public List<int> Entities { get; } = [];

        public T Mass { get; set; } = T.Zero;
    }

    private sealed class EntityState(string given, string family, int attributes)
    {
        public List<NameKey> Keys { get; } = [];

        public string Given { get; } = given;

        public string Family { get; } = family;

        public long Count { get; set; }

        public int[] Facts { get; } = Enumerable.Repeat(-1, attributes).ToArray();
    }
}
