using MusicPile.Core.Pipelines;

namespace MusicPile.Cli;

/// <summary>Prints what a run did, per stage, as text or JSON.</summary>
internal static class RunReport
{
    public static object ToJson(RunResult r) => new
    {
        run = r.RunId,
        resumed = r.Resumed,
        stages = r.Stages.Select(s => new
        {
            name = s.Name,
            type = s.Type,
            tasks = s.Tasks,
            tasks_skipped = s.TasksSkipped,
            records_in = s.Counters.RecordsIn,
            kept = s.Counters.Kept,
            rejected = s.Counters.Rejected,
            rejects_by_reason = s.Counters.RejectsByReason.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(),
            bytes_in = s.Counters.BytesIn,
            bytes_out = s.Counters.BytesOut,
            task_seconds = Math.Round(s.Counters.Seconds, 3),
            extra = s.Counters.Extra.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(),
        }),
    };

    public static void Print(CliContext ctx, RunResult r, bool writeJson = true)
    {
        if (ctx.Json && writeJson)
            ctx.WriteJson(ToJson(r));
        var w = ctx.Human;
        w.WriteLine($"run {r.RunId}{(r.Resumed ? " (resumed)" : "")}");
        foreach (var s in r.Stages)
        {
            w.WriteLine($"  {s.Name,-12} in {s.Counters.RecordsIn,9:N0}  kept {s.Counters.Kept,9:N0}  rejected {s.Counters.Rejected,7:N0}  tasks {s.Tasks} ({s.TasksSkipped} skipped)");
            foreach (var (reason, n) in s.Counters.RejectsByReason.OrderByDescending(kv => kv.Value))
                w.WriteLine($"      {reason,-28} {n,7:N0}");
        }
    }
}
