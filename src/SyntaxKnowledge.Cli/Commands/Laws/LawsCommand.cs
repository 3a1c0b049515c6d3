using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SyntaxKnowledge.Laws;

namespace SyntaxKnowledge.Cli.Commands.Laws;

/// <summary>skm laws &lt;law&gt;: each law with its derived exponents and constants, and predicted-vs-simulated tables.</summary>
internal static class LawsCommand
{
    public static Command Create(bool interactive)
    {
        var command = new Command("laws", "Print a scaling law of the theory with exponents and constants derived from the parameters (exact p/q exponents for rational d).");
        command.Subcommands.Add(DataLawCommand.Create(interactive));
        command.Subcommands.Add(FineTuneLawCommand.Create(interactive));
        command.Subcommands.Add(StructureLawCommand.Create(interactive));
        command.Subcommands.Add(ModelLawCommand.Create(interactive));
        command.Subcommands.Add(ComputeOptimalCommand.Create(interactive));
        command.Subcommands.Add(AcquisitionCommand.Create(interactive));
        command.Subcommands.Add(HallucinationCommand.Create(interactive));
        return command;
    }

    /// <summary>Parses a comma-separated grid of positive integers (e.g. "10,100,1000").</summary>
    public static int[] ParseGrid(string? text, string option, int[] fallback, int maximum)
    {
        if (text is null)
        {
            return fallback;
        }

        var values = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out int v) || v < 1 || v > maximum)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{option}: '{part}' is not valid; valid values: integers 1 <= n <= {maximum}, comma-separated."));
            }

            values.Add(v);
        }

        if (values.Count == 0)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{option}: no values; valid form: comma-separated integers such as 10,100,1000."));
        }

        return [.. values.Distinct().Order()];
    }

    /// <summary>Writes a law's terms (name, constant, exponent as "p/q" when exact, log power, description) and notes.</summary>
    public static void WriteLaw(Utf8JsonWriter json, ScalingLaw law)
    {
        json.WriteString("law", law.Name);
        json.WriteString("variable", law.Variable);
        json.Number("irreducible", law.Irreducible);
        json.WriteStartArray("terms");
        foreach (ScalingTerm term in law.Terms)
        {
            json.WriteStartObject();
            json.WriteString("name", term.Name);
            json.Number("constant", term.Constant);
            if (term.ExactExponent is { } exact)
            {
                json.WriteString("exponent", exact.ToString());
            }
            else
            {
                json.Number("exponent", term.Exponent);
            }

            json.Number("exponent_value", term.Exponent);
            json.WriteNumber("log_power", term.LogPower);
            json.WriteString("description", term.Description);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("notes");
        foreach (string note in law.Notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
    }

    /// <summary>Renders a law's terms as text lines for table output.</summary>
    public static void WriteLawText(TextWriter writer, ScalingLaw law)
    {
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{law.Name} law in {law.Variable}: L = {law.Irreducible:G6} + sum of terms C * x^-alpha * (ln x)^k"));
        Output.Table(writer, ["term", "C", "alpha", "k", "what"], law.Terms.Select(t => (IReadOnlyList<string>)[t.Name, Output.Format(t.Constant, 8), t.ExponentText, t.LogPower.ToString(CultureInfo.InvariantCulture), t.Description]));
        foreach (string note in law.Notes)
        {
            writer.WriteLine("  note: " + note);
        }
    }
}
