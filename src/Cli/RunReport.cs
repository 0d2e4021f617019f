using System.Globalization;
using System.Text.Json.Nodes;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Records;

namespace MusicPile.Cli;

/// <summary>
/// Prints what a run did, per stage, as text or JSON: records in, kept, rejected (by reason), removed (by dedup
/// method), created, bytes in and out. <c>run</c>, <c>ingest</c>, <c>demo</c> and <c>runs show</c> all print a stage
/// through here, so the figures read the same everywhere.
/// </summary>
internal static class RunReport
{
    public static JsonObject ToJson(RunResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var stages = new JsonArray();
        foreach (var s in r.Stages)
        {
            var o = new JsonObject { ["name"] = s.Name, ["type"] = s.Type, ["tasks"] = s.Tasks, ["tasks_skipped"] = s.TasksSkipped };
            AddCounters(o, s.Counters);
            stages.Add(o);
        }
        return new JsonObject { ["run"] = r.RunId, ["resumed"] = r.Resumed, ["stages"] = stages };
    }

    /// <summary>A stage's counters as JSON fields, added to <paramref name="stage"/>.</summary>
    public static void AddCounters(JsonObject stage, TaskCounters c)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(c);
        stage["records_in"] = c.RecordsIn;
        stage["kept"] = c.Kept;
        stage["rejected"] = c.Rejected;
        stage["rejects_by_reason"] = Map(c.RejectsByReason.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        stage["removed"] = c.Removed;
        stage["removed_by_method"] = Map(c.RemovedByMethod.Select(kv => KeyValuePair.Create(kv.Key.Code(), kv.Value)));
        stage["created"] = c.Created;
        stage["bytes_in"] = c.BytesIn;
        stage["bytes_out"] = c.BytesOut;
        stage["task_seconds"] = Math.Round(c.Seconds, 3);
        stage["extra"] = Map(c.Extra.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    public static void Print(CliContext ctx, RunResult r, bool writeJson = true)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(r);
        if (ctx.Json && writeJson)
            ctx.WriteJson(ToJson(r));
        var w = ctx.Human;
        w.WriteLine($"run {r.RunId}{(r.Resumed ? " (resumed)" : "")}");
        foreach (var s in r.Stages)
            PrintStage(w, s.Name, s.Counters, $"tasks {s.Tasks} ({s.TasksSkipped} skipped)");
    }

    /// <summary>One stage: a line of figures, then a line per reject reason and per dedup method that removed records.</summary>
    public static void PrintStage(TextWriter w, string name, TaskCounters c, string tail)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(c);
        var created = c.Created > 0 ? $"  created {c.Created,7:N0}" : "";
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-12} in {c.RecordsIn,9:N0}  kept {c.Kept,9:N0}  rejected {c.Rejected,7:N0}  removed {c.Removed,7:N0}{created}  " +
            $"{c.BytesIn / 1e6,8:F2} MB in  {c.BytesOut / 1e6,8:F2} MB out  {tail}"));
        foreach (var (reason, n) in c.RejectsByReason.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      {reason,-28} {n,7:N0}"));
        foreach (var (method, n) in c.RemovedByMethod.Where(kv => kv.Value > 0))
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      {method.DuplicateReason(),-28} {n,7:N0}"));
    }

    private static JsonObject Map(IEnumerable<KeyValuePair<string, long>> pairs)
    {
        var o = new JsonObject();
        foreach (var (k, v) in pairs)
            o[k] = v;
        return o;
    }
}
