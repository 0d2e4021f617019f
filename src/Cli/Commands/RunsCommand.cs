using System.CommandLine;
using System.Text.Json.Nodes;
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
        var show = new Command("show", "Per stage: records in, kept, rejected (by reason), removed (by dedup method), bytes and durations");
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
            ctx.Human.WriteLine($"{r.Id,6}  {r.Pipeline,-16} {r.Status.Code(),-10} {r.StartedAt:yyyy-MM-dd HH:mm:ss}  {Seconds(r),8:F1}s");
        return ExitCodes.Success;
    }

    private static async Task<int> ShowAsync(CliContext ctx, CancellationToken ct)
    {
        var id = ctx.Parse.GetValue(RunId);
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var runs = new RunCatalog(catalog.DataSource);
        var run = await runs.GetRunAsync(id, ct).ConfigureAwait(false) ?? throw MusicPileException.Usage($"no run {id}");
        var tasks = await runs.TasksAsync(id, ct).ConfigureAwait(false);
        var stages = tasks.GroupBy(t => (t.StageIndex, t.Stage)).OrderBy(g => g.Key.StageIndex).Select(g => new StageFigures(
            g.Key.Stage, g.ToList(), RunCatalog.Sum(g))).ToList();
        if (ctx.Json)
        {
            ctx.WriteJson(new JsonObject
            {
                ["id"] = run.Id, ["pipeline"] = run.Pipeline, ["status"] = run.Status.Code(), ["executor"] = run.Executor,
                ["started"] = run.StartedAt, ["finished"] = run.FinishedAt, ["seconds"] = Seconds(run), ["error"] = run.Error,
                ["stages"] = new JsonArray([.. stages.Select(s => (JsonNode)s.ToJson())]),
            });
        }
        var w = ctx.Human;
        w.WriteLine($"run {run.Id}  {run.Pipeline}  {run.Status.Code()}  {Seconds(run):F1}s");
        foreach (var s in stages)
        {
            RunReport.PrintStage(w, s.Name, s.Counters, $"tasks {s.Done}/{s.Tasks.Count}  {s.WallSeconds:F1}s");
            foreach (var e in s.Errors)
                w.WriteLine($"      error: {e}");
        }
        return ExitCodes.Success;
    }

    /// <summary>One stage of a recorded run: its tasks and their counters summed.</summary>
    private sealed record StageFigures(string Name, IReadOnlyList<RunCatalog.TaskRow> Tasks, TaskCounters Counters)
    {
        public int Done => Tasks.Count(t => t.Status == StageTaskStatus.Done);

        public double? WallSeconds => Tasks.Min(t => t.StartedAt) is { } s && Tasks.Max(t => t.FinishedAt) is { } f ? Math.Round((f - s).TotalSeconds, 3) : null;

        public IReadOnlyList<string> Errors => Tasks.Where(t => t.Error is not null).Select(t => $"task {t.Rank}: {FirstLine(t.Error!)}").ToList();

        public JsonObject ToJson()
        {
            var o = new JsonObject
            {
                ["name"] = Name,
                ["tasks"] = Tasks.Count,
                ["tasks_done"] = Done,
                ["tasks_failed"] = Tasks.Count(t => t.Status == StageTaskStatus.Failed),
            };
            RunReport.AddCounters(o, Counters);
            o["wall_seconds"] = WallSeconds;
            o["errors"] = new JsonArray([.. Errors.Select(e => (JsonNode)JsonValue.Create(e))]);
            return o;
        }
    }

    private static double? Seconds(RunCatalog.RunRow r) => r.FinishedAt is { } f ? Math.Round((f - r.StartedAt).TotalSeconds, 3) : null;

    private static string FirstLine(string s) => s.Split('\n')[0];
}
