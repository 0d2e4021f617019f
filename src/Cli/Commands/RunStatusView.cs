using MusicPile.Core.Catalog;
using MusicPile.Core.Pipelines;
using Npgsql;

namespace MusicPile.Cli.Commands;

/// <summary><c>musicpile run pipelines/nightly.yaml --status [--json]</c>: the latest run's tasks per stage, from the catalog.</summary>
internal static class RunStatusView
{
    public sealed record StageProgress(string Name, bool Planned, int Tasks, int Done, int Running, int Failed, int Pending);

    public sealed record FailedTask(string Stage, int Rank, int Attempts, string? Error);

    public sealed record Progress(string Pipeline, long? Run, RunStatus? Status, string? Executor, IReadOnlyList<StageProgress> Stages, IReadOnlyList<FailedTask> FailedTasks);

    public static async Task<int> ShowAsync(CliContext ctx, PipelineDefinition pipeline, CancellationToken ct)
    {
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var progress = await LoadAsync(catalog.DataSource, pipeline, ct).ConfigureAwait(false);
        if (ctx.Json)
            ctx.WriteJson(progress);
        Print(progress, ctx.Human);
        return ExitCodes.Success;
    }

    public static async Task PrintTextAsync(NpgsqlDataSource db, PipelineDefinition pipeline, TextWriter w, CancellationToken ct)
    {
        Print(await LoadAsync(db, pipeline, ct).ConfigureAwait(false), w);
    }

    public static async Task<Progress> LoadAsync(NpgsqlDataSource db, PipelineDefinition pipeline, CancellationToken ct)
    {
        var runs = new RunCatalog(db);
        var run = (await runs.ListRunsAsync(1000, ct).ConfigureAwait(false)).FirstOrDefault(r => r.Pipeline == pipeline.Name);
        if (run is null)
            return new Progress(pipeline.Name, null, null, null, pipeline.Stages.Select(s => new StageProgress(s.Name, false, 0, 0, 0, 0, 0)).ToList(), []);
        var tasks = await runs.TasksAsync(run.Id, ct).ConfigureAwait(false);
        var stages = pipeline.Stages.Select(s =>
        {
            var mine = tasks.Where(t => t.Stage == s.Name).ToList();
            return new StageProgress(s.Name, mine.Count > 0, mine.Count, Count(mine, StageTaskStatus.Done), Count(mine, StageTaskStatus.Running),
                Count(mine, StageTaskStatus.Failed), Count(mine, StageTaskStatus.Pending));
        }).ToList();
        var failed = tasks.Where(t => t.Status == StageTaskStatus.Failed).Select(t => new FailedTask(t.Stage, t.Rank, t.Attempts, FirstLine(t.Error))).ToList();
        return new Progress(pipeline.Name, run.Id, run.Status, run.Executor, stages, failed);
    }

    private static void Print(Progress p, TextWriter w)
    {
        if (p.Run is null)
        {
            w.WriteLine($"pipeline {p.Pipeline}: no run yet");
            return;
        }
        w.WriteLine($"pipeline {p.Pipeline}: run {p.Run} {p.Status?.Code()} ({p.Executor})");
        foreach (var s in p.Stages)
        {
            w.WriteLine(s.Planned
                ? $"  {s.Name,-12} tasks {s.Tasks,4}  done {s.Done,4}  running {s.Running,4}  failed {s.Failed,4}  pending {s.Pending,4}"
                : $"  {s.Name,-12} not planned yet");
        }
        foreach (var f in p.FailedTasks)
            w.WriteLine($"  failed: {f.Stage} task {f.Rank} (attempt {f.Attempts}): {f.Error}");
    }

    private static int Count(List<RunCatalog.TaskRow> tasks, StageTaskStatus status) => tasks.Count(t => t.Status == status);

    private static string? FirstLine(string? s) => s?.Split('\n', 2)[0].Trim();
}
