using System.Globalization;
using SyntaxKnowledge.Numbers;
using SyntaxKnowledge.Processes;

namespace SyntaxKnowledge.Model;

/// <summary>The built-in model presets.</summary>
internal static class Presets
{
    private static readonly string[] PlaceStems =
    [
        "al", "bel", "cor", "dun", "el", "fen", "gar", "hal", "ir", "kel",
        "lun", "mor", "nor", "os", "pel", "quar", "ros", "sel", "tor", "ul",
    ];

    private static readonly string[] Fields =
    [
        "physics", "chemistry", "botany", "geology", "astronomy", "linguistics", "philosophy", "economics",
        "sociology", "anthropology", "archaeology", "mathematics", "statistics", "medicine", "surgery",
        "pharmacology", "architecture", "engineering", "metallurgy", "cartography", "zoology", "ecology",
        "genetics", "neurology", "psychology", "history", "law", "music", "painting", "sculpture", "poetry",
        "theology", "agronomy", "oceanography", "meteorology", "optics", "acoustics", "cryptography", "logic",
        "rhetoric",
    ];

    public static SyntaxKnowledgeModel Biographies(PitmanYorParameters knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        AttributeSpec[] attributes =
        [
            AttributeSpec.Create("birth_city", Places(["holm", "ford", "burg", "wick", "stad", "mere"], 240, suffixWithHyphen: false), ValuePrior.Uniform,
            [
                Template.Parse("{name} was born in {value} ."),
                Template.Parse("born in {value} , {name} grew up there ."),
                Template.Parse("the birthplace of {name} is {value} ."),
                Template.Parse("{name} came into the world in {value} ."),
            ]),
            AttributeSpec.Create("birth_year", [.. Enumerable.Range(1800, 200).Select(y => y.ToString(CultureInfo.InvariantCulture))], ValuePrior.Uniform,
            [
                Template.Parse("{name} was born in the year {value} ."),
                Template.Parse("the year {value} saw the birth of {name} ."),
                Template.Parse("{name} , born {value} , was the eldest child ."),
            ]),
            AttributeSpec.Create("university", Places(["University", "College", "Institute", "Academy"], 80, suffixWithHyphen: true), ValuePrior.Uniform,
            [
                Template.Parse("{name} studied at {value} ."),
                Template.Parse("{name} graduated from {value} ."),
                Template.Parse("at {value} , {name} completed a degree ."),
            ]),
            AttributeSpec.Create("employer", Places(["Works", "Labs", "Industries", "Company", "Press", "Bank"], 300, suffixWithHyphen: true), ValuePrior.Uniform,
            [
                Template.Parse("{name} worked for {value} ."),
                Template.Parse("{name} was employed by {value} ."),
                Template.Parse("{value} hired {name} ."),
            ]),
            AttributeSpec.Create("field", Fields, ValuePrior.Uniform,
            [
                Template.Parse("{name} specialized in {value} ."),
                Template.Parse("the field of {name} was {value} ."),
                Template.Parse("{name} devoted a career to {value} ."),
            ]),
        ];
        return SyntaxKnowledgeModel.Create(knowledge, Rational.One, Rational.One, attributes, NameModel.Default);
    }

    public static SyntaxKnowledgeModel Tiny(PitmanYorParameters knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        NameModel names = NameModel.Create(["ka", "lo"], [1], ["bo", "va"], [1], ["n"]);
        AttributeSpec[] attributes =
        [
            AttributeSpec.Create("city", ["Oslo", "Apia"], ValuePrior.Uniform,
            [
                Template.Parse("{name} lives in {value} ."),
                Template.Parse("in {value} lives {name} ."),
            ]),
            AttributeSpec.Create("year", ["1900", "1950", "2000"], ValuePrior.Uniform,
            [
                Template.Parse("{name} was born in {value} ."),
                Template.Parse("{value} saw {name} born ."),
            ]),
        ];
        return SyntaxKnowledgeModel.Create(knowledge, Rational.One, new Rational(1, 2), attributes, names);
    }

    // Deterministic place-like names: a stem of two syllables and a suffix, interleaved so the first values are varied.
    private static string[] Places(string[] suffixes, int count, bool suffixWithHyphen)
    {
        var values = new List<string>(count);
        for (int i = 0; values.Count < count; i++)
        {
            string first = PlaceStems[i % PlaceStems.Length];
            string second = PlaceStems[(i / PlaceStems.Length * 7 + (i % PlaceStems.Length * 3) + 1) % PlaceStems.Length];
            string suffix = suffixes[i % suffixes.Length];
            string stem = char.ToUpperInvariant(first[0]) + first[1..] + second;
            string value = suffixWithHyphen ? stem + "-" + suffix : stem + suffix;
            if (!values.Contains(value))
            {
                values.Add(value);
            }
        }

        return [.. values];
    }
}
