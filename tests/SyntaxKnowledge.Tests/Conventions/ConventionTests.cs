using System.Reflection;
using System.Runtime.CompilerServices;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Tests.Conventions;

/// <summary>Layer 5: convention tests by reflection over the pure core.</summary>
public sealed class ConventionTests
{
    private static readonly Assembly Core = typeof(Rational).Assembly;

    private static IEnumerable<Type> PublicTypes => Core.GetExportedTypes();

    [Fact]
    public void Core_DoesNotReferenceIlgpuOrIo()
    {
        string[] references = Core.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToArray();
        Assert.DoesNotContain(references, r => r.StartsWith("ILGPU", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(references, r => r.StartsWith("Spectre", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(references, r => r.StartsWith("System.CommandLine", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Core_HasNoPublicMutableFieldsOrSetters()
    {
        var offenders = new List<string>();

        // Enums are immutable values (their compiler-made value__ field is not settable state). The one other
        // exemption: IWorkspace<T> is the samplers' scratch-memory seam (what Span<T> is to the BCL); it has no
        // implementation in the public API, so no public value of the core is mutable through it.
        foreach (Type type in PublicTypes.Where(t => !t.IsEnum && !(t.IsInterface && t.IsGenericTypeDefinition && t.Name == "IWorkspace`1")))
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (!field.IsInitOnly && !field.IsLiteral)
                {
                    offenders.Add($"{type.Name}.{field.Name} (mutable field)");
                }
            }

            foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                MethodInfo? setter = property.GetSetMethod();

                // Exceptions inherit System.Exception's settable HelpLink, Source and HResult: BCL state, not ours.
                if (setter is null || setter.DeclaringType == typeof(Exception))
                {
                    continue;
                }

                bool initOnly = setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
                if (!initOnly)
                {
                    offenders.Add($"{type.Name}.{property.Name} (setter)");
                }
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public void ValidatedTypes_HaveNoInitSettersAndNoPublicConstructors()
    {
        // Types with a validating Create factory must not be constructible or 'with'-able around it.
        var offenders = new List<string>();
        foreach (Type type in PublicTypes.Where(t => t.GetMethod("Create", BindingFlags.Public | BindingFlags.Static) is not null && !t.IsValueType))
        {
            if (type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Length > 0 && type.GetMethod("TryCreate") is not null)
            {
                offenders.Add($"{type.Name} (public constructor)");
            }

            offenders.AddRange(type.GetProperties().Where(p => p.GetSetMethod() is not null).Select(p => $"{type.Name}.{p.Name} (init)"));
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public void Core_HasNoMutableStaticState()
    {
        var offenders = Core.GetTypes()
            .Where(t => !t.Name.Contains('<', StringComparison.Ordinal) && t.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => !f.IsLiteral && !f.IsInitOnly && f.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
                .Select(f => $"{t.Name}.{f.Name}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Core_GeneratesXmlDocumentation_WithoutSuppressingCs1591()
    {
        string xml = Path.ChangeExtension(Core.Location, ".xml");
        Assert.True(File.Exists(xml), "the core must ship XML docs");
        string project = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "SyntaxKnowledge", "SyntaxKnowledge.csproj"));
        string props = File.ReadAllText(Path.Combine(RepositoryRoot(), "Directory.Build.props"));
        Assert.DoesNotContain("1591", project, StringComparison.Ordinal);
        Assert.DoesNotContain("1591", props, StringComparison.Ordinal);
    }

    [Fact]
    public void RepositoryRoot_HoldsOnlyTheDesignCardsTopLevel()
    {
        // The design card: src, tests, docs, samples, Package.sln, README.md, LICENSE, plus the build's own files
        // (global.json, Directory.*.props/targets, dotfiles) and ignored build output (artifacts, TestResults).
        string[] allowed = ["src", "tests", "docs", "samples", "Package.sln", "README.md", "LICENSE", "global.json", "artifacts", "TestResults"];
        string[] extra = [.. Directory.EnumerateFileSystemEntries(RepositoryRoot())
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith('.') && !allowed.Contains(name, StringComparer.Ordinal)
                           && !(name.StartsWith("Directory.", StringComparison.Ordinal) && (name.EndsWith(".props", StringComparison.Ordinal) || name.EndsWith(".targets", StringComparison.Ordinal))))];
        Assert.True(extra.Length == 0, "unexpected top-level entries: " + string.Join(", ", extra));
    }

    internal static string RepositoryRoot()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "Package.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("Package.sln not found above the test output folder.");
    }
}
