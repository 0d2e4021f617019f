namespace MusicPile.Train;

/// <summary>
/// One named stream of the training mixture (e.g. <c>abc</c>, <c>music_text</c>, <c>general</c>): token
/// files for training and, optionally, validation, and its share of training windows.
/// </summary>
/// <param name="Name">Label used in metrics (validation loss is reported per source).</param>
/// <param name="TrainPath">nanoGPT .bin or llm.c shard of training tokens.</param>
/// <param name="ValPath">Validation tokens in either layout, or null for none.</param>
/// <param name="Weight">Relative sampling weight; windows are drawn from sources in proportion to it. Default 1.</param>
public sealed record DataSource(string Name, string TrainPath, string? ValPath = null, double Weight = 1.0);
