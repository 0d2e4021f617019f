namespace MusicPile.Core.Pipelines;

/// <summary>
/// A stage type the runner can execute. A stage is split into tasks (rank of world size); each task is a
/// deterministic slice of the stage's input, so the same pipeline runs locally or as Slurm array jobs.
/// </summary>
public interface IStage
{
    /// <summary>
    /// The record the stage's options bind to (<see cref="IStageOptions"/>); the pipeline is checked against it before
    /// anything runs, and the stage reads it with <see cref="StagePlan.Options{T}"/>. Default: no options.
    /// </summary>
    Type OptionsType => typeof(NoStageOptions);

    /// <summary>How many tasks the stage runs, given its definition and what the previous stage produced.</summary>
    Task<int> PlanAsync(StagePlan plan, CancellationToken ct);

    /// <summary>
    /// Runs one task. Records go to <see cref="StageTask.Output"/>, rejects to <see cref="StageTask.RejectAsync"/>;
    /// an exception fails the task (a broken shard or dependency), never a bad record.
    /// </summary>
    Task RunAsync(StageTask task, CancellationToken ct);
}
