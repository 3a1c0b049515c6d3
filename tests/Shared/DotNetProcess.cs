using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace SyntaxKnowledge.TestSupport;

/// <summary>The result of a finished process: exit code and everything it printed.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    /// <summary>A description for assertion messages: the command, exit code, time and the output's last lines.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Command}\nexit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout (tail) ---\n{Tail(Output)}\n--- stderr (tail) ---\n{Tail(Error)}");

    private static string Tail(string text) => text.Length <= 6000 ? text : "..." + text[^6000..];
}

/// <summary>Runs the dotnet CLI (and built tools) as a user would, from tests: a clean environment, captured output, a timeout.</summary>
public static class DotNetProcess
{
    /// <summary>Gets the repository root: the nearest directory above the test assembly that holds Package.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Gets the configuration the test assembly was built with ("Debug" or "Release"); samples referenced by the
    /// test project were built with the same one.</summary>
    public static string Configuration { get; } =
        typeof(DotNetProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>Gets the dotnet host that runs the tests (DOTNET_HOST_PATH, set by the SDK), or "dotnet" from PATH.</summary>
    public static string Host { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs <c>dotnet args…</c> in a directory and waits for it.</summary>
    public static ProcessResult Run(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        Start(Host, workingDirectory, timeout, environment, args);

    /// <summary>Runs an executable with arguments in a directory and waits for it, killing its process tree after the timeout.</summary>
    public static ProcessResult Start(string fileName, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The test host inherits variables from 'dotnet test' (MSBuild and VSTest settings) that must not leak into
        // a nested build or test run; the child starts from a user's environment.
        foreach (string key in info.Environment.Keys.ToArray())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase) || key.Equals("MSBuildExtensionsPath", StringComparison.OrdinalIgnoreCase)
                || key.Equals("MSBuildSDKsPath", StringComparison.OrdinalIgnoreCase) || key.Equals("MSBuildLoadMicrosoftTargetsReadOnly", StringComparison.OrdinalIgnoreCase))
            {
                info.Environment.Remove(key);
            }
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        if (environment is not null)
        {
            foreach ((string key, string value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        string command = fileName + " " + string.Join(' ', args);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + command);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ProcessResult(command, -1, output.Result, error.Result + $"\nTIMED OUT after {timeout.TotalSeconds:F0} s", stopwatch.Elapsed);
        }

        process.WaitForExit();
        return new ProcessResult(command, process.ExitCode, output.Result, error.Result, stopwatch.Elapsed);
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Package.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("Package.sln was not found above " + AppContext.BaseDirectory);
    }
}
