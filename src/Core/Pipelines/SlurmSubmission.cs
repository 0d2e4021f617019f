namespace MusicPile.Core.Pipelines;

/// <summary>What <see cref="SlurmExecutor.SubmitAsync"/> submitted: the run and its jobs in dependency order.</summary>
public sealed record SlurmSubmission(long RunId, bool Resumed, string JobName, string LogDir, IReadOnlyList<SlurmStageJob> Jobs);
