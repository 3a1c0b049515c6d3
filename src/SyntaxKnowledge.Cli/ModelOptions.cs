using System.CommandLine;
using System.Globalization;
using SyntaxKnowledge.Model;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Cli;

/// <summary>The options that define a Syntax-Knowledge model, shared by generate, laws and verify.</summary>
internal sealed class ModelOptions
{
    public static readonly IReadOnlyDictionary<string, string> OptionNames = new Dictionary<string, string>
    {
        ["discount"] = "--discount",
        ["concentration"] = "--concentration",
        ["attributePrior"] = "--attribute-prior",
        ["templatePrior"] = "--template-prior",
    };

    public Option<Rational> Discount { get; } = CliOptions.Discount();

    public Option<Rational> Concentration { get; } = CliOptions.Concentration();

    public Option<string> Preset { get; } = CreatePreset();

    public Option<Rational?> AttributePrior { get; } = Optional("--attribute-prior", "Dirichlet concentration a_J of the attribute probabilities (default: the preset's, 1).");

    public Option<Rational?> TemplatePrior { get; } = Optional("--template-prior", "Dirichlet concentration a of each attribute's template probabilities (default: the preset's).");

    public Option<string?> ValuePrior { get; } = new("--value-prior")
    {
        Description = "Value base H_j for every attribute: 'uniform', or a Dirichlet concentration b (p/q) drawn per world and learned by the oracle.",
        HelpName = "uniform|p/q",
    };

    public Option<string?> Attributes { get; } = new("--attributes")
    {
        Description = "Comma-separated subset of the preset's attributes, in order (biographies: birth_city,birth_year,university,employer,field).",
        HelpName = "a,b,...",
    };

    public IEnumerable<Option> All => [Discount, Concentration, Preset, AttributePrior, TemplatePrior, ValuePrior, Attributes];

    public SyntaxKnowledgeModel Build(ParseResult parse)
    {
        var knowledge = PitmanYorParameters.Create(parse.GetValue(Discount), parse.GetValue(Concentration));
        SyntaxKnowledgeModel model = parse.GetValue(Preset) == "tiny" ? SyntaxKnowledgeModel.Tiny(knowledge) : SyntaxKnowledgeModel.Biographies(knowledge);
        if (parse.GetValue(Attributes) is { } list)
        {
            try
            {
                model = model.WithAttributes(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
            catch (ArgumentException e)
            {
                throw new CliInputException("--attributes: " + ErrorText.FirstLine(e.Message));
            }
        }

        if (parse.GetValue(AttributePrior) is not null || parse.GetValue(TemplatePrior) is not null)
        {
            model = model.WithSyntaxPriors(parse.GetValue(AttributePrior) ?? model.AttributePrior, parse.GetValue(TemplatePrior) ?? model.TemplatePrior);
        }

        if (parse.GetValue(ValuePrior) is { } prior)
        {
            if (prior == "uniform")
            {
                model = model.WithValuePrior(Model.ValuePrior.Uniform);
            }
            else if (Rational.TryParse(prior, CultureInfo.InvariantCulture, out Rational b) && b.Sign > 0)
            {
                model = model.WithValuePrior(Model.ValuePrior.Dirichlet(b));
            }
            else
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--value-prior: '{prior}' is not valid; valid values: 'uniform' or a concentration b > 0 such as 1/2."));
            }
        }

        return model;
    }

    public string PresetName(ParseResult parse) => parse.GetValue(Preset) ?? "biographies";

    /// <summary>
    /// Refuses, before anything is written, a corpus that would outgrow the model's finite name space (the tiny preset has
    /// 4 names): the message names the largest valid --sentences for this world.
    /// </summary>
    /// <exception cref="CliInputException">The first <paramref name="sentences"/> sentences need more names than exist.</exception>
    public static void CheckNameSpace(World world, long sentences, string preset, string option, CancellationToken cancellationToken)
    {
        long beyond = CorpusGenerator.FirstSentenceBeyondNameSpace(world, sentences, cancellationToken);
        if (beyond >= 0)
        {
            throw new CliInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"{option} = {sentences} is out of range for --preset {preset}: its name space holds {world.Model.Names.NameSpaceSize} names, and this world (--seed {world.Seed}, --discount {world.Model.Knowledge.Discount}, --concentration {world.Model.Knowledge.Concentration}) has used them all before sentence {beyond}; valid range here: 1 <= {option} <= {beyond} (or another --seed, or --preset biographies)."));
        }
    }

    private static Option<string> CreatePreset()
    {
        var option = new Option<string>("--preset")
        {
            Description = "Model preset: biographies (5 attributes, realistic vocabularies) or tiny (for exhaustive checks; at most 4 entities).",
            DefaultValueFactory = _ => "biographies",
        };
        option.AcceptOnlyFromAmong("biographies", "tiny");
        return option;
    }

    private static Option<Rational?> Optional(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "p/q",
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (Rational.TryParse(text, CultureInfo.InvariantCulture, out Rational value))
            {
                return value;
            }

            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: '{text}' is not a number; valid forms: p/q, an integer, or a finite decimal such as 0.25."));
            return null;
        },
    };
}
