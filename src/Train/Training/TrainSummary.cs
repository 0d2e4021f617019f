namespace MusicPile.Train;

/// <summary>What <see cref="Trainer.Run"/> did.</summary>
/// <param name="Step">Steps completed when it returned.</param>
/// <param name="LastTrainLoss">Training loss of the final step.</param>
/// <param name="Validation">Validation losses per source, by step, in order (the first at the starting step).</param>
/// <param name="LastCheckpoint">The last checkpoint folder written, if any.</param>
/// <param name="TokensPerSecond">Mean training throughput over the run.</param>
public sealed record TrainSummary(
    int Step,
    double LastTrainLoss,
    IReadOnlyList<(int Step, IReadOnlyDictionary<string, double> Loss)> Validation,
    string? LastCheckpoint,
    double TokensPerSecond);
