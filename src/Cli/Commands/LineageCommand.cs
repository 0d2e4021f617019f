using System.CommandLine;
using MusicPile.Core;
using MusicPile.Publish;

namespace MusicPile.Cli.Commands;

/// <summary>
/// <c>musicpile lineage (--document SHA256 | --file PATH | --checkpoint DIR | --export ID) [--json]</c>: where a document
/// or raw file went (snapshots, exports, training runs, checkpoints), and what a checkpoint or export came from.
/// </summary>
internal static class LineageCommand
{
    private static readonly Option<string?> Document = new("--document") { Description = "A document's content hash (SHA-256)" };
    private static readonly Option<string?> File = new("--file") { Description = "A raw source file" };
    private static readonly Option<string?> Checkpoint = new("--checkpoint") { Description = "A checkpoint folder" };
    private static readonly Option<string?> Export = new("--export") { Description = "An export id" };

    public static Command Create()
    {
        var cmd = new Command("lineage", "Snapshots, exports, training runs and checkpoints holding a document or file; sources and files behind a checkpoint or export");
        foreach (var o in new Option[] { Document, File, Checkpoint, Export })
            cmd.Options.Add(o);
        cmd.SetAction((p, ct) => CliContext.GuardAsync(p, RunAsync, ct));
        return cmd;
    }

    private static async Task<int> RunAsync(CliContext ctx, CancellationToken ct)
    {
        var given = new[] { Document, File, Checkpoint, Export }.Where(o => !string.IsNullOrWhiteSpace(ctx.Parse.GetValue(o))).ToList();
        if (given.Count != 1)
            throw MusicPileException.Usage("lineage: give exactly one of --document SHA256, --file PATH, --checkpoint DIR or --export ID");
        var value = ctx.Parse.GetValue(given[0])!;
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var db = catalog.DataSource;
        var report = given[0] == Document ? await Lineage.OfDocumentAsync(db, value, ct).ConfigureAwait(false)
            : given[0] == File ? await Lineage.OfFileAsync(db, value, ct).ConfigureAwait(false)
            : given[0] == Checkpoint ? await Lineage.OfCheckpointAsync(db, value, ct).ConfigureAwait(false)
            : await Lineage.OfExportAsync(db, value, ct).ConfigureAwait(false);
        if (ctx.Json)
            ctx.WriteJson(report);
        var w = ctx.Human;
        w.WriteLine($"lineage of {report.Query} {report.Target}");
        foreach (var s in report.Snapshots)
            w.WriteLine($"  snapshot   {s.Id}  {s.Created:yyyy-MM-dd HH:mm:ss}  {s.Matching:N0} of {s.Documents:N0} documents");
        foreach (var e in report.Exports)
            w.WriteLine($"  export     {e.Id}  of {e.SnapshotId}  {e.Tokenizer} {e.Format}  {e.OutDir}");
        foreach (var r in report.TrainRuns)
            w.WriteLine($"  train run  {r.Id}  of {r.SnapshotId} via {r.ExportId}  {r.Status}");
        foreach (var c in report.Checkpoints)
            w.WriteLine($"  checkpoint {c.Path}  (run {c.TrainRunId}, step {c.Step})");
        foreach (var s in report.Sources ?? [])
            w.WriteLine($"  source     {s.Name}  licence {(s.Licence.Length == 0 ? "(none given)" : s.Licence)}  {s.Documents:N0} documents");
        foreach (var f in report.Files ?? [])
            w.WriteLine($"  file       {f.Path}  ({f.Source ?? "?"}, {f.Documents:N0} documents{(f.Status == "deleted" ? ", deleted since" : "")})");
        if (report.Snapshots.Count == 0)
            w.WriteLine("  no snapshot holds it");
        return ExitCodes.Success;
    }
}
