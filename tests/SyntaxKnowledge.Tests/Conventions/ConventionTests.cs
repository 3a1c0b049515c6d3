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

        // The scan sees the core's references to the BCL (it must, or the check below could never fail) ...
        IReadOnlyList<string> members = CoreMemberReferences.All;
        Assert.Contains("System.Math.Sqrt", members);
        Assert.Contains("System.Threading.Tasks.Parallel.For", members);

        // ... and none of them touches files, the console, processes, the network, clocks or the environment.
        Assert.Equal(string.Empty, string.Join(", ", CoreMemberReferences.Forbidden(members)));
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText", true)]
    [InlineData("System.IO.Directory.CreateDirectory", true)]
    [InlineData("System.IO.FileStream..ctor", true)]
    [InlineData("System.IO.StreamWriter..ctor", true)]
    [InlineData("System.Console.WriteLine", true)]
    [InlineData("System.Diagnostics.Process.Start", true)]
    [InlineData("System.Diagnostics.Stopwatch.StartNew", true)]
    [InlineData("System.DateTime.get_Now", true)]
    [InlineData("System.DateTime.get_UtcNow", true)]
    [InlineData("System.DateTimeOffset.get_Now", true)]
    [InlineData("System.Environment.GetEnvironmentVariable", true)]
    [InlineData("System.Environment.get_TickCount64", true)]
    [InlineData("System.Net.Http.HttpClient..ctor", true)]
    [InlineData("System.Threading.Thread.Sleep", true)]
    [InlineData("System.Random..ctor", true)]
    [InlineData("System.IO.TextReader.ReadLine", false)]
    [InlineData("System.IO.TextWriter.Write", false)]
    [InlineData("System.DateTime.get_Year", false)]
    [InlineData("System.Environment.get_ProcessorCount", false)]
    [InlineData("System.Math.Sqrt", false)]
    [InlineData("System.Environment.", false)]
    public void CoreMemberReferences_Forbidden_FlagsIoClocksAndEnvironment(string member, bool forbidden) =>
        Assert.Equal(forbidden, CoreMemberReferences.Forbidden([member]).Any());

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

    [TrackedFilesFact]
    public void RepositoryRoot_HoldsOnlyTheDesignCardsTopLevel()
    {
        // The design card: src, tests, docs, samples, Package.sln, README.md, LICENSE, plus the build's own files
        // (global.json, Directory.*.props/targets, dotfiles). Only tracked files count: an untracked file a user leaves
        // at the root (dotnet run ... > out.txt) or ignored build output is not part of the repository.
        string[] tracked = TrackedFiles.Paths ?? throw new InvalidOperationException(TrackedFiles.SkipReason);
        Assert.Contains("Package.sln", tracked);
        Assert.True(tracked.Length >= 10, $"git ls-files listed only {tracked.Length} files");
        Assert.Equal(string.Empty, string.Join(", ", UnexpectedTopLevel(tracked)));
    }

    [Theory]
    [InlineData("out.txt", "out.txt")]
    [InlineData("notes/todo.md", "notes")]
    [InlineData("src/SyntaxKnowledge/X.cs", "")]
    [InlineData(".github/workflows/ci.yml", "")]
    [InlineData("Directory.Build.props", "")]
    [InlineData("Directory.Build.rsp", "Directory.Build.rsp")]
    public void UnexpectedTopLevel_NamesOnlyEntriesOutsideTheDesignCard(string path, string expected) =>
        Assert.Equal(expected, string.Join(", ", UnexpectedTopLevel(["README.md", path])));

    // The top-level names of tracked paths (forward slashes, as git prints them) that the design card does not allow.
    internal static IEnumerable<string> UnexpectedTopLevel(IEnumerable<string> trackedPaths)
    {
        string[] allowed = ["src", "tests", "docs", "samples", "Package.sln", "README.md", "LICENSE", "global.json"];
        return trackedPaths
            .Select(path => path.Split('/')[0])
            .Distinct(StringComparer.Ordinal)
            .Where(name => !name.StartsWith('.') && !allowed.Contains(name, StringComparer.Ordinal)
                           && !(name.StartsWith("Directory.", StringComparison.Ordinal) && (name.EndsWith(".props", StringComparison.Ordinal) || name.EndsWith(".targets", StringComparison.Ordinal))))
            .Order(StringComparer.Ordinal);
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

/// <summary>The repository's tracked files (git ls-files), listed once per test run; null with a reason where git or the
/// repository is absent (a source archive, a machine without git).</summary>
internal static class TrackedFiles
{
    private static readonly Lazy<(string[]? Paths, string? Reason)> Listing = new(List);

    /// <summary>Gets the tracked paths relative to the repository root, or null.</summary>
    public static string[]? Paths => Listing.Value.Paths;

    /// <summary>Gets why the tracked files cannot be listed, or null.</summary>
    public static string? SkipReason => Listing.Value.Reason;

    private static (string[]? Paths, string? Reason) List()
    {
        string root;
        try
        {
            root = ConventionTests.RepositoryRoot();
        }
        catch (InvalidOperationException e)
        {
            return (null, e.Message);
        }

        var start = new System.Diagnostics.ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (string argument in new[] { "-C", root, "ls-files", "-z" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = System.Diagnostics.Process.Start(start);
            if (process is null)
            {
                return (null, "git could not be started; the tracked files cannot be listed.");
            }

            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                return (null, "git ls-files did not finish within 30 s.");
            }

            if (process.ExitCode != 0)
            {
                return (null, $"git ls-files exited {process.ExitCode} (not a git checkout?): {error.Result.Trim()}");
            }

            return ([.. output.Split('\0', StringSplitOptions.RemoveEmptyEntries)], null);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, "git is not installed here (" + e.Message + "); the tracked files cannot be listed.");
        }
    }
}

