namespace MusicPile.Core.Pipelines;

/// <summary>
/// One submitted Slurm job: a stage's array (<see cref="Array"/> indices, each element taking ranks
/// <c>index, index + Stride, ...</c>), or the run's finishing job (stage empty, no array).
/// </summary>
public sealed record SlurmStageJob(string Stage, string JobId, string? Array, int Stride, string? AfterOk);
