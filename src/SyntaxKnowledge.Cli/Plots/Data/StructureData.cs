using SyntaxKnowledge.Laws;

namespace SyntaxKnowledge.Cli.Plots.Data;

/// <summary>The structure function of a corpus: what `skm laws structure` prints and `skm plot structure` draws.</summary>
/// <param name="Source">Where the corpus came from ("generated: ..." or "corpus: FILE").</param>
/// <param name="EntityCost">The storage cost w of one entity in nats.</param>
/// <param name="Result">The structure function and its MDL optimum.</param>
internal sealed record StructureData(string Source, double EntityCost, StructureFunctionResult Result);
