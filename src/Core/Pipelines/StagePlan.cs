using Npgsql;

namespace MusicPile.Core.Pipelines;

/// <summary>What a stage knows when it decides how many tasks to run.</summary>
public sealed record StagePlan(
    long RunId,
    PipelineDefinition Pipeline,
    StageDefinition Stage,
    int StageIndex,
    IReadOnlyList<TaskOutputFile> Inputs,
    MusicPileHome Home,
    NpgsqlDataSource Catalog,
    int DefaultTasks)
{
    /// <summary>The stage's options bound to its options record (the one <see cref="IStage.OptionsType"/> names).</summary>
    public T Options<T>() where T : class, new() => StageOptionsBinder.Bind<T>(Stage.Options, Pipeline.Where(Stage));
}
