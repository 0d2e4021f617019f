namespace MusicPile.Train.Jobs;

/// <summary>How a training job starts, besides its recipe and data.</summary>
/// <param name="InitDir">Hugging Face LLaMA folder to continue pre-training from. Default none: a model from the recipe's preset.</param>
/// <param name="Resume">Continue the latest run of the same export and config from its last checkpoint. Default false.</param>
/// <param name="Steps">Overrides the recipe's total steps (warmup, evaluation and checkpoint intervals shrink to fit). Default none.</param>
public sealed record TrainRunOptions(string? InitDir = null, bool Resume = false, int? Steps = null);
