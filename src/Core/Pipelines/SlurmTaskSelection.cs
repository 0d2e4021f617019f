using MusicPile.Core.Catalog;

namespace MusicPile.Core.Pipelines;

/// <summary>
/// Which array elements a Slurm submission asks for: every task not done (a rerun), or with
/// <see cref="SlurmOptions.OnlyFailed"/> only the tasks recorded as failed. A stage not planned yet is submitted whole.
/// </summary>
internal static class SlurmTaskSelection
{
    /// <summary>The array indices and stride for a stage, or null when nothing of it is to run.</summary>
    public static (IReadOnlyList<int> Indices, int Stride)? For(StageDefinition def, IReadOnlyList<RunCatalog.TaskRow> tasks, SlurmOptions options)
    {
        if (tasks.Count == 0)
        {
            var n = def.Tasks > 0 ? def.Tasks : options.DefaultTasks;
            return (Enumerable.Range(0, n).ToList(), n);
        }
        var ranks = tasks.Where(t => options.OnlyFailed ? t.Status == StageTaskStatus.Failed : t.Status != StageTaskStatus.Done)
            .Select(t => t.Rank).ToList();
        return ranks.Count == 0 ? null : (ranks, tasks[0].WorldSize);
    }

    /// <summary>With <see cref="SlurmOptions.OnlyFailed"/>: a usage error unless the run a rerun resumes has failed tasks.</summary>
    public static async Task RequireFailedTasksAsync(RunCatalog runs, PipelineDefinition pipeline, SlurmOptions options, CancellationToken ct)
    {
        if (!options.OnlyFailed)
            return;
        var runId = await runs.ResumableRunAsync(pipeline, ct).ConfigureAwait(false)
            ?? throw MusicPileException.Usage($"{pipeline.FileName}: pipeline '{pipeline.Name}' has no unfinished run whose failed tasks could be resubmitted");
        var tasks = await runs.TasksAsync(runId, ct).ConfigureAwait(false);
        if (!tasks.Any(t => t.Status == StageTaskStatus.Failed))
            throw MusicPileException.Usage($"run {runId} has no failed tasks; rerun without --resubmit-failed to submit the tasks not done");
    }
}