/// <summary>A fact skipped, with the reason, where the tracked files cannot be listed (xunit 2 has no dynamic skip).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TrackedFilesFactAttribute : FactAttribute
{
    public TrackedFilesFactAttribute()
    {
        if (TrackedFiles.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>Every member the core's IL references in other assemblies ("Namespace.Type.Member"), read from its metadata.</summary>
internal static class CoreMemberReferences
{
    // Types whose every member is I/O, process, clock or ambient-state access.
    private static readonly string[] ForbiddenTypes =
    [
        "System.IO.File", "System.IO.FileInfo", "System.IO.Directory", "System.IO.DirectoryInfo", "System.IO.FileStream",
        "System.IO.StreamReader", "System.IO.StreamWriter", "System.IO.FileSystemInfo", "System.IO.DriveInfo", "System.IO.FileSystemWatcher",
        "System.Console", "System.Diagnostics.Process", "System.Diagnostics.Stopwatch", "System.Diagnostics.Debugger",
        "System.Threading.Thread", "System.Threading.Timer", "System.Timers.Timer", "System.TimeProvider", "System.Random",
        "System.Security.Cryptography.RandomNumberGenerator",
    ];

    // Individual members of otherwise pure types: the clocks, and the environment (variables, time, machine state).
    private static readonly string[] ForbiddenMembers =
    [
        "System.DateTime.get_Now", "System.DateTime.get_UtcNow", "System.DateTime.get_Today",
        "System.DateTimeOffset.get_Now", "System.DateTimeOffset.get_UtcNow",
        "System.Threading.Tasks.Task.Delay", "System.IO.Path.GetTempPath", "System.IO.Path.GetTempFileName", "System.IO.Path.GetFullPath",
    ];

    // Environment members that are not I/O, clocks or ambient inputs to a result: ProcessorCount sizes work only (results
    // do not depend on the thread count); CurrentManagedThreadId is what the compiler's iterator state machines (yield
    // return) use to hand out their first enumerator.
    private static readonly string[] AllowedEnvironment = ["System.Environment.get_ProcessorCount", "System.Environment.get_NewLine", "System.Environment.get_CurrentManagedThreadId"];

    private static readonly Lazy<IReadOnlyList<string>> Members = new(Read);

    /// <summary>Gets the referenced members, sorted.</summary>
    public static IReadOnlyList<string> All => Members.Value;

    /// <summary>Returns the members that touch I/O, processes, the network, clocks or the environment.</summary>
    public static IEnumerable<string> Forbidden(IEnumerable<string> members) => members.Where(m =>
        ForbiddenTypes.Any(t => m.StartsWith(t + ".", StringComparison.Ordinal))
        || ForbiddenMembers.Contains(m, StringComparer.Ordinal)
        || m.StartsWith("System.Net.", StringComparison.Ordinal)
        || (m.StartsWith("System.Environment.", StringComparison.Ordinal) && m != "System.Environment." && !AllowedEnvironment.Contains(m, StringComparer.Ordinal)));

    private static IReadOnlyList<string> Read()
    {
        using var stream = File.OpenRead(typeof(Rational).Assembly.Location);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        System.Reflection.Metadata.MetadataReader reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (System.Reflection.Metadata.MemberReferenceHandle handle in reader.MemberReferences)
        {
            System.Reflection.Metadata.MemberReference member = reader.GetMemberReference(handle);
            if (TypeName(reader, member.Parent) is { } type)
            {
                names.Add(type + "." + reader.GetString(member.Name));
            }
        }

        // A type referenced without a member (a field type, a cast, a local) still names the type.
        foreach (System.Reflection.Metadata.TypeReferenceHandle handle in reader.TypeReferences)
        {
            names.Add(FullName(reader, reader.GetTypeReference(handle)) + ".");
        }

        return [.. names];
    }

    private static string? TypeName(System.Reflection.Metadata.MetadataReader reader, System.Reflection.Metadata.EntityHandle parent)
    {
        switch (parent.Kind)
        {
            case System.Reflection.Metadata.HandleKind.TypeReference:
                return FullName(reader, reader.GetTypeReference((System.Reflection.Metadata.TypeReferenceHandle)parent));
            case System.Reflection.Metadata.HandleKind.TypeSpecification:
                // A generic instantiation: name its generic type definition.
                System.Reflection.Metadata.BlobReader blob = reader.GetBlobReader(reader.GetTypeSpecification((System.Reflection.Metadata.TypeSpecificationHandle)parent).Signature);
                if (blob.ReadSignatureTypeCode() == System.Reflection.Metadata.SignatureTypeCode.GenericTypeInstance)
                {
                    blob.ReadSignatureTypeCode();
                    System.Reflection.Metadata.EntityHandle definition = blob.ReadTypeHandle();
                    return definition.Kind == System.Reflection.Metadata.HandleKind.TypeReference
                        ? FullName(reader, reader.GetTypeReference((System.Reflection.Metadata.TypeReferenceHandle)definition))
                        : null;
                }

                return null;
            default:
                return null; // members of the core's own types, or vararg method references
        }
    }

    private static string FullName(System.Reflection.Metadata.MetadataReader reader, System.Reflection.Metadata.TypeReference type)
    {
        string name = reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == System.Reflection.Metadata.HandleKind.TypeReference)
        {
            return FullName(reader, reader.GetTypeReference((System.Reflection.Metadata.TypeReferenceHandle)type.ResolutionScope)) + "+" + name;
        }

        string ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
