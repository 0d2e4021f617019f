using System.CommandLine;
using MusicPile.Publish;

namespace MusicPile.Cli.Commands;

/// <summary>
/// <c>musicpile snapshot gc --keep N [--dry-run] [--force] [--json]</c>: removes snapshots older than the newest N,
/// never one an export or training run uses unless forced, and reports the disk use before and after.
/// </summary>
internal static class SnapshotGcCommand
{
    private static readonly Option<int> Keep = new("--keep") { Description = "Newest snapshots to keep (at least 1)", Required = true };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Report what would be removed; remove nothing" };
    private static readonly Option<bool> Force = new("--force") { Description = "Remove snapshots that exports or training runs still use" };

    public static Command Create()
    {
        var cmd = new Command("gc", "Remove old snapshots (folders and rows), sparing those exports or training runs use");
        foreach (var o in new Option[] { Keep, DryRun, Force })
            cmd.Options.Add(o);
        cmd.SetAction((p, ct) => CliContext.GuardAsync(p, RunAsync, ct));
        return cmd;
    }

    private static async Task<int> RunAsync(CliContext ctx, CancellationToken ct)
    {
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var r = await SnapshotGc.RunAsync(catalog.DataSource, ctx.Home, ctx.Parse.GetValue(Keep), ctx.Parse.GetValue(DryRun), ctx.Parse.GetValue(Force), ct).ConfigureAwait(false);
        if (ctx.Json)
            ctx.WriteJson(r);
        var w = ctx.Human;
        var verb = r.DryRun ? "would remove" : "removed";
        w.WriteLine($"snapshot gc --keep {r.Keep}: {verb} {r.Removed.Count}, kept {r.Kept.Count}");
        foreach (var id in r.Removed)
            w.WriteLine($"  {verb} {id}");
        foreach (var s in r.Skipped)
            w.WriteLine($"  kept {s.Id}: used by {string.Join(", ", s.Exports.Select(e => "export " + e).Concat(s.TrainRuns.Select(t => "training run " + t)))} (--force removes it)");
        w.WriteLine($"  disk use {r.BytesBefore / 1048576.0:N1} MB in {r.FilesBefore:N0} files -> {r.BytesAfter / 1048576.0:N1} MB in {r.FilesAfter:N0} files" +
            (r.DryRun ? " (after: estimated)" : ""));
        return ExitCodes.Success;
    }
}
