using System.Globalization;
using MusicPile.Core.Catalog;
using Npgsql;

namespace MusicPile.Core.Pipelines;

/// <summary>
/// Runs a pipeline as Slurm jobs: one array job per stage over its tasks (throttled to the worker count), each stage
/// <c>afterok</c> the previous one, and a last small job that marks the run succeeded. Every array element plans its
/// stage under a lock before running its ranks, so a stage is planned once, from the previous stage's recorded
/// outputs, only when that stage is done. A resubmission of an unfinished run submits only the tasks not done.
/// </summary>
public sealed class SlurmExecutor(NpgsqlDataSource catalog, MusicPileHome home, StageRegistry registry, SlurmOptions options)
{
    /// <summary>
    /// The Slurm job name of run <paramref name="runId"/> of the home at <paramref name="homeRoot"/>: run ids are only
    /// unique within one catalog, so a short hash of the home keeps two homes sharing a cluster from seeing each
    /// other's jobs as their own.
    /// </summary>
    public static string JobNameFor(long runId, string homeRoot) =>
        "musicpile-run-" + runId.ToString(CultureInfo.InvariantCulture) + "-" +
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(homeRoot))))[..8];

    public async Task<SlurmSubmission> SubmitAsync(PipelineDefinition pipeline, string pipelineFile, CancellationToken ct)
    {
        options.Validate();
        registry.Validate(pipeline);
        pipelineFile = Path.GetFullPath(pipelineFile);
        // Held only while submitting: it keeps a local run of the same pipeline from starting in between.
        await using var runLock = await PipelineLock.AcquireAsync(catalog, pipeline.Name, ct).ConfigureAwait(false);
        var runs = new RunCatalog(catalog);
        await SlurmTaskSelection.RequireFailedTasksAsync(runs, pipeline, options, ct).ConfigureAwait(false);
        var (runId, resumed) = await runs.StartOrResumeAsync(pipeline, "slurm", PipelineRunner.CodeVersion, ct).ConfigureAwait(false);
        var jobName = JobNameFor(runId, home.Root);
        var queued = await SlurmCluster.QueuedAsync(jobName, ct).ConfigureAwait(false);
        if (queued.Count > 0)
            throw new MusicPileException($"run {runId} still has {queued.Count} Slurm job(s) queued or running ({string.Join(", ", queued.Take(5))}); wait for them or scancel them, then rerun");
        var tasks = await runs.TasksAsync(runId, ct).ConfigureAwait(false);
        var logDir = Path.Combine(home.RunDir(runId), "slurm");
        Directory.CreateDirectory(logDir);
        var env = new Dictionary<string, string> { ["MUSICPILE_DB"] = options.ConnectionString, ["MUSICPILE_HOME"] = home.Root };
        var jobs = new List<SlurmStageJob>();
        string? previous = null;
        foreach (var def in pipeline.Stages)
        {
            if (SlurmTaskSelection.For(def, tasks.Where(t => t.Stage == def.Name).ToList(), options) is not { } selection)
                continue;
            var (indices, stride) = selection;
            var array = SlurmCluster.IndexList(indices) + "%" + options.Workers.ToString(CultureInfo.InvariantCulture);
            var script = WriteScript(logDir, def.Name, runId, Command(pipelineFile, runId,
                ["--stage", def.Name, "--rank", SlurmBatchScript.ArrayIndex, "--stride", Num(stride), "--default-tasks", Num(options.DefaultTasks)]));
            var id = await SlurmCluster.SubmitAsync(new SlurmCluster.Job(script, jobName, SlurmBatchScript.FileInside(logDir, def.Name, "-%A_%a.log"),
                array, previous, options.Partition, env), ct).ConfigureAwait(false);
            jobs.Add(new SlurmStageJob(def.Name, id, array, stride, previous));
            previous = id;
        }
        var finish = WriteScript(logDir, "finish", runId, Command(pipelineFile, runId, ["--finish"]));
        var finishId = await SlurmCluster.SubmitAsync(new SlurmCluster.Job(finish, jobName, Path.Combine(logDir, "finish-%j.log"),
            null, previous, options.Partition, env), ct).ConfigureAwait(false);
        jobs.Add(new SlurmStageJob("", finishId, null, 1, previous));
        return new SlurmSubmission(runId, resumed, jobName, logDir, jobs);
    }

    /// <summary>Waits until the run's jobs have left the queue, reporting tasks as they finish; the run's result if it succeeded.</summary>
    public async Task<RunResult?> WaitAsync(PipelineDefinition pipeline, SlurmSubmission submission, IProgress<RunEvent>? progress, CancellationToken ct)
    {
        var runs = new RunCatalog(catalog);
        var reported = new Dictionary<string, int>(StringComparer.Ordinal);
        // Failures seen (by attempt), so each is reported once; those from before this submission are not reported.
        HashSet<(string Stage, int Rank, int Attempt)>? failed = null;
        progress?.Report(new RunEvent(RunEventKind.RunStarted, submission.RunId, "", 0, 0, submission.Resumed ? "resumed on Slurm" : "new on Slurm"));
        while (true)
        {
            var queued = await SlurmCluster.QueuedAsync(submission.JobName, ct).ConfigureAwait(false);
            var tasks = await runs.TasksAsync(submission.RunId, ct).ConfigureAwait(false);
            var report = failed is not null;
            failed ??= [];
            foreach (var g in tasks.GroupBy(t => t.Stage))
            {
                var done = g.Count(t => t.Status == StageTaskStatus.Done);
                if (!reported.TryGetValue(g.Key, out var before))
                    progress?.Report(new RunEvent(RunEventKind.StageStarted, submission.RunId, g.Key, g.Count(), done));
                else if (done > before)
                    progress?.Report(new RunEvent(RunEventKind.TaskDone, submission.RunId, g.Key, g.Count(), done));
                reported[g.Key] = done;
                foreach (var t in g.Where(t => t.Status == StageTaskStatus.Failed && failed.Add((t.Stage, t.Rank, t.Attempts)) && report))
                    progress?.Report(new RunEvent(RunEventKind.TaskFailed, submission.RunId, g.Key, g.Count(), done, $"task {t.Rank}: {t.Error?.Split('\n', 2)[0]}"));
            }
            if (queued.Count == 0)
                break;
            await Task.Delay(options.PollInterval, ct).ConfigureAwait(false);
        }
        var run = await runs.GetRunAsync(submission.RunId, ct).ConfigureAwait(false);
        if (run?.Status != RunStatus.Succeeded)
            return null;
        progress?.Report(new RunEvent(RunEventKind.RunDone, submission.RunId, "", 0, 0));
        return await ResultAsync(catalog, pipeline, submission.RunId, submission.Resumed, ct).ConfigureAwait(false);
    }

    /// <summary>A run's result per stage as the catalog records it (task counters summed, outputs listed).</summary>
    public static async Task<RunResult> ResultAsync(NpgsqlDataSource catalog, PipelineDefinition pipeline, long runId, bool resumed, CancellationToken ct)
    {
        var runs = new RunCatalog(catalog);
        var tasks = await runs.TasksAsync(runId, ct).ConfigureAwait(false);
        var stages = new List<StageResult>();
        foreach (var def in pipeline.Stages)
        {
            var mine = tasks.Where(t => t.Stage == def.Name).ToList();
            var counters = RunCatalog.Sum(mine);
            var outputs = await runs.OutputsAsync(runId, def.Name, ct).ConfigureAwait(false);
            stages.Add(new StageResult(def.Name, def.Type, mine.Count, 0, counters, outputs));
        }
        return new RunResult(runId, resumed, stages);
    }

    private List<string> Command(string pipelineFile, long runId, IEnumerable<string> rest) =>
        [.. options.Command, "run-task", pipelineFile, "--run", Num(runId), "--home", home.Root, .. rest];

    private static string WriteScript(string dir, string name, long runId, IReadOnlyList<string> command) =>
        SlurmBatchScript.Write(dir, name, runId, command);

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);
}
