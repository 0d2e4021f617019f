using System.Diagnostics;
using MusicPile.Core.Catalog;
using Npgsql;

namespace MusicPile.Core.Pipelines;

/// <summary>
/// Runs a pipeline's stages in order; each stage's tasks run in parallel up to the worker count. A rerun of the
/// same pipeline resumes its unfinished run: tasks already done are skipped, the rest are redone from scratch.
/// </summary>
public sealed class PipelineRunner(NpgsqlDataSource catalog, MusicPileHome home, StageRegistry registry)
{
    public static string CodeVersion { get; } =
        typeof(PipelineRunner).Assembly.GetName().Version?.ToString() ?? "0";

    public async Task<RunResult> RunAsync(PipelineDefinition pipeline, RunOptions options, IProgress<RunEvent>? progress, CancellationToken ct)
    {
        options.Validate();
        registry.Validate(pipeline);
        await using var runLock = await PipelineLock.AcquireAsync(catalog, pipeline.Name, ct).ConfigureAwait(false);
        var runs = new RunCatalog(catalog);
        var (runId, resumed) = await runs.StartOrResumeAsync(pipeline, options.Executor, CodeVersion, ct).ConfigureAwait(false);
        progress?.Report(new RunEvent(RunEventKind.RunStarted, runId, "", 0, 0, resumed ? "resumed" : "new"));
        var results = new List<StageResult>();
        try
        {
            IReadOnlyList<TaskOutputFile> inputs = [];
            for (var i = 0; i < pipeline.Stages.Count; i++)
            {
                var result = await RunStageAsync(runs, runId, pipeline, i, inputs, options, progress, ct).ConfigureAwait(false);
                results.Add(result);
                inputs = result.Outputs;
            }
            await runs.FinishRunAsync(runId, true, null, CancellationToken.None).ConfigureAwait(false);
            progress?.Report(new RunEvent(RunEventKind.RunDone, runId, "", 0, 0));
            return new RunResult(runId, resumed, results);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await TryFinishFailed(runs, runId, e.Message).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<StageResult> RunStageAsync(RunCatalog runs, long runId, PipelineDefinition pipeline, int index,
        IReadOnlyList<TaskOutputFile> inputs, RunOptions options, IProgress<RunEvent>? progress, CancellationToken ct)
    {
        var def = pipeline.Stages[index];
        var stage = registry.Create(def.Type);
        var plan = new StagePlan(runId, pipeline, def, index, inputs, home, catalog, options.DefaultTasks);
        var world = await stage.PlanAsync(plan, ct).ConfigureAwait(false);
        var pending = await runs.PlanTasksAsync(runId, def.Name, index, world, ct).ConfigureAwait(false);
        var skipped = world - pending.Count;
        progress?.Report(new RunEvent(RunEventKind.StageStarted, runId, def.Name, world, skipped));
        var done = skipped;
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = ct }, async (rank, token) =>
        {
            try
            {
                await RunTaskAsync(runs, stage, plan, rank, world, token).ConfigureAwait(false);
            }
            catch (MusicPileException e)
            {
                progress?.Report(new RunEvent(RunEventKind.TaskFailed, runId, def.Name, world, Volatile.Read(ref done), e.Message));
                throw;
            }
            var n = Interlocked.Increment(ref done);
            progress?.Report(new RunEvent(RunEventKind.TaskDone, runId, def.Name, world, n));
        }).ConfigureAwait(false);
        var counters = RunCatalog.Sum((await runs.TasksAsync(runId, ct).ConfigureAwait(false)).Where(t => t.Stage == def.Name));
        var outputs = await runs.OutputsAsync(runId, def.Name, ct).ConfigureAwait(false);
        progress?.Report(new RunEvent(RunEventKind.StageDone, runId, def.Name, world, world));
        return new StageResult(def.Name, def.Type, world, skipped, counters, outputs);
    }

    /// <summary>Runs one task to completion and commits it, or marks it failed. Used by every executor.</summary>
    public static async Task RunTaskAsync(RunCatalog runs, IStage stage, StagePlan plan, int rank, int world, CancellationToken ct)
    {
        var worker = $"{Environment.MachineName}:{Environment.ProcessId}";
        if (!await runs.ClaimTaskAsync(plan.RunId, plan.Stage.Name, rank, worker, ct).ConfigureAwait(false))
            return;
        var sw = Stopwatch.StartNew();
        try
        {
            await using var task = new StageTask(plan, rank, world);
            await stage.RunAsync(task, ct).ConfigureAwait(false);
            var outputs = await task.CompleteAndVerifyAsync(ct).ConfigureAwait(false);
            task.Counters.Seconds = sw.Elapsed.TotalSeconds;
            await runs.CommitTaskAsync(task, outputs, ct).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await TryFailTask(runs, plan, rank, e).ConfigureAwait(false);
            if (e is OperationCanceledException)
                throw;
            throw new MusicPileException($"stage '{plan.Stage.Name}' task {rank}/{world} failed: {e.Message}", inner: e);
        }
    }

    private static async Task TryFailTask(RunCatalog runs, StagePlan plan, int rank, Exception e)
    {
        try
        {
            await runs.FailTaskAsync(plan.RunId, plan.Stage.Name, rank, e.ToString(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The catalog is unreachable; the task stays unfinished and a rerun redoes it.
        }
    }

    private static async Task TryFinishFailed(RunCatalog runs, long runId, string error)
    {
        try
        {
            await runs.FinishRunAsync(runId, false, error, CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // As above: the run row says running until a rerun picks it up.
        }
    }
}
