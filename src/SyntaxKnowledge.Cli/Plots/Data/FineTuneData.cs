using SyntaxKnowledge.Laws;

namespace SyntaxKnowledge.Cli.Plots.Data;

/// <summary>A fine-tuning forecast and, optionally, its simulation over worlds: what `skm laws finetune` prints and `skm plot finetune` draws.</summary>
/// <param name="Forecast">The fluid forecast with rigorous bounds, one row per epoch.</param>
/// <param name="Simulation">The simulation over worlds, or null.</param>
internal sealed record FineTuneData(FineTuningForecast Forecast, FineTuningSimulation? Simulation);
