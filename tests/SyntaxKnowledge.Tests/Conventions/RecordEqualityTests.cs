using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using SyntaxKnowledge.Laws.Peers;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Tests.Conventions;

/// <summary>
/// Layer 5: every public record of the core that holds a collection has value equality. A sample of each record is built
/// by reflection, deep-copied with fresh arrays (clone, then every collection copied into a new array, recursively), and
/// the copy must be Equal with the same hash code; dropping an element of any collection, or changing any scalar, must
/// make it unequal (so that Equals cannot ignore a member).
/// </summary>
public sealed class RecordEqualityTests
{
    private static readonly Assembly Core = typeof(Rational).Assembly;

    public static TheoryData<string> RecordsWithCollections()
    {
        var data = new TheoryData<string>();
        foreach (Type type in Core.GetExportedTypes().Where(IsRecord).Where(t => !t.IsGenericTypeDefinition && CollectionProperties(t).Any()).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void RecordsWithCollections_AreFound()
    {
        // The reflection must find the records the issue names, or the theory below could pass by testing nothing.
        string[] names = [.. ((IEnumerable<object[]>)RecordsWithCollections()).Select(row => (string)row[0])];
        Assert.True(names.Length >= 20, "records found: " + string.Join(", ", names));
        Assert.Contains("SyntaxKnowledge.Laws.ScalingLaw", names);
        Assert.Contains("SyntaxKnowledge.Prediction.LossReport", names);
        Assert.Contains("SyntaxKnowledge.Simulation.DistinctSample", names);
    }

    [Fact]
    public void GenericRecordWithCollections_SentenceScore_HasValueEquality() =>
        CheckValueEquality(typeof(SyntaxKnowledge.Prediction.SentenceScore<double>));

    [Theory]
    [MemberData(nameof(RecordsWithCollections))]
    public void Record_StructurallyEqualCopies_AreEqualWithEqualHashCodes(string typeName) =>
        CheckValueEquality(Core.GetType(typeName, throwOnError: true)!);

    private static void CheckValueEquality(Type type)
    {
        object original = Sample(type, 0) ?? throw new InvalidOperationException("no sample of " + type.Name);
        object copy = DeepCopy(original)!;
        Assert.False(ReferenceEquals(original, copy) && !type.IsValueType, "the copy must be a new instance");
        Assert.True(original.Equals(copy), $"{type.Name}: a deep copy with fresh arrays is not Equal");
        Assert.Equal(original.GetHashCode(), copy.GetHashCode());

        var variants = new List<string>();
        foreach (PropertyInfo property in SettableProperties(type))
        {
            object? value = property.GetValue(original);
            object? changed = Changed(property.PropertyType, value);
            if (changed is null)
            {
                continue;
            }

            object variant = DeepCopy(original)!;
            property.SetValue(variant, changed);
            variants.Add(property.Name);
            Assert.False(original.Equals(variant), $"{type.Name}: changing {property.Name} leaves the record Equal (Equals ignores it)");
        }

        // Records without public init members (built by a validating factory) are checked for equality only.
    }

    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$") is not null
        || (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null);

    private static IEnumerable<PropertyInfo> CollectionProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && IsCollection(p.PropertyType));

    private static IEnumerable<PropertyInfo> SettableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.SetMethod is { IsPublic: true } && p.Name != "EqualityContract");

    private static bool IsCollection(Type type) =>
        type != typeof(string) && (type.IsArray || IsImmutableArray(type) || typeof(IEnumerable).IsAssignableFrom(type));

    private static bool IsImmutableArray(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>);

    private static Type ElementType(Type collection) =>
        collection.IsArray ? collection.GetElementType()!
        : collection.IsGenericType ? collection.GetGenericArguments()[0]
        : typeof(object);

    // A value that differs from the given one, or null when none is made for the type.
    private static object? Changed(Type type, object? value)
    {
        Type core = Nullable.GetUnderlyingType(type) ?? type;
        if (IsCollection(core))
        {
            Array items = Items(value);
            return items.Length == 0 ? null : Collection(core, [.. items.Cast<object?>().Take(items.Length - 1)]);
        }

        return value switch
        {
            int i => i + 1,
            long l => l + 1,
            ulong u => u + 1,
            double d => double.IsFinite(d) ? d + 1 : 1.0,
            bool b => !b,
            string s => s + "'",
            Rational r => r + 1,
            _ when core.IsEnum => Enum.GetValues(core).Cast<object>().FirstOrDefault(e => !e.Equals(value)),
            null when core == typeof(string) => "x",
            _ => null,
        };
    }

