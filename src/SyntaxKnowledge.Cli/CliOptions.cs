using System.CommandLine;
using System.Globalization;
using SyntaxKnowledge.Numbers;

namespace SyntaxKnowledge.Cli;

/// <summary>Option factories shared by every command, so names, parsing and messages are consistent.</summary>
internal static class CliOptions
{
    /// <summary>The output formats a command may support.</summary>
    public static readonly string[] AllFormats = ["json", "csv", "table"];

    /// <summary>An exact rational option accepting p/q, integers and finite decimals.</summary>
    public static Option<Rational> Rational(string name, string description, Rational? defaultValue = null, bool required = false)
    {
        var option = new Option<Rational>(name)
        {
            Description = description,
            HelpName = "p/q",
            Required = required && defaultValue is null,
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (Numbers.Rational.TryParse(text, CultureInfo.InvariantCulture, out Rational value))
                {
                    return value;
                }

                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: '{ErrorText.Cut(text)}' is not a number; valid forms: p/q, an integer, or a finite decimal such as 0.25."));
                return default;
            },
        };
        if (defaultValue is { } v)
        {
            option.DefaultValueFactory = _ => v;
        }

        return option;
    }

    /// <summary>An integer option with an inclusive valid range checked at parse time.</summary>
    public static Option<int> Integer(string name, string description, int minimum, int maximum = int.MaxValue, int? defaultValue = null, bool required = false)
    {
        string range = maximum == int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"{name} >= {minimum}")
            : string.Create(CultureInfo.InvariantCulture, $"{minimum} <= {name} <= {maximum}");
        var option = new Option<int>(name)
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"{description} Range: {range}."),
            HelpName = "int",
            Required = required && defaultValue is null,
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                string digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
                if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
                {
                    // An integer too large for 64 bits is out of range, not "not an integer".
                    result.AddError(System.Numerics.BigInteger.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                        ? string.Create(CultureInfo.InvariantCulture, $"{name} = {ErrorText.Cut(text)} is out of range; valid range: {range}.")
                        : string.Create(CultureInfo.InvariantCulture, $"{name}: '{ErrorText.Cut(text)}' is not an integer; valid range: {range}."));
                    return 0;
                }

                if (value < minimum || value > maximum)
                {
                    result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} = {ErrorText.Cut(text)} is out of range; valid range: {range}."));
                    return 0;
                }

                return (int)value;
            },
        };
        if (defaultValue is { } v)
        {
            option.DefaultValueFactory = _ => v;
        }

        return option;
    }

    /// <summary>A 64-bit seed option.</summary>
    public static Option<ulong> Seed(ulong defaultValue = 20250413UL) => UnsignedInteger("--seed", "The random seed; the same seed gives the same result on any backend and thread count.", defaultValue);

    /// <summary>An unsigned 64-bit option (a seed): decimal digits, 0 to 2^64 - 1, with the project's one-line messages.</summary>
    public static Option<ulong> UnsignedInteger(string name, string description, ulong defaultValue) => new(name)
    {
        Description = description,
        HelpName = "uint64",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            string digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
            if (ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
            {
                return value;
            }

            string range = string.Create(CultureInfo.InvariantCulture, $"0 <= {name} <= {ulong.MaxValue}");
            result.AddError(System.Numerics.BigInteger.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                ? string.Create(CultureInfo.InvariantCulture, $"{name} = {ErrorText.Cut(text)} is out of range; valid range: {range}.")
                : string.Create(CultureInfo.InvariantCulture, $"{name}: '{ErrorText.Cut(text)}' is not an integer; valid range: {range}."));
            return 0;
        },
    };

    /// <summary>The output format option.</summary>
    public static Option<string> Format(params string[] allowed) =>
        Choice("--format", "Output format: " + string.Join(", ", allowed) + ".", allowed, allowed[0]);

    /// <summary>The --tokens option: words (default) or pieces.</summary>
    public static Option<string> Tokens() => Choice(
        "--tokens",
        "How names become tokens: words (a given and a family name word, the default) or pieces (the syllables and ending the name model builds each name from: a closed vocabulary of a few dozen tokens, for language-model training).",
        ["words", "pieces"],
        "words");

    /// <summary>A string option restricted to a fixed set, with a one-line error naming the option, the value and the choices.</summary>
    public static Option<string> Choice(string name, string description, string[] allowed, string defaultValue)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
        };
        option.CompletionSources.Add(allowed);
        option.Validators.Add(result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : defaultValue;
            if (!allowed.Contains(text, StringComparer.Ordinal))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: '{text}' is not a valid choice; valid choices: {string.Join(", ", allowed)}."));
            }
        });
        return option;
    }

    /// <summary>The discount option (d).</summary>
    public static Option<Rational> Discount(Rational? defaultValue = null) =>
        Rational("--discount", "Pitman-Yor discount d (0 <= d < 1); Zipf exponent 1/d.", defaultValue, required: true);

    /// <summary>The concentration option (theta).</summary>
    public static Option<Rational> Concentration(Rational? defaultValue = null) =>
        Rational("--concentration", "Pitman-Yor concentration theta (theta > -d).", defaultValue, required: true);
}
