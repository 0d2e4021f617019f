using MusicPile.Core.Catalog;
using Npgsql;

namespace MusicPile.Core.Pipelines;

/// <summary>
/// What runs inside a Slurm job: an array element plans its stage (under a lock, once per stage; later elements find
/// the plan made) and runs its ranks through <see cref="PipelineRunner.RunTaskAsync"/>; the finishing job marks the
/// run succeeded when every task of every stage is done.
/// </summary>
public sealed class SlurmStageWorker(NpgsqlDataSource catalog, MusicPileHome home, StageRegistry registry)
{
    public async Task<SlurmElementResult> RunElementAsync(PipelineDefinition pipeline, long runId, string stageName, int rank, int stride,
        int defaultTasks, CancellationToken ct)
    {
        if (rank < 0 || stride < 1)
            throw MusicPileException.Usage($"--rank must be at least 0 and --stride at least 1 (got {rank} and {stride})");
        registry.Validate(pipeline);
        var runs = new RunCatalog(catalog);
        await RequireRunAsync(runs, pipeline, runId, ct).ConfigureAwait(false);
        var index = IndexOf(pipeline, stageName);
        var def = pipeline.Stages[index];
        IReadOnlyList<TaskOutputFile> inputs = [];
        if (index > 0)
        {
            var previous = pipeline.Stages[index - 1].Name;
            var tasks = (await runs.TasksAsync(runId, ct).ConfigureAwait(false)).Where(t => t.Stage == previous).ToList();
            var done = tasks.Count(t => t.Status == StageTaskStatus.Done);
            if (tasks.Count == 0 || done < tasks.Count)
                throw new MusicPileException($"run {runId}: stage '{def.Name}' cannot start, stage '{previous}' has {done} of {tasks.Count} tasks done");
            inputs = await runs.OutputsAsync(runId, previous, ct).ConfigureAwait(false);
        }
        var stage = registry.Create(def.Type);
        var plan = new StagePlan(runId, pipeline, def, index, inputs, home, catalog, defaultTasks);
        int world;
        await using (await SlurmPlanLock.AcquireAsync(catalog, runId, def.Name, ct).ConfigureAwait(false))
        {
            world = await stage.PlanAsync(plan, ct).ConfigureAwait(false);
            await runs.PlanTasksAsync(runId, def.Name, index, world, ct).ConfigureAwait(false);
        }
        var ranks = new List<int>();
        var failures = new List<string>();
        for (var r = rank; r < world; r += stride)
        {
            ranks.Add(r);
            try
            {
                await PipelineRunner.RunTaskAsync(runs, stage, plan, r, world, ct).ConfigureAwait(false);
            }
            catch (MusicPileException e)
            {
                failures.Add(e.Message);
            }
        }
        return new SlurmElementResult(def.Name, world, ranks, failures);
    }

    /// <summary>Marks the run succeeded when every stage is planned and all its tasks are done; else failed, with why.</summary>
    public async Task<bool> FinishAsync(PipelineDefinition pipeline, long runId, CancellationToken ct)
    {
        var runs = new RunCatalog(catalog);
        await RequireRunAsync(runs, pipeline, runId, ct).ConfigureAwait(false);
        var tasks = await runs.TasksAsync(runId, ct).ConfigureAwait(false);
        foreach (var def in pipeline.Stages)
        {
            var mine = tasks.Where(t => t.Stage == def.Name).ToList();
            var done = mine.Count(t => t.Status == StageTaskStatus.Done);
            if (mine.Count == 0 || done < mine.Count)
            {
                var why = $"stage '{def.Name}' has {done} of {mine.Count} tasks done";
                await runs.FinishRunAsync(runId, false, why, ct).ConfigureAwait(false);
                return false;
            }
        }
        await runs.FinishRunAsync(runId, true, null, ct).ConfigureAwait(false);
        return true;
    }

    private static int IndexOf(PipelineDefinition pipeline, string stageName)
    {
        for (var i = 0; i < pipeline.Stages.Count; i++)
        {
            if (pipeline.Stages[i].Name == stageName)
                return i;
        }
        throw MusicPileException.Usage($"pipeline '{pipeline.Name}' has no stage '{stageName}'");
    }

    private static async Task RequireRunAsync(RunCatalog runs, PipelineDefinition pipeline, long runId, CancellationToken ct)
    {
        var run = await runs.GetRunAsync(runId, ct).ConfigureAwait(false)
            ?? throw new MusicPileException($"run {runId} is not in the catalog");
        if (run.Pipeline != pipeline.Name || run.ConfigHash != pipeline.ConfigHash)
            throw new MusicPileException($"run {runId} was started from another pipeline configuration ({run.Pipeline} {run.ConfigHash}); the pipeline file changed since it was submitted");
    }
}