    private static Array Items(object? collection) => collection switch
    {
        null => Array.Empty<object>(),
        Array array => array,
        IEnumerable sequence => sequence.Cast<object?>().ToArray(),
        _ => Array.Empty<object>(),
    };

    // A collection of the given type holding the items (ImmutableArray<T>, T[] or anything a T[] is assignable to).
    private static object Collection(Type type, IReadOnlyList<object?> items)
    {
        Type element = ElementType(type);
        var array = Array.CreateInstance(element, items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            array.SetValue(items[i], i);
        }

        if (IsImmutableArray(type))
        {
            MethodInfo create = typeof(ImmutableArray).GetMethods().Single(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is [{ ParameterType.IsArray: true }]);
            return create.MakeGenericMethod(element).Invoke(null, [array])!;
        }

        return type.IsAssignableFrom(array.GetType()) ? array : throw new InvalidOperationException("cannot build a " + type.Name);
    }

    // A deep copy: records are cloned and every collection (recursively) is copied into a fresh array.
    private static object? DeepCopy(object? value)
    {
        if (value is null)
        {
            return null;
        }

        Type type = value.GetType();
        if (IsCollection(type) && (type.IsArray || IsImmutableArray(type)))
        {
            return Collection(type, [.. Items(value).Cast<object?>().Select(DeepCopy)]);
        }

        if (!IsRecord(type))
        {
            return value;
        }

        object copy;
        if (!type.IsValueType)
        {
            copy = type.GetMethod("<Clone>$")!.Invoke(value, null)!;
        }
        else
        {
            // A new box, so that setting a property below does not change the original.
            copy = RuntimeHelpers.GetUninitializedObject(type);
            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                field.SetValue(copy, field.GetValue(value));
            }
        }

        foreach (PropertyInfo property in SettableProperties(type))
        {
            object? member = property.GetValue(copy);
            if (member is not null && (IsCollection(member.GetType()) || IsRecord(member.GetType())))
            {
                property.SetValue(copy, DeepCopy(member));
            }
        }

        return copy;
    }

    // A sample value of a type: two-element collections, small valid numbers, the first constructor that accepts them.
    private static object? Sample(Type type, int depth)
    {
        Type? underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return Sample(underlying, depth);
        }

        if (depth > 6)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        if (type == typeof(string))
        {
            return "s" + depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(ulong) || type == typeof(double) || type == typeof(float) || type == typeof(short) || type == typeof(byte))
        {
            return Convert.ChangeType(2, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0);
        }

        if (type == typeof(Rational))
        {
            return new Rational(1, 3);
        }

        if (type == typeof(PitmanYorParameters))
        {
            return PitmanYorParameters.Create(new Rational(1, 2), 1);
        }

        if (type == typeof(SyntaxKnowledge.Model.SyntaxKnowledgeModel))
        {
            return SyntaxKnowledge.Model.SyntaxKnowledgeModel.Biographies(PitmanYorParameters.Create(new Rational(1, 2), 1));
        }

        if (type == typeof(IScalingTheory))
        {
            return SantaFeTheory.Create(new Rational(1, 2));
        }

        if (type == typeof(object))
        {
            return "o";
        }

        if (IsCollection(type))
        {
            Type element = ElementType(type);
            return Collection(type, [Sample(element, depth + 1), Sample(element, depth + 1)]);
        }

        // A type with a validating factory and no public constructor: its parameterless static sample, if any.
        // Public constructors first, then (for types built by a validating factory) the private ones.
        foreach (ConstructorInfo constructor in type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).OrderBy(c => c.IsPublic ? 0 : 1).ThenByDescending(c => c.GetParameters().Length))
        {
            object?[] arguments = [.. constructor.GetParameters().Select(p => Sample(p.ParameterType, depth + 1))];
            try
            {
                return constructor.Invoke(arguments);
            }
            catch (TargetInvocationException)
            {
                // try the next constructor
            }
        }

        PropertyInfo? known = type.GetProperties(BindingFlags.Public | BindingFlags.Static).FirstOrDefault(p => p.PropertyType == type);
        if (known is not null)
        {
            return known.GetValue(null);
        }

        return type.IsValueType ? Activator.CreateInstance(type) : throw new InvalidOperationException($"no sample of {type.FullName}: add a case to RecordEqualityTests.Sample");
    }
}
