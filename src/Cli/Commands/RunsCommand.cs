using System.CommandLine;
using MusicPile.Core;
using MusicPile.Core.Catalog;
using MusicPile.Core.Pipelines;

namespace MusicPile.Cli.Commands;

/// <summary><c>musicpile runs list | show ID</c>: what each run did.</summary>
internal static class RunsCommand
{
    private static readonly Argument<long> RunId = new("id") { Description = "Run id" };
    private static readonly Option<int> Limit = new("--limit") { Description = "How many runs to list", DefaultValueFactory = _ => 20 };

    public static Command Create()
    {
        var runs = new Command("runs", "What pipeline runs did");
        var list = new Command("list", "List recent runs");
        list.Options.Add(Limit);
        list.SetAction((p, ct) => CliContext.GuardAsync(p, ListAsync, ct));
        var show = new Command("show", "Per stage: records in, kept, rejected (by reason), bytes and durations");
        show.Arguments.Add(RunId);
        show.SetAction((p, ct) => CliContext.GuardAsync(p, ShowAsync, ct));
        runs.Subcommands.Add(list);
        runs.Subcommands.Add(show);
        return runs;
    }

    private static async Task<int> ListAsync(CliContext ctx, CancellationToken ct)
    {
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var rows = await new RunCatalog(catalog.DataSource).ListRunsAsync(ctx.Parse.GetValue(Limit), ct).ConfigureAwait(false);
        if (ctx.Json)
        {
            ctx.WriteJson(new
            {
                runs = rows.Select(r => new
                {
                    id = r.Id, pipeline = r.Pipeline, status = r.Status, executor = r.Executor,
                    started = r.StartedAt, finished = r.FinishedAt, seconds = Seconds(r), error = r.Error,
                }),
            });
        }
        foreach (var r in rows)
            ctx.Human.WriteLine($"{r.Id,6}  {r.Pipeline,-16} {r.Status,-10} {r.StartedAt:yyyy-MM-dd HH:mm:ss}  {Seconds(r),8:F1}s");
        return ExitCodes.Success;
    }

    private static async Task<int> ShowAsync(CliContext ctx, CancellationToken ct)
    {
        var id = ctx.Parse.GetValue(RunId);
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var runs = new RunCatalog(catalog.DataSource);
        var run = await runs.GetRunAsync(id, ct).ConfigureAwait(false) ?? throw MusicPileException.Usage($"no run {id}");
        var tasks = await runs.TasksAsync(id, ct).ConfigureAwait(false);
        var stages = tasks.GroupBy(t => (t.StageIndex, t.Stage)).OrderBy(g => g.Key.StageIndex).Select(g =>
        {
            var c = RunCatalog.Sum(g);
            var started = g.Min(t => t.StartedAt);
            var finished = g.Max(t => t.FinishedAt);
            return new
            {
                name = g.Key.Stage,
                tasks = g.Count(),
                tasks_done = g.Count(t => t.Status == "done"),
                tasks_failed = g.Count(t => t.Status == "failed"),
                records_in = c.RecordsIn,
                kept = c.Kept,
                rejected = c.Rejected,
                rejects_by_reason = c.RejectsByReason.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(),
                bytes_in = c.BytesIn,
                bytes_out = c.BytesOut,
                task_seconds = Math.Round(c.Seconds, 3),
                wall_seconds = started is { } s && finished is { } f ? Math.Round((f - s).TotalSeconds, 3) : (double?)null,
                extra = c.Extra.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(),
                errors = g.Where(t => t.Error is not null).Select(t => $"task {t.Rank}: {FirstLine(t.Error!)}").ToList(),
            };
        }).ToList();
        if (ctx.Json)
            ctx.WriteJson(new { id = run.Id, pipeline = run.Pipeline, status = run.Status, executor = run.Executor, started = run.StartedAt, finished = run.FinishedAt, seconds = Seconds(run), error = run.Error, stages });
        var w = ctx.Human;
        w.WriteLine($"run {run.Id}  {run.Pipeline}  {run.Status}  {Seconds(run):F1}s");
        foreach (var s in stages)
        {
            w.WriteLine($"  {s.name,-12} in {s.records_in,9:N0}  kept {s.kept,9:N0}  rejected {s.rejected,7:N0}  {s.bytes_in / 1e6,8:F2} MB in  {s.bytes_out / 1e6,8:F2} MB out  tasks {s.tasks_done}/{s.tasks}  {s.wall_seconds:F1}s");
            foreach (var (reason, n) in s.rejects_by_reason.OrderByDescending(kv => kv.Value))
                w.WriteLine($"      {reason,-28} {n,7:N0}");
            foreach (var e in s.errors)
                w.WriteLine($"      error: {e}");
        }
        return ExitCodes.Success;
    }

    private static double? Seconds(RunCatalog.RunRow r) => r.FinishedAt is { } f ? Math.Round((f - r.StartedAt).TotalSeconds, 3) : null;

    private static string FirstLine(string s) => s.Split('\n')[0];
}
